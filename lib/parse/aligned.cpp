// Space-aligned tables, as `pdftotext -layout` writes them, read whole.
//
// In such text a row of the table is several lines: a long name wraps onto
// the lines below, its value sits on whichever line is nearest the middle of
// the cell, and a merged level label (一级指标, 二级指标) is printed once, on
// the middle line of the block of rows it spans. So the table is buffered and
// rebuilt, page by page, before its rows are read:
//   1. columns: the column model (column_model.h) finds where each column
//      of the header begins from where the body's words stand;
//   2. rows: the name column's cells (its pieces stacked back) are the rows;
//      every other column's cells go to the row they are centred on;
//   3. levels: a level column's pieces joined are its labels; each label's
//      block is the run of rows that has the label at its vertical middle,
//      found by a small dynamic programme per page; rows at the top of a page
//      before its first label continue the block that the page break split.
//      Where the table shows its labels at the top of their blocks (Word),
//      each label starts its block instead.
// A table whose header names no name and value column is read the older
// way: the name column is where most names start, values are right of it.
// The rebuilt rows then go through the same reading as tab-separated rows.
#include "parse/aligned.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "parse/column_model.h"
#include "source/input.h"
#include "source/partition.h"

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

namespace {

// A table's row as rebuilt: its cells' text and every line it came from.
struct LogicalRow {
  // Read by the name column (no columns found): a name and a value.
  std::string name, value;
  std::optional<tokenize::Cell> name_cell, value_cell;
  // Read by columns: one cell a column (levels left blank).
  std::vector<tokenize::Cell> cells;
  std::vector<int> lines;
  int first = 0, last = 0, segment = 0;
  bool open = false;        // the last name line filled its column: the name goes on
  bool value_open = false;  // the same for the value
};

// A level label: a merged cell's text, printed at the vertical middle of the
// rows it spans.
struct Label {
  double middle;  // its middle line (a label may wrap over several)
  int line;       // its first line
  int segment, level;
  tokenize::Cell cell;
};

struct Segment {
  std::vector<const tokenize::Row*> header, body;
};

struct Rebuilt {
  std::vector<LogicalRow> rows;
  std::vector<Label> labels[2];  // first and second levels
  std::vector<int> other_lines;  // lines of labels or their pieces only
  int segments = 0;
  // Read by columns: the columns, which are the levels' and the name's, and
  // the lines of the column header beyond those the parser claimed.
  std::vector<GridColumn> columns;
  int level_column[2] = {-1, -1};
  int name_column = -1;
  int header_line = 0;
  std::vector<int> band_lines;
};

// Whether a text leaves a bracket open.
bool open_bracket(std::string_view text) {
  // One pass over the bytes: ASCII brackets are one byte, the full-width
  // ones three, each led by E3 or EF (never a continuation byte), so a
  // bracket is found where it starts, as a search at every byte would.
  constexpr std::string_view kOpening[] = {"（", "【", "《"}, kClosing[] = {"）", "】", "》"};
  int open = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(' || c == '[') {
      ++open;
    } else if (c == ')' || c == ']') {
      open = std::max(0, open - 1);
    } else if (c == '\xE3' || c == '\xEF') {
      const std::string_view rest = text.substr(i, 3);
      for (std::string_view mark : kOpening) open += rest == mark ? 1 : 0;
      for (std::string_view mark : kClosing) {
        if (rest == mark) open = std::max(0, open - 1);
      }
    }
  }
  return open > 0;
}

// A fragment that fills its column (to within one wide character: the next
// did not fit), or leaves a bracket open, goes on on the next line of the
// column.
bool runs_on(const Fragment& f, int full_width) {
  return f.width >= full_width - 2 || open_bracket(f.text);
}

// A fragment that cannot begin a cell: it closes a bracket or a sentence.
bool continues_cell(const Fragment& f) {
  for (std::string_view mark : {")", "）", "]", "】", "》", "、", "，", ",", "。", ";", "；"}) {
    if (std::string_view(f.text).starts_with(mark)) return true;
  }
  return false;
}

// A fragment that cannot end a cell: a range or a list goes on (`2022 年 1 月-`).
bool cut_short(const Fragment& f) {
  for (std::string_view mark : {"-", "—", "~", "～", "至", "、", "，", ","}) {
    if (std::string_view(f.text).ends_with(mark)) return true;
  }
  return false;
}

// Whether a text begins like a value: a digit, a comparator (`≥`, `不低于`).
bool begins_value(const grammar::Grammar& g, std::string_view text) {
  if (text.empty()) return false;
  if (text.front() >= '0' && text.front() <= '9') return true;
  for (std::string_view sign : {"≥", "≤", ">", "<", "=", "＞", "＜", "±"}) {
    if (text.starts_with(sign)) return true;
  }
  for (const auto& comparator : g.values.comparators) {
    for (const auto& word : comparator.before) {
      if (!word.empty() && text.starts_with(word)) return true;
    }
  }
  return false;
}

// Two values one space apart in neighbouring columns of values, where
// pdftotext squeezed a line: a target and the actual value beside it, when
// they count the same thing (two quantities in one unit) or both are dates.
class ValuesOneSpaceApart {
 public:
  // `holds_values`: the columns of values (value, actual value, weight,
  // score); `targets`: those of a value or an actual value.
  ValuesOneSpaceApart(const std::vector<char>& holds_values, const std::vector<char>& targets,
                      const values::ValueParser& values)
      : holds_values_(holds_values), targets_(targets), values_(values) {}

  // `2025 年` | `3 月-`: a value's words that crossed into the next column
  // of values go back to it, unless the two read as such a pair; then
  // `不少于 15 台套 20 台套` in one column, where the next column of values
  // has nothing on the line: such a pair is parted.
  void settle(std::vector<Fragment>& fragments) const {
    rejoin(fragments);
    part(fragments);
  }

 private:
  bool of_values(int column) const {
    return column >= 0 && static_cast<std::size_t>(column) < holds_values_.size() &&
           holds_values_[static_cast<std::size_t>(column)];
  }
  bool of_targets(int column) const {
    return column >= 0 && static_cast<std::size_t>(column) < targets_.size() &&
           targets_[static_cast<std::size_t>(column)];
  }
  // `9`, `4.5`, `96.44%`: a number and nothing else.
  static bool is_number(std::string_view text) {
    bool digit = false;
    for (const char c : text) {
      if (std::isdigit(static_cast<unsigned char>(c)))
        digit = true;
      else if (c != '.' && c != '%')
        return false;
    }
    return digit;
  }
  bool is_value(std::string_view text) const {
    return model::is_measured(values_.parse(text).value.kind);
  }
  bool pair(std::string_view a, std::string_view b) const {
    const model::Value x = values_.parse(a).value, y = values_.parse(b).value;
    auto counted = [](const model::Value& v) {
      return (v.kind == model::ValueKind::quantity || v.kind == model::ValueKind::range) && v.unit;
    };
    // (`1 项(= 196 户)` counts 户 in its detail.)
    const bool same_unit =
        counted(y) && ((counted(x) && *x.unit == *y.unit) ||
                       (x.detail && counted(*x.detail) && *x.detail->unit == *y.unit));
    return same_unit || (model::is_dated(x.kind) && model::is_dated(y.kind));
  }
  void rejoin(std::vector<Fragment>& fragments) const {
    for (std::size_t i = 0; i + 1 < fragments.size(); ++i) {
      Fragment& a = fragments[i];
      const Fragment& b = fragments[i + 1];
      // (Only a target and an actual value: a weight or score is a bare
      // number, and a bare number is no tail of a value.)
      if (b.column != a.column + 1 || !of_targets(a.column) || !of_targets(b.column)) continue;
      if (b.start - a.end != 1 || !std::isdigit(static_cast<unsigned char>(b.text.front())) ||
          is_number(b.text) || pair(a.text, b.text))
        continue;
      append_piece(a.text, b.text);
      a.end = b.end;
      a.width += 1 + b.width;
      fragments.erase(fragments.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      --i;
    }
  }
  void part(std::vector<Fragment>& fragments) const {
    for (std::size_t i = 0; i < fragments.size(); ++i) {
      const int c = fragments[i].column;
      if (!of_values(c) || !of_values(c + 1)) continue;
      if (i + 1 < fragments.size() && fragments[i + 1].column == c + 1) continue;
      const std::string text = fragments[i].text;
      // (Not one value with a space in it, `2025 年 3 月- 2025 年 11 月`, nor
      // the head of a value wrapped inside its bracket, `1 项(高于 1420`.)
      if (is_value(text) || open_bracket(text)) continue;
      for (std::size_t space = text.find(' '); space != std::string::npos;
           space = text.find(' ', space + 1)) {
        const std::string_view left = std::string_view(text).substr(0, space);
        const std::string_view right = std::string_view(text).substr(space + 1);
        if (!std::isdigit(static_cast<unsigned char>(right.front())) || !pair(left, right))
          continue;
        Fragment second = fragments[i];
        second.column += 1;
        second.text = std::string(right);
        second.start = fragments[i].end - static_cast<int>(source::char_count(right));
        second.width = static_cast<int>(source::char_count(right));
        fragments[i].text = std::string(left);
        fragments[i].end = second.start - 1;
        fragments[i].width -= second.width + 1;
        fragments.insert(fragments.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(second));
        break;
      }
    }
  }

  const std::vector<char>& holds_values_;
  const std::vector<char>& targets_;
  const values::ValueParser& values_;
};

// What fills a column: the width of its widest fragments (a high
// percentile, so that one stray long fragment does not set it).
int full_width(std::vector<int> widths) {
  if (widths.empty()) return 0;
  std::sort(widths.begin(), widths.end());
  const std::size_t at = widths.size() < 10 ? widths.size() - 1 : widths.size() * 19 / 20;
  return widths[at];
}

// A column's cells on one page: its fragments grouped, each group a cell.
struct GridCell {
  std::vector<const Fragment*> pieces;
  double middle() const { return (pieces.front()->line + pieces.back()->line) / 2.0; }
};

// A column of prose (an explanation, the reasons for a deviation), a line a
// piece: nothing marks where one cell ends and the next begins (a cell's
// last line may fill the column as any other), but each cell is centred on
// its row. So each run of pieces on consecutive lines (or a line apart) is
// parted into cells, one per row and in the rows' order, whose middles
// stand nearest their rows' middles. Returns the cells and each one's row.
std::pair<std::vector<GridCell>, std::vector<std::size_t>> prose_by_rows(
    const std::vector<GridCell>& pieces, const std::vector<double>& middles, int full_width) {
  // (Not in a column of short words, `无`, each of which fills it.)
  constexpr int kProseWidth = 12;
  auto fills = [&](const Fragment& f) {
    return full_width >= kProseWidth && runs_on(f, full_width);
  };
  std::vector<GridCell> cells;
  std::vector<std::size_t> rows;
  const std::size_t k = middles.size();
  if (k == 0) return {cells, rows};
  std::vector<std::size_t> order(k);  // rows by middle
  for (std::size_t r = 0; r < k; ++r) order[r] = r;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return middles[a] < middles[b]; });
  constexpr double kInf = std::numeric_limits<double>::infinity();
  for (std::size_t begin = 0; begin < pieces.size();) {
    std::size_t end = begin + 1;
    while (end < pieces.size() &&
           pieces[end].pieces.front()->line - pieces[end - 1].pieces.back()->line <= 2)
      ++end;
    // best[i][r]: pieces begin..begin+i-1 parted, the last cell at row order[r].
    const std::size_t m = end - begin;
    std::vector<std::vector<double>> best(m + 1, std::vector<double>(k, kInf));
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> from(
        m + 1, std::vector<std::pair<std::size_t, std::size_t>>(k));
    for (std::size_t i = 1; i <= m; ++i) {
      for (std::size_t j = 0; j < i; ++j) {  // the last cell: pieces j..i-1
        const int top = pieces[begin + j].pieces.front()->line;
        const int bottom = pieces[begin + i - 1].pieces.back()->line;
        const double middle = (top + bottom) / 2.0;
        // A cell that reaches over other rows' middles is more likely their
        // cells run together, and one that ends on a line that fills the
        // column (before more of the run) more likely goes on: each costs
        // as much as a line off its row's middle.
        double over = 0;
        for (double row_middle : middles) over += row_middle >= top && row_middle <= bottom ? 1 : 0;
        if (i < m && fills(*pieces[begin + i - 1].pieces.back())) over += 1;
        double before = j == 0 ? 0 : kInf;  // the best of rows above r
        std::size_t before_row = 0;
        for (std::size_t r = 0; r < k; ++r) {
          const double cost = before + std::abs(middle - middles[order[r]]) + over -
                              (middles[order[r]] >= top && middles[order[r]] <= bottom ? 1 : 0);
          if (cost < best[i][r]) {
            best[i][r] = cost;
            from[i][r] = {j, before_row};
          }
          if (j > 0 && best[j][r] < before) {
            before = best[j][r];
            before_row = r;
          }
        }
      }
    }
    std::size_t r = 0;
    for (std::size_t t = 1; t < k; ++t) {
      if (best[m][t] < best[m][r]) r = t;
    }
    std::vector<std::pair<GridCell, std::size_t>> run;
    for (std::size_t i = m; i > 0;) {
      const auto [j, previous_row] = from[i][r];
      GridCell cell;
      for (std::size_t p = begin + j; p < begin + i; ++p)
        cell.pieces.insert(cell.pieces.end(), pieces[p].pieces.begin(), pieces[p].pieces.end());
      run.emplace_back(std::move(cell), order[r]);
      i = j;
      r = previous_row;
    }
    for (auto it = run.rbegin(); it != run.rend(); ++it) {
      cells.push_back(std::move(it->first));
      rows.push_back(it->second);
    }
    begin = end;
  }
  return {cells, rows};
}

// `资助家庭经济困难学生 ≥11000 人` / `购置教学仪器设备，进一步提升` /
// `=565 台套` / `教师队伍素质水平`: name lines joined as one cell (each runs
// the column's width) beside two whole values of the value column are two
// rows, parted after the line of the first value. A name cell beside k
// whole values (numbers, dates: each a cell of its own) is k rows.
std::vector<GridCell> split_by_values(std::vector<GridCell> names,
                                      const std::vector<GridCell>& values,
                                      const values::ValueParser& parser) {
  auto whole = [&](const GridCell& cell) {
    std::string text;
    for (const Fragment* f : cell.pieces) append_piece(text, f->text);
    return model::is_measured(parser.parse(text).value.kind);
  };
  std::vector<GridCell> out;
  for (GridCell& name : names) {
    const int first = name.pieces.front()->line, last = name.pieces.back()->line;
    std::vector<int> ends;  // the last line of each whole value beside the name
    bool all_whole = true;
    for (const GridCell& value : values) {
      if (value.pieces.front()->line < first || value.pieces.back()->line > last) continue;
      all_whole = all_whole && whole(value);
      ends.push_back(value.pieces.back()->line);
    }
    if (name.pieces.size() < 3 || ends.size() < 2 || !all_whole) {
      out.push_back(std::move(name));
      continue;
    }
    std::size_t next = 0;  // the value whose row is being filled
    out.emplace_back();
    for (const Fragment* piece : name.pieces) {
      if (next + 1 < ends.size() && piece->line > ends[next] && !out.back().pieces.empty()) {
        out.emplace_back();
        ++next;
      }
      out.back().pieces.push_back(piece);
    }
  }
  return out;
}

// `width`: what fills the column, or 0 where only brackets and punctuation
// say that a cell goes on.
// `numbered`, when the column's cells are numbered: a number starts a cell,
// nothing else does.
// `apart(a, b)`, when given: whether two fragments are known to be two
// cells (each beside a value of its own), however full the first is.
// `alone(f)`, when given: whether a fragment is a cell of its own whatever
// comes before it (the table's total, `总分`).
std::vector<GridCell> cells_of(
    const std::vector<Fragment>& fragments, int width,
    const std::function<bool(const Fragment&)>& numbered,
    const std::function<bool(const Fragment&, const Fragment&)>& apart = nullptr,
    const std::function<bool(const Fragment&)>& alone = nullptr) {
  std::vector<GridCell> out;
  const Fragment* previous = nullptr;
  for (const Fragment& f : fragments) {
    // Pieces of one cell are on consecutive lines, or one apart where a line
    // of a taller neighbour falls between.
    const bool near = previous && f.line - previous->line <= 2;
    const bool joins = near && !(alone && alone(f)) &&
                       (numbered ? !numbered(f)
                                 : continues_cell(f) || cut_short(*previous) ||
                                       (runs_on(*previous, width > 0 ? width : 1 << 20) &&
                                        !(apart && apart(*previous, f))));
    if (!joins) out.emplace_back();
    out.back().pieces.push_back(&f);
    previous = &f;
  }
  return out;
}

std::vector<std::size_t> centre_cells(const std::vector<GridCell>& cells,
                                      const std::vector<double>& middles,
                                      const std::vector<int>& spans,
                                      const std::map<int, std::size_t>& name_line_row);

// pdftotext prints the values of a run of short rows as a block of their own
// under the names (`重点人群签约服务覆盖率`, `签约居民续约率`, then `≥75%`, `≥80%`):
// as many one-line cells, on consecutive lines that hold no name, right after
// as many rows that have none, pair in order. The rest are centred.
std::vector<std::size_t> rows_of_cells(const std::vector<GridCell>& cells,
                                       const std::vector<double>& middles,
                                       const std::vector<int>& spans,
                                       const std::map<int, std::size_t>& name_line_row) {
  const std::size_t m = cells.size(), k = middles.size();
  std::vector<std::optional<std::size_t>> fixed(m);
  auto first_line = [&](std::size_t r) { return static_cast<int>(middles[r] - spans[r] / 2.0); };
  auto last_line = [&](std::size_t r) { return static_cast<int>(middles[r] + spans[r] / 2.0); };
  auto loose = [&](std::size_t i) {
    return cells[i].pieces.size() == 1 && !name_line_row.count(cells[i].pieces.front()->line);
  };
  auto has_cell = [&](std::size_t r) {
    return std::any_of(cells.begin(), cells.end(), [&](const GridCell& cell) {
      const int line = cell.pieces.front()->line;
      return line >= first_line(r) && line <= last_line(r);
    });
  };
  for (std::size_t i = 0; i < m;) {
    if (!loose(i)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < m && loose(j + 1) &&
           cells[j + 1].pieces.front()->line == cells[j].pieces.front()->line + 1)
      ++j;
    const std::size_t run = j - i + 1;
    const int top = cells[i].pieces.front()->line;
    std::size_t before = 0;  // rows that end above the run
    while (before < k && last_line(before) < top) ++before;
    bool pairs = run >= 2 && before >= run && top - last_line(before - 1) <= 2;
    for (std::size_t r = before - run; pairs && r < before; ++r) {
      if (has_cell(r) || (r + 1 < before && first_line(r + 1) - last_line(r) > 2)) pairs = false;
    }
    if (pairs) {
      for (std::size_t t = 0; t < run; ++t) fixed[i + t] = before - run + t;
    }
    i = j + 1;
  }
  std::vector<GridCell> rest;
  for (std::size_t i = 0; i < m; ++i) {
    if (!fixed[i]) rest.push_back(cells[i]);
  }
  const auto centred = centre_cells(rest, middles, spans, name_line_row);
  std::vector<std::size_t> out(m, 0);
  for (std::size_t i = 0, next = 0; i < m; ++i) out[i] = fixed[i] ? *fixed[i] : centred[next++];
  return out;
}

// Which row each of a column's cells belongs to: in order, consecutive
// cells to one row (a wrap the pieces did not show), each row's share
// centred on its name, a row taking none where its cell is blank. A
// dynamic programme over cells and rows; `middles` are the rows' name
// middles, `spans` how many lines below the first their names reach.
constexpr std::size_t kMaxCellsPerRow = 30;
std::vector<std::size_t> centre_cells(const std::vector<GridCell>& cells,
                                      const std::vector<double>& middles,
                                      const std::vector<int>& spans,
                                      const std::map<int, std::size_t>& name_line_row) {
  const std::size_t m = cells.size(), k = middles.size();
  std::vector<std::size_t> out(m, 0);
  if (m == 0 || k == 0) return out;
  if (k > kMaxBlockRows || m > kMaxBlockRows) {
    // Too many for the programme (a page holds a few dozen rows): each cell
    // to the row whose middle is nearest, in order.
    std::size_t r = 0;
    for (std::size_t c = 0; c < m; ++c) {
      while (r + 1 < k && std::abs(middles[r + 1] - cells[c].middle()) <=
                              std::abs(middles[r] - cells[c].middle()))
        ++r;
      out[c] = r;
    }
    return out;
  }
  // Counts, before each cell, of the cells on some row's name line and on
  // each row's own, so that a share's cost below is worked out at once (the
  // programme asks it of every share of every row).
  std::vector<int> on_a_name(m + 1, 0);
  std::vector<std::vector<int>> on_own_name(k, std::vector<int>(m + 1, 0));
  for (std::size_t c = 0; c < m; ++c) {
    const auto it = name_line_row.find(cells[c].pieces.front()->line);
    const bool named = it != name_line_row.end();
    on_a_name[c + 1] = on_a_name[c] + (named ? 1 : 0);
    for (std::size_t r = 0; r < k; ++r)
      on_own_name[r][c + 1] = on_own_name[r][c] + (named && it->second == r ? 1 : 0);
  }
  auto cost = [&](std::size_t r, std::size_t a, std::size_t b) {
    if (a == b) return 0.0;
    const double middle = (cells[a].pieces.front()->line + cells[b - 1].pieces.back()->line) / 2.0;
    // Pieces of one cell are close together: a share much taller than the
    // name beside it is two cells' pieces.
    const int tall = cells[b - 1].pieces.back()->line - cells[a].pieces.front()->line;
    const double excess = std::max(0.0, tall - spans[r] - 2.0);
    // A cell on a line of another row's name is that row's, more likely.
    const double elsewhere =
        (on_a_name[b] - on_a_name[a]) - (on_own_name[r][b] - on_own_name[r][a]);
    return std::abs(middle - middles[r]) + 0.3 * static_cast<double>(b - a - 1) + 0.5 * excess +
           elsewhere;
  };
  return source::ordered_runs(m, k, kMaxCellsPerRow, cost);
}

// The rows of a table by its columns: the header gives them, the body's
// words say where each begins (column_model.h). Each row is a cell of the
// name column, its pieces stacked back; every other cell of a row is the one
// whose middle is nearest the name's (cells are centred vertically). Level
// labels are the pieces of the level columns joined, and wait for their
// blocks (read()). Returns no columns when the header gives no name and
// value columns.
// A value split over cells under one header (`指标值` over `≥ | 12000 |
// 平方米`) beside a column of weights or scores (`分值`): the first of those
// cells that begins after the value's header looks like the weights'
// column's start, which then holds the rest of the value too. Where it
// does, on some line, hold more than one word or a word that is no number,
// the column begins instead at the first place on the way to its header's
// end that no word crosses and from which every line holds one number at
// most there.
void part_split_values(std::vector<GridColumn>& columns,
                       const std::vector<std::optional<grammar::Column>>& roles,
                       const std::vector<const tokenize::Row*>& body) {
  auto number = [](std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
    });
  };
  for (std::size_t i = 1; i < columns.size(); ++i) {
    const auto& role = roles[i];
    if (!role || (*role != grammar::Column::weight && *role != grammar::Column::score) ||
        roles[i - 1] != grammar::Column::value)
      continue;
    const int right =
        i + 1 < columns.size() ? columns[i + 1].left : std::numeric_limits<int>::max();
    auto holds_numbers = [&](int x) {
      bool any = false;
      for (const auto* line : body) {
        int words = 0;
        for (const auto& word : line->words) {
          if (word.column < x && word.end() > x) return false;  // a word crosses it
          if (word.column < x || word.column >= right) continue;
          if (++words > 1 || !number(word.text)) return false;
          any = true;
        }
      }
      return any;
    };
    if (holds_numbers(columns[i].left)) continue;
    for (int x = columns[i].left + 1; x <= columns[i].header_end && x < right; ++x) {
      if (holds_numbers(x)) {
        columns[i].left = x;
        break;
      }
    }
  }
}

Rebuilt rebuild_by_columns(const std::vector<Segment>& segments, const ReaderContext& cx) {
  const grammar::Grammar& g = cx.grammar;
  Rebuilt out;
  if (segments.empty() || segments.front().header.empty()) return out;
  // The column header and the lines under it that carry on its labels.
  std::vector<Segment> pages = segments;
  for (auto& page : pages) {
    std::size_t taken = 0;
    while (taken < page.body.size() && taken < 3 && !page.header.empty() &&
           continues_header(*page.body[taken], g, false))
      ++taken;
    for (std::size_t i = 0; i < taken; ++i) {
      page.header.push_back(page.body[i]);
      out.band_lines.push_back(page.body[i]->line);
    }
    page.body.erase(page.body.begin(), page.body.begin() + static_cast<std::ptrdiff_t>(taken));
  }
  auto is_label = [&](std::string_view text) { return g.match_column(text).has_value(); };
  std::vector<GridColumn> columns = header_columns(pages.front().header, is_label);
  // Each column's role, by its header (matched once: every cell below asks).
  std::vector<std::optional<grammar::Column>> roles;
  for (const auto& column : columns) roles.push_back(g.match_column(column.header));
  int value_column = -1, type_column = -1;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto& role = roles[i];
    const int at = static_cast<int>(i);
    if (!role) continue;
    if (*role == grammar::Column::level1 && out.level_column[0] < 0) out.level_column[0] = at;
    if (*role == grammar::Column::level2 && out.level_column[1] < 0) out.level_column[1] = at;
    if (*role == grammar::Column::name && out.name_column < 0) out.name_column = at;
    if (*role == grammar::Column::value && value_column < 0) value_column = at;
    if (*role == grammar::Column::type && type_column < 0) type_column = at;
  }
  // No 三级指标 column (`一级指标 | 二级指标 | 指标值`): each second level is
  // an indicator, so its cells are the rows, a label a row; where no label
  // heads the values either (`一级指标 | 二级指标` over rows with a value
  // after the second level), the text right of the second levels is theirs.
  if (out.name_column < 0 && out.level_column[1] >= 0) {
    out.name_column = out.level_column[1];
    out.level_column[1] = -1;
    if (value_column < 0 && out.name_column + 1 == static_cast<int>(columns.size())) {
      GridColumn values;
      values.header_start = values.header_end = columns.back().header_end + 2;
      columns.push_back(values);
      roles.push_back(grammar::Column::value);
      value_column = out.name_column + 1;
    }
  }
  // A value column per project (`三级指标 | 城关镇 | 东关镇`): headers right
  // of the names that no column label names hold values (the parser reads
  // each as a project's).
  if (value_column < 0 && out.name_column >= 0) {
    for (std::size_t i = static_cast<std::size_t>(out.name_column) + 1; i < columns.size(); ++i) {
      if (roles[i] || columns[i].header.empty()) continue;
      roles[i] = grammar::Column::value;
      if (value_column < 0) value_column = static_cast<int>(i);
    }
  }
  if (columns.size() < 3 || out.name_column < 0 || value_column < 0) {
    out.band_lines.clear();
    return Rebuilt{};
  }
  // How badly a cell's text would begin a column, by the column's role: a
  // value where level labels or names stand, a label where values stand.
  auto misfit = [&](std::size_t column, std::string_view text) {
    const auto& role = roles[column];
    auto levels = g.match_levels(text);
    if (!levels.any()) levels = g.match_cut_level(text);
    const bool label = levels.any() || g.is_level_piece(text);
    const bool value = !cx.numbered(text) && begins_value(g, text);
    if (!role) return 0.25;
    switch (*role) {
      case grammar::Column::level1:
        return levels.level1 ? 0.0 : levels.level2 || value ? 1.0 : label ? 0.2 : 0.6;
      case grammar::Column::level2:
        return levels.level2 ? 0.0 : levels.level1 || value ? 1.0 : label ? 0.2 : 0.6;
      case grammar::Column::name:
        return value ? 1.0 : label ? 0.5 : 0.0;
      case grammar::Column::value:
      case grammar::Column::actual:
      case grammar::Column::weight:
      case grammar::Column::score:
        return value ? 0.0 : label ? 1.0 : 0.3;
      default:  // (a performance type, an explanation)
        return levels.any() ? 1.0 : 0.25;
    }
  };
  // Each page's columns: from its own header, or fitted to the page before's.
  std::vector<std::vector<GridColumn>> models(pages.size());
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (p == 0) {
      place_columns(columns, pages[p].body);
      part_split_values(columns, roles, pages[p].body);
      anchor_columns(columns, pages[p].body);
      models[p] = columns;
      continue;
    }
    auto own = header_columns(pages[p].header, is_label);
    if (!pages[p].header.empty() && own.size() == columns.size()) {
      place_columns(own, pages[p].body);
      part_split_values(own, roles, pages[p].body);
      anchor_columns(own, pages[p].body);
      models[p] = std::move(own);
    } else {
      models[p] = fit_columns(models[p - 1], pages[p].body, misfit);
    }
  }
  out.header_line = pages.front().header.front()->line;

  // What can begin a cell: a numbered name; a value, actual value, weight or
  // score (a number, a comparator).
  // (`targets`: a value's or an actual value's, of these.)
  std::vector<char> holds_values(columns.size(), 0), targets(columns.size(), 0),
      prose(columns.size(), 0);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto& role = roles[i];
    targets[i] = role && (*role == grammar::Column::value || *role == grammar::Column::actual);
    prose[i] =
        role && (*role == grammar::Column::deviation || *role == grammar::Column::explanation ||
                 *role == grammar::Column::scoring || *role == grammar::Column::remark);
    holds_values[i] =
        targets[i] ||
        (role && (*role == grammar::Column::weight || *role == grammar::Column::score));
  }
  auto begins_cell = [&](int column, std::string_view word, std::string_view text) {
    // (A name a few places into the level column before the names, a line
    // squeezed left: `社会影响力` under `生态效益指`, no piece of a label.)
    if (column == out.name_column)
      return cx.numbered(text) ||
             ((column - 1 == out.level_column[0] || column - 1 == out.level_column[1]) &&
              source::char_count(word) >= 3 && !source::closes_bracket(word) &&
              !open_bracket(word) && !g.is_level_piece(word) && !g.match_levels(word).any() &&
              !g.match_cut_level(word).any());
    if (!holds_values[static_cast<std::size_t>(column)]) return false;
    // A number or comparator, or a short qualitative value (`稳步提高`).
    return begins_value(g, text) ||
           (source::char_count(text) <= 8 && g.values.qualitative.contains(text));
  };
  // `服务对象满意 群众满意度` in the level column before the names (the line
  // squeezed left): a name after a piece of a label starts the name column.
  auto ends_before = [&](int column, std::string_view so_far, std::string_view word) {
    const bool level = column == out.level_column[0] || column == out.level_column[1];
    return level && column + 1 == out.name_column && g.is_level_piece(so_far) &&
           !g.is_level_piece(word);
  };
  const ValuesOneSpaceApart one_space_apart(holds_values, targets, cx.values);
  // Each page's fragments by column, and how wide a column's full line is.
  const std::size_t n = columns.size();
  std::vector<std::vector<std::vector<Fragment>>> by_page(pages.size());
  std::vector<std::vector<int>> widths(n);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    by_page[p].resize(n);
    for (const auto* line : pages[p].body) {
      auto fragments = fragments_of(*line, models[p], begins_cell, ends_before);
      one_space_apart.settle(fragments);
      // (A row of no words, one the header block rebuilt, claims its lines.)
      if (fragments.empty()) line->add_lines_to(out.other_lines);
      for (auto& f : fragments) {
        widths[static_cast<std::size_t>(f.column)].push_back(f.width);
        by_page[p][static_cast<std::size_t>(f.column)].push_back(std::move(f));
      }
    }
  }
  std::vector<int> full(n);
  for (std::size_t c = 0; c < n; ++c) full[c] = full_width(widths[c]);

  // Numbered names (`指标 3：…`): where most name cells carry a number, a
  // number starts a cell and nothing else does.
  std::size_t name_lines = 0, numbered_lines = 0;
  for (const auto& page : by_page) {
    for (const auto& f : page[static_cast<std::size_t>(out.name_column)]) {
      ++name_lines;
      numbered_lines += cx.numbered(f.text) ? 1 : 0;
    }
  }
  const bool by_number = numbered_lines >= 3 && 3 * numbered_lines >= name_lines;

  // Columns of merged cells, a block of rows each: the levels, and the
  // performance type (`市本级绩效指标`), which is table furniture.
  auto is_block_column = [&](std::size_t c) {
    const int at = static_cast<int>(c);
    return at == out.level_column[0] || at == out.level_column[1] || at == type_column;
  };
  auto text_of = [](const GridCell& cell) {
    tokenize::Cell out_cell;
    for (const Fragment* f : cell.pieces) append_piece(out_cell.text, f->text);
    out_cell.line = cell.pieces.front()->line;
    out_cell.column = cell.pieces.front()->start + 1;
    return out_cell;
  };
  for (std::size_t p = 0; p < pages.size(); ++p) {
    auto& fragments = by_page[p];
    const int segment = static_cast<int>(p);
    // Rows: the name column's cells.
    std::function<bool(const Fragment&)> numbered;
    if (by_number) numbered = [&](const Fragment& f) { return cx.numbered(f.text); };
    // Two name lines, each beside a cell of the same column of values (a
    // value, a weight) that ends there, are two rows. (Not a column of text,
    // an explanation, which wraps as the name does.)
    std::map<std::pair<int, std::size_t>, const Fragment*> beside;  // (line, column)
    for (std::size_t c = 0; c < n; ++c) {
      if (!holds_values[c]) continue;
      for (const Fragment& f : fragments[c]) beside[{f.line, c}] = &f;
    }
    auto is_total = [&](const Fragment& f) {
      const auto& totals = g.table.total_labels;
      return std::find(totals.begin(), totals.end(), grammar::squash(f.text)) != totals.end();
    };
    // (`次` under `不少于 7740 辆` is the end of that value's unit.)
    auto ends_unit = [&](const std::string& head, const std::string& end) {
      const values::Parsed parsed = cx.values.parse(head + end);
      return parsed.issues.empty() && parsed.value.unit && parsed.value.unit->ends_with(end);
    };
    auto apart = [&](const Fragment& a, const Fragment& b) {
      for (std::size_t c = 0; c < n; ++c) {
        const auto first = beside.find({a.line, c}), second = beside.find({b.line, c});
        if (first == beside.end() || second == beside.end()) continue;
        const std::string& end = second->second->text;
        const bool tail = source::char_count(end) <= 2 && !begins_value(g, end) &&
                          ends_unit(first->second->text, end);
        if (!runs_on(*first->second, 1 << 20) && !cut_short(*first->second) &&
            !continues_cell(*second->second) && !tail)
          return true;
      }
      return false;
    };
    const auto name_cells = split_by_values(
        cells_of(fragments[static_cast<std::size_t>(out.name_column)],
                 full[static_cast<std::size_t>(out.name_column)], numbered, apart, is_total),
        cells_of(fragments[static_cast<std::size_t>(value_column)], 0, nullptr), cx.values);
    const std::size_t first_row = out.rows.size();
    std::vector<double> middles;
    std::vector<int> spans;
    std::map<int, std::size_t> name_line_row;  // the row each name line is of
    auto add_lines = [](LogicalRow& row, const GridCell& cell) {
      for (const Fragment* f : cell.pieces) {
        row.lines.push_back(f->line);
        row.first = std::min(row.first, f->line);
        row.last = std::max(row.last, f->line);
      }
    };
    auto new_row = [&](int line) {
      LogicalRow row;
      row.cells.resize(n);
      for (std::size_t c = 0; c < n; ++c) row.cells[c].index = static_cast<int>(c);
      row.segment = segment;
      row.first = row.last = line;
      out.rows.push_back(std::move(row));
    };
    for (const auto& cell : name_cells) {
      new_row(cell.pieces.front()->line);
      LogicalRow& row = out.rows.back();
      tokenize::Cell text = text_of(cell);
      text.index = out.name_column;
      row.cells[static_cast<std::size_t>(out.name_column)] = text;
      add_lines(row, cell);
      middles.push_back(cell.middle());
      spans.push_back(cell.pieces.back()->line - cell.pieces.front()->line);
      for (const Fragment* f : cell.pieces) name_line_row[f->line] = middles.size() - 1;
    }
    // Every other column's cells go to the rows (rows_of_cells).
    for (std::size_t c = 0; c < n; ++c) {
      if (static_cast<int>(c) == out.name_column || is_block_column(c)) continue;
      std::vector<GridCell> cells = cells_of(fragments[c], 0, nullptr);
      if (!cells.empty() && middles.empty()) {
        // No name on the page: the cells' own row, reported as nameless.
        new_row(cells.front().pieces.front()->line);
        middles.push_back(cells.front().middle());
        spans.push_back(0);
      }
      std::vector<std::size_t> row_of;
      if (prose[c])
        std::tie(cells, row_of) = prose_by_rows(cells, middles, full[c]);
      else
        row_of = rows_of_cells(cells, middles, spans, name_line_row);
      for (std::size_t k = 0; k < cells.size(); ++k) {
        const GridCell& cell = cells[k];
        const std::size_t best = row_of[k];
        LogicalRow& row = out.rows[first_row + best];
        tokenize::Cell text = text_of(cell);
        tokenize::Cell& slot = row.cells[c];
        if (slot.text.empty()) {
          slot = text;
          slot.index = static_cast<int>(c);
        } else {
          append_piece(slot.text, text.text);
        }
        add_lines(row, cell);
      }
    }
    if (type_column >= 0) {
      for (const Fragment& f : fragments[static_cast<std::size_t>(type_column)])
        out.other_lines.push_back(f.line);
    }
    // Level labels: a level column's pieces, joined until the next piece
    // begins a label of its own.
    auto is_level = [&](std::string_view text, int level) {
      const auto whole = g.match_levels(text), cut = g.match_cut_level(text);
      return level == 0 ? whole.level1 || cut.level1 : whole.level2 || cut.level2;
    };
    // Whether `piece` starts a label after `text`: not inside a bracket, nor
    // where the two make a label (`生态环境`, `成本指标`; `可持续影响`, `指标`);
    // after a whole label, anything but its annotation (`（选填）`); else a
    // piece that begins a label (`标`, then `生态效益指`).
    auto starts_label = [&](const std::string& text, std::string_view piece, int level) {
      if (open_bracket(text)) return false;
      std::string joined = text;
      append_piece(joined, piece);
      if (is_level(joined, level)) return false;
      const bool bracket = piece.starts_with("(") || piece.starts_with("（");
      if (g.match_levels(text).any()) return !bracket;
      return is_level(piece, level);
    };
    for (int level = 0; level < 2; ++level) {
      if (out.level_column[level] < 0) continue;
      const auto& pieces = fragments[static_cast<std::size_t>(out.level_column[level])];
      std::vector<GridCell> labels;
      const Fragment* previous = nullptr;
      std::string text;
      for (const Fragment& f : pieces) {
        if (!previous || f.line - previous->line > 3 || starts_label(text, f.text, level)) {
          labels.emplace_back();
          text.clear();
        }
        labels.back().pieces.push_back(&f);
        append_piece(text, f.text);
        previous = &f;
      }
      for (const auto& label : labels) {
        tokenize::Cell cell = text_of(label);
        // A label a page break cut short (`社会效益指`, `标` on the next page)
        // is the one label it begins.
        auto found = g.match_levels(cell.text);
        if (!found.any()) found = g.match_cut_level(cell.text);
        // The column says which level a word of both (`成本指标`) is.
        std::optional<int> index = level == 0 ? found.level1 : found.level2;
        int as = level;
        // A first level's label where second levels stand: its one second
        // level (`满意度指标` for 服务对象满意度指标).
        if (!index && level == 1 && found.level1) index = g.sole_level2(*found.level1);
        // A label the grammar does not know that reads like one
        // (`项目管理指标`): this column's level, as written (index -1).
        if (!index && !found.any() && cx.reads_like_level(cell.text)) {
          out.labels[level].push_back(Label{label.middle(), cell.line, segment, -1, cell});
          for (const Fragment* f : label.pieces) out.other_lines.push_back(f->line);
          continue;
        }
        if (!index) {
          index = level == 0 ? found.level2 : found.level1;
          as = 1 - level;
        }
        if (!index) {
          for (const Fragment* f : label.pieces) out.other_lines.push_back(f->line);
          continue;
        }
        out.labels[as].push_back(Label{label.middle(), cell.line, segment, *index, cell});
        for (const Fragment* f : label.pieces) out.other_lines.push_back(f->line);
      }
    }
  }
  // Lines of labels only: those no row took.
  std::vector<int> taken;
  for (const auto& row : out.rows) taken.insert(taken.end(), row.lines.begin(), row.lines.end());
  std::sort(taken.begin(), taken.end());
  std::vector<int> other;
  for (int line : out.other_lines) {
    if (!std::binary_search(taken.begin(), taken.end(), line)) other.push_back(line);
  }
  std::sort(other.begin(), other.end());
  other.erase(std::unique(other.begin(), other.end()), other.end());
  out.other_lines = std::move(other);
  for (auto& row : out.rows) {
    // For the levels' reading of what a row says (read()).
    row.name = row.cells[static_cast<std::size_t>(out.name_column)].text;
    // (A value split over operator, number and unit columns, joined.)
    row.value.clear();
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const auto& role = roles[c];
      if (static_cast<int>(c) == value_column ||
          (role && (*role == grammar::Column::op || *role == grammar::Column::unit)))
        row.value += row.cells[c].text;
    }
    std::sort(row.lines.begin(), row.lines.end());
    row.lines.erase(std::unique(row.lines.begin(), row.lines.end()), row.lines.end());
  }
  out.segments = static_cast<int>(pages.size());
  out.columns = std::move(columns);
  return out;
}

// The rows of a table whose header gave no columns to go by: the name column
// is where most names start, values are right of it.
Rebuilt rebuild_by_name_column(const std::vector<Segment>& segments, const ReaderContext& cx) {
  const grammar::Grammar& grammar_ = cx.grammar;
  Rebuilt out;
  auto& rows = out.rows;
  auto& labels = out.labels;
  auto& other_lines = out.other_lines;
  int segment = 0;

  // Rows with `可持续影响指标 科技特派员制度` in one cell (pdftotext left a single
  // space between the columns) split after the level label. Kept for the
  // whole table: labels point into them.
  std::vector<std::vector<tokenize::Row>> split_rows(segments.size());
  for (std::size_t s = 0; s < segments.size(); ++s) {
    for (const tokenize::Row* line : segments[s].body)
      split_rows[s].push_back(split_level_cells(*line, grammar_));
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
    std::optional<tokenize::Cell> pending_cell;
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
              Label{static_cast<double>(row.line), row.line, segment, c.level, *c.cell});
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
          rows[current].name_cell = *names.front();
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
        if (!r.name_cell) r.name_cell = *names.front();
      }
      if (!values.empty()) {
        LogicalRow* r = has_current ? &rows[current] : nullptr;
        const bool value_only = names.empty();
        if (value_only && r && r->value_cell && !r->value_open) {
          // The row above is complete: this value waits for its name below.
          for (const auto* cell : values) {
            if (!pending_cell) pending_cell = *cell;
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
          if (!r->value_cell) r->value_cell = *cell;
          r->value += cell->text;
        }
        r->value_open = end_column(*values.back()) >= max_value_end - 1;
      }
      if (!names.empty() || !values.empty()) {
        rows[current].lines.push_back(row.line);
        rows[current].last = row.line;
      } else {
        row.add_lines_to(other_lines);
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
  out.segments = segment;
  return out;
}

// Whether a table's level labels stand at the top of their blocks (Word's
// cells hold their text at the top) rather than at their middles (WPS,
// LibreOffice, Excel), by the table itself: at the top, the table's first
// row carries the first label of each level, every label the grammar knows
// stands on the first line of a row, and each first level's label beside a
// second level's (a first level's block begins one of the second level).
// Centred, the first row of a block of more than two rows lacks its label,
// and labels stand on a wrapped row's middle.
bool labels_at_top(const std::vector<LogicalRow>& rows, const std::vector<Label> (&labels)[2]) {
  if (rows.empty()) return false;
  std::set<std::pair<int, int>> firsts;  // (segment, line) where a row begins
  for (const auto& row : rows) firsts.insert({row.segment, row.first});
  const auto table_first =
      std::min_element(rows.begin(), rows.end(), [](const LogicalRow& a, const LogicalRow& b) {
        return std::pair(a.segment, a.first) < std::pair(b.segment, b.first);
      });
  std::set<std::pair<int, int>> level2_lines;
  bool known[2] = {false, false};
  for (int level = 0; level < 2; ++level) {
    const Label* top = nullptr;
    for (const auto& label : labels[level]) {
      if (label.level < 0) continue;
      known[level] = true;
      if (firsts.count({label.segment, label.line}) == 0) return false;
      if (level == 1) level2_lines.insert({label.segment, label.line});
      if (!top || std::pair(label.segment, label.line) < std::pair(top->segment, top->line))
        top = &label;
    }
    if (top && (top->segment != table_first->segment || top->line != table_first->first))
      return false;
  }
  if (known[0] && known[1]) {
    for (const auto& label : labels[0]) {
      if (label.level >= 0 && level2_lines.count({label.segment, label.line}) == 0) return false;
    }
  }
  return known[0] || known[1];
}

}  // namespace

bool continues_header(const tokenize::Row& row, const grammar::Grammar& g, bool strict) {
  if (row.words.empty()) return false;
  for (const auto& word : row.words) {
    if (g.match_levels(word.text).any()) return false;
    if (g.match_column(word.text) || g.is_header_fragment(word.text)) continue;
    // A unit under a label (`（%）`, `（万元）`).
    const std::string_view w = word.text;
    const bool unit = (w.starts_with("(") || w.starts_with("（")) &&
                      (w.ends_with(")") || w.ends_with("）")) && source::char_count(w) <= 6;
    if (strict || (source::char_count(w) > 2 && !unit)) return false;
  }
  return true;
}

TableModel AlignedTable::read(const ReaderContext& cx) const {
  const grammar::Grammar& grammar_ = cx.grammar;
  TableModel model;
  // Segments: a page of the table, from one column-header row or page break
  // to the next.
  std::vector<Segment> segments(1);
  for (const auto& line : lines_) {
    const bool used = !segments.back().body.empty() || !segments.back().header.empty();
    if ((line.header && !segments.back().body.empty()) || (line.page && used))
      segments.emplace_back();
    (line.header ? segments.back().header : segments.back().body).push_back(&line.row);
  }
  Rebuilt rebuilt = rebuild_by_columns(segments, cx);
  if (rebuilt.columns.empty()) rebuilt = rebuild_by_name_column(segments, cx);
  auto& rows = rebuilt.rows;
  auto& labels = rebuilt.labels;
  const int segment = rebuilt.segments;

  // Rows whose value is a sum of money (`≤720 万元`, `5 万` read as 万元).
  std::vector<char> money(rows.size(), 0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const values::Parsed parsed = cx.values.parse(rows[r].value);
    const auto& v = parsed.value;
    const std::string& yuan = grammar_.values.money_unit;
    money[r] = v.kind == model::ValueKind::quantity && v.unit &&
               ((v.base && v.base->unit == yuan) || *v.unit == yuan);
  }

  // Whether a row does not look like a second level's indicators (its
  // `fits`): asked only where the level programme below weighs a block, and
  // answered once.
  const std::size_t level2_count = grammar_.levels.level2.size();
  std::vector<signed char> misfit_of(rows.size() * level2_count, -1);  // -1: not asked yet
  auto misfits = [&](std::size_t r, std::size_t l) {
    signed char& known = misfit_of[r * level2_count + l];
    if (known < 0) {
      const grammar::Pattern& fits = grammar_.levels.level2[l].fits;
      known = !fits.empty() && !fits.contains(rows[r].name + "\t" + rows[r].value);
    }
    return known != 0;
  };

  // Levels: assign each row to the label whose block it is in. Labels at
  // the top of their blocks start them: each row takes the last label at or
  // above its first line.
  const bool at_top = labels_at_top(rows, labels);
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
      if (at_top || n > kMaxBlockRows) {
        // (Also where there are too many rows on one page for the
        // optimisation, cubic in them.)
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
      constexpr double kOutside = 0.05;  // a second level outside its first's
      // What counts against each event's block, worked out once here: the
      // cost below is asked of every block of rows, O(m·n²) times. Counted
      // before each row (of `in`): rows with a sum of money (money_before),
      // and for each event j, rows whose first level is not one j's second
      // level belongs to (outside_before), and rows that do not fit j's
      // second level (misfit_before). A cost adds the same step once for
      // each such row, so the count is all it needs of them.
      std::vector<char> money_counts(m, 0), has_parents(m, 0), is_level2(m, 0);
      std::vector<int> money_before(n + 1, 0);
      std::vector<int> outside_before(m * (n + 1), 0), misfit_before(m * (n + 1), 0);
      for (std::size_t r = 0; r < n; ++r) money_before[r + 1] = money_before[r] + money[in[r]];
      for (std::size_t j = 0; level == 1 && j < m; ++j) {
        if (events[j]->level < 0) continue;
        const auto l = static_cast<std::size_t>(events[j]->level);
        const auto& level2 = grammar_.levels.level2[l];
        money_counts[j] = !level2.money;
        is_level2[j] = 1;
        has_parents[j] = !level2.parents.empty();
        int* outside = &outside_before[j * (n + 1)];
        int* misfit = &misfit_before[j * (n + 1)];
        for (std::size_t r = 0; r < n; ++r) {
          misfit[r + 1] = misfit[r] + (misfits(in[r], l) ? 1 : 0);
          const Label* first = assigned[0][in[r]];
          const bool out =
              has_parents[j] && first && first->level >= 0 &&
              std::find(level2.parents.begin(), level2.parents.end(),
                        grammar_.levels.level1[static_cast<std::size_t>(first->level)].name) ==
                  level2.parents.end();
          outside[r + 1] = outside[r] + (out ? 1 : 0);
        }
      }
      // `step` added once for each of `count` rows, in turn (as rounding
      // has it: 0.05 is not exact).
      auto add_steps = [](double& c, int count, double step) {
        for (; count > 0; --count) c += step;
      };
      // cost(j, a, b): rows a..b-1 (of `in`) as the block of event j.
      auto cost = [&](std::size_t j, std::size_t a, std::size_t b) -> double {
        const double line = events[j]->middle;
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
        if (money_counts[j]) add_steps(c, money_before[b] - money_before[a], 0.75);
        // Between readings that fit as well (a block of two rows whose label
        // stands on the upper line reads as well as one row, the next block
        // taking the other), the one whose second levels stay in their first
        // levels' blocks (as read before): 成本指标's rows are 产出指标's.
        // (Only that: first levels' blocks are the less precise.)
        const std::size_t row0 = j * (n + 1);
        if (has_parents[j])
          add_steps(c, outside_before[row0 + b] - outside_before[row0 + a], kOutside);
        // So does what the row says: a date under 时效, 满意 under 满意度.
        if (is_level2[j]) add_steps(c, misfit_before[row0 + b] - misfit_before[row0 + a], 0.75);
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
      // (A label the grammar does not know, with no rows, declares nothing:
      // its lines are the table's, `年度绩效` / `指标` beside the levels.)
      if (label.level >= 0 && std::find(assigned[level].begin(), assigned[level].end(), &label) ==
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
      m.row.line = m.row.last_line = lonely[next_lonely]->line;
      m.row.kind = tokenize::RowKind::cells;
      m.row.layout = tokenize::Layout::spaces;
      tokenize::Cell cell = lonely[next_lonely]->cell;
      cell.index = 0;
      m.row.cells.push_back(cell);
      model.rows.push_back(std::move(m));
      ++next_lonely;
    }
  };
  // A row's level label: the second level names its first, for a block
  // boundary found for the second level is the more precise one (`成本指标`
  // belongs to 产出指标).
  auto label_cell = [&](int level, std::size_t r) {
    tokenize::Cell cell = assigned[level][r]->cell;
    // A label a page break cut short (`社会效益指`) by the name it begins.
    const auto& names = level == 0 ? grammar_.levels.level1 : grammar_.levels.level2;
    if (assigned[level][r]->level >= 0 && !grammar_.match_levels(cell.text).any())
      cell.text = names[static_cast<std::size_t>(assigned[level][r]->level)].name;
    if (level == 0 && assigned[1][r] && assigned[1][r]->level >= 0) {
      const auto& parents =
          grammar_.levels.level2[static_cast<std::size_t>(assigned[1][r]->level)].parents;
      if (parents.size() == 1) cell.text = parents.front();
    }
    return cell;
  };
  if (!rebuilt.columns.empty()) {
    tokenize::Row header;
    header.line = rebuilt.header_line;
    header.kind = tokenize::RowKind::cells;
    for (const auto& column : rebuilt.columns) {
      tokenize::Cell cell;
      cell.text = column.header;
      cell.index = static_cast<int>(header.cells.size());
      cell.line = header.line;
      cell.column = column.header_start + 1;
      header.cells.push_back(std::move(cell));
    }
    model.header = std::move(header);
    if (!rebuilt.band_lines.empty()) model.before.push_back({"table", rebuilt.band_lines});
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const LogicalRow& lr = rows[r];
    flush_lonely(lr.first);
    if (!rebuilt.columns.empty()) {
      // One cell a column, as a tab-separated row has them.
      ModelRow m;
      m.row.line = lr.first;
      m.row.last_line = lr.last;
      m.row.kind = tokenize::RowKind::cells;
      m.row.layout = tokenize::Layout::tab;
      m.row.cells = lr.cells;
      for (int level = 0; level < 2; ++level) {
        const int at = rebuilt.level_column[level];
        if (at < 0 || !assigned[level][r]) continue;
        tokenize::Cell cell = label_cell(level, r);
        cell.index = at;
        m.row.cells[static_cast<std::size_t>(at)] = cell;
      }
      m.lines = lr.lines;
      const tokenize::Cell& name = lr.cells[static_cast<std::size_t>(rebuilt.name_column)];
      if (name.text.empty()) {
        // Cells with no name: pieces of a row that lost it.
        m.kind = ModelRow::Kind::orphan_value;
        for (const auto& cell : lr.cells) {
          if (!cell.text.empty() && !m.value_cell) m.value_cell = cell;
        }
        m.message = {"unparsed-line.cells-without-name", {}};
      }
      model.rows.push_back(std::move(m));
      continue;
    }
    ModelRow m;
    tokenize::Row& row = m.row;
    row.line = lr.first;
    row.kind = tokenize::RowKind::cells;
    row.layout = tokenize::Layout::spaces;
    int index = 0;
    for (int level = 0; level < 2; ++level) {
      if (!assigned[level][r]) continue;
      tokenize::Cell cell = label_cell(level, r);
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
      m.message = {"unparsed-line.value-without-name", {}};
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
  for (int line : rebuilt.other_lines) {
    const bool lonely_line =
        std::any_of(lonely.begin(), lonely.end(), [&](const Label* l) { return l->line == line; });
    if (lonely_line) continue;
    if (model.after.empty()) model.after.push_back({"levels", {}});
    model.after.back().lines.push_back(line);
  }
  return model;
}

}  // namespace jixiao::parse
