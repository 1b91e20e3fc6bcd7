#include "pdf/layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>

#include "pdf/geometry.h"

namespace jixiao::pdf {

using namespace detail;

namespace {

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

// How far in from a band's ends a vertical rule must be to divide it (a
// frame's line, double or thick, sits at the ends).
constexpr double kFrameSlack = 4.0;

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

// Rules in order of place, as nearest_rule() wants them.
void sort_by_place(std::vector<Rule>& rules) {
  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.at < b.at; });
}

Page with_rules_in_order(const Page& given) {
  Page page = given;
  sort_by_place(page.horizontal);
  sort_by_place(page.vertical);
  return page;
}

// text_sides() of a page whose rules are in order of place.
std::vector<Rule> sides_shown_by_text(const Page& page) {
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
      const double wide = kColumnGap * type_size(band.boxes);
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

}  // namespace

std::vector<Rule> text_sides(const Page& page) {
  return sides_shown_by_text(with_rules_in_order(page));
}

double measured_size(std::string_view text, double width) {
  double ems = 0;
  int characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    ems += is_wide(first_char(text.substr(i))) ? 1.0 : 0.5;
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

// The page's lines, top to bottom: table rows with their cells, and lines
// of other text.
std::vector<Item> page_items(const Page& drawn) {
  // Sides the page does not draw but its text shows (tables with row rules
  // only, or a frame without inner lines) join the drawn ones.
  Page page = with_rules_in_order(drawn);
  std::vector<Rule> shown = sides_shown_by_text(page);
  page.vertical.insert(page.vertical.end(), shown.begin(), shown.end());
  sort_by_place(page.vertical);
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
