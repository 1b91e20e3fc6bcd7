// One cell per line with pipe marks: the row structure is exact, only
// written downwards.
//
//   产出指标 |        产出指标
//   数量指标 |        |
//   培训人数 |        数量指标
//   ≥100人 |          |
//   ||                (blank line)
#include <algorithm>

#include "layout/layout.h"

namespace jixiao::layout {
namespace {

// `培训人数 |`: one cell, its text, and no other pipe on the line.
std::optional<std::string_view> marked_cell(const tokenize::Row& row) {
  const auto filled = row.filled();
  if (filled.size() != 1) return std::nullopt;
  std::string_view text = filled.front()->text;
  if (text.size() < 2 || text.back() != '|' || text.find('|') != text.size() - 1)
    return std::nullopt;
  text.remove_suffix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  return text;
}

// `|` or `||`: nothing but pipes.
bool only_pipes(const tokenize::Row& row) {
  const std::string& t = row.text;
  return t.find('|') != std::string::npos &&
         std::all_of(t.begin(), t.end(), [](char c) { return c == '|' || c == ' ' || c == '\t'; });
}

// A line that may be a cell of the second form (its `|` on the next line).
bool may_be_cell(const tokenize::Row& row) {
  return row.kind != tokenize::RowKind::blank && row.filled().size() == 1 &&
         row.text.find('|') == std::string::npos;
}

}  // namespace

void MarkedCells::push(tokenize::Row row, const Emit& emit) {
  if (const auto text = marked_cell(row)) {
    release_waiting(emit);
    if (cells_.empty()) first_line_ = row.line;
    tokenize::Cell cell = *row.filled().front();
    cell.text = std::string(*text);
    cell.index = static_cast<int>(cells_.size());
    cell.line = row.line;
    cells_.push_back(std::move(cell));
    last_line_ = row.line;
    return;
  }
  if (only_pipes(row)) {
    if (waiting_) {
      // The line before was a cell, this pipe closes it.
      tokenize::Row cell_row = std::move(*waiting_);
      waiting_.reset();
      if (cells_.empty()) first_line_ = cell_row.line;
      tokenize::Cell cell = *cell_row.filled().front();
      cell.index = static_cast<int>(cells_.size());
      cells_.push_back(std::move(cell));
      last_line_ = row.line;
      return;
    }
    if (!cells_.empty()) {
      last_line_ = row.line;
      return end_row(emit);
    }
    return emit(std::move(row));
  }
  if (may_be_cell(row)) {
    // Two such lines in a row: the first was no cell, and the row it
    // would have continued has ended.
    release_waiting(emit);
    waiting_ = std::move(row);
    return;
  }
  release_waiting(emit);
  end_row(emit);
  emit(std::move(row));
}

void MarkedCells::finish(const Emit& emit) {
  release_waiting(emit);
  end_row(emit);
}

void MarkedCells::release_waiting(const Emit& emit) {
  if (!waiting_) return;
  tokenize::Row row = std::move(*waiting_);
  waiting_.reset();
  end_row(emit);
  emit(std::move(row));
}

void MarkedCells::end_row(const Emit& emit) {
  if (cells_.empty()) return;
  tokenize::Row row;
  row.line = first_line_;
  row.last_line = last_line_;
  row.layout = tokenize::Layout::marked_cells;
  for (const auto& cell : cells_) {
    if (!row.text.empty()) row.text += '\t';
    row.text += cell.text;
  }
  row.cells = std::move(cells_);
  cells_.clear();
  tokenizer_.classify(row);
  emit(std::move(row));
}

}  // namespace jixiao::layout
