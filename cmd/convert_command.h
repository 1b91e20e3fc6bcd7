#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace jixiao::cli {

struct ConvertOptions {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string output;
  std::string grammar;
  std::string encoding;
  std::string layout = "auto";
  bool pretty = false;
  bool quiet = false;
  bool verbose = false;
};

CLI::App* add_convert_command(CLI::App& app, ConvertOptions& options);

// Exit status: 0 success; 1 an input had error diagnostics; 2 usage (or a
// grammar that will not load); 3 an input could not be read or an output
// could not be written.
int run_convert(const ConvertOptions& options);

}  // namespace jixiao::cli
