#include "values/values.h"

#include <algorithm>
#include <unordered_map>

#include "normalize/han_script.h"
#include "source/text_memo.h"
#include "values/decimal.h"

namespace jixiao::values {
namespace {

using grammar::Pattern;

std::string_view group(const Pattern::Match& m, const Pattern& p, std::string_view name) {
  return m.group(p.group_index(name));
}

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// Trims spaces and the punctuation that separates words from a number.
std::string trim_words(std::string_view text) {
  static constexpr std::string_view kEdges[] = {" ", "\t", ",", ";", ":", "、", "。", "."};
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

// A cell often ends with a full stop (`持续提升。`, `≥2 个。`); the rules match
// the cell without it.
std::string_view without_final_stop(std::string_view cell) {
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view stop : {"。", ".", ";", ",", " "}) {
      if (cell.size() > stop.size() && ends_with(cell, stop)) {
        cell.remove_suffix(stop.size());
        changed = true;
      }
    }
  }
  return cell;
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

int to_int(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool valid_date(std::string_view month, std::string_view day) {
  if (!month.empty() && (to_int(month) < 1 || to_int(month) > 12)) return false;
  if (!day.empty() && (to_int(day) < 1 || to_int(day) > 31)) return false;
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

// Compares two canonical non-negative decimals.
bool greater(const model::Decimal& a, const model::Decimal& b) {
  auto split = [](const std::string& t) {
    auto point = t.find('.');
    return std::pair{t.substr(0, point), point == std::string::npos ? "" : t.substr(point + 1)};
  };
  auto [ai, af] = split(a.text);
  auto [bi, bf] = split(b.text);
  if (ai.size() != bi.size()) return ai.size() > bi.size();
  if (ai != bi) return ai > bi;
  af.resize(std::max(af.size(), bf.size()), '0');
  bf.resize(af.size(), '0');
  return af > bf;
}

// 1 to 3 Han characters: the shape of a unit the grammar does not know yet.
bool looks_like_unit(std::string_view text) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); i += 3, ++chars) {
    if (i + 3 > text.size()) return false;
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0xE4 || b0 > 0xE9) return false;  // U+4E00…U+9FFF lead bytes
  }
  return chars >= 1 && chars <= 3;
}

// `万万` → `万`: the unit a doubled magnitude meant.
std::string without_repeats(std::string_view unit) {
  std::string out;
  std::string_view previous;
  for (std::size_t i = 0; i < unit.size();) {
    std::size_t n = 1;
    while (i + n < unit.size() && (static_cast<unsigned char>(unit[i + n]) & 0xC0) == 0x80) ++n;
    std::string_view character = unit.substr(i, n);
    if (character != previous) out += character;
    previous = character;
    i += n;
  }
  return out;
}

// True when only spaces stand between the number and the tail: `5 公顷`, not
// `5 个, 共计`.
bool follows_number(const Pattern::Match& m, const Pattern& p) {
  const int number_group = p.group_index("number"), tail_group = p.group_index("tail");
  if (number_group < 0 || tail_group < 0) return false;
  const auto& number = m.groups[static_cast<std::size_t>(number_group)];
  const auto& tail = m.groups[static_cast<std::size_t>(tail_group)];
  if (!number.matched() || !tail.matched()) return false;
  const std::size_t end = number.offset + number.length;
  return tail.offset >= end &&
         m.subject.substr(end, tail.offset - end).find_first_not_of(' ') == std::string_view::npos;
}

std::string subject_of(std::string_view before, std::string_view after) {
  std::string subject = trim_words(before);
  std::string tail = trim_words(after);
  if (subject.empty()) return tail;
  if (tail.empty()) return subject;
  return subject + " " + tail;
}

// A Chinese numeral at the start of `text`, one of `numerals` (digits or
// multipliers): what it stands for and its length in bytes.
struct Numeral {
  int value;
  std::size_t size;
};

std::optional<Numeral> numeral_at(std::string_view text,
                                  const std::map<std::string, int>& numerals) {
  for (const auto& [character, value] : numerals) {
    if (text.starts_with(character)) return Numeral{value, character.size()};
  }
  return std::nullopt;
}

bool starts_with_any(std::string_view text, const std::vector<std::string>& words) {
  for (const auto& word : words) {
    if (text.starts_with(word)) return true;
  }
  return false;
}

// `二〇二四` → `2024`: four digits spelled out one by one, a year; none
// for anything else (`二十`).
std::optional<std::string> year_in_digits(std::string_view run,
                                          const std::map<std::string, int>& digits) {
  std::string year;
  while (!run.empty()) {
    const auto digit = numeral_at(run, digits);
    if (!digit) return std::nullopt;
    year += static_cast<char>('0' + digit->value);
    run.remove_prefix(digit->size);
  }
  if (year.size() != 4) return std::nullopt;
  return year;
}

}  // namespace

std::optional<model::Decimal> chinese_number(std::string_view text, const grammar::Grammar& g) {
  long long total = 0, digit = -1;
  while (!text.empty()) {
    if (const auto numeral = numeral_at(text, g.values.chinese_digits)) {
      // Two digits in a row (`二〇二四`) count nothing: digits spelled out,
      // a year's. (Only a zero holds a place: `一百零五`.)
      if (digit > 0) return std::nullopt;
      digit = numeral->value;
      text.remove_prefix(numeral->size);
    } else if (const auto multiplier = numeral_at(text, g.values.chinese_multipliers)) {
      long long unit = 1;
      for (int i = 0; i < multiplier->value; ++i) unit *= 10;
      total += (digit < 0 ? 1 : digit) * unit;  // `十五`: a bare 十 is 一十
      digit = -1;
      text.remove_prefix(multiplier->size);
    } else {
      return std::nullopt;
    }
  }
  if (digit >= 0) total += digit;
  return model::Decimal{std::to_string(total)};
}

// The cell with its Chinese numerals before a year mark written as digits
// one by one (`二〇二四年` → `2024年`) and those before a part mark as numbers
// (`十二月` → `12月`); none when it has no such numerals.
std::optional<std::string> ValueParser::date_in_digits(std::string_view cell) const {
  const auto& v = grammar_.values;
  // Only numerals before a year or part mark change: a cell with no such
  // mark is answered without looking for numerals at each character.
  const auto holds_any = [&](const std::vector<std::string>& words) {
    return std::any_of(words.begin(), words.end(),
                       [&](const std::string& word) { return cell.find(word) != cell.npos; });
  };
  if (!holds_any(v.year_marks) && !holds_any(v.part_marks)) return std::nullopt;
  std::string out;
  bool changed = false;
  for (std::size_t i = 0; i < cell.size();) {
    std::size_t end = i;
    while (end < cell.size()) {
      const std::string_view rest = cell.substr(end);
      auto numeral = numeral_at(rest, v.chinese_digits);
      if (!numeral) numeral = numeral_at(rest, v.chinese_multipliers);
      if (!numeral) break;
      end += numeral->size;
    }
    if (end == i) {
      out += cell[i++];
      continue;
    }
    const std::string_view run = cell.substr(i, end - i);
    const std::string_view after = cell.substr(end);
    std::optional<std::string> digits;
    if (starts_with_any(after, v.year_marks)) {
      digits = year_in_digits(run, v.chinese_digits);
    } else if (starts_with_any(after, v.part_marks)) {
      if (const auto number = chinese_number(run, grammar_)) digits = number->text;
    }
    out += digits ? *digits : std::string(run);
    changed = changed || digits.has_value();
    i = end;
  }
  if (!changed) return std::nullopt;
  return out;
}

ValueParser::ValueParser(const grammar::Grammar& grammar) : grammar_(grammar) {
  index_words(grammar.values.comparators, op_before_, op_after_);
  index_words(grammar.values.date_comparators, date_op_before_, date_op_after_);
}

int ValueParser::level2_index(std::string_view name) const {
  auto index = grammar_.match_level2(name);
  return index ? *index : -1;
}

namespace {

// What each thread has read of each cell, before the context is applied:
// a table's values recur (`≥90%`, `100%`, `明显提升` under every project),
// and reading one tries the grammar's value rules in turn. Tied to the
// grammar by its serial number (a new grammar starts again) and bounded:
// at kMaxReadCells cells (or kMaxReadCellBytes of them) the memo keeps only
// those that came back, so memory does not grow with the input.
constexpr std::size_t kMaxReadCells = 4096;
constexpr std::size_t kMaxReadCellBytes = 1 << 20;
struct ReadMemo {
  std::uint64_t serial = 0;
  source::TextMemo<Parsed> cells{kMaxReadCells, kMaxReadCellBytes};
};

}  // namespace

Parsed ValueParser::read_once(std::string_view cell) const {
  thread_local ReadMemo memo;
  if (memo.serial != grammar_.serial.value()) {
    memo.cells.clear();
    memo.serial = grammar_.serial.value();
  }
  if (const Parsed* known = memo.cells.find(cell)) return *known;
  const std::uint64_t limits_before = grammar::Pattern::limit_hits();
  Parsed out = read(cell);
  // A reading a PCRE2 limit cut short is given once, with its diagnostic.
  if (grammar::Pattern::limit_hits() != limits_before) return out;
  memo.cells.add(cell, out);
  return out;
}

Parsed ValueParser::parse(std::string_view cell, const Context& context) const {
  Parsed out = read_once(cell);
  apply_context(context, out);
  check(context, out);
  return out;
}

Parsed ValueParser::read(std::string_view cell, int depth) const {
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
  // Read in simplified characters (`≥6 場次` is 6 场次); `raw` keeps the cell.
  std::string simplified(without_final_stop(cell));
  normalize::fold_traditional(simplified);
  const std::string_view core = simplified;
  for (const auto& rule : grammar_.values.rules) {
    if (apply(rule, core, out, depth)) return out;
  }
  // `二〇二四年十二月底`: a date written in Chinese numerals reads as it
  // would in digits (by the date and period rules only).
  if (const auto digits = date_in_digits(core)) {
    for (const auto& rule : grammar_.values.rules) {
      if (rule.kind != "date" && rule.kind != "period") continue;
      Parsed in_digits;
      in_digits.value.raw = out.value.raw;
      if (apply(rule, *digits, in_digits, depth)) return in_digits;
    }
  }
  out.value.kind = model::ValueKind::text;
  return out;
}

bool ValueParser::apply(const grammar::ValueRule& rule, std::string_view cell, Parsed& out,
                        int depth) const {
  Match m;
  if (!rule.pattern.search(cell, m)) return false;
  if (m.groups[0].offset != 0 || m.groups[0].length != cell.size()) return false;
  const Pattern& p = rule.pattern;
  if (rule.kind == "period") return read_period(m, p, out);
  if (rule.kind == "date") return read_date(m, p, out);
  if (rule.kind == "composite") return read_composite(m, p, out, depth);
  if (rule.kind == "range") return read_range(m, p, out);
  if (rule.kind == "placeholder") return read_placeholder(out);
  if (rule.kind == "text") {
    out.value.kind = model::ValueKind::text;
    return true;
  }
  return read_quantity(m, rule, out);
}

std::optional<std::string> ValueParser::read_op(const Match& m, const Pattern& p) const {
  auto op = lookup(op_before_, group(m, p, "op_before"));
  return op ? op : lookup(op_after_, group(m, p, "op_after"));
}

std::optional<model::Decimal> ValueParser::read_number(const Match& m, const Pattern& p) const {
  if (std::string_view digits = group(m, p, "number"); !digits.empty())
    return parse_decimal(digits);
  if (std::string_view numerals = group(m, p, "cnumber"); !numerals.empty()) {
    return chinese_number(numerals, grammar_);
  }
  return std::nullopt;
}

bool ValueParser::read_period(const Match& m, const Pattern& p, Parsed& out) const {
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

bool ValueParser::read_date(const Match& m, const Pattern& p, Parsed& out) const {
  std::string_view y1 = group(m, p, "y1"), m1 = group(m, p, "m1"), d1 = group(m, p, "d1");
  if (y1.empty() || !valid_date(m1, d1)) return false;
  out.value.kind = model::ValueKind::date;
  out.value.date = iso_date(y1, m1, d1);
  out.value.op = lookup(date_op_before_, group(m, p, "op_before"));
  if (!out.value.op) out.value.op = lookup(date_op_after_, group(m, p, "op_after"));
  return true;
}

bool ValueParser::read_composite(const Match& m, const Pattern& p, Parsed& out, int depth) const {
  // `1项（1项（1项（…）））`: three levels are plenty for any real cell.
  constexpr int kMaxNesting = 3;
  if (depth >= kMaxNesting) return false;
  Parsed main = read(group(m, p, "main"), depth + 1);
  if (main.value.kind != model::ValueKind::quantity && main.value.kind != model::ValueKind::range)
    return false;
  Parsed detail = read(group(m, p, "detail"), depth + 1);
  std::string raw = std::move(out.value.raw);
  out.value = std::move(main.value);
  out.value.raw = std::move(raw);
  out.value.detail = std::make_shared<const model::Value>(std::move(detail.value));
  out.issues.insert(out.issues.end(), main.issues.begin(), main.issues.end());
  out.issues.insert(out.issues.end(), detail.issues.begin(), detail.issues.end());
  return true;
}

bool ValueParser::read_placeholder(Parsed& out) const {
  out.value.kind = model::ValueKind::empty;
  out.issues.push_back(
      {source::Code::placeholder, {"placeholder.value", {{"value", out.value.raw}}}});
  return true;
}

// `万/月` → `万` and `/月`: a unit per something (values.per_unit) is the
// unit and what it is per; none for a unit that is per nothing.
std::pair<std::string_view, std::string_view> ValueParser::split_per(std::string_view unit) const {
  const grammar::Pattern& per = grammar_.values.per_unit_at_end;
  Match m;
  if (per.empty() || !per.search(unit, m) || m.groups[0].offset == 0) return {unit, {}};
  return {unit.substr(0, m.groups[0].offset), unit.substr(m.groups[0].offset)};
}

void ValueParser::read_unit(std::string_view unit, Parsed& out) const {
  if (unit.empty()) return;
  out.value.unit = std::string(unit);
  const auto& units = grammar_.values.units;
  if (std::find(units.begin(), units.end(), unit) != units.end()) return;
  // A rate (`620万/月`, `5万元/亩`): the magnitude scales the number, and the
  // base unit is per the same thing (`元/月`); a bare magnitude leaves the
  // base unit to the row (apply_context).
  const auto [core, per] = split_per(unit);
  // Peel magnitude characters off the front: `万元` is 10^4 元. A magnitude
  // written twice in a row (`万万`) is a typing slip, counted once.
  int exponent = 0;
  std::string previous;
  std::string_view rest = core;
  for (bool peeled = true; peeled && !rest.empty();) {
    peeled = false;
    for (const auto& [character, power] : grammar_.values.magnitudes) {
      if (rest.substr(0, character.size()) != character) continue;
      if (character == previous) {
        out.issues.push_back(
            {source::Code::doubled_magnitude,
             {"doubled-magnitude.unit", {{"unit", std::string(unit)}, {"magnitude", character}}}});
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
  out.value.base =
      model::Base{scale(*out.value.number, exponent),
                  rest.empty() ? std::nullopt
                               : std::optional<std::string>(std::string(rest) + std::string(per))};
}

bool ValueParser::read_range(const Match& m, const Pattern& p, Parsed& out) const {
  out.value.kind = model::ValueKind::range;
  if (std::string_view pm = group(m, p, "plusminus"); !pm.empty()) {
    // `±3%以内` is the range from -3 to 3; the 以内 is the ± itself.
    const model::Decimal half = parse_decimal(pm);
    out.value.min = model::Decimal{half.text == "0" ? "0" : "-" + half.text};
    out.value.max = half;
  } else {
    out.value.min = parse_decimal(group(m, p, "min"));
    out.value.max = parse_decimal(group(m, p, "max"));
    out.value.op = read_op(m, p);
  }
  std::string_view unit = group(m, p, "unit");
  if (unit.empty()) unit = group(m, p, "unit_min");
  if (!unit.empty()) out.value.unit = std::string(unit);
  out.value.subject = subject_of(group(m, p, "subject"), group(m, p, "tail"));
  return true;
}

bool ValueParser::read_quantity(const Match& m, const grammar::ValueRule& rule, Parsed& out) const {
  const Pattern& p = rule.pattern;
  auto number = read_number(m, p);
  if (!number) return false;
  out.value.kind = model::ValueKind::quantity;
  out.value.number = number;
  std::string_view unit = group(m, p, "unit");
  std::string_view tail = group(m, p, "tail");
  if (unit.empty() && !rule.unit.empty()) unit = rule.unit;
  if (unit.empty() && looks_like_unit(trim_words(tail)) && follows_number(m, p)) {
    // `5公顷`: a word right after the number is its unit, even one the grammar
    // does not list yet.
    out.issues.push_back(
        {source::Code::unknown_unit, {"unknown-unit.word", {{"word", std::string(tail)}}}});
    unit = tail;
    tail = {};
  }
  read_unit(unit, out);
  out.value.op = read_op(m, p);
  out.value.subject = subject_of(group(m, p, "subject"), tail);
  return true;
}

void ValueParser::apply_context(const Context& context, Parsed& out) const {
  model::Value& v = out.value;
  if (context.level2 < 0 || v.kind != model::ValueKind::quantity) return;
  if (!grammar_.levels.level2[static_cast<std::size_t>(context.level2)].money) return;
  const std::string& money = grammar_.values.money_unit;
  if (v.base && !v.base->unit) {
    // `5 万` under 成本指标: 万元; `620万/月`: 万元/月, 6200000 元/月.
    const auto [core, per] = split_per(*v.unit);
    v.base->unit = money + std::string(per);
    v.unit_inferred = without_repeats(core) + money + std::string(per);
  } else if (!v.unit && !context.money_unit.empty()) {
    // `171.5` in a table whose amounts are in 万元.
    v.unit_inferred = context.money_unit;
    Parsed with_unit = read(v.number->text + context.money_unit);
    v.base = with_unit.value.base;
  }
}

void ValueParser::check(const Context& context, Parsed& out) const {
  const model::Value& v = out.value;
  if (v.unit == "%" && !grammar_.values.max_rate.empty()) {
    const model::Decimal limit = parse_decimal(grammar_.values.max_rate);
    for (const auto& n : {v.number, v.max}) {
      if (n && greater(*n, limit)) {
        out.issues.push_back(
            {source::Code::rate_over_limit,
             {"rate-over-limit.value", {{"value", v.raw}, {"limit", limit.text}}}});
        break;
      }
    }
  }
  if (!context.year) return;
  for (const std::string* date : {&v.date, &v.from, &v.to}) {
    if (date->size() < 4) continue;
    const int year = to_int(std::string_view(*date).substr(0, 4));
    if (std::abs(year - *context.year) > grammar_.values.date_far_years) {
      out.issues.push_back(
          {source::Code::date_far,
           {"date-far.value", {{"value", v.raw}, {"year", std::to_string(*context.year)}}}});
      break;
    }
  }
}

}  // namespace jixiao::values
