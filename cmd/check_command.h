#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "reading_options.h"

namespace jixiao::cli {

struct CheckOptions {
  std::string expected_dir;
  std::vector<std::string> inputs;
  ReadingOptions reading;
  bool update = false;
  bool quiet = false;
};

CLI::App* add_check_command(CLI::App& app, CheckOptions& options);

// Exit status: 0 every input matches (or --update wrote them); 1 a
// difference or a missing expected file; 2 usage; 3 an input could not be
// read or an expected file not written.
int run_check(const CheckOptions& options);

}  // namespace jixiao::cli
