// `jixiao audit FILE...`: the audit report for people or scripts.
#include "audit_command.h"

#include <iostream>

#include "audit/report.h"
#include "batch/batch.h"
#include "convert/convert.h"
#include "output.h"

namespace jixiao::cli {

CLI::App* add_audit_command(CLI::App& app, AuditOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "audit", "Check that each table's figures add up and follow the rules (绩效目标审核)");
  cmd->add_option("FILE", options.inputs, "Input files or folders")->required();
  cmd->add_option("--format", options.format, "text (a report for people) or json")
      ->check(CLI::IsMember({"text", "json"}));
  add_reading_options(cmd, options.reading);
  return cmd;
}

int run_audit(const AuditOptions& options) {
  grammar::Grammar loaded;
  const auto converter = make_converter(options.reading, loaded);
  if (!converter) return 2;
  audit::Report report;
  bool io_failed = false;
  for (const auto& input : batch::expand(options.inputs, folder_walk(options.reading)).inputs) {
    auto in = open_or_report(input);
    if (!in) {
      io_failed = true;
      continue;
    }
    report.add(converter->convert(*in, input.path == "-" ? "(stdin)" : input.path));
  }
  write_stdout(options.format == "json" ? report.json() : report.text());
  if (io_failed) return 3;
  return report.any_failed() ? 1 : 0;
}

}  // namespace jixiao::cli
