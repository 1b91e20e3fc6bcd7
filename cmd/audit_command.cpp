// `jixiao audit FILE...`: the audit report for people or scripts.
#include "audit_command.h"

#include <cerrno>
#include <cstring>
#include <iostream>

#include "audit/report.h"
#include "batch/batch.h"
#include "convert/convert.h"
#include "messages/messages.h"
#include "output.h"
#include "source/input.h"

namespace jixiao::cli {
namespace {

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitIo = 3;

// Converts one input into the report; one that cannot be read is an error
// of the report (listed there, exit 1), not only a line on standard error.
void add_input(const batch::Input& input, const convert::Converter& converter,
               audit::Report& report) {
  const std::string path = input.path == "-" ? "(stdin)" : input.path;
  std::string error = input.error;  // a folder that could not be read
  auto in = error.empty() ? convert::open_input(input.path, error) : nullptr;
  if (!in) return report.add_unreadable(path, error);
  report.add(converter.convert(*in, path));
}

}  // namespace

CLI::App* add_audit_command(CLI::App& app, AuditOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "audit", "Check that each table's figures add up and follow the rules (绩效目标审核)");
  cmd->add_option("FILE", options.inputs, "Input files or folders")->required();
  cmd->add_option("--format", options.format, "text (a report for people) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--failed-only", options.failed_only,
                "List only the files in error and the projects with failed checks, and only "
                "the checks that failed (the summary still counts all)");
  add_reading_options(cmd, options.reading);
  return cmd;
}

int run_audit(const AuditOptions& options) {
  grammar::Grammar loaded;
  const auto converter = make_converter(options.reading, loaded);
  if (!converter) return kExitUsage;
  const auto inputs = batch::expand(options.inputs, folder_walk(options.reading)).inputs;
  if (inputs.empty()) {  // an audit of nothing is no pass
    std::cerr << "jixiao: "
              << messages::text("no-input-files", {{"globs", globs_text(options.reading)}}) << '\n';
    return kExitUsage;
  }
  audit::Report report;
  for (const auto& input : inputs) add_input(input, *converter, report);
  const std::string out = options.format == "json"
                              ? report.json(options.failed_only)
                              : report.text(options.failed_only, messages::language());
  if (!write_stdout(out) && errno != EPIPE) {
    std::cerr << "jixiao: "
              << messages::text("audit-cannot-write", {{"error", std::strerror(errno)}}) << '\n';
    return kExitIo;
  }
  return report.any_failed() ? kExitFailed : 0;
}

}  // namespace jixiao::cli
