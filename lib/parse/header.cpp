// The project header: labels and their values, the funding grid, the goal.
//
// A header row is read left to right. A label cell waits for the next value
// cell; a cell may also hold a label and its value together (`年度资金总额：
// 14.4`). The funding grid has two scopes side by side, the project's whole
// annual funds and the share already allocated: a scope label switches scope,
// and a funds label seen twice in one row is the second scope's.
// Labels left without a value at the end of a row (`年度总体绩效目标 | 年度绩效目标`)
// take the value cells of the next row, in order.
#include <algorithm>

#include "normalize/normalize.h"
#include "parse/parse.h"
#include "source/input.h"

namespace jixiao::parse {
namespace {

using grammar::HeaderField;

bool is_funds(HeaderField field) {
  return field == HeaderField::funds_total || field == HeaderField::funds_fiscal ||
         field == HeaderField::funds_other || field == HeaderField::funds_carryover;
}

std::string funds_key(HeaderField field) {
  switch (field) {
    case HeaderField::funds_fiscal:
      return "fiscal";
    case HeaderField::funds_other:
      return "other";
    case HeaderField::funds_carryover:
      return "carryover";
    default:
      return "total";
  }
}

std::string trim_separator(std::string_view text) {
  while (!text.empty() && (text.front() == ':' || text.front() == ' ')) text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

// Keys of `fields` are unique: a label written twice gets ` (2)`, ` (3)`.
void Parser::add_field(const std::string& label, const std::string& value) {
  // A label seen before gets the next free number (`其他资金 (2)`); the keys
  // and each label's last number are kept, so that a header of thousands of
  // cells is not searched over and over.
  int& seen = field_numbers_[label];
  int number = seen + 1;
  std::string key = number == 1 ? label : label + " (" + std::to_string(number) + ")";
  while (field_keys_.count(key)) key = label + " (" + std::to_string(++number) + ")";
  seen = number;
  field_keys_.insert(key);
  project_->fields.emplace_back(key, value);
}

bool Parser::has_header_label(const tokenize::Row& row) const {
  for (const auto* cell : row.filled()) {
    if (grammar_.match_label(cell->text)) return true;
  }
  return false;
}

// A heading before a header label on its line (`header.lead`): in the
// label's cell (`一、基本情况 项目名称：森林防火经费`) or in the cell before
// it (`（三）项目基本信息 | 项目名称 | …`). Returns the heading, a row of its
// own, and the row without it; none when the row has no such heading. The
// label must end its cell or be followed by `:` and its value; in the
// indicator table, only 项目名称 (the next project) counts, so that a name
// such as `2.项目资金使用率` stays a name.
std::optional<std::pair<tokenize::Row, tokenize::Row>> Parser::split_lead(
    const tokenize::Row& row) const {
  const grammar::Pattern& lead = grammar_.header.lead;
  const auto filled = row.filled();
  if (lead.empty() || filled.empty()) return std::nullopt;
  const tokenize::Cell& first = *filled.front();
  if (grammar_.match_label(first.text) || grammar_.match_label_prefix(first.text))
    return std::nullopt;
  const auto fits = [&](const std::optional<grammar::Grammar::LabelMatch>& label) {
    return label && (section_ != Section::table || label->field == HeaderField::name);
  };
  const auto is_lead = [&](std::string_view text) {
    const std::string key = grammar::squash(text);
    grammar::Pattern::Match m;
    return !key.empty() && lead.search(key, m) && m.groups[0].offset == 0 &&
           m.groups[0].length == key.size();
  };
  std::string heading, rest;
  if (filled.size() >= 2 && fits(grammar_.match_label(filled[1]->text)) && is_lead(first.text)) {
    heading = first.text;  // (the cell goes, blank, so that the others keep their places)
  } else {
    // A heading is short: the label starts within its first few characters.
    constexpr std::size_t kMaxLeadChars = 24;
    std::size_t at = 0;
    for (std::size_t chars = 0; at < first.text.size() && chars <= kMaxLeadChars; ++chars) {
      source::next_character(first.text, at);
      const std::string_view after = std::string_view(first.text).substr(at);
      if (!grammar_.may_begin_label(after)) continue;
      auto label = grammar_.match_label(after);
      if (!label) {
        label = grammar_.match_label_prefix(after);
        if (label && !after.substr(label->end).starts_with(":")) label.reset();
      }
      if (fits(label) && is_lead(first.text.substr(0, at))) {
        heading = first.text.substr(0, at);
        rest = std::string(after);
        break;
      }
    }
    if (heading.empty()) return std::nullopt;
  }
  while (!heading.empty() && heading.back() == ' ') heading.pop_back();
  tokenize::Row before = row, after = row;
  before.cells = {first};
  before.cells.front().text = heading;
  before.cells.front().index = 0;
  before.text = heading;
  after.text.clear();
  for (auto& cell : after.cells) {
    if (cell.index == first.index) {
      cell.column += static_cast<int>(source::char_count(first.text) - source::char_count(rest));
      cell.text = rest;
    }
    after.text += (cell.index == 0 ? "" : "\t") + cell.text;
  }
  return std::make_pair(std::move(before), std::move(after));
}

// 项目名称 opens a project; once a project has its name, a second 项目名称 is
// the next project, even where its title line is missing.
bool Parser::starts_new_project(const tokenize::Row& row) const {
  for (const auto* cell : row.filled()) {
    auto match = grammar_.match_label(cell->text);
    if (!match) match = grammar_.match_label_prefix(cell->text);
    if (match && match->field == HeaderField::name) {
      return !project_ || !project_->name.empty() || section_ == Section::table;
    }
  }
  return false;
}

bool Parser::is_listing_heading(const tokenize::Row& row) const {
  std::vector<std::string_view> cells;
  for (const auto* cell : row.filled()) cells.push_back(cell->text);
  return grammar_.is_listing_heading(cells);
}

// A listing table's column header and its rows are document text, up to the
// next title, project header or indicator table.
bool Parser::read_listing_row(const tokenize::Row& row) {
  if (is_listing_heading(row)) {
    finish_project();
    settle_pending_title();
    release_pending_header();
    in_listing_ = true;
    const auto* label = row.filled().front();
    diagnose(source::Code::listing_table, row, label,
             {"listing-table.text", {{"label", label->text}}});
    add_document_text(row);
    return true;
  }
  if (!in_listing_) return false;
  if (starts_new_project(row) || is_table_header(row)) {
    in_listing_ = false;
    return false;
  }
  add_document_text(row);
  return true;
}

model::Value Parser::money(std::string_view cell, Scope scope) const {
  // The allocated scope without a unit of its own shares the total's.
  const std::string& unit = scope_unit_[static_cast<int>(scope)].empty()
                                ? scope_unit_[0]
                                : scope_unit_[static_cast<int>(scope)];
  values::Parsed parsed = values_.parse(cell);
  if (parsed.value.kind == model::ValueKind::quantity && !parsed.value.unit && !unit.empty()) {
    // The unit stands in the label (`项目年度资金 (万元)`): read the number with it.
    std::string raw = parsed.value.raw;
    parsed = values_.parse(raw + unit);
    parsed.value.raw = raw;
  }
  return parsed.value;
}

void Parser::take_label(const grammar::Grammar::LabelMatch& match, std::string label, Scope& scope,
                        int column) {
  if (match.field == HeaderField::scope_total || match.field == HeaderField::scope_allocated) {
    scope = match.field == HeaderField::scope_total ? Scope::total : Scope::allocated;
  } else if (is_funds(match.field) && std::find(valued_funds_.begin(), valued_funds_.end(),
                                                match.field) != valued_funds_.end()) {
    // The same funds line again in one row, after the first got its value:
    // the second scope's (`财政拨款 569.40 | … | 财政拨款 154.40`).
    scope = Scope::allocated;
  }
  // Any money label may carry the unit of its scope: `年度资金总额（万元）`.
  if (!match.unit.empty()) scope_unit_[static_cast<int>(scope)] = match.unit;
  if (match.field == HeaderField::scope_total || match.field == HeaderField::scope_allocated)
    last_scope_ = scope;
  carried_labels_.push_back(PendingLabel{match.field, std::move(label), scope, column});
}

void Parser::assign(const PendingLabel& label, std::string value) {
  if (is_funds(label.field)) valued_funds_.push_back(label.field);
  const bool goal = label.field == HeaderField::goal || label.field == HeaderField::goal_allocated;
  if (goal) {
    // `<p>年度总体绩效目标</p> <p>根据…` repeats the label inside the cell.
    auto inner = grammar_.match_label_prefix(value);
    if (inner &&
        (inner->field == HeaderField::goal || inner->field == HeaderField::goal_allocated) &&
        inner->end < value.size()) {
      value = trim_separator(std::string_view(value).substr(inner->end));
    }
  }
  add_field(label.label, value);
  set_header_field(label, value);
  // A text value alone on its line may go on on the next (continues_value).
  const bool text_field =
      label.field == HeaderField::name || label.field == HeaderField::department ||
      label.field == HeaderField::implementer || label.field == HeaderField::attribute ||
      label.field == HeaderField::period || label.field == HeaderField::office;
  if (text_field && header_row_line_ >= 0) {
    last_value_ = LastValue{label, value, header_row_line_};
  } else {
    last_value_.reset();
  }
}

void Parser::set_header_field(const PendingLabel& label, const std::string& value) {
  model::Project& p = *project_;
  switch (label.field) {
    case HeaderField::name:
      p.name = value;
      break;
    case HeaderField::department:
      p.department = value;
      break;
    case HeaderField::implementer:
      p.implementer = value;
      break;
    case HeaderField::attribute: {
      grammar::Pattern::Match m;
      std::string attribute = value;
      if (grammar_.header.attribute_code.search(attribute, m) && m.groups[0].offset == 0) {
        attribute.erase(0, m.groups[0].length);
      }
      p.attribute = attribute;
      break;
    }
    case HeaderField::period:
      p.period = value;
      break;
    case HeaderField::office:
      break;
    case HeaderField::scope_total:
    case HeaderField::scope_allocated:
    case HeaderField::funds_total:
    case HeaderField::funds_fiscal:
    case HeaderField::funds_other:
    case HeaderField::funds_carryover: {
      auto& funds = label.scope == Scope::total ? p.funds : p.allocated;
      funds[funds_key(label.field)] = money(value, label.scope);
      break;
    }
    case HeaderField::goal:
      // Two goals side by side are the whole project's and the allocated
      // share's (`年度总体绩效目标 | 年度绩效目标`).
      if (!p.goal) {
        p.goal = value;
      } else if (!p.goal_allocated) {
        p.goal_allocated = value;
      }
      break;
    case HeaderField::goal_allocated:
      if (!p.goal_allocated) p.goal_allocated = value;
      break;
    case HeaderField::goal_actual:
      if (!p.goal_actual) p.goal_actual = value;
      break;
  }
}

// The next line of a value alone on its line (reading-order text: a cell
// is a paragraph, its lines wrapped: `大埔县交通运` / `输局`) goes on with it.
bool Parser::continues_value(const tokenize::Row& row) {
  if (!last_value_ || row.line != last_value_->line + 1) return false;
  const auto cells = row.filled();
  if (cells.size() != 1 || has_header_label(row)) return false;
  const std::string& more = cells.front()->text;
  if (grammar_.match_levels(more).any() || grammar_.match_column(more) ||
      grammar_.match_label_prefix(more) || grammar_.begins_label(more))
    return false;
  std::string value = last_value_->value;
  if (!value.empty() && !normalize::cjk_on_both_sides(value, more) &&
      static_cast<unsigned char>(value.back()) < 0x80 &&
      static_cast<unsigned char>(more.front()) < 0x80)
    value += ' ';
  value += more;
  for (auto it = project_->fields.rbegin(); it != project_->fields.rend(); ++it) {
    if (it->first == last_value_->label.label && it->second == last_value_->value) {
      it->second = value;
      break;
    }
  }
  const PendingLabel label = last_value_->label;
  last_value_->value = value;
  last_value_->line = row.line;
  set_header_field(label, value);
  claim(row, "header");
  return true;
}

// Reading-order text writes a tall label cell around the value beside it:
// `项目年度` / `960000` / `资金（元）` (its first line above the value's, its
// last below). A label's head alone on its line waits, with the one value
// after it, for the line that completes the label; else both are read as
// they came.
bool Parser::hold_wrapped_label(const tokenize::Row& row) {
  if (releasing_wrapped_label_) return false;
  const auto cells = row.filled();
  if (cells.size() != 1) {
    release_wrapped_label();
    return false;
  }
  const std::string& text = cells.front()->text;
  auto is_label = [&](const std::string& t) {
    return grammar_.match_label(t).has_value() || grammar_.match_label_prefix(t).has_value();
  };
  if (wrapped_label_.empty()) {
    if (!grammar_.begins_label(text) || is_label(text)) return false;
    wrapped_label_.push_back(row);
    return true;
  }
  std::string joined = wrapped_label_.front().filled().front()->text;
  joined += text;  // (labels are matched with spaces squashed)
  if (auto match = grammar_.match_label(joined)) {
    Scope scope = Scope::total;
    take_label(*match, joined, scope, cells.front()->index);
    if (wrapped_label_.size() == 2) {
      const PendingLabel label = carried_labels_.back();
      carried_labels_.pop_back();
      assign(label, wrapped_label_.back().filled().front()->text);
    }
    for (const auto& held : wrapped_label_) claim(held, "header");
    claim(row, "header");
    wrapped_label_.clear();
    return true;
  }
  if (wrapped_label_.size() == 1 && !is_label(text) && !grammar_.begins_label(text)) {
    wrapped_label_.push_back(row);
    return true;
  }
  release_wrapped_label();
  return false;
}

void Parser::release_wrapped_label() {
  std::vector<tokenize::Row> held;
  held.swap(wrapped_label_);
  releasing_wrapped_label_ = true;
  for (const auto& row : held) read_header_row(row);
  releasing_wrapped_label_ = false;
}

// `项目资金` over `（万元）`: a unit in a cell of its own is the unit of the
// scope the label above opened; the amounts read in it so far take it too.
bool Parser::take_unit_cell(const tokenize::Cell& cell) {
  const std::string& key = grammar_.squashed(cell.text);  // (the cell's facts keep it)
  grammar::Pattern::Match m;
  const auto& pattern = grammar_.header.unit_suffix;
  if (pattern.empty() || !pattern.search(key, m) || m.groups[0].offset != 0) return false;
  const std::string unit(m.group(pattern.group_index("unit")));
  if (unit.empty()) return false;
  scope_unit_[static_cast<int>(last_scope_)] = unit;
  auto& funds = last_scope_ == Scope::total ? project_->funds : project_->allocated;
  for (auto& [key_, value] : funds) {
    if (value.kind == model::ValueKind::quantity && !value.unit)
      value = money(value.raw, last_scope_);
  }
  return true;
}

void Parser::read_header_row(const tokenize::Row& row) {
  if (hold_wrapped_label(row)) return;
  if (continues_value(row)) return;
  if (read_header_grid_row(row)) return;
  header_row_line_ = row.filled().size() == 1 ? row.line : -1;
  Scope scope = Scope::total;
  valued_funds_.clear();
  const bool has_labels = has_header_label(row) || [&] {
    for (const auto* cell : row.filled()) {
      auto m = grammar_.match_label_prefix(cell->text);
      if (m && m->end < cell->text.size()) return true;
    }
    return false;
  }();
  // The next line of a goal's paragraph (reading-order text, one cell per
  // paragraph) goes on with the goal.
  if (!has_labels && carried_labels_.empty() && continues_goal(row)) return;
  const std::optional<std::string> goal_before = project_->goal;
  // A row of values only continues the labels of the row before.
  std::vector<PendingLabel> waiting;
  if (!has_labels) waiting.swap(carried_labels_);
  carried_labels_.clear();
  claim(row, has_labels || waiting.empty() ? "header" : "goal");

  for (const auto* cell : row.filled()) {
    if (take_unit_cell(*cell)) continue;
    if (auto exact = grammar_.match_label(cell->text)) {
      // A label with no value yet is simply superseded by the next label.
      take_label(*exact, cell->text, scope, cell->index);
      continue;
    }
    auto prefix = grammar_.match_label_prefix(cell->text);
    if (prefix && prefix->end < cell->text.size()) {
      take_label(*prefix, trim_separator(std::string_view(cell->text).substr(0, prefix->end)),
                 scope, cell->index);
      PendingLabel label = carried_labels_.back();
      carried_labels_.pop_back();
      assign(label, trim_separator(std::string_view(cell->text).substr(prefix->end)));
      continue;
    }
    if (!carried_labels_.empty()) {
      PendingLabel label = carried_labels_.back();
      carried_labels_.clear();
      assign(label, cell->text);
    } else if (!waiting.empty() && waiting.front().field == HeaderField::name &&
               !plausible_name(cell->text)) {
      // Reading-order text puts the last cells of the table before in front
      // of the next project's name: `≥2 次`, `成本指标` are not a name.
      diagnose(source::Code::unparsed_line, row, cell, {"unparsed-line.before-name", {}});
      carried_labels_ = waiting;
      return;
    } else if (!waiting.empty()) {
      // The label above this cell, where the rows keep their columns
      // (`年度总体目标 | 预期目标 | 实际完成情况` over ` | 目标… | 完成…`);
      // else the first label still waiting.
      auto above = std::find_if(waiting.begin(), waiting.end(), [&](const PendingLabel& l) {
        return l.column == cell->index && row.layout == tokenize::Layout::tab;
      });
      if (above == waiting.end()) above = waiting.begin();
      PendingLabel label = *above;
      waiting.erase(above);
      assign(label, cell->text);
      if (label.field == HeaderField::name && row.filled().size() == 1) provisional_name_ = row;
    } else if (provisional_name_ && row.filled().size() == 1 && !plausible_name(cell->text)) {
      diagnose(source::Code::unparsed_line, row, cell, {"unparsed-line.before-name", {}});
    } else if (provisional_name_ && row.filled().size() == 1) {
      // A later lone cell before any other label: the earlier one was out of
      // place, and this is the name.
      diagnose(source::Code::unparsed_line, *provisional_name_, provisional_name_->filled().front(),
               {"unparsed-line.before-name", {}});
      rename_project(cell->text);
      provisional_name_ = row;
    } else {
      diagnose(source::Code::header_unknown_cell, row, cell, {"header-unknown-cell.kept", {}});
      add_field("", cell->text);
    }
  }
  if (project_->goal != goal_before) goal_line_ = row.line;
  if (has_labels) provisional_name_.reset();
}

// The name read first was a stray cell: the field it filled changes too.
void Parser::rename_project(const std::string& name) {
  for (auto& [label, value] : project_->fields) {
    if (value == project_->name) value = name;
  }
  project_->name = name;
}

// 项目名称 stands alone and its value has not come yet.
bool Parser::name_unsettled() const {
  return std::any_of(carried_labels_.begin(), carried_labels_.end(),
                     [](const PendingLabel& l) { return l.field == HeaderField::name; });
}

// A project name is text: not a value, a level label or a column label.
bool Parser::plausible_name(const std::string& text) const {
  if (grammar_.match_column(text) || grammar_.match_levels(text).any()) return false;
  // `2026年科普经费`: a year and words after it is a name, not a quantity.
  grammar::Pattern::Match m;
  if (grammar_.document.year.search(text, m) && m.groups[0].offset == 0 &&
      source::char_count(std::string_view(text).substr(m.groups[0].length)) >= 2)
    return true;
  const model::ValueKind kind = values_.parse(text).value.kind;
  return kind == model::ValueKind::text || kind == model::ValueKind::date ||
         source::char_count(text) > 12;
}

bool Parser::continues_goal(const tokenize::Row& row) {
  const auto cells = row.filled();
  if (!project_->goal || goal_line_ < 0 || row.line != goal_line_ + 1 || cells.size() != 1)
    return false;
  std::string& goal = *project_->goal;
  const std::string& more = cells.front()->text;
  // `一、产出指标` after the goal: the indicator tree begins (a notice, with
  // no column header between).
  if (grammar_.match_levels(more).any() || grammar_.match_column(more)) return false;
  // Wrapped CJK text runs on without a space; ASCII words keep one.
  const bool wide = (!goal.empty() && static_cast<unsigned char>(goal.back()) >= 0x80) ||
                    static_cast<unsigned char>(more.front()) >= 0x80;
  if (!wide) goal += ' ';
  goal += more;
  goal_line_ = row.line;
  claim(row, "goal");
  return true;
}

}  // namespace jixiao::parse
