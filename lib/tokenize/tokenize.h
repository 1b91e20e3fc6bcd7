// Stage 2, tokenize: turns a normalized line into a row of cells and says what
// kind of line it is.
//
// Cells are separated by tabs; blank cells are kept, because their positions
// are how merged cells show. Whole-line kinds the parser needs before it
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

enum class RowKind { blank, page_break, title, year, note, cells };

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
  std::string text;         // the whole normalized line, cells joined by tabs
  std::optional<int> year;  // for titles and year lines that name one

  // The non-empty cells, in order.
  std::vector<const Cell*> filled() const;
};

class Tokenizer {
 public:
  explicit Tokenizer(const grammar::Grammar& grammar) : grammar_(grammar) {}

  // `raw` is the original line (for columns), `text` its normalized form.
  Row tokenize(int line, std::string_view raw, const normalize::Text& text) const;

 private:
  RowKind classify(const Row& row, std::optional<int>& year) const;

  const grammar::Grammar& grammar_;
};

std::string_view to_string(RowKind kind);

}  // namespace jixiao::tokenize
