// The header of a space-aligned table, rebuilt (see layout.h, HeaderBlock).
//
// pdftotext -layout prints a header cell's lines where the PDF had them: a
// label wraps in its narrow column (`项目名` over `称`, `资金主管处` …
// `（科、股）室`), and a value's lines are centred on its row, so they sit on
// the lines above and below the label's, interleaved with the next column's.
// The block of lines from the first header label to the indicator table is
// read as a whole:
//   1. cells: words apart by two spaces or more, and a label's first word
//      apart from the value one space after it;
//   2. labels: pieces at one place on nearby lines joined while they make a
//      label or its beginning;
//   3. values: each belongs to the nearest column of labels on its left that
//      has a label within reach, and there to the label it is centred on (a
//      dynamic programme over the column's values and labels);
//   4. rows: labels whose middles are level are one row, label and value
//      side by side, as a tab-separated header has them.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "layout/layout.h"
#include "normalize/normalize.h"
#include "source/input.h"
#include "source/partition.h"

namespace jixiao::layout {
namespace {

struct HeaderCell {
  std::string text;
  int x = 0, end = 0, line = 0;
};

void append(std::string& text, std::string_view piece) {
  if (piece.empty()) return;
  if (!text.empty() && !normalize::cjk_on_both_sides(text, piece)) text += ' ';
  text += piece;
}

struct LabelGroup {
  std::vector<const HeaderCell*> pieces;
  std::string text;
  int x = 0, end = 0;
  bool whole = false;
  std::vector<const HeaderCell*> values;
  int first() const { return pieces.front()->line; }
  int last() const { return pieces.back()->line; }
  double middle() const { return (first() + last()) / 2.0; }
};

// A line's cells: words apart by two spaces or more, and after a label (or a
// label's beginning) that starts a cell, the rest of the cell.
std::vector<HeaderCell> cells_of(const tokenize::Row& row, const grammar::Grammar& g) {
  std::vector<HeaderCell> out;
  int previous_end = std::numeric_limits<int>::min() / 2;
  bool after_label = false;
  for (const auto& word : row.words) {
    const bool gap = word.column - previous_end >= 2;
    const bool label = g.match_label(word.text).has_value();
    if (out.empty() || gap || after_label || label) {
      out.push_back(HeaderCell{"", word.column, word.end(), row.line});
      // (A word at the left margin is a piece of a label, `项` of 项/目/名/称
      // printed a character a line: the rest of the line is not.)
      after_label = label || g.begins_label(word.text) || (out.size() == 1 && word.column <= 1);
    } else {
      after_label = false;
    }
    append(out.back().text, word.text);
    out.back().end = word.end();
    previous_end = word.end();
  }
  return out;
}

// A column of a header holds a few dozen value pieces at most.
constexpr std::size_t kMaxProgrammeValues = 200;

// Which label each value goes to, in order, centred on it: values[k] to
// labels[result[k]]. Consecutive values may share a label (a wrapped value);
// a label may take none.
std::vector<std::size_t> centred(const std::vector<const HeaderCell*>& values,
                                 const std::vector<LabelGroup*>& labels) {
  const std::size_t m = values.size(), k = labels.size();
  std::vector<std::size_t> out(m, 0);
  if (m == 0 || k == 0) return out;
  if (m > kMaxProgrammeValues) {
    // More than a header holds (the programme is cubic in them): each value
    // to the label whose middle is nearest.
    for (std::size_t v = 0; v < m; ++v) {
      for (std::size_t r = 1; r < k; ++r) {
        if (std::abs(labels[r]->middle() - values[v]->line) <
            std::abs(labels[out[v]]->middle() - values[v]->line))
          out[v] = r;
      }
    }
    return out;
  }
  auto cost = [&](std::size_t r, std::size_t a, std::size_t b) {
    if (a == b) return 0.0;
    const double middle = (values[a]->line + values[b - 1]->line) / 2.0;
    const int tall = values[b - 1]->line - values[a]->line;
    const int span = labels[r]->last() - labels[r]->first();
    double apart = 0;  // pieces of one value are at most a line apart
    for (std::size_t v = a + 1; v < b; ++v) apart += values[v]->line - values[v - 1]->line > 2;
    double elsewhere = 0;  // a value on another label's line is that label's
    for (std::size_t v = a; v < b; ++v) {
      for (std::size_t o = 0; o < k; ++o) {
        if (o != r && values[v]->line >= labels[o]->first() && values[v]->line <= labels[o]->last())
          elsewhere += 1.0;
      }
    }
    return std::abs(middle - labels[r]->middle()) + 0.3 * static_cast<double>(b - a - 1) +
           0.5 * std::max(0, tall - span - 8) + apart + elsewhere;
  };
  return source::ordered_runs(m, k, m, cost);
}

}  // namespace

bool HeaderBlock::starts(const tokenize::Row& row) const {
  if (row.kind != tokenize::RowKind::cells || row.words.empty() || row.words.front().column > 1)
    return false;
  const std::string& first = row.words.front().text;
  if (!grammar_.match_label(first) && !grammar_.begins_label(first) &&
      !grammar_.match_label_prefix(first))
    return false;
  // (A listing table's `项目名称  资金来源  金额（万元）` heads no header.)
  std::vector<std::string_view> words;
  for (const auto& word : row.words) words.push_back(word.text);
  return !grammar_.is_listing_heading(words);
}

bool HeaderBlock::ends(const tokenize::Row& row) const {
  // (A blank line is a vertical gap pdftotext kept; two end the block.)
  if (row.kind == tokenize::RowKind::blank)
    return !rows_.empty() && rows_.back().kind == tokenize::RowKind::blank;
  if (row.kind != tokenize::RowKind::cells) return true;
  bool pieces = true;  // of column labels only (`二级绩效指`, the table's header wrapped)
  for (const auto& word : row.words) {
    if (grammar_.match_column(word.text) || grammar_.match_levels(word.text).any()) return true;
    const std::string key = grammar::squash(word.text);
    if (grammar_.header.budget_columns.count(key) || grammar_.header.task_columns.count(key))
      return true;
    if (!grammar_.is_header_fragment(word.text) || continues_label(word)) pieces = false;
  }
  return pieces;
}

// Whether a word, with the words at its place on the lines just above, makes
// a header label or its beginning (`年度绩效` over `目标`).
bool HeaderBlock::continues_label(const tokenize::Word& word) const {
  std::string text;
  const std::size_t from = rows_.size() > 3 ? rows_.size() - 3 : 0;
  for (std::size_t i = from; i < rows_.size(); ++i) {
    for (const auto& above : rows_[i].words) {
      if (std::abs(above.column - word.column) <= 1) text += above.text;
    }
  }
  if (text.empty()) return false;
  for (std::size_t start = 0; start < text.size(); ++start) {
    if ((static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) continue;
    const std::string joined = text.substr(start) + word.text;
    if (grammar_.match_label(joined) || grammar_.begins_label(joined)) return true;
  }
  return false;
}

void HeaderBlock::push(tokenize::Row row, const Emit& emit) {
  if (row.layout == tokenize::Layout::spaces) aligned_ = true;
  if (row.kind == tokenize::RowKind::title) in_table_ = false;
  if (!rows_.empty()) {
    if (!ends(row) && !(starts(row) && names_project(row)) && rows_.size() < kMaxLines) {
      rows_.push_back(std::move(row));
      return;
    }
    flush(emit);
  }
  // In the indicator table no header starts but the next project's.
  if (opens_table(row)) in_table_ = true;
  if (starts(row) && (!in_table_ || names_project(row))) {
    in_table_ = false;
    // A value's lines above its label's (`根据…` over `年度总体`) join it.
    while (!held_.empty() && row.line - held_.front().line > 2) {
      emit(std::move(held_.front()));
      held_.erase(held_.begin());
    }
    rows_ = std::move(held_);
    held_.clear();
    rows_.push_back(std::move(row));
    return;
  }
  const bool indented = row.kind == tokenize::RowKind::cells && !row.words.empty() &&
                        row.words.front().column > 1 && !in_table_;
  if (indented && (aligned_ || row.layout == tokenize::Layout::spaces)) {
    held_.push_back(std::move(row));
    if (held_.size() > 2) {
      emit(std::move(held_.front()));
      held_.erase(held_.begin());
    }
    return;
  }
  release(emit);
  if (opens_table(row)) in_table_ = true;
  emit(std::move(row));
}

// A line of the indicator table's column header (or of its pieces).
bool HeaderBlock::opens_table(const tokenize::Row& row) const {
  if (row.kind != tokenize::RowKind::cells || row.words.empty()) return false;
  bool pieces = true;
  for (const auto& word : row.words) {
    if (grammar_.match_column(word.text)) return true;
    if (!grammar_.is_header_fragment(word.text)) pieces = false;
  }
  return pieces && row.words.front().column > 1;
}

void HeaderBlock::release(const Emit& emit) {
  for (auto& held : held_) emit(std::move(held));
  held_.clear();
}

// Whether a line begins with the project's name label, or its beginning
// (`项目名`, `部门（单`): the next project's header.
bool HeaderBlock::names_project(const tokenize::Row& row) const {
  if (row.words.empty()) return false;
  const std::string key = grammar::squash(row.words.front().text);
  if (const auto label = grammar_.match_label(key))
    return label->field == grammar::HeaderField::name;
  if (key.empty()) return false;
  const auto lead = static_cast<unsigned char>(key[0]);
  const std::size_t bytes = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  const auto initial = grammar_.header.labels_by_initial.find(key.substr(0, bytes));
  if (initial == grammar_.header.labels_by_initial.end()) return false;
  return std::any_of(initial->second.begin(), initial->second.end(), [&](const auto& entry) {
    return entry.second == grammar::HeaderField::name && entry.first.starts_with(key);
  });
}

void HeaderBlock::finish(const Emit& emit) {
  flush(emit);
  release(emit);
}

void HeaderBlock::flush(const Emit& emit) {
  std::vector<tokenize::Row> rows;
  rows.swap(rows_);
  const bool spaced = std::any_of(rows.begin(), rows.end(), [](const tokenize::Row& r) {
    return r.layout == tokenize::Layout::spaces;
  });
  // A blank line the block ended on is the next's.
  std::optional<tokenize::Row> trailing;
  if (!rows.empty() && rows.back().kind == tokenize::RowKind::blank) {
    trailing = std::move(rows.back());
    rows.pop_back();
  }
  if (rows.size() < 2 || !(aligned_ || spaced)) {
    for (auto& row : rows) emit(std::move(row));
  } else {
    // (Blank lines inside the block hold nothing to rebuild.)
    for (auto& row : rebuild(rows)) {
      emit(std::move(row));
    }
  }
  if (trailing) emit(std::move(*trailing));
}

std::vector<tokenize::Row> HeaderBlock::rebuild(const std::vector<tokenize::Row>& lines) const {
  const grammar::Grammar& g = grammar_;
  std::vector<HeaderCell> cells;
  for (const auto& row : lines) {
    auto line_cells = cells_of(row, g);
    cells.insert(cells.end(), line_cells.begin(), line_cells.end());
  }
  // A label's beginning, or a label and the beginning of its unit
  // (`年度预算申请(万`, `元)` on the next line).
  auto begins = [&](const std::string& text) {
    if (g.begins_label(text)) return true;
    const auto label = g.match_label_prefix(text);
    if (!label) return false;
    const std::string_view rest = std::string_view(text).substr(label->end);
    return rest.starts_with("(") && rest.find(')') == std::string_view::npos &&
           source::char_count(rest) <= 4;
  };
  // Labels: pieces at one place, a few lines apart, joined while they make
  // a label or its beginning.
  std::vector<LabelGroup> groups;
  std::vector<const HeaderCell*> values;
  for (const HeaderCell& cell : cells) {
    LabelGroup* joined = nullptr;
    for (auto it = groups.rbegin(); it != groups.rend(); ++it) {
      // (A piece stands under the label's start, or centred under it.)
      if (cell.x < it->x - 1 || cell.x > it->end + 1 || cell.line - it->last() > 3) continue;
      std::string text = it->text;
      append(text, cell.text);
      const bool whole = g.match_label(text).has_value();
      if (whole || begins(text)) {
        it->text = text;
        it->whole = whole;
        it->end = std::max(it->end, cell.end);
        it->pieces.push_back(&cell);
        joined = &*it;
      }
      break;
    }
    if (joined) continue;
    const bool whole = g.match_label(cell.text).has_value();
    if (whole || begins(cell.text)) {
      groups.push_back(LabelGroup{{&cell}, cell.text, cell.x, cell.end, whole, {}});
    } else {
      values.push_back(&cell);
    }
  }
  // A beginning that never became a label is a value after all.
  std::vector<LabelGroup*> labels;
  for (auto& group : groups) {
    if (group.whole) {
      labels.push_back(&group);
    } else {
      values.insert(values.end(), group.pieces.begin(), group.pieces.end());
    }
  }
  std::sort(values.begin(), values.end(), [](const HeaderCell* a, const HeaderCell* b) {
    return a->line != b->line ? a->line < b->line : a->x < b->x;
  });
  // Columns of labels: labels whose extents overlap are one column (centred
  // labels of one column start at different places). A column's place is
  // its leftmost label's.
  std::vector<std::pair<int, int>> spans;  // [start, end) of each column
  for (const auto* label : labels) spans.emplace_back(label->x, label->end);
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<int, int>> merged;
  for (const auto& span : spans) {
    if (!merged.empty() && span.first < merged.back().second) {
      merged.back().second = std::max(merged.back().second, span.second);
    } else {
      merged.push_back(span);
    }
  }
  std::vector<int> columns;
  for (const auto& span : merged) columns.push_back(span.first);
  auto column_of = [&](int x) {
    for (std::size_t c = 0; c < merged.size(); ++c) {
      if (x >= merged[c].first && x < merged[c].second) return c;
    }
    return merged.size();
  };
  // Each value to the nearest column on its left with a label within reach.
  constexpr int kReach = 4;
  std::map<std::size_t, std::vector<const HeaderCell*>> by_column;
  std::vector<const HeaderCell*> loose;
  // (First a column with a label on the value's own lines, then one within
  // reach.)
  auto column_near = [&](const HeaderCell* value, int reach) {
    for (std::size_t c = columns.size(); c-- > 0;) {
      if (columns[c] >= value->x) continue;
      const bool near = std::any_of(labels.begin(), labels.end(), [&](const LabelGroup* l) {
        return column_of(l->x) == c && value->line >= l->first() - reach &&
               value->line <= l->last() + reach;
      });
      if (near) return c;
    }
    return columns.size();
  };
  for (const HeaderCell* value : values) {
    std::size_t found = column_near(value, 0);
    if (found == columns.size()) found = column_near(value, kReach);
    if (found == columns.size()) {
      loose.push_back(value);
    } else {
      by_column[found].push_back(value);
    }
  }
  for (auto& [c, column_values] : by_column) {
    std::vector<LabelGroup*> column_labels;
    for (auto* label : labels) {
      if (column_of(label->x) == c) column_labels.push_back(label);
    }
    const auto to = centred(column_values, column_labels);
    for (std::size_t k = 0; k < column_values.size(); ++k)
      column_labels[to[k]]->values.push_back(column_values[k]);
  }
  // Rows: labels with values, level with each other, side by side; a label
  // with none (a merged label over rows of its own, `项目资金（万元）`) on a
  // row of its own before them.
  struct Keyed {
    double key;
    LabelGroup* label;
  };
  std::vector<Keyed> order;
  for (auto* label : labels)
    order.push_back({label->values.empty() ? label->first() - 0.5 : label->middle(), label});
  std::stable_sort(order.begin(), order.end(),
                   [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  std::vector<std::pair<double, tokenize::Row>> out;
  auto add_cell = [](tokenize::Row& row, const std::string& text, int x, int line) {
    tokenize::Cell cell;
    cell.text = text;
    cell.index = static_cast<int>(row.cells.size());
    cell.column = x + 1;
    cell.line = line;
    row.cells.push_back(std::move(cell));
  };
  for (std::size_t i = 0; i < order.size();) {
    // (Labels of one column are never one row.)
    std::size_t j = i + 1;
    std::vector<std::size_t> row_columns{column_of(order[i].label->x)};
    if (!order[i].label->values.empty()) {
      while (j < order.size() && !order[j].label->values.empty() &&
             order[j].key - order[i].key <= 1.0) {
        const std::size_t c = column_of(order[j].label->x);
        if (std::find(row_columns.begin(), row_columns.end(), c) != row_columns.end()) break;
        row_columns.push_back(c);
        ++j;
      }
    }
    std::vector<LabelGroup*> row_labels;
    for (std::size_t k = i; k < j; ++k) row_labels.push_back(order[k].label);
    std::sort(row_labels.begin(), row_labels.end(),
              [](const LabelGroup* a, const LabelGroup* b) { return a->x < b->x; });
    tokenize::Row row;
    row.kind = tokenize::RowKind::cells;
    row.layout = tokenize::Layout::tab;
    row.line = std::numeric_limits<int>::max();
    row.last_line = 0;
    auto cover = [&](const HeaderCell* cell) {
      row.line = std::min(row.line, cell->line);
      row.last_line = std::max(row.last_line, cell->line);
    };
    for (auto* label : row_labels) {
      add_cell(row, label->text, label->x, label->first());
      for (const auto* piece : label->pieces) cover(piece);
      std::string value;
      int x = 0, line = 0;
      for (const auto* v : label->values) {
        if (value.empty()) x = v->x, line = v->line;
        append(value, v->text);
        cover(v);
      }
      if (!label->values.empty() || row_labels.size() > 1) add_cell(row, value, x, line);
    }
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (c > 0) row.text += '\t';
      row.text += row.cells[c].text;
    }
    out.emplace_back(order[i].key, std::move(row));
    i = j;
  }
  // Values with no label near: rows of their own, where they stand.
  for (const HeaderCell* value : loose) {
    tokenize::Row row;
    row.kind = tokenize::RowKind::cells;
    row.layout = tokenize::Layout::tab;
    row.line = row.last_line = value->line;
    add_cell(row, value->text, value->x, value->line);
    row.text = value->text;
    out.emplace_back(value->line, std::move(row));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<tokenize::Row> rows;
  for (auto& [key, row] : out) rows.push_back(std::move(row));
  return rows;
}

}  // namespace jixiao::layout
