#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace jixiao::cli {

struct PdftextOptions {
  std::string input;
  std::string output;
};

CLI::App* add_pdftext_command(CLI::App& app, PdftextOptions& options);

// Exit status: 0 success; 3 the file could not be opened or is not a
// readable PDF (encrypted, damaged, no text layer).
int run_pdftext(const PdftextOptions& options);

}  // namespace jixiao::cli
