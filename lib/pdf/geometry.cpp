#include "pdf/geometry.h"

#include <algorithm>
#include <cmath>

namespace jixiao::pdf::detail {
namespace {

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

}  // namespace

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

std::string joined(const std::vector<std::string>& cells) {
  std::string text;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) text += '\t';
    text += cells[i];
  }
  return text;
}

bool crosses(const Band& band, double x) {
  return std::any_of(band.boxes.begin(), band.boxes.end(),
                     [&](const Box* b) { return b->x0 < x && x < b->x1; });
}

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

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2),
                   values.end());
  return values[values.size() / 2];
}

double type_size(const std::vector<const Box*>& boxes) {
  std::vector<double> sizes;
  for (const Box* b : boxes) sizes.push_back(b->font_size);
  return std::max(median(std::move(sizes)), 1.0);
}

double type_size(const std::vector<Line>& lines) {
  std::vector<const Box*> boxes;
  for (const Line& line : lines) boxes.insert(boxes.end(), line.boxes.begin(), line.boxes.end());
  return type_size(boxes);
}

}  // namespace jixiao::pdf::detail
