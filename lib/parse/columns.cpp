// Indicator rows read by the roles of their columns, as the table's header
// row names them (`三级指标 | 指标性质 | 指标值 | 度量单位 | 权重`), for tables
// with more than the usual columns whose cells keep their places
// (tab-separated, pipe tables, PDF).
//
// Levels are still recognised by what their cells say, since a merged label
// may be blank; the name, the value and every other column come from their
// place. A value split over an operator, a number and a unit column is
// joined back into one cell (`≥` `95` `%` → `≥95%`).
#include <algorithm>

#include "parse/parse.h"
#include "source/input.h"

namespace jixiao::parse {
namespace {

// A comparator word on its own (`≥`, `不低于`): the operator column's content.
bool is_comparator(const grammar::Grammar& g, std::string_view text) {
  const std::string key = grammar::squash(text);
  for (const auto& comparator : g.values.comparators) {
    for (const auto& word : comparator.before) {
      if (grammar::squash(word) == key) return true;
    }
  }
  return false;
}

}  // namespace

void Parser::set_column_roles(const tokenize::Row& header, bool always) {
  if (project_columns_.empty()) find_project_columns(header);
  column_roles_.clear();
  long_term_roles_.clear();
  long_term_level2_.clear();
  for (const auto& cell : header.cells) {
    const auto role = grammar_.match_column(cell.text);
    const bool long_term = role && grammar_.is_long_term_column(cell.text);
    column_roles_.push_back(long_term ? std::nullopt : role);
    long_term_roles_.push_back(long_term ? role : std::nullopt);
  }
  // `一级指标 | 二级指标 | 指标值`, or `一级指标 | 二级指标` over rows that
  // write the value right after the second level: no 三级指标 column, so
  // each second level is an indicator, named by its label (said at the
  // first row read so, read_level2_indicator). (A
  // blank cell between the second level and the value, `二级绩效指标 | |
  // 绩效值`, heads the names.)
  const auto level2 =
      std::find(column_roles_.begin(), column_roles_.end(), grammar::Column::level2);
  const auto has_role = [&](grammar::Column c) {
    return std::find(column_roles_.begin(), column_roles_.end(), c) != column_roles_.end();
  };
  bool level2_names = level2 != column_roles_.end() && !has_role(grammar::Column::name) &&
                      std::none_of(long_term_roles_.begin(), long_term_roles_.end(),
                                   [](const auto& role) { return role.has_value(); });
  if (level2_names) {
    const auto next = static_cast<std::size_t>(level2 - column_roles_.begin()) + 1;
    const bool rest_blank =
        std::all_of(header.cells.begin() + static_cast<std::ptrdiff_t>(next), header.cells.end(),
                    [](const auto& cell) { return cell.text.empty(); });
    level2_names = rest_blank || column_roles_[next] == grammar::Column::value;
  }
  level2_names_ = level2_names;
  const bool any_long_term = std::any_of(long_term_roles_.begin(), long_term_roles_.end(),
                                         [](const auto& role) { return role.has_value(); });
  // Only a table with columns beyond the levels, the name and the value is
  // read by role: the usual four or five columns are read by what their
  // cells say, which copes better with cells that extraction added or lost.
  const auto has = [&](grammar::Column c) {
    return std::find(column_roles_.begin(), column_roles_.end(), c) != column_roles_.end();
  };
  const bool more = std::any_of(column_roles_.begin(), column_roles_.end(), [](const auto& role) {
    return role && *role != grammar::Column::type && *role != grammar::Column::level1 &&
           *role != grammar::Column::level2 && *role != grammar::Column::name &&
           *role != grammar::Column::value;
  });
  if (!has(grammar::Column::name) || !has(grammar::Column::value) ||
      !(more || always || any_long_term)) {
    column_roles_.clear();
    long_term_roles_.clear();
  }
}

bool Parser::reads_by_column(const tokenize::Row& row) const {
  return !column_roles_.empty() && row.layout != tokenize::Layout::spaces &&
         row.layout != tokenize::Layout::reading_order && row.cells.size() >= 2;
}

// Where a row with fewer cells than the header starts: it lost leading
// (merged, blank) cells or trailing (empty) ones. The start that puts level
// labels under level columns and the first other text under the name wins;
// a tie keeps the row where it is.
std::size_t Parser::column_offset(const tokenize::Row& row) const {
  if (row.cells.size() >= column_roles_.size()) return 0;
  const std::size_t most = column_roles_.size() - row.cells.size();
  auto is_level_column = [](const std::optional<grammar::Column>& role) {
    return role && (*role == grammar::Column::level1 || *role == grammar::Column::level2 ||
                    *role == grammar::Column::type);
  };
  std::size_t best = 0;
  int best_score = -1000;
  for (std::size_t offset = 0; offset <= most; ++offset) {
    int score = 0;
    bool first_text = true;
    for (const auto& cell : row.cells) {
      if (cell.text.empty()) continue;
      const auto& role = column_roles_[static_cast<std::size_t>(cell.index) + offset];
      const bool label = grammar_.match_levels(cell.text).any();
      if (label) {
        score += is_level_column(role) ? 2 : -2;
      } else if (first_text) {
        score += role == grammar::Column::name ? 1 : -1;
        first_text = false;
      }
    }
    if (score > best_score) {
      best_score = score;
      best = offset;
    }
  }
  return best;
}

// A row with a blank cell the extraction put in (`5.补贴农机具 |  | 5 | 大于736
// 台套 | …` under `三级指标 | 分值 | 年度指标值 | …`), one cell more than the
// header or as many with its last cell lost: the blank cell whose removal
// puts the most cells under columns they fit (a weight or score a number, a
// value a value, a name no value, a label a label). Returns its index; none
// where the row fits as it is, or no removal fits it better.
std::optional<std::size_t> Parser::surplus_blank(const tokenize::Row& row) const {
  // (Rows the space-aligned and reading-order readers rebuilt are one cell a
  // column already.)
  if (aligned_ || reading_order_) return std::nullopt;
  // (Trailing blanks shift nothing: past one too many, they are let be.)
  std::size_t n = row.cells.size();
  while (n > column_roles_.size() + 1 && row.cells[n - 1].text.empty()) --n;
  if (n != column_roles_.size() + 1 && n != column_roles_.size()) return std::nullopt;
  auto fit = [&](std::size_t column, const std::string& text) {
    const auto& role = column_roles_[column];
    if (!role) return 0;
    const model::Value v = values_.parse(text).value;
    const bool value = v.kind != model::ValueKind::text && v.kind != model::ValueKind::empty;
    const bool number = v.kind == model::ValueKind::quantity && !v.unit && !v.op;
    switch (*role) {
      case grammar::Column::weight:
      case grammar::Column::score:
        return number ? 1 : -1;
      case grammar::Column::value:
      case grammar::Column::actual:
        return value ? 1 : 0;
      case grammar::Column::name:
        return value && !numbered(text) ? -1 : 1;
      case grammar::Column::deviation:
      case grammar::Column::explanation:
        return value ? -1 : 1;
      case grammar::Column::type:
      case grammar::Column::level1:
      case grammar::Column::level2:
        return grammar_.match_levels(text).any() || grammar_.is_performance_type(text) ? 1 : -1;
      default:
        return 0;
    }
  };
  auto score = [&](std::optional<std::size_t> skip) {
    int total = 0;
    std::size_t column = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (skip && k == *skip) continue;
      if (column >= column_roles_.size()) break;
      if (!row.cells[k].text.empty()) total += fit(column, row.cells[k].text);
      ++column;
    }
    return total;
  };
  std::optional<std::size_t> best;
  int best_score = score(std::nullopt);
  for (std::size_t k = 0; k < n; ++k) {
    if (!row.cells[k].text.empty()) continue;
    if (const int s = score(k); s > best_score) {
      best_score = s;
      best = k;
    }
  }
  return best;
}

// The row's cells by role.
void Parser::read_row_by_column(const tokenize::Row& row) {
  const std::size_t offset = column_offset(row);
  const std::optional<std::size_t> skip = surplus_blank(row);
  tokenize::Row levels = row;
  levels.cells.clear();
  const tokenize::Cell* name = nullptr;
  const tokenize::Cell* value_cell = nullptr;
  std::string op, value, unit;
  ColumnExtras extras;
  std::vector<std::string> unknown;
  std::vector<std::pair<std::size_t, const tokenize::Cell*>> long_term;  // (column, cell)
  const tokenize::Cell *unknown1 = nullptr, *unknown2 = nullptr;
  // Columns with a blank header right of the 指标值 column: cells that the
  // value's header spans (`指标值 | | | 分值` over `≥ | 12000 | 平方米 | 20`).
  std::size_t span_from = column_roles_.size(), span_to = column_roles_.size();
  for (std::size_t c = column_roles_.size(); c-- > 0;) {
    if (column_roles_[c] != grammar::Column::value) continue;
    span_from = span_to = c + 1;
    while (span_to < column_roles_.size() && !column_roles_[span_to] &&
           !(span_to < long_term_roles_.size() && long_term_roles_[span_to]))
      ++span_to;
    break;
  }
  std::vector<std::string> spanned;
  for (const auto& cell : row.cells) {
    const auto index = static_cast<std::size_t>(cell.index);
    if (skip && index == *skip) continue;
    const std::size_t at = index + offset - (skip && index > *skip ? 1 : 0);
    if (cell.text.empty()) continue;
    if (at < long_term_roles_.size() && long_term_roles_[at]) {
      long_term.emplace_back(at, &cell);
      continue;
    }
    if (at >= span_from && at < span_to) {
      spanned.push_back(cell.text);
      continue;
    }
    if (at >= column_roles_.size() || !column_roles_[at]) {
      unknown.push_back(cell.text);
      continue;
    }
    const grammar::Column role = *column_roles_[at];
    // A label the grammar does not know in a level column, that ends as
    // level labels end (`项目管理指标`): that column's level, as written.
    if ((role == grammar::Column::level1 || role == grammar::Column::level2) &&
        !grammar_.match_levels(cell.text).any() && !grammar_.match_cut_level(cell.text).any() &&
        reads_like_level(cell.text)) {
      (role == grammar::Column::level1 ? unknown1 : unknown2) = &cell;
      continue;
    }
    switch (role) {
      case grammar::Column::type:
      case grammar::Column::level1:
      case grammar::Column::level2:
        levels.cells.push_back(cell);
        break;
      case grammar::Column::name:
        name = &cell;
        break;
      case grammar::Column::value:
        if (!value_cell) value_cell = &cell;
        value += cell.text;
        break;
      case grammar::Column::op:
        op = cell.text;
        if (!value_cell) value_cell = &cell;
        break;
      case grammar::Column::unit:
        unit = cell.text;
        break;
      case grammar::Column::value_type:
        extras.value_type = cell.text;
        break;
      case grammar::Column::weight:
        extras.weight = cell.text;
        break;
      case grammar::Column::direction:
        extras.direction = cell.text;
        break;
      case grammar::Column::explanation:
        extras.explanation = cell.text;
        break;
      case grammar::Column::scoring:
        extras.scoring = cell.text;
        break;
      case grammar::Column::remark:
        extras.remark = cell.text;
        break;
      case grammar::Column::actual:
        extras.actual = cell.text;
        break;
      case grammar::Column::score:
        extras.score = cell.text;
        break;
      case grammar::Column::deviation:
        extras.deviation = cell.text;
        break;
      case grammar::Column::previous:
        extras.previous = cell.text;
        break;
      case grammar::Column::standard:
        extras.standard = cell.text;
        break;
    }
  }
  // A table with an actual-value column says, by a blank cell there, that
  // nothing was achieved or reported: an empty actual, not a missing one.
  if (!extras.actual && std::find(column_roles_.begin(), column_roles_.end(),
                                  grammar::Column::actual) != column_roles_.end())
    extras.actual = "";
  // The value and the cells its header spans, one value where they read as
  // one (a comparator, a number, a unit: split_value); else those cells are
  // kept as the others without a column.
  if (!spanned.empty()) {
    std::vector<std::string> pieces;
    if (!value.empty()) pieces.push_back(value);
    pieces.insert(pieces.end(), spanned.begin(), spanned.end());
    const auto joined = op.empty() && unit.empty() ? split_value(pieces) : std::nullopt;
    if (joined) {
      value = *joined;
      if (!value_cell) value_cell = name;  // (a value whose cells are all past the column)
    } else {
      unknown.insert(unknown.begin(), spanned.begin(), spanned.end());
    }
  }
  for (std::size_t i = 0; i < levels.cells.size(); ++i) levels.cells[i].index = static_cast<int>(i);
  // A name that is a level label in the name column (a lost column): read
  // the row by what its cells say instead.
  if (name && grammar_.match_levels(name->text).any() && levels.cells.empty() && !unknown1 &&
      !unknown2) {
    return read_indicator_row_by_content(row);
  }
  if (unknown1) set_unknown_level(row, *unknown1, true);
  set_levels_from(levels);
  if (unknown2) set_unknown_level(row, *unknown2, false);
  read_long_term(row, long_term);
  if (!name) {
    if (!value.empty()) {
      diagnose(source::Code::unparsed_line, row, value_cell,
               {"unparsed-line.value-without-name", {}});
    } else {
      claim(row, levels.cells.empty() ? "table" : "levels");
    }
    return;
  }
  // `≥` | `95` | `%`: one value. An operator column that holds no comparator
  // (`定量`, `定性`) says the value's type.
  std::string joined;
  if (!op.empty() && is_comparator(grammar_, op)) {
    joined = op;
  } else if (!op.empty() && !extras.value_type) {
    extras.value_type = op;
  }
  joined += value;
  if (!unit.empty() && !value.empty() && !value.ends_with(unit)) joined += unit;
  tokenize::Cell value_text = value_cell ? *value_cell : *name;
  value_text.text = joined;
  column_extras_ = &extras;
  add_indicators(row, *name, joined.empty() ? nullptr : &value_text, std::move(unknown));
  column_extras_ = nullptr;
}

// Fills an indicator's columns beyond name and value.
void Parser::apply_column_extras(model::Indicator& indicator, const values::Context& context) {
  if (!column_extras_) return;
  const ColumnExtras& x = *column_extras_;
  if (x.actual) indicator.actual = values_.parse(*x.actual, context).value;
  if (x.previous) indicator.previous_actual = values_.parse(*x.previous, context).value;
  indicator.standard = x.standard;
  auto number = [&](const std::optional<std::string>& text) -> std::optional<model::Decimal> {
    if (!text) return std::nullopt;
    const model::Value v = values_.parse(*text).value;
    if (v.kind == model::ValueKind::quantity && v.number) return v.number;
    return std::nullopt;
  };
  indicator.weight = number(x.weight);
  indicator.score = number(x.score);
  indicator.deviation = x.deviation;
  indicator.direction = x.direction;
  indicator.explanation = x.explanation;
  indicator.scoring = x.scoring;
  indicator.remark = x.remark;
  indicator.value_type = x.value_type;
}

// A row's long-term cells (`二级指标（长期） | 三级指标（长期） | 指标值（长期）`):
// the project's long-term indicator, under the row's first level and the
// long-term second level written last (merged cells leave it blank below).
void Parser::read_long_term(
    const tokenize::Row& row,
    const std::vector<std::pair<std::size_t, const tokenize::Cell*>>& cells) {
  const tokenize::Cell* name = nullptr;
  std::string value;
  for (const auto& [column, cell] : cells) {
    const auto& role = long_term_roles_[column];
    if (!role) continue;
    if (*role == grammar::Column::level2) long_term_level2_ = cell->text;
    if (*role == grammar::Column::name) name = cell;
    if (*role == grammar::Column::value) value += cell->text;
  }
  if (!name || !project_) return;
  model::Indicator& ind = project_->long_term_indicators.emplace_back();
  if (level1_ >= 0) ind.level1 = grammar_.levels.level1[static_cast<std::size_t>(level1_)].name;
  ind.level2_label = long_term_level2_;
  if (const auto level2 = grammar_.match_level2(long_term_level2_))
    ind.level2 = grammar_.levels.level2[static_cast<std::size_t>(*level2)].name;
  ind.name = strip_name_prefix(name->text);
  ind.value = values_.parse(value).value;
  ind.line = row.line;
  ind.lines = {row.line};
}

// Projects as columns: `一级指标 | 二级指标 | 三级指标 | 城关镇 | 东关镇`, one
// indicator a row and a value column per project (a township, or a project
// of a department), the header row naming each. Two or more cells right of
// the name column that no column label names, and no value column: each is
// a project's values. Said once, at the header row.
bool Parser::find_project_columns(const tokenize::Row& header) {
  int name = -1;
  std::vector<std::pair<int, std::string>> found;
  for (const auto& cell : header.cells) {
    const auto role = grammar_.match_column(cell.text);
    if (role == grammar::Column::value) return false;
    if (role == grammar::Column::name && name < 0) name = cell.index;
    if (name >= 0 && cell.index > name && !cell.text.empty()) {
      if (role) return false;
      found.emplace_back(cell.index, cell.text);
    }
  }
  if (found.size() < 2) return false;
  project_columns_ = std::move(found);
  std::vector<std::string> names;
  for (const auto& column : project_columns_) names.push_back(column.second);
  diagnose(source::Code::projects_as_columns, header, nullptr,
           {"projects-as-columns.read",
            {{"count", std::to_string(names.size())}, {"names", messages::items(names)}}});
  return true;
}

// A row of such a table: its levels by what its cells say, its name the
// first content cell left of the project columns, and an indicator for each
// project column, its value the cell under that column's header.
void Parser::read_project_columns_row(const tokenize::Row& row) {
  const auto cells = classify(row);
  set_levels_from(row);
  const int first_column = project_columns_.front().first;
  const tokenize::Cell* name = nullptr;
  for (const auto& c : cells) {
    if (c.role == CellRole::content && c.cell->index < first_column) {
      name = c.cell;
      break;
    }
  }
  if (!name) {
    const bool values = std::any_of(cells.begin(), cells.end(), [&](const auto& c) {
      return c.role == CellRole::content && c.cell->index >= first_column;
    });
    if (!values) {
      const bool sets_levels = std::any_of(cells.begin(), cells.end(), [](const auto& c) {
        return c.role == CellRole::level1 || c.role == CellRole::level2;
      });
      return claim(row, sets_levels ? "levels" : "table");
    }
    diagnose(source::Code::unparsed_line, row, nullptr, {"unparsed-line.lone-cell", {}});
    return;
  }
  for (std::size_t k = 0; k < project_columns_.size(); ++k) {
    const auto at = static_cast<std::size_t>(project_columns_[k].first);
    const tokenize::Cell* value = at < row.cells.size() ? &row.cells[at] : nullptr;
    add_indicator(row, *name, strip_name_prefix(name->text), value, value ? value->text : "");
    indicator_columns_.push_back(k);
  }
}

// The project of such a table, split into one a column: each named by its
// column's header, with the table's header fields (项目名称 stays in
// `fields`) and that column's indicators.
std::vector<model::Project> Parser::split_by_columns(model::Project&& project) {
  std::vector<model::Project> out;
  std::vector<model::Indicator> indicators = std::move(project.indicators);
  for (std::size_t k = 0; k < project_columns_.size(); ++k) {
    model::Project p = k + 1 < project_columns_.size() ? project : std::move(project);
    p.indicators.clear();
    p.name = project_columns_[k].second;
    if (k > 0) p.index = project_count_++;
    for (std::size_t i = 0; i < indicators.size() && i < indicator_columns_.size(); ++i) {
      if (indicator_columns_[i] == k) p.indicators.push_back(indicators[i]);
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace jixiao::parse
