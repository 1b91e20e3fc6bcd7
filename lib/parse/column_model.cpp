// The columns of a space-aligned table.
//
// pdftotext -layout places each word at a character column worked out from
// where it was printed, so a table's columns show as words that start near
// one place, line after line. Near, not at: a line of wide (CJK) characters
// drifts a place or two from a line of digits, cells may be centred, and
// two columns may be one space apart. So a column's start is not taken from
// a fixed width or from one line: the header names the columns and says
// roughly where each one is; the body's words then say where, between two
// headers, one column ends and the next begins (the place fewest words
// cross).
#include "parse/column_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "normalize/normalize.h"
#include "source/input.h"

namespace jixiao::parse {

void append_piece(std::string& text, std::string_view piece) {
  if (piece.empty()) return;
  if (!text.empty() && !normalize::cjk_on_both_sides(text, piece)) text += ' ';
  text += piece;
}

std::vector<GridColumn> header_columns(const std::vector<const tokenize::Row*>& band,
                                       const std::function<bool(std::string_view)>& is_label) {
  struct Placed {
    const tokenize::Word* word;
    int line;
  };
  std::vector<Placed> words;
  for (const tokenize::Row* row : band) {
    for (const auto& word : row->words) words.push_back({&word, row->line});
  }
  std::stable_sort(words.begin(), words.end(), [](const Placed& a, const Placed& b) {
    return a.word->column < b.word->column;
  });
  // Words that overlap, left to right, are one header cell.
  std::vector<std::vector<Placed>> cells;
  int end = std::numeric_limits<int>::min();
  for (const Placed& p : words) {
    if (cells.empty() || p.word->column >= end) cells.emplace_back();
    cells.back().push_back(p);
    end = std::max(end, p.word->end());
  }
  auto column_of_cell = [](std::vector<Placed> cell) {
    std::stable_sort(cell.begin(), cell.end(), [](const Placed& a, const Placed& b) {
      return a.line != b.line ? a.line < b.line : a.word->column < b.word->column;
    });
    GridColumn column;
    column.header_start = std::numeric_limits<int>::max();
    column.header_end = std::numeric_limits<int>::min();
    for (const Placed& p : cell) {
      append_piece(column.header, p.word->text);
      column.header_start = std::min(column.header_start, p.word->column);
      column.header_end = std::max(column.header_end, p.word->end());
    }
    return column;
  };
  std::vector<GridColumn> columns;
  for (const auto& cell : cells) columns.push_back(column_of_cell(cell));
  // `三级 指标`: two pieces that are a label only together.
  for (std::size_t i = 0; i + 1 < columns.size();) {
    std::string joined = columns[i].header;
    append_piece(joined, columns[i + 1].header);
    if (!is_label(columns[i].header) && !is_label(columns[i + 1].header) && is_label(joined)) {
      columns[i].header = joined;
      columns[i].header_end = columns[i + 1].header_end;
      columns.erase(columns.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      continue;
    }
    ++i;
  }
  for (auto& column : columns) column.left = column.header_start;
  return columns;
}

namespace {

// Where a table's words stand, place by place.
struct Profile {
  // cut[x]: words that a column beginning at x would cut in two.
  std::vector<int> cut;
  // lead[x]: words that begin a cell's text at x (first on their line, or
  // two spaces or more after the word before: not a word inside a cell; nor
  // one that closes a bracket).
  std::vector<int> lead;
  // start[x]: every word that begins at x (a cell one space after the one
  // before is among them).
  std::vector<int> start;

  Profile(const std::vector<const tokenize::Row*>& body, int width) {
    for (const auto* row : body) {
      for (const auto& word : row->words) width = std::max(width, word.end());
    }
    cut.assign(static_cast<std::size_t>(width) + 4, 0);
    lead.assign(static_cast<std::size_t>(width) + 4, 0);
    start.assign(static_cast<std::size_t>(width) + 4, 0);
    for (const auto* row : body) {
      int previous_end = std::numeric_limits<int>::min() / 2;
      for (const auto& word : row->words) {
        if (word.column - previous_end >= 2 && !source::closes_bracket(word.text))
          ++lead[static_cast<std::size_t>(word.column)];
        ++start[static_cast<std::size_t>(word.column)];
        previous_end = word.end();
        for (int x = word.column + 1; x < word.end(); ++x) ++cut[static_cast<std::size_t>(x)];
      }
    }
  }
  int cut_at(int x) const { return x >= 0 && x < size() ? cut[static_cast<std::size_t>(x)] : 0; }
  int lead_at(int x) const { return x >= 0 && x < size() ? lead[static_cast<std::size_t>(x)] : 0; }
  int start_at(int x) const {
    return x >= 0 && x < size() ? start[static_cast<std::size_t>(x)] : 0;
  }
  int size() const { return static_cast<int>(cut.size()); }
};

}  // namespace

// The left end of the widest run of fewest cuts in [lo, hi].
int widest_gutter(const Profile& profile, int lo, int hi) {
  int best_cut = std::numeric_limits<int>::max();
  for (int x = lo; x <= hi; ++x) best_cut = std::min(best_cut, profile.cut_at(x));
  int best_run = 0, left = lo;
  for (int x = lo; x <= hi;) {
    if (profile.cut_at(x) != best_cut) {
      ++x;
      continue;
    }
    int end = x;
    while (end <= hi && profile.cut_at(end) == best_cut) ++end;
    if (end - x > best_run) {
      best_run = end - x;
      left = x;
    }
    x = end;
  }
  return left;
}

std::vector<GridColumn> fit_columns(const std::vector<GridColumn>& previous,
                                    const std::vector<const tokenize::Row*>& body) {
  std::vector<GridColumn> out = previous;
  const std::size_t n = previous.size();
  if (n < 2) return out;
  const Profile profile(body, 0);
  // Where cells begin on this page: places where words start, a place or
  // two apart, weighed by how many begin a cell for sure (first on their
  // line, or after a gap) and, less, by the others.
  struct Cluster {
    int at = 0;
    double weight = 0;
  };
  std::vector<Cluster> clusters;
  for (int x = 0; x < profile.size(); ++x) {
    const double weight = profile.lead_at(x) + 0.25 * (profile.start_at(x) - profile.lead_at(x));
    if (weight == 0) continue;
    if (clusters.empty() || x - clusters.back().at > 2) clusters.push_back({x, 0});
    clusters.back().weight += weight;
  }
  const std::size_t m = clusters.size();
  // (A page of a table has a few dozen places where cells begin; past this
  // the text is no table's, and the page before's columns do.)
  constexpr std::size_t kMaxClusters = 256;
  if (m < n - 1 || m > kMaxClusters) return out;
  // Each column after the first begins at a cluster, in order, near where it
  // began on the page before; a cluster of few cells is a weaker start.
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> best(n, std::vector<double>(m + 1, kInf));
  std::vector<std::vector<std::size_t>> from(n, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t j = 0; j <= m; ++j) best[0][j] = 0;  // column 0: no start of its own
  for (std::size_t i = 1; i < n; ++i) {
    for (std::size_t j = i; j <= m; ++j) {  // column i at cluster j-1
      const Cluster& c = clusters[j - 1];
      const double cost = std::abs(c.at - previous[i].left) + 3.0 / c.weight;
      for (std::size_t k = i - 1; k < j; ++k) {  // column i-1 at cluster k-1 (or none)
        if (best[i - 1][k] + cost < best[i][j]) {
          best[i][j] = best[i - 1][k] + cost;
          from[i][j] = k;
        }
      }
    }
  }
  std::size_t j = n - 1;
  for (std::size_t k = n; k <= m; ++k) {
    if (best[n - 1][k] < best[n - 1][j]) j = k;
  }
  if (best[n - 1][j] == kInf) return out;
  std::vector<int> at(n, 0);
  for (std::size_t i = n - 1; i > 0; --i) {
    at[i] = clusters[j - 1].at;
    j = from[i][j];
  }
  // Each column begins in the gutter before its cluster.
  for (std::size_t i = 1; i < n; ++i) {
    const int lo = i == 1 ? 0 : at[i - 1] + 1;
    out[i].left = widest_gutter(profile, std::max(lo, at[i] - 8), at[i]);
  }
  return out;
}

void place_columns(std::vector<GridColumn>& columns,
                   const std::vector<const tokenize::Row*>& body) {
  if (columns.empty()) return;
  int width = 0;
  for (const auto& column : columns) width = std::max(width, column.header_end);
  const Profile profile(body, width);
  const auto& cut = profile.cut;
  const auto& lead = profile.lead;
  columns.front().left = std::numeric_limits<int>::min();
  for (std::size_t i = 1; i < columns.size(); ++i) {
    const int lo = std::max(columns[i - 1].header_end, columns[i - 1].left + 1);
    int hi = std::max(lo, columns[i].header_start);
    // A header is centred over its column, whose cells may begin well left
    // of it: no further right than where the first of them begins.
    for (int x = lo; x <= hi; ++x) {
      if (lead[static_cast<std::size_t>(x)] > 0) {
        hi = x;
        break;
      }
    }
    // The widest gutter of the fewest cuts, and its left end: a word that
    // begins in it (and is cut at its next place) is the column before's.
    int best_cut = std::numeric_limits<int>::max();
    for (int x = lo; x <= hi; ++x) best_cut = std::min(best_cut, cut[static_cast<std::size_t>(x)]);
    int best_run = 0;
    for (int x = lo; x <= hi;) {
      if (cut[static_cast<std::size_t>(x)] != best_cut) {
        ++x;
        continue;
      }
      int end = x;
      while (end <= hi && cut[static_cast<std::size_t>(end)] == best_cut) ++end;
      if (end - x > best_run) {
        best_run = end - x;
        columns[i].left = x;
      }
      x = end;
    }
  }
}

int column_at(const std::vector<GridColumn>& columns, int x) {
  int at = 0;
  for (std::size_t i = 1; i < columns.size(); ++i) {
    if (columns[i].left <= x) at = static_cast<int>(i);
  }
  return at;
}

std::vector<Fragment> fragments_of(
    const tokenize::Row& line, const std::vector<GridColumn>& columns,
    const std::function<bool(int, std::string_view)>& begins_cell,
    const std::function<bool(int, std::string_view, std::string_view)>& ends_before) {
  constexpr int kDrift = 4;  // places a cell's start may fall short of its column's
  std::vector<Fragment> out;
  const auto& words = line.words;
  int floor = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const tokenize::Word& word = words[i];
    int column = std::max(floor, column_at(columns, word.column));
    // `994500 元`, `65 岁`: a unit one space after its number stays with it,
    // wherever pdftotext's spacing put it.
    if (i > 0 && word.column - words[i - 1].end() == 1 && word.chars <= 2 &&
        !std::isdigit(static_cast<unsigned char>(word.text.front())) &&
        std::isdigit(static_cast<unsigned char>(words[i - 1].text.back())))
      column = floor;
    const int ahead = column_at(columns, word.column + kDrift);
    if (ahead > column &&
        (i + 1 == words.size() || column_at(columns, words[i + 1].column) >= ahead)) {
      std::string rest;
      for (std::size_t k = i; k < words.size(); ++k) append_piece(rest, words[k].text);
      if (begins_cell(ahead, rest)) column = ahead;
    }
    if (ends_before && !out.empty() && out.back().column == column &&
        column + 1 < static_cast<int>(columns.size()) &&
        ends_before(column, out.back().text, word.text))
      ++column;
    floor = column;
    if (out.empty() || out.back().column != column) {
      Fragment f;
      f.column = column;
      f.line = line.line;
      f.start = word.column;
      out.push_back(std::move(f));
    } else {
      out.back().width += 1;  // the space between two words
    }
    Fragment& f = out.back();
    append_piece(f.text, word.text);
    f.end = word.end();
    f.width += word.width;
  }
  return out;
}

}  // namespace jixiao::parse
