// Stage 2b, layout: rebuilds rows whose cells the tokenizer cannot tell
// apart line by line, so that every layout reaches the parser as the same
// table model: rows of cells, each cell with its source line and column.
//
// Two readers live here, each a function or class of its own:
//   - marked cells (marked.cpp): one cell per line, each ending in ` |` or
//     followed by a line holding `|`, a line of pipes or a blank line ending
//     the row, as HTML-to-text converters write a table whose cells hold
//     paragraphs;
//   - words (words.cpp): single spaces between cells (.doc/.docx text),
//     cells run together with no separator, or a whole document on one line.
//     The grammar's words (header labels, column labels, level labels) say
//     where a row and its cells start, and the value patterns where a name
//     ends and its value begins.
// Comma-separated text is split by the tokenizer (its quoted cells span
// lines, which convert joins first); tab, pipe and space-aligned rows need
// nothing here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/grammar.h"
#include "tokenize/tokenize.h"
#include "values/values.h"

namespace jixiao::layout {

// ------------------------------------------------------------------ words

// A piece of a line whose cell boundaries were lost.
struct Piece {
  enum class Kind { content, header_label, column, level1, level2, performance_type, title, year };
  Kind kind = Kind::content;
  std::string text;
  std::size_t offset = 0;  // bytes into the line's cell
  bool spaced = false;     // a space (kept or dropped by normalization) before it
};

// Splits a line's one cell at its spaces (`breaks`: those normalization
// dropped between CJK characters) and splits the grammar's words off the
// front of each piece: `产出指标数量指标培训人数≥100人` gives 产出指标, 数量指标 and
// the rest. After a header label other than the goal's, a later header label
// inside the piece starts a piece too (`主管部门某局实施单位某中心`).
std::vector<Piece> word_pieces(std::string_view text, const std::vector<std::uint32_t>& breaks,
                               const grammar::Grammar& grammar);

class WordReader {
 public:
  WordReader(const grammar::Grammar& grammar, const values::ValueParser& values)
      : grammar_(grammar), values_(values) {}

  // The rows a line of words holds (one, or many for a document on one
  // line), or none when the line does not read as table rows: it must start
  // with a grammar word, or hold a whole table (two header labels and a
  // level or column label).
  std::vector<tokenize::Row> rows(const tokenize::Row& line,
                                  const tokenize::Tokenizer& tokenizer) const;

  // Where the value starts in a cell that holds an indicator's name and its
  // value with no separator the tokenizer could use (`培训人数≥100人`,
  // `公众科学素养 持续提升`): the first place from which the rest reads as a
  // number, date or period; else where a qualitative ending starts
  // (`values.qualitative_tail`); else the last space, when what follows
  // reads as a qualitative value (`values.qualitative`) or
  // `spaces_part_cells`. 0 when none.
  // `spaces_part_cells`: the table's other rows had their cells parted by
  // single spaces, so the last space parts this row's too.
  std::size_t value_start(std::string_view text, const std::vector<std::uint32_t>& breaks,
                          bool spaces_part_cells) const;
  // Whether the text is a number, date or period with nothing around it.
  bool reads_as_value(std::string_view text) const;
  // Whether the text is what may follow a number as its unit or note (`个`,
  // `万元`, `%`, `(40场)`), or a comparator whose number comes after it
  // (`≥`, `不超过`), as the value rules read them.
  bool is_unit(std::string_view text) const;
  bool is_comparator(std::string_view text) const;

 private:
  bool may_start_value(std::string_view text) const;
  bool holds_value(std::string_view text) const;
  bool whole_qualitative_tail(std::string_view text) const;

  const grammar::Grammar& grammar_;
  const values::ValueParser& values_;
};

// ----------------------------------------------------------- marked cells

// Rebuilds rows written one cell per line with pipe marks. Fed every
// tokenized line in order; hands on the rows it completes and every other
// line unchanged (a line that might be a cell waits for the next one).
class MarkedCells {
 public:
  using Emit = std::function<void(tokenize::Row&&)>;
  explicit MarkedCells(const tokenize::Tokenizer& tokenizer) : tokenizer_(tokenizer) {}

  void push(tokenize::Row row, const Emit& emit);
  // The end of the input: whatever waits is handed on.
  void finish(const Emit& emit);

 private:
  void end_row(const Emit& emit);
  void release_waiting(const Emit& emit);

  const tokenize::Tokenizer& tokenizer_;
  std::vector<tokenize::Cell> cells_;  // of the row being rebuilt
  int first_line_ = 0, last_line_ = 0;
  std::optional<tokenize::Row> waiting_;  // a one-cell line: a cell if `|` follows
};

// -------------------------------------------------------- indented tree

// Rebuilds an indented tree's rows: an indented line of one cell that is no
// grammar word, followed by a more deeply indented one, is a name and its
// value. Every other line passes unchanged.
class IndentedTree {
 public:
  using Emit = MarkedCells::Emit;
  IndentedTree(const grammar::Grammar& grammar, const tokenize::Tokenizer& tokenizer)
      : grammar_(grammar), tokenizer_(tokenizer) {}

  void push(tokenize::Row row, const Emit& emit);
  void finish(const Emit& emit);

 private:
  bool is_word(const tokenize::Row& row) const;
  void note(const tokenize::Row& row);

  // A tree indents by a few spaces a level.
  static constexpr int kMaxIndent = 16;
  static constexpr int kMaxStep = 8;

  const grammar::Grammar& grammar_;
  const tokenize::Tokenizer& tokenizer_;
  std::optional<tokenize::Row> waiting_;
  bool one_cell_lines_ = true;  // the last line read had at most one cell
  // A line of space-aligned columns was seen: the text is pdftotext -layout's,
  // whose indents are columns' places, for the rest of the input.
  bool space_aligned_ = false;
};

// ----------------------------------------------------------------- header

// The header of a space-aligned table (`pdftotext -layout`), whose labels
// wrap in their cells (`项目名` over `称`) and whose values' lines sit above
// and below their label's: the lines from the first header label (at the
// left margin) to the indicator table, rebuilt into one row per row of the
// header, labels and values side by side (header.cpp). Text that is not
// space-aligned passes as it came.
class HeaderBlock {
 public:
  using Emit = MarkedCells::Emit;
  explicit HeaderBlock(const grammar::Grammar& grammar) : grammar_(grammar) {}

  void push(tokenize::Row row, const Emit& emit);
  void finish(const Emit& emit);

 private:
  bool starts(const tokenize::Row& row) const;
  bool ends(const tokenize::Row& row) const;
  bool continues_label(const tokenize::Word& word) const;
  bool names_project(const tokenize::Row& row) const;
  bool opens_table(const tokenize::Row& row) const;
  void release(const Emit& emit);
  void flush(const Emit& emit);
  std::vector<tokenize::Row> rebuild(const std::vector<tokenize::Row>& lines) const;

  // A header holds a few dozen lines; a block is read no further.
  static constexpr std::size_t kMaxLines = 60;

  const grammar::Grammar& grammar_;
  std::vector<tokenize::Row> rows_;
  // Indented lines just before, which a block starting next takes (a value's
  // first lines above its label's).
  std::vector<tokenize::Row> held_;
  bool aligned_ = false;   // a line of space-aligned columns was seen
  bool in_table_ = false;  // in an indicator table: only a project's name starts a header
};

// ----------------------------------------------------------------- stage

// The layout stage for one grammar: marked cells, the indented tree, then
// words.
class Assembler {
 public:
  using Emit = MarkedCells::Emit;
  Assembler(const grammar::Grammar& grammar, const tokenize::Tokenizer& tokenizer);

  void push(tokenize::Row row, const Emit& emit);
  void finish(const Emit& emit);

 private:
  void split_words(tokenize::Row row, const Emit& emit);

  const tokenize::Tokenizer& tokenizer_;
  values::ValueParser values_;
  WordReader words_;
  MarkedCells marked_;
  IndentedTree indented_;
  HeaderBlock header_;
  // A form feed or a line of space-aligned columns was seen: text from
  // pdftotext, for the rest of the input.
  bool paged_ = false;
};

}  // namespace jixiao::layout
