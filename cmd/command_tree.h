// The command line as data, read from the CLI11 App tree: the shell
// completions and the man page are written from it, so that an option added
// to a subcommand reaches them without a list kept by hand.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace jixiao::cli {

struct OptionInfo {
  // `-o`, `--output`: short names first. A positional has none.
  std::vector<std::string> names;
  // What the value is called (`TEXT`, `INT`; a positional's own name, `FILE`);
  // empty for a flag.
  std::string value;
  // The values it accepts, where CLI::IsMember says (`json`, `jsonl`, …).
  std::vector<std::string> choices;
  std::string description;
  bool numeric = false;     // the value is a number: no file names to offer
  bool repeatable = false;  // `--glob A --glob B`; for a positional, `FILE...`
  bool required = false;

  bool takes_value() const { return !value.empty(); }
};

struct CommandInfo {
  // `jixiao`, `jixiao grammars`, `jixiao grammars check`: the root first.
  std::vector<std::string> path;
  std::string description;
  std::vector<OptionInfo> options;  // as --help lists them, -h,--help first
  std::vector<OptionInfo> positionals;
  std::vector<CommandInfo> subcommands;
  bool subcommand_required = false;  // (`jixiao grammars` alone lists)

  const std::string& name() const { return path.back(); }
  // `jixiao grammars check`.
  std::string full_name() const;
};

// The visible subcommands and options of `app` and of its subcommands, in
// the order they were added. Hidden ones (no group) are left out.
CommandInfo command_tree(const CLI::App& app);

// Every command of the tree, the root first, each before its subcommands.
std::vector<const CommandInfo*> all_commands(const CommandInfo& root);

}  // namespace jixiao::cli
