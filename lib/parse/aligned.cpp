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
#include "parse/aligned.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "source/input.h"

namespace jixiao::parse {
namespace {

// Above this many rows on one page, levels are not optimised: a page holds
// a few dozen, and the optimisation's cost grows with the cube of the rows.
constexpr std::size_t kMaxBlockRows = 400;

int end_column(const tokenize::Cell& cell) {
  return cell.column + static_cast<int>(source::char_count(cell.text));
}

}  // namespace

std::vector<const tokenize::Row*> AlignedTable::lines() const {
  std::vector<const tokenize::Row*> out;
  for (const auto& line : lines_) out.push_back(&line.row);
  return out;
}

tokenize::Row split_level_cells(const tokenize::Row& row, const grammar::Grammar& grammar_) {
  tokenize::Row out = row;
  out.cells.clear();
  auto longest_label = [&](std::string_view text) {
    std::size_t best = 0;
    for (const auto* aliases : {&grammar_.levels.level1_aliases, &grammar_.levels.level2_aliases}) {
      for (const auto& [alias, index] : *aliases) {
        if (source::char_count(alias) >= 4 && alias.size() > best && alias.size() < text.size() &&
            text.substr(0, alias.size()) == alias) {
          best = alias.size();
        }
      }
    }
    return best;
  };
  for (const auto& cell : row.cells) {
    const bool label = grammar_.match_levels(cell.text).any();
    const std::size_t cut =
        label || cell.text.find(' ') != std::string::npos ? 0 : longest_label(cell.text);
    if (cut > 0) {
      tokenize::Cell first = cell, second = cell;
      first.text = cell.text.substr(0, cut);
      second.text = cell.text.substr(cut);
      second.column = cell.column + static_cast<int>(source::char_count(first.text)) + 1;
      out.cells.push_back(first);
      out.cells.push_back(second);
      continue;
    }
    out.cells.push_back(cell);
  }
  for (std::size_t i = 0; i < out.cells.size(); ++i) out.cells[i].index = static_cast<int>(i);
  return out;
}

TableModel AlignedTable::read(const ReaderContext& cx) const {
  const grammar::Grammar& grammar_ = cx.grammar;
  TableModel model;
  struct LogicalRow {
    std::string name, value;
    const tokenize::Cell* name_cell = nullptr;
    const tokenize::Cell* value_cell = nullptr;
    std::vector<int> lines;
    int first = 0, last = 0, segment = 0;
    bool open = false;        // the last name line filled its column: the name goes on
    bool value_open = false;  // the same for the value
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
  std::vector<std::vector<const Line*>> segments(1);
  for (const auto& line : lines_) {
    if (line.header && !segments.back().empty()) segments.emplace_back();
    if (!line.header) segments.back().push_back(&line);
  }

  // Rows with `可持续影响指标 科技特派员制度` in one cell (pdftotext left a single
  // space between the columns) split after the level label. Kept for the
  // whole table: labels point into them.
  std::vector<std::vector<tokenize::Row>> split_rows(segments.size());
  for (std::size_t s = 0; s < segments.size(); ++s) {
    for (const Line* line : segments[s])
      split_rows[s].push_back(split_level_cells(line->row, grammar_));
  }

  for (const auto& lines : split_rows) {
    // The name column: the left edge of the first content cell on lines that
    // have two (a name and a value), the most common one.
    std::map<int, int> starts;
    std::vector<std::vector<ClassifiedCell>> classified;
    for (const tokenize::Row& line : lines) {
      classified.push_back(cx.classify(line));
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
        const auto levels = grammar_.match_levels(c.cell->text);
        const bool both = levels.level1 && levels.level2;
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
          const auto [l1, l2] = grammar_.match_levels(c.cell->text);
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
    // Values start right of the names: halfway to the leftmost value is the
    // border. Names start at the name column, give or take a few places
    // (a line that also holds the tail of a wrapped label shifts them).
    int value_start = std::numeric_limits<int>::max();
    for (const auto& cells : classified) {
      std::vector<const tokenize::Cell*> content;
      for (const auto& c : cells) {
        if (c.role == CellRole::content) content.push_back(c.cell);
      }
      if (content.size() >= 2 && content.back()->column > name_x + 4) {
        value_start = std::min(value_start, content.back()->column);
      }
    }
    const int border = value_start == std::numeric_limits<int>::max()
                           ? std::numeric_limits<int>::max()
                           : (name_x + value_start) / 2;
    auto is_name = [&](const tokenize::Cell& cell) {
      return name_x == 0 || (cell.column >= name_x - 6 && cell.column < border);
    };
    int max_end = 0, max_value_end = 0;
    for (const auto& cells : classified) {
      for (const auto& c : cells) {
        if (c.role != CellRole::content) continue;
        if (is_name(*c.cell)) {
          max_end = std::max(max_end, end_column(*c.cell));
        } else if (c.cell->column >= border) {
          max_value_end = std::max(max_value_end, end_column(*c.cell));
        }
      }
    }
    // Numbered names (`指标 3：…`, `2. …`): where most names of the page carry
    // a number, a name line starts a row exactly when it has one.
    int name_lines = 0, numbered_lines = 0;
    for (const auto& cells : classified) {
      for (const auto& c : cells) {
        if (c.role != CellRole::content || !is_name(*c.cell)) continue;
        ++name_lines;
        numbered_lines += cx.numbered(c.cell->text) ? 1 : 0;
        break;
      }
    }
    // Names wrap, so fewer than all lines are numbered; half of them at least.
    const bool by_number = numbered_lines >= 3 && 2 * numbered_lines >= name_lines;
    // Rows by index: `rows` grows while they are built.
    std::size_t current = rows.size();
    bool has_current = false;
    std::string pending_value;  // a value whose name comes on the next line
    const tokenize::Cell* pending_cell = nullptr;
    std::vector<int> pending_lines;
    bool pending_open = false;
    auto start_row = [&](int line) {
      rows.push_back(LogicalRow{});
      current = rows.size() - 1;
      has_current = true;
      rows[current].segment = segment;
      rows[current].first = line;
    };
    // True when the next line with content holds values only.
    auto next_is_value_only = [&](std::size_t i) {
      for (std::size_t k = i + 1; k < lines.size(); ++k) {
        bool name = false, value = false;
        for (const auto& c : classified[k]) {
          if (c.role != CellRole::content) continue;
          if (is_name(*c.cell))
            name = true;
          else if (c.cell->column >= border)
            value = true;
        }
        if (name || value) return value && !name;
      }
      return false;
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const tokenize::Row& row = lines[i];
      std::vector<const tokenize::Cell*> names, values;
      for (const auto& c : classified[i]) {
        if (c.role == CellRole::level1 || c.role == CellRole::level2) {
          labels[c.role == CellRole::level1 ? 0 : 1].push_back(
              Label{row.line, segment, c.level, c.cell, &row});
        } else if (c.role == CellRole::content) {
          if (is_name(*c.cell)) {
            names.push_back(c.cell);
          } else if (c.cell->column >= border) {
            values.push_back(c.cell);
          }
          // Left of the names: a piece of a wrapped level label (`指标`).
        }
      }
      LogicalRow* row_now = has_current ? &rows[current] : nullptr;
      if (!names.empty()) {
        // A name line after a full one continues it, unless the row above has
        // its value and this line brings its own, now or on the next line.
        const bool own_value = !values.empty() || next_is_value_only(i);
        const bool continues = by_number ? row_now && !cx.numbered(names.front()->text)
                                         : row_now && row_now->open &&
                                               !(row_now->value_cell && own_value) &&
                                               pending_value.empty();
        if (!continues) {
          start_row(pending_value.empty() ? row.line : pending_lines.front());
          rows[current].name_cell = names.front();
          if (!pending_value.empty()) {
            rows[current].value = pending_value;
            rows[current].value_cell = pending_cell;
            rows[current].value_open = pending_open;
            rows[current].lines = pending_lines;
            pending_value.clear();
            pending_lines.clear();
          }
        }
        LogicalRow& r = rows[current];
        for (const auto* cell : names) r.name += cell->text;
        r.open = end_column(*names.back()) >= max_end - 2;
        if (!r.name_cell) r.name_cell = names.front();
      }
      if (!values.empty()) {
        LogicalRow* r = has_current ? &rows[current] : nullptr;
        const bool value_only = names.empty();
        if (value_only && r && r->value_cell && !r->value_open) {
          // The row above is complete: this value waits for its name below.
          for (const auto* cell : values) {
            if (!pending_cell) pending_cell = cell;
            pending_value += cell->text;
          }
          pending_open = end_column(*values.back()) >= max_value_end - 1;
          pending_lines.push_back(row.line);
          continue;
        }
        if (!r) {
          start_row(row.line);
          r = &rows[current];
        }
        for (const auto* cell : values) {
          if (!r->value_cell) r->value_cell = cell;
          r->value += cell->text;
        }
        r->value_open = end_column(*values.back()) >= max_value_end - 1;
      }
      if (!names.empty() || !values.empty()) {
        rows[current].lines.push_back(row.line);
        rows[current].last = row.line;
      } else {
        other_lines.push_back(&row);
      }
    }
    if (!pending_value.empty()) {
      // A value with no name after it: the last row's, after all.
      if (has_current) {
        rows[current].value += pending_value;
        for (int line : pending_lines) rows[current].lines.push_back(line);
      }
    }
    ++segment;
  }

  // Rows whose value is a sum of money (`≤720 万元`, `5 万` read as 万元).
  std::vector<char> money(rows.size(), 0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const values::Parsed parsed = cx.values.parse(rows[r].value);
    const auto& v = parsed.value;
    const std::string& yuan = grammar_.values.money_unit;
    money[r] = v.kind == model::ValueKind::quantity && v.unit &&
               ((v.base && v.base->unit == yuan) || *v.unit == yuan);
  }

  // Rows that do not look like a second level's indicators (its `fits`).
  const std::size_t level2_count = grammar_.levels.level2.size();
  std::vector<char> misfit(rows.size() * level2_count, 0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string row_text = rows[r].name + "\t" + rows[r].value;
    for (std::size_t l = 0; l < level2_count; ++l) {
      const grammar::Pattern& fits = grammar_.levels.level2[l].fits;
      misfit[r * level2_count + l] = !fits.empty() && !fits.contains(row_text);
    }
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
      if (n > kMaxBlockRows) {
        // Too many rows on one page for the optimisation (cubic in them):
        // each row takes the last label above it.
        std::size_t next = 0;
        const Label* current = carried;
        for (std::size_t r : in) {
          while (next < m && events[next]->line <= rows[r].first) current = events[next++];
          assigned[level][r] = current;
        }
        if (m > 0) carried = events.back();
        continue;
      }
      const bool more_pages = s + 1 < segment;
      // cost(j, a, b): rows a..b-1 (of `in`) as the block of event j.
      auto cost = [&](std::size_t j, std::size_t a, std::size_t b) -> double {
        const double line = events[j]->line;
        if (a == b) {
          // No rows: the label stands on a line of its own between rows.
          const bool between =
              (a == 0 || rows[in[a - 1]].last < line) && (a == n || rows[in[a]].first > line);
          return between ? 0.5 : 1e6;
        }
        const double middle = (rows[in[a]].first + rows[in[b - 1]].last) / 2.0;
        double c = std::abs(middle - line);
        // The block a page break splits shows its label at the top.
        if (b == n && more_pages) c = std::min(c, std::abs(rows[in[a]].first - line));
        // A sum of money belongs to a cost level: where a label sits a line
        // off its rows, the values decide.
        if (level == 1 &&
            !grammar_.levels.level2[static_cast<std::size_t>(events[j]->level)].money) {
          for (std::size_t r = a; r < b; ++r) c += money[in[r]] ? 0.75 : 0.0;
        }
        // So does what the row says: a date under 时效, 满意 under 满意度.
        if (level == 1) {
          const auto l = static_cast<std::size_t>(events[j]->level);
          for (std::size_t r = a; r < b; ++r) c += misfit[in[r] * level2_count + l] ? 0.75 : 0.0;
        }
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
      ModelRow m;
      m.kind = ModelRow::Kind::label;
      m.row = *lonely[next_lonely]->row;
      m.row.cells.clear();
      tokenize::Cell cell = *lonely[next_lonely]->cell;
      cell.index = 0;
      m.row.cells.push_back(cell);
      model.rows.push_back(std::move(m));
      ++next_lonely;
    }
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const LogicalRow& lr = rows[r];
    flush_lonely(lr.first);
    ModelRow m;
    tokenize::Row& row = m.row;
    row.line = lr.first;
    row.kind = tokenize::RowKind::cells;
    row.layout = tokenize::Layout::spaces;
    int index = 0;
    for (int level = 0; level < 2; ++level) {
      if (!assigned[level][r]) continue;
      tokenize::Cell cell = *assigned[level][r]->cell;
      if (level == 0 && assigned[1][r]) {
        // The second level names its first: a block boundary found for the
        // second level is the more precise one (`成本指标` belongs to 产出指标).
        const auto& parents =
            grammar_.levels.level2[static_cast<std::size_t>(assigned[1][r]->level)].parents;
        if (parents.size() == 1) cell.text = parents.front();
      }
      cell.index = index++;
      row.cells.push_back(cell);
    }
    tokenize::Cell name;
    if (lr.name_cell) name = *lr.name_cell;
    name.text = lr.name;
    name.index = index++;
    tokenize::Cell value;
    if (lr.value_cell) value = *lr.value_cell;
    value.text = lr.value;
    value.index = index++;
    m.lines = lr.lines;
    if (name.text.empty()) {
      // A value with no name: a piece of the row before, which lost it.
      m.kind = ModelRow::Kind::orphan_value;
      if (lr.value_cell) m.value_cell = *lr.value_cell;
      m.message = "a value with no indicator name";
      model.rows.push_back(std::move(m));
      continue;
    }
    row.cells.push_back(name);
    row.cells.push_back(value);
    model.rows.push_back(std::move(m));
  }
  flush_lonely(std::numeric_limits<int>::max());
  // Lines of labels (or their pieces) only: a lonely label's line was claimed
  // when its level was read; every other one is claimed here, once.
  for (const auto* row : other_lines) {
    const bool lonely_line = std::any_of(lonely.begin(), lonely.end(),
                                         [&](const Label* l) { return l->line == row->line; });
    if (lonely_line) continue;
    if (model.after.empty()) model.after.push_back({"levels", {}});
    row->add_lines_to(model.after.back().lines);
  }
  return model;
}

}  // namespace jixiao::parse
