// Word and line geometry that the PDF table readers share: layout.cpp (ruled
// tables, and tables ruled only across) and unruled.cpp (tables with no rule
// between their rows). Internal to lib/pdf: pure geometry, no PDF library.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/layout.h"

namespace jixiao::pdf::detail {

// Rules and cell sides closer than this (in points) are the same.
inline constexpr double kSame = 1.5;
// Parallel rules this close (points) are one drawn border: a double line,
// or a thick frame's two edges. No text fits between them.
inline constexpr double kDoubleGap = 4.0;
// The widest stretch of a page (points) whose columns are looked for.
inline constexpr double kMaxSpread = 14400;
// No table column is narrower than this (points): one digit and padding.
inline constexpr double kNarrowestColumn = 6.0;
// Words further apart than this many font sizes, outside any cell, are in
// different columns of an unruled table.
inline constexpr double kColumnGap = 2.0;
// A gap wider than this many font sizes between two ASCII words is a space.
inline constexpr double kSpaceGap = 0.15;
// A gutter narrower than this (points) is a space between words, not
// between columns.
inline constexpr double kMinGutter = 3.0;

char32_t first_char(std::string_view s);
char32_t last_char(std::string_view s);
// CJK ideographs, CJK punctuation and full-width forms: text that is written
// without spaces, so a gap next to it is layout, not a space in the text.
bool is_wide(char32_t c);
// Appends `next` to `out`, with a space only between two non-CJK words that
// the page sets apart (`PM2.5 浓度` keeps none: 浓 is CJK).
void append_word(std::string& out, std::string_view next, bool spaced);
double centre_x(const Box& b);
double centre_y(const Box& b);

// Words on one printed line, left to right.
struct Line {
  double y0 = 0, y1 = 0;
  std::vector<const Box*> boxes;
};

std::vector<Line> printed_lines(std::vector<const Box*> boxes);
bool spaced(const Box& left, const Box& right);
// A cell's words as one text (see geometry.cpp).
std::string cell_text(const std::vector<const Box*>& boxes);
// A line outside every cell; wide gaps become tabs (an unruled table).
std::string free_line_text(const Line& line);

bool covers(const Rule& rule, double along);
// The nearest rule before (`before`) or after `at` among those that cross
// the perpendicular line through `along`; `rules` sorted by `at`.
const Rule* nearest_rule(const std::vector<Rule>& rules, double at, double along, bool before);
std::optional<double> nearest(const std::vector<Rule>& rules, double at, double along, bool before);

// A line of the page: a table row (its cells) or a line of other text.
struct Item {
  double y = 0;
  std::string text;                // other text
  std::vector<std::string> cells;  // a table row, when not empty
};

std::string joined(const std::vector<std::string>& cells);

// The stretch between two horizontal rules that holds some words, where no
// drawn vertical line divides it: a row of a table ruled only across (row
// rules, or a frame without inner lines). `left`/`right` are where its
// rules begin and end.
struct Band {
  double top = 0, bottom = 0, left = 0, right = 0;
  std::vector<const Box*> boxes;
};

// An x-interval of a band that no word covers, with words on both sides.
struct Strip {
  double from = 0, to = 0;
};

bool crosses(const Band& band, double x);
std::vector<Strip> free_strips(const Band& band);
// Column gutters of a block of bands (see geometry.cpp).
std::vector<double> gutters(const std::vector<const Band*>& block,
                            const std::vector<std::vector<Strip>>& strips);
// A band for each printed line, and the gutters those lines share.
std::vector<Band> line_bands(const std::vector<Line>& lines);
std::vector<double> line_gutters(const std::vector<Band>& bands);
double median(std::vector<double> values);
// The size of the type most words are set in (at least 1 pt).
double type_size(const std::vector<const Box*>& boxes);
double type_size(const std::vector<Line>& lines);

// unruled.cpp: loose lines (outside every cell), as unruled tables where
// they share column gutters and line by line where not; `rows` are the
// page's ruled rows, which no run of lines crosses.
std::vector<Item> loose_items(const std::vector<Line>& lines, const std::vector<Item>& rows);

}  // namespace jixiao::pdf::detail
