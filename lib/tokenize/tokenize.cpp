#include "tokenize/tokenize.h"

#include <algorithm>

#include "source/input.h"

namespace jixiao::tokenize {
namespace {

bool is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

// [first, last) of `s` without the blanks at either end.
std::pair<std::size_t, std::size_t> trimmed(std::string_view s, std::size_t first,
                                            std::size_t last) {
  while (first < last && is_blank_char(s[first])) ++first;
  while (last > first && is_blank_char(s[last - 1])) --last;
  return {first, last};
}

std::optional<int> year_in(const grammar::Pattern& pattern, std::string_view text) {
  grammar::Pattern::Match m;
  if (!pattern.search(text, m)) return std::nullopt;
  std::string_view digits = m.group(pattern.group_index("year"));
  if (digits.empty()) return std::nullopt;
  return std::stoi(std::string(digits));
}

}  // namespace

std::string_view to_string(RowKind kind) {
  switch (kind) {
    case RowKind::blank:
      return "blank";
    case RowKind::page_break:
      return "page_break";
    case RowKind::title:
      return "title";
    case RowKind::year:
      return "year";
    case RowKind::note:
      return "note";
    case RowKind::rule:
      return "rule";
    case RowKind::cells:
      return "cells";
  }
  return "cells";
}

FilledCells Row::filled() const {
  FilledCells out;
  for (const auto& cell : cells) {
    if (!cell.empty()) out.push_back(&cell);
  }
  return out;
}

std::string_view to_string(Layout layout) {
  switch (layout) {
    case Layout::automatic:
      return "auto";
    case Layout::tab:
      return "tab";
    case Layout::pipe:
      return "pipe";
    case Layout::spaces:
      return "spaces";
    case Layout::reading_order:
      return "reading-order";
    case Layout::csv:
      return "csv";
    case Layout::marked_cells:
      return "marked-cells";
    case Layout::words:
      return "words";
    case Layout::indented:
      return "indented";
  }
  return "auto";
}

std::optional<Layout> layout_named(std::string_view name) {
  for (Layout layout : {Layout::automatic, Layout::tab, Layout::pipe, Layout::spaces,
                        Layout::reading_order, Layout::csv}) {
    if (to_string(layout) == name) return layout;
  }
  return std::nullopt;
}

bool is_csv_row(std::string_view raw) {
  if (raw.find('\t') != std::string_view::npos) return false;
  bool quoted = false;
  int separators = 0;
  auto digit = [&](std::size_t i) { return i < raw.size() && raw[i] >= '0' && raw[i] <= '9'; };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '"') quoted = !quoted;
    // `1,200` outside quotes is a number in prose, not two cells.
    if (raw[i] == ',' && !quoted && !(i > 0 && digit(i - 1) && digit(i + 1))) ++separators;
  }
  return separators >= 2;
}

bool opens_csv_cell(std::string_view raw) {
  if (raw.find('"') == std::string_view::npos) return false;
  if (!raw.starts_with('"') && raw.find(",\"") == std::string_view::npos) return false;
  return std::count(raw.begin(), raw.end(), '"') % 2 == 1;
}

Layout Tokenizer::layout_of(std::string_view raw, std::string_view line) const {
  if (layout_ != Layout::automatic) return layout_;
  if (line.find('\t') != std::string_view::npos) return Layout::tab;
  const std::size_t first = line.find_first_not_of(' ');
  // `| a | b |`, and as HTML-to-text converters write rows, without the
  // leading pipe: `a | b | |`.
  const auto pipes = std::count(line.begin(), line.end(), '|');
  const std::size_t last = line.find_last_not_of(' ');
  std::size_t spaced = 0;
  for (std::size_t at = line.find(" | "); at != std::string_view::npos;
       at = line.find(" | ", at + 3))
    ++spaced;
  if (first != std::string_view::npos && pipes >= 2 &&
      (line[first] == '|' || line[last] == '|' || spaced >= 2)) {
    return Layout::pipe;
  }
  if (is_csv_row(raw)) return Layout::csv;
  const std::size_t gap = first == std::string_view::npos ? first : line.find("  ", first);
  if (gap != std::string_view::npos && line.find_last_not_of(' ') > gap) return Layout::spaces;
  return Layout::tab;
}

// The cells of a line of comma-separated values: split at the commas that
// were commas in the file (NFKC also turns `，` into one) outside quotes.
void split_csv(Row& row, std::string_view raw, const normalize::Text& text) {
  const std::string_view s = text.text;
  auto is_raw = [&](std::size_t i, char c) {
    return text.origin[i] < raw.size() && raw[text.origin[i]] == c;
  };
  bool quoted = false;
  std::size_t start = 0;
  source::ColumnCursor columns(raw);
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] == '"' && is_raw(i, '"')) quoted = !quoted;
    if (i < s.size() && !(s[i] == ',' && !quoted && is_raw(i, ','))) continue;
    const auto [first, last] = trimmed(s, start, i);
    std::string cell(s.substr(first, last - first));
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
      cell = cell.substr(1, cell.size() - 2);
      for (std::size_t at = cell.find("\"\""); at != std::string::npos;
           at = cell.find("\"\"", at + 1))
        cell.erase(at, 1);
    }
    if (row.cells.size() == kMaxCells) {
      ++row.dropped_cells;
    } else {
      Cell c;
      c.text = std::move(cell);
      c.index = static_cast<int>(row.cells.size());
      c.column = columns.column_of(text.origin[first]);
      c.line = row.line;
      row.cells.push_back(std::move(c));
    }
    start = i + 1;
  }
}

// Where the line had a single space that normalization removed, inside its
// one cell: offsets into the cell's text.
std::vector<std::uint32_t> dropped_spaces(std::string_view raw, const normalize::Text& text,
                                          std::size_t cell_start, std::size_t cell_end) {
  std::vector<std::uint32_t> out;
  const std::string_view s = text.text;
  for (std::size_t i = cell_start + 1; i < cell_end; ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80 || s[i - 1] == ' ') continue;
    const std::uint32_t at = text.origin[i];
    if (at > 0 && at <= raw.size() && raw[at - 1] == ' ')
      out.push_back(static_cast<std::uint32_t>(i - cell_start));
  }
  return out;
}

// The words of a space-aligned line: the raw line split at its spaces, each
// word's text the normalized characters that came from it.
std::vector<Word> words_of(std::string_view raw, const normalize::Text& text) {
  std::vector<Word> out;
  const std::string_view s = text.text;
  source::ColumnCursor columns(raw);
  std::size_t i = 0;  // into the normalized text
  for (std::size_t start = raw.find_first_not_of(' '); start != std::string_view::npos;) {
    std::size_t end = raw.find(' ', start);
    if (end == std::string_view::npos) end = raw.size();
    while (i < s.size() && text.origin[i] < start) ++i;
    const std::size_t first = i;
    while (i < s.size() && text.origin[i] < end) ++i;
    const auto [from, to] = trimmed(s, first, i);
    if (to > from && out.size() < kMaxCells) {
      const std::string_view piece = raw.substr(start, end - start);
      Word word;
      word.text = std::string(s.substr(from, to - from));
      word.column = columns.column_of(start) - 1;
      word.chars = static_cast<int>(source::char_count(piece));
      word.width = normalize::print_width(piece);
      out.push_back(std::move(word));
    }
    start = raw.find_first_not_of(' ', end);
  }
  return out;
}

// The end of the cell that starts at `start`, and where the next one starts.
std::pair<std::size_t, std::size_t> cell_end(std::string_view s, std::size_t start, Layout layout) {
  std::size_t end = std::string_view::npos;
  std::size_t next = std::string_view::npos;
  if (layout == Layout::pipe) {
    end = s.find('|', start);
    next = end == std::string_view::npos ? end : end + 1;
  } else if (layout == Layout::spaces) {
    end = s.find("  ", start);
    next = end == std::string_view::npos ? end : s.find_first_not_of(' ', end);
  } else {
    end = s.find('\t', start);
    next = end == std::string_view::npos ? end : end + 1;
  }
  if (end == std::string_view::npos) return {s.size(), s.size()};
  return {end, next == std::string_view::npos ? s.size() : next};
}

Row Tokenizer::tokenize(int line, std::string_view raw, const normalize::Text& text) const {
  Row row;
  row.line = line;
  row.last_line = line;
  row.text = text.text;
  row.layout = layout_of(raw, text.text);
  if (row.layout == Layout::csv) {
    split_csv(row, raw, text);
    std::optional<int> year;
    row.kind = classify(row, year);
    row.year = year;
    return row;
  }
  std::string_view s = text.text;
  std::size_t start = 0;
  if (row.layout == Layout::pipe) {
    // `| a | b |`: the outer pipes frame the row, they do not open cells.
    const std::size_t open = s.find('|');
    if (open != std::string_view::npos && s.find_first_not_of(' ') == open) start = open + 1;
    const std::size_t close = s.find_last_not_of(' ');
    if (close != std::string_view::npos && close > start && s[close] == '|') s = s.substr(0, close);
  } else if (row.layout == Layout::spaces) {
    start = std::min(s.size(), s.find_first_not_of(' '));
  }
  int filled = 0;
  std::pair<std::size_t, std::size_t> filled_span;  // of the last filled cell
  source::ColumnCursor columns(raw);
  for (int index = 0;; ++index) {
    auto [end, next] = cell_end(s, start, row.layout);
    const auto [first, last] = trimmed(s, start, end);
    Cell cell;
    cell.text = std::string(s.substr(first, last - first));
    cell.index = index;
    cell.column = columns.column_of(text.origin[first]);
    cell.line = line;
    if (!cell.text.empty()) {
      ++filled;
      filled_span = {first, last};
    }
    row.cells.push_back(std::move(cell));
    if (end == s.size() || next == s.size()) break;
    start = next;
    if (row.cells.size() == kMaxCells) {
      // Count what is left instead of splitting it.
      for (std::size_t at = start;;) {
        ++row.dropped_cells;
        const auto [e, n] = cell_end(s, at, row.layout);
        if (e == s.size() || n == s.size()) break;
        at = n;
      }
      break;
    }
  }
  if (filled == 1 && row.layout == Layout::tab && raw.find(' ') != std::string_view::npos)
    row.breaks = dropped_spaces(raw, text, filled_span.first, filled_span.second);
  // Words for every line that could be a row of a space-aligned table: one
  // with a single cell (a wrapped piece, `标`) has no gap of two spaces.
  if ((row.layout == Layout::spaces || row.layout == Layout::tab) &&
      raw.find('\t') == std::string_view::npos)
    row.words = words_of(raw, text);
  std::optional<int> year;
  row.kind = classify(row, year);
  // A line that normalizes to nothing (a stray byte-order mark, zero-width
  // characters) is still a line: furniture, accounted for, not blank.
  if (row.kind == RowKind::blank && raw.find_first_not_of(" \t\r\f\v") != std::string_view::npos)
    row.kind = RowKind::rule;
  row.year = year;
  return row;
}

void Tokenizer::classify(Row& row) const {
  std::optional<int> year;
  row.kind = classify(row, year);
  row.year = year;
}

RowKind Tokenizer::classify(const Row& row, std::optional<int>& year) const {
  // pdftotext ends each page with a form feed.
  if (row.text.find('\f') != std::string::npos && grammar::squash(row.text).empty()) {
    return RowKind::page_break;
  }
  const auto filled = row.filled();
  // `|  ||`: empty cells, but not an empty line: a row of table furniture,
  // so that it is accounted for like any other line.
  if (filled.empty()) return grammar::squash(row.text).empty() ? RowKind::blank : RowKind::rule;
  if (grammar_.document.rule.contains(row.text)) return RowKind::rule;
  if (filled.size() > 1) return RowKind::cells;
  const std::string& only = filled.front()->text;
  const std::string squashed = grammar::squash(only);
  for (const auto& pattern : grammar_.document.page_breaks) {
    if (pattern.contains(only) || pattern.contains(squashed)) return RowKind::page_break;
  }
  grammar::Pattern::Match m;
  if (grammar_.document.year_line.search(squashed, m)) {
    year = year_in(grammar_.document.year_line, squashed);
    return RowKind::year;
  }
  if (grammar_.document.note.search(squashed, m) && m.groups[0].offset == 0) return RowKind::note;
  if (!grammar_.document.furniture.empty() && grammar_.document.furniture.contains(squashed))
    return RowKind::note;
  if (grammar_.is_title(only)) {
    year = year_in(grammar_.document.year, only);
    return RowKind::title;
  }
  return RowKind::cells;
}

}  // namespace jixiao::tokenize
