#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace jixiao::cli {

struct CompletionOptions {
  std::string shell;  // bash, zsh or fish
};

// `jixiao completion bash|zsh|fish` and `jixiao man`: the scripts and the
// page that the build installs, printed from the program's own options.
CLI::App* add_completion_command(CLI::App& app, CompletionOptions& options);
CLI::App* add_man_command(CLI::App& app);

// Both describe `root`, the whole command line. Exit status 0; 3 when
// standard output cannot be written.
int run_completion(const CLI::App& root, const CompletionOptions& options);
int run_man(const CLI::App& root);

}  // namespace jixiao::cli
