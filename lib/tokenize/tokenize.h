// Stage 2, tokenize: turns a normalized line into a row of cells and says what
// kind of line it is.
//
// Cells are separated by tabs, by pipes (`| a | b |`) or by runs of two or more
// spaces, decided line by line unless a layout is forced; blank cells are
// kept, because their positions are how merged cells show. Border lines
// (`|---|---|`, `+----+`) are rules, not rows. Whole-line kinds the parser needs before it
// looks at cells are recognised here, with the grammar's patterns: blank
// lines, page furniture (`— 3 —`), table titles, `(2026 年)` year lines and
// notes (`注：…`).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/grammar.h"
#include "normalize/normalize.h"

namespace jixiao::tokenize {

enum class RowKind { blank, page_break, title, year, note, rule, cells };

// How the cells of a line are separated.
enum class Layout {
  automatic,  // decided line by line: tab, pipe, or spaces
  tab,        // tab-separated, as copied from Word, WPS or a spreadsheet
  pipe,       // `| 一级指标 | 二级指标 |`, as in web pages and Markdown
  spaces,     // runs of two or more spaces, as pdftotext writes table rows
  // One cell per line or paragraph, in reading order, as plain pdftotext
  // writes a table (cells on one line are still split by tabs). Chosen by
  // the parser for a table whose column header comes one cell per line;
  // forcing it reads every table so.
  reading_order,
  // Comma-separated values (RFC 4180), as Excel and WPS save a sheet: quoted
  // cells may hold commas, quotes (`""`) and line breaks.
  csv,
  // One cell per line, each ending in ` |` or followed by a line holding
  // `|`; a line of pipes (or a blank line) ends the row. Rebuilt by the
  // layout stage (layout/marked.h).
  marked_cells,
  // No separator the cells can be told by: single spaces (text from
  // .doc/.docx files), none at all, or a whole document on one line. The
  // layout stage splits such a line at the grammar's words (layout/words.h).
  words,
  // An indented tree: a name, and its value on the next, deeper line.
  indented,
};
constexpr int kLayouts = static_cast<int>(Layout::indented) + 1;

// No row keeps more cells than this (the widest tables have a dozen); the
// rest of a line is reported, not split further.
constexpr std::size_t kMaxCells = 256;

std::string_view to_string(Layout layout);
std::optional<Layout> layout_named(std::string_view name);

struct Cell {
  std::string text;  // trimmed
  int index = 0;     // 0-based position in the row
  int column = 0;    // 1-based character column in the original line
  int line = 0;      // the line it is on (rows rebuilt from several lines)
  bool empty() const { return text.empty(); }
};

// A word of a space-aligned line (`pdftotext -layout`): text between spaces,
// where it stands and how wide it prints. The column reader (parse/aligned)
// finds a table's columns from where its words stand.
struct Word {
  std::string text;  // normalized
  int column = 0;    // 0-based character column in the original line
  int chars = 0;     // characters in the original line
  int width = 0;     // print width: 2 for a wide (CJK) character, 1 for others
  int end() const { return column + chars; }
};

// A row's non-empty cells, in order. Asked of every row many times, so the
// pointers of a row of a few cells are held inline, with no allocation; a
// wider row's spill to the heap.
class FilledCells {
 public:
  using value_type = const Cell*;
  using const_iterator = const Cell* const*;
  using iterator = const_iterator;
  void push_back(const Cell* cell) {
    if (size_ < kInline) {
      inline_[size_] = cell;
    } else {
      if (spill_.empty()) spill_.assign(inline_.begin(), inline_.end());
      spill_.push_back(cell);
    }
    ++size_;
  }
  const_iterator begin() const { return size_ <= kInline ? inline_.data() : spill_.data(); }
  const_iterator end() const { return begin() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Cell* operator[](std::size_t i) const { return begin()[i]; }
  const Cell* front() const { return *begin(); }
  const Cell* back() const { return begin()[size_ - 1]; }

 private:
  static constexpr std::size_t kInline = 12;
  std::array<const Cell*, kInline> inline_;  // (the first size_ are set: no need to clear them all)
  std::vector<const Cell*> spill_;
  std::size_t size_ = 0;
};

struct Row {
  int line = 0;
  int last_line = 0;  // the row's last line: a row may span several (a CSV cell's line breaks)
  RowKind kind = RowKind::blank;
  std::vector<Cell> cells;
  std::size_t dropped_cells = 0;  // past kMaxCells, not kept
  std::string text;               // the whole normalized line, cells joined by tabs
  std::optional<int> year;        // for titles and year lines that name one
  Layout layout = Layout::tab;    // how this line's cells were separated
  // Where, in `text`, the line had a single space that normalization removed
  // (`公众科学素养 持续提升` reads `公众科学素养持续提升`): a possible cell
  // boundary where a row's cells are told apart by words. Kept only for a
  // line with one cell.
  std::vector<std::uint32_t> breaks;
  // The words of a line with no tab (a space-aligned row or a piece of one),
  // left to right.
  std::vector<Word> words;

  // The non-empty cells, in order.
  FilledCells filled() const;
  // The row's last line (`last_line`, or `line` for a row of one line), and
  // every line it covers, appended to `out`.
  int end_line() const { return std::max(line, last_line); }
  void add_lines_to(std::vector<int>& out) const {
    for (int l = line; l <= end_line(); ++l) out.push_back(l);
  }
};

class Tokenizer {
 public:
  explicit Tokenizer(const grammar::Grammar& grammar, Layout layout = Layout::automatic)
      : grammar_(grammar), layout_(layout) {}

  // `raw` is the original line (for columns), `text` its normalized form.
  Row tokenize(int line, std::string_view raw, const normalize::Text& text) const;
  // What kind of row it is, by its cells (for rows the layout stage
  // rebuilt); sets `row.kind` and `row.year`.
  void classify(Row& row) const;

 private:
  RowKind classify(const Row& row, std::optional<int>& year) const;
  Layout layout_of(std::string_view raw, std::string_view line) const;

  const grammar::Grammar& grammar_;
  Layout layout_;
};

std::string_view to_string(RowKind kind);

// Whether a raw line reads as a row of comma-separated values: no tab, and
// at least two commas outside quotes that are not a thousands separator.
bool is_csv_row(std::string_view raw);
// Whether a raw line of comma-separated values leaves a quoted cell open:
// its record goes on on the next line.
bool opens_csv_cell(std::string_view raw);

}  // namespace jixiao::tokenize
