#include "messages/messages.h"

#include <atomic>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "source/input.h"

namespace jixiao::messages {
namespace {

using nlohmann::json;

std::atomic<Language> current{Language::en};

const char* key_of(Language language) { return language == Language::zh ? "zh" : "en"; }

// Parsed once, on first use (thread-safe as a function's static).
const json& catalogue() {
  static const json parsed = json::parse(catalogue_text(), nullptr, true, /*comments*/ true);
  return parsed;
}

std::string entry(const char* section, std::string_view name, Language language) {
  const json& table = catalogue()[section];
  const auto found = table.find(std::string(name));
  if (found == table.end() || !found->contains(key_of(language))) return std::string(name);
  return (*found)[key_of(language)].get<std::string>();
}

std::string_view value_of(Args args, std::string_view name) {
  for (const auto& [n, v] : args) {
    if (n == name) return v;
  }
  return {};
}

// `{name}` or `{name|one|other}` at template[open] (`{`) up to `close`.
std::string placeholder(std::string_view spec, Args args) {
  const std::size_t bar = spec.find('|');
  const std::string_view value = value_of(args, spec.substr(0, bar));
  if (bar == std::string_view::npos) return std::string(value);
  const std::string_view forms = spec.substr(bar + 1);
  const std::size_t second = forms.find('|');
  return std::string(value == "1"                       ? forms.substr(0, second)
                     : second == std::string_view::npos ? forms
                                                        : forms.substr(second + 1));
}

std::string fill(std::string_view pattern, Args args) {
  std::string out;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const std::size_t open = pattern.find('{', at);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(pattern.substr(at, open - at));
    out += placeholder(pattern.substr(open + 1, close - open - 1), args);
    at = close + 1;
  }
  out.append(pattern.substr(at));
  return out;
}

bool starts_with_zh(const char* value) {
  return value != nullptr && value[0] == 'z' && value[1] == 'h';
}

}  // namespace

Language choose_language(std::string_view flag, const char* lc_all, const char* lc_messages,
                         const char* lang) {
  if (flag == "zh") return Language::zh;
  if (flag == "en") return Language::en;
  for (const char* value : {lc_all, lc_messages, lang}) {
    if (value != nullptr && *value != '\0')
      return starts_with_zh(value) ? Language::zh : Language::en;
  }
  return Language::en;
}

Language language_from_environment(std::string_view flag) {
  return choose_language(flag, std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"),
                         std::getenv("LANG"));
}

void set_language(Language language) { current = language; }
Language language() { return current; }

std::string text(Language language, std::string_view id, Args args) {
  return fill(entry("messages", id, language), args);
}

std::string text(std::string_view id, Args args) { return text(language(), id, args); }

std::string help_text(std::string_view key, Language language) {
  const json& table = catalogue()["help"];
  const auto found = table.find(std::string(key));
  if (found == table.end() || !found->contains(key_of(language))) return {};
  return (*found)[key_of(language)].get<std::string>();
}

std::string severity_word(source::Severity severity, Language language) {
  return entry("severity", source::to_string(severity), language);
}

std::string code_words(source::Code code, Language language) {
  return entry("codes", source::to_string(code), language);
}

std::string format(const source::Diagnostic& diagnostic, std::string_view path) {
  if (language() == Language::en) return source::format(diagnostic, path);
  std::string out = source::escape_controls(path);
  if (diagnostic.line > 0) {
    out += ':' + std::to_string(diagnostic.line);
    if (diagnostic.column > 0) out += ':' + std::to_string(diagnostic.column);
  }
  out += ": " + severity_word(diagnostic.severity, Language::zh) + ": ";
  out += code_words(diagnostic.code, Language::zh) + "：";
  out += source::escape_controls(diagnostic.message);
  out += " [" + std::string(source::to_string(diagnostic.code)) + ']';
  return out;
}

std::vector<std::string> incomplete_entries() {
  std::vector<std::string> out;
  for (const char* section : {"severity", "codes", "messages"}) {
    for (const auto& [name, languages] : catalogue()[section].items()) {
      for (const char* language : {"en", "zh"}) {
        if (!languages.contains(language) || !languages[language].is_string() ||
            languages[language].get<std::string>().empty())
          out.push_back(std::string(section) + "." + name + "." + language);
      }
    }
  }
  for (source::Code code : source::all_codes()) {
    if (!catalogue()["codes"].contains(std::string(source::to_string(code))))
      out.push_back("codes." + std::string(source::to_string(code)));
  }
  return out;
}

bool has_message(std::string_view id) { return catalogue()["messages"].contains(std::string(id)); }

}  // namespace jixiao::messages
