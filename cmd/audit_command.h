#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "reading_options.h"

namespace jixiao::cli {

struct AuditOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  ReadingOptions reading;
};

CLI::App* add_audit_command(CLI::App& app, AuditOptions& options);

// Exit status: 0 every check holds; 1 a check fails; 2 usage; 3 an input
// could not be read.
int run_audit(const AuditOptions& options);

}  // namespace jixiao::cli
