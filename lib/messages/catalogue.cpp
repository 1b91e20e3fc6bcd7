#include "messages/catalogue.h"

#include <array>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace jixiao::messages {
namespace {

using nlohmann::json;

// A template may name another ({@name}); a few levels are all any needs,
// and the bound keeps a template that names itself from looping.
constexpr int kMaxDepth = 4;

const char* key(Language language) { return language == Language::zh ? "zh" : "en"; }

// Parsed once, on first use (thread-safe as a function's static).
const json& catalogue() {
  static const json parsed = json::parse(catalogue_text(), nullptr, true, /*comments*/ true);
  return parsed;
}

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

// An entry of the catalogue and its template in each language (null where
// it has none).
struct Entry {
  const json* node = nullptr;
  std::array<const std::string*, 2> templates{};
};
template <typename T>
using ByName = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

// The catalogue indexed by section and id, built once: every diagnostic's
// message is looked up, and the JSON's own maps want a std::string key made
// for each lookup and compare it along a tree.
const ByName<ByName<Entry>>& index() {
  static const ByName<ByName<Entry>> built = [] {
    ByName<ByName<Entry>> out;
    for (const auto& [section, entries] : catalogue().items()) {
      if (!entries.is_object()) continue;
      auto& table = out[section];
      for (const auto& [id, node] : entries.items()) {
        Entry entry;
        entry.node = &node;
        for (const Language language : {Language::en, Language::zh}) {
          const auto found = node.is_object() ? node.find(key(language)) : node.end();
          if (node.is_object() && found != node.end() && found->is_string())
            entry.templates[static_cast<int>(language)] = found->get_ptr<const std::string*>();
        }
        table.emplace(id, entry);
      }
    }
    return out;
  }();
  return built;
}

const Entry* entry_of(std::string_view section, std::string_view id) {
  const auto table = index().find(section);
  if (table == index().end()) return nullptr;
  const auto found = table->second.find(id);
  return found == table->second.end() ? nullptr : &found->second;
}

const json* find(std::string_view section, std::string_view id) {
  const Entry* entry = entry_of(section, id);
  return entry == nullptr ? nullptr : entry->node;
}

// The template, or nullptr when the catalogue lacks it.
const std::string* pattern_of(std::string_view section, std::string_view id, Language language) {
  const Entry* entry = entry_of(section, id);
  return entry == nullptr ? nullptr : entry->templates[static_cast<int>(language)];
}

std::string_view value_of(const Args& args, std::string_view name) {
  for (const auto& [n, v] : args) {
    if (n == name) return v;
  }
  return {};
}

std::vector<std::string_view> split_items(std::string_view value) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0; at <= value.size();) {
    const std::size_t end = std::min(value.find(kItemSeparator, at), value.size());
    out.push_back(value.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::string fill(std::string_view section, std::string_view id, Language language, const Args& args,
                 int depth);

// The items of a value, each as itself or (`refer`) as the template it names.
std::string list(std::string_view section, std::string_view value, bool refer, Language language,
                 const Args& args, int depth) {
  std::string out;
  for (std::string_view item : split_items(value)) {
    if (item.empty()) continue;
    if (!out.empty()) out += text(language, "item-separator");
    out += refer ? fill(section, item, language, args, depth + 1) : std::string(item);
  }
  return out;
}

// `spec`, what stands between `{` and `}`.
std::string placeholder(std::string_view section, std::string_view spec, Language language,
                        const Args& args, int depth) {
  if (spec.starts_with('@'))
    return list(section, value_of(args, spec.substr(1)), true, language, args, depth);
  if (spec.ends_with('*'))
    return list(section, value_of(args, spec.substr(0, spec.size() - 1)), false, language, args,
                depth);
  const std::size_t bar = spec.find('|');
  const std::string_view value = value_of(args, spec.substr(0, bar));
  if (bar == std::string_view::npos) return std::string(value);
  const std::string_view forms = spec.substr(bar + 1);
  const std::size_t second = forms.find('|');
  return std::string(value == "1"                       ? forms.substr(0, second)
                     : second == std::string_view::npos ? forms
                                                        : forms.substr(second + 1));
}

std::string fill(std::string_view section, std::string_view id, Language language, const Args& args,
                 int depth) {
  const std::string* found = pattern_of(section, id, language);
  if (found == nullptr) return std::string(id);
  if (depth > kMaxDepth) return {};
  const std::string_view pattern = *found;
  std::string out;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const std::size_t open = pattern.find('{', at);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(pattern.substr(at, open - at));
    out += placeholder(section, pattern.substr(open + 1, close - open - 1), language, args, depth);
    at = close + 1;
  }
  out.append(pattern.substr(at));
  return out;
}

}  // namespace

std::string items(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& item : list) {
    if (!out.empty()) out += kItemSeparator;
    out += item;
  }
  return out;
}

std::string text(Language language, std::string_view id, const Args& args) {
  return fill("messages", id, language, args, 0);
}

std::string detail(Language language, std::string_view id, const Args& args) {
  return fill("details", id, language, args, 0);
}

std::string word(std::string_view section, std::string_view name, Language language) {
  const std::string* found = pattern_of(section, name, language);
  return found == nullptr ? std::string(name) : *found;
}

bool has_message(std::string_view id) { return find("messages", id) != nullptr; }
bool has_detail(std::string_view id) { return find("details", id) != nullptr; }
bool has_word(std::string_view section, std::string_view name) {
  return find(section, name) != nullptr;
}

std::vector<std::string> detail_ids() {
  std::vector<std::string> out;
  const auto details = catalogue().find("details");
  if (details == catalogue().end()) return out;
  for (const auto& [id, languages] : details->items()) out.push_back(id);
  return out;
}

std::string template_of(std::string_view section, std::string_view id, Language language) {
  const std::string* found = pattern_of(section, id, language);
  return found == nullptr ? std::string() : *found;
}

std::vector<std::string> entries_without_both_languages() {
  std::vector<std::string> out;
  for (const auto& [section, entries] : catalogue().items()) {
    // (The help's English is written beside each option in cmd/.)
    if (section == "help") continue;
    for (const auto& [name, languages] : entries.items()) {
      for (Language language : {Language::en, Language::zh}) {
        const std::string* found = pattern_of(section, name, language);
        if (found == nullptr || found->empty())
          out.push_back(section + "." + name + "." + key(language));
      }
    }
  }
  return out;
}

}  // namespace jixiao::messages
