// Rows told apart by the grammar's words: single spaces between cells, no
// separator at all, or a whole document on one line.
//
//   项目名称 科普经费 主管部门 某县科协           → 项目名称 | 科普经费 | 主管部门 | 某县科协
//   产出指标数量指标培训人数≥100人               → 产出指标 | 数量指标 | 培训人数 | ≥100人
//   … 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 培训人数 ≥100 人 场地 2 个 …
//                                              → one row per header pair, the column
//                                                header, and one row per indicator
#include <algorithm>

#include "layout/layout.h"
#include "normalize/normalize.h"
#include "source/input.h"

namespace jixiao::layout {
namespace {

using Kind = Piece::Kind;

// A word glued to the text after it must be this long to be taken as a
// word: `数量` or `成本` may begin a name, `数量指标` does not.
constexpr std::size_t kGluedWordChars = 4;
constexpr std::size_t kGluedLabelChars = 3;
// A cell longer than this is prose, not a name and its value run together.
constexpr std::size_t kMaxSplitChars = 160;

Kind kind_of(grammar::WordKind kind) {
  switch (kind) {
    case grammar::WordKind::header_label:
      return Kind::header_label;
    case grammar::WordKind::column:
      return Kind::column;
    case grammar::WordKind::level1:
      return Kind::level1;
    case grammar::WordKind::level2:
      return Kind::level2;
    case grammar::WordKind::performance_type:
      return Kind::performance_type;
  }
  return Kind::content;
}

std::size_t char_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Joins two pieces of one cell: with a space, unless both sides are CJK
// (where the space was extraction's, as normalization says).
void join(std::string& to, std::string_view piece) {
  if (!to.empty() && !piece.empty() && !normalize::cjk_on_both_sides(to, piece)) to += ' ';
  to.append(piece);
}

// The pieces of `text` between spaces and breaks.
std::vector<Piece> spaced_pieces(std::string_view text, const std::vector<std::uint32_t>& breaks) {
  std::vector<Piece> out;
  std::size_t start = 0;
  bool spaced = false;
  auto cut = [&](std::size_t end, std::size_t next, bool space) {
    if (end > start)
      out.push_back(
          Piece{Kind::content, std::string(text.substr(start, end - start)), start, spaced});
    start = next;
    spaced = space;
  };
  std::size_t b = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    while (b < breaks.size() && breaks[b] < i) ++b;
    if (b < breaks.size() && breaks[b] == i && i > start) cut(i, i, true);
    if (text[i] == ' ') {
      std::size_t end = i;
      while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
      cut(end, i + 1, true);
    }
  }
  cut(text.size(), text.size(), false);
  return out;
}

}  // namespace

std::vector<Piece> word_pieces(std::string_view text, const std::vector<std::uint32_t>& breaks,
                               const grammar::Grammar& g) {
  std::vector<Piece> out;
  for (Piece& spaced : spaced_pieces(text, breaks)) {
    if (g.is_title(spaced.text)) {
      spaced.kind = Kind::title;
      out.push_back(std::move(spaced));
      continue;
    }
    grammar::Pattern::Match m;
    if (g.document.year_line.search(spaced.text, m) && m.groups[0].offset == 0 &&
        m.groups[0].length == spaced.text.size()) {
      spaced.kind = Kind::year;
      out.push_back(std::move(spaced));
      continue;
    }
    std::string_view rest = spaced.text;
    std::size_t at = spaced.offset;
    bool first = true;
    std::optional<Kind> last_word;
    bool after_goal = false;
    while (!rest.empty()) {
      const auto word = g.match_word_prefix(rest);
      const bool whole = word && word->end >= rest.size();
      const std::size_t chars = word ? source::char_count(rest.substr(0, word->end)) : 0;
      const std::size_t least = word && word->kind == grammar::WordKind::header_label
                                    ? kGluedLabelChars
                                    : kGluedWordChars;
      if (!word || (!whole && chars < least)) break;
      after_goal = word->field == grammar::HeaderField::goal;
      std::size_t end = word->end;
      // `数量指标(必填)`: a level's bracketed note belongs to it.
      if ((word->kind == grammar::WordKind::level1 || word->kind == grammar::WordKind::level2) &&
          end < rest.size() && rest[end] == '(') {
        if (const auto close = rest.find(')', end);
            close != std::string_view::npos &&
            g.levels.annotation.contains(rest.substr(end, close + 1 - end)))
          end = close + 1;
      }
      out.push_back(
          Piece{kind_of(word->kind), std::string(rest.substr(0, end)), at, first && spaced.spaced});
      last_word = kind_of(word->kind);
      first = false;
      at += end;
      rest.remove_prefix(end);
      if (last_word != Kind::header_label) continue;
      // `项目名称：科普经费`: the colon (NFKC made it `:`) only parts the label
      // from its value, as a cell boundary would.
      while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) {
        rest.remove_prefix(1);
        ++at;
      }
      if (after_goal || rest.empty()) continue;
      // `主管部门某局实施单位某中心`: the value runs to the next header label.
      for (std::size_t p = char_length(rest, 0); p < rest.size(); p += char_length(rest, p)) {
        const auto next = g.match_label_prefix(rest.substr(p));
        if (!next || source::char_count(rest.substr(p, next->end)) < kGluedLabelChars) continue;
        out.push_back(Piece{Kind::content, std::string(rest.substr(0, p)), at, false});
        at += p;
        rest.remove_prefix(p);
        break;
      }
    }
    if (!rest.empty())
      out.push_back(Piece{Kind::content, std::string(rest), at, first && spaced.spaced});
  }
  return out;
}

bool WordReader::reads_as_value(std::string_view text) const {
  const values::Parsed parsed = values_.parse(text);
  const auto kind = parsed.value.kind;
  return kind != model::ValueKind::text && kind != model::ValueKind::empty &&
         parsed.value.subject.empty();
}

// `按规定减免`: the whole text is a qualitative ending.
bool WordReader::whole_qualitative_tail(std::string_view text) const {
  grammar::Pattern::Match m;
  return !grammar_.values.qualitative_tail.empty() &&
         grammar_.values.qualitative_tail.search(text, m) && m.groups[0].offset == 0;
}

// A number, date or period, with words around it or not (`每场≤0.3万元`).
bool WordReader::holds_value(std::string_view text) const {
  const auto kind = values_.parse(text).value.kind;
  return kind != model::ValueKind::text && kind != model::ValueKind::empty;
}

// `不超过`, `≥`: a comparator with its number in the next piece.
bool WordReader::is_comparator(std::string_view text) const {
  if (text.empty() ||
      std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  return may_start_value(text) && reads_as_value(std::string(text) + "1");
}

// Most places hold a character that starts no value: only a digit, a
// comparator sign or one of the grammar's comparator words is tried.
bool WordReader::may_start_value(std::string_view text) const {
  const unsigned char c = static_cast<unsigned char>(text[0]);
  if (c < 0x80) return (c >= '0' && c <= '9') || c == '<' || c == '>' || c == '=';
  for (const auto& comparator : grammar_.values.comparators) {
    for (const auto& word : comparator.before) {
      if (!word.empty() && text.starts_with(word)) return true;
    }
  }
  return false;
}

// `个`, `万元`, `%`, `(40场)`: what may follow a number as its unit or note,
// asked of the value rules (`1` and the text must read as a quantity).
bool WordReader::is_unit(std::string_view text) const {
  if (text.starts_with("(")) return true;
  if (text.empty() || may_start_value(text)) return false;
  const values::Parsed parsed = values_.parse("1" + std::string(text));
  return parsed.value.kind == model::ValueKind::quantity && parsed.value.subject.empty() &&
         parsed.value.unit.has_value() && parsed.issues.empty();
}

std::size_t WordReader::value_start(std::string_view text, const std::vector<std::uint32_t>& breaks,
                                    bool spaces_part_cells) const {
  // A value alone (`≥ 258 天`, `至少 10900 册`) has no name in it.
  if (reads_as_value(text)) return 0;
  // The first place from which the rest is a number, date or period.
  if (source::char_count(text) > kMaxSplitChars) return 0;
  for (std::size_t p = char_length(text, 0); p < text.size(); p += char_length(text, p)) {
    if (!may_start_value(text.substr(p))) continue;
    if (!reads_as_value(text.substr(p))) continue;
    // `1 项(≥ 1370`: a value cut by a wrap, not a name and its value.
    std::string_view name = text.substr(0, p);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.empty() || name.back() == '(' || name.ends_with("（")) return 0;
    return p;
  }
  grammar::Pattern::Match m;
  if (!grammar_.values.qualitative_tail.empty() &&
      grammar_.values.qualitative_tail.search(text, m) && m.groups[0].offset > 0)
    return m.groups[0].offset;
  // `公众科学素养 持续提升`: the last space, where what follows reads as a
  // qualitative value (a space alone is no sign: wrapped text has them).
  std::size_t last = 0;
  for (std::uint32_t b : breaks) last = std::max<std::size_t>(last, b);
  if (const auto space = text.rfind(' '); space != std::string_view::npos && space + 1 > last)
    last = space + 1;
  // Never the space after a name's numbering (`3. 印制科普宣传品`).
  grammar::Pattern::Match numbering;
  if (grammar_.indicators.name_prefix.search(text, numbering) && numbering.groups[0].offset == 0 &&
      last <= numbering.groups[0].length)
    return 0;
  if (last == 0 || last >= text.size()) return 0;
  if (!spaces_part_cells && (grammar_.values.qualitative.empty() ||
                             !grammar_.values.qualitative.contains(text.substr(last))))
    return 0;
  return last;
}

std::vector<tokenize::Row> WordReader::rows(const tokenize::Row& line,
                                            const tokenize::Tokenizer& tokenizer) const {
  const auto filled = line.filled();
  if (filled.size() != 1) return {};
  const tokenize::Cell& cell = *filled.front();
  std::vector<Piece> pieces = word_pieces(cell.text, line.breaks, grammar_);
  if (pieces.size() < 2) return {};
  const auto count = [&](std::initializer_list<Kind> kinds) {
    return std::count_if(pieces.begin(), pieces.end(), [&](const Piece& p) {
      return std::find(kinds.begin(), kinds.end(), p.kind) != kinds.end();
    });
  };
  const bool starts_with_word = pieces.front().kind != Kind::content &&
                                pieces.front().kind != Kind::title &&
                                pieces.front().kind != Kind::year;
  const bool holds_table =
      count({Kind::header_label}) >= 2 && count({Kind::level1, Kind::level2, Kind::column}) >= 1;
  // `资金主管股室 社会保障股 项目年度金额（元） 6,852,000`: an unknown label
  // first, a known one after a space.
  const bool labelled_later = std::any_of(pieces.begin() + 1, pieces.end(), [](const Piece& p) {
    return p.kind == Kind::header_label && p.spaced;
  });
  if (!starts_with_word && !holds_table && !labelled_later) return {};

  // `指标 1：培训人数`: a name's numbering keeps its space.
  for (std::size_t k = 0; k + 1 < pieces.size(); ++k) {
    if (pieces[k].kind != Kind::content || pieces[k + 1].kind != Kind::content) continue;
    const std::string both = pieces[k].text + " " + pieces[k + 1].text;
    grammar::Pattern::Match m;
    if (grammar_.indicators.name_prefix.search(both, m) && m.groups[0].offset == 0 &&
        m.groups[0].length > pieces[k].text.size()) {
      pieces[k].text = both;
      pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    }
  }
  std::vector<tokenize::Row> out;
  std::vector<Piece> row;  // the row being built
  bool in_table = false;
  bool doubtful = false;  // a table row whose value reads as no value
  auto contents = [&] {
    return std::count_if(row.begin(), row.end(),
                         [](const Piece& p) { return p.kind == Kind::content; });
  };
  auto only = [&](std::initializer_list<Kind> kinds) {
    return std::all_of(row.begin(), row.end(), [&](const Piece& p) {
      return std::find(kinds.begin(), kinds.end(), p.kind) != kinds.end();
    });
  };
  auto flush = [&] {
    if (row.empty()) return;
    // A table row whose name and value ran together.
    if (in_table && contents() == 1 && row.back().kind == Kind::content) {
      Piece& both = row.back();
      if (const std::size_t at = value_start(both.text, {}, false); at > 0) {
        Piece value{Kind::content, both.text.substr(at), both.offset + at, false};
        both.text.resize(at);
        while (!both.text.empty() && both.text.back() == ' ') both.text.pop_back();
        while (!value.text.empty() && value.text.front() == ' ') value.text.erase(0, 1);
        row.push_back(std::move(value));
      }
    }
    // Two column labels run together (`绩效指标一级指标`) are what plain
    // pdftotext makes of a column header written one cell per line; a
    // column header of its own has the levels, the name and the value.
    const auto columns = std::count_if(row.begin(), row.end(),
                                       [](const Piece& p) { return p.kind == Kind::column; });
    if (columns > 0 && columns < 3) doubtful = true;
    // Every cell parted from the one before by a space: a row of the
    // single-space layout, whose last cell is the value whatever it says.
    const bool spaced_row =
        std::all_of(row.begin() + 1, row.end(), [](const Piece& p) { return p.spaced; });
    // `社会效益指`, `数量指标(必`: a label cut by a wrap, its rest glued on.
    for (std::size_t i = 1; i < row.size(); ++i) {
      const Kind before = row[i - 1].kind;
      if (row[i].kind == Kind::content && !row[i].spaced &&
          (before == Kind::level1 || before == Kind::level2 || before == Kind::column) &&
          source::char_count(row[i].text) <= 2)
        doubtful = true;
    }
    // `1. 人才队伍建设水平` is a numbered name, whatever number it holds.
    grammar::Pattern::Match numbered;
    if (contents() >= 2 && grammar_.indicators.name_prefix.search(row.back().text, numbered) &&
        numbered.groups[0].offset == 0)
      doubtful = true;
    // A table row must end in a value, and a row of column labels hold
    // nothing else.
    if (in_table && contents() > 0 &&
        (columns > 0 || contents() < 2 ||
         (!holds_value(row.back().text) && !(spaced_row && contents() == 2) &&
          !grammar_.values.qualitative.contains(row.back().text) &&
          !whole_qualitative_tail(row.back().text))))
      doubtful = true;
    tokenize::Row r;
    r.line = line.line;
    r.last_line = line.last_line;
    r.layout = tokenize::Layout::words;
    for (const Piece& p : row) {
      tokenize::Cell c;
      c.text = p.text;
      c.index = static_cast<int>(r.cells.size());
      // Characters before it, and the spaces normalization dropped there.
      const auto dropped = std::count_if(line.breaks.begin(), line.breaks.end(),
                                         [&](std::uint32_t b) { return b <= p.offset; });
      c.column =
          cell.column +
          static_cast<int>(source::char_count(std::string_view(cell.text).substr(0, p.offset)) +
                           static_cast<std::size_t>(dropped));
      c.line = line.line;
      if (!r.text.empty()) r.text += '\t';
      r.text += c.text;
      r.cells.push_back(std::move(c));
    }
    tokenizer.classify(r);
    out.push_back(std::move(r));
    row.clear();
  };
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    Piece& p = pieces[k];
    // The row's second level named again is a name: the indicator
    // `服务对象满意度` under `服务对象满意度指标`.
    if (p.kind == Kind::level2 && contents() == 0) {
      const auto level = grammar_.match_level2(p.text);
      for (const Piece& q : row) {
        if (q.kind == Kind::level2 && grammar_.match_level2(q.text) == level)
          p.kind = Kind::content;
      }
    }
    switch (p.kind) {
      case Kind::title:
      case Kind::year:
        flush();
        row.push_back(std::move(p));
        flush();
        in_table = false;
        break;
      case Kind::header_label:
        if (contents() > 0 || in_table) flush();
        in_table = false;
        row.push_back(std::move(p));
        break;
      case Kind::column:
        if (!only({Kind::column})) flush();
        in_table = true;
        row.push_back(std::move(p));
        break;
      case Kind::performance_type:
      case Kind::level1:
        if (!(p.kind == Kind::level1 && !row.empty() && only({Kind::performance_type}))) flush();
        in_table = true;
        row.push_back(std::move(p));
        break;
      case Kind::level2:
        if (row.empty() || !only({Kind::performance_type, Kind::level1})) flush();
        in_table = true;
        row.push_back(std::move(p));
        break;
      case Kind::content:
        if (!in_table) {
          if (!row.empty() && row.back().kind == Kind::content) {
            join(row.back().text, p.text);
          } else {
            row.push_back(std::move(p));
          }
          break;
        }
        if (contents() > 0 && row.back().kind == Kind::content &&
            (is_unit(p.text) || is_comparator(row.back().text))) {
          // `≥3 个`, `不超过 228 万元`: the unit after a space, or the number after
          // a comparator word, belongs to the value.
          join(row.back().text, p.text);
        } else if (contents() == 0) {
          row.push_back(std::move(p));
        } else if (contents() == 1) {
          // A name has its value next, unless the next piece is a value
          // and this one the next name (this name's value cell was empty).
          const bool value_like = reads_as_value(p.text) || is_comparator(p.text);
          const bool next_is_value =
              k + 1 < pieces.size() && pieces[k + 1].kind == Kind::content &&
              (reads_as_value(pieces[k + 1].text) || is_comparator(pieces[k + 1].text));
          if (!value_like && next_is_value) {
            flush();
            in_table = true;
          }
          row.push_back(std::move(p));
        } else if (reads_as_value(row.back().text + " " + p.text) && !reads_as_value(p.text) &&
                   !is_comparator(p.text)) {
          join(row.back().text, p.text);
        } else {
          flush();
          in_table = true;
          row.push_back(std::move(p));
        }
        break;
    }
  }
  flush();
  // A row in doubt (`经济效益指标 指标 1：带动群众增收`, where plain pdftotext
  // put two cells on a line): the line stands as it is. A line that holds a
  // whole table (a document on one line) has no other reading.
  if (doubtful && !holds_table) return {};
  return out;
}

// ----------------------------------------------------------------- stage

Assembler::Assembler(const grammar::Grammar& grammar, const tokenize::Tokenizer& tokenizer)
    : tokenizer_(tokenizer),
      values_(grammar),
      words_(grammar, values_),
      marked_(tokenizer),
      indented_(grammar, tokenizer),
      header_(grammar) {}

// Marked cells, the header of space-aligned text, the indented tree, words:
// the header block comes before the tree, whose indents it would take for a
// name and its value (`部门（单` over `     某厅`).
void Assembler::push(tokenize::Row row, const Emit& emit) {
  const Emit to_words = [&](tokenize::Row&& r) { split_words(std::move(r), emit); };
  const Emit to_tree = [&](tokenize::Row&& r) { indented_.push(std::move(r), to_words); };
  marked_.push(std::move(row), [&](tokenize::Row&& r) { header_.push(std::move(r), to_tree); });
}

void Assembler::finish(const Emit& emit) {
  const Emit to_words = [&](tokenize::Row&& r) { split_words(std::move(r), emit); };
  const Emit to_tree = [&](tokenize::Row&& r) { indented_.push(std::move(r), to_words); };
  marked_.finish([&](tokenize::Row&& r) { header_.push(std::move(r), to_tree); });
  header_.finish(to_tree);
  indented_.finish(to_words);
}

void Assembler::split_words(tokenize::Row row, const Emit& emit) {
  // pdftotext ends every page with a form feed: in its text a single space
  // is where the PDF drew a gap, not a cell boundary written by a person.
  if (row.text.find('\f') != std::string::npos || row.layout == tokenize::Layout::spaces)
    paged_ = true;
  if (paged_) return emit(std::move(row));
  // Only a line that is one cell: blank cells beside it are separators the
  // tokenizer saw, and say the row is read as it stands.
  if (row.kind != tokenize::RowKind::cells || row.layout != tokenize::Layout::tab ||
      row.cells.size() != 1) {
    return emit(std::move(row));
  }
  std::vector<tokenize::Row> rows = words_.rows(row, tokenizer_);
  if (rows.empty()) return emit(std::move(row));
  for (auto& r : rows) emit(std::move(r));
}

}  // namespace jixiao::layout
