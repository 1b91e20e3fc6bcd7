#include "pdf/layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>

namespace jixiao::pdf {
namespace {

// Rules and cell sides closer than this (in points) are the same.
constexpr double kSame = 1.5;
// Parallel rules this close (points) are one drawn border: a double line,
// or a thick frame's two edges. No text fits between them.
constexpr double kDoubleGap = 4.0;
// The widest stretch of a page (points) whose columns are looked for.
constexpr double kMaxSpread = 14400;
// No table column is narrower than this (points): one digit and padding.
constexpr double kNarrowestColumn = 6.0;
// Words further apart than this many font sizes, outside any cell, are in
// different columns of an unruled table.
constexpr double kColumnGap = 2.0;
// A gap wider than this many font sizes between two ASCII words is a space.
constexpr double kSpaceGap = 0.15;

char32_t decode_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return k < s.size() ? static_cast<char32_t>(static_cast<unsigned char>(s[k]) & 0x3F) : 0;
  };
  if (b < 0x80) return b;
  if (b >> 5 == 0x6) return (static_cast<char32_t>(b & 0x1F) << 6) | cont(i + 1);
  if (b >> 4 == 0xE)
    return (static_cast<char32_t>(b & 0x0F) << 12) | (cont(i + 1) << 6) | cont(i + 2);
  return (static_cast<char32_t>(b & 0x07) << 18) | (cont(i + 1) << 12) | (cont(i + 2) << 6) |
         cont(i + 3);
}

char32_t first_char(std::string_view s) { return s.empty() ? 0 : decode_at(s, 0); }

char32_t last_char(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return decode_at(s, i);
}

// CJK ideographs, CJK punctuation and full-width forms: text that is written
// without spaces, so a gap next to it is layout, not a space in the text.
bool is_wide(char32_t c) { return c >= 0x2E80; }

// Appends `next` to `out`, with a space only between two non-CJK words that
// the page sets apart (`PM2.5 浓度` keeps none: 浓 is CJK).
void append_word(std::string& out, std::string_view next, bool spaced) {
  if (!out.empty() && spaced && !is_wide(last_char(out)) && !is_wide(first_char(next))) out += ' ';
  out += next;
}

double centre_x(const Box& b) { return (b.x0 + b.x1) / 2; }
double centre_y(const Box& b) { return (b.y0 + b.y1) / 2; }

// Words on one printed line, left to right.
struct Line {
  double y0 = 0, y1 = 0;
  std::vector<const Box*> boxes;
};

std::vector<Line> printed_lines(std::vector<const Box*> boxes) {
  std::sort(boxes.begin(), boxes.end(), [](const Box* a, const Box* b) {
    return centre_y(*a) != centre_y(*b) ? centre_y(*a) < centre_y(*b) : a->x0 < b->x0;
  });
  std::vector<Line> lines;
  for (const Box* box : boxes) {
    const double height = box->y1 - box->y0;
    if (lines.empty() ||
        std::abs(centre_y(*box) - (lines.back().y0 + lines.back().y1) / 2) > 0.3 * height) {
      lines.push_back({box->y0, box->y1, {}});
    }
    Line& line = lines.back();
    line.y0 = std::min(line.y0, box->y0);
    line.y1 = std::max(line.y1, box->y1);
    line.boxes.push_back(box);
  }
  for (Line& line : lines) {
    std::sort(line.boxes.begin(), line.boxes.end(),
              [](const Box* a, const Box* b) { return a->x0 < b->x0; });
  }
  return lines;
}

bool spaced(const Box& left, const Box& right) {
  return left.space_after || right.x0 - left.x1 > kSpaceGap * std::max(left.font_size, 1.0);
}

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A cell's words as one text: its lines run together, as the cell's wraps
// are the table's, not the author's. A wrap takes a space only between two
// ASCII words; digits broken over lines (`2025年9月3` / `0日前`) are one number.
std::string cell_text(const std::vector<const Box*>& boxes) {
  std::string text;
  for (const Line& line : printed_lines(boxes)) {
    for (std::size_t i = 0; i < line.boxes.size(); ++i) {
      const std::string& word = line.boxes[i]->text;
      const bool space = i == 0
                             ? is_ascii_letter(last_char(text)) && is_ascii_letter(first_char(word))
                             : spaced(*line.boxes[i - 1], *line.boxes[i]);
      append_word(text, word, space);
    }
  }
  return text;
}

// A line outside every cell; wide gaps become tabs (an unruled table).
std::string free_line_text(const Line& line) {
  std::string text;
  for (std::size_t i = 0; i < line.boxes.size(); ++i) {
    const Box& box = *line.boxes[i];
    if (i > 0) {
      const Box& prev = *line.boxes[i - 1];
      if (box.x0 - prev.x1 > kColumnGap * std::max(prev.font_size, 1.0)) {
        text += '\t';
        text += box.text;
        continue;
      }
    }
    append_word(text, box.text, i > 0 && spaced(*line.boxes[i - 1], box));
  }
  return text;
}

bool covers(const Rule& rule, double along) {
  return rule.from - kSame <= along && along <= rule.to + kSame;
}

// The nearest rule before (`before`) or after `at`, among those that cross
// the perpendicular line through `along`.
// The nearest rule before (`before`) or after `at` among those that cross
// the perpendicular line through `along`. Rules are sorted by `at`, so the
// search walks out from `at` and stops at the first that crosses: a page's
// words times its rules would be too many to try each.
const Rule* nearest_rule(const std::vector<Rule>& rules, double at, double along, bool before) {
  auto from = std::lower_bound(rules.begin(), rules.end(), at,
                               [](const Rule& r, double v) { return r.at < v; });
  if (before) {
    for (auto it = std::make_reverse_iterator(from); it != rules.rend(); ++it) {
      if (it->at < at && covers(*it, along)) return &*it;
    }
    return nullptr;
  }
  for (auto it = from; it != rules.end(); ++it) {
    if (it->at > at && covers(*it, along)) return &*it;
  }
  return nullptr;
}

std::optional<double> nearest(const std::vector<Rule>& rules, double at, double along,
                              bool before) {
  const Rule* rule = nearest_rule(rules, at, along, before);
  return rule ? std::optional<double>(rule->at) : std::nullopt;
}

struct Cell {
  double top = 0, bottom = 0, left = 0, right = 0;
  std::vector<const Box*> boxes;
};

// Cells keyed by their sides, in tenths of a point.
using CellKey = std::tuple<long, long, long, long>;

long tenths(double v) { return std::lround(v * 10); }

std::optional<Cell> enclosing_cell(const Page& page, const Box& box) {
  const double cx = centre_x(box), cy = centre_y(box);
  auto top = nearest(page.horizontal, cy, cx, true);
  auto bottom = nearest(page.horizontal, cy, cx, false);
  const Rule* left = nearest_rule(page.vertical, cx, cy, true);
  const Rule* right = nearest_rule(page.vertical, cx, cy, false);
  if (!left || !right) return std::nullopt;
  // A cell cut by the page's end (a table that goes on overleaf, drawn
  // without a closing rule) ends where its sides end.
  if (!top) top = std::max(left->from, right->from);
  if (!bottom) bottom = std::min(left->to, right->to);
  if (*top >= cy || *bottom <= cy) return std::nullopt;
  return Cell{*top, *bottom, left->at, right->at, {}};
}

// A line of the page: a table row (its cells) or a line of other text.
struct Item {
  double y = 0;
  std::string text;                // other text
  std::vector<std::string> cells;  // a table row, when not empty
};

std::string joined(const std::vector<std::string>& cells) {
  std::string text;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) text += '\t';
    text += cells[i];
  }
  return text;
}

// One table row: the cells whose top side is `top`, in the columns the
// vertical rules just below it mark out. A column taken by a cell from a row
// above (a merged cell) or by nothing is a blank cell.
std::vector<std::string> row_cells(const Page& page, double top,
                                   const std::vector<const Cell*>& starting) {
  std::vector<double> sides;
  for (const Rule& rule : page.vertical) {
    if (covers(rule, top + kSame + 0.5)) sides.push_back(rule.at);
  }
  std::sort(sides.begin(), sides.end());
  // Sides closer than the narrowest column (a digit and its padding) are
  // one: a drawn rule and the gap beside it, or gaps of two rows placed a
  // little apart.
  sides.erase(std::unique(sides.begin(), sides.end(),
                          [](double a, double b) { return b - a < kNarrowestColumn; }),
              sides.end());
  std::vector<std::string> slots(sides.size() > 1 ? sides.size() - 1 : 0);
  std::vector<const Cell*> unplaced;
  for (const Cell* cell : starting) {
    const double cx = (cell->left + cell->right) / 2;
    auto after = std::upper_bound(sides.begin(), sides.end(), cx);
    if (after == sides.begin() || after == sides.end()) {
      unplaced.push_back(cell);
      continue;
    }
    std::string& slot = slots[static_cast<std::size_t>(after - sides.begin() - 1)];
    append_word(slot, cell_text(cell->boxes), true);
  }
  for (const Cell* cell : unplaced) slots.push_back(cell_text(cell->boxes));
  return slots;
}

// Overlap of two rules' extents, as a share of the shorter one.
double overlap(const Rule& a, const Rule& b) {
  const double shared = std::min(a.to, b.to) - std::max(a.from, b.from);
  return shared / std::max(std::min(a.to - a.from, b.to - b.from), 1e-9);
}

// Rules sorted by `at`: a rule that runs beside the one before it, a few
// points away and along most of its length, is the same border drawn double.
std::vector<Rule> join_doubles(std::vector<Rule> rules) {
  std::vector<Rule> joined;
  for (const Rule& rule : rules) {
    bool twin = false;
    for (auto it = joined.rbegin(); it != joined.rend() && rule.at - it->at <= kDoubleGap; ++it) {
      if (overlap(*it, rule) >= 0.8) {
        it->from = std::min(it->from, rule.from);
        it->to = std::max(it->to, rule.to);
        twin = true;
        break;
      }
    }
    if (!twin) joined.push_back(rule);
  }
  return joined;
}

// The stretch between two horizontal rules that holds some words, where no
// drawn vertical line divides it: a row of a table ruled only across (row
// rules, or a frame without inner lines). `left`/`right` are where its
// rules begin and end.
struct Band {
  double top = 0, bottom = 0, left = 0, right = 0;
  std::vector<const Box*> boxes;
};

// How far in from a band's ends a vertical rule must be to divide it (a
// frame's line, double or thick, sits at the ends).
constexpr double kFrameSlack = 4.0;
// A gutter narrower than this (points) is a space between words, not
// between columns.
constexpr double kMinGutter = 3.0;

std::vector<Band> unruled_bands(const Page& page) {
  std::map<std::pair<long, long>, Band> by_rules;
  for (const Box& box : page.boxes) {
    const Rule* top = nearest_rule(page.horizontal, centre_y(box), centre_x(box), true);
    const Rule* bottom = nearest_rule(page.horizontal, centre_y(box), centre_x(box), false);
    if (!top || !bottom) continue;
    Band& band = by_rules[{tenths(top->at), tenths(bottom->at)}];
    band.top = top->at;
    band.bottom = bottom->at;
    band.left = std::max(top->from, bottom->from);
    band.right = std::min(top->to, bottom->to);
    band.boxes.push_back(&box);
  }
  std::vector<Band> bands;
  for (auto& entry : by_rules) {
    Band& band = entry.second;
    const double mid = (band.top + band.bottom) / 2;
    const bool divided =
        std::any_of(page.vertical.begin(), page.vertical.end(), [&](const Rule& r) {
          return covers(r, mid) && r.at > band.left + kFrameSlack &&
                 r.at < band.right - kFrameSlack;
        });
    if (!divided) bands.push_back(std::move(band));
  }
  return bands;
}

// Bands that touch or overlap top to bottom: one table's rows.
std::vector<std::vector<const Band*>> blocks_of(const std::vector<Band>& bands) {
  std::vector<const Band*> sorted;
  for (const Band& band : bands) sorted.push_back(&band);
  std::sort(sorted.begin(), sorted.end(),
            [](const Band* a, const Band* b) { return a->top < b->top; });
  std::vector<std::vector<const Band*>> blocks;
  double reach = 0;
  for (const Band* band : sorted) {
    if (blocks.empty() || band->top > reach + kSame) blocks.emplace_back();
    blocks.back().push_back(band);
    reach = blocks.back().size() == 1 ? band->bottom : std::max(reach, band->bottom);
  }
  return blocks;
}

bool crosses(const Band& band, double x) {
  return std::any_of(band.boxes.begin(), band.boxes.end(),
                     [&](const Box* b) { return b->x0 < x && x < b->x1; });
}

// An x-interval of a band that no word covers, with words on both sides.
struct Strip {
  double from = 0, to = 0;
};

// The band's gaps between words, over all its printed lines: a cell's
// wrapped lines cover its column, so what stays free runs between columns.
std::vector<Strip> free_strips(const Band& band) {
  std::vector<std::pair<double, double>> spans;
  for (const Box* b : band.boxes) spans.emplace_back(b->x0, b->x1);
  std::sort(spans.begin(), spans.end());
  std::vector<Strip> strips;
  double reach = spans.empty() ? 0 : spans.front().second;
  for (std::size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].first - reach >= kMinGutter) strips.push_back({reach, spans[i].first});
    reach = std::max(reach, spans[i].second);
  }
  return strips;
}

double font_size_of(const Band& band) {
  std::vector<double> sizes;
  for (const Box* b : band.boxes) sizes.push_back(b->font_size);
  std::nth_element(sizes.begin(), sizes.begin() + static_cast<long>(sizes.size() / 2), sizes.end());
  return std::max(sizes[sizes.size() / 2], 1.0);
}

// Column gutters of a block of bands: where gaps between words line up in
// at least two bands, found from where the words sit, not from any width
// (as pdfplumber's text strategy finds columns from aligned words). Each is
// the middle of the stretch where the most bands agree.
std::vector<double> gutters(const std::vector<const Band*>& block,
                            const std::vector<std::vector<Strip>>& strips) {
  double x0 = 1e300, x1 = -1e300;
  for (const Band* band : block) {
    for (const Box* b : band->boxes) {
      x0 = std::min(x0, b->x0);
      x1 = std::max(x1, b->x1);
    }
  }
  // Words are on the page, and no page is wider than 14,400 pt; a wider
  // spread is not a table's.
  if (x1 <= x0 || x1 - x0 > kMaxSpread || block.size() < 2) return {};
  constexpr double step = 0.5;
  const auto n = static_cast<std::size_t>((x1 - x0) / step) + 1;
  auto index = [&](double x) {
    return static_cast<std::size_t>(std::clamp((x - x0) / step, 0.0, static_cast<double>(n - 1)));
  };
  std::vector<int> support(n, 0);  // bands with a gap over each x
  for (const auto& band_strips : strips) {
    for (const Strip& s : band_strips) {
      for (std::size_t i = index(s.from) + 1; i < index(s.to); ++i) ++support[i];
    }
  }
  std::vector<int> crossed(n, 0);  // dividing bands with a word over each x
  std::vector<int> covered(n, 0);  // any band with a word over each x
  std::vector<int> before(n, 0);   // words that end left of each x
  for (std::size_t k = 0; k < block.size(); ++k) {
    for (const Box* b : block[k]->boxes) ++before[std::min(n - 1, index(b->x1) + 1)];
    std::vector<bool> mine(n, false);
    for (const Box* b : block[k]->boxes) {
      for (std::size_t i = index(b->x0) + 1; i < index(b->x1); ++i) mine[i] = true;
    }
    for (std::size_t i = 0; i < n; ++i) {
      covered[i] += mine[i] ? 1 : 0;
      // A band with no gap at all (a wrapped cell's later lines) says
      // nothing about where rows divide.
      crossed[i] += mine[i] && !strips[k].empty() ? 1 : 0;
    }
  }
  for (std::size_t i = 1; i < n; ++i) before[i] += before[i - 1];
  // A gutter: where rows have gaps that line up and few words cross (a cell
  // merged across columns does; so does a long text in a column whose other
  // cells are short, which is why crossings must be rare, not absent); or a
  // stretch no word crosses at all, with words on both sides
  // (columns whose cells are seldom on one line: merged labels). Its place
  // is the middle of the stretch where the most rows agree.
  const int words = before[n - 1];
  auto agreed = [&](std::size_t i) {
    return (support[i] >= 2 && 4 * crossed[i] < support[i]) ||
           (covered[i] == 0 && support[i] >= 1 && before[i] > 0 && before[i] < words);
  };
  std::vector<double> found;
  for (std::size_t i = 0; i < n;) {
    if (!agreed(i)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    int best = 0;
    while (end < n && agreed(end)) best = std::max(best, support[end++]);
    std::size_t from = i;
    while (support[from] < best) ++from;
    std::size_t to = from;
    while (to < end && support[to] == best) ++to;
    const bool wide = static_cast<double>(end - i) * step >= kMinGutter;
    if (best >= 2 || wide) found.push_back(x0 + step * static_cast<double>(from + to - 1) / 2);
    i = end;
  }
  // A column is where words begin: a gutter with words beginning in fewer
  // than two rows between it and the next lies inside a column (the gaps
  // after its short texts; a centred column header).
  for (std::size_t k = found.size(); k-- > 0;) {
    const double next = k + 1 < found.size() ? found[k + 1] : 1e300;
    int rows = 0;
    for (const Band* band : block) {
      rows += std::any_of(band->boxes.begin(), band->boxes.end(),
                          [&](const Box* b) { return b->x0 > found[k] && b->x0 < next; })
                  ? 1
                  : 0;
    }
    if (rows < 2) found.erase(found.begin() + static_cast<long>(k));
  }
  return found;
}

// The band's printed lines, each as a band of its own.
std::vector<Band> line_bands(const std::vector<Line>& lines) {
  std::vector<Band> bands;
  for (const Line& line : lines) bands.push_back({line.y0, line.y1, 0, 0, line.boxes});
  return bands;
}

std::vector<double> line_gutters(const std::vector<Band>& bands) {
  std::vector<const Band*> block;
  std::vector<std::vector<Strip>> strips;
  for (const Band& band : bands) {
    block.push_back(&band);
    strips.push_back(free_strips(band));
  }
  return gutters(block, strips);
}

// Whether a band between two rules holds several rows of a table, not one
// (rules only above and below a table, or under its header): three or more
// lines divided at a gutter they share. (One row's cells seldom wrap to
// three lines side by side: a long name's value is one line.)
bool holds_rows(const Band& band) {
  const std::vector<Line> lines = printed_lines(band.boxes);
  if (lines.size() < 4) return false;
  const std::vector<Band> bands = line_bands(lines);
  const std::vector<double> columns = line_gutters(bands);
  if (columns.empty()) return false;
  int divided = 0;  // lines with words on both sides of a gutter
  for (const Band& line : bands) {
    int sides = 0;
    for (double x : columns) {
      const bool left = std::any_of(line.boxes.begin(), line.boxes.end(),
                                    [&](const Box* b) { return b->x1 <= x; });
      const bool right = std::any_of(line.boxes.begin(), line.boxes.end(),
                                     [&](const Box* b) { return b->x0 >= x; });
      sides += left && right && !crosses(line, x) ? 1 : 0;
    }
    divided += sides >= 1 ? 1 : 0;
  }
  return divided >= 3;
}

}  // namespace

std::vector<Rule> text_sides(const Page& given) {
  Page page = given;  // rules in order of place, for nearest_rule()
  auto by_place = [](const Rule& a, const Rule& b) { return a.at < b.at; };
  std::sort(page.horizontal.begin(), page.horizontal.end(), by_place);
  std::sort(page.vertical.begin(), page.vertical.end(), by_place);
  std::vector<Rule> sides;
  const std::vector<Band> bands = unruled_bands(page);
  for (const auto& block : blocks_of(bands)) {
    // A table whose rules do not separate its rows is read as unruled.
    if (std::any_of(block.begin(), block.end(), [](const Band* b) { return holds_rows(*b); }))
      continue;
    std::vector<std::vector<Strip>> strips;
    for (const Band* band : block) strips.push_back(free_strips(*band));
    const std::vector<double> columns = gutters(block, strips);
    for (std::size_t k = 0; k < block.size(); ++k) {
      const Band& band = *block[k];
      std::vector<Rule> own;
      // A gap on a gutter that other rows share divides cells; so does a gap
      // of its own wide enough that no space between words is that wide.
      const double wide = kColumnGap * font_size_of(band);
      for (const Strip& strip : strips[k]) {
        bool placed = false;
        for (double x : columns) {
          if (strip.from < x && x < strip.to) {
            own.push_back({x, band.top, band.bottom});
            placed = true;
          }
        }
        if (!placed && strip.to - strip.from >= wide)
          own.push_back({(strip.from + strip.to) / 2, band.top, band.bottom});
      }
      // A band alone is text between rules (a title between two tables) or
      // the ruled-off head of a table whose body has no rules: its words
      // are read with the lines around them.
      if (block.size() == 1) continue;
      // Empty stretches on a gutter (a blank cell) are divided too.
      for (double x : columns) {
        const bool in_strip = std::any_of(strips[k].begin(), strips[k].end(),
                                          [&](const Strip& s) { return s.from < x && x < s.to; });
        if (!in_strip && !crosses(band, x) && x > band.left && x < band.right)
          own.push_back({x, band.top, band.bottom});
      }
      // The band's own ends, where no frame is drawn.
      const double mid = (band.top + band.bottom) / 2;
      for (double end : {band.left, band.right}) {
        const bool drawn = std::any_of(
            page.vertical.begin(), page.vertical.end(),
            [&](const Rule& r) { return covers(r, mid) && std::abs(r.at - end) <= kFrameSlack; });
        if (!drawn) own.push_back({end, band.top, band.bottom});
      }
      sides.insert(sides.end(), own.begin(), own.end());
    }
  }
  return sides;
}

double measured_size(std::string_view text, double width) {
  double ems = 0;
  int characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    ems += is_wide(decode_at(text, i)) ? 1.0 : 0.5;
    ++characters;
  }
  return characters >= 2 ? width / ems : 0;
}

std::vector<Rule> merge_rules(std::vector<Rule> rules, double min_length) {
  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) {
    return a.at != b.at ? a.at < b.at : a.from < b.from;
  });
  std::vector<Rule> merged;
  for (const Rule& rule : rules) {
    bool joined = false;
    for (auto it = merged.rbegin(); it != merged.rend() && rule.at - it->at <= kSame; ++it) {
      if (rule.from <= it->to + kSame && it->from <= rule.to + kSame) {
        it->from = std::min(it->from, rule.from);
        it->to = std::max(it->to, rule.to);
        joined = true;
        break;
      }
    }
    if (!joined) merged.push_back(rule);
  }
  std::erase_if(merged, [&](const Rule& r) { return r.to - r.from < min_length; });
  return join_doubles(std::move(merged));
}

namespace {

// ---------------------------------------------------------------- unruled
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

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2),
                   values.end());
  return values[values.size() / 2];
}

class UnruledTable {
 public:
  UnruledTable(const std::vector<Line>& lines, const std::vector<double>& gutters)
      : lines_(lines), gutters_(gutters), columns_(gutters.size() + 1) {
    split_into_columns();
    std::vector<double> sizes;
    for (const Line& line : lines_) {
      for (const Box* b : line.boxes) sizes.push_back(b->font_size);
    }
    size_ = std::max(median(sizes), 1.0);
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
    for (std::size_t c = first_data - 1; c == first_data - 1; ++c) {
      for (const Run& run : runs_by_column[c]) {
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
            box->x0 - previous[c]->x1 > kColumnGap * std::max(previous[c]->font_size, 1.0))
          texts[c] += '\t';
        else
          append_word(texts[c], box->text, previous[c] && spaced(*previous[c], *box));
        if (texts[c].ends_with('\t')) texts[c] += box->text;
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

// Loose lines (outside every cell) in runs that no table row or wide gap
// interrupts; where a run's lines share column gutters, it is read as an
// unruled table, otherwise line by line.
std::vector<Item> loose_items(const std::vector<Line>& lines, const std::vector<Item>& rows) {
  std::vector<Item> items;
  std::vector<double> sizes;
  for (const Line& line : lines) {
    for (const Box* b : line.boxes) sizes.push_back(b->font_size);
  }
  // Word boxes are as tall as the font's ascent and descent, which CJK fonts
  // make much taller than the type: gaps are measured from the centres.
  const double size = std::max(median(sizes), 1.0);
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

// The page's lines, top to bottom: table rows with their cells, and lines
// of other text.
std::vector<Item> page_items(const Page& drawn) {
  // Sides the page does not draw but its text shows (tables with row rules
  // only, or a frame without inner lines) join the drawn ones.
  Page page = drawn;
  auto by_place = [](const Rule& a, const Rule& b) { return a.at < b.at; };
  std::sort(page.horizontal.begin(), page.horizontal.end(), by_place);
  std::sort(page.vertical.begin(), page.vertical.end(), by_place);
  std::vector<Rule> shown = text_sides(page);
  page.vertical.insert(page.vertical.end(), shown.begin(), shown.end());
  std::sort(page.vertical.begin(), page.vertical.end(), by_place);
  std::map<CellKey, Cell> cells;
  std::vector<const Box*> loose;
  for (const Box& box : page.boxes) {
    auto cell = enclosing_cell(page, box);
    if (!cell) {
      loose.push_back(&box);
      continue;
    }
    Cell& slot = cells
                     .try_emplace({tenths(cell->top), tenths(cell->left), tenths(cell->bottom),
                                   tenths(cell->right)},
                                  *cell)
                     .first->second;
    slot.boxes.push_back(&box);
  }
  std::map<long, std::vector<const Cell*>> rows;  // by top side
  for (const auto& [key, cell] : cells) rows[std::get<0>(key)].push_back(&cell);

  std::vector<Item> items;
  for (const auto& [top, starting] : rows) {
    const double y = starting.front()->top;
    items.push_back({y, "", row_cells(page, y, starting)});
    if (items.back().cells.empty()) items.back().cells.emplace_back();
  }
  for (Item& item : loose_items(printed_lines(loose), items)) items.push_back(std::move(item));
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.y < b.y; });
  return items;
}

bool is_row(const Item& item) { return !item.cells.empty(); }

// Whether `next`, the first row of a page, is the rest of `last`, the last
// row of the page before, cut by the page break: the same columns, text
// only where `last` has text, and its last cell (the value, complete on the
// first page) empty where `last` has one. A new row fills its last cell.
bool continues(const Item& last, const Item& next) {
  if (last.cells.size() != next.cells.size() || last.cells.size() < 2) return false;
  if (!next.cells.back().empty() || last.cells.back().empty()) return false;
  bool any = false;
  for (std::size_t i = 0; i < next.cells.size(); ++i) {
    if (next.cells[i].empty()) continue;
    if (last.cells[i].empty()) return false;
    any = true;
  }
  return any;
}

}  // namespace

std::vector<std::string> page_lines(const Page& page) {
  std::vector<std::string> lines;
  for (const Item& item : page_items(page))
    lines.push_back(is_row(item) ? joined(item.cells) : item.text);
  return lines;
}

std::vector<std::string> document_lines(const std::vector<Page>& pages) {
  std::vector<std::vector<Item>> items;
  for (const Page& page : pages) items.push_back(page_items(page));
  // A row cut by a page break is joined back: its cells' text goes on from
  // the last row of one page into the first row of the next.
  for (std::size_t p = 1; p < items.size(); ++p) {
    auto last = std::find_if(items[p - 1].rbegin(), items[p - 1].rend(), is_row);
    auto next = std::find_if(items[p].begin(), items[p].end(), is_row);
    if (last == items[p - 1].rend() || next == items[p].end() || !continues(*last, *next)) continue;
    for (std::size_t i = 0; i < next->cells.size(); ++i)
      append_word(last->cells[i], next->cells[i], false);
    items[p].erase(next);
  }
  std::vector<std::string> lines;
  for (const auto& page : items) {
    for (const Item& item : page) lines.push_back(is_row(item) ? joined(item.cells) : item.text);
    lines.push_back("\f");
  }
  return lines;
}

}  // namespace jixiao::pdf
