#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "reading_options.h"

namespace jixiao::cli {

struct CheckOptions {
  std::string expected_dir;
  std::vector<std::string> inputs;
  int jobs = 0;  // 0: the number of cores
  ReadingOptions reading;
  bool update = false;
  bool quiet = false;
};

CLI::App* add_check_command(CLI::App& app, CheckOptions& options);

// Exit status: 0 every input matches (or --update wrote them); 1 a
// difference, a missing or broken expected file, or an expected file no
// input was compared with; 2 usage (no inputs, no expected files, two inputs
// with one expected file); 3 an input could not be read or an expected file
// not written.
int run_check(const CheckOptions& options);

}  // namespace jixiao::cli
