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
std::optional<double> nearest(const std::vector<Rule>& rules, double at, double along,
                              bool before) {
  std::optional<double> best;
  for (const Rule& rule : rules) {
    if (!covers(rule, along)) continue;
    if (before ? rule.at < at && (!best || rule.at > *best)
               : rule.at > at && (!best || rule.at < *best)) {
      best = rule.at;
    }
  }
  return best;
}

struct Cell {
  double top = 0, bottom = 0, left = 0, right = 0;
  std::vector<const Box*> boxes;
};

// Cells keyed by their sides, in tenths of a point.
using CellKey = std::tuple<long, long, long, long>;

long tenths(double v) { return std::lround(v * 10); }

const Rule* nearest_rule(const std::vector<Rule>& rules, double at, double along, bool before);

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
  // Sides closer than a narrow column are one (a drawn rule and the gap
  // beside it, or gaps of two rows placed a little apart).
  sides.erase(std::unique(sides.begin(), sides.end(),
                          [](double a, double b) { return b - a < kDoubleGap; }),
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

const Rule* nearest_rule(const std::vector<Rule>& rules, double at, double along, bool before) {
  const Rule* best = nullptr;
  for (const Rule& rule : rules) {
    if (!covers(rule, along)) continue;
    if (before ? rule.at < at && (!best || rule.at > best->at)
               : rule.at > at && (!best || rule.at < best->at)) {
      best = &rule;
    }
  }
  return best;
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
  for (auto& [key, band] : by_rules) {
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
  for (const auto& band_strips : strips) {
    for (const Strip& s : band_strips) {
      x0 = std::min(x0, s.from);
      x1 = std::max(x1, s.to);
    }
  }
  if (x1 <= x0 || block.size() < 2) return {};
  constexpr double step = 0.5;
  const auto n = static_cast<std::size_t>((x1 - x0) / step) + 1;
  std::vector<int> support(n, 0);  // bands with a gap over each x
  for (const auto& band_strips : strips) {
    for (const Strip& s : band_strips) {
      for (auto i = static_cast<std::size_t>((s.from - x0) / step) + 1;
           i < n && x0 + static_cast<double>(i) * step < s.to; ++i)
        ++support[i];
    }
  }
  std::vector<int> crossed(n, 0);  // bands with a word over each x
  for (const Band* band : block) {
    std::vector<bool> mine(n, false);
    for (const Box* b : band->boxes) {
      for (auto i = static_cast<std::size_t>(std::max(0.0, (b->x0 - x0) / step + 1));
           i < n && x0 + static_cast<double>(i) * step < b->x1; ++i)
        mine[i] = true;
    }
    for (std::size_t i = 0; i < n; ++i) crossed[i] += mine[i] ? 1 : 0;
  }
  // A gutter: where rows have gaps that line up and few words cross (a cell
  // merged across columns does; so does a long text in a column whose other
  // cells are short, which is why crossings must be rare, not absent). Its
  // place is the middle of the stretch where the most rows agree.
  auto agreed = [&](std::size_t i) { return support[i] >= 2 && 4 * crossed[i] < support[i]; };
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
    found.push_back(x0 + step * static_cast<double>(from + to - 1) / 2);
    i = end;
  }
  return found;
}

}  // namespace

std::vector<Rule> text_sides(const Page& page) {
  std::vector<Rule> sides;
  const std::vector<Band> bands = unruled_bands(page);
  for (const auto& block : blocks_of(bands)) {
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
      // A band alone and undivided is text between rules (a title between
      // two tables), read line by line, not a row.
      if (own.empty() && block.size() == 1) continue;
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

// The page's lines, top to bottom: table rows with their cells, and lines
// of other text.
std::vector<Item> page_items(const Page& drawn) {
  // Sides the page does not draw but its text shows (tables with row rules
  // only, or a frame without inner lines) join the drawn ones.
  Page page = drawn;
  std::vector<Rule> shown = text_sides(drawn);
  page.vertical.insert(page.vertical.end(), shown.begin(), shown.end());
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
  for (const Line& line : printed_lines(loose))
    items.push_back({line.y0, free_line_text(line), {}});
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
