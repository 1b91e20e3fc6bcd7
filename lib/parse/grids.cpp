// Grids inside a project's header, read by column: the budget grid of a
// self-evaluation (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分,
// one row per source of funds) and the main tasks of a department table
// (任务名称 | 主要内容 | 预算金额). A grid's header row gives each column its
// key (grammar `header.budget`, `header.tasks`); the rows below are read by
// position until a row that is not part of the grid.
#include <algorithm>

#include "parse/parse.h"
#include "source/input.h"

namespace jixiao::parse {
namespace {

// The columns of a grid header row: cell index → key, when at least
// `at_least` cells are the grid's column labels.
std::vector<std::pair<std::size_t, std::string>> grid_columns(
    const tokenize::Row& row, const std::unordered_map<std::string, std::string>& labels,
    std::size_t at_least) {
  std::vector<std::pair<std::size_t, std::string>> columns;
  if (labels.empty()) return columns;
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const std::string key = grammar::squash(row.cells[i].text);
    // A unit after the label: `预算金额(万元)`.
    const std::string bare = key.substr(0, key.find('('));
    auto it = labels.find(key);
    if (it == labels.end()) it = labels.find(bare);
    if (it != labels.end()) columns.emplace_back(i, it->second);
  }
  if (columns.size() < at_least) columns.clear();
  return columns;
}

// The cell under column `index` of a grid whose header had `width` cells; a
// row with fewer cells lost its leading (merged) ones.
const tokenize::Cell* cell_under(const tokenize::Row& row, std::size_t index, std::size_t width) {
  const std::size_t offset = row.cells.size() < width ? width - row.cells.size() : 0;
  if (index < offset || index - offset >= row.cells.size()) return nullptr;
  const tokenize::Cell& cell = row.cells[index - offset];
  return cell.text.empty() ? nullptr : &cell;
}

}  // namespace

// The unit a grid's header row states in a label (`项目资金(万元)`), if any.
void Parser::take_grid_unit(const tokenize::Row& row) {
  for (const auto& cell : row.cells) {
    grammar::Pattern::Match m;
    const std::string key = grammar::squash(cell.text);
    if (grammar_.header.unit_suffix.search(key, m)) {
      scope_unit_[0] = std::string(m.group(grammar_.header.unit_suffix.group_index("unit")));
      return;
    }
  }
}

bool Parser::read_header_grid_row(const tokenize::Row& row) {
  const auto& h = grammar_.header;
  if (auto columns = grid_columns(row, h.budget_columns, 3); !columns.empty()) {
    budget_columns_ = std::move(columns);
    grid_width_ = row.cells.size();
    take_grid_unit(row);
    claim(row, "header");
    return true;
  }
  if (auto columns = grid_columns(row, h.task_columns, 2); !columns.empty()) {
    task_columns_ = std::move(columns);
    grid_width_ = row.cells.size();
    take_grid_unit(row);
    claim(row, "header");
    return true;
  }
  if (!budget_columns_.empty()) {
    if (read_budget_row(row)) return true;
    budget_columns_.clear();
  }
  if (!task_columns_.empty()) {
    if (!has_header_label(row) && read_task_row(row)) return true;
    task_columns_.clear();
  }
  return false;
}

// A budget row: its label names the source of funds (`年度资金总额`,
// `其中：当年财政拨款`); the 年度资金总额 row is the project's budget, and
// each row's 全年预算数 is its funds.
bool Parser::read_budget_row(const tokenize::Row& row) {
  std::string key;
  for (const auto* cell : row.filled()) {
    std::string label = grammar::squash(cell->text);
    for (const auto& prefix : grammar_.header.ignore_prefixes) {
      if (label.starts_with(prefix)) label.erase(0, prefix.size());
    }
    if (auto it = grammar_.header.budget_rows.find(label);
        it != grammar_.header.budget_rows.end()) {
      key = it->second;
      break;
    }
  }
  if (key.empty()) return false;
  model::Budget budget;
  for (const auto& [index, column] : budget_columns_) {
    const tokenize::Cell* cell = cell_under(row, index, grid_width_);
    if (!cell) continue;
    if (column == "weight" || column == "score") {
      const model::Value v = values_.parse(cell->text).value;
      if (v.kind == model::ValueKind::quantity && v.number)
        (column == "weight" ? budget.weight : budget.score) = v.number;
    } else if (column == "execution_rate") {
      budget.execution_rate = values_.parse(cell->text).value;
    } else {
      model::Value money_value = money(cell->text, Scope::total);
      if (column == "full_year") project_->funds[key] = money_value;
      (column == "initial"     ? budget.initial
       : column == "full_year" ? budget.full_year
                               : budget.executed) = std::move(money_value);
    }
  }
  if (key == "total") project_->budget = std::move(budget);
  add_field(row.filled().front()->text, row.text);
  claim(row, "header");
  return true;
}

// A task row: its name, content and amount by column.
bool Parser::read_task_row(const tokenize::Row& row) {
  model::Task task;
  task.line = row.line;
  for (const auto& [index, column] : task_columns_) {
    const tokenize::Cell* cell = cell_under(row, index, grid_width_);
    if (!cell) continue;
    if (column == "name") task.name = cell->text;
    if (column == "content") task.content = cell->text;
    if (column == "amount") task.amount = money(cell->text, Scope::total);
  }
  if (task.name.empty() && task.content.empty() && !task.amount) return false;
  project_->tasks.push_back(std::move(task));
  claim(row, "tasks");
  return true;
}

}  // namespace jixiao::parse
