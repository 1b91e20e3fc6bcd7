// Cutting a sequence into consecutive runs, one run for each of a list of
// groups in order (a run may be empty), at the least total cost: a small
// dynamic programme the space-aligned readers use to give a column's cells
// to the rows they are centred on, and a header's values to their labels.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace jixiao::source {

// Which group each of `items` items goes to: items [a, b) to group r cost
// `cost(r, a, b)` (0 for an empty run is the caller's to say), runs of at
// most `longest` items. Returns the group of each item; O(groups × items ×
// longest) calls of `cost`.
template <typename Cost>
std::vector<std::size_t> ordered_runs(std::size_t items, std::size_t groups, std::size_t longest,
                                      const Cost& cost) {
  std::vector<std::size_t> out(items, 0);
  if (items == 0 || groups == 0) return out;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> best(groups + 1, std::vector<double>(items + 1, kInf));
  std::vector<std::vector<std::size_t>> from(groups + 1, std::vector<std::size_t>(items + 1, 0));
  best[0][0] = 0;
  for (std::size_t r = 1; r <= groups; ++r) {
    for (std::size_t i = 0; i <= items; ++i) {
      const std::size_t lowest = i > longest ? i - longest : 0;
      for (std::size_t a = lowest; a <= i; ++a) {
        if (best[r - 1][a] == kInf) continue;
        const double c = best[r - 1][a] + cost(r - 1, a, i);
        if (c < best[r][i]) {
          best[r][i] = c;
          from[r][i] = a;
        }
      }
    }
  }
  std::size_t i = items;
  for (std::size_t r = groups; r > 0; --r) {
    const std::size_t a = from[r][i];
    for (std::size_t v = a; v < i; ++v) out[v] = r - 1;
    i = a;
  }
  return out;
}

}  // namespace jixiao::source
