// What jixiao says when the command line is wrong, the way git and cargo say
// it: every message starts with `jixiao:`, a misspelt command gets the
// nearest one, and `jixiao help [COMMAND]` prints the usage.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::cli {

// A command's path below the program: `grammars show`; empty for jixiao.
std::string command_path(const CLI::App& command);

// The number of single-character insertions, deletions and substitutions
// that turn `a` into `b` (Levenshtein).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The name in `known` that `typed` most likely meant: one it begins, or one
// at most two edits away (the nearest); empty when none is near.
std::string nearest_name(std::string_view typed, const std::vector<std::string>& known);

// The names of the app's subcommands, in the order they were added.
std::vector<std::string> command_names(const CLI::App& app);

// CLI11's message for a parse error, as `jixiao: WHAT` and where to look.
std::string usage_message(const CLI::App* app, const CLI::Error& error);

// When the first argument names no command (`jixiao covert`), says so with
// the nearest command and returns the exit status (2); else nothing.
std::optional<int> reject_unknown_command(const CLI::App& app, int argc, const char* const* argv);

// The value of `--lang X` or `--lang=X` in the arguments, or "".
std::string lang_argument(int argc, const char* const* argv);

// `-j,--jobs`: 0 (one per core) to 1024, with a plain message otherwise.
CLI::Option* add_jobs_option(CLI::App* cmd, int& jobs, const std::string& what);

// `jixiao help [COMMAND]`.
struct HelpOptions {
  std::string command;
};
CLI::App* add_help_command(CLI::App& app, HelpOptions& options);
int run_help(const CLI::App& app, const HelpOptions& options);

}  // namespace jixiao::cli
