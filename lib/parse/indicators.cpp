// The indicator tree: 一级指标 → 二级指标 → 三级指标 with its 指标值.
//
// Rows are read by what their cells say. Each non-empty cell is a first-level
// label, a second-level label, a column label, a performance type (the
// 绩效类型 column), or content; of the content cells the first is the name
// and the last the value. Blank merged cells leave the current levels in
// force. A row with one lone content cell continues the row before it: the
// rest of a wrapped name (`宣传培` … `训`) or a value that slid down a line.
#include <algorithm>
#include <cctype>

#include "parse/parse.h"
#include "source/input.h"

namespace jixiao::parse {
namespace {

bool is_ascii_word_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Joins a wrapped name; a space only where two Latin words or numbers meet.
void join_wrapped(std::string& name, std::string_view rest) {
  if (!name.empty() && !rest.empty() && is_ascii_word_char(name.back()) &&
      is_ascii_word_char(rest.front())) {
    name += ' ';
  }
  name += rest;
}

std::string trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

bool Parser::is_table_header(const tokenize::Row& row) const {
  int labels = 0;
  for (const auto* cell : row.filled()) {
    if (grammar_.match_column(cell->text)) ++labels;
  }
  return labels >= grammar_.table.min_labels;
}

// Text that ends as level labels end (`项目管理指标`, `服务质量目标`), short, no
// numbered name, column label, performance type or piece of one.
bool Parser::reads_like_level(std::string_view text) const {
  const std::string key = grammar::squash(text);
  const std::size_t chars = source::char_count(key);
  constexpr std::size_t kMinChars = 4, kMaxChars = 12;
  if (chars < kMinChars || chars > kMaxChars || !grammar_.ends_as_level_label(key)) return false;
  return !numbered(text) && !grammar_.match_column(text) && !grammar_.is_performance_type(text) &&
         !grammar_.is_header_fragment(text) &&  // (`级绩效指标`, a type's wrapped end)
         !grammar_.is_known_level_part(text);   // (`意度指标`, a known label's end)
}

std::vector<ClassifiedCell> Parser::classify(const tokenize::Row& row) const {
  std::vector<ClassifiedCell> out;
  std::vector<std::size_t> ambiguous;  // cells that name both a first and a second level
  const auto filled = row.filled();
  for (std::size_t k = 0; k < filled.size(); ++k) {
    const tokenize::Cell* cell = filled[k];
    const std::size_t after = filled.size() - 1 - k;  // filled cells right of this one
    auto [l1, l2] = grammar_.match_levels(cell->text);
    // `满意度` alone, right of every column a label stood in (a page break
    // cut the name `游客满意度`): the name's end, not the bare label. (A
    // label's own cell ends as labels end: `levels.label_endings`.)
    if ((l1 || l2) && filled.size() == 1 && row.layout == tokenize::Layout::tab &&
        last_level_index_ >= 0 && cell->index > last_level_index_ &&
        !grammar_.ends_as_level_label(cell->text))
      l1 = l2 = std::nullopt;
    // The current second level's own words with one cell (its value) after
    // them are the indicator's name: `服务对象满意度 | 94%` under
    // 服务对象满意度指标. A label would have a name and a value after it.
    // (Not where second levels are the indicators: no name column.)
    if (l2 && !l1 && *l2 == level2_ && after == 1 && !level2_names_) l2.reset();
    ClassifiedCell c{cell, CellRole::content, -1};
    // A second-level word after the row's second level is a name: the
    // indicator `服务对象满意度` under `服务对象满意度指标`.
    const bool row_has_level2 = std::any_of(
        out.begin(), out.end(), [](const auto& x) { return x.role == CellRole::level2; });
    if (row_has_level2 && (l2 || l1)) {
      l1.reset();
      l2.reset();
    }
    // (Cells of one row of a table; the space-aligned and reading-order
    // readers put a cell's pieces back together themselves.)
    if (!l1 && !l2 && !row_has_level2 && !aligned_ && !reading_order_) {
      // A label cut in two by a page break or a wrap: its end (the current
      // second level's label and this make it whole), or its start (before
      // a name and a value, the one label it begins).
      if (level2_ >= 0 && grammar::squashed_char_count(cell->text) <= 6 &&
          grammar_.match_levels(level2_label_ + cell->text).level2 == level2_) {
        out.push_back({cell, CellRole::label_tail, level2_});
        continue;
      }
      if (after >= 2) {
        const auto cut = grammar_.match_cut_level(cell->text);
        l1 = cut.level1;
        l2 = cut.level2;
        // A label the grammar does not know, before a name and a value:
        // it ends as level labels end (`项目管理指标`).
        if (!l1 && !l2 && reads_like_level(cell->text)) {
          out.push_back({cell, CellRole::unknown_level, -1});
          continue;
        }
      }
    }
    if (l1 && l2) {
      ambiguous.push_back(out.size());
      c = {cell, CellRole::level1, *l1};
    } else if (l1) {
      c = {cell, CellRole::level1, *l1};
    } else if (l2) {
      c = {cell, CellRole::level2, *l2};
    } else if (grammar_.match_column(cell->text)) {
      c.role = CellRole::column_label;
    } else if (grammar_.is_performance_type(cell->text) ||
               (cell->index == 0 && grammar_.is_header_fragment(cell->text))) {
      c.role = CellRole::performance_type;
    }
    out.push_back(c);
  }
  // `成本指标` is a first level in the 2021 national template and a second
  // level under 产出指标 before it: the neighbours and the current level decide.
  for (std::size_t at : ambiguous) {
    const tokenize::Cell* cell = out[at].cell;
    const int as_level2 = *grammar_.match_level2(cell->text);
    bool level1_before = std::any_of(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(at),
                                     [](const auto& c) { return c.role == CellRole::level1; });
    bool level2_after = std::any_of(out.begin() + static_cast<std::ptrdiff_t>(at) + 1, out.end(),
                                    [](const auto& c) { return c.role == CellRole::level2; });
    bool under_parent = false;
    if (level1_ >= 0) {
      const auto& parents = grammar_.levels.level2[static_cast<std::size_t>(as_level2)].parents;
      under_parent = std::find(parents.begin(), parents.end(),
                               grammar_.levels.level1[static_cast<std::size_t>(level1_)].name) !=
                     parents.end();
    }
    if (level1_before || (!level2_after && under_parent)) {
      out[at] = {cell, CellRole::level2, as_level2};
    }
  }
  level1_as_level2(out);
  // An unknown label before another level label (`管理指标 | 内控制度指标 |
  // …`): a first level.
  for (std::size_t at = 0; at + 1 < out.size(); ++at) {
    const CellRole next = out[at + 1].role;
    if (out[at].role == CellRole::unknown_level &&
        (next == CellRole::unknown_level || next == CellRole::level2))
      out[at].role = CellRole::unknown_level1;
  }
  return out;
}

// A first level's label where second levels stand (`满意度指标 | 满意度指标 |
// 群众满意度 | ≥90%`, a table that writes the level twice; or right of the
// cell the same first level's label stood in): the one second
// level under it. A first level with several (效益指标) stays as it is.
void Parser::level1_as_level2(std::vector<ClassifiedCell>& cells) const {
  for (std::size_t at = 0; at < cells.size(); ++at) {
    ClassifiedCell& c = cells[at];
    if (c.role != CellRole::level1) continue;
    const bool repeated =
        at > 0 && cells[at - 1].role == CellRole::level1 && cells[at - 1].level == c.level;
    const bool in_level2_column =
        c.level == level1_ && level1_index_ >= 0 && c.cell->index > level1_index_;
    if (!repeated && !in_level2_column) continue;
    if (const auto level2 = grammar_.sole_level2(c.level)) c = {c.cell, CellRole::level2, *level2};
  }
}

// The current first level's canonical name, or as written where the grammar
// does not know it; empty before any.
std::string Parser::level1_name() const {
  if (level1_ >= 0) return grammar_.levels.level1[static_cast<std::size_t>(level1_)].name;
  return unknown_level1_;
}

// A level label the grammar does not know, read as one from where it
// stands and how it ends (`项目管理指标`): as written, with a diagnostic.
void Parser::set_unknown_level(const tokenize::Row& row, const tokenize::Cell& cell, bool first) {
  // (A reader that repeats a merged label on each of its rows: said once.)
  const bool again = first ? level1_ < 0 && unknown_level1_ == cell.text
                           : unknown_level2_ && level2_label_ == cell.text;
  if (again) return;
  if (first) {
    level1_ = -1;
    unknown_level1_ = cell.text;
  }
  level2_ = -1;
  level2_label_ = first ? "" : cell.text;
  unknown_level2_ = !first;
  diagnose(
      source::Code::unknown_level, row, &cell,
      {"unknown-level.label",
       {{"label", cell.text}, {"level", first ? "unknown-level.first" : "unknown-level.second"}}});
}

void Parser::set_level1(int level) {
  // A first level written on a middle row of its block (a merged cell's
  // text is centred; a page break repeats it) leaves the second level that
  // belongs under it in place; any other starts a new block.
  const std::string& name = grammar_.levels.level1[static_cast<std::size_t>(level)].name;
  const bool child = level2_ >= 0 && [&] {
    const auto& parents = grammar_.levels.level2[static_cast<std::size_t>(level2_)].parents;
    return std::find(parents.begin(), parents.end(), name) != parents.end();
  }();
  level1_ = level;
  unknown_level1_.clear();
  if (child) return;
  level2_ = -1;
  level2_label_.clear();
  unknown_level2_ = false;
}

void Parser::set_level2(int level, const tokenize::Cell& cell, const tokenize::Row& row) {
  level2_ = level;
  level2_label_ = cell.text;
  unknown_level2_ = false;
  const auto& parents = grammar_.levels.level2[static_cast<std::size_t>(level)].parents;
  if (parents.empty()) return;
  const std::string current = level1_name();
  if (std::find(parents.begin(), parents.end(), current) != parents.end()) return;
  const int inferred = grammar_.levels.level1_aliases.at(grammar::squash(parents.front()));
  diagnose(source::Code::level1_inferred, row, &cell,
           {"level1-inferred.parent",
            {{"cell", cell.text},
             {"parent", parents.front()},
             {"not", current.empty() ? "" : "level1-inferred.not"},
             {"current", current}}});
  level1_ = inferred;
}

void Parser::declare_level2(const tokenize::Row& row) {
  project_->levels.push_back(model::DeclaredLevel{
      level1_name(), grammar_.levels.level2[static_cast<std::size_t>(level2_)].name, level2_label_,
      row.line});
}

void Parser::read_indicator_row(const tokenize::Row& row) {
  // `总分 | | | 100 | 95.5`: the table's total, not an indicator.
  // (Only where the grammar has total labels: the target grammar has none.)
  const auto& totals = grammar_.table.total_labels;
  if (!totals.empty()) {
    for (const auto* cell : row.filled()) {
      const std::string& key = grammar_.squashed(cell->text);
      if (std::find(totals.begin(), totals.end(), key) != totals.end()) return claim(row, "table");
    }
  }
  if (!project_columns_.empty()) return read_project_columns_row(row);
  if (reads_by_column(row)) return read_row_by_column(row);
  read_indicator_row_by_content(row);
}

bool Parser::is_signature_row(const tokenize::Row& row) const {
  const grammar::Pattern& p = grammar_.table.signature;
  if (p.empty()) return false;
  // (The cells joined too: `年  月  日` is three cells in space-aligned text.)
  const auto filled = row.filled();
  std::string joined;
  for (const auto* cell : filled) {
    if (grammar_.is_signature_cell(cell->text)) return true;
    if (filled.size() > 1) joined += grammar_.squashed(cell->text);
  }
  return filled.size() > 1 && p.contains(joined);
}

// `年度资金总额 | 1100 | 财政拨款 | 1100` inside the indicator table (a form
// that puts its funds under the goal): the header's, never an indicator.
// Its first cell is a money label, no cell a level label.
bool Parser::is_fund_row(const tokenize::Row& row) const {
  const auto filled = row.filled();
  if (filled.size() < 2) return false;
  const auto label = grammar_.match_label(filled.front()->text);
  if (!label) return false;
  using F = grammar::HeaderField;
  const F money[] = {F::scope_total,  F::scope_allocated, F::funds_total,
                     F::funds_fiscal, F::funds_other,     F::funds_carryover};
  if (std::find(std::begin(money), std::end(money), label->field) == std::end(money)) return false;
  return std::none_of(filled.begin(), filled.end(),
                      [&](const auto* cell) { return grammar_.match_levels(cell->text).any(); });
}

// Sets the levels a row's label cells name; true when it has any label.
bool Parser::set_levels_from(const tokenize::Row& row) {
  return set_levels_from(row, classify(row));
}

bool Parser::set_levels_from(const tokenize::Row& row, const std::vector<ClassifiedCell>& cells) {
  bool has_labels = false;
  for (const auto& c : cells) {
    if (c.role == CellRole::level1) {
      set_level1(c.level);
      level1_index_ = c.cell->index;
    }
  }
  for (const auto& c : cells) {
    if (c.role == CellRole::level2) {
      set_level2(c.level, *c.cell, row);
      declare_level2(row);
    }
    if (c.role == CellRole::unknown_level1) set_unknown_level(row, *c.cell, true);
    if (c.role == CellRole::unknown_level) set_unknown_level(row, *c.cell, false);
    if (c.role != CellRole::content) has_labels = true;
    if (c.role == CellRole::level1 || c.role == CellRole::level2)
      last_level_index_ = std::max(last_level_index_, c.cell->index);
  }
  return has_labels;
}

void Parser::read_indicator_row_by_content(const tokenize::Row& row) {
  const auto cells = classify(row);
  const bool has_labels = set_levels_from(row, cells);  // (classified before any level is set)
  std::vector<const tokenize::Cell*> content;
  for (const auto& c : cells) {
    if (c.role == CellRole::content) content.push_back(c.cell);
  }
  if (content.empty()) {
    const bool sets_levels = std::any_of(cells.begin(), cells.end(), [](const auto& c) {
      return c.role == CellRole::level1 || c.role == CellRole::level2;
    });
    claim(row, sets_levels ? "levels" : "table");
    return;
  }
  if (level2_names_ && content.size() == 1 && (level2_ >= 0 || unknown_level2_))
    return read_level2_indicator(row, cells);
  if (content.size() == 1) return read_lone_cell(row, *content.front(), has_labels);
  // `培训人数 | = | 116 | 人`: a value written over cells of its own.
  if (content.size() == 3 || content.size() == 4) {
    std::vector<std::string> pieces;
    for (std::size_t i = 1; i < content.size(); ++i) pieces.push_back(content[i]->text);
    if (const auto joined = split_value(pieces)) {
      tokenize::Cell value = *content[1];
      value.text = *joined;
      return add_indicators(row, *content.front(), &value, {});
    }
  }
  std::vector<std::string> extra;
  for (std::size_t i = 1; i + 1 < content.size(); ++i) extra.push_back(content[i]->text);
  add_indicators(row, *content.front(), content.back(), std::move(extra));
}

// A value split over cells of its own, as some forms lay it out: a
// comparator, a number and a unit (`= | 116 | 人`, `大于等于 | 10 | 场`,
// `≥ | 95 | %`), or two of them (`116 | 人`, `≥ | 95%`). The pieces joined
// into one value, when that reads as a number, date or period with each
// piece in its part (the comparator its `op`, the unit its `unit`); none
// otherwise (`定性 | 明显提升`, `≥95% | 10`: a type, a weight).
std::optional<std::string> Parser::split_value(const std::vector<std::string>& pieces) const {
  if (pieces.size() < 2 || pieces.size() > 3) return std::nullopt;
  const bool op = words_.is_comparator(pieces.front());
  const bool unit = !pieces.back().starts_with("(") && words_.is_unit(pieces.back());
  // Three pieces are all three parts; two, a comparator or a unit beside the value.
  if (pieces.size() == 3 ? !(op && unit) : op == unit) return std::nullopt;
  std::string joined;
  for (const auto& piece : pieces) joined += piece;
  const model::Value v = values_.parse(joined).value;
  if (v.kind == model::ValueKind::text || v.kind == model::ValueKind::empty || !v.subject.empty())
    return std::nullopt;
  if (op && !v.op) return std::nullopt;
  if (unit && (!v.unit || !v.unit->ends_with(grammar::squash(pieces.back())))) return std::nullopt;
  return joined;
}

// A row of a table with no 三级指标 column (`产出指标 | 数量指标 | ≥12个`):
// the second level is the indicator's name (its label as written) and its
// level, the last content cell its value, never a name. A row that names no
// second level of its own is another value of the one above (`| | ≥20座`).
void Parser::read_level2_indicator(const tokenize::Row& row,
                                   const std::vector<ClassifiedCell>& cells) {
  const tokenize::Cell* label = nullptr;
  std::vector<const tokenize::Cell*> content;
  for (const auto& c : cells) {
    if (c.role == CellRole::level2 || c.role == CellRole::unknown_level) label = c.cell;
    if (c.role == CellRole::content) content.push_back(c.cell);
  }
  const tokenize::Cell* value = content.back();
  std::vector<std::string> extra;
  for (std::size_t i = 0; i + 1 < content.size(); ++i) extra.push_back(content[i]->text);
  if (!level2_names_said_) {
    diagnose(source::Code::level2_as_name, row, label ? label : value,
             {"level2-as-name.no-name-column", {{"label", level2_label_}}});
    level2_names_said_ = true;
  }
  add_indicator(row, label ? *label : *value, level2_label_, value, value->text);
  if (!extra.empty()) {
    diagnose(source::Code::extra_cells, row, nullptr,
             {"extra-cells.kept", {{"count", std::to_string(extra.size())}}});
    project_->indicators.back().extra = std::move(extra);
  }
}

// `1.培训人数：≥100人；`: a name and its value parted by a colon in one cell,
// where the part after the colon reads as a value or the item ends in `；`.
std::optional<std::pair<tokenize::Cell, tokenize::Cell>> Parser::name_and_value(
    const tokenize::Cell& cell) const {
  const grammar::Pattern& p = grammar_.indicators.name_value;
  if (p.empty()) return std::nullopt;
  const std::string text = strip_name_prefix(cell.text);
  grammar::Pattern::Match m;
  if (!p.search(text, m)) return std::nullopt;
  const std::string_view value = m.group(p.group_index("value"));
  if (!words_.reads_as_value(value) && !text.ends_with(";")) return std::nullopt;
  tokenize::Cell name_cell = cell, value_cell = cell;
  name_cell.text = std::string(m.group(p.group_index("name")));
  value_cell.text = std::string(value);
  return std::make_pair(std::move(name_cell), std::move(value_cell));
}

// Where a lone cell's value begins, when its name and value ran together
// (never in text that a reader rebuilt whole: its cells are placed already).
std::size_t Parser::split_point(const tokenize::Row& row, const tokenize::Cell& cell) const {
  if (cell.index > 0 || reading_order_ || aligned_) return 0;
  return words_.value_start(cell.text, row.breaks, words_table());
}

// A table whose rows were told apart by words (single spaces, run
// together), not text from a PDF.
bool Parser::words_table() const {
  return !paged_ && layout_rows_[static_cast<int>(tokenize::Layout::words)] > 0;
}

void Parser::read_lone_cell(const tokenize::Row& row, const tokenize::Cell& cell, bool has_labels) {
  // `1.培训人数：≥100人；`, a notice's item.
  if (auto named = name_and_value(cell))
    return add_indicators(row, named->first, &named->second, {});
  if (has_labels || project_->indicators.empty()) {
    return add_indicators(row, cell, nullptr, {});
  }
  model::Indicator& previous = project_->indicators.back();
  // `2` alone under an indicator that has its value: a page's number, no
  // end of a name.
  const bool bare_number = !cell.text.empty() && cell.text.size() <= 3 &&
                           std::all_of(cell.text.begin(), cell.text.end(), [](char c) {
                             return std::isdigit(static_cast<unsigned char>(c));
                           });
  if (bare_number && previous.value.kind != model::ValueKind::empty) return claim(row, "page");
  const values::Parsed parsed = values_.parse(cell.text);
  const bool value_like =
      parsed.value.kind != model::ValueKind::text && parsed.value.kind != model::ValueKind::empty;
  const bool is_numbered = numbered(cell.text);
  if (value_like && previous.value.kind == model::ValueKind::empty) {
    previous.value = parsed.value;
    previous.lines.push_back(row.line);
    diagnose(
        source::Code::value_joined, row, &cell,
        {"value-joined.later", {{"name", previous.name}, {"line", std::to_string(previous.line)}}});
  } else if (!is_numbered &&
             (source::char_count(cell.text) <=
                  static_cast<std::size_t>(grammar_.indicators.wrap_max_chars) ||
              // The first row after a page break, a short name with no value
              // under a row that has one: the rest of the row the break split
              // (`托养` | `≥151人`, the page's end, `服务残疾人`).
              (after_page_break_ && previous.value.kind != model::ValueKind::empty &&
               source::char_count(cell.text) <=
                   2 * static_cast<std::size_t>(grammar_.indicators.wrap_max_chars)))) {
    join_wrapped(previous.name, cell.text);
    previous.lines.push_back(row.line);
    diagnose(
        source::Code::name_joined, row, &cell,
        {"name-joined.continues", {{"cell", cell.text}, {"line", std::to_string(previous.line)}}});
  } else if (const std::size_t at = split_point(row, cell); at > 0) {
    // Under merged level cells, a row of text whose cells ran together or
    // were parted by a single space: `培训人数≥100人`, `公众科学素养 持续提升`.
    tokenize::Cell name = cell, value = cell;
    name.text = trim(cell.text.substr(0, at));
    value.text = trim(cell.text.substr(at));
    value.column = cell.column + static_cast<int>(source::char_count(cell.text.substr(0, at)));
    return add_indicators(row, name, &value, {});
  } else if (is_numbered || cell.index > 0 || row.layout == tokenize::Layout::marked_cells) {
    // In a column of the table (blank cells before it), or in a row rebuilt
    // from cells that were each marked (a blank cell left no mark): an
    // indicator whose value cell is blank.
    return add_indicators(row, cell, nullptr, {});
  } else {
    diagnose(source::Code::unparsed_line, row, &cell, {"unparsed-line.lone-cell", {}});
    return;
  }
  project_->last_line = std::max(project_->last_line, row.line);
}

// A name with a list marker in front: `指标 3：…`, `2. …`.
bool Parser::numbered(std::string_view text) const {
  grammar::Pattern::Match m;
  return grammar_.indicators.name_prefix.search(text, m) && m.groups[0].offset == 0;
}

std::string Parser::strip_name_prefix(std::string_view name) const {
  grammar::Pattern::Match m;
  if (grammar_.indicators.name_prefix.search(name, m) && m.groups[0].offset == 0) {
    name.remove_prefix(m.groups[0].length);
  }
  return trim(name);
}

void Parser::add_indicators(const tokenize::Row& row, const tokenize::Cell& name,
                            const tokenize::Cell* value, std::vector<std::string> extra) {
  const std::string value_text = value != nullptr ? value->text : "";
  // `1. A 2. B` in one cell is two indicators, numbered from the start.
  const auto& item = grammar_.indicators.numbered_item;
  std::vector<std::size_t> starts;
  grammar::Pattern::Match m;
  for (std::size_t at = 0; item.search(name.text, m, at);) {
    const int n = std::stoi(std::string(m.group(item.group_index("n"))));
    if (n != static_cast<int>(starts.size()) + 1 || (starts.empty() && m.groups[0].offset != 0))
      break;
    starts.push_back(m.groups[0].offset);
    at = m.groups[0].offset + std::max<std::size_t>(m.groups[0].length, 1);
  }
  if (starts.size() < 2) {
    add_indicator(row, name, strip_name_prefix(name.text), value, value_text);
  } else {
    std::vector<std::string> values;
    std::size_t from = 0;
    for (std::size_t at = 0; grammar_.indicators.value_split.search(value_text, m, at);) {
      values.push_back(value_text.substr(from, m.groups[0].offset - from));
      from = at = m.groups[0].offset + std::max<std::size_t>(m.groups[0].length, 1);
    }
    values.push_back(value_text.substr(from));
    if (values.size() == starts.size()) {
      diagnose(source::Code::indicators_split, row, &name,
               {"indicators-split.numbered", {{"count", std::to_string(starts.size())}}});
    } else {
      diagnose(
          source::Code::split_mismatch, row, value,
          {"split-mismatch.numbered",
           {{"names", std::to_string(starts.size())}, {"values", std::to_string(values.size())}}});
      values.assign(starts.size(), "");
      values[0] = value_text;
    }
    starts.push_back(name.text.size());
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
      std::string piece = name.text.substr(starts[i], starts[i + 1] - starts[i]);
      add_indicator(row, name, strip_name_prefix(piece), value, values[i]);
    }
  }
  if (!extra.empty()) {
    diagnose(source::Code::extra_cells, row, nullptr,
             {"extra-cells.kept", {{"count", std::to_string(extra.size())}}});
    project_->indicators.back().extra = std::move(extra);
  }
}

void Parser::add_indicator(const tokenize::Row& row, const tokenize::Cell& name_cell,
                           std::string name, const tokenize::Cell* value_cell, std::string value) {
  model::Indicator indicator;
  indicator.level1 = level1_name();
  if (level2_ >= 0) {
    indicator.level2 = grammar_.levels.level2[static_cast<std::size_t>(level2_)].name;
    indicator.level2_label = level2_label_;
  } else if (unknown_level2_) {
    // (A second level the grammar does not know: its label as written.)
    indicator.level2 = level2_label_;
    indicator.level2_label = level2_label_;
  } else {
    diagnose(source::Code::level2_missing, row, &name_cell,
             {"level2-missing.indicator", {{"name", name}}});
  }
  indicator.name = std::move(name);
  values::Context context;
  context.level2 = level2_;
  context.year = project_->year;
  context.money_unit = scope_unit_[0];
  values::Parsed parsed = values_.parse(value, context);
  for (const auto& issue : parsed.issues) diagnose(issue.code, row, value_cell, issue.message);
  indicator.value = std::move(parsed.value);
  apply_column_extras(indicator, context);
  if (indicator.value.unit_inferred) {
    diagnose(source::Code::unit_inferred, row, value_cell,
             {"unit-inferred.money",
              {{"value", indicator.value.raw},
               {"level2", indicator.level2.value_or("")},
               {"unit", *indicator.value.unit_inferred}}});
  }
  indicator.line = row.line;
  row.add_lines_to(indicator.lines);
  project_->indicators.push_back(std::move(indicator));
  project_->last_line = std::max(project_->last_line, row.end_line());
}

}  // namespace jixiao::parse
