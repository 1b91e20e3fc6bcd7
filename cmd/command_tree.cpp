#include "command_tree.h"

namespace jixiao::cli {
namespace {

// CLI11 writes a value's type and its validators' descriptions as one
// name: `TEXT:{json,jsonl,csv,xlsx}`, `INT:NONNEGATIVE`. IsMember's is the
// braced list, which is how its choices can be read back.
std::vector<std::string> choices_of(const std::string& type_name) {
  const std::size_t open = type_name.find(":{");
  const std::size_t close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::vector<std::string> out;
  std::string item;
  for (std::size_t i = open + 2; i <= close; ++i) {
    if (i == close || type_name[i] == ',') {
      out.push_back(item);
      item.clear();
    } else {
      item += type_name[i];
    }
  }
  return out;
}

OptionInfo option_info(const CLI::Option& option) {
  OptionInfo info;
  for (const auto& name : option.get_snames()) info.names.push_back("-" + name);
  for (const auto& name : option.get_lnames()) info.names.push_back("--" + name);
  info.description = option.get_description();
  info.required = option.get_required();
  if (option.get_items_expected_max() == 0) return info;  // a flag
  const std::string type_name = option.get_type_name();
  const std::string type = type_name.substr(0, type_name.find(':'));
  info.value = option.nonpositional() ? (type.empty() ? "VALUE" : type) : option.get_name();
  info.choices = choices_of(type_name);
  info.numeric = type == "INT" || type == "UINT" || type == "FLOAT" || type == "NUMBER";
  info.repeatable = option.get_items_expected_max() > 1 ||
                    option.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
  return info;
}

CommandInfo command_info(const CLI::App& app, std::vector<std::string> path) {
  CommandInfo info;
  info.path = std::move(path);
  info.description = app.get_description();
  info.subcommand_required = app.get_require_subcommand_min() > 0;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    (option->nonpositional() ? info.options : info.positionals).push_back(option_info(*option));
  }
  const auto visible = [](const CLI::App* sub) { return !sub->get_group().empty(); };
  for (const CLI::App* sub : app.get_subcommands(visible)) {
    std::vector<std::string> sub_path = info.path;
    sub_path.push_back(sub->get_name());
    info.subcommands.push_back(command_info(*sub, std::move(sub_path)));
  }
  return info;
}

void collect(const CommandInfo& command, std::vector<const CommandInfo*>& out) {
  out.push_back(&command);
  for (const auto& sub : command.subcommands) collect(sub, out);
}

}  // namespace

std::string CommandInfo::full_name() const {
  std::string out;
  for (const auto& part : path) out += (out.empty() ? "" : " ") + part;
  return out;
}

CommandInfo command_tree(const CLI::App& app) { return command_info(app, {app.get_name()}); }

std::vector<const CommandInfo*> all_commands(const CommandInfo& root) {
  std::vector<const CommandInfo*> out;
  collect(root, out);
  return out;
}

}  // namespace jixiao::cli
