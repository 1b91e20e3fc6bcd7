#include "help_language.h"

#include "usage.h"

namespace jixiao::cli {
namespace {

std::string option_name(const CLI::Option& option) {
  if (!option.get_lnames().empty()) return "--" + option.get_lnames().front();
  if (!option.get_snames().empty()) return "-" + option.get_snames().front();
  return option.get_name();  // a positional: FILE
}

template <class Visit>
void each_description(CLI::App& command, const Visit& visit) {
  visit(command, nullptr);
  for (CLI::Option* option : command.get_options()) visit(command, option);
  for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; }))
    each_description(*sub, visit);
}

}  // namespace

std::string help_key(const CLI::App& command, const CLI::Option* option) {
  if (option == nullptr) return command_path(command).empty() ? "jixiao" : command_path(command);
  const std::string name = option_name(*option);
  if (name == "--help") return name;
  const std::string path = command_path(command);
  return path.empty() ? name : path + " " + name;
}

std::vector<std::string> help_keys(const CLI::App& app) {
  std::vector<std::string> keys;
  each_description(const_cast<CLI::App&>(app), [&](CLI::App& command, CLI::Option* option) {
    if (option == nullptr || !option->get_group().empty())
      keys.push_back(help_key(command, option));
  });
  return keys;
}

std::string chinese_help(const CLI::App& command, const CLI::Option* option) {
  std::string text = messages::help_text(help_key(command, option), messages::Language::zh);
  // An option shared by several commands (--glob) may be given once, bare.
  if (text.empty() && option != nullptr)
    text = messages::help_text(option_name(*option), messages::Language::zh);
  return text;
}

void translate_help(CLI::App& app, messages::Language language) {
  if (language == messages::Language::en) return;
  const std::string options = messages::text(language, "help-label-Options");
  const std::string commands = messages::text(language, "help-label-Subcommands");
  each_description(app, [&](CLI::App& command, CLI::Option* option) {
    const std::string text = chinese_help(command, option);
    if (option == nullptr) {
      if (!text.empty()) command.description(text);
      if (command.get_group() == "Subcommands") command.group(commands);
      return;
    }
    if (!text.empty()) option->description(text);
    if (option->get_group() == "Options") option->group(options);
  });
  auto formatter = app.get_formatter();
  for (const char* label : {"Usage", "OPTIONS", "Positionals", "REQUIRED", "SUBCOMMAND"})
    formatter->label(label, messages::text(language, std::string("help-label-") + label));
}

}  // namespace jixiao::cli
