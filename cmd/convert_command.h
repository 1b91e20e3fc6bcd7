#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "reading_options.h"

namespace jixiao::cli {

struct ConvertOptions {
  std::vector<std::string> inputs;
  int jobs = 0;        // 0: the number of cores
  std::string format;  // empty: from the output's extension, else json
  std::string output;
  bool split = false;
  bool bom = false;
  bool csv_raw = false;
  std::string labels;  // zh or en; empty: zh for xlsx, en for csv
  ReadingOptions reading;
  std::string fail_on = "error";
  bool pretty = false;
  bool quiet = false;
  bool verbose = false;
  int max_warnings = -1;  // warnings (and infos) printed at most; -1: all
  bool errors_only = false;
  bool progress = false;  // the progress line even off a terminal
  std::string manifest;   // --manifest: a JSON line per input
};

CLI::App* add_convert_command(CLI::App& app, ConvertOptions& options);

// Exit status: 0 success; 1 an input had diagnostics at or above --fail-on;
// 2 usage (or a grammar that will not load); 3 an input could not be read or
// an output could not be written.
int run_convert(const ConvertOptions& options);

}  // namespace jixiao::cli
