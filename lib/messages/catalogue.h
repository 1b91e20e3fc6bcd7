// The message catalogue (lib/messages/catalogue.jsonc, compiled in): every
// text jixiao says to people, in English and Chinese, by id, with the
// values a message is given put in its placeholders.
//
// A library of its own, below lib/source, which depends on nothing of
// jixiao's: a diagnostic is put into English words where it is made (its
// `message` is part of the output), and into the language asked for where
// it is shown (lib/messages/messages.h), from the same template.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jixiao::messages {

enum class Language { en, zh };

// A message's values by name, for the `{name}` placeholders of its template.
using Args = std::vector<std::pair<std::string, std::string>>;

// A message not yet put into words: the id of a template of the catalogue's
// `details` and its values (what a diagnostic says, kept so that it can be
// said in either language).
struct Message {
  std::string id;
  Args args;
  bool empty() const { return id.empty(); }
};

// Between the items of a list value (only a `{name*}` or `{@name}`
// placeholder looks for it: any other value is shown as it is).
constexpr char kItemSeparator = '\x1f';

// Several items as one value, for `{name*}` or `{@name}` (see text()).
std::string items(const std::vector<std::string>& list);

// Template `id` of the catalogue's `messages` (the command line's own) or
// `details` (what diagnostics say), in `language`, filled:
//   {name}             the value of `name`
//   {name|one|other}   `one` when that value is 1, else `other` (English plurals)
//   {name*}            the items() of `name`, joined by the language's list
//                      separator (`, ` or `、`)
//   {@name}            the value of `name`, or each of its items(), is a
//                      template id of the same section, filled with the same
//                      values and joined as items (nothing when empty)
// An id the catalogue lacks comes back as itself (tests check that none is used).
std::string text(Language language, std::string_view id, const Args& args = {});
std::string detail(Language language, std::string_view id, const Args& args = {});
inline std::string detail(Language language, const Message& message) {
  return detail(language, message.id, message.args);
}

// Entry `name` of a section of plain words (`severity`, `codes`), or `name`
// itself when it is missing.
std::string word(std::string_view section, std::string_view name, Language language);

bool has_message(std::string_view id);
bool has_detail(std::string_view id);
bool has_word(std::string_view section, std::string_view name);

// Every id of the `details` section (for the tests).
std::vector<std::string> detail_ids();
// The raw template (for the tests); empty when missing.
std::string template_of(std::string_view section, std::string_view id, Language language);
// `section.name.language` of each entry that lacks a language.
std::vector<std::string> entries_without_both_languages();

}  // namespace jixiao::messages
