// Space-aligned tables, as `pdftotext -layout` writes them, read whole.
//
// In such text a row of the table is several lines: a long name wraps onto
// the lines below, its value sits on whichever line is nearest the middle of
// the cell, and a merged level label (一级指标, 二级指标) is printed once, on
// the middle line of the block of rows it spans. So the table is buffered and
// rebuilt before its rows are read:
//   1. columns: the name column is where the names start (the most common
//      left edge of the first of two content cells on a line); cells right
//      of it are values, cells left of it pieces of a wrapped level label;
//   2. rows: a name line starts a row unless the name above it filled its
//      column (it wrapped) and this line brings no second value;
//   3. levels: each label's block is the run of rows that has the label at
//      its vertical middle, found by a small dynamic programme per page; rows
//      at the top of a page before its first label continue the block that
//      the page break split.
// The rebuilt rows then go through the same reading as tab-separated rows.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "parse/parse.h"

namespace jixiao::parse {
namespace {

std::size_t char_count(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

int end_column(const tokenize::Cell& cell) {
  return cell.column + static_cast<int>(char_count(cell.text));
}

}  // namespace

void Parser::buffer_aligned(const tokenize::Row& row, AlignedKind kind) {
  aligned_rows_.push_back(AlignedLine{row, kind});
}

void Parser::read_aligned_table() {
  struct LogicalRow {
    std::string name, value;
    const tokenize::Cell* name_cell = nullptr;
    const tokenize::Cell* value_cell = nullptr;
    std::vector<int> lines;
    int first = 0, last = 0, segment = 0;
    bool open = false;  // the last name line filled its column: the name goes on
  };
  struct Label {
    int line, segment, level;
    const tokenize::Cell* cell;
    const tokenize::Row* row;
  };
  std::vector<LogicalRow> rows;
  std::vector<Label> labels[2];                   // first and second levels
  std::vector<const tokenize::Row*> other_lines;  // lines of labels or their pieces only

  // Segments: a page of the table, from one column-header row to the next.
  int segment = 0;
  std::vector<std::vector<const AlignedLine*>> segments(1);
  for (const auto& line : aligned_rows_) {
    if (line.kind == AlignedKind::header && !segments.back().empty()) segments.emplace_back();
    if (line.kind == AlignedKind::content) segments.back().push_back(&line);
  }

  for (const auto& lines : segments) {
    // The name column: the left edge of the first content cell on lines that
    // have two (a name and a value), the most common one.
    std::map<int, int> starts;
    std::vector<std::vector<ClassifiedCell>> classified;
    for (const AlignedLine* line : lines) {
      classified.push_back(classify(line->row));
      std::vector<const tokenize::Cell*> content;
      for (const auto& c : classified.back()) {
        if (c.role == CellRole::content) content.push_back(c.cell);
      }
      if (content.size() >= 2) ++starts[content.front()->column];
    }
    // `成本指标` is a first or a second level: here its column says which.
    double level_x[2] = {0, 0};
    int level_n[2] = {0, 0};
    for (auto& cells : classified) {
      for (const auto& c : cells) {
        const bool both =
            grammar_.match_level1(c.cell->text) && grammar_.match_level2(c.cell->text);
        if (!both && (c.role == CellRole::level1 || c.role == CellRole::level2)) {
          const int k = c.role == CellRole::level1 ? 0 : 1;
          level_x[k] += c.cell->column;
          ++level_n[k];
        }
      }
    }
    if (level_n[0] > 0 && level_n[1] > 0) {
      for (auto& cells : classified) {
        for (auto& c : cells) {
          auto l1 = grammar_.match_level1(c.cell->text), l2 = grammar_.match_level2(c.cell->text);
          if (!l1 || !l2) continue;
          const double to1 = std::abs(c.cell->column - level_x[0] / level_n[0]);
          const double to2 = std::abs(c.cell->column - level_x[1] / level_n[1]);
          c = to1 <= to2 ? ClassifiedCell{c.cell, CellRole::level1, *l1}
                         : ClassifiedCell{c.cell, CellRole::level2, *l2};
        }
      }
    }
    int name_x = 0;
    for (const auto& [x, n] : starts) {
      if (starts.count(name_x) == 0 || n > starts[name_x]) name_x = x;
    }
    int max_end = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      for (const auto& c : classified[i]) {
        if (c.role == CellRole::content && std::abs(c.cell->column - name_x) <= 1) {
          max_end = std::max(max_end, end_column(*c.cell));
        }
      }
    }
    LogicalRow* current = nullptr;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const tokenize::Row& row = lines[i]->row;
      std::vector<const tokenize::Cell*> names, values;
      for (const auto& c : classified[i]) {
        if (c.role == CellRole::level1 || c.role == CellRole::level2) {
          labels[c.role == CellRole::level1 ? 0 : 1].push_back(
              Label{row.line, segment, c.level, c.cell, &row});
        } else if (c.role == CellRole::content) {
          if (name_x == 0 || std::abs(c.cell->column - name_x) <= 1) {
            names.push_back(c.cell);
          } else if (c.cell->column > name_x) {
            values.push_back(c.cell);
          }
          // Left of the names: a piece of a wrapped level label (`指标`).
        }
      }
      if (!names.empty()) {
        const bool continues = current && current->open && current->segment == segment &&
                               !(current->value_cell && !values.empty());
        if (!continues) {
          rows.push_back(LogicalRow{});
          current = &rows.back();
          current->segment = segment;
          current->first = row.line;
          current->name_cell = names.front();
        }
        for (const auto* cell : names) current->name += cell->text;
        current->open = end_column(*names.back()) >= max_end - 2;
      }
      if (!values.empty()) {
        if (!current || current->segment != segment) {
          rows.push_back(LogicalRow{});
          current = &rows.back();
          current->segment = segment;
          current->first = row.line;
        }
        for (const auto* cell : values) {
          if (!current->value_cell) current->value_cell = cell;
          current->value += cell->text;
        }
      }
      if (!names.empty() || !values.empty()) {
        current->lines.push_back(row.line);
        current->last = row.line;
      } else {
        other_lines.push_back(&row);
      }
    }
    ++segment;
  }

  // Levels: assign each row to the label whose block it is in.
  std::vector<const Label*> assigned[2];
  for (int level = 0; level < 2; ++level) {
    assigned[level].assign(rows.size(), nullptr);
    const Label* carried = nullptr;
    for (int s = 0; s < segment; ++s) {
      std::vector<std::size_t> in;  // rows of this segment
      for (std::size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].segment == s) in.push_back(r);
      }
      std::vector<const Label*> events;
      for (const auto& label : labels[level]) {
        if (label.segment == s) events.push_back(&label);
      }
      const std::size_t n = in.size(), m = events.size();
      const bool more_pages = s + 1 < segment;
      // cost(j, a, b): rows a..b-1 (of `in`) as the block of event j.
      auto cost = [&](std::size_t j, std::size_t a, std::size_t b) -> double {
        const double line = events[j]->line;
        if (a == b) {
          // No rows: the label stands on a line of its own between rows.
          const bool between =
              (a == 0 || rows[in[a - 1]].last < line) && (a == n || rows[in[a]].first > line);
          return between ? 1.5 : 1e6;
        }
        const double middle = (rows[in[a]].first + rows[in[b - 1]].last) / 2.0;
        double c = std::abs(middle - line);
        // The block a page break splits shows its label at the top.
        if (b == n && more_pages) c = std::min(c, std::abs(rows[in[a]].first - line));
        return c;
      };
      constexpr double kInf = std::numeric_limits<double>::infinity();
      std::vector<std::vector<double>> best(m + 1, std::vector<double>(n + 1, kInf));
      std::vector<std::vector<std::size_t>> from(m + 1, std::vector<std::size_t>(n + 1, 0));
      for (std::size_t k = 0; k <= n; ++k) {
        // Before the first label: rows the page break carried over, or none.
        best[0][k] = (k == 0 || carried) ? 0.0 : kInf;
        if (m == 0 && k > 0 && !carried) best[0][k] = 0.0;  // no label: left without a level
      }
      for (std::size_t j = 1; j <= m; ++j) {
        for (std::size_t k = 0; k <= n; ++k) {
          for (std::size_t a = 0; a <= k; ++a) {
            if (best[j - 1][a] == kInf) continue;
            const double c = best[j - 1][a] + cost(j - 1, a, k);
            if (c < best[j][k]) {
              best[j][k] = c;
              from[j][k] = a;
            }
          }
        }
      }
      // Walk back: block j holds rows from[j][k]..k-1.
      std::size_t k = n;
      for (std::size_t j = m; j > 0; --j) {
        const std::size_t a = from[j][k];
        for (std::size_t r = a; r < k; ++r) assigned[level][in[r]] = events[j - 1];
        k = a;
      }
      for (std::size_t r = 0; r < k; ++r) assigned[level][in[r]] = carried;
      if (m > 0) carried = events.back();
    }
  }

  // Read the rebuilt rows, labels with no rows of their own in their place.
  std::vector<std::pair<int, std::size_t>> order;  // (line, row) and label-only lines
  for (std::size_t r = 0; r < rows.size(); ++r) order.emplace_back(rows[r].first, r);
  std::vector<const Label*> lonely;
  for (int level = 0; level < 2; ++level) {
    for (const auto& label : labels[level]) {
      if (std::find(assigned[level].begin(), assigned[level].end(), &label) ==
          assigned[level].end()) {
        lonely.push_back(&label);
      }
    }
  }
  std::sort(lonely.begin(), lonely.end(),
            [](const Label* a, const Label* b) { return a->line < b->line; });
  std::size_t next_lonely = 0;
  auto flush_lonely = [&](int before_line) {
    while (next_lonely < lonely.size() && lonely[next_lonely]->line < before_line) {
      // A level declared with no indicator under it (`经济效益` alone).
      tokenize::Row levels = *lonely[next_lonely]->row;
      levels.cells.clear();
      tokenize::Cell cell = *lonely[next_lonely]->cell;
      cell.index = 0;
      levels.cells.push_back(cell);
      read_indicator_row(levels);
      ++next_lonely;
    }
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const LogicalRow& lr = rows[r];
    flush_lonely(lr.first);
    tokenize::Row row;
    row.line = lr.first;
    row.kind = tokenize::RowKind::cells;
    row.layout = tokenize::Layout::spaces;
    int index = 0;
    for (int level = 0; level < 2; ++level) {
      if (assigned[level][r]) {
        tokenize::Cell cell = *assigned[level][r]->cell;
        cell.index = index++;
        row.cells.push_back(cell);
      }
    }
    tokenize::Cell name;
    if (lr.name_cell) name = *lr.name_cell;
    name.text = lr.name;
    name.index = index++;
    tokenize::Cell value;
    if (lr.value_cell) value = *lr.value_cell;
    value.text = lr.value;
    value.index = index++;
    if (name.text.empty()) {
      // A value with no name: a piece of the row before, which lost it.
      diagnose(source::Code::unparsed_line, row, lr.value_cell, "a value with no indicator name");
      continue;
    }
    row.cells.push_back(name);
    row.cells.push_back(value);
    const std::size_t before = project_->indicators.size();
    read_indicator_row(row);
    for (std::size_t i = before; i < project_->indicators.size(); ++i) {
      project_->indicators[i].lines = lr.lines;
    }
  }
  flush_lonely(std::numeric_limits<int>::max());
  for (const auto* row : other_lines) {
    bool labelled = false;
    for (int level = 0; level < 2; ++level) {
      for (const auto& label : labels[level]) labelled = labelled || label.line == row->line;
    }
    if (!labelled)
      claim(*row, "levels");
    else if (std::none_of(lonely.begin(), lonely.end(),
                          [&](const Label* l) { return l->line == row->line; }))
      claim(*row, "levels");
  }
  for (const auto& label_list : labels) {
    for (const auto& label : label_list) {
      const bool on_row_line = std::any_of(rows.begin(), rows.end(), [&](const LogicalRow& lr) {
        return std::find(lr.lines.begin(), lr.lines.end(), label.line) != lr.lines.end();
      });
      const bool lonely_line = std::any_of(lonely.begin(), lonely.end(),
                                           [&](const Label* l) { return l->line == label.line; });
      if (!on_row_line && !lonely_line) claim(*label.row, "levels");
    }
  }
  aligned_rows_.clear();
}

}  // namespace jixiao::parse
