#include "audit/audit.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

namespace jixiao::audit {
namespace {

using source::Code;

// Money and rates as whole ten-thousandths: exact sums for every figure these
// tables write (`8.3988 万元` is 83988 元, four decimals at most).
using Fixed = std::int64_t;
constexpr Fixed kScale = 10000;

std::optional<Fixed> fixed(const std::string& decimal) {
  if (decimal.empty()) return std::nullopt;
  const bool negative = decimal.front() == '-';
  const std::string digits = negative ? decimal.substr(1) : decimal;
  const std::size_t point = digits.find('.');
  const std::string whole = digits.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  if (whole.size() > 14) return std::nullopt;
  fraction.resize(4, '0');
  const Fixed value = std::stoll(whole.empty() ? "0" : whole) * kScale + std::stoll(fraction);
  return negative ? -value : value;
}

std::string text_of(Fixed value) {
  std::string out = value < 0 ? "-" : "";
  const Fixed v = value < 0 ? -value : value;
  out += std::to_string(v / kScale);
  std::string fraction = std::to_string(v % kScale);
  fraction.insert(0, 4 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return fraction.empty() ? out : out + "." + fraction;
}

// A sum of money as people write it: in 万元 from 10000 元 up.
std::string money_text(Fixed yuan) {
  const Fixed v = yuan < 0 ? -yuan : yuan;
  if (v >= 10000 * kScale) return text_of(yuan / 10000) + "万元";
  return text_of(yuan) + "元";
}

// The value in 元, where its unit (written or inferred) says how.
std::optional<Fixed> yuan_of(const model::Value& v, const std::string& money_unit) {
  if (v.kind != model::ValueKind::quantity || !v.number) return std::nullopt;
  if (v.base && v.base->unit == money_unit) return fixed(v.base->number.text);
  if (v.unit == money_unit || (!v.unit && v.unit_inferred == money_unit))
    return fixed(v.number->text);
  return std::nullopt;
}

// The annual amount in 元; an amount written without a unit is taken as 元.
std::optional<Fixed> amount_yuan(const model::Value& v, const std::string& money_unit) {
  if (auto y = yuan_of(v, money_unit)) return y;
  if (v.kind == model::ValueKind::quantity && v.number && !v.unit) return fixed(v.number->text);
  return std::nullopt;
}

const model::Value* find_value(const std::map<std::string, model::Value>& funds, const char* key) {
  auto it = funds.find(key);
  return it == funds.end() ? nullptr : &it->second;
}

int header_line(const model::Project& p) {
  auto it = p.source_lines.find("header");
  return it != p.source_lines.end() && !it->second.empty() ? it->second.front() : p.first_line;
}

bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

int year_of(std::string_view iso) {
  return iso.size() >= 4 ? std::stoi(std::string(iso.substr(0, 4))) : 0;
}

// The years a period or the project term names: `2021年-2023年` → 2021…2023.
std::optional<std::pair<int, int>> years_in(const grammar::Grammar& g, const std::string& text) {
  std::optional<std::pair<int, int>> out;
  grammar::Pattern::Match m;
  for (std::size_t at = 0; g.document.year.search(text, m, at);) {
    const int year = std::stoi(std::string(m.group(g.document.year.group_index("year"))));
    out = out ? std::pair{std::min(out->first, year), std::max(out->second, year)}
              : std::pair{year, year};
    at = m.groups[0].offset + m.groups[0].length;
  }
  return out;
}

// A finding that says template `id` of the message catalogue with `args`.
Finding make(Code code, bool passed, int line, std::string id, messages::Args args = {}) {
  std::string message = source::english(id, args);
  return Finding{code, passed, line, std::move(message), std::move(id), std::move(args)};
}

// The template that says a check of single indicators found nothing.
std::string nothing_found(Code code) {
  switch (code) {
    case Code::required_level2_empty:
      return "required-level2-empty.holds";
    case Code::duplicate_indicator:
      return "duplicate-indicator.holds";
    case Code::empty_value:
      return "empty-value.holds";
    case Code::text_in_quantitative:
      return "text-in-quantitative.holds";
    case Code::unit_missing:
      return "unit-missing.holds";
    case Code::rate_out_of_range:
      return "rate-out-of-range.holds";
    default:
      return "date-outside-year.holds";
  }
}

}  // namespace

bool is_check(Code code) {
  switch (code) {
    case Code::cost_sum:
    case Code::funds_sum:
    case Code::allocated_over_total:
    case Code::level1_missing:
    case Code::required_level2_empty:
    case Code::duplicate_indicator:
    case Code::rate_out_of_range:
    case Code::text_in_quantitative:
    case Code::unit_missing:
    case Code::empty_value:
    case Code::date_outside_year:
    case Code::header_missing:
    case Code::goal_year_differs:
    case Code::term_mismatch:
      return true;
    default:
      return false;
  }
}

std::string describe(Code code, messages::Language language) {
  if (!is_check(code)) return "";
  const std::string id = "audit-check-" + std::string(source::to_string(code));
  return messages::text(language, id);
}

bool Auditor::is_cost(const model::Indicator& indicator) const {
  if (!indicator.level2) return false;
  auto index = grammar_.match_level2(*indicator.level2);
  return index && grammar_.levels.level2[static_cast<std::size_t>(*index)].money;
}

std::vector<Finding> Auditor::audit(const model::Project& p) const {
  std::vector<Finding> out;
  check_header(p, out);
  check_funds(p, out);
  check_costs(p, out);
  check_levels(p, out);
  check_values(p, out);
  check_dates(p, out);
  check_goal_year(p, out);
  // A check of single indicators that found nothing holds for the table:
  // say so, so that a report shows what was verified.
  const int first = p.indicators.empty() ? p.first_line : p.indicators.front().line;
  for (Code code : {Code::required_level2_empty, Code::duplicate_indicator, Code::empty_value,
                    Code::text_in_quantitative, Code::unit_missing, Code::rate_out_of_range,
                    Code::date_outside_year}) {
    const bool failed =
        std::any_of(out.begin(), out.end(), [&](const Finding& f) { return f.code == code; });
    if (!failed && !p.indicators.empty())
      out.push_back(make(code, true, first, nothing_found(code)));
  }
  return out;
}

void Auditor::check_costs(const model::Project& p, std::vector<Finding>& out) const {
  const std::string& money = grammar_.values.money_unit;
  Fixed sum = 0;
  int costs = 0, unreadable = 0, line = 0;
  bool upper_bounds = false;
  for (const auto& ind : p.indicators) {
    if (!is_cost(ind)) continue;
    if (line == 0) line = ind.line;
    if (auto yuan = yuan_of(ind.value, money)) {
      sum += *yuan;
      ++costs;
      upper_bounds = upper_bounds || ind.value.op == "<=" || ind.value.op == "<";
    } else {
      ++unreadable;
    }
  }
  if (costs == 0 || !p.amount) return;
  // The costs may cover the whole amount, the share already allocated, or the
  // fiscal part: any of them is a consistent table. (Each is named by the
  // template that says it.)
  std::vector<std::pair<std::string, Fixed>> targets;
  if (auto a = amount_yuan(*p.amount, money)) {
    targets.emplace_back("cost-sum.annual-amount", *a);
    // An amount written without a unit may be in 万元, as most tables keep them.
    if (!p.amount->unit) targets.emplace_back("cost-sum.annual-amount-wan", *a * 10000);
  }
  if (const auto* v = find_value(p.allocated, "total")) {
    if (auto a = amount_yuan(*v, money)) targets.emplace_back("cost-sum.allocated-amount", *a);
  }
  if (const auto* v = find_value(p.funds, "fiscal")) {
    if (auto a = amount_yuan(*v, money)) targets.emplace_back("cost-sum.fiscal-share", *a);
  }
  if (targets.empty()) return;
  const Fixed tolerance = fixed(grammar_.audit.money_tolerance).value_or(kScale);
  auto said = [&](const std::string& target, Fixed amount) {
    return messages::Args{{"costs", std::to_string(costs)},
                          {"left-out", unreadable ? "cost-sum.left-out" : ""},
                          {"unreadable", std::to_string(unreadable)},
                          {"sum", money_text(sum)},
                          {"target", target},
                          {"amount", money_text(amount)}};
  };
  // Exact costs must equal one of the targets; upper bounds must cover the
  // target they come closest to (an unread unit should not decide).
  std::size_t closest = 0;
  auto distance = [&](Fixed target) {
    const double ratio = target > 0 ? static_cast<double>(sum) / static_cast<double>(target) : 0;
    return ratio > 0 ? std::abs(std::log(ratio)) : 1e9;
  };
  for (std::size_t i = 1; i < targets.size(); ++i) {
    if (distance(targets[i].second) < distance(targets[closest].second)) closest = i;
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& [what, target] = targets[i];
    const Fixed difference = sum - target;
    const bool holds =
        upper_bounds ? i == closest && difference >= -tolerance : std::abs(difference) <= tolerance;
    if (holds) {
      out.push_back(make(Code::cost_sum, true, line,
                         upper_bounds ? "cost-sum.covering" : "cost-sum.equal",
                         said(what, target)));
      return;
    }
  }
  const auto& [what, target] = targets[closest];
  messages::Args args = said(what, target);
  args.emplace_back("bounds", upper_bounds ? "cost-sum.upper-bounds" : "");
  args.emplace_back("difference", money_text(sum > target ? sum - target : target - sum));
  args.emplace_back("direction", sum > target ? "cost-sum.more" : "cost-sum.less");
  out.push_back(make(Code::cost_sum, false, line, "cost-sum.differs", std::move(args)));
}

void Auditor::check_funds(const model::Project& p, std::vector<Finding>& out) const {
  const std::string& money = grammar_.values.money_unit;
  const Fixed tolerance = fixed(grammar_.audit.money_tolerance).value_or(kScale);
  const int line = header_line(p);
  for (const auto* scope : {&p.funds, &p.allocated}) {
    const char* scope_words = scope == &p.funds ? "" : "funds-sum.allocated";
    const model::Value* total = find_value(*scope, "total");
    if (!total || !amount_yuan(*total, money)) continue;
    // A grid written without units is shown without them, not as 元.
    const bool unitless = !total->unit && !total->base;
    auto shown = [&](Fixed v) { return unitless ? text_of(v) : money_text(v); };
    Fixed parts = 0;
    int found = 0;
    std::string written;
    for (const auto& [key, label] :
         {std::pair{"fiscal", "财政拨款"}, {"other", "其他资金"}, {"carryover", "结余结转"}}) {
      const model::Value* part = find_value(*scope, key);
      if (!part) continue;
      auto yuan = amount_yuan(*part, money);
      if (!yuan) continue;
      parts += *yuan;
      ++found;
      written += (written.empty() ? "" : " + ") + std::string(label) + " " + shown(*yuan);
    }
    if (found == 0) continue;
    const Fixed whole = *amount_yuan(*total, money);
    const bool holds = std::abs(parts - whole) <= tolerance;
    out.push_back(make(Code::funds_sum, holds, line,
                       holds ? "funds-sum.equal" : "funds-sum.differs",
                       {{"scope", scope_words},
                        {"parts", written},
                        {"sum", found > 1 ? "funds-sum.sum" : ""},
                        {"sum-value", shown(parts)},
                        {"total", shown(whole)}}));
  }
  const model::Value* total = find_value(p.funds, "total");
  const model::Value* allocated = find_value(p.allocated, "total");
  if (total && allocated) {
    auto t = amount_yuan(*total, money), a = amount_yuan(*allocated, money);
    if (t && a) {
      const bool within = *a <= *t + tolerance;
      out.push_back(make(Code::allocated_over_total, within, line,
                         within ? "allocated-over-total.within" : "allocated-over-total.over",
                         {{"allocated", money_text(*a)}, {"total", money_text(*t)}}));
    }
  }
}

void Auditor::check_levels(const model::Project& p, std::vector<Finding>& out) const {
  // (Views of the project's own strings, which outlive this check.)
  std::set<std::string_view> present;
  for (const auto& ind : p.indicators) present.insert(ind.level1);
  for (const auto& level : p.levels) present.insert(level.level1);
  // The 2021 national template is told by a first level only its list
  // requires (成本指标, in the built-in grammar): the grammar's two lists say
  // which, so no level's name is written here.
  const auto& basic = grammar_.audit.required_level1;
  const auto& national_levels = grammar_.audit.required_level1_national;
  const bool national =
      std::any_of(national_levels.begin(), national_levels.end(), [&](const auto& l) {
        return present.count(l) > 0 && std::find(basic.begin(), basic.end(), l) == basic.end();
      });
  const auto& required = national ? national_levels : basic;
  std::vector<std::string> missing;
  for (const auto& level : required) {
    if (!present.count(level)) missing.push_back(level);
  }
  const int table_line = p.indicators.empty() ? p.first_line : p.indicators.front().line;
  if (missing.empty()) {
    out.push_back(make(Code::level1_missing, true, table_line, "level1-missing.present",
                       {{"template", national ? "level1-missing.template-2021" : ""},
                        {"count", std::to_string(required.size())}}));
  } else {
    out.push_back(make(Code::level1_missing, false, table_line, "level1-missing.absent",
                       {{"missing", messages::items(missing)}}));
  }
  if (!grammar_.audit.required_mark.empty()) {
    for (const auto& level : p.levels) {
      if (level.label.find(grammar_.audit.required_mark) == std::string::npos) continue;
      const bool has = std::any_of(p.indicators.begin(), p.indicators.end(), [&](const auto& ind) {
        return ind.level1 == level.level1 && ind.level2 == level.level2;
      });
      if (!has) {
        out.push_back(make(Code::required_level2_empty, false, level.line,
                           "required-level2-empty.label", {{"label", level.label}}));
      }
    }
  }
  std::map<std::pair<std::string_view, std::string_view>, int> seen;  // the first line of each
  for (const auto& ind : p.indicators) {
    const std::string_view level2 = ind.level2 ? std::string_view(*ind.level2) : std::string_view();
    const auto [first, added] =
        seen.emplace(std::pair{level2, std::string_view(ind.name)}, ind.line);
    if (!added) {
      out.push_back(make(Code::duplicate_indicator, false, ind.line, "duplicate-indicator.twice",
                         {{"name", ind.name},
                          {"level2", std::string(level2)},
                          {"line", std::to_string(first->second)}}));
    }
  }
}

void Auditor::check_values(const model::Project& p, std::vector<Finding>& out) const {
  const Fixed max_rate = fixed(grammar_.audit.max_rate).value_or(100 * kScale);
  for (const auto& ind : p.indicators) {
    const model::Value& v = ind.value;
    if (v.kind == model::ValueKind::empty) {
      out.push_back(make(Code::empty_value, false, ind.line,
                         v.raw.empty() ? "empty-value.none" : "empty-value.placeholder",
                         {{"name", ind.name}, {"value", v.raw}}));
      continue;
    }
    const bool quantitative =
        ind.level2 && contains(grammar_.audit.quantitative_level2, *ind.level2);
    if (quantitative && v.kind == model::ValueKind::text) {
      out.push_back(make(Code::text_in_quantitative, false, ind.line, "text-in-quantitative.value",
                         {{"name", ind.name}, {"level2", *ind.level2}, {"value", v.raw}}));
    }
    if (quantitative && v.kind == model::ValueKind::quantity && !v.unit) {
      out.push_back(make(Code::unit_missing, false, ind.line, "unit-missing.value",
                         {{"name", ind.name},
                          {"value", v.raw},
                          {"inferred", v.unit_inferred ? "unit-missing.inferred" : ""},
                          {"unit", v.unit_inferred.value_or("")}}));
    }
    if (v.unit == "%") {
      for (const auto& n : {v.number, v.min, v.max}) {
        if (!n) continue;
        auto rate = fixed(n->text);
        if (rate && (*rate < 0 || *rate > max_rate)) {
          out.push_back(make(Code::rate_out_of_range, false, ind.line, "rate-out-of-range.value",
                             {{"name", ind.name}, {"value", v.raw}, {"max", text_of(max_rate)}}));
          break;
        }
      }
    }
  }
}

void Auditor::check_dates(const model::Project& p, std::vector<Finding>& out) const {
  if (!p.year) return;
  int low = *p.year, high = *p.year;
  if (p.period) {
    if (auto term = years_in(grammar_, *p.period)) {
      low = std::min(low, term->first);
      high = std::max(high, term->second);
    }
  }
  const std::string allowed =
      low == high ? std::to_string(low) : std::to_string(low) + "–" + std::to_string(high);
  for (const auto& ind : p.indicators) {
    const model::Value& v = ind.value;
    for (const std::string* date : {&v.date, &v.from, &v.to}) {
      if (date->empty()) continue;
      const int year = year_of(*date);
      if (year < low || year > high) {
        out.push_back(make(Code::date_outside_year, false, ind.line, "date-outside-year.value",
                           {{"name", ind.name},
                            {"value", v.raw},
                            {"allowed", allowed},
                            {"year", std::to_string(*p.year)}}));
        break;
      }
    }
  }
}

void Auditor::check_header(const model::Project& p, std::vector<Finding>& out) const {
  std::vector<std::string> missing;  // the templates that name them
  auto need = [&](const char* field, bool present, const char* label) {
    if (contains(grammar_.audit.required_fields, field) && !present) missing.push_back(label);
  };
  need("name", !p.name.empty(), "header-missing.name");
  need("department", p.department.has_value(), "header-missing.department");
  need("implementer", p.implementer.has_value(), "header-missing.implementer");
  need("attribute", p.attribute.has_value(), "header-missing.attribute");
  need("period", p.period.has_value(), "header-missing.period");
  need("amount", p.amount && p.amount->kind == model::ValueKind::quantity, "header-missing.amount");
  need("goal", p.goal.has_value(), "header-missing.goal");
  out.push_back(make(Code::header_missing, missing.empty(), header_line(p),
                     missing.empty() ? "header-missing.holds" : "header-missing.lacks",
                     {{"missing", messages::items(missing)}}));
  check_term(p, out);
}

// `项目属性 一年期项目` with `项目期限 99 年` or `2021年-2023年` contradicts itself.
void Auditor::check_term(const model::Project& p, std::vector<Finding>& out) const {
  if (!p.attribute || !p.period ||
      !contains(grammar_.audit.one_year_attributes, grammar::squash(*p.attribute)))
    return;
  int years = 0;
  if (auto range = years_in(grammar_, *p.period); range && range->first != range->second) {
    years = range->second - range->first + 1;
  } else if (!range) {
    const std::string term = grammar::squash(*p.period);
    std::size_t digits = 0;
    while (digits < term.size() && std::isdigit(static_cast<unsigned char>(term[digits]))) ++digits;
    if (digits > 0 && digits <= 3 && term.compare(digits, std::string::npos, "年") == 0)
      years = std::stoi(term.substr(0, digits));
  } else {
    years = 1;
  }
  if (years == 0) return;
  out.push_back(
      make(Code::term_mismatch, years <= 1, header_line(p),
           years <= 1 ? "term-mismatch.terms" : "term-mismatch.years",
           {{"attribute", *p.attribute}, {"period", *p.period}, {"years", std::to_string(years)}}));
}

namespace {

// How deep a text is inside one kind of citation bracket (`《…》`, or a
// quotation mark that opens and closes alike), read left to right up to
// each year in turn: the text is walked once for all its years, from one
// bracket to the next.
class BracketDepth {
 public:
  BracketDepth(std::string_view open, std::string_view close) : open_(open), close_(close) {}

  // The unclosed openings before `until` (no less than the last `until`).
  int before(std::string_view text, std::size_t until) {
    while (at_ < until) {
      const std::size_t opens = open_ != close_ ? text.find(open_, at_) : std::string_view::npos;
      const std::size_t closes = text.find(close_, at_);
      const std::size_t next = std::min(opens, closes);
      if (next >= until) {
        at_ = until;
        break;
      }
      if (next == opens) {
        ++depth_;
        at_ = next + open_.size();
      } else {
        depth_ = open_ == close_ ? !depth_ : std::max(0, depth_ - 1);
        at_ = next + close_.size();
      }
    }
    return depth_;
  }

 private:
  std::string_view open_, close_;
  std::size_t at_ = 0;
  int depth_ = 0;
};

}  // namespace

void Auditor::check_goal_year(const model::Project& p, std::vector<Finding>& out) const {
  if (!p.goal || !p.year) return;
  const std::string& goal = *p.goal;
  const auto& g = grammar_;
  std::set<int> stated;
  std::vector<BracketDepth> brackets;
  for (const auto& [open, close] : g.audit.goal_citation_brackets)
    brackets.emplace_back(open, close);
  grammar::Pattern::Match m;
  for (std::size_t at = 0; g.document.year.search(goal, m, at);) {
    const std::size_t start = m.groups[0].offset, end = start + m.groups[0].length;
    at = end;
    // Inside citation brackets: the unclosed openings before the year.
    bool cited = false;
    for (auto& depth : brackets) cited = depth.before(goal, start) > 0 || cited;
    // After a citing word (`依据 2014 年…`), within a few characters.
    const std::string before =
        grammar::squash(goal.substr(start >= 12 ? start - 12 : 0, start >= 12 ? 12 : start));
    for (const auto& word : g.audit.goal_citation_words) {
      if (before.size() >= word.size() &&
          before.compare(before.size() - word.size(), word.size(), word) == 0)
        cited = true;
    }
    // Part of a range: `2016-2020年`, `2016 年—2020 年`.
    const std::string after = grammar::squash(goal.substr(end, 4));
    const std::string just_before = before.size() >= 3 ? before.substr(before.size() - 3) : before;
    for (std::string_view dash : {"-", "—", "~", "至"}) {
      if (after.starts_with(dash) || just_before.ends_with(dash)) cited = true;
    }
    if (!cited) stated.insert(std::stoi(std::string(m.group(g.document.year.group_index("year")))));
  }
  if (stated.empty()) return;
  const int line = [&] {
    auto it = p.source_lines.find("goal");
    return it != p.source_lines.end() && !it->second.empty() ? it->second.front() : header_line(p);
  }();
  std::vector<std::string> years;
  for (int y : stated) years.push_back(std::to_string(y));
  const bool holds = stated.count(*p.year) > 0;
  out.push_back(make(Code::goal_year_differs, holds, line,
                     holds ? "goal-year-differs.holds" : "goal-year-differs.other",
                     {{"stated", messages::items(years)}, {"year", std::to_string(*p.year)}}));
}

}  // namespace jixiao::audit
