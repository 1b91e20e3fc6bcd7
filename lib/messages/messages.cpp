#include "messages/messages.h"

#include <atomic>
#include <cstdlib>

#include "source/input.h"

namespace jixiao::messages {
namespace {

std::atomic<Language> current{Language::en};

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

std::string text(std::string_view id, const Args& args) { return text(language(), id, args); }

std::string help_text(std::string_view key, Language language) {
  return template_of("help", key, language);
}

std::string severity_word(source::Severity severity, Language language) {
  return word("severity", source::to_string(severity), language);
}

std::string code_words(source::Code code, Language language) {
  return word("codes", source::to_string(code), language);
}

std::string details(const source::Diagnostic& diagnostic, Language language) {
  // The English words were rendered when it was made (they are its JSON
  // `message`), arguments in full.
  if (language == Language::en) return diagnostic.message;
  if (diagnostic.message_id.empty())
    return code_words(diagnostic.code, language) + "：" + diagnostic.message;
  const std::string out = detail(language, diagnostic.message_id, diagnostic.args);
  return out.size() > source::kQuotedChars ? source::shorten_quoted(out, source::kQuotedChars)
                                           : out;
}

std::string format(const source::Diagnostic& diagnostic, std::string_view path) {
  if (language() == Language::en) return source::format(diagnostic, path);
  std::string out = source::escape_controls(path);
  if (diagnostic.line > 0) {
    out += ':' + std::to_string(diagnostic.line);
    if (diagnostic.column > 0) out += ':' + std::to_string(diagnostic.column);
  }
  out += ": " + severity_word(diagnostic.severity, Language::zh) + ": ";
  out += source::escape_controls(details(diagnostic, Language::zh));
  out += " [" + std::string(source::to_string(diagnostic.code)) + ']';
  return out;
}

std::vector<std::string> incomplete_entries() {
  std::vector<std::string> out = entries_without_both_languages();
  for (source::Code code : source::all_codes()) {
    if (!has_word("codes", source::to_string(code)))
      out.push_back("codes." + std::string(source::to_string(code)));
  }
  return out;
}

}  // namespace jixiao::messages
