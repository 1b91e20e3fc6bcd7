// Messages: what jixiao says to people, in English or Chinese, from one
// catalogue (lib/messages/catalogue.jsonc, compiled in, read by
// catalogue.h): the command line's own messages by name, and each
// diagnostic by the template and values it was made with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "messages/catalogue.h"
#include "source/diagnostic.h"

namespace jixiao::messages {

// `--lang`'s value when given ("zh" or "en"); else Chinese when the first of
// LC_ALL, LC_MESSAGES and LANG that is set begins with `zh` (POSIX's order).
Language choose_language(std::string_view flag, const char* lc_all, const char* lc_messages,
                         const char* lang);
// choose_language() with the process's environment.
Language language_from_environment(std::string_view flag);

// The language of every message; set once by the command line, before
// anything is printed.
void set_language(Language language);
Language language();

// Message `id` of the catalogue's `messages` in the language of every
// message (see catalogue.h for its placeholders).
std::string text(std::string_view id, const Args& args = {});

std::string severity_word(source::Severity severity, Language language);
// A diagnostic code's meaning in a few words.
std::string code_words(source::Code code, Language language);

// What the diagnostic says, in `language`: its template filled with its
// values; for a diagnostic made without one, its English message (in
// Chinese after the code's words).
std::string details(const source::Diagnostic& diagnostic, Language language);

// `FILE:LINE:COL: severity: details [code]` in the language of every message
// (in Chinese the severity is 警告/错误/提示).
std::string format(const source::Diagnostic& diagnostic, std::string_view path);

// The catalogue's help text for `key` (`convert --format`) in `language`,
// or "" where it has none (English help is written beside each option).
std::string help_text(std::string_view key, Language language);

// Catalogue entries that lack a language, and diagnostic codes without an
// entry (for the test that there are none).
std::vector<std::string> incomplete_entries();

}  // namespace jixiao::messages
