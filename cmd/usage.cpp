// Usage messages: the `jixiao:` prefix, suggestions and `jixiao help`.
#include "usage.h"

#include <algorithm>
#include <charconv>
#include <iostream>

#include "messages/messages.h"

namespace jixiao::cli {
namespace {

constexpr int kExitUsage = 2;
constexpr int kMaxJobs = 1024;

// The command a parse error is about: the deepest subcommand given.
const CLI::App* command_given(const CLI::App* app) {
  for (const CLI::App* sub : app->get_subcommands()) return command_given(sub);
  return app;
}

std::string suggestion(std::string_view typed, const std::vector<std::string>& known) {
  const std::string near = nearest_name(typed, known);
  return near.empty() ? "" : messages::text("did-you-mean", {{"name", near}});
}

std::string names_text(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

std::string command_path(const CLI::App& command) {
  std::string path;
  for (const CLI::App* at = &command; at->get_parent() != nullptr; at = at->get_parent())
    path = at->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string nearest_name(std::string_view typed, const std::vector<std::string>& known) {
  if (typed.empty()) return {};
  std::string best;
  std::size_t best_distance = 3;  // more than two edits is another word
  for (const auto& name : known) {
    if (name.starts_with(typed)) return name;
    const std::size_t d = edit_distance(typed, name);
    if (d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

std::string usage_message(const CLI::App* app, const CLI::Error& error) {
  const CLI::App* command = command_given(app);
  std::string message = "jixiao: ";
  // (The command's path below jixiao: `grammars show: `.)
  const std::string path = command_path(*command);
  if (!path.empty()) message += path + ": ";
  message += error.what();
  message += "\n" +
             messages::text("see-help",
                            {{"command", app->get_name() + (path.empty() ? "" : " " + path)}}) +
             "\n";
  return message;
}

std::optional<int> reject_unknown_command(const CLI::App& app, int argc, const char* const* argv) {
  const auto names = command_names(app);
  // The first argument that is not an option of jixiao's own (--lang X).
  int at = 1;
  while (at < argc && std::string_view(argv[at]).starts_with("--lang"))
    at += std::string_view(argv[at]) == "--lang" ? 2 : 1;
  if (at >= argc) {
    std::cerr << "jixiao: " << messages::text("no-command", {{"commands", names_text(names)}})
              << '\n';
    return kExitUsage;
  }
  const std::string_view first = argv[at];
  if (first.empty() || first.front() == '-') return std::nullopt;
  if (std::find(names.begin(), names.end(), first) != names.end()) return std::nullopt;
  std::cerr << "jixiao: " << messages::text("not-a-command", {{"typed", std::string(first)}})
            << suggestion(first, names) << '\n'
            << messages::text("the-commands-are", {{"commands", names_text(names)}}) << '\n';
  return kExitUsage;
}

std::string lang_argument(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--") break;
    if (argument == "--lang" && i + 1 < argc) return argv[i + 1];
    if (argument.starts_with("--lang=")) return std::string(argument.substr(7));
  }
  return {};
}

CLI::Option* add_jobs_option(CLI::App* cmd, int& jobs, const std::string& what) {
  const CLI::Validator zero_to_max(
      [](std::string& value) -> std::string {
        int n = -1;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (error == std::errc{} && end == value.data() + value.size() && n >= 0 && n <= kMaxJobs)
          return {};
        return messages::text("jobs-range", {{"max", std::to_string(kMaxJobs)}, {"value", value}});
      },
      "0..1024");
  return cmd->add_option("-j,--jobs", jobs, what + " (0, the default: one per core; at most 1024)")
      ->check(zero_to_max);
}

CLI::App* add_help_command(CLI::App& app, HelpOptions& options) {
  CLI::App* cmd = app.add_subcommand("help", "Print the usage of jixiao or of one command");
  cmd->add_option("COMMAND", options.command, "The command whose usage to print");
  return cmd;
}

int run_help(const CLI::App& app, const HelpOptions& options) {
  if (options.command.empty()) {
    // (app.help() would describe the command given, `help` itself.)
    std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
    return 0;
  }
  const auto names = command_names(app);
  if (std::find(names.begin(), names.end(), options.command) == names.end()) {
    std::cerr << "jixiao: help: " << messages::text("not-a-command", {{"typed", options.command}})
              << suggestion(options.command, names) << '\n'
              << messages::text("the-commands-are", {{"commands", names_text(names)}}) << '\n';
    return kExitUsage;
  }
  std::cout << app.get_subcommand(options.command)->help(app.get_name());
  return 0;
}

}  // namespace jixiao::cli
