#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "reading_options.h"

namespace jixiao::cli {

struct AuditOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  bool failed_only = false;
  ReadingOptions reading;
};

CLI::App* add_audit_command(CLI::App& app, AuditOptions& options);

// Exit status: 0 every check holds; 1 a check fails, or an input could not
// be read or holds no table (each listed in the report); 2 usage (no input
// files); 3 the report could not be written.
int run_audit(const AuditOptions& options);

}  // namespace jixiao::cli
