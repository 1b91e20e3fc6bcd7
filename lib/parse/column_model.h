// The columns of a space-aligned table (`pdftotext -layout`), found from
// where its words stand rather than from fixed widths: see column_model.cpp.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenize/tokenize.h"

namespace jixiao::parse {

// One column: its header (the header's pieces, however they wrapped) and the
// character column where its cells begin.
struct GridColumn {
  std::string header;
  int header_start = 0, header_end = 0;  // where the header's words stand
  int left = 0;                          // words that start here or right of it are this column's
  // Where the column's cells (or its header) begin: what the next page's
  // columns are fitted to.
  int anchor = 0;
};

// A column's text on one line: the words of the line that fall in it.
struct Fragment {
  int column = 0;  // index into the columns
  int line = 0;
  std::string text;
  int start = 0, end = 0;  // character columns
  int width = 0;           // print width (tokenize::Word::width), spaces counting 1
};

// The header's cells from the words of its lines (a header cell wraps: `二级绩效指`
// over `标`): words that overlap left to right are one cell. Neighbouring
// pieces that are no label alone but one together (`三级 指标`) are joined.
std::vector<GridColumn> header_columns(const std::vector<const tokenize::Row*>& band,
                                       const std::function<bool(std::string_view)>& is_label);

// Where each column begins, from the body's words: between two headers (and
// no further right than the first cell that begins there), the left end of
// the widest run of places that cut fewest words (a gutter of spaces down the
// table). A word that starts in the gutter is the next column's: cells drift
// left of their usual start.
void place_columns(std::vector<GridColumn>& columns, const std::vector<const tokenize::Row*>& body);

// Each column's anchor: where most of its cells begin on this page (the
// header's start where none does), for the next page's fit_columns.
void anchor_columns(std::vector<GridColumn>& columns,
                    const std::vector<const tokenize::Row*>& body);

// The columns of a page with no header of its own (the table went on over a
// page break), from the page before's: pdftotext lays each page out on its
// own, so the same columns may stand at other places, stretched or shifted
// (a page whose first column is empty starts its lines with the second).
// Each column, in order, at a place where cells begin, near where a stretch
// and shift of the page before's anchors puts it, and with the cells that
// then fall in each column fitting it.
// `misfit(column, text)`, when given, says how badly (0 to 1) a cell of that
// text would begin the column (a value where level labels stand): the fit
// weighs it with the places.
using Misfit = std::function<double(std::size_t, std::string_view)>;
std::vector<GridColumn> fit_columns(const std::vector<GridColumn>& previous,
                                    const std::vector<const tokenize::Row*>& body,
                                    const Misfit& misfit = nullptr);

// The column a word starting at `x` is in.
int column_at(const std::vector<GridColumn>& columns, int x);

// A line's words by column, left to right, one fragment per column used;
// columns only go rightwards along a line. A word a few places short of the
// next column is that column's when the text from it on can begin one of its
// cells (`begins_cell(column, word, text)`: a numbered name, a value) and the word
// after it is in that column already, one space on, or in one further
// right: the column before ran into it with one space between (`林业有害 1
// 项(≥ 34300`). A word that the column's text so
// far ends before (`ends_before(column, so_far, word)`, when given: a level
// label and a name after it, `服务对象满意 群众满意度`, a line squeezed
// left) goes to the next column.
std::vector<Fragment> fragments_of(
    const tokenize::Row& line, const std::vector<GridColumn>& columns,
    const std::function<bool(int, std::string_view, std::string_view)>& begins_cell,
    const std::function<bool(int, std::string_view, std::string_view)>& ends_before = nullptr);

// Joins two pieces of one cell: no space between CJK characters.
void append_piece(std::string& text, std::string_view piece);

}  // namespace jixiao::parse
