// Tables in reading order, as plain `pdftotext` (without -layout) writes
// them: every cell a paragraph of its own, in the order the PDF's text
// flows, which is mostly but not quite the order of the rows.
//
// Names and values still alternate, so each value goes to the name just
// before it, or else to the oldest name still waiting for one. Where each
// level's block begins is lost, though: the merged labels come out wherever
// the page put them (often all together, ahead of the rows). What is left is
// their order and what the rows say. The rows are cut into one run per
// second level, the cut that best fits what each row says (a rate under
// 质量, a date under 时效, 满意 under 满意度: the grammar's `fits` and
// `hints`), with a small pull towards where each label stood in the text;
// the runs in the template's order or in the labels' order in the text,
// whichever fits the rows better.
#include "parse/reading_order.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "parse/parse.h"
#include "source/input.h"

namespace jixiao::parse {
namespace {

// A text value (`持续提升`, `按规定减免`) is at most this many characters;
// longer text is a name.
constexpr std::size_t kTextValueMaxChars = 8;
// A lone paragraph this long while the header awaits its goal is the goal.
constexpr std::size_t kGoalMinChars = 24;
// A cell this short that looks qualitative (grammar `values.qualitative`) is
// a value wherever it stands.
constexpr std::size_t kQualitativeMaxChars = 9;
// Pull of a label's place in the text, per row of distance: small, as the
// place is a poor guide.
constexpr double kLabelPull = 0.05;
// … and where the labels stand spread among the rows (at least this many
// places inside them, and this share of the labels), a stronger one.
constexpr double kSpreadLabelPull = 0.2;
constexpr std::size_t kSpreadLabels = 3;
constexpr double kSpreadShare = 0.6;
// Above this many rows in one table, levels are not optimised (the cost
// grows with the square of the rows); a table holds a few dozen.
constexpr std::size_t kMaxCutRows = 2000;
// A line this many characters short of the longest name line ended its cell.
constexpr double kFullLine = 0.8;
// The template's order of level blocks is the usual one: the order of the
// labels in the text must fit the rows better by more than this.
constexpr double kTemplatePrior = 0.5;
// The cost of a row under a level it does not look like, when it looks like
// exactly one other (against 1 when it looks like several).
constexpr double kSureMisfit = 2.0;
// The cost of a run of rows against the names' numbering (see levels()).
constexpr double kNumberingCost = 1.0;

bool wide_boundary(std::string_view left, std::string_view right) {
  return (!left.empty() && static_cast<unsigned char>(left.back()) >= 0x80) ||
         (!right.empty() && static_cast<unsigned char>(right.front()) >= 0x80);
}

// Wrapped lines of a cell run together; a space only between ASCII words.
void join_line(std::string& text, std::string_view more) {
  if (!text.empty() && !wide_boundary(text, more)) text += ' ';
  text += more;
}

// Money as the header writes it: two decimals (`1,260.50`) or a whole number
// of at least five digits (`18600000`).
bool is_header_sum(std::string_view text) {
  std::size_t digits = 0, i = 0;
  for (; i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == ',');
       ++i) {
    digits += text[i] != ',';
  }
  if (i == text.size()) return digits >= 5;
  return text[i] == '.' && text.size() - i == 3 &&
         std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
         std::isdigit(static_cast<unsigned char>(text[i + 2]));
}

// The last of two finds, npos when neither found.
std::size_t last_of(std::size_t a, std::size_t b) {
  if (a == std::string_view::npos) return b;
  if (b == std::string_view::npos) return a;
  return std::max(a, b);
}
// Whether `text` leaves a bracket open (`1 项（≥ 5 万`, `数量指标（必`).
bool leaves_bracket_open(std::string_view text) {
  const std::size_t open = last_of(text.rfind('('), text.rfind("（"));
  if (open == std::string_view::npos) return false;
  const std::size_t close = last_of(text.rfind(')'), text.rfind("）"));
  return close == std::string_view::npos || close < open;
}

bool has_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

std::vector<const tokenize::Row*> ReadingOrderTable::lines() const {
  std::vector<const tokenize::Row*> out;
  for (const auto& row : rows_) out.push_back(&row);
  return out;
}

void ReadingOrderTable::add(const tokenize::Row& row) {
  // `可持续影响指标 指标 1：公共文化服务体系`: a label and the cell beside it
  // on one line.
  // `指标（必填） 指标 2：…`: so is a label's tail and a numbered name.
  tokenize::Row split = row;
  split.cells.clear();
  auto push_numbered_apart = [&](tokenize::Cell cell) {
    // (Not inside the cell's own number: `指标 1：…` is one cell.)
    grammar::Pattern::Match own;
    const std::size_t own_end =
        grammar_.indicators.name_prefix.search(cell.text, own) && own.groups[0].offset == 0
            ? own.groups[0].length
            : 0;
    for (std::size_t space = cell.text.find(' '); space != std::string::npos;
         space = cell.text.find(' ', space + 1)) {
      if (space < own_end) continue;
      const std::string tail = cell.text.substr(space + 1);
      // `指标 4：修复湿地面 1 项（> 4510`: a numbered name and the line of the
      // value beside it (at the same height, so on one line).
      const bool value_apart = own_end > 0 && starts_value(tail) && kind_of(tail) == Piece::value;
      if (!numbered(tail) && !value_apart) continue;
      tokenize::Cell rest = cell;
      rest.text = cell.text.substr(space + 1);
      cell.text.resize(space);
      split.cells.push_back(cell);
      split.cells.push_back(rest);
      return;
    }
    split.cells.push_back(cell);
  };
  for (const auto* cell : row.filled()) {
    std::size_t cut = level_label_prefix(cell->text);
    // `满意度指 服务对象满`: the first lines of two labels side by side (their
    // ends come on later lines). Normalization took the space between them
    // out; the row kept where it was.
    if (cut == 0 && row.cells.size() == 1) {
      std::vector<std::size_t> gaps;
      for (std::size_t space = cell->text.find(' '); space != std::string::npos;
           space = cell->text.find(' ', space + 1))
        gaps.push_back(space);
      if (const std::size_t from = row.text.find(cell->text); from != std::string::npos) {
        for (const std::uint32_t at : row.breaks) {
          if (at > from && at < from + cell->text.size()) gaps.push_back(at - from);
        }
      }
      std::sort(gaps.begin(), gaps.end());
      // (Not inside a numbered name's own number: `指标 1:对生态环境`.)
      grammar::Pattern::Match own;
      const std::size_t own_end =
          grammar_.indicators.name_prefix.search(cell->text, own) && own.groups[0].offset == 0
              ? own.groups[0].length
              : 0;
      for (const std::size_t gap : gaps) {
        if (gap < own_end) continue;
        // (A break found in the row's text may fall inside one of the cell's
        // characters where the cell's text repeats: never cut there.)
        if (gap >= cell->text.size() ||
            (static_cast<unsigned char>(cell->text[gap]) & 0xC0) == 0x80)
          continue;
        // (Or a label's end, `意度指标 服务对象满意度`, its head a line above.)
        const std::string_view left = std::string_view(cell->text).substr(0, gap);
        if (grammar_.match_cut_level(left).any() ||
            (source::char_count(left) >= 2 && grammar_.is_level_piece(left))) {
          cut = gap;
          break;
        }
      }
    }
    if (cut == 0) {
      push_numbered_apart(*cell);
      continue;
    }
    tokenize::Cell label = *cell, rest = *cell;
    label.text = cell->text.substr(0, cut);
    rest.text = cell->text.substr(cut);
    rest.text.erase(0, rest.text.find_first_not_of(' '));
    split.cells.push_back(label);
    if (!rest.text.empty()) push_numbered_apart(rest);
  }
  for (std::size_t i = 0; i < split.cells.size(); ++i) split.cells[i].index = static_cast<int>(i);
  rows_.push_back(std::move(split));
}

// A header label after the table began: the column labels came early (the
// text flow put the last cells of the table before, and this table's column
// header, in front of this project's name). The header goes on; of the lines
// read as the table, the last lone text is the name if the one taken was a
// stray cell, and the rest were out of place.
void Parser::reopen_header(const tokenize::Row& row) {
  const tokenize::Row* name = nullptr;
  if (provisional_name_) {
    for (auto it = reading_table_.rows().rbegin(); it != reading_table_.rows().rend(); ++it) {
      const auto cells = it->filled();
      if (cells.size() == 1 && plausible_name(cells.front()->text)) {
        name = &*it;
        break;
      }
    }
  }
  const messages::Message out_of_place{"unparsed-line.before-header", {}};
  if (name) {
    diagnose(source::Code::unparsed_line, *provisional_name_, provisional_name_->filled().front(),
             out_of_place);
    rename_project(name->filled().front()->text);
    claim(*name, "header");
  }
  for (const auto& buffered : reading_table_.rows()) {
    if (&buffered != name) diagnose(source::Code::unparsed_line, buffered, nullptr, out_of_place);
  }
  reading_table_.clear();
  reading_order_ = false;
  provisional_name_.reset();
  section_ = Section::header;
  read_header_row(row);
}

// The length in bytes of a level label (of four characters or more, any
// alias, with a `（必填）` annotation) that starts `text` and is followed by
// more text; 0 when there is none.
std::size_t ReadingOrderTable::level_label_prefix(std::string_view text) const {
  if (grammar_.match_levels(text).any()) return 0;
  std::size_t best = 0;
  for (const auto* aliases : {&grammar_.levels.level1_aliases, &grammar_.levels.level2_aliases}) {
    for (const auto& [alias, index] : *aliases) {
      // (The character count last: it is the dear test, and most aliases
      // fail the others.)
      if (alias.size() > best && alias.size() < text.size() &&
          text.substr(0, alias.size()) == alias && source::char_count(alias) >= 4) {
        best = alias.size();
      }
    }
  }
  // `服务对象满意度 指标 1：…` is the label `服务对象满意度` and a numbered name,
  // though `服务对象满意度指标` is a label too.
  for (const auto* aliases : {&grammar_.levels.level1_aliases, &grammar_.levels.level2_aliases}) {
    for (const auto& [alias, index] : *aliases) {
      if (alias.size() < best && text.starts_with(alias) && numbered(text.substr(alias.size())))
        return alias.size();
    }
  }
  if (best == 0) return 0;
  // `生态环境成本指…` is the head of a longer label whose tail wrapped
  // (`标`), not `生态环境成本` and a cell: left for join_cells.
  std::size_t next = best + 1;
  while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
  const std::string_view longer = text.substr(0, next);
  for (const auto* aliases : {&grammar_.levels.level1_aliases, &grammar_.levels.level2_aliases}) {
    for (const auto& [alias, index] : *aliases) {
      if (alias.size() > longer.size() && alias.starts_with(longer)) return 0;
    }
  }
  // Take a following annotation with it: `服务对象满意度指标（必填）`.
  for (std::size_t end = text.size(); end > best; --end) {
    if ((static_cast<unsigned char>(text[end - 1]) & 0xC0) == 0x80) continue;
    const std::string_view head = text.substr(0, end);
    if (head.back() == ')' && grammar_.match_level2(head)) return end;
  }
  return best;
}

// The header can still be waiting for its goal, which the text flow may put
// after the first column labels; the goal's paragraph goes on line by line.
void Parser::read_reading_order_row(const tokenize::Row& row) {
  if (continues_goal(row)) return;
  if (project_->indicators.empty() && has_header_label(row)) return reopen_header(row);
  const auto cells = row.filled();
  const bool goal_waiting =
      std::any_of(carried_labels_.begin(), carried_labels_.end(), [](const PendingLabel& l) {
        return l.field == grammar::HeaderField::goal ||
               l.field == grammar::HeaderField::goal_allocated;
      });
  if (goal_waiting && cells.size() == 1 &&
      reading_table_.kind_of(cells.front()->text) != ReadingOrderTable::Piece::level &&
      reading_table_.kind_of(cells.front()->text) != ReadingOrderTable::Piece::other &&
      source::char_count(cells.front()->text) > kGoalMinChars) {
    return read_header_row(row);
  }
  if (is_lone_column_label(row)) return claim(row, "table");
  reading_table_.add(row);
}

// The length in bytes of the head of a level label that starts `text` and
// whose last characters are `tail` (`生态环境成本指` + `标`); 0 when none.
std::size_t ReadingOrderTable::wrapped_label_head(std::string_view text,
                                                  std::string_view tail) const {
  for (const auto* aliases : {&grammar_.levels.level1_aliases, &grammar_.levels.level2_aliases}) {
    for (const auto& [alias, index] : *aliases) {
      if (alias.size() <= tail.size() || !alias.ends_with(tail)) continue;
      const std::string_view head = std::string_view(alias).substr(0, alias.size() - tail.size());
      if (source::char_count(head) >= 3 && text.size() > head.size() && text.starts_with(head))
        return head.size();
    }
  }
  return 0;
}

// The wrapped end of a level label: `指标`, `（选填）`, `指标（必填）`. The
// ends come from the grammar: what a level's name has past one of its
// aliases (`经济效益指标` past `经济效益`).
bool ReadingOrderTable::is_label_tail(std::string_view text) const {
  std::string rest = grammar::squash(text);
  grammar::Pattern::Match m;
  if (grammar_.levels.annotation.search(rest, m)) rest.resize(m.groups[0].offset);
  if (rest.empty()) return true;
  for (const auto* levels : {&grammar_.levels.level1, &grammar_.levels.level2}) {
    for (const auto& level : *levels) {
      const std::string& name = level.key;
      if (name.size() <= rest.size() || !name.ends_with(rest)) continue;
      const std::string head = name.substr(0, name.size() - rest.size());
      if (grammar_.match_levels(head).any()) return true;
    }
  }
  return false;
}

// `一级指标` alone on its line, or `绩效指标 一级指标`: column labels and
// nothing else in one cell (the space between them normalized away), as
// plain pdftotext writes a column header a label or two per line.
bool Parser::is_lone_column_label(const tokenize::Row& row) const {
  const auto cells = row.filled();
  if (cells.size() != 1) return false;
  const std::string& text = cells.front()->text;
  if (grammar_.match_column(text)) return true;
  if (row.breaks.empty() && text.find(' ') == std::string::npos) return false;
  std::vector<std::size_t> cuts;
  for (const std::uint32_t at : row.breaks) cuts.push_back(at);
  for (std::size_t space = text.find(' '); space != std::string::npos;
       space = text.find(' ', space + 1))
    cuts.push_back(space);
  std::sort(cuts.begin(), cuts.end());
  cuts.push_back(text.size());
  std::size_t from = 0;
  for (const std::size_t cut : cuts) {
    if (cut <= from || cut > text.size()) continue;
    std::string_view part = std::string_view(text).substr(from, cut - from);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (!part.empty() && !grammar_.match_column(part)) return false;
    from = cut;
  }
  return true;
}

ReadingOrderTable::Piece::Kind ReadingOrderTable::kind_of(const std::string& text) const {
  if (grammar_.match_column(text) || grammar_.is_performance_type(text) ||
      grammar_.is_header_fragment(text)) {
    return Piece::other;
  }
  if (grammar_.match_levels(text).any()) return Piece::level;
  if (is_label_tail(text)) return Piece::other;
  const auto& totals = grammar_.table.total_labels;
  if (std::find(totals.begin(), totals.end(), grammar::squash(text)) != totals.end())
    return Piece::other;  // `总分`
  if (numbered(text)) return Piece::name;
  const model::Value v = values_.parse(text).value;
  switch (v.kind) {
    case model::ValueKind::quantity:
      // `18600000`, `160.50`: a sum of the header (项目年度金额, 其他资金) that
      // the text flow carried into the table; no indicator value is a bare
      // number like these.
      if (!v.unit && !v.op && v.subject.empty() && is_header_sum(text)) return Piece::other;
      [[fallthrough]];
    case model::ValueKind::range:
      // `65岁及以上老年人健康管理人数` reads as 65 with a long subject: a name;
      // `受益人群 5000 人`, a subject before a number and its unit, a value.
      if (source::char_count(v.subject) > 3 &&
          (!v.unit || std::isdigit(static_cast<unsigned char>(text.front()))))
        return Piece::name;
      return Piece::value;
    case model::ValueKind::date:
    case model::ValueKind::period:
      return Piece::value;
    default: {
      if (is_value_head(text)) return Piece::value;
      const auto& qualitative = grammar_.values.qualitative;
      const bool looks_qualitative = !qualitative.empty() &&
                                     source::char_count(text) <= kQualitativeMaxChars &&
                                     qualitative.contains(text);
      return looks_qualitative ? Piece::value : Piece::name;
    }
  }
}

// `584.31 万元`, `≤ 584.31 万元`, `不少于 5 个`: a number or a comparator first.
bool ReadingOrderTable::starts_value(std::string_view text) const {
  if (text.empty()) return false;
  if (std::isdigit(static_cast<unsigned char>(text.front()))) return true;
  for (const auto& comparator : grammar_.values.comparators) {
    for (const auto& word : comparator.before) {
      if (!word.empty() && text.starts_with(word)) return true;
    }
  }
  return false;
}

// `1 项（≥ 34300`, `2023 年 6 月 30`: the first line of a value whose end
// wrapped onto a line of its own; the grammar's `wrap_completions` say what
// such a line may lack.
bool ReadingOrderTable::is_value_head(const std::string& text) const {
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  return std::any_of(grammar_.values.wrap_completions.begin(),
                     grammar_.values.wrap_completions.end(), [&](const std::string& end) {
                       return values_.parse(text + end).value.kind != model::ValueKind::text;
                     });
}

// The buffered lines as pieces: one per cell, in order, with the paragraph
// they belong to (lines with no blank line between them).
std::vector<ReadingOrderTable::Piece> ReadingOrderTable::pieces() const {
  std::vector<Piece> pieces;
  int paragraph = 0, last_line = -1;
  bool label_open = false;  // the last level label left its annotation's bracket open
  for (const auto& row : rows_) {
    if (row.line != last_line + 1) ++paragraph;
    last_line = row.line;
    bool after_label = false;  // a level label came before on this line
    for (const auto* cell : row.filled()) {
      pieces.push_back(
          Piece{kind_of(cell->text), cell->text, {row.line}, paragraph, &row, cell, -1, -1});
      Piece& piece = pieces.back();
      // `生态效益指标 生态环境改善`: the cell beside a label on its line is in
      // the column after the labels', the names'; text that only looks
      // qualitative there is a name.
      if (after_label && piece.kind == Piece::value &&
          values_.parse(cell->text).value.kind == model::ValueKind::text)
        piece.kind = Piece::name;
      after_label = piece.kind == Piece::level;
      if (piece.kind == Piece::level) {
        const auto levels = grammar_.match_levels(cell->text);
        piece.level2 = levels.level2.value_or(-1);
        piece.level1 = levels.level1.value_or(-1);
        label_open = leaves_bracket_open(cell->text);
        continue;
      }
      // `一级绩效指` … `二级绩效指标` … `标`: the end of a column label, the
      // text flow having put another between, is no name either.
      if (piece.kind == Piece::name && source::char_count(cell->text) <= 2) {
        const std::size_t from = pieces.size() > 4 ? pieces.size() - 4 : 0;
        for (std::size_t k = from; k + 1 < pieces.size(); ++k) {
          if (pieces[k].kind == Piece::other &&
              grammar_.match_column(pieces[k].text + cell->text).has_value()) {
            piece.kind = Piece::other;
            break;
          }
        }
        if (piece.kind == Piece::other) continue;
      }
      // `质量指标(必` … `填)`: the end of the label's annotation, wherever the
      // text flow put it, is no name.
      const std::string_view text = cell->text;
      const bool closes = (text.ends_with(")") || text.ends_with("）")) &&
                          text.find('(') == std::string_view::npos &&
                          text.find("（") == std::string_view::npos;
      if (label_open && closes && source::char_count(text) <= 8) {
        piece.kind = Piece::other;
        label_open = false;
      }
    }
  }
  // `经济效益指` … `标(选填)` with a name's line between (two columns'
  // lines interleaved): the head of a label and its tail a line or two on
  // make the label.
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Piece& head = pieces[i];
    if (head.kind != Piece::name || !grammar_.match_cut_level(head.text).any()) continue;
    for (std::size_t j = i + 1; j < pieces.size() && j <= i + 3; ++j) {
      Piece& tail = pieces[j];
      if (tail.lines.front() > head.lines.front() + 3) break;
      const auto levels = grammar_.match_levels(head.text + tail.text);
      if (!levels.any() || tail.kind == Piece::level) continue;
      head.kind = Piece::level;
      head.text += tail.text;
      head.level2 = levels.level2.value_or(-1);
      head.level1 = levels.level1.value_or(-1);
      tail.kind = Piece::other;
      break;
    }
  }
  // `服务对象满` + `意度指标` beside `受助群众满意度` and `服务对象满意度`: in
  // the block of a label, text that names the same level another way is a
  // name (`服务对象满意度`), not the label again.
  const Piece* label = nullptr;
  for (auto& piece : pieces) {
    if (piece.kind != Piece::level || piece.lines.empty()) continue;
    if (label && label->paragraph == piece.paragraph && piece.level2 >= 0 &&
        piece.level2 == label->level2 &&
        grammar::squash(piece.text) != grammar::squash(label->text)) {
      piece.kind = Piece::name;
      continue;
    }
    label = &piece;
  }
  // `项目管理指标`, a label the grammar does not know that reads like one,
  // before a name (an indicator's name has its value next): a level label,
  // neither level known (read() reports it).
  for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
    Piece& piece = pieces[i];
    if (piece.kind != Piece::name || !cx_.reads_like_level(piece.text)) continue;
    std::size_t next = i + 1;
    while (next < pieces.size() && pieces[next].kind == Piece::other) ++next;
    if (next < pieces.size() && pieces[next].kind == Piece::name) piece.kind = Piece::level;
  }
  return pieces;
}

// Joins the lines of one cell: a name's wraps (while a line runs to the
// cell's edge), a value's tail (`2025 年 6` + `月`), a label's annotation
// (`数量指标（必` + `填）`).
std::vector<ReadingOrderTable::Piece> ReadingOrderTable::join_cells(
    std::vector<Piece> pieces) const {
  // `生态环境成本指` / `医疗废物规范处置率` / `标`: a label's wrap printed around
  // the line of the cell beside it; so `生态环境` / … / `成本指标`, where the
  // wrap is a label itself.
  for (std::size_t i = 0; i + 2 < pieces.size(); ++i) {
    Piece& head = pieces[i];
    Piece& tail = pieces[i + 2];
    if (head.kind != Piece::name || tail.paragraph != head.paragraph ||
        pieces[i + 1].paragraph != head.paragraph ||
        (source::char_count(tail.text) > 2 && !grammar_.is_level_piece(tail.text)))
      continue;
    const std::string joined = head.text + tail.text;
    const auto [l1, l2] = grammar_.match_levels(joined);
    if (!l1 && !l2) continue;
    head = Piece{Piece::level,   joined,       {head.lines.front(), tail.lines.front()},
                 head.paragraph, head.row,     head.cell,
                 l1 ? *l1 : -1,  l2 ? *l2 : -1};
    tail.lines.clear();  // now the label's
  }
  // `生态环境成本指 施工废料回收利用率` / `标`: the same with the label's head and
  // the neighbour's line on one line.
  std::vector<Piece> split;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Piece& head = pieces[i];
    if (head.kind == Piece::name && i + 1 < pieces.size() &&
        pieces[i + 1].paragraph == head.paragraph && !pieces[i + 1].lines.empty() &&
        source::char_count(pieces[i + 1].text) <= 2) {
      Piece& tail = pieces[i + 1];
      if (const std::size_t cut = wrapped_label_head(head.text, tail.text); cut > 0) {
        Piece label = head;
        label.kind = Piece::level;
        label.text = head.text.substr(0, cut) + tail.text;
        label.lines = {head.lines.front(), tail.lines.front()};
        const auto levels = grammar_.match_levels(label.text);
        label.level2 = levels.level2.value_or(-1);
        label.level1 = levels.level1.value_or(-1);
        head.text.erase(0, cut);
        head.kind = kind_of(head.text);
        split.push_back(std::move(label));
        split.push_back(std::move(head));
        tail.lines.clear();
        continue;
      }
    }
    split.push_back(std::move(head));
  }
  pieces = std::move(split);
  // `延川县本` / `级绩效指` / `标`: a performance type wrapped over lines, one
  // piece of furniture (else its first line would wrap onto a name).
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].kind != Piece::name) continue;
    std::string joined = pieces[i].text;
    for (std::size_t j = i + 1; j < pieces.size() && j <= i + 3; ++j) {
      if (pieces[j].paragraph != pieces[i].paragraph || pieces[j].kind == Piece::level) break;
      joined += pieces[j].text;
      if (!grammar_.is_performance_type(joined)) continue;
      pieces[i].kind = Piece::other;
      pieces[i].text = joined;
      for (std::size_t k = i + 1; k <= j; ++k) {
        pieces[i].lines.insert(pieces[i].lines.end(), pieces[k].lines.begin(),
                               pieces[k].lines.end());
        pieces[k].lines.clear();
      }
      i = j;
      break;
    }
  }
  std::erase_if(pieces, [](const Piece& p) { return p.lines.empty(); });
  // The width of the name column, in characters: most name lines that wrap
  // are this long. A high percentile, so that a stray goal line does not set
  // it; not lower, as where few names wrap most lines are far shorter.
  std::vector<std::size_t> widths;
  int numbered_names = 0, names = 0;
  for (const auto& p : pieces) {
    if (p.kind != Piece::name) continue;
    widths.push_back(source::char_count(p.text));
    // (Counting lines that could start a name: not a wrap's short end.)
    if (source::char_count(p.text) <= 4 || source::closes_bracket(p.text)) continue;
    ++names;
    numbered_names += numbered(p.text) ? 1 : 0;
  }
  std::sort(widths.begin(), widths.end());
  const std::size_t longest = widths.empty() ? 0 : widths[widths.size() * 19 / 20];
  const auto full = static_cast<std::size_t>(kFullLine * static_cast<double>(longest));
  // Numbered names (`指标 3：…`): a name line starts a name exactly when it
  // has a number.
  const bool by_number = numbered_names >= 3 && 2 * numbered_names >= names;
  // A paragraph is a block of the page, its lines sorted top to bottom
  // whatever column they are in: the lines of cells side by side come
  // interleaved, so a line goes on the open cell of its own column (the
  // paragraph's last label, name or value), which need not be the line
  // before it.
  std::vector<Piece> out;
  std::ptrdiff_t open[3] = {-1, -1, -1};  // by kind: name, value, level
  int paragraph = -1;
  for (auto& piece : pieces) {
    if (piece.paragraph != paragraph) {
      std::fill(std::begin(open), std::end(open), -1);
      paragraph = piece.paragraph;
    }
    if (continue_open_cell(out, open, piece, full, by_number)) continue;
    piece.last_line_chars = source::char_count(piece.text);
    out.push_back(std::move(piece));
    if (out.back().kind != Piece::other) open[out.back().kind] = std::ssize(out) - 1;
  }
  return out;
}

// Whether `piece` ends the open value `value` (joined onto it when so);
// `adjacent`: the value is the latest cell of the paragraph.
bool ReadingOrderTable::ends_value(Piece& value, const Piece& piece, bool adjacent) const {
  const bool short_tail = source::char_count(piece.text) <= 4 && piece.kind != Piece::value;
  std::string joined = value.text;
  join_line(joined, piece.text);
  // `2024 年 11 月` + `30 日`: a date's day wrapped onto a line of its own.
  auto dated = [&](const std::string& text) {
    return model::is_dated(values_.parse(text).value.kind);
  };
  if (piece.kind == Piece::value && adjacent && dated(value.text) && !dated(piece.text) &&
      dated(joined)) {
    value.text = std::move(joined);
    return true;
  }
  // `2023 年 6 月 30` + `日之前`, `1 项（≥` + `5 万亩）`: the tail that makes
  // a value of a value's first line. (Only a value's head takes a line with
  // a digit: `无` + `≥4.8 万册` are two values.)
  const bool head = is_value_head(value.text);
  if (!short_tail && !(head && has_digit(piece.text))) return false;
  // Next to a whole value, only a tail that adds to what the value says,
  // its unit, comparator or date, read without doubt: `万` + `元`, `之前`;
  // `≤ 1335.93 万` + `费用`, `≤ 584.31 万元` + `出` are the name's.
  const values::Parsed parsed = values_.parse(joined);
  const model::Value was = values_.parse(value.text).value;
  const model::Value& is = parsed.value;
  const bool adds =
      parsed.issues.empty() &&
      (is.kind != was.kind || is.op != was.op || is.unit != was.unit || is.date != was.date ||
       is.from != was.from || is.to != was.to || (is.detail == nullptr) != (was.detail == nullptr));
  // (`2024 年 11 月底` + `前`: a date's bound said twice, one character on
  // its own line, is the date's still.)
  const bool restates = parsed.issues.empty() && model::is_dated(was.kind) && is.kind == was.kind &&
                        source::char_count(piece.text) == 1;
  if (is.kind == model::ValueKind::text || !(head || (adjacent && (adds || restates))))
    return false;
  value.text = std::move(joined);
  return true;
}

// Whether the name line `piece` ends the open name `name` (joined onto it
// when so); `value_after`: a value came after the name in the paragraph.
// (Turns the name into a value or furniture where the two make one.)
bool ReadingOrderTable::ends_name(Piece& name, const Piece& piece, std::ptrdiff_t (&open)[3],
                                  bool value_after, std::size_t full, bool by_number) const {
  const std::size_t chars = source::char_count(piece.text);
  const bool short_tail = chars <= 4;
  auto append = [&] {
    name.lines.push_back(piece.lines.front());
    name.last_line_chars = chars;
  };
  std::string joined = name.text;
  join_line(joined, piece.text);
  // `1 项（受益群众不少于 5` + `万人次）` is one value after all.
  if (short_tail && kind_of(joined) == Piece::value) {
    name.text = std::move(joined);
    name.kind = Piece::value;
    append();
    open[Piece::value] = open[Piece::name];
    open[Piece::name] = -1;
    return true;
  }
  // Past a value that came after it, only numbering tells a name's wrap
  // from the next name (text with a cell on each line looks the same), or a
  // short end after a name line as wide as the column (`面面积` after
  // `围绕道路运输安全，修复路` and its value).
  if (value_after && !by_number && !(short_tail && name.last_line_chars >= full)) return false;
  const bool wraps = by_number ? !numbered(piece.text) : name.last_line_chars >= full || short_tail;
  if (!wraps) return false;
  // (A wrap told by width alone, or by a short line that could be a name of
  // its own, may be two names after all: see unwrap_by_count().)
  const bool by_width = !by_number && chars >= 3;
  if (by_width && name.soft_wrap == 0 && name.lines.size() == 1) {
    name.soft_wrap = name.text.size();
    name.soft_wrap_line = piece.lines.front();
  }
  name.text = std::move(joined);
  append();
  // `阜平县本` / `级绩效指` / `标`: a performance type or column label
  // wrapped over lines, no name.
  if (kind_of(name.text) == Piece::other) {
    name.kind = Piece::other;
    open[Piece::name] = -1;
  }
  return true;
}

// Puts `piece` on the open cell of the paragraph that it continues, if
// any: true when it did.
bool ReadingOrderTable::continue_open_cell(std::vector<Piece>& out, std::ptrdiff_t (&open)[3],
                                           const Piece& piece, std::size_t full,
                                           bool by_number) const {
  const std::size_t chars = source::char_count(piece.text);
  if (piece.kind == Piece::level) {
    // `指标 1: 周边群众` + `满意度`: where names are numbered, a bare short
    // alias of a level after an open name's short line is the name's end (a
    // label's own lines end as labels do: `levels.label_endings`).
    Piece* name = open[Piece::name] >= 0 ? &out[open[Piece::name]] : nullptr;
    if (!by_number || !name || chars > 3 || is_label_tail(piece.text) ||
        grammar_.ends_as_level_label(piece.text) || open[Piece::value] > open[Piece::name])
      return false;
    join_line(name->text, piece.text);
    name->lines.push_back(piece.lines.front());
    name->last_line_chars = chars;
    return true;
  }
  auto append = [&](Piece& into, bool text) {
    if (text) join_line(into.text, piece.text);
    into.lines.push_back(piece.lines.front());
    into.last_line_chars = chars;
    return true;
  };
  auto cell = [&](Piece::Kind kind) { return open[kind] >= 0 ? &out[open[kind]] : nullptr; };
  // `亩）`, `填硬性指标）`: the end of the latest cell left with a bracket open.
  // Which one: a value that the end makes whole (`1 项（≥ 34300` + `亩）`),
  // else a label's annotation (`（必填硬` + `性指标）`), else a name.
  if (source::closes_bracket(piece.text)) {
    auto bracket_open = [&](Piece::Kind kind) {
      Piece* candidate = cell(kind);
      return candidate && leaves_bracket_open(candidate->text) ? candidate : nullptr;
    };
    Piece* value = bracket_open(Piece::value);
    if (value) {
      std::string joined = value->text;
      join_line(joined, piece.text);
      const values::Parsed parsed = values_.parse(joined);
      if (parsed.value.kind != model::ValueKind::text && parsed.issues.empty())
        return append(*value, true);
    }
    for (const Piece::Kind kind : {Piece::level, Piece::name}) {
      if (Piece* into = bracket_open(kind)) return append(*into, true);
      // (A label of the paragraph left open before a later one: `满意度指标（必`
      // … `服务对象满意度指标` … `填）`, two levels' lines interleaved.)
      for (auto it = out.rbegin(); kind == Piece::level && it != out.rend(); ++it) {
        if (it->paragraph != piece.paragraph) break;
        if (it->kind == Piece::level && leaves_bracket_open(it->text)) return append(*it, true);
      }
    }
    if (value) return append(*value, true);
  }
  // A label's wrapped end: `指标`, `（必填`, `（选填）`.
  if (Piece* label = cell(Piece::level)) {
    const bool annotation = (piece.text.starts_with("(") || piece.text.starts_with("（")) &&
                            chars <= 8 && !leaves_bracket_open(label->text) &&
                            label->text.find('(') == std::string::npos &&
                            label->text.find("（") == std::string::npos;
    if (is_label_tail(piece.text) || annotation) return append(*label, true);
  }
  if (piece.kind == Piece::other) return false;
  if (Piece* value = cell(Piece::value);
      value && ends_value(*value, piece, open[Piece::value] == std::ssize(out) - 1)) {
    value->lines.push_back(piece.lines.front());
    value->last_line_chars = chars;
    return true;
  }
  Piece* name = cell(Piece::name);
  return name && piece.kind == Piece::name &&
         ends_name(*name, piece, open, open[Piece::value] > open[Piece::name], full, by_number);
}

// The header of the rows read() makes: first level, second level, name,
// value, in the grammar's words.
tokenize::Row ReadingOrderTable::column_header(const tokenize::Row& like) const {
  tokenize::Row header = like;
  header.cells.clear();
  header.layout = tokenize::Layout::tab;
  for (const grammar::Column role : {grammar::Column::level1, grammar::Column::level2,
                                     grammar::Column::name, grammar::Column::value}) {
    std::string label;  // the first of the role's labels, for a stable choice
    for (const auto& [text, column] : grammar_.table.columns) {
      if (column == role && (label.empty() || text < label)) label = text;
    }
    tokenize::Cell cell;
    cell.text = label;
    cell.index = static_cast<int>(header.cells.size());
    cell.line = like.line;
    header.cells.push_back(std::move(cell));
  }
  return header;
}

// `资助家庭经济困难学生` / `配备图书`, joined as one name because the first
// line runs as wide as the column, and three values after a block of two
// names: the count of values says there are three names, so a name joined by
// width alone is two after all.
std::vector<ReadingOrderTable::Piece> ReadingOrderTable::unwrap_by_count(
    std::vector<Piece> pieces) const {
  std::vector<Piece> out;
  for (std::size_t i = 0; i < pieces.size();) {
    // A block of names (labels and furniture between aside) and the values
    // right after it.
    std::size_t j = i, names = 0, values = 0;
    while (j < pieces.size() && pieces[j].kind != Piece::value)
      names += pieces[j++].kind == Piece::name;
    std::size_t k = j;
    while (k < pieces.size() && pieces[k].kind != Piece::name)
      values += pieces[k++].kind == Piece::value;
    const auto soft =
        std::find_if(pieces.begin() + static_cast<std::ptrdiff_t>(i),
                     pieces.begin() + static_cast<std::ptrdiff_t>(j),
                     [](const Piece& p) { return p.kind == Piece::name && p.soft_wrap > 0; });
    for (auto it = pieces.begin() + static_cast<std::ptrdiff_t>(i);
         it != pieces.begin() + static_cast<std::ptrdiff_t>(k); ++it) {
      if (it == soft && soft != pieces.begin() + static_cast<std::ptrdiff_t>(j) &&
          values == names + 1) {
        Piece first = *it, second = *it;
        first.text = it->text.substr(0, it->soft_wrap);
        second.text = it->text.substr(it->soft_wrap);
        first.lines.clear();
        second.lines.clear();
        for (const int line : it->lines)
          (line < it->soft_wrap_line ? first.lines : second.lines).push_back(line);
        first.soft_wrap = second.soft_wrap = 0;
        out.push_back(std::move(first));
        out.push_back(std::move(second));
        continue;
      }
      out.push_back(std::move(*it));
    }
    i = k > i ? k : i + 1;
  }
  return out;
}

TableModel ReadingOrderTable::read(bool paged) const {
  TableModel model;
  std::vector<Piece> pieces = unwrap_by_count(join_cells(this->pieces()));
  // `社会效益指` with no value, a name next: a label a page break cut short
  // (its `标` on the next page), the one label it begins.
  for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
    Piece& piece = pieces[i];
    if (piece.kind != Piece::name || pieces[i + 1].kind != Piece::name) continue;
    const auto cut = grammar_.match_cut_level(piece.text);
    if (!cut.any()) continue;
    piece.kind = Piece::level;
    piece.level1 = cut.level1.value_or(-1);
    piece.level2 = cut.level2.value_or(-1);
  }

  // Rows: each value to the name before it, or the oldest name waiting.
  struct ReadingRow {
    const Piece* name = nullptr;
    const Piece* value = nullptr;
  };
  std::vector<ReadingRow> rows;
  struct Placed {
    const Piece* label;
    double at;  // rows before it
  };
  std::vector<Placed> labels;
  std::vector<const Piece*> unknown_labels;  // labels the grammar does not know
  std::vector<const Piece*> orphans;         // values before their names
  const Piece* previous = nullptr;           // the last name or value
  std::size_t name_run = 0;                  // names in a row just before
  std::vector<std::size_t> run_targets;      // rows that a run of values fills in order
  // The kind of the next name or value after `i` (`other` where none).
  auto next_content = [&](std::size_t i) {
    for (++i; i < pieces.size(); ++i) {
      if (pieces[i].kind == Piece::name || pieces[i].kind == Piece::value) return pieces[i].kind;
    }
    return Piece::other;
  };
  // Values in a row from `i` on (labels and column labels between them aside).
  auto values_from = [&](std::size_t i) {
    std::size_t n = 0;
    for (; i < pieces.size(); ++i) {
      if (pieces[i].kind == Piece::name) break;
      if (pieces[i].kind == Piece::value) ++n;
    }
    return n;
  };
  // Whether the name at `i`, after `before` names in a row, is one of a
  // block of names that as many values follow (a column's cells as a
  // block): then it is a name, however short.
  auto in_block_of_names = [&](std::size_t i, std::size_t before) {
    std::size_t names = before + 1;
    std::size_t j = i + 1;
    for (; j < pieces.size() && pieces[j].kind != Piece::value; ++j) {
      if (pieces[j].kind == Piece::name) ++names;
    }
    return names >= 3 && j < pieces.size() && values_from(j) == names;
  };
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Piece& piece = pieces[i];
    switch (piece.kind) {
      case Piece::other:
        model.before.push_back({"table", piece.lines});
        break;
      case Piece::level:
        if (piece.level1 < 0 && piece.level2 < 0) {
          unknown_labels.push_back(&piece);
          break;
        }
        labels.push_back({&piece, static_cast<double>(rows.size())});
        break;
      case Piece::name: {
        // `标` left alone, a label's or column label's end that joined
        // nothing: furniture (no name is one character).
        if (source::char_count(piece.text) == 1 && grammar_.is_level_piece(piece.text)) {
          model.before.push_back({"table", piece.lines});
          break;
        }
        // A short text right after a name waiting for its value is that value,
        // unless a value comes next (then it is a name, the one before it
        // blank). (A cell is a paragraph: the value is never in the name's.)
        const bool text_value =
            previous && previous->kind == Piece::name && previous->paragraph != piece.paragraph &&
            !rows.empty() && rows.back().name == previous && !rows.back().value &&
            source::char_count(piece.text) <= kTextValueMaxChars && piece.lines.size() == 1 &&
            next_content(i) != Piece::value && !in_block_of_names(i, name_run);
        if (text_value) {
          rows.back().value = &piece;
          name_run = 0;
        } else {
          rows.push_back({&piece, nullptr});
          ++name_run;
        }
        break;
      }
      case Piece::value: {
        // A run of names then a run of as many values: a column block each,
        // paired in order.
        if (previous && previous->kind == Piece::name && name_run >= 2 &&
            values_from(i) == name_run) {
          run_targets.clear();
          for (std::size_t r = rows.size() - name_run; r < rows.size(); ++r)
            run_targets.push_back(r);
          std::reverse(run_targets.begin(), run_targets.end());
        }
        name_run = 0;
        auto waiting =
            std::find_if(rows.begin(), rows.end(), [](const auto& r) { return !r.value; });
        if (!run_targets.empty()) {
          ReadingRow& target = rows[run_targets.back()];
          run_targets.pop_back();
          // (A row that found its value meanwhile keeps it: never overwrite.)
          (target.value ? orphans.emplace_back(&piece) : target.value) = &piece;
        } else if (!rows.empty() && !rows.back().value && previous == rows.back().name) {
          rows.back().value = &piece;
        } else if (waiting != rows.end()) {
          waiting->value = &piece;
        } else {
          orphans.push_back(&piece);
        }
        break;
      }
    }
    if (piece.kind == Piece::name || piece.kind == Piece::value) previous = &piece;
  }
  std::size_t next_orphan = 0;
  for (auto& row : rows) {
    if (!row.value && next_orphan < orphans.size()) row.value = orphans[next_orphan++];
  }

  // Levels: one run of rows per second level, in the template's order.
  const std::vector<int> level2_of_row = levels(
      rows.size(),
      [&](std::size_t r) {
        std::string text = rows[r].name->text + "\t";
        if (rows[r].value) text += rows[r].value->text;
        return text;
      },
      [&] {
        std::vector<std::pair<int, double>> placed;
        for (const auto& p : labels) {
          if (p.label->level2 >= 0) placed.emplace_back(p.label->level2, p.at);
        }
        // A first level whose one second level no label writes (`满意度指标`
        // alone, or twice, for 服务对象满意度指标) stands for it.
        for (const auto& p : labels) {
          if (p.label->level1 < 0 || p.label->level2 >= 0) continue;
          const auto sole = grammar_.sole_level2(p.label->level1);
          if (sole && std::none_of(placed.begin(), placed.end(),
                                   [&](const auto& x) { return x.first == *sole; }))
            placed.emplace_back(*sole, p.at);
        }
        return placed;
      }(),
      paged);

  // The rows as tab-separated ones: first level, second level, name, value.
  for (const auto& p : labels) model.before.push_back({"levels", p.label->lines});
  if (!rows.empty()) model.header = column_header(*rows.front().name->row);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    ModelRow m;
    tokenize::Row& row = m.row;
    row = *rows[r].name->row;
    row.cells.clear();
    row.layout = tokenize::Layout::tab;
    int index = 0;
    auto add = [&](const tokenize::Cell& like, std::string text) {
      tokenize::Cell cell = like;
      cell.text = std::move(text);
      cell.index = index++;
      row.cells.push_back(std::move(cell));
    };
    // One cell a column, a blank one where the level is not known, read by
    // the columns' roles (so a row without a value is no level and a name).
    std::string level1, level2_name;
    if (const int level2 = level2_of_row[r]; level2 >= 0) {
      const auto& level = grammar_.levels.level2[static_cast<std::size_t>(level2)];
      if (!level.parents.empty()) level1 = level.parents.front();
      level2_name = level.name;
    }
    add(*rows[r].name->cell, level1);
    add(*rows[r].name->cell, level2_name);
    add(*rows[r].name->cell, rows[r].name->text);
    add(rows[r].value ? *rows[r].value->cell : *rows[r].name->cell,
        rows[r].value ? rows[r].value->text : "");
    m.lines = rows[r].name->lines;
    if (rows[r].value)
      m.lines.insert(m.lines.end(), rows[r].value->lines.begin(), rows[r].value->lines.end());
    std::sort(m.lines.begin(), m.lines.end());
    // A row that makes no indicator (a total, a lone label) keeps its lines.
    m.keep_lines_if_unread = true;
    model.rows.push_back(std::move(m));
  }
  // A label the grammar does not know: reported, its lines the levels'. The
  // text's order cannot place its block, so its rows keep the levels the
  // known labels give.
  for (const Piece* label : unknown_labels) {
    ModelRow m;
    m.kind = ModelRow::Kind::unknown_label;
    m.row = *label->row;
    m.value_cell = *label->cell;
    m.value_cell->text = label->text;
    m.message = {"unknown-level.reading-order", {{"label", label->text}}};
    m.lines = label->lines;
    model.rows.push_back(std::move(m));
  }
  for (std::size_t o = next_orphan; o < orphans.size(); ++o) {
    ModelRow m;
    m.kind = ModelRow::Kind::orphan_value;
    m.row = *orphans[o]->row;
    m.value_cell = *orphans[o]->cell;
    m.message = {"unparsed-line.value-without-name-reading", {}};
    m.lines = orphans[o]->lines;  // a wrapped value's other lines
    model.rows.push_back(std::move(m));
  }
  return model;
}

// Cuts the rows into one run per level, the levels in `order` (indices
// into `present`, each a level and where its label stood): the cut that
// misfits the rows least, with a small pull towards where each label stood.
// Its cost, and the level of each row.
std::pair<double, std::vector<int>> ReadingOrderTable::cut_into_runs(
    const std::vector<std::size_t>& order, const std::vector<std::pair<int, double>>& present,
    const std::vector<std::vector<double>>& misfit, double pull, const std::vector<double>& joins,
    const std::vector<double>& cuts) const {
  const std::size_t n = misfit.size(), m = order.size();
  // joined[r]: what rows 1..r cost kept in the run of the row before each.
  std::vector<double> joined(n + 1, 0);
  for (std::size_t r = 1; r < n; ++r) joined[r] = joined[r - 1] + joins[r];
  auto run_of = [&](std::size_t a, std::size_t k) {  // rows a..k-1, one run
    if (a >= k) return 0.0;
    return joined[k - 1] - joined[a] + (a > 0 ? cuts[a] : 0.0);
  };
  // best[j][k]: rows 0..k-1 cut into the first j levels' runs.
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> best(m + 1, std::vector<double>(n + 1, kInf));
  std::vector<std::vector<std::size_t>> from(m + 1, std::vector<std::size_t>(n + 1, 0));
  best[0][0] = 0;
  for (std::size_t j = 1; j <= m; ++j) {
    const std::size_t level = order[j - 1];
    const double at = present[level].second;
    for (std::size_t k = 0; k <= n; ++k) {
      double run = 0;  // misfits of rows a..k-1 under this level
      for (std::size_t a = k + 1; a-- > 0;) {
        if (a < k) run += misfit[a][level];
        if (best[j - 1][a] == kInf) continue;
        const double lo = static_cast<double>(a), hi = static_cast<double>(k);
        const double distance = at < lo ? lo - at : (at > hi ? at - hi : 0.0);
        const double cost = best[j - 1][a] + run + pull * distance + run_of(a, k);
        if (cost < best[j][k]) {
          best[j][k] = cost;
          from[j][k] = a;
        }
      }
    }
  }
  std::vector<int> out(n, -1);
  std::size_t k = n;
  for (std::size_t j = m; j > 0; --j) {
    const std::size_t a = from[j][k];
    for (std::size_t r = a; r < k; ++r) out[r] = present[order[j - 1]].first;
    k = a;
  }
  return {best[m][n], out};
}

// The number a numbered name carries (`1.`, `指标 3：`), if any.
std::optional<int> ReadingOrderTable::number_of(std::string_view text) const {
  grammar::Pattern::Match m;
  if (!grammar_.indicators.name_prefix.search(text, m) || m.groups[0].offset != 0)
    return std::nullopt;
  const std::string_view prefix = text.substr(0, m.groups[0].length);
  const std::size_t digit = prefix.find_first_of("0123456789");
  if (digit == std::string_view::npos) return std::nullopt;
  int number = 0;
  for (std::size_t i = digit;
       i < prefix.size() && std::isdigit(static_cast<unsigned char>(prefix[i])); ++i)
    number = number * 10 + (prefix[i] - '0');
  return number;
}

// The second level of each of `n` rows. `placed` gives each second-level
// label and the number of rows before it in the text; `paged`, whether the
// text came from a paged document.
std::vector<int> ReadingOrderTable::levels(std::size_t n,
                                           const std::function<std::string(std::size_t)>& row_text,
                                           const std::vector<std::pair<int, double>>& placed,
                                           bool paged) const {
  const auto& level2 = grammar_.levels.level2;
  // Second levels under a first level that is itself named as one: the
  // 2021 template's 成本指标 over 经济成本指标.
  auto is_parent_label = [&](int l2) {
    const std::string& name = level2[static_cast<std::size_t>(l2)].name;
    for (const auto& [other, at] : placed) {
      const auto& parents = level2[static_cast<std::size_t>(other)].parents;
      if (std::find(parents.begin(), parents.end(), name) != parents.end()) return true;
    }
    return false;
  };
  // The levels present, each once, with where it first stood.
  std::vector<std::pair<int, double>> present;
  for (const auto& label : placed) {
    const int l2 = label.first;
    if (is_parent_label(l2)) continue;
    if (std::none_of(present.begin(), present.end(), [&](const auto& p) { return p.first == l2; }))
      present.emplace_back(label);
  }
  // `present` is in the order the labels first stand in the text.
  std::vector<int> out(n, -1);
  const std::size_t m = present.size();
  if (m == 0) return out;
  // Labels that lead their blocks: the first stands before any row, and the
  // second after at least two. Text in cell order (a web page's cells one
  // per paragraph) writes a merged label where its block begins; a PDF's
  // reading order writes it where it was drawn, mid-block.
  std::vector<std::pair<int, double>> leading;
  for (const auto& label : placed) {
    if (!is_parent_label(label.first)) leading.push_back(label);
  }
  std::stable_sort(leading.begin(), leading.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  // (Only where the text has no form feed: pdftotext ends every page with one,
  // and its reading order is the drawn one.)
  const bool labels_lead = !paged && leading.front().second == 0.0 &&
                           (leading.size() == 1 ? n >= 2 : leading[1].second >= 2.0);
  if (n > kMaxCutRows || labels_lead) {
    // Labels that lead, or too many rows for the optimisation (quadratic in
    // them): each row takes the last label placed before it.
    const std::vector<std::pair<int, double>>& by_place = leading;
    std::size_t next = 0;
    int current = leading.front().first;
    for (std::size_t r = 0; r < n; ++r) {
      while (next < by_place.size() && by_place[next].second <= static_cast<double>(r))
        current = by_place[next++].first;
      out[r] = current;
    }
    return out;
  }

  // misfit[r][j]: row r does not look like level j; a level with no sign of
  // its own misfits the rows that look like another level of the table, but
  // never surely (it is broad: a social effect's `知晓率` reads like a rate).
  std::vector<std::vector<char>> fits(n, std::vector<char>(m, 0));
  std::vector<char> signed_level(m, 0);
  for (std::size_t j = 0; j < m; ++j) {
    const auto& level = level2[static_cast<std::size_t>(present[j].first)];
    signed_level[j] = !level.fits.empty() || !level.hints.empty();
    if (!signed_level[j]) continue;
    for (std::size_t r = 0; r < n; ++r) {
      const std::string text = row_text(r);
      fits[r][j] = (!level.fits.empty() && level.fits.contains(text)) ||
                   (!level.hints.empty() && level.hints.contains(text));
    }
  }
  std::vector<std::vector<double>> misfit(n, std::vector<double>(m, 0.0));
  for (std::size_t r = 0; r < n; ++r) {
    int looks = 0;
    for (std::size_t j = 0; j < m; ++j) looks += fits[r][j] ? 1 : 0;
    // A row that looks like one level only is surer of it.
    const double weight = looks == 1 ? kSureMisfit : 1.0;
    for (std::size_t j = 0; j < m; ++j) {
      misfit[r][j] = signed_level[j] ? (fits[r][j] ? 0.0 : weight) : (looks > 0 ? 1.0 : 0.0);
    }
  }
  // The blocks come in the template's order (the grammar lists second levels
  // in the order tables do) or in the order their labels stand in the text
  // (a province's own order): the one whose cut fits the rows best.
  std::vector<std::size_t> text_order(m), template_order(m);
  for (std::size_t j = 0; j < m; ++j) text_order[j] = template_order[j] = j;
  std::stable_sort(template_order.begin(), template_order.end(), [&](std::size_t a, std::size_t b) {
    return present[a].first < present[b].first;
  });
  // Labels spread among the rows (a PDF's text flow puts each where it was
  // drawn, beside its block) say more than labels all in one place.
  std::vector<double> inside;
  for (const auto& label : leading) {
    if (label.second > 0 && label.second < static_cast<double>(n) &&
        std::find(inside.begin(), inside.end(), label.second) == inside.end())
      inside.push_back(label.second);
  }
  const double pull =
      inside.size() >= kSpreadLabels && static_cast<double>(inside.size()) >=
                                            kSpreadShare * static_cast<double>(leading.size())
          ? kSpreadLabelPull
          : kLabelPull;
  // Numbered names count again from 1 under each second level (`1.` `2.`
  // then `1.`): keeping a restart in one run, or cutting between numbers
  // that follow on, costs as much as a row that does not fit.
  std::vector<double> joins(n, 0.0), cuts(n, 0.0);
  std::vector<std::optional<int>> numbers(n);
  std::size_t numbered_rows = 0;
  for (std::size_t r = 0; r < n; ++r) {
    numbers[r] = number_of(row_text(r));
    numbered_rows += numbers[r] ? 1 : 0;
  }
  if (2 * numbered_rows >= n && numbered_rows >= 3) {
    for (std::size_t r = 1; r < n; ++r) {
      if (!numbers[r] || !numbers[r - 1]) continue;
      if (*numbers[r] <= *numbers[r - 1]) joins[r] = kNumberingCost;
      if (*numbers[r] == *numbers[r - 1] + 1) cuts[r] = kNumberingCost;
    }
  }
  const auto [template_cost, by_template] =
      cut_into_runs(template_order, present, misfit, pull, joins, cuts);
  if (template_order == text_order) return by_template;
  const auto [text_cost, by_text] = cut_into_runs(text_order, present, misfit, pull, joins, cuts);
  return text_cost + kTemplatePrior < template_cost ? by_text : by_template;
}

}  // namespace jixiao::parse
