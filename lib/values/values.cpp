#include "values/values.h"

#include <algorithm>

#include "values/decimal.h"

namespace jixiao::values {
namespace {

using grammar::Pattern;

std::string_view group(const Pattern::Match& m, const Pattern& p, std::string_view name) {
  return m.group(p.group_index(name));
}

// Trims spaces and the punctuation that separates words from a number.
std::string trim_words(std::string_view text) {
  static constexpr std::string_view kEdges[] = {" ", "\t", ",", ";", ":", "、", "。"};
  auto edge = [](std::string_view rest, bool front) -> std::size_t {
    for (std::string_view e : kEdges) {
      if (rest.size() < e.size()) continue;
      if ((front ? rest.substr(0, e.size()) : rest.substr(rest.size() - e.size())) == e) {
        return e.size();
      }
    }
    return 0;
  };
  while (std::size_t n = edge(text, true)) text.remove_prefix(n);
  while (std::size_t n = edge(text, false)) text.remove_suffix(n);
  return std::string(text);
}

std::string iso_date(std::string_view year, std::string_view month, std::string_view day) {
  auto two = [](std::string_view digits) {
    return digits.size() == 1 ? "0" + std::string(digits) : std::string(digits);
  };
  std::string out(year);
  if (!month.empty()) out += "-" + two(month);
  if (!month.empty() && !day.empty()) out += "-" + two(day);
  return out;
}

bool valid_date(std::string_view month, std::string_view day) {
  auto number = [](std::string_view digits) {
    int n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return n;
  };
  if (!month.empty() && (number(month) < 1 || number(month) > 12)) return false;
  if (!day.empty() && (number(day) < 1 || number(day) > 31)) return false;
  return true;
}

std::optional<std::string> lookup(const std::unordered_map<std::string, std::string>& table,
                                  std::string_view word) {
  if (word.empty()) return std::nullopt;
  auto it = table.find(std::string(word));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

void index_words(const std::vector<grammar::Comparator>& comparators,
                 std::unordered_map<std::string, std::string>& before,
                 std::unordered_map<std::string, std::string>& after) {
  for (const auto& c : comparators) {
    for (const auto& word : c.before) before.emplace(word, c.op);
    for (const auto& word : c.after) after.emplace(word, c.op);
  }
}

}  // namespace

std::string_view to_string(model::ValueKind kind) {
  switch (kind) {
    case model::ValueKind::quantity:
      return "quantity";
    case model::ValueKind::range:
      return "range";
    case model::ValueKind::date:
      return "date";
    case model::ValueKind::period:
      return "period";
    case model::ValueKind::text:
      return "text";
    case model::ValueKind::empty:
      return "empty";
  }
  return "text";
}

ValueParser::ValueParser(const grammar::Grammar& grammar) : grammar_(grammar) {
  index_words(grammar.values.comparators, op_before_, op_after_);
  index_words(grammar.values.date_comparators, date_op_before_, date_op_after_);
}

Parsed ValueParser::parse(std::string_view cell) const {
  Parsed out;
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  out.value.raw = std::string(cell);
  const std::string key = grammar::squash(cell);
  const auto& empty = grammar_.values.empty;
  if (std::find(empty.begin(), empty.end(), key) != empty.end()) {
    out.value.kind = model::ValueKind::empty;
    return out;
  }
  for (const auto& rule : grammar_.values.rules) {
    if (apply(rule, out.value.raw, out)) return out;
  }
  out.value.kind = model::ValueKind::text;
  return out;
}

bool ValueParser::apply(const grammar::ValueRule& rule, std::string_view cell, Parsed& out) const {
  Pattern::Match m;
  if (!rule.pattern.search(cell, m)) return false;
  if (m.groups[0].offset != 0 || m.groups[0].length != cell.size()) return false;
  const Pattern& p = rule.pattern;
  if (rule.kind == "period") return read_period(m, p, out);
  if (rule.kind == "date") return read_date(m, p, out);
  if (rule.kind == "composite") return read_composite(m, p, out);
  if (rule.kind == "range") return read_range(m, p, out);
  return read_quantity(m, p, out);
}

bool ValueParser::read_period(const Pattern::Match& m, const Pattern& p, Parsed& out) const {
  std::string_view y1 = group(m, p, "y1"), m1 = group(m, p, "m1"), d1 = group(m, p, "d1");
  std::string_view y2 = group(m, p, "y2"), m2 = group(m, p, "m2"), d2 = group(m, p, "d2");
  if (y2.empty() && m2.empty()) return false;
  if (!valid_date(m1, d1) || !valid_date(m2, d2)) return false;
  // `2021年3月至12月`: the end takes the start's year.
  out.value.kind = model::ValueKind::period;
  out.value.from = iso_date(y1, m1, d1);
  out.value.to = iso_date(y2.empty() ? y1 : y2, m2, d2);
  return true;
}

bool ValueParser::read_date(const Pattern::Match& m, const Pattern& p, Parsed& out) const {
  std::string_view y1 = group(m, p, "y1"), m1 = group(m, p, "m1"), d1 = group(m, p, "d1");
  if (y1.empty() || !valid_date(m1, d1)) return false;
  out.value.kind = model::ValueKind::date;
  out.value.date = iso_date(y1, m1, d1);
  out.value.op = lookup(date_op_before_, group(m, p, "op_before"));
  if (!out.value.op) out.value.op = lookup(date_op_after_, group(m, p, "op_after"));
  return true;
}

bool ValueParser::read_composite(const Pattern::Match& m, const Pattern& p, Parsed& out) const {
  Parsed main = parse(group(m, p, "main"));
  if (main.value.kind != model::ValueKind::quantity && main.value.kind != model::ValueKind::range)
    return false;
  Parsed detail = parse(group(m, p, "detail"));
  std::string raw = std::move(out.value.raw);
  out.value = std::move(main.value);
  out.value.raw = std::move(raw);
  out.value.detail = std::make_shared<const model::Value>(std::move(detail.value));
  out.issues.insert(out.issues.end(), main.issues.begin(), main.issues.end());
  out.issues.insert(out.issues.end(), detail.issues.begin(), detail.issues.end());
  return true;
}

void ValueParser::read_unit(std::string_view unit, Parsed& out) const {
  if (unit.empty()) return;
  out.value.unit = std::string(unit);
  const auto& units = grammar_.values.units;
  if (std::find(units.begin(), units.end(), unit) != units.end()) return;
  // Peel magnitude characters off the front: `万元` is 10^4 元. A magnitude
  // written twice in a row (`万万`) is a typing slip, counted once.
  int exponent = 0;
  std::string previous;
  std::string_view rest = unit;
  bool peeled = true;
  while (peeled && !rest.empty()) {
    peeled = false;
    for (const auto& [character, power] : grammar_.values.magnitudes) {
      if (rest.substr(0, character.size()) != character) continue;
      if (character == previous) {
        out.issues.push_back({source::Code::doubled_magnitude,
                              "`" + std::string(unit) + "` repeats the magnitude `" + character +
                                  "`; read as written once"});
      } else {
        exponent += power;
      }
      previous = character;
      rest.remove_prefix(character.size());
      peeled = true;
      break;
    }
  }
  if (exponent == 0 || !out.value.number) return;
  out.value.base = model::Base{scale(*out.value.number, exponent),
                               rest.empty() ? std::nullopt : std::optional<std::string>(rest)};
}

bool ValueParser::read_range(const Pattern::Match& m, const Pattern& p, Parsed& out) const {
  out.value.kind = model::ValueKind::range;
  out.value.min = parse_decimal(group(m, p, "min"));
  out.value.max = parse_decimal(group(m, p, "max"));
  std::string_view unit = group(m, p, "unit");
  if (unit.empty()) unit = group(m, p, "unit_min");
  if (!unit.empty()) out.value.unit = std::string(unit);
  out.value.op = lookup(op_before_, group(m, p, "op_before"));
  if (!out.value.op) out.value.op = lookup(op_after_, group(m, p, "op_after"));
  std::string subject = trim_words(group(m, p, "subject"));
  std::string tail = trim_words(group(m, p, "tail"));
  out.value.subject = subject.empty() ? tail : tail.empty() ? subject : subject + " " + tail;
  return true;
}

bool ValueParser::read_quantity(const Pattern::Match& m, const Pattern& p, Parsed& out) const {
  out.value.kind = model::ValueKind::quantity;
  out.value.number = parse_decimal(group(m, p, "number"));
  read_unit(group(m, p, "unit"), out);
  out.value.op = lookup(op_before_, group(m, p, "op_before"));
  if (!out.value.op) out.value.op = lookup(op_after_, group(m, p, "op_after"));
  std::string subject = trim_words(group(m, p, "subject"));
  std::string tail = trim_words(group(m, p, "tail"));
  out.value.subject = subject.empty() ? tail : tail.empty() ? subject : subject + " " + tail;
  return true;
}

}  // namespace jixiao::values
