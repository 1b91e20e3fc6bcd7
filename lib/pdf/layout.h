// Rebuilding table rows from where things sit on a PDF page.
//
// A PDF has no rows and cells, only words at positions and lines drawn on
// the page. Ruled tables (every published 绩效目标表 is one) say where their
// cells are: a word belongs to the cell bounded by the nearest rules on its
// four sides, and a merged cell is simply a cell whose rules lie several rows
// apart. Rows come out the way Word or WPS copy a table: cells separated by
// tabs, a merged cell's text in the first row it covers and blank cells in
// the rows below, so the rest of the pipeline reads them like any
// tab-separated file. Text outside every cell (titles, page numbers) comes
// out line by line.
//
// This file is pure geometry, with no PDF library, so that it can be tested
// on pages built by hand.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jixiao::pdf {

// A word as the PDF library reports it, in points from the page's top left.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double font_size = 0;
  std::string text;  // UTF-8
  bool space_after = false;
};

// A straight line drawn on the page: `at` is its y (horizontal) or x
// (vertical); it runs from `from` to `to` along the other axis.
struct Rule {
  double at = 0, from = 0, to = 0;
};

struct Page {
  int number = 0;                // from 1
  double width = 0, height = 0;  // points
  std::vector<Box> boxes;
  std::vector<Rule> horizontal;
  std::vector<Rule> vertical;
};

// The size of the type of a word, from its width: CJK characters are one
// em wide, others about half. Some producers scale the text matrix so that
// the font size a PDF library reports is twice the printed size; the width
// is what the page shows. 0 when the word is too short to tell.
double measured_size(std::string_view text, double width);

// A drawn stretch shorter than this (points) is no cell's side: a glyph's
// stroke, an underline's dash, a check box.
constexpr double kMinRuleLength = 8.0;

// Joins rules that are one line drawn over two pixel rows, or two tables'
// borders back to back, and drops what is too short to be a cell's side.
std::vector<Rule> merge_rules(std::vector<Rule> rules, double min_length);

// Vertical cell sides that the page does not draw but its words show: in a
// table ruled only across (row rules, or a frame with no inner lines), the
// column gutters that run down its rows, and the ends of its rules.
std::vector<Rule> text_sides(const Page& page);

// The page as text lines, top to bottom: a table row per line with its
// cells separated by tabs, and each line of other text.
std::vector<std::string> page_lines(const Page& page);

// Every page's lines, a form feed line after each page.
std::vector<std::string> document_lines(const std::vector<Page>& pages);

}  // namespace jixiao::pdf
