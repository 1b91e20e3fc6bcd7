#include "messages/catalogue.h"

#include <algorithm>
#include <iterator>

namespace jixiao::messages {
namespace {

// A template may name another ({@name}); a few levels are all any needs,
// and the bound keeps a template that names itself from looping.
constexpr int kMaxDepth = 4;

const char* key(Language language) { return language == Language::zh ? "zh" : "en"; }

// An entry of the catalogue and its template in each language (null where
// it has none).
struct Entry {
  std::string_view section, id;
  const char* en;
  const char* zh;
};

// The catalogue, tabled at build time (catalogue_gen.cpp), sorted by section
// and id: nothing to parse or index at run time.
constexpr Entry kEntries[] = {
#include "catalogue_table.inc"
};

const Entry* entry_of(std::string_view section, std::string_view id) {
  const auto before = [](const Entry& e, std::pair<std::string_view, std::string_view> key) {
    return std::pair(e.section, e.id) < key;
  };
  const auto found =
      std::lower_bound(std::begin(kEntries), std::end(kEntries), std::pair(section, id), before);
  if (found == std::end(kEntries) || found->section != section || found->id != id) return nullptr;
  return found;
}

bool find(std::string_view section, std::string_view id) {
  return entry_of(section, id) != nullptr;
}

// The template, or nullptr when the catalogue lacks it.
const char* pattern_of(std::string_view section, std::string_view id, Language language) {
  const Entry* entry = entry_of(section, id);
  if (entry == nullptr) return nullptr;
  return language == Language::zh ? entry->zh : entry->en;
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
  const char* found = pattern_of(section, id, language);
  if (found == nullptr) return std::string(id);
  if (depth > kMaxDepth) return {};
  const std::string_view pattern = found;
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
  const char* found = pattern_of(section, name, language);
  return found == nullptr ? std::string(name) : std::string(found);
}

bool has_message(std::string_view id) { return find("messages", id); }
bool has_detail(std::string_view id) { return find("details", id); }
bool has_word(std::string_view section, std::string_view name) { return find(section, name); }

std::vector<std::string> detail_ids() {
  std::vector<std::string> out;
  for (const Entry& entry : kEntries) {
    if (entry.section == "details") out.emplace_back(entry.id);
  }
  return out;
}

std::string template_of(std::string_view section, std::string_view id, Language language) {
  const char* found = pattern_of(section, id, language);
  return found == nullptr ? std::string() : std::string(found);
}

std::vector<std::string> entries_without_both_languages() {
  std::vector<std::string> out;
  for (const Entry& entry : kEntries) {
    // (The help's English is written beside each option in cmd/.)
    if (entry.section == "help") continue;
    for (Language language : {Language::en, Language::zh}) {
      const char* found = language == Language::zh ? entry.zh : entry.en;
      if (found == nullptr || *found == '\0')
        out.push_back(std::string(entry.section) + "." + std::string(entry.id) + "." +
                      key(language));
    }
  }
  return out;
}

}  // namespace jixiao::messages
