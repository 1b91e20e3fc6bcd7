// Space-aligned tables (`pdftotext -layout`), buffered whole and rebuilt into
// the table model: see aligned.cpp.
#pragma once

#include <vector>

#include "parse/table_model.h"

namespace jixiao::parse {

class AlignedTable {
 public:
  // Column-header rows start a page of the table; content rows are read.
  void add(const tokenize::Row& row, bool header) {
    // pdftotext starts a page with a form feed, alone or before its first line.
    const bool page = page_break_ || row.text.find('\f') != std::string::npos;
    lines_.push_back(Line{row, header, page});
    page_break_ = false;
  }
  // A page ends: pdftotext lays each page out anew, its columns elsewhere.
  void page_break() { page_break_ = true; }
  // Rebuilds the rows. The model's rows point into nothing of the reader's:
  // it may be dropped after.
  TableModel read(const ReaderContext& cx) const;
  // Every line given, for the parser's check that none was lost.
  std::vector<const tokenize::Row*> lines() const;

 private:
  struct Line {
    tokenize::Row row;
    bool header;
    bool page;  // the first line of a page
  };
  std::vector<Line> lines_;
  bool page_break_ = false;
};

// Whether a line holds pieces of column labels only (`标`, `二级绩效指`), no
// level label: a line of a column header that wrapped. Unless `strict`, a
// word of one or two characters (`标`, `值`) counts as a piece: under the
// header, not above it, where the text before ends in such words.
bool continues_header(const tokenize::Row& row, const grammar::Grammar& grammar, bool strict);

// `可持续影响指标 科技特派员制度`: a level label and the next column's text with
// one space between them, which normalization removed. A cell that starts
// with a level label of four characters or more is split after it.
tokenize::Row split_level_cells(const tokenize::Row& row, const grammar::Grammar& grammar);

}  // namespace jixiao::parse
