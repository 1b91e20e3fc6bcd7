// An indented tree: leading spaces give the level, and an indicator's value
// is the next, deeper line.
//
//   产出指标
//     数量指标
//       培训人数
//         ≥100人
#include "layout/layout.h"

namespace jixiao::layout {
namespace {

// A line of one cell, and how far in it starts.
std::optional<int> indent_of(const tokenize::Row& row) {
  if (row.kind != tokenize::RowKind::cells || row.layout != tokenize::Layout::tab) return {};
  const auto filled = row.filled();
  if (filled.size() != 1 || filled.front()->index != 0) return {};
  return filled.front()->column - 1;
}

}  // namespace

bool IndentedTree::is_word(const tokenize::Row& row) const {
  const std::string& text = row.filled().front()->text;
  return grammar_.match_levels(text).any() || grammar_.match_column(text) ||
         grammar_.match_label_prefix(text);
}

void IndentedTree::push(tokenize::Row row, const Emit& emit) {
  const auto indent = indent_of(row);
  if (waiting_) {
    const int above = *indent_of(*waiting_);
    if (indent && *indent > above && *indent - above <= kMaxStep && !is_word(row)) {
      // The deeper line is the value of the line above.
      tokenize::Row joined = std::move(*waiting_);
      waiting_.reset();
      tokenize::Cell value = *row.filled().front();
      value.index = 1;
      joined.text += '\t' + value.text;
      joined.cells.assign({*joined.filled().front(), value});
      joined.cells[0].index = 0;
      joined.last_line = row.last_line;
      joined.layout = tokenize::Layout::indented;
      tokenizer_.classify(joined);
      one_cell_lines_ = true;
      return emit(std::move(joined));
    }
    note(*waiting_);
    emit(std::move(*waiting_));
    waiting_.reset();
  }
  // Only in text of one cell per line: in space-aligned text (pdftotext
  // -layout) indentation is a column's place, and a wrapped cell's next line
  // may sit further right.
  if (row.layout == tokenize::Layout::spaces) space_aligned_ = true;
  if (indent && *indent > 0 && *indent <= kMaxIndent && one_cell_lines_ && !space_aligned_ &&
      !is_word(row)) {
    waiting_ = std::move(row);
    return;
  }
  note(row);
  emit(std::move(row));
}

void IndentedTree::note(const tokenize::Row& row) {
  if (row.kind == tokenize::RowKind::blank) return;
  one_cell_lines_ = row.filled().size() <= 1 && row.layout == tokenize::Layout::tab;
}

void IndentedTree::finish(const Emit& emit) {
  if (waiting_) emit(std::move(*waiting_));
  waiting_.reset();
}

}  // namespace jixiao::layout
