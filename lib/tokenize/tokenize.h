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
};

// No row keeps more cells than this (the widest tables have a dozen); the
// rest of a line is reported, not split further.
constexpr std::size_t kMaxCells = 256;

std::string_view to_string(Layout layout);
std::optional<Layout> layout_named(std::string_view name);

struct Cell {
  std::string text;  // trimmed
  int index = 0;     // 0-based position in the row
  int column = 0;    // 1-based character column in the original line
  bool empty() const { return text.empty(); }
};

struct Row {
  int line = 0;
  RowKind kind = RowKind::blank;
  std::vector<Cell> cells;
  std::size_t dropped_cells = 0;  // past kMaxCells, not kept
  std::string text;               // the whole normalized line, cells joined by tabs
  std::optional<int> year;        // for titles and year lines that name one
  Layout layout = Layout::tab;    // how this line's cells were separated

  // The non-empty cells, in order.
  std::vector<const Cell*> filled() const;
};

class Tokenizer {
 public:
  explicit Tokenizer(const grammar::Grammar& grammar, Layout layout = Layout::automatic)
      : grammar_(grammar), layout_(layout) {}

  // `raw` is the original line (for columns), `text` its normalized form.
  Row tokenize(int line, std::string_view raw, const normalize::Text& text) const;

 private:
  RowKind classify(const Row& row, std::optional<int>& year) const;
  Layout layout_of(std::string_view line) const;

  const grammar::Grammar& grammar_;
  Layout layout_;
};

std::string_view to_string(RowKind kind);

}  // namespace jixiao::tokenize
