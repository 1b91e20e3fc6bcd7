#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace jixiao::cli {

struct GrammarsOptions {
  enum class Action { list, show, check };
  Action action = Action::list;    // `jixiao grammars` alone lists them
  std::string name;                // show
  std::vector<std::string> files;  // check
};

// `jixiao grammars [list]`, `grammars show NAME`, `grammars check FILE...`.
CLI::App* add_grammars_command(CLI::App& app, GrammarsOptions& options);

// Exit status: 0 listed, shown, or every file loads; 1 a file has an error;
// 2 usage; 3 a file could not be read (this wins over 1).
int run_grammars(const GrammarsOptions& options);

}  // namespace jixiao::cli
