// `jixiao audit FILE...`: the audit report for people or scripts.
#include "audit_command.h"

#include <iostream>

#include "audit/report.h"
#include "batch/batch.h"
#include "convert/convert.h"
#include "grammar_option.h"
#include "output.h"

namespace jixiao::cli {

CLI::App* add_audit_command(CLI::App& app, AuditOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "audit", "Check that each table's figures add up and follow the rules (绩效目标审核)");
  cmd->add_option("FILE", options.inputs, "Input files or folders")->required();
  cmd->add_option("--glob", options.globs, "File names to take from folders (default: *.txt)")
      ->take_all();
  cmd->add_option("--format", options.format, "text (a report for people) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--grammar", options.grammar, "Grammar file to use instead of the built-in one");
  cmd->add_option("--encoding", options.encoding,
                  "Read inputs in this encoding (GB18030, UTF-16LE, …) instead of detecting it");
  cmd->add_option("--layout", options.layout,
                  "How cells are separated: auto (line by line), tab, pipe or spaces")
      ->check(CLI::IsMember({"auto", "tab", "pipe", "spaces"}));
  return cmd;
}

int run_audit(const AuditOptions& options) {
  grammar::Grammar loaded;
  const grammar::Grammar* grammar = nullptr;
  if (!load_grammar_option(options.grammar, loaded, grammar)) return 2;
  convert::Converter converter(*grammar);
  converter.force_layout(*tokenize::layout_named(options.layout));
  if (!options.encoding.empty()) {
    try {
      converter.force_encoding(options.encoding);
    } catch (const std::invalid_argument& e) {
      std::cerr << "jixiao: --encoding: " << e.what() << '\n';
      return 2;
    }
  }
  std::vector<std::string> missing;
  audit::Report report;
  bool io_failed = false;
  for (const auto& input : batch::expand_inputs(options.inputs, options.globs, missing)) {
    std::string error;
    auto in = convert::open_input(input.path, error);
    if (!in) {
      std::cerr << "jixiao: " << input.path << ": " << error << '\n';
      io_failed = true;
      continue;
    }
    report.add(converter.convert(*in, input.path == "-" ? "(stdin)" : input.path));
  }
  write_stdout(options.format == "json" ? report.json() : report.text());
  if (io_failed) return 3;
  return report.any_failed() ? 1 : 0;
}

}  // namespace jixiao::cli
