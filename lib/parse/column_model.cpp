// The columns of a space-aligned table.
//
// pdftotext -layout places each word at a character column worked out from
// where it was printed, so a table's columns show as words that start near
// one place, line after line. Near, not at: a line of wide (CJK) characters
// drifts a place or two from a line of digits, cells may be centred, and
// two columns may be one space apart. So a column's start is not taken from
// a fixed width or from one line: the header names the columns and says
// roughly where each one is; the body's words then say where, between two
// headers, one column ends and the next begins (the place fewest words
// cross).
#include "parse/column_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>

#include "normalize/normalize.h"
#include "source/input.h"

namespace jixiao::parse {

void append_piece(std::string& text, std::string_view piece) {
  if (piece.empty()) return;
  if (!text.empty() && !normalize::cjk_on_both_sides(text, piece)) text += ' ';
  text += piece;
}

std::vector<GridColumn> header_columns(const std::vector<const tokenize::Row*>& band,
                                       const std::function<bool(std::string_view)>& is_label) {
  struct Placed {
    const tokenize::Word* word;
    int line;
  };
  std::vector<Placed> words;
  for (const tokenize::Row* row : band) {
    for (const auto& word : row->words) words.push_back({&word, row->line});
  }
  std::stable_sort(words.begin(), words.end(), [](const Placed& a, const Placed& b) {
    return a.word->column < b.word->column;
  });
  // Words that overlap, left to right, are one header cell.
  std::vector<std::vector<Placed>> cells;
  int end = std::numeric_limits<int>::min();
  for (const Placed& p : words) {
    if (cells.empty() || p.word->column >= end) cells.emplace_back();
    cells.back().push_back(p);
    end = std::max(end, p.word->end());
  }
  auto column_of_cell = [](std::vector<Placed> cell) {
    std::stable_sort(cell.begin(), cell.end(), [](const Placed& a, const Placed& b) {
      return a.line != b.line ? a.line < b.line : a.word->column < b.word->column;
    });
    GridColumn column;
    column.header_start = std::numeric_limits<int>::max();
    column.header_end = std::numeric_limits<int>::min();
    for (const Placed& p : cell) {
      append_piece(column.header, p.word->text);
      column.header_start = std::min(column.header_start, p.word->column);
      column.header_end = std::max(column.header_end, p.word->end());
    }
    return column;
  };
  std::vector<GridColumn> columns;
  for (const auto& cell : cells) columns.push_back(column_of_cell(cell));
  // `三级 指标`: two pieces that are a label only together.
  for (std::size_t i = 0; i + 1 < columns.size();) {
    std::string joined = columns[i].header;
    append_piece(joined, columns[i + 1].header);
    if (!is_label(columns[i].header) && !is_label(columns[i + 1].header) && is_label(joined)) {
      columns[i].header = joined;
      columns[i].header_end = columns[i + 1].header_end;
      columns.erase(columns.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      continue;
    }
    ++i;
  }
  for (auto& column : columns) column.left = column.anchor = column.header_start;
  return columns;
}

namespace {

// Whether a word begins a cell's text: first on its line, or two spaces or
// more after the word before (`previous_end`), and closing no bracket
// (`指标）` ends a cell above).
bool begins_cell_text(const tokenize::Word& word, int previous_end) {
  return word.column - previous_end >= 2 && !source::closes_bracket(word.text);
}

// Where a table's words stand, place by place.
struct Profile {
  // cut[x]: words that a column beginning at x would cut in two.
  std::vector<int> cut;
  // lead[x]: words that begin a cell's text at x (first on their line, or
  // two spaces or more after the word before: not a word inside a cell; nor
  // one that closes a bracket).
  std::vector<int> lead;
  // start[x]: every word that begins at x (a cell one space after the one
  // before is among them).
  std::vector<int> start;

  Profile(const std::vector<const tokenize::Row*>& body, int width) {
    for (const auto* row : body) {
      for (const auto& word : row->words) width = std::max(width, word.end());
    }
    cut.assign(static_cast<std::size_t>(width) + 4, 0);
    lead.assign(static_cast<std::size_t>(width) + 4, 0);
    start.assign(static_cast<std::size_t>(width) + 4, 0);
    for (const auto* row : body) {
      int previous_end = std::numeric_limits<int>::min() / 2;
      for (const auto& word : row->words) {
        if (begins_cell_text(word, previous_end)) ++lead[static_cast<std::size_t>(word.column)];
        ++start[static_cast<std::size_t>(word.column)];
        previous_end = word.end();
        for (int x = word.column + 1; x < word.end(); ++x) ++cut[static_cast<std::size_t>(x)];
      }
    }
  }
  int cut_at(int x) const { return x >= 0 && x < size() ? cut[static_cast<std::size_t>(x)] : 0; }
  int lead_at(int x) const { return x >= 0 && x < size() ? lead[static_cast<std::size_t>(x)] : 0; }
  int start_at(int x) const {
    return x >= 0 && x < size() ? start[static_cast<std::size_t>(x)] : 0;
  }
  int size() const { return static_cast<int>(cut.size()); }
};

}  // namespace

// The left end of the widest run of fewest cuts in [lo, hi].
int widest_gutter(const Profile& profile, int lo, int hi) {
  int best_cut = std::numeric_limits<int>::max();
  for (int x = lo; x <= hi; ++x) best_cut = std::min(best_cut, profile.cut_at(x));
  int best_run = 0, left = lo;
  for (int x = lo; x <= hi;) {
    if (profile.cut_at(x) != best_cut) {
      ++x;
      continue;
    }
    int end = x;
    while (end <= hi && profile.cut_at(end) == best_cut) ++end;
    if (end - x > best_run) {
      best_run = end - x;
      left = x;
    }
    x = end;
  }
  return left;
}

namespace {

// Where cells begin on a page: places where words start, a place or two
// apart, weighed by how many begin a cell for sure (first on their line, or
// after a gap) and, less, by the others.
struct Cluster {
  int at = 0, last = 0;  // the places it spans
  double weight = 0;
  int cells = 0;  // cells that begin here (not words one space into a cell)
};

std::vector<Cluster> clusters_of(const Profile& profile) {
  std::vector<Cluster> clusters;
  for (int x = 0; x < profile.size(); ++x) {
    const double weight = profile.lead_at(x) + 0.25 * (profile.start_at(x) - profile.lead_at(x));
    if (weight == 0) continue;
    if (clusters.empty() || x - clusters.back().at > 2) clusters.push_back({x, x, 0});
    clusters.back().weight += weight;
    clusters.back().cells += profile.lead_at(x);
    clusters.back().last = x;
  }
  return clusters;
}

// The text of each cell that begins on a line (begins_cell_text), by where
// it begins.
std::vector<std::pair<int, std::string>> cell_starts(
    const std::vector<const tokenize::Row*>& body) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto* row : body) {
    int previous_end = std::numeric_limits<int>::min() / 2;
    for (const auto& word : row->words) {
      if (begins_cell_text(word, previous_end)) out.emplace_back(word.column, std::string());
      if (!out.empty()) append_piece(out.back().second, word.text);
      previous_end = word.end();
    }
  }
  return out;
}

// Columns 1..n-1 each at a cluster, in order, near where `stretch * anchor +
// shift` puts them (a distance counted in the page before's places); a
// cluster of few cells is a weaker start. Column 0 begins at the line's start.
// Every cluster's cells are then in some column: how badly they fit it
// (`misfits[column][cluster]`) counts too.
struct Assignment {
  std::vector<std::size_t> cluster;  // per column; column 0 unused
  double cost = std::numeric_limits<double>::infinity();
  double stretch = 1, shift = 0;
};

Assignment assign(const std::vector<double>& anchors, const std::vector<Cluster>& clusters,
                  const std::vector<std::vector<double>>& misfits, double stretch, double shift) {
  const std::size_t n = anchors.size(), m = clusters.size();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // (A place off where the page before puts the column counts half: pdftotext
  // narrows each gap between columns by what the page's lines need, so the
  // stretch is only roughly one for the whole line. Cells that cannot be the
  // column's cost it as much as six places.)
  constexpr double kPlace = 0.5, kMisfitCost = 3.0;
  Assignment out;
  if (n < 2 || m < n - 1) return out;
  // inside[i][j]: the misfit of clusters 0..j-1 in column i.
  std::vector<std::vector<double>> inside(n, std::vector<double>(m + 1, 0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < m; ++j)
      inside[i][j + 1] = inside[i][j] + kMisfitCost * misfits[i][j];
  }
  auto within = [&](std::size_t column, std::size_t from, std::size_t to) {
    return from < to ? inside[column][to] - inside[column][from] : 0.0;
  };
  // best[i][j]: columns 1..i placed, column i at cluster j, the clusters
  // before j each in its column.
  std::vector<std::vector<double>> best(n, std::vector<double>(m, kInf));
  std::vector<std::vector<std::size_t>> from(n, std::vector<std::size_t>(m, 0));
  for (std::size_t i = 1; i < n; ++i) {
    for (std::size_t j = i - 1; j < m; ++j) {
      const Cluster& c = clusters[j];
      // (A place where no cell begins, only words inside cells, is no start.)
      const double cost = kPlace * std::abs(c.at - (stretch * anchors[i] + shift)) / stretch +
                          3.0 / c.weight + kMisfitCost * (c.cells > 0 ? misfits[i][j] : 1.0);
      if (i == 1) {
        best[i][j] = within(0, 0, j) + cost;
        continue;
      }
      for (std::size_t k = i - 2; k < j; ++k) {
        if (best[i - 1][k] == kInf) continue;
        const double total = best[i - 1][k] + within(i - 1, k + 1, j) + cost;
        if (total < best[i][j]) {
          best[i][j] = total;
          from[i][j] = k;
        }
      }
    }
  }
  std::size_t j = 0;
  double least = kInf;
  for (std::size_t k = 0; k < m; ++k) {
    const double total = best[n - 1][k] + within(n - 1, k + 1, m);
    if (total < least) {
      least = total;
      j = k;
    }
  }
  if (least == kInf) return out;
  out.cost = least;
  out.stretch = stretch;
  out.shift = shift;
  out.cluster.assign(n, 0);
  for (std::size_t i = n - 1; i > 0; --i) {
    out.cluster[i] = j;
    j = from[i][j];
  }
  return out;
}

// How badly the cells beginning at each cluster would be each column's: the
// mean of `misfit` over them.
std::vector<std::vector<double>> misfits_of(const std::vector<Cluster>& clusters, std::size_t n,
                                            const std::vector<const tokenize::Row*>& body,
                                            const Misfit& misfit) {
  std::vector<std::vector<double>> out(n, std::vector<double>(clusters.size(), 0));
  if (!misfit) return out;
  const auto starts = cell_starts(body);
  for (std::size_t j = 0; j < clusters.size(); ++j) {
    int cells = 0;
    for (const auto& [x, text] : starts) {
      if (x < clusters[j].at || x > clusters[j].last) continue;
      ++cells;
      for (std::size_t i = 0; i < n; ++i) out[i][j] += misfit(i, text);
    }
    for (std::size_t i = 0; i < n && cells > 0; ++i) out[i][j] /= cells;
  }
  return out;
}

// The stretch and shift of the page before's anchors that put the columns at
// the clusters `fit` chose (least squares), within bounds.
void refit(const std::vector<double>& anchors, const std::vector<Cluster>& clusters,
           const Assignment& fit, double& stretch, double& shift) {
  constexpr double kMinStretch = 0.5, kMaxStretch = 2.0;
  const std::size_t n = anchors.size();
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double k = static_cast<double>(n - 1);
  for (std::size_t i = 1; i < n; ++i) {
    const double x = anchors[i], y = clusters[fit.cluster[i]].at;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double det = k * sxx - sx * sx;
  if (n < 3 || std::abs(det) < 1e-9) return;
  stretch = std::clamp((k * sxy - sx * sy) / det, kMinStretch, kMaxStretch);
  shift = (sy - stretch * sx) / k;
}

// pdftotext lays each page out on its own: a page that lacks a column at its
// left (a label printed on the page before only) or whose lines are shorter
// stands shifted and squeezed against the page before. So: a grid of
// stretches and shifts; of the placings it gives, the few cheapest let
// settle (the stretch and shift that fit the placing, placed again, until
// nothing moves); the cheapest of all, the unmoved page's among them.
Assignment best_assignment(const std::vector<double>& anchors, const std::vector<Cluster>& clusters,
                           const std::vector<std::vector<double>>& misfits) {
  constexpr int kRounds = 6;
  auto settle = [&](double stretch, double shift) {
    Assignment fit = assign(anchors, clusters, misfits, stretch, shift);
    for (int round = 0; round < kRounds && !fit.cluster.empty(); ++round) {
      refit(anchors, clusters, fit, stretch, shift);
      Assignment next = assign(anchors, clusters, misfits, stretch, shift);
      const bool settled = next.cluster == fit.cluster;
      if (next.cost <= fit.cost) fit = std::move(next);
      if (settled) break;
    }
    return fit;
  };
  std::map<std::vector<std::size_t>, Assignment> placings;
  for (int tenths = 5; tenths <= 16; ++tenths) {
    for (int shift = -40; shift <= 40; shift += 2) {
      Assignment fit = assign(anchors, clusters, misfits, tenths / 10.0, shift);
      if (fit.cluster.empty()) continue;
      auto [at, added] = placings.try_emplace(fit.cluster, fit);
      if (!added && fit.cost < at->second.cost) at->second = std::move(fit);
    }
  }
  std::vector<const Assignment*> ranked;
  for (const auto& [key, fit] : placings) ranked.push_back(&fit);
  constexpr std::size_t kSettled = 8;
  const std::size_t settled = std::min(kSettled, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(settled),
                    ranked.end(),
                    [](const Assignment* a, const Assignment* b) { return a->cost < b->cost; });
  Assignment best = settle(1.0, 0.0);
  for (std::size_t k = 0; k < settled; ++k) {
    Assignment fit = settle(ranked[k]->stretch, ranked[k]->shift);
    if (fit.cost < best.cost) best = std::move(fit);
  }
  return best;
}

}  // namespace

std::vector<GridColumn> fit_columns(const std::vector<GridColumn>& previous,
                                    const std::vector<const tokenize::Row*>& body,
                                    const Misfit& misfit) {
  std::vector<GridColumn> out = previous;
  const std::size_t n = previous.size();
  if (n < 2) return out;
  const Profile profile(body, 0);
  const std::vector<Cluster> clusters = clusters_of(profile);
  // (A page of a table has a few dozen places where cells begin; past this
  // the text is no table's, and the page before's columns do.)
  constexpr std::size_t kMaxClusters = 96;
  if (clusters.size() < n - 1 || clusters.size() > kMaxClusters) return out;
  std::vector<double> anchors(n);
  for (std::size_t i = 0; i < n; ++i) anchors[i] = previous[i].anchor;
  const Assignment best = best_assignment(anchors, clusters, misfits_of(clusters, n, body, misfit));
  if (best.cluster.empty()) return out;
  // Each column begins in the gutter before its cluster (not left of the
  // cluster before, whose words are the column before's).
  for (std::size_t i = 1; i < n; ++i) {
    const std::size_t j = best.cluster[i];
    const int at = clusters[j].at;
    const int lo = j == 0 ? 0 : clusters[j - 1].last + 1;
    out[i].left = widest_gutter(profile, std::max(lo, at - 8), at);
    out[i].anchor = at;
  }
  return out;
}

void place_columns(std::vector<GridColumn>& columns,
                   const std::vector<const tokenize::Row*>& body) {
  if (columns.empty()) return;
  int width = 0;
  for (const auto& column : columns) width = std::max(width, column.header_end);
  const Profile profile(body, width);
  const auto& cut = profile.cut;
  const auto& lead = profile.lead;
  columns.front().left = std::numeric_limits<int>::min();
  for (std::size_t i = 1; i < columns.size(); ++i) {
    const int lo = std::max(columns[i - 1].header_end, columns[i - 1].left + 1);
    int hi = std::max(lo, columns[i].header_start);
    // A header is centred over its column, whose cells may begin well left
    // of it: no further right than where the first of them begins.
    for (int x = lo; x <= hi; ++x) {
      if (lead[static_cast<std::size_t>(x)] > 0) {
        hi = x;
        break;
      }
    }
    // The widest gutter of the fewest cuts, and its left end: a word that
    // begins in it (and is cut at its next place) is the column before's.
    int best_cut = std::numeric_limits<int>::max();
    for (int x = lo; x <= hi; ++x) best_cut = std::min(best_cut, cut[static_cast<std::size_t>(x)]);
    int best_run = 0;
    for (int x = lo; x <= hi;) {
      if (cut[static_cast<std::size_t>(x)] != best_cut) {
        ++x;
        continue;
      }
      int end = x;
      while (end <= hi && cut[static_cast<std::size_t>(end)] == best_cut) ++end;
      if (end - x > best_run) {
        best_run = end - x;
        columns[i].left = x;
      }
      x = end;
    }
  }
}

void anchor_columns(std::vector<GridColumn>& columns,
                    const std::vector<const tokenize::Row*>& body) {
  const Profile profile(body, 0);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const int lo = std::max(0, columns[i].left);
    const int hi = i + 1 < columns.size() ? columns[i + 1].left : profile.size();
    int most = 0;
    for (int x = lo; x < hi; ++x) {
      if (profile.lead_at(x) > most) {
        most = profile.lead_at(x);
        columns[i].anchor = x;
      }
    }
    if (most == 0) columns[i].anchor = columns[i].header_start;
  }
}

int column_at(const std::vector<GridColumn>& columns, int x) {
  int at = 0;
  for (std::size_t i = 1; i < columns.size(); ++i) {
    if (columns[i].left <= x) at = static_cast<int>(i);
  }
  return at;
}

std::vector<Fragment> fragments_of(
    const tokenize::Row& line, const std::vector<GridColumn>& columns,
    const std::function<bool(int, std::string_view, std::string_view)>& begins_cell,
    const std::function<bool(int, std::string_view, std::string_view)>& ends_before) {
  constexpr int kDrift = 4;  // places a cell's start may fall short of its column's
  std::vector<Fragment> out;
  const auto& words = line.words;
  int floor = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const tokenize::Word& word = words[i];
    int column = std::max(floor, column_at(columns, word.column));
    // `994500 元`, `65 岁`: a unit one space after its number stays with it,
    // wherever pdftotext's spacing put it.
    if (i > 0 && word.column - words[i - 1].end() == 1 && word.chars <= 2 &&
        !std::isdigit(static_cast<unsigned char>(word.text.front())) &&
        std::isdigit(static_cast<unsigned char>(words[i - 1].text.back())))
      column = floor;
    const int ahead = column_at(columns, word.column + kDrift);
    // The word after it is in that column (one space on: `6` and `6` nine
    // places apart under two headers are two cells, not one that drifted),
    // or further right.
    const bool last = i + 1 == words.size();
    const int next =
        last ? std::numeric_limits<int>::max() : column_at(columns, words[i + 1].column);
    if (ahead > column &&
        (next > ahead || (next == ahead && words[i + 1].column - word.end() <= 2))) {
      std::string rest;
      for (std::size_t k = i; k < words.size(); ++k) append_piece(rest, words[k].text);
      if (begins_cell(ahead, word.text, rest)) column = ahead;
    }
    if (ends_before && !out.empty() && out.back().column == column &&
        column + 1 < static_cast<int>(columns.size()) &&
        ends_before(column, out.back().text, word.text))
      ++column;
    floor = column;
    if (out.empty() || out.back().column != column) {
      Fragment f;
      f.column = column;
      f.line = line.line;
      f.start = word.column;
      out.push_back(std::move(f));
    } else {
      out.back().width += 1;  // the space between two words
    }
    Fragment& f = out.back();
    append_piece(f.text, word.text);
    f.end = word.end();
    f.width += word.width;
  }
  return out;
}

}  // namespace jixiao::parse
