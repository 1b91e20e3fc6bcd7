#include "grammar/grammar.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "normalize/han_script.h"
#include "source/input.h"
#include "source/text_memo.h"

namespace jixiao::grammar {
namespace {

// The first character of a text (its UTF-8 bytes).
std::string_view initial_of(std::string_view text) {
  if (text.empty()) return text;
  const auto lead = static_cast<unsigned char>(text[0]);
  const std::size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return text.substr(0, length);
}

// The code point `text` starts with (U+FFFD for a broken sequence; 0 for
// an empty text).
char32_t first_character(std::string_view text) {
  if (text.empty()) return 0;
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const std::size_t length = initial_of(text).size();
  if (length == 1) return b(0);
  if (text.size() < length) return 0xFFFD;
  char32_t c = b(0) & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) c = (c << 6) | (b(i) & 0x3F);
  return c;
}

using nlohmann::json;

// Everything needed to say where in the grammar file a problem is.
struct Context {
  std::string_view text;
  const std::string& path;

  int line_of_offset(std::size_t offset) const {
    return 1 +
           static_cast<int>(std::count(
               text.begin(),
               text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
  }
  // The line where a value is written: the first place its JSON text appears.
  // JSON values carry no positions, and a rule's own text is a good anchor.
  int line_of_value(const json& value) const {
    std::size_t at = text.find(value.dump());
    if (at != std::string_view::npos) return line_of_offset(at);
    // A list or object is seldom written as dump() writes it (spaces, line
    // breaks): the first of its strings found stands for it. (Not numbers
    // or booleans: `1` is found anywhere.)
    if (value.is_structured()) {
      for (const auto& item : value) {
        if (!item.is_string() && !item.is_structured()) continue;
        if (const int line = line_of_value(item); line > 0) return line;
      }
    }
    return 0;
  }
  [[noreturn]] void fail(const std::string& rule, const json* value,
                         const std::string& what) const {
    std::string where = path;
    if (value != nullptr) {
      if (int line = line_of_value(*value); line > 0) where += ':' + std::to_string(line);
    }
    throw GrammarError(where + ": rule `" + rule + "`: " + what);
  }
};

const json& require(const Context& cx, const json& object, const std::string& key,
                    const std::string& rule) {
  if (!object.is_object() || !object.contains(key)) cx.fail(rule, &object, "missing `" + key + "`");
  return object.at(key);
}

std::string require_string(const Context& cx, const json& object, const std::string& key,
                           const std::string& rule) {
  const json& value = require(cx, object, key, rule + "." + key);
  if (!value.is_string()) cx.fail(rule + "." + key, &value, "must be a string");
  return value.get<std::string>();
}

std::vector<std::string> string_list(const Context& cx, const json& value,
                                     const std::string& rule) {
  if (!value.is_array()) cx.fail(rule, &value, "must be a list of strings");
  std::vector<std::string> out;
  for (const auto& item : value) {
    if (!item.is_string()) cx.fail(rule, &item, "must be a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<std::string> optional_list(const Context& cx, const json& object,
                                       const std::string& key, const std::string& rule) {
  if (!object.contains(key)) return {};
  return string_list(cx, object.at(key), rule + "." + key);
}

int optional_int(const Context& cx, const json& object, const std::string& key, int fallback,
                 const std::string& rule) {
  if (!object.contains(key)) return fallback;
  const json& value = object.at(key);
  if (!value.is_number_integer()) cx.fail(rule + "." + key, &value, "must be a whole number");
  return value.get<int>();
}

std::string escape_regex(std::string_view word) {
  std::string out;
  for (char c : word) {
    if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Whether a character has no case that matching could ignore (an inline
// `(?i)`): ASCII other than letters, and the symbol, CJK and full-width
// punctuation blocks. Anything else counts as cased.
bool caseless_character(char32_t c) {
  if (c < 0x80) return !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
  if (c == 0xB0 || c == 0xB1 || c == 0xB7 || c == 0xD7 || c == 0xF7) return true;  // ° ± · × ÷
  const std::pair<char32_t, char32_t> kCaseless[] = {
      {0x2000, 0x206F},    // general punctuation (— ‰)
      {0x2190, 0x23FF},    // arrows, mathematical operators (≥ ≤), technical
      {0x2500, 0x27BF},    // box drawing (═), shapes, dingbats
      {0x2A00, 0x2AFF},    // supplemental mathematical operators (⩽ ⩾)
      {0x2E80, 0x9FFF},    // CJK radicals, symbols and punctuation, kana, ideographs
      {0xF900, 0xFAFF},    // CJK compatibility ideographs
      {0xFE30, 0xFE4F},    // CJK compatibility forms
      {0xFF01, 0xFF20},    // full-width punctuation and digits (no letters)
      {0xFF3B, 0xFF40},    //
      {0xFF5B, 0xFF65},    // (～)
      {0x20000, 0x3FFFF},  // CJK ideographs beyond the basic plane
  };
  return std::any_of(std::begin(kCaseless), std::end(kCaseless),
                     [&](const auto& range) { return c >= range.first && c <= range.second; });
}

bool caseless_word(std::string_view word) {
  for (std::size_t i = 0; i < word.size();) {
    const char32_t c = source::next_character(word, i);
    if (c == source::kNotACharacter || !caseless_character(c)) return false;
  }
  return true;
}

// Appends words that share their first `depth` bytes as a trie, a
// character an edge: `工作日|季度|月|` after `个`, for 个工作日, 个季度, 个月
// and 个. `words` are sorted, so each character's words stand together; a
// word that ends here goes last, after every longer one through here, as
// longest-first order has it (siblings begin with different characters, so
// their order does not matter). A regex engine tries the alternatives of a
// flat alternation one by one (PCRE2's interpreter spent 16 K instructions
// a cell on the unit list alone); the trie tries a character once for all
// the words it begins.
void append_trie(std::string& out, const std::vector<std::string_view>& words, std::size_t first,
                 std::size_t last, std::size_t depth) {
  bool ends = false, any = false;
  for (std::size_t i = first; i < last;) {
    if (words[i].size() == depth) {
      ends = true;
      ++i;
      continue;
    }
    std::size_t after = depth;
    source::next_character(words[i], after);
    const std::string_view edge = words[i].substr(depth, after - depth);
    std::size_t j = i + 1;
    while (j < last && words[j].size() >= after && words[j].substr(depth, after - depth) == edge)
      ++j;
    if (any) out += '|';
    any = true;
    out += escape_regex(edge);
    // One word through here (the rest of it), or several (a group).
    if (j - i == 1) {
      out += escape_regex(words[i].substr(after));
    } else {
      out += "(?:";
      append_trie(out, words, i, j, after);
      out += ')';
    }
    i = j;
  }
  if (ends && any) out += '|';
}

}  // namespace

// `(?:longest|…|short)`: longest first, so `场次` wins over `场`. Words with
// no cased character are matched through a trie (append_trie), which matches
// what the flat alternation would: two words match at one place only if one
// begins the other, and the trie tries the longer first too. Words with a
// cased character come first, as they are: under `(?i)` one may match where
// a caseless word does only by beginning with it, so it goes before it.
std::string word_alternation(std::vector<std::string> words) {
  std::stable_sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return source::char_count(a) > source::char_count(b);
  });
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out = "(?:";
  bool first = true;
  std::vector<std::string_view> caseless;
  for (const std::string& word : words) {
    if (caseless_word(word)) {
      caseless.push_back(word);
      continue;
    }
    if (!first) out += '|';
    first = false;
    out += escape_regex(word);
  }
  if (!caseless.empty()) {
    std::sort(caseless.begin(), caseless.end());
    if (!first) out += '|';
    append_trie(out, caseless, 0, caseless.size(), 0);
  }
  return out + ")";
}

namespace {

// Bounds on one pattern once its macros are expanded. The longest pattern of
// the built-in grammars is under 2 KB; PCRE2 (built with 2-byte links, as
// Debian's is) compiles no pattern much past 64 KiB anyway. Macros that use
// each other many times grow exponentially (8 macros each using the next 20
// times: 2.5 GB and 88 s from a 729-byte file), so the bounds are checked as
// the text grows, and no large string is ever built. Uses are counted too:
// empty macros so used would build nothing and still take as long.
constexpr std::size_t kMaxExpandedBytes = 64 * 1024;
constexpr std::size_t kMaxMacroUses = 64 * 1024;

class Macros {
 public:
  void define(const std::string& name, std::string body) { bodies_[name] = std::move(body); }

  // Replaces each `{NAME}` (capitals, digits, `_`); braces that hold anything
  // else (`\d{1,2}`, `\p{Han}`) are regex syntax and stay.
  std::string expand(const Context& cx, const std::string& rule, const json& where,
                     std::string_view pattern) const {
    Expansion out{cx, rule, where, {}, 0};
    expand_into(out, pattern, 0);
    return std::move(out.text);
  }

 private:
  struct Expansion {
    const Context& cx;
    const std::string& rule;
    const json& where;
    std::string text;
    std::size_t uses = 0;

    void append(std::string_view piece) {
      if (text.size() + piece.size() > kMaxExpandedBytes) {
        cx.fail(rule, &where,
                "the pattern is longer than " + std::to_string(kMaxExpandedBytes / 1024) +
                    " KiB once its macros are expanded (jixiao's limit)");
      }
      text += piece;
    }
  };

  void expand_into(Expansion& out, std::string_view pattern, int depth) const {
    if (depth > 8) {
      out.cx.fail(out.rule, &out.where, "macros nest too deeply (a macro that uses itself?)");
    }
    std::size_t copied = 0;  // the pattern's text before this is in `out`
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] != '{' || i + 1 >= pattern.size() ||
          !((pattern[i + 1] >= 'A' && pattern[i + 1] <= 'Z') || pattern[i + 1] == '_'))
        continue;
      // (Scanning the name's characters, not searching for `}`, keeps a
      // pattern of many unclosed `{A` linear.)
      std::size_t close = i + 1;
      while (close < pattern.size() &&
             ((pattern[close] >= 'A' && pattern[close] <= 'Z') ||
              (pattern[close] >= '0' && pattern[close] <= '9') || pattern[close] == '_'))
        ++close;
      if (close >= pattern.size() || pattern[close] != '}') continue;
      const std::string name(pattern.substr(i + 1, close - i - 1));
      const auto it = bodies_.find(name);
      if (it == bodies_.end()) out.cx.fail(out.rule, &out.where, "unknown macro {" + name + "}");
      if (++out.uses > kMaxMacroUses) {
        out.cx.fail(out.rule, &out.where,
                    "the pattern uses macros more than " + std::to_string(kMaxMacroUses) +
                        " times once they are expanded (jixiao's limit)");
      }
      out.append(pattern.substr(copied, i - copied));
      expand_into(out, it->second, depth + 1);
      copied = close + 1;
      i = close;
    }
    out.append(pattern.substr(copied));
  }

  std::map<std::string, std::string> bodies_;
};

Pattern compile(const Context& cx, const Macros& macros, const std::string& rule,
                const json& value) {
  if (!value.is_string()) cx.fail(rule, &value, "must be a pattern (a string)");
  std::string source = macros.expand(cx, rule, value, value.get<std::string>());
  Pattern pattern;
  std::string error;
  if (!pattern.compile(source, error)) cx.fail(rule, &value, "bad pattern: " + error);
  pattern.set_name(rule);
  return pattern;
}

Pattern compile_key(const Context& cx, const Macros& macros, const json& object,
                    const std::string& key, const std::string& rule) {
  return compile(cx, macros, rule + "." + key, require(cx, object, key, rule));
}

const std::map<std::string, HeaderField>& field_names() {
  static const std::map<std::string, HeaderField> names{
      {"name", HeaderField::name},
      {"department", HeaderField::department},
      {"implementer", HeaderField::implementer},
      {"attribute", HeaderField::attribute},
      {"period", HeaderField::period},
      {"office", HeaderField::office},
      {"scope.total", HeaderField::scope_total},
      {"scope.allocated", HeaderField::scope_allocated},
      {"funds.total", HeaderField::funds_total},
      {"funds.fiscal", HeaderField::funds_fiscal},
      {"funds.other", HeaderField::funds_other},
      {"funds.carryover", HeaderField::funds_carryover},
      {"goal", HeaderField::goal},
      {"goal.allocated", HeaderField::goal_allocated},
      {"goal.actual", HeaderField::goal_actual},
  };
  return names;
}

void load_document(const Context& cx, const Macros& m, const json& doc, Grammar& g) {
  const std::string rule = "document";
  if (doc.contains("detect"))
    g.document.detect = compile(cx, m, rule + ".detect", doc.at("detect"));
  if (doc.contains("detect_table"))
    g.document.detect_table = compile(cx, m, rule + ".detect_table", doc.at("detect_table"));
  g.document.title = compile_key(cx, m, doc, "title", rule);
  g.document.title_max_chars = optional_int(cx, doc, "title_max_chars", 60, rule);
  g.document.year_line = compile_key(cx, m, doc, "year_line", rule);
  g.document.year = compile_key(cx, m, doc, "year", rule);
  g.document.note = compile_key(cx, m, doc, "note", rule);
  if (doc.contains("furniture"))
    g.document.furniture = compile(cx, m, rule + ".furniture", doc.at("furniture"));
  g.document.rule = compile_key(cx, m, doc, "rule", rule);
  if (doc.contains("page_break")) {
    const json& list = doc.at("page_break");
    if (!list.is_array()) cx.fail(rule + ".page_break", &list, "must be a list of patterns");
    for (std::size_t i = 0; i < list.size(); ++i) {
      g.document.page_breaks.push_back(
          compile(cx, m, rule + ".page_break[" + std::to_string(i) + "]", list[i]));
    }
  }
}

void load_header(const Context& cx, const Macros& m, const json& header, Grammar& g) {
  const std::string rule = "header";
  for (const auto& prefix : optional_list(cx, header, "ignore_prefixes", rule)) {
    g.header.ignore_prefixes.push_back(squash(prefix));
  }
  g.header.unit_suffix = compile_key(cx, m, header, "unit_suffix", rule);
  g.header.attribute_code = compile_key(cx, m, header, "attribute_code", rule);
  if (header.contains("lead")) g.header.lead = compile_key(cx, m, header, "lead", rule);
  for (const auto& word : optional_list(cx, header, "listing_columns", rule)) {
    g.header.listing_columns.push_back(squash(word));
  }
  const json& labels = require(cx, header, "labels", rule);
  if (!labels.is_array()) cx.fail(rule + ".labels", &labels, "must be a list");
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string item_rule = rule + ".labels[" + std::to_string(i) + "]";
    const std::string field = require_string(cx, labels[i], "field", item_rule);
    auto known = field_names().find(field);
    if (known == field_names().end()) {
      cx.fail(item_rule + ".field", &labels[i], "unknown field `" + field + "`");
    }
    for (const auto& label :
         string_list(cx, require(cx, labels[i], "labels", item_rule), item_rule + ".labels")) {
      std::string key = squash(label);
      if (g.header.labels.emplace(key, known->second).second && !key.empty()) {
        g.header.labels_by_initial[std::string(initial_of(key))].emplace_back(key, known->second);
      }
      g.header.longest_label_bytes = std::max(g.header.longest_label_bytes, key.size());
    }
  }
  g.header.initials.assign(0x10000 / 64, 0);
  auto mark_initial = [&](std::string_view key) {
    const char32_t c = first_character(key);
    if (c < 0x10000) g.header.initials[c / 64] |= std::uint64_t{1} << (c % 64);
  };
  for (const auto& [initial, labels] : g.header.labels_by_initial) mark_initial(initial);
  for (const auto& prefix : g.header.ignore_prefixes) mark_initial(prefix);
  // {"key": ["label", …], …} with keys from `keys`.
  auto keyed_labels = [&](const json& object, const std::string& where,
                          std::initializer_list<const char*> keys,
                          std::unordered_map<std::string, std::string>& out) {
    if (!object.is_object()) cx.fail(where, &object, "must be an object of label lists");
    for (const auto& item : object.items()) {
      const std::string key = item.key();
      if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; }))
        cx.fail(where, &item.value(), "unknown key `" + key + "`");
      for (const auto& label : string_list(cx, item.value(), where + "." + key))
        out[squash(label)] = key;
    }
  };
  if (header.contains("budget")) {
    const json& budget = header.at("budget");
    keyed_labels(require(cx, budget, "columns", rule + ".budget"), rule + ".budget.columns",
                 {"initial", "full_year", "executed", "weight", "execution_rate", "score"},
                 g.header.budget_columns);
    keyed_labels(require(cx, budget, "rows", rule + ".budget"), rule + ".budget.rows",
                 {"total", "fiscal", "carryover", "other"}, g.header.budget_rows);
  }
  if (header.contains("tasks")) {
    keyed_labels(require(cx, header.at("tasks"), "columns", rule + ".tasks"),
                 rule + ".tasks.columns", {"name", "content", "amount"}, g.header.task_columns);
  }
}

void load_table(const Context& cx, const json& table, Grammar& g) {
  const std::string rule = "table";
  const json& columns = require(cx, table, "columns", rule);
  static const std::map<std::string, Column> kColumns{{"type", Column::type},
                                                      {"level1", Column::level1},
                                                      {"level2", Column::level2},
                                                      {"name", Column::name},
                                                      {"value", Column::value},
                                                      {"op", Column::op},
                                                      {"unit", Column::unit},
                                                      {"value_type", Column::value_type},
                                                      {"weight", Column::weight},
                                                      {"direction", Column::direction},
                                                      {"explanation", Column::explanation},
                                                      {"scoring", Column::scoring},
                                                      {"remark", Column::remark},
                                                      {"actual", Column::actual},
                                                      {"score", Column::score},
                                                      {"deviation", Column::deviation},
                                                      {"previous", Column::previous},
                                                      {"standard", Column::standard}};
  for (const auto& [key, value] : columns.items()) {
    auto known = kColumns.find(key);
    if (known == kColumns.end()) cx.fail(rule + ".columns", &value, "unknown column `" + key + "`");
    for (const auto& label : string_list(cx, value, rule + ".columns." + key)) {
      g.table.columns.emplace(squash(label), known->second);
    }
  }
  if (table.contains("column_year")) {
    Macros none;
    g.table.column_year = compile(cx, none, rule + ".column_year", table.at("column_year"));
  }
  for (const auto& mark : optional_list(cx, table, "long_term_marks", rule))
    g.table.long_term_marks.push_back(squash(mark));
  if (table.contains("signature")) {
    Macros none;
    g.table.signature = compile(cx, none, rule + ".signature", table.at("signature"));
  }
  g.table.min_labels = optional_int(cx, table, "min_labels", 2, rule);
  for (const auto& type : optional_list(cx, table, "performance_types", rule)) {
    g.table.performance_types.push_back(squash(type));
  }
  g.table.fragment_min_chars = optional_int(cx, table, "fragment_min_chars", 2, rule);
  for (const auto& label : optional_list(cx, table, "total_labels", rule)) {
    g.table.total_labels.push_back(squash(label));
  }
  if (table.contains("performance_type")) {
    Macros none;
    g.table.performance_type =
        compile(cx, none, rule + ".performance_type", table.at("performance_type"));
  }
}

void load_level_list(const Context& cx, const Macros& macros, const json& list,
                     const std::string& rule, std::vector<Level>& levels,
                     std::unordered_map<std::string, int>& aliases) {
  if (!list.is_array()) cx.fail(rule, &list, "must be a list");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_rule = rule + "[" + std::to_string(i) + "]";
    Level level;
    level.name = require_string(cx, list[i], "name", item_rule);
    level.parents = optional_list(cx, list[i], "parents", item_rule);
    level.money = list[i].value("money", false);
    if (list[i].contains("fits"))
      level.fits = compile(cx, macros, item_rule + ".fits", list[i].at("fits"));
    if (list[i].contains("hints"))
      level.hints = compile(cx, macros, item_rule + ".hints", list[i].at("hints"));
    const int index = static_cast<int>(levels.size());
    level.key = squash(level.name);
    aliases.emplace(level.key, index);
    for (const auto& alias : optional_list(cx, list[i], "aliases", item_rule)) {
      aliases.emplace(squash(alias), index);
    }
    levels.push_back(std::move(level));
  }
}

void load_levels(const Context& cx, const Macros& m, const json& levels, Grammar& g) {
  const std::string rule = "levels";
  g.levels.annotation = compile_key(cx, m, levels, "annotation", rule);
  g.levels.number_prefix = compile_key(cx, m, levels, "number_prefix", rule);
  for (const auto& ending : optional_list(cx, levels, "label_endings", rule))
    g.levels.label_endings.push_back(squash(ending));
  load_level_list(cx, m, require(cx, levels, "level1", rule), rule + ".level1", g.levels.level1,
                  g.levels.level1_aliases);
  load_level_list(cx, m, require(cx, levels, "level2", rule), rule + ".level2", g.levels.level2,
                  g.levels.level2_aliases);
  const json& level2 = levels.at("level2");
  for (std::size_t i = 0; i < g.levels.level2.size(); ++i) {
    const Level& level = g.levels.level2[i];
    for (std::size_t j = 0; j < level.parents.size(); ++j) {
      if (g.levels.level1_aliases.count(squash(level.parents[j]))) continue;
      cx.fail(rule + ".level2[" + std::to_string(i) + "].parents[" + std::to_string(j) + "]",
              &level2[i].at("parents")[j],
              "`" + level.name + "` names an unknown parent `" + level.parents[j] + "`");
    }
  }
}

void load_indicators(const Context& cx, const Macros& m, const json& indicators, Grammar& g) {
  const std::string rule = "indicators";
  g.indicators.name_prefix = compile_key(cx, m, indicators, "name_prefix", rule);
  g.indicators.numbered_item = compile_key(cx, m, indicators, "numbered_item", rule);
  if (g.indicators.numbered_item.group_index("n") < 0) {
    cx.fail(rule + ".numbered_item", &indicators.at("numbered_item"), "needs a group named `n`");
  }
  g.indicators.value_split = compile_key(cx, m, indicators, "value_split", rule);
  if (indicators.contains("name_value"))
    g.indicators.name_value = compile(cx, m, rule + ".name_value", indicators.at("name_value"));
  g.indicators.wrap_max_chars = optional_int(cx, indicators, "wrap_max_chars", 4, rule);
}

std::vector<Comparator> load_comparators(const Context& cx, const json& list,
                                         const std::string& rule) {
  if (!list.is_array()) cx.fail(rule, &list, "must be a list");
  std::vector<Comparator> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_rule = rule + "[" + std::to_string(i) + "]";
    Comparator c;
    c.op = require_string(cx, list[i], "op", item_rule);
    if (c.op != ">=" && c.op != "<=" && c.op != ">" && c.op != "<" && c.op != "=") {
      cx.fail(item_rule + ".op", &list[i], "op must be one of >= <= > < =");
    }
    c.before = optional_list(cx, list[i], "before", item_rule);
    c.after = optional_list(cx, list[i], "after", item_rule);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> words(const std::vector<Comparator>& comparators,
                               std::vector<std::string> Comparator::*side) {
  std::vector<std::string> out;
  for (const auto& c : comparators) out.insert(out.end(), (c.*side).begin(), (c.*side).end());
  return out;
}

// Defines the macros that come from the value vocabularies. An empty word
// list becomes a pattern that never matches, so rules stay valid.
void define_value_macros(const Grammar& g, Macros& m) {
  auto define_words = [&](const std::string& name, const std::vector<std::string>& list) {
    m.define(name, list.empty() ? "(?!)" : word_alternation(list));
  };
  define_words("OP_BEFORE", words(g.values.comparators, &Comparator::before));
  define_words("OP_AFTER", words(g.values.comparators, &Comparator::after));
  define_words("DATE_OP_BEFORE", words(g.values.date_comparators, &Comparator::before));
  define_words("DATE_OP_AFTER", words(g.values.date_comparators, &Comparator::after));
  std::vector<std::string> magnitudes;
  for (const auto& [character, multiplier] : g.values.magnitudes) magnitudes.push_back(character);
  const std::string units = word_alternation(g.values.units);
  const std::string mags = magnitudes.empty() ? "(?!)" : word_alternation(magnitudes);
  const std::string suffix =
      g.values.unit_suffix.empty() ? "" : "(?:" + g.values.unit_suffix + ")?";
  m.define("UNIT", "(?:(?:" + mags + "*" + units + suffix + "|" + mags +
                       "+)(?:" + (g.values.per_unit.empty() ? "(?!)" : g.values.per_unit) + ")?)");
  std::vector<std::string> numerals;
  for (const auto& [character, digit] : g.values.chinese_digits) numerals.push_back(character);
  for (const auto& [character, power] : g.values.chinese_multipliers) numerals.push_back(character);
  m.define("CNUM", numerals.empty() ? "(?!)" : word_alternation(numerals) + "+");
}

// A digit is 0..9 (a year spelled digit by digit takes one each); a
// multiplier is a power of ten, 1..12.
std::map<std::string, int> small_numbers(const Context& cx, const json& object,
                                         const std::string& key, const std::string& rule, int low,
                                         int high) {
  std::map<std::string, int> out;
  if (!object.contains(key)) return out;
  for (const auto& [character, value] : object.at(key).items()) {
    if (!value.is_number_integer() || value.get<int>() < low || value.get<int>() > high) {
      cx.fail(rule + "." + key + "." + character, &value,
              "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    }
    out[character] = value.get<int>();
  }
  return out;
}

void load_values(const Context& cx, Macros& m, const json& values, Grammar& g) {
  const std::string rule = "values";
  g.values.empty = optional_list(cx, values, "empty", rule);
  if (values.contains("qualitative"))
    g.values.qualitative = compile(cx, m, rule + ".qualitative", values.at("qualitative"));
  if (values.contains("qualitative_tail"))
    g.values.qualitative_tail =
        compile(cx, m, rule + ".qualitative_tail", values.at("qualitative_tail"));
  g.values.wrap_completions = optional_list(cx, values, "wrap_completions", rule);
  g.values.comparators =
      load_comparators(cx, require(cx, values, "comparators", rule), rule + ".comparators");
  if (values.contains("date_comparators")) {
    g.values.date_comparators =
        load_comparators(cx, values.at("date_comparators"), rule + ".date_comparators");
  }
  g.values.units = string_list(cx, require(cx, values, "units", rule), rule + ".units");
  g.values.per_unit = values.value("per_unit", "");
  if (!g.values.per_unit.empty()) {
    // (Checked as written first, so that an error names its line.)
    compile(cx, m, rule + ".per_unit", values.at("per_unit"));
    g.values.per_unit_at_end =
        compile(cx, m, rule + ".per_unit", json("(?:" + g.values.per_unit + ")$"));
  }
  g.values.unit_suffix = values.value("unit_suffix", "");
  if (values.contains("magnitudes")) {
    for (const auto& [character, multiplier] : values.at("magnitudes").items()) {
      long long value = multiplier.is_number_integer() ? multiplier.get<long long>() : 0;
      int exponent = 0;
      while (value >= 10 && value % 10 == 0) {
        value /= 10;
        ++exponent;
      }
      if (value != 1 || exponent == 0) {
        cx.fail(rule + ".magnitudes." + character, &multiplier,
                "must be a power of ten (10, 100, …)");
      }
      g.values.magnitudes[character] = exponent;
    }
  }
  g.values.money_unit = values.value("money_unit", "元");
  if (values.contains("chinese_numerals")) {
    const json& numerals = values.at("chinese_numerals");
    g.values.chinese_digits =
        small_numbers(cx, numerals, "digits", rule + ".chinese_numerals", 0, 9);
    g.values.chinese_multipliers =
        small_numbers(cx, numerals, "multipliers", rule + ".chinese_numerals", 1, 12);
    g.values.year_marks = optional_list(cx, numerals, "year_marks", rule + ".chinese_numerals");
    g.values.part_marks = optional_list(cx, numerals, "part_marks", rule + ".chinese_numerals");
  }
  if (values.contains("max_rate")) {
    const json& rate = values.at("max_rate");
    if (!rate.is_number()) cx.fail(rule + ".max_rate", &rate, "must be a number");
    g.values.max_rate = rate.dump();
  }
  g.values.date_far_years = optional_int(cx, values, "date_far_years", 1, rule);
  define_value_macros(g, m);

  static const std::vector<std::string> kKinds{"period",   "date",        "composite", "range",
                                               "quantity", "placeholder", "text"};
  const json& rules = require(cx, values, "rules", rule);
  if (!rules.is_array()) cx.fail(rule + ".rules", &rules, "must be a list");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string item_rule = rule + ".rules[" + std::to_string(i) + "]";
    ValueRule value_rule;
    value_rule.kind = require_string(cx, rules[i], "kind", item_rule);
    if (std::find(kKinds.begin(), kKinds.end(), value_rule.kind) == kKinds.end()) {
      cx.fail(item_rule + ".kind", &rules[i],
              "unknown kind `" + value_rule.kind +
                  "` (period, date, composite, range, quantity, placeholder, text)");
    }
    value_rule.pattern = compile_key(cx, m, rules[i], "pattern", item_rule);
    if (rules[i].contains("unit"))
      value_rule.unit = require_string(cx, rules[i], "unit", item_rule);
    g.values.rules.push_back(std::move(value_rule));
  }
}

void load_audit(const Context& cx, const json& audit, Grammar& g) {
  const std::string rule = "audit";
  auto number_text = [&](const char* key, std::string fallback) {
    if (!audit.contains(key)) return fallback;
    const json& value = audit.at(key);
    if (!value.is_number() || value.get<double>() < 0) {
      cx.fail(rule + "." + key, &value, "must be a number, not below zero");
    }
    return value.dump();
  };
  g.audit.money_tolerance = number_text("money_tolerance", "1");
  g.audit.max_rate = number_text("max_rate", "100");
  g.audit.required_level1 = optional_list(cx, audit, "required_level1", rule);
  g.audit.required_level1_national = optional_list(cx, audit, "required_level1_national", rule);
  g.audit.required_mark = audit.value("required_mark", "");
  g.audit.quantitative_level2 = optional_list(cx, audit, "quantitative_level2", rule);
  static const std::vector<std::string> kFields{"name",   "department", "implementer", "attribute",
                                                "period", "amount",     "goal"};
  g.audit.required_fields = optional_list(cx, audit, "required_fields", rule);
  for (std::size_t i = 0; i < g.audit.required_fields.size(); ++i) {
    const std::string& field = g.audit.required_fields[i];
    if (std::find(kFields.begin(), kFields.end(), field) != kFields.end()) continue;
    cx.fail(rule + ".required_fields[" + std::to_string(i) + "]", &audit.at("required_fields")[i],
            "unknown field `" + field + "`");
  }
  for (std::size_t i = 0; i < g.audit.required_level1.size(); ++i) {
    const std::string& level = g.audit.required_level1[i];
    if (g.levels.level1_aliases.count(squash(level))) continue;
    cx.fail(rule + ".required_level1[" + std::to_string(i) + "]", &audit.at("required_level1")[i],
            "unknown first level `" + level + "`");
  }
  g.audit.goal_citation_words = optional_list(cx, audit, "goal_citation_words", rule);
  g.audit.one_year_attributes = optional_list(cx, audit, "one_year_attributes", rule);
  for (const auto& pair : optional_list(cx, audit, "goal_citation_brackets", rule)) {
    // Two characters: the opening and the closing bracket.
    std::size_t first = 1;
    while (first < pair.size() && (static_cast<unsigned char>(pair[first]) & 0xC0) == 0x80) ++first;
    if (first >= pair.size()) {
      cx.fail(rule + ".goal_citation_brackets", &audit.at("goal_citation_brackets"),
              "each entry is an opening and a closing bracket, like 《》");
    }
    g.audit.goal_citation_brackets.emplace_back(pair.substr(0, first), pair.substr(first));
  }
}

// `inherited`: a grammar whose levels, indicators and values this one takes
// as they are built (load_inheriting), or null.
Grammar build_grammar(const Context& cx, const json& root, const std::string& path,
                      const Grammar* inherited = nullptr);

void load_macros(const Context& cx, const json& root, Macros& m) {
  if (!root.contains("macros")) return;
  for (const auto& [name, body] : root.at("macros").items()) {
    if (body.is_string()) {
      m.define(name, body.get<std::string>());
    } else {
      m.define(name, word_alternation(string_list(cx, body, "macros." + name)));
    }
  }
}

// Strips the first matching ignored prefix (`其中:`) from a squashed label.
std::string_view without_prefix(const Grammar& g, std::string_view key) {
  for (const auto& prefix : g.header.ignore_prefixes) {
    if (key.substr(0, prefix.size()) == prefix) return key.substr(prefix.size());
  }
  return key;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A squashed cell less an annotation (`（必填）`) and a number before it.
std::string strip_key_decorations(const Grammar& g, std::string key) {
  Pattern::Match match;
  if (g.levels.annotation.search(key, match)) key.erase(match.groups[0].offset);
  if (g.levels.number_prefix.search(key, match) && match.groups[0].offset == 0) {
    key.erase(0, match.groups[0].length);
  }
  return key;
}

std::string strip_level_decorations(const Grammar& g, std::string_view cell) {
  return strip_key_decorations(g, squash(cell));
}

}  // namespace

std::string squash(std::string_view text) {
  std::string out;
  append_squashed(out, text);
  return out;
}

void append_squashed(std::string& out, std::string_view text) {
  normalize::append_squashed(out, text);  // `產出 指標` is 产出指标
}

std::size_t squashed_char_count(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    // (Folding to simplified keeps a character a character.)
    count += !is_space(c) && (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
  return count;
}

namespace {

// Takes a bracketed unit off the end of a squashed label (`金额(万元)` is
// `金额`) and gives the unit (`万元`), or "" where there is none.
std::string take_unit_suffix(const Grammar& g, std::string& key) {
  Pattern::Match match;
  if (!g.header.unit_suffix.search(key, match)) return {};
  std::string unit(match.group(g.header.unit_suffix.group_index("unit")));
  key.erase(match.groups[0].offset);
  return unit;
}

// Whether a cell's first character (past white space) can begin a label, or
// an ignored prefix before one.
bool may_be_label(const Grammar& g, std::string_view cell) {
  std::size_t first = 0;
  while (first < cell.size() && is_space(cell[first])) ++first;
  if (first == cell.size()) return false;
  const char32_t c = normalize::fold_character(first_character(cell.substr(first)));
  const auto& bits = g.header.initials;
  if (c >= 0x10000 || bits.empty()) return true;  // (the lookups after decide)
  return (bits[c / 64] >> (c % 64)) & 1;
}

}  // namespace

std::uint64_t Grammar::Serial::next() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

namespace {

// What the vocabulary says of one cell's text, each answer worked out the
// first time it is asked. A table asks the same few questions of each cell
// several times (is it a column label, a level, a title, a performance
// type?) and its labels recur on every page, so each thread keeps the
// answers by text: a question costs one hash lookup instead of squashing the
// cell and searching again.
struct CellFacts {
  std::string key;  // squash(cell)
  std::optional<std::optional<Column>> column;
  std::optional<Grammar::Levels> levels;
  std::optional<bool> title;
  std::optional<bool> performance_type;
  std::optional<std::optional<Grammar::LabelMatch>> label_prefix;
  std::optional<std::optional<Grammar::LabelMatch>> label;
  std::optional<bool> header_fragment;
  std::optional<bool> signature;
  std::optional<bool> level_piece;
  std::optional<bool> known_level_part;
};

// The answers of one thread for one grammar. Bounded: at kMaxCellFacts texts
// (or kMaxCellFactsBytes of them) the memo keeps only those that came back,
// so memory does not grow with the input.
constexpr std::size_t kMaxCellFacts = 8192;
constexpr std::size_t kMaxCellFactsBytes = 1 << 20;
struct FactsMemo {
  std::uint64_t serial = 0;
  source::TextMemo<CellFacts> facts{kMaxCellFacts, kMaxCellFactsBytes};
};
constexpr std::size_t kMemoGrammars = 4;  // the grammars a conversion reads with

// The facts about `cell` for grammar `serial`, with its key made. The
// reference holds until the next call (which may start the memo again).
CellFacts& facts_of(std::uint64_t serial, std::string_view cell) {
  thread_local std::array<FactsMemo, kMemoGrammars> memos;
  thread_local std::size_t next_slot = 0;
  FactsMemo* memo = nullptr;
  for (FactsMemo& m : memos) {
    if (m.serial == serial) memo = &m;
  }
  if (memo == nullptr) {
    memo = &memos[next_slot++ % kMemoGrammars];
    memo->serial = serial;
    memo->facts.clear();
  }
  if (CellFacts* known = memo->facts.find(cell)) return *known;
  CellFacts& made = memo->facts.add(cell);
  made.key = squash(cell);
  return made;
}

}  // namespace

std::optional<Grammar::LabelMatch> Grammar::match_label(std::string_view cell) const {
  if (!may_be_label(*this, cell)) return std::nullopt;
  CellFacts& facts = facts_of(serial.value(), cell);
  if (!facts.label) facts.label = label_of_key(facts.key, cell.size());
  return *facts.label;
}

std::optional<Grammar::LabelMatch> Grammar::label_of_key(std::string_view squashed,
                                                         std::size_t cell_bytes) const {
  std::string key(without_prefix(*this, squashed));
  const std::string unit = take_unit_suffix(*this, key);
  auto it = header.labels.find(key);
  if (it == header.labels.end()) return std::nullopt;
  return LabelMatch{it->second, unit, cell_bytes};
}

std::optional<Grammar::LabelMatch> Grammar::match_label_prefix(std::string_view cell) const {
  CellFacts& facts = facts_of(serial.value(), cell);
  if (!facts.label_prefix) facts.label_prefix = label_prefix_of(cell);
  return *facts.label_prefix;
}

std::optional<Grammar::LabelMatch> Grammar::label_prefix_of(std::string_view cell) const {
  if (!may_be_label(*this, cell)) return std::nullopt;
  // squashed[i] came from cell[from[i]]: the way back from a squashed prefix
  // to the bytes of the cell it covers.
  std::string squashed;
  std::vector<std::size_t> from;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (is_space(cell[i])) continue;
    squashed += cell[i];
    from.push_back(i);
  }
  normalize::fold_traditional(squashed);  // (in place: `from` holds)
  const std::string_view rest_key = without_prefix(*this, squashed);
  const std::size_t skipped = squashed.size() - rest_key.size();
  std::optional<LabelMatch> best;
  if (rest_key.empty()) return std::nullopt;
  const auto initial = header.labels_by_initial.find(std::string(initial_of(rest_key)));
  if (initial == header.labels_by_initial.end()) return std::nullopt;
  for (const auto& [label, field] : initial->second) {
    if (rest_key.substr(0, label.size()) != label) continue;
    std::size_t covered = skipped + label.size();
    std::string unit;
    Pattern::Match match;
    std::string_view after = std::string_view(squashed).substr(covered);
    if (!after.empty() && after.front() == '(' &&
        header.unit_suffix.search(after.substr(0, after.find(')') + 1), match)) {
      unit = std::string(match.group(header.unit_suffix.group_index("unit")));
      covered += match.groups[0].offset + match.groups[0].length;
    }
    if (!best || covered > best->end) best = LabelMatch{field, unit, covered};
  }
  if (!best) return std::nullopt;
  // Convert the squashed length to a byte offset in the cell.
  best->end = best->end == 0 ? 0 : from[best->end - 1] + 1;
  return best;
}

bool Grammar::may_begin_label(std::string_view text) const { return may_be_label(*this, text); }

bool Grammar::begins_label(std::string_view text) const {
  const std::string squashed = squash(text);
  // (`其中：财` begins 其中：财政拨款: the ignored prefix, then a label's start.)
  const std::string key(without_prefix(*this, squashed));
  if (key.empty()) return !squashed.empty();
  const auto initial = header.labels_by_initial.find(std::string(initial_of(key)));
  if (initial == header.labels_by_initial.end()) return false;
  for (const auto& [label, field] : initial->second) {
    if (label.size() > key.size() && label.starts_with(key)) return true;
  }
  return false;
}

std::optional<int> Grammar::match_level1(std::string_view cell) const {
  return match_levels(cell).level1;
}

Grammar::Levels Grammar::match_levels(std::string_view cell) const {
  CellFacts& facts = facts_of(serial.value(), cell);
  if (!facts.levels) facts.levels = levels_of_key(facts.key);
  return *facts.levels;
}

Grammar::Levels Grammar::levels_of_key(std::string_view squashed) const {
  const std::string key = strip_key_decorations(*this, std::string(squashed));
  Levels found;
  if (auto it = levels.level1_aliases.find(key); it != levels.level1_aliases.end())
    found.level1 = it->second;
  if (auto it = levels.level2_aliases.find(key); it != levels.level2_aliases.end())
    found.level2 = it->second;
  return found;
}

Grammar::Levels Grammar::match_cut_level(std::string_view cell) const {
  const std::string key = strip_level_decorations(*this, cell);
  const std::size_t chars = source::char_count(key);
  Levels found;
  if (chars < 3) return found;
  int hits = 0;
  auto look = [&](const std::unordered_map<std::string, int>& aliases, std::optional<int>& slot) {
    for (const auto& [label, level] : aliases) {
      if (label.size() <= key.size() || !label.starts_with(key)) continue;
      if (5 * chars < 3 * source::char_count(label)) continue;
      if (slot != level) ++hits;
      slot = level;
    }
  };
  look(levels.level1_aliases, found.level1);
  look(levels.level2_aliases, found.level2);
  return hits == 1 ? found : Levels{};
}

bool Grammar::ends_as_level_label(std::string_view text) const {
  const std::string key = squash(text);
  return std::any_of(levels.label_endings.begin(), levels.label_endings.end(),
                     [&](const std::string& ending) { return key.ends_with(ending); });
}

bool Grammar::is_level_piece(std::string_view text) const {
  // (The answer is worked out before it is kept: working it out asks the
  // memo other questions, which may move its entries.)
  if (const auto known = facts_of(serial.value(), text).level_piece) return *known;
  const bool piece = is_level_piece_uncached(text);
  facts_of(serial.value(), text).level_piece = piece;
  return piece;
}

bool Grammar::is_level_piece_uncached(std::string_view text) const {
  std::string key = squash(text);
  if (key.empty()) return false;
  if (key.starts_with("(") || key.starts_with("（") || match_levels(text).any()) return true;
  // `益指标（选填）`: a piece with its annotation.
  Pattern::Match m;
  if (levels.annotation.search(key, m) && m.groups[0].offset > 0) key.resize(m.groups[0].offset);
  // `项目完成指标`: a label the grammar does not know ends as labels do.
  auto ending = [](const std::string& name) {
    std::size_t at = name.size();
    for (int chars = 0; chars < 2 && at > 0; ++chars) {
      do --at;
      while (at > 0 && (static_cast<unsigned char>(name[at]) & 0xC0) == 0x80);
    }
    return name.substr(at);
  };
  if (is_known_level_part(key)) return true;
  for (const auto* list : {&levels.level1, &levels.level2}) {
    for (const auto& level : *list) {
      if (key.ends_with(ending(level.key))) return true;
    }
  }
  return false;
}

bool Grammar::is_known_level_part(std::string_view text) const {
  CellFacts& facts = facts_of(serial.value(), text);
  if (!facts.known_level_part) facts.known_level_part = is_known_level_part_key(facts.key);
  return *facts.known_level_part;
}

bool Grammar::is_known_level_part_key(std::string_view key) const {
  if (key.empty()) return false;
  for (const auto* aliases : {&levels.level1_aliases, &levels.level2_aliases}) {
    for (const auto& [label, level] : *aliases) {
      if (label.starts_with(key) || label.ends_with(key)) return true;
    }
  }
  for (const auto* list : {&levels.level1, &levels.level2}) {
    for (const auto& level : *list) {
      const std::string& name = level.key;
      if (name.starts_with(key) || name.ends_with(key)) return true;
    }
  }
  return false;
}

std::optional<int> Grammar::match_level2(std::string_view cell) const {
  return match_levels(cell).level2;
}

std::optional<int> Grammar::sole_level2(int level1) const {
  const std::string& name = levels.level1.at(static_cast<std::size_t>(level1)).name;
  std::optional<int> found;
  for (std::size_t i = 0; i < levels.level2.size(); ++i) {
    const auto& parents = levels.level2[i].parents;
    if (parents.empty() || parents.front() != name) continue;
    if (found) return std::nullopt;
    found = static_cast<int>(i);
  }
  return found;
}

namespace {

// A column label less a bracket at its end (`权重(%)` → `权重`); the
// bracket's content in `note`.
std::string_view without_bracket(std::string_view key, std::string_view* note = nullptr) {
  if (!key.ends_with(')')) return key;
  const auto open = key.rfind('(');
  if (open == std::string_view::npos || open == 0) return key;
  if (note) *note = key.substr(open + 1, key.size() - open - 2);
  return key.substr(0, open);
}

}  // namespace

std::optional<Column> Grammar::match_column(std::string_view cell) const {
  CellFacts& facts = facts_of(serial.value(), cell);
  if (!facts.column) facts.column = column_of_key(facts.key);
  return *facts.column;
}

std::optional<Column> Grammar::column_of_key(const std::string& key) const {
  // A unit or note in brackets after the label (`权重(%)`, `指标值(单位)`,
  // `二级指标(长期)`) does not change the column; nor does a year in it
  // (`预期2022年实现值`).
  for (std::string_view k : {std::string_view(key), without_bracket(key)}) {
    if (const auto it = table.columns.find(std::string(k)); it != table.columns.end())
      return it->second;
  }
  if (table.column_year.empty()) return std::nullopt;
  std::string yearless;
  std::size_t from = 0;
  Pattern::Match m;
  while (from < key.size() && table.column_year.search(key, m, from) && m.groups[0].length > 0) {
    yearless.append(key, from, m.groups[0].offset - from);
    from = m.groups[0].offset + m.groups[0].length;
  }
  if (from == 0) return std::nullopt;
  yearless.append(key, from);
  for (std::string_view k : {std::string_view(yearless), without_bracket(yearless)}) {
    if (const auto it = table.columns.find(std::string(k)); it != table.columns.end())
      return it->second;
  }
  return std::nullopt;
}

bool Grammar::is_long_term_column(std::string_view cell) const {
  const std::string key = squash(cell);
  std::string_view note;
  without_bracket(key, &note);
  return !note.empty() && std::find(table.long_term_marks.begin(), table.long_term_marks.end(),
                                    note) != table.long_term_marks.end();
}

std::optional<Grammar::WordMatch> Grammar::match_word_prefix(std::string_view text) const {
  std::optional<WordMatch> best;
  if (const auto label = match_label_prefix(text))
    best = WordMatch{WordKind::header_label, label->end, label->field};
  const auto initial = words_by_initial.find(std::string(initial_of(text)));
  if (initial == words_by_initial.end()) return best;
  for (const auto& [word, kind] : initial->second) {
    if (!text.starts_with(word)) continue;
    std::size_t end = word.size();
    // `权重(%)`: a bracketed note after a column label belongs to it.
    if (kind == WordKind::column && end < text.size() && text[end] == '(') {
      if (const auto close = text.find(')', end);
          close != std::string_view::npos && close - end <= 16)
        end = close + 1;
    }
    if (!best || end > best->end) best = WordMatch{kind, end, std::nullopt};
    break;  // longest first: the rest are shorter
  }
  return best;
}

namespace {

// Whether a text is no longer than a title may be (a character is one to
// four bytes: only a text between is counted).
bool title_length(const Grammar& g, std::string_view text) {
  const auto max = static_cast<std::size_t>(g.document.title_max_chars);
  if (text.size() <= max) return true;
  return text.size() <= 4 * max && source::char_count(text) <= max;
}

}  // namespace

bool Grammar::is_title(std::string_view cell) const {
  if (!title_length(*this, cell)) return false;
  CellFacts& facts = facts_of(serial.value(), cell);
  if (!facts.title) facts.title = document.title.contains(facts.key);
  return *facts.title;
}

const std::string& Grammar::squashed(std::string_view cell) const {
  return facts_of(serial.value(), cell).key;
}

bool Grammar::is_signature_cell(std::string_view cell) const {
  if (table.signature.empty()) return false;
  CellFacts& facts = facts_of(serial.value(), cell);
  if (!facts.signature) facts.signature = table.signature.contains(facts.key);
  return *facts.signature;
}

bool Grammar::is_title_of(std::string_view cell, std::string_view key) const {
  return title_length(*this, cell) && document.title.contains(key);
}

bool Grammar::is_title_once(std::string_view squashed) const {
  if (!title_length(*this, squashed)) return false;
  return document.title.contains(squashed);
}

bool Grammar::is_performance_type(std::string_view cell) const {
  CellFacts& facts = facts_of(serial.value(), cell);
  if (!facts.performance_type) facts.performance_type = is_performance_type_key(facts.key);
  return *facts.performance_type;
}

bool Grammar::is_listing_column(std::string_view cell) const {
  if (header.listing_columns.empty()) return false;
  std::string key = squashed(cell);
  take_unit_suffix(*this, key);
  return std::find(header.listing_columns.begin(), header.listing_columns.end(), key) !=
         header.listing_columns.end();
}

bool Grammar::is_listing_heading(const std::vector<std::string_view>& cells) const {
  if (cells.size() < 2 || header.listing_columns.empty()) return false;
  // (The labels first: they are remembered per cell, and most rows have no
  // name label, so the listing words are looked at in few rows.)
  int names = 0;
  for (const auto cell : cells) {
    const auto label = match_label(cell);
    if (label && label->field != HeaderField::name) return false;
    names += label.has_value();
  }
  if (names != 1) return false;
  return std::all_of(cells.begin(), cells.end(), [&](std::string_view cell) {
    return is_listing_column(cell) || match_label(cell).has_value();
  });
}

bool Grammar::is_performance_type_key(const std::string& key) const {
  return std::find(table.performance_types.begin(), table.performance_types.end(), key) !=
             table.performance_types.end() ||
         table.performance_type.contains(key);
}

bool Grammar::is_header_fragment(std::string_view cell) const {
  CellFacts& facts = facts_of(serial.value(), cell);
  if (!facts.header_fragment) facts.header_fragment = is_header_fragment_key(facts.key);
  return *facts.header_fragment;
}

bool Grammar::is_header_fragment_key(const std::string& key) const {
  if (key.empty() || source::char_count(key) < static_cast<std::size_t>(table.fragment_min_chars))
    return false;
  if (is_fragment_of_words(key)) return true;
  // `一级指二级指标`: a column label's head and the next label, their lines
  // run together.
  constexpr std::size_t kMaxJoinedChars = 16;
  if (source::char_count(key) > kMaxJoinedChars) return false;
  for (std::size_t at = 1; at < key.size(); ++at) {
    if ((static_cast<unsigned char>(key[at]) & 0xC0) == 0x80) continue;
    const std::string head = key.substr(0, at), tail = key.substr(at);
    // (One part a whole column label, the other a piece of one, each of
    // three characters or more: `经常性项目` is no `经常性` and `项目`.)
    auto column = [&](const std::string& part) { return table.columns.count(part) > 0; };
    auto piece = [&](const std::string& part) {
      return column(part) || (source::char_count(part) >= 3 && is_fragment_of_words(part));
    };
    if ((column(head) && piece(tail)) || (piece(head) && column(tail))) return true;
  }
  return false;
}

bool Grammar::is_fragment_of_words(const std::string& key) const {
  return word_pieces.count(key) > 0;
}

namespace {

void index_words(Grammar& g) {
  auto add = [&g](const std::string& word, WordKind kind) {
    if (!word.empty()) g.words_by_initial[std::string(initial_of(word))].emplace_back(word, kind);
  };
  for (const auto& [label, column] : g.table.columns) add(label, WordKind::column);
  for (const auto& [label, level] : g.levels.level1_aliases) add(label, WordKind::level1);
  for (const auto& [label, level] : g.levels.level2_aliases) add(label, WordKind::level2);
  for (const auto& type : g.table.performance_types) add(type, WordKind::performance_type);
  for (auto& [initial, words] : g.words_by_initial) {
    std::stable_sort(words.begin(), words.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }
  // A piece: a head or a tail shorter than the word, cut between characters.
  auto add_pieces = [&g](std::string_view word) {
    for (std::size_t at = 1; at < word.size(); ++at) {
      if ((static_cast<unsigned char>(word[at]) & 0xC0) == 0x80) continue;
      g.word_pieces.emplace(word.substr(0, at));
      g.word_pieces.emplace(word.substr(at));
    }
  };
  for (const auto& type : g.table.performance_types) add_pieces(type);
  for (const auto& [label, column] : g.table.columns) add_pieces(label);
  // The column labels of a grid in the header (`年初预` over `算数`).
  for (const auto* grid : {&g.header.budget_columns, &g.header.task_columns}) {
    for (const auto& [label, key] : *grid) add_pieces(label);
  }
}

// How deep a grammar's lists and objects may nest. Real grammars nest under
// 10 levels. nlohmann's parser keeps its own stack, but dump() (which
// line_of_value uses), copies and merge_patch recurse, so a file nested
// 100,000 deep would overflow the stack: it is refused before parsing.
constexpr int kMaxNesting = 64;

// Where `text` first opens a list or object deeper than kMaxNesting, or npos.
// Strings and comments are skipped as the parser skips them; text that is not
// JSON is left for the parser to report.
std::size_t too_deep_at(std::string_view text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '/' && next == '/') {
      i = text.find_first_of("\n\r", i);
      if (i == std::string_view::npos) return i;
    } else if (c == '/' && next == '*') {
      i = text.find("*/", i + 2);
      if (i == std::string_view::npos) return i;
      ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return i;
    } else if (c == ']' || c == '}') {
      depth = std::max(depth - 1, 0);
    }
  }
  return std::string_view::npos;
}

json parse_grammar_json(std::string_view text, const std::string& path) {
  if (const std::size_t at = too_deep_at(text); at != std::string_view::npos) {
    Context cx{text, path};
    throw GrammarError(path + ":" + std::to_string(cx.line_of_offset(at)) +
                       ": lists and objects nested more than " + std::to_string(kMaxNesting) +
                       " levels deep (jixiao's limit; a grammar needs fewer than 10)");
  }
  try {
    return json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const json::parse_error& e) {
    Context cx{text, path};
    throw GrammarError(path + ":" + std::to_string(cx.line_of_offset(e.byte > 0 ? e.byte - 1 : 0)) +
                       ": not valid JSON: " + e.what());
  } catch (const json::exception& e) {
    // A number too large for a double (`1e2000`), and the like.
    throw GrammarError(path + ": not valid JSON: " + e.what());
  }
}

// `"extends": NAME`: the grammar NAME (built in, or NAME.jsonc beside
// `path`) with this one merged over it.
json resolve_extends(json root, const std::string& path, int depth);

}  // namespace

std::string compact_jsonc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {  // a string, whole, escapes and all
      std::size_t end = i + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, text.size());
      out.append(text.substr(i, end - i));
      i = end;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = text.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      const std::size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

namespace {

// An embedded grammar's text parsed once: each start-up loads every built-in
// grammar, and those that extend the default read it again as their base
// (parsing it was a tenth of a small file's whole run). Trees are copied
// only where a grammar is merged over its base.
const json& parsed_embedded(const EmbeddedGrammar& grammar, const std::string& path) {
  static std::mutex mutex;
  static auto* parsed = new std::map<std::string, json, std::less<>>();
  std::lock_guard lock(mutex);
  auto found = parsed->find(grammar.name);
  if (found == parsed->end()) {
    // Its comments and layout taken out first, in one pass: the JSON
    // library reads a comment a character at a time, and the built-in
    // grammars are half comments (40% of their parse). They are known
    // good (tests load them): only a text that fails is parsed again, for
    // the message with its line.
    json root = json::parse(compact_jsonc(grammar.text), nullptr, false);
    if (root.is_discarded()) root = parse_grammar_json(grammar.text, path);
    found = parsed->emplace(std::string(grammar.name), std::move(root)).first;
  }
  return found->second;  // (a map's nodes stay where they are)
}

// The embedded grammar of this name, or null.
const EmbeddedGrammar* embedded_named(std::string_view name) {
  for (const EmbeddedGrammar& e : embedded_grammars()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

// The embedded grammar whose text this is (the very bytes, not a copy), or null.
const EmbeddedGrammar* embedded_with_text(std::string_view text) {
  for (const EmbeddedGrammar& e : embedded_grammars()) {
    if (e.text.data() == text.data() && e.text.size() == text.size()) return &e;
  }
  return nullptr;
}

bool has_extends(const json& root) { return root.is_object() && root.contains("extends"); }

// An embedded grammar with its own bases merged in, read once however many
// grammars extend it (each start-up loads them all).
const json& resolved_embedded(const EmbeddedGrammar& grammar, const std::string& path, int depth) {
  const json& parsed = parsed_embedded(grammar, path);
  if (!has_extends(parsed)) return parsed;
  static std::recursive_mutex mutex;  // (a base may extend another)
  static auto* resolved = new std::map<std::string, json, std::less<>>();
  std::lock_guard lock(mutex);
  auto found = resolved->find(grammar.name);
  if (found == resolved->end()) {
    found =
        resolved->emplace(std::string(grammar.name), resolve_extends(parsed, path, depth)).first;
  }
  return found->second;
}

json resolve_extends(json root, const std::string& path, int depth) {
  if (!root.is_object() || !root.contains("extends")) return root;
  const json& name = root.at("extends");
  if (!name.is_string()) throw GrammarError(path + ": `extends` must name a grammar");
  if (depth > 8) throw GrammarError(path + ": `extends` goes round in a circle");
  const std::string base_name = name.get<std::string>();
  const auto dir = std::filesystem::path(path).parent_path();
  const auto beside = dir / (base_name + ".jsonc");
  std::error_code ec;
  json base;
  if (path.rfind("(embedded)", 0) != 0 && std::filesystem::is_regular_file(beside, ec)) {
    std::ifstream in(beside, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    base = resolve_extends(parse_grammar_json(text.str(), beside.string()), beside.string(),
                           depth + 1);
  } else {
    const EmbeddedGrammar* named = embedded_named(base_name);
    if (!named)
      throw GrammarError(path + ": `extends`: no grammar `" + base_name +
                         "` (neither built in nor " + beside.string() + ")");
    base = resolved_embedded(*named, "(embedded) " + base_name, depth + 1);
  }
  root.erase("extends");
  base.merge_patch(root);
  return base;
}

}  // namespace

namespace {

// The sections of a grammar built from its macros and their own text alone
// (load_levels, load_indicators, load_values).
constexpr const char* kBuiltAlone[] = {"levels", "indicators", "values"};

// A built-in grammar that extends another built-in one and changes none of
// kBuiltAlone nor the macros takes those sections from its base as they
// are built, and only the rest of the base's text is merged with its own
// (its audit too, which is built again: it may change it, and it is read
// with the levels). Each start-up loads every built-in grammar, and
// building the default's values and levels again for each grammar that
// extends it, with its text copied, was a sixth of converting a small file.
// Null where this does not apply.
std::optional<Grammar> load_inheriting(const Context& cx, const json& own,
                                       const std::string& base_name, const std::string& path) {
  if (own.contains("macros")) return std::nullopt;
  for (const char* key : kBuiltAlone) {
    if (own.contains(key)) return std::nullopt;
  }
  const EmbeddedGrammar* base_text = embedded_named(base_name);
  if (!base_text) return std::nullopt;
  const Grammar* base = builtin_grammar(base_name);
  const json& base_root = resolved_embedded(*base_text, "(embedded) " + base_name, 1);
  if (!base || !base_root.is_object()) return std::nullopt;
  json merged = json::object();
  for (const auto& [key, value] : base_root.items()) {
    if (std::find(std::begin(kBuiltAlone), std::end(kBuiltAlone), key) == std::end(kBuiltAlone))
      merged[key] = value;
  }
  json patch = own;
  patch.erase("extends");
  merged.merge_patch(patch);
  return build_grammar(cx, merged, path, base);
}

}  // namespace

Grammar load_grammar(std::string_view text, std::string path) {
  const EmbeddedGrammar* embedded = embedded_with_text(text);
  json own;
  if (!embedded) own = parse_grammar_json(text, path);
  const json& read = embedded ? parsed_embedded(*embedded, path) : own;
  // The base's name, kept before resolve_extends merges it away.
  const bool extends_another = has_extends(read);
  std::string extends;
  if (extends_another && read.at("extends").is_string())
    extends = read.at("extends").get<std::string>();
  if (embedded && extends_another && !extends.empty()) {
    try {
      if (auto g = load_inheriting(Context{text, path}, read, extends, path)) {
        g->extends = std::move(extends);
        return std::move(*g);
      }
    } catch (const json::exception& e) {
      throw GrammarError(path + ": a value of the wrong type: " + e.what());
    }
  }
  // A grammar that extends none is read as parsed (an embedded one from
  // where it was parsed, not copied).
  json merged;
  if (extends_another) merged = resolve_extends(embedded ? json(read) : std::move(own), path, 0);
  const json& root = extends_another ? merged : read;
  Context cx{text, path};
  if (!root.is_object()) cx.fail("(top level)", nullptr, "a grammar is a JSON object");
  try {
    Grammar g = build_grammar(cx, root, path);
    g.extends = std::move(extends);
    return g;
  } catch (const json::exception& e) {
    // A value of the wrong type where no rule checked it (`"money": "yes"`).
    throw GrammarError(path + ": a value of the wrong type: " + e.what());
  }
}

namespace {

Grammar build_grammar(const Context& cx, const json& root, const std::string& path,
                      const Grammar* inherited) {
  Grammar g;
  g.path = path;
  g.name = require_string(cx, root, "name", "(top level)");
  if (root.contains("table_type"))
    g.table_type = require_string(cx, root, "table_type", "(top level)");
  if (root.contains("description"))
    g.description = require_string(cx, root, "description", "(top level)");
  Macros macros;
  load_macros(cx, root, macros);
  load_document(cx, macros, require(cx, root, "document", "(top level)"), g);
  load_header(cx, macros, require(cx, root, "header", "(top level)"), g);
  load_table(cx, require(cx, root, "table", "(top level)"), g);
  if (inherited) {
    g.levels = inherited->levels;
    g.indicators = inherited->indicators;
    g.values = inherited->values;
  } else {
    load_levels(cx, macros, require(cx, root, "levels", "(top level)"), g);
    load_indicators(cx, macros, require(cx, root, "indicators", "(top level)"), g);
    load_values(cx, macros, require(cx, root, "values", "(top level)"), g);
  }
  if (root.contains("audit")) load_audit(cx, root.at("audit"), g);  // (read with the levels)
  index_words(g);
  return g;
}

}  // namespace

Grammar load_grammar_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GrammarError(path + ": cannot open the grammar file");
  std::ostringstream text;
  text << in.rdbuf();
  return load_grammar(text.str(), path);
}

const Grammar* builtin_grammar(std::string_view name) {
  // Loaded once each, on first use, and kept for the life of the program:
  // never destroyed, since freeing their thousands of strings and patterns
  // at exit was time every run paid for nothing. (Recursive: a grammar that
  // extends another loads it first.)
  static std::recursive_mutex mutex;
  static auto& loaded = *new std::map<std::string, std::unique_ptr<Grammar>, std::less<>>;
  const std::lock_guard lock(mutex);
  if (auto it = loaded.find(name); it != loaded.end()) return it->second.get();
  const EmbeddedGrammar* e = embedded_named(name);
  if (!e) return nullptr;
  auto grammar =
      std::make_unique<Grammar>(load_grammar(e->text, "(embedded) " + std::string(e->name)));
  return loaded.emplace(std::string(name), std::move(grammar)).first->second.get();
}

std::vector<const Grammar*> builtin_grammars() {
  std::vector<const Grammar*> out;
  for (const auto& e : embedded_grammars()) out.push_back(builtin_grammar(e.name));
  return out;
}

const Grammar& default_grammar() { return *builtin_grammar(embedded_grammars().front().name); }

namespace {

// `1 rule`, `30 rules`.
std::string count(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + ' ' + std::string(n == 1 ? one : many);
}

}  // namespace

std::string summary(const Grammar& g) {
  std::string out = "table_type " + g.table_type;
  if (!g.extends.empty()) out += ", extends " + g.extends;
  return out + "; " + count(g.header.labels.size(), "header label", "header labels") + ", " +
         count(g.table.columns.size(), "column label", "column labels") + ", " +
         count(g.levels.level1.size(), "first level", "first levels") + ", " +
         count(g.levels.level2.size(), "second level", "second levels") + ", " +
         count(g.values.units.size(), "unit", "units") + ", " +
         count(g.values.rules.size(), "value rule", "value rules");
}

}  // namespace jixiao::grammar
