// The whole command line: every subcommand with its options, in one CLI11
// App tree. main() runs it; the completion scripts and the man page are
// written from the same tree, and the tests walk it, so a new option or
// subcommand is added here once and reaches them all.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <utility>
#include <vector>

#include "audit_command.h"
#include "check_command.h"
#include "completion_command.h"
#include "convert_command.h"
#include "grammars_command.h"
#include "pdftext_command.h"
#include "usage.h"
#include "value_command.h"

namespace jixiao::cli {

class Program {
 public:
  Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  const CLI::App& app() const { return app_; }
  // Parses the arguments and runs the subcommand they name: its exit status,
  // or 2 for a usage error.
  int run(int argc, char** argv);

 private:
  // Registers what runs when `command` is given.
  void add(CLI::App* command, std::function<int()> run);

  CLI::App app_;
  ConvertOptions convert_;
  ValueOptions value_;
  CheckOptions check_;
  AuditOptions audit_;
  PdftextOptions pdftext_;
  HelpOptions help_;
  std::string lang_;  // (read before parsing: see run())
  GrammarsOptions grammars_;
  CompletionOptions completion_;
  std::vector<std::pair<CLI::App*, std::function<int()>>> commands_;
};

}  // namespace jixiao::cli
