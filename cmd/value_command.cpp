// `jixiao value [TEXT...]`: one 指标值 cell in, one Value out, for scripts that
// normalise values from other sources.
#include "value_command.h"

#include <iostream>

#include "convert/convert.h"
#include "emit/emit.h"
#include "messages/messages.h"
#include "output.h"
#include "reading_options.h"

namespace jixiao::cli {

CLI::App* add_value_command(CLI::App& app, ValueOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "value",
      "Read 指标值 cells: one compact JSON Value per TEXT, or per line of standard input (-)");
  cmd->add_option("TEXT", options.texts,
                  "Cells to read; - reads one cell per line from standard input")
      ->required();
  cmd->add_option("--level2", options.level2,
                  "The second-level indicator the cells stand under (成本指标: a bare 万 is 万元)");
  cmd->add_option("--year", options.year, "The budget year, against which dates are checked");
  cmd->add_option("--money-unit", options.money_unit,
                  "The table's money unit, for bare numbers under a money level (万元)");
  cmd->add_option("--grammar", options.grammar, "Grammar file to use instead of the built-in one");
  cmd->add_flag("-q,--quiet", options.quiet, "Print no diagnostics on standard error");
  return cmd;
}

int run_value(const ValueOptions& options) {
  const grammar::Grammar* grammar = nullptr;
  grammar::Grammar loaded;
  if (!load_grammar_option(options.grammar, loaded, grammar)) return 2;
  convert::ValueReader reader(*grammar);
  if (!options.level2.empty() && !reader.set_level2(options.level2)) {
    std::cerr << "jixiao: --level2: "
              << messages::text("not-a-level2",
                                {{"level2", options.level2}, {"grammar", grammar->name}})
              << '\n';
    return 2;
  }
  if (options.year) reader.set_year(*options.year);
  reader.set_money_unit(options.money_unit);

  auto emit_one = [&](const std::string& text, const std::string& where) {
    auto result = reader.read(text);
    if (!options.quiet) {
      for (const auto& d : result.diagnostics) std::cerr << messages::format(d, where) << '\n';
    }
    return write_stdout(emit::value_json(result.value) + "\n");
  };
  int argument = 0;
  for (const auto& text : options.texts) {
    ++argument;
    if (text != "-") {
      if (!emit_one(text, "(argument " + std::to_string(argument) + ")")) return 0;
      continue;
    }
    std::string line;
    for (int number = 1; std::getline(std::cin, line); ++number) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!emit_one(line, "(stdin):" + std::to_string(number))) return 0;
    }
    if (std::cin.bad()) {
      std::cerr << "jixiao: " << messages::text("cannot-read-stdin") << '\n';
      return 3;
    }
  }
  return 0;
}

}  // namespace jixiao::cli
