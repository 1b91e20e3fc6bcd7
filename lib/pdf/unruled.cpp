// Tables with no rule between their rows: none at all, or rules only above
// and below the table and under its header (see docs/architecture.md).
#include <algorithm>
#include <cmath>

#include "pdf/geometry.h"

namespace jixiao::pdf::detail {
namespace {

// A table with no rules between its rows (none at all, or only above and
// below it): its columns are the gutters its lines share; its rows are the
// lines that the cells of its fullest columns hold together; a label merged
// over several rows (its text centred in the block, as browsers and office
// programs centre it) goes to the first row of its block, as the ruled
// reader puts it, so that the rows read like tab-separated text.

// Lines further apart than this many font sizes belong to different tables
// (or a table and a paragraph).
constexpr double kRegionGap = 1.5;
// Two lines of one column are one cell when the second follows the first at
// no more than this many times the table's line spacing.
constexpr double kSameCell = 1.25;

// The widest step from one line of a paragraph to the next, in sizes of
// its type.
constexpr double kMaxLineStep = 1.6;

struct Fragment {  // a line's words in one column
  std::size_t line = 0;
  double y = 0;  // the top of its words
  std::string text;
};

struct Run {  // a cell's lines in one column
  std::size_t first = 0, last = 0;
  std::string text;
  double top = 0, bottom = 0;  // the tops of its first and last lines
};

class UnruledTable {
 public:
  UnruledTable(const std::vector<Line>& lines, const std::vector<double>& gutters)
      : lines_(lines), gutters_(gutters), columns_(gutters.size() + 1) {
    split_into_columns();
    size_ = type_size(lines_);
    spacing_ = line_spacing();
  }

  std::vector<Item> rows() {
    const std::size_t ncols = columns_.size();
    std::vector<std::vector<Run>> runs_by_column(ncols);
    std::size_t fullest = 0;
    for (std::size_t c = 0; c < ncols; ++c) {
      runs_by_column[c] = runs(columns_[c]);
      fullest = std::max(fullest, runs_by_column[c].size());
    }
    // The columns with a cell in (nearly) every row hold the rows together;
    // the sparser ones hold labels merged over several rows.
    std::vector<bool> data(ncols, false), has_data(lines_.size(), false);
    for (std::size_t c = 0; c < ncols; ++c) data[c] = 4 * runs_by_column[c].size() >= 3 * fullest;
    std::vector<std::size_t> group(lines_.size());
    for (std::size_t i = 0; i < group.size(); ++i) group[i] = i;
    auto find = [&](std::size_t i) {
      while (group[i] != i) i = group[i] = group[group[i]];
      return i;
    };
    // A cell of a full column beside two or more cells of another full
    // column is merged over their rows: a label, placed with the others.
    std::vector<std::vector<Run>> labels(ncols);
    for (std::size_t c = 0; c < ncols; ++c) {
      if (!data[c]) {
        labels[c] = runs_by_column[c];
        continue;
      }
      std::vector<Run> kept;
      for (const Run& run : runs_by_column[c]) {
        bool spans = false;
        for (std::size_t d = 0; d < ncols && !spans; ++d) {
          spans = data[d] && d != c &&
                  std::count_if(runs_by_column[d].begin(), runs_by_column[d].end(),
                                [&](const Run& other) { return side_by_side(run, other); }) >= 2;
        }
        (spans ? labels[c] : kept).push_back(run);
      }
      runs_by_column[c] = std::move(kept);
    }
    for (std::size_t c = 0; c < ncols; ++c) {
      if (!data[c]) continue;
      for (const Run& run : runs_by_column[c]) {
        for (std::size_t i = run.first; i <= run.last; ++i) {
          has_data[i] = true;
          group[find(i)] = find(run.first);
        }
      }
    }
    std::vector<Row> rows;
    std::vector<long> row_of_line(lines_.size(), -1);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (!has_data[i]) continue;
      const std::size_t root = find(i);
      if (rows.empty() || rows.back().root != root) rows.push_back({root, i, i, 1e300, -1e300, {}});
      rows.back().last = i;
      row_of_line[i] = static_cast<long>(rows.size() - 1);
    }
    for (Row& row : rows) row.cells.assign(ncols, "");
    for (std::size_t c = 0; c < ncols; ++c) {
      if (!data[c]) continue;
      for (const Run& run : runs_by_column[c]) {
        Row& row = rows[static_cast<std::size_t>(row_of_line[run.first])];
        append_word(row.cells[c], run.text, false);
        row.top = std::min(row.top, run.top);
        row.bottom = std::max(row.bottom, run.bottom);
      }
    }
    add_rows_of_lone_labels(labels, data, rows);
    for (std::size_t c = 0; c < ncols; ++c) place_labels(labels[c], rows, c);
    std::vector<Item> items;
    for (Row& row : rows) {
      if (std::any_of(row.cells.begin(), row.cells.end(), [](const auto& c) { return !c.empty(); }))
        items.push_back({lines_[row.first].y0, "", std::move(row.cells)});
    }
    return items;
  }

 private:
  struct Row {
    std::size_t root = 0, first = 0, last = 0;
    double top = 0, bottom = 0;  // the tops of its first and last lines of text
    std::vector<std::string> cells;
  };

  // Whether two cells of different columns share some height on the page.
  bool side_by_side(const Run& a, const Run& b) const {
    const double reach = 0.9 * size_;  // below the top of a cell's last line
    return a.top < b.bottom + reach && b.top < a.bottom + reach;
  }

  // A label between two rows set further apart than rows are (by about a
  // line or more) is a row of its own: a label whose block has no indicator.
  // One set between rows at the usual distance is centred in its block.
  void add_rows_of_lone_labels(const std::vector<std::vector<Run>>& runs_by_column,
                               const std::vector<bool>& data, std::vector<Row>& rows) const {
    std::vector<double> gaps;
    for (std::size_t r = 1; r < rows.size(); ++r) gaps.push_back(rows[r].top - rows[r - 1].bottom);
    const double usual = median(gaps);
    // Only the labels next to the rows' own cells (the second level): a
    // first level always spans a block of rows.
    const auto first_data =
        static_cast<std::size_t>(std::find(data.begin(), data.end(), true) - data.begin());
    if (first_data == 0 || first_data >= data.size()) return;
    std::vector<Row> added;
    for (const Run& run : runs_by_column[first_data - 1]) {
      auto after = std::find_if(rows.begin(), rows.end(),
                                [&](const Row& r) { return r.top > run.top + 0.5; });
      if (after == rows.begin()) continue;
      const Row& before = *(after - 1);
      if (run.top <= before.bottom + 0.5) continue;  // within a row's lines
      const double gap = after == rows.end() ? 1e300 : after->top - before.bottom;
      if (gap > usual + 0.8 * size_)
        added.push_back({0, run.first, run.last, run.top, run.bottom,
                         std::vector<std::string>(runs_by_column.size())});
    }
    rows.insert(rows.end(), added.begin(), added.end());
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.top < b.top; });
  }

  void split_into_columns() {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      std::vector<std::string> texts(columns_.size());
      std::vector<double> tops(columns_.size(), 1e300);
      std::vector<const Box*> previous(columns_.size(), nullptr);
      for (const Box* box : lines_[i].boxes) {
        const auto c = static_cast<std::size_t>(
            std::upper_bound(gutters_.begin(), gutters_.end(), centre_x(*box)) - gutters_.begin());
        // A gap wider than two characters inside a column still parts
        // cells (a header row's label and value pairs).
        if (previous[c] &&
            box->x0 - previous[c]->x1 > kColumnGap * std::max(previous[c]->font_size, 1.0)) {
          texts[c] += '\t';
          texts[c] += box->text;
        } else {
          append_word(texts[c], box->text, previous[c] && spaced(*previous[c], *box));
        }
        previous[c] = box;
        tops[c] = std::min(tops[c], box->y0);
      }
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        if (!texts[c].empty()) columns_[c].push_back({i, tops[c], std::move(texts[c])});
      }
    }
  }

  // A column's fragments joined into cells: the next line's fragment goes
  // on the cell when it follows at the table's line spacing.
  std::vector<Run> runs(const std::vector<Fragment>& fragments) const {
    std::vector<Run> out;
    double last_y = 0;
    for (const Fragment& f : fragments) {
      if (!out.empty() && f.y - last_y <= kSameCell * spacing_) {
        out.back().last = f.line;
        out.back().bottom = f.y;
        append_word(out.back().text, f.text, false);
      } else {
        out.push_back({f.line, f.line, f.text, f.y, f.y});
      }
      last_y = f.y;
    }
    return out;
  }

  // Each label goes to the first row of its block. Blocks follow one
  // another down the column, and a centred label sits in the middle of its
  // block: from where one block starts, the label's centre says where it
  // ends. Where that does not fit (labels set at the top of their cells),
  // a label goes to the row it starts in.
  void place_labels(const std::vector<Run>& labels, std::vector<Row>& rows, std::size_t c) const {
    std::size_t start = 0;  // first row of the next block
    for (std::size_t k = 0; k < labels.size() && !rows.empty(); ++k) {
      const Run& label = labels[k];
      const double centre = (label.top + label.bottom) / 2;
      std::size_t home = 0;  // the row the label starts in, or the last before it
      while (home + 1 < rows.size() && rows[home + 1].top <= label.top + 0.5) ++home;
      // Blocks tile the column: this one starts where the last one ended.
      const std::size_t first = std::min(start, rows.size() - 1);
      const double end = 2 * centre - rows[first].top;  // where the block's last row starts
      std::size_t last = first;
      while (last + 1 < rows.size() &&
             std::abs(rows[last + 1].bottom - end) < std::abs(rows[last].bottom - end))
        ++last;
      const double next = k + 1 < labels.size() ? labels[k + 1].top : 1e300;
      const bool fits = std::abs(rows[last].bottom - end) <= 0.6 * size_ && rows[last].top < next &&
                        rows[first].top <= centre + 0.5 && centre <= rows[last].bottom + 0.5;
      const std::size_t at = fits ? first : home;
      append_word(rows[at].cells[c], label.text, false);
      start = (fits ? last : home) + 1;
    }
  }

  // The step from one line of a cell to the next: the smallest step between
  // two lines of one column, when rows are set further apart than that
  // (cell padding). When every such step is the same, rows cannot be told
  // from wrapped lines, and each line is a row (0).
  double line_spacing() const {
    std::vector<double> steps;
    for (const auto& column : columns_) {
      for (std::size_t k = 1; k < column.size(); ++k)
        steps.push_back(column[k].y - column[k - 1].y);
    }
    if (steps.empty()) return 0;
    std::sort(steps.begin(), steps.end());
    const double least = steps.front();
    // Lines of one paragraph follow at 1.2 to 1.5 times the type's size; a
    // least step wider than that is from row to row: no cell wraps here.
    if (least > kMaxLineStep * size_) return 0;
    const auto near = static_cast<std::size_t>(
        std::upper_bound(steps.begin(), steps.end(), least * kSameCell) - steps.begin());
    return near * 10 >= steps.size() * 8 ? 0 : least;
  }

  const std::vector<Line>& lines_;
  const std::vector<double>& gutters_;
  std::vector<std::vector<Fragment>> columns_;
  double spacing_ = 0;
  double size_ = 1;  // of the type
};

}  // namespace

// Loose lines (outside every cell) in runs that no table row or wide gap
// interrupts; where a run's lines share column gutters, it is read as an
// unruled table, otherwise line by line.
std::vector<Item> loose_items(const std::vector<Line>& lines, const std::vector<Item>& rows) {
  std::vector<Item> items;
  // Word boxes are as tall as the font's ascent and descent, which CJK fonts
  // make much taller than the type: gaps are measured from the centres.
  const double size = type_size(lines);
  auto centre = [](const Line& l) { return (l.y0 + l.y1) / 2; };
  std::size_t i = 0;
  while (i < lines.size()) {
    std::size_t end = i + 1;
    while (end < lines.size() &&
           centre(lines[end]) - centre(lines[end - 1]) - size <= kRegionGap * size &&
           std::none_of(rows.begin(), rows.end(), [&](const Item& row) {
             return row.y > lines[end - 1].y0 && row.y < lines[end].y0;
           }))
      ++end;
    const std::vector<Line> region(lines.begin() + static_cast<long>(i),
                                   lines.begin() + static_cast<long>(end));
    const std::vector<Band> bands = line_bands(region);
    const std::vector<double> columns =
        region.size() >= 3 ? line_gutters(bands) : std::vector<double>{};
    if (!columns.empty() && columns.size() < 64) {
      for (Item& item : UnruledTable(region, columns).rows()) items.push_back(std::move(item));
    } else {
      for (const Line& line : region) items.push_back({line.y0, free_line_text(line), {}});
    }
    i = end;
  }
  return items;
}

}  // namespace jixiao::pdf::detail
