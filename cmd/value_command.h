#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace jixiao::cli {

struct ValueOptions {
  std::vector<std::string> texts;
  std::string level2;
  std::optional<int> year;
  std::string money_unit;
  std::string grammar;
  bool quiet = false;
};

CLI::App* add_value_command(CLI::App& app, ValueOptions& options);

// Exit status: 0 success (warnings included); 2 usage; 3 standard input
// could not be read.
int run_value(const ValueOptions& options);

}  // namespace jixiao::cli
