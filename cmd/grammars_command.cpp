// `jixiao grammars`: the grammars built into the program, listed or printed
// as shipped (to copy and edit), and grammar files checked as --grammar
// would load them, so that a province's variant can be tried before a run.
#include "grammars_command.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "convert/convert.h"
#include "grammar/grammar.h"
#include "messages/messages.h"
#include "output.h"
#include "progress.h"
#include "source/input.h"

namespace jixiao::cli {
namespace {

std::vector<std::string> builtin_names() {
  std::vector<std::string> names;
  for (const auto& e : grammar::embedded_grammars()) names.emplace_back(e.name);
  return names;
}

// `text` and spaces up to `width` bytes (the names and types are ASCII).
// `text` and spaces to `width` columns (a Chinese heading takes two a character).
std::string padded(const std::string& text, std::size_t width) {
  const std::size_t columns = display_width(text);
  return text + std::string(width > columns ? width - columns : 0, ' ');
}

int list_grammars() {
  const std::vector<const grammar::Grammar*> all = grammar::builtin_grammars();
  std::size_t name_width = 4, type_width = 10;  // NAME, TABLE_TYPE
  for (const grammar::Grammar* g : all) {
    name_width = std::max(name_width, g->name.size());
    type_width = std::max(type_width, g->table_type.size());
  }
  std::ostringstream out;
  out << padded(messages::text("grammars-name"), name_width + 2)
      << padded(messages::text("grammars-table-type"), type_width + 2)
      << messages::text("grammars-description") << '\n';
  for (const grammar::Grammar* g : all) {
    out << padded(g->name, name_width + 2) << padded(g->table_type, type_width + 2)
        << g->description;
    if (g == all.front()) out << messages::text("grammars-default");
    if (!g->extends.empty()) out << messages::text("grammars-extends", {{"base", g->extends}});
    out << '\n';
  }
  return write_stdout(out.str()) ? 0 : 3;
}

// A built-in grammar's text, or null.
const std::string_view* embedded_text(const std::string& name) {
  for (const auto& e : grammar::embedded_grammars())
    if (e.name == name) return &e.text;
  return nullptr;
}

int show_grammar(const std::string& name) {
  const std::string_view* text = embedded_text(name);
  if (text == nullptr) return 2;  // (parsing checks NAME against the built-in names)
  return write_stdout(*text) ? 0 : 3;
}

// The grammar's text, as --grammar takes it: a built-in name unless a file
// of that name exists. `path` is set to what messages call it; `error`, when
// set, says why the file could not be read.
std::string grammar_text(const std::string& file, std::string& path, std::string& error) {
  std::error_code ec;
  if (const std::string_view* text = embedded_text(file);
      text != nullptr && !std::filesystem::exists(file, ec)) {
    path = "(embedded) " + file;
    return std::string(*text);
  }
  path = file == "-" ? "(stdin)" : file;
  auto in = convert::open_input(file, error);
  if (!in) return {};
  std::ostringstream text;
  text << in->rdbuf();
  if (in->bad()) error = messages::text("cannot-read", {{"why", std::strerror(EIO)}});
  return text.str();
}

enum class Checked { ok, invalid, unreadable };

// Loads one file and prints `FILE: ok: …` or the error with its file, line
// and rule, as --grammar would stop on it.
Checked check_grammar(const std::string& file) {
  std::string path, error;
  const std::string text = grammar_text(file, path, error);
  if (!error.empty()) {
    std::cerr << "jixiao: " << source::escape_controls(file) << ": " << error << '\n';
    return Checked::unreadable;
  }
  try {
    const grammar::Grammar g = grammar::load_grammar(text, path);
    std::cout << source::escape_controls(path) << ": "
              << messages::text("grammars-ok", {{"name", g.name}, {"summary", grammar::summary(g)}})
              << '\n';
    return Checked::ok;
  } catch (const grammar::GrammarError& e) {
    std::cout << source::escape_controls(e.what()) << '\n';
    return Checked::invalid;
  }
}

int check_grammars(const std::vector<std::string>& files) {
  bool invalid = false, unreadable = false;
  for (const auto& file : files) {
    const Checked result = check_grammar(file);
    invalid = invalid || result == Checked::invalid;
    unreadable = unreadable || result == Checked::unreadable;
  }
  std::cout.flush();
  return unreadable ? 3 : invalid ? 1 : 0;
}

}  // namespace

CLI::App* add_grammars_command(CLI::App& app, GrammarsOptions& options) {
  using Action = GrammarsOptions::Action;
  CLI::App* cmd = app.add_subcommand(
      "grammars", "List the built-in grammars, print one to start a variant from, or check a file");
  cmd->require_subcommand(0, 1);
  cmd->add_subcommand("list", "List the built-in grammars (the default without a subcommand)")
      ->callback([&options] { options.action = Action::list; });
  CLI::App* show =
      cmd->add_subcommand("show", "Print a built-in grammar's file as shipped, to copy and edit");
  show->add_option("NAME", options.name, "A built-in grammar")
      ->required()
      ->check(CLI::IsMember(builtin_names()));
  show->callback([&options] { options.action = Action::show; });
  CLI::App* check = cmd->add_subcommand(
      "check",
      "Load grammar files as --grammar would, and print each one's first error or a summary");
  check
      ->add_option("FILE", options.files,
                   "Grammar files (or built-in names); - reads standard input")
      ->required();
  check->callback([&options] { options.action = Action::check; });
  return cmd;
}

int run_grammars(const GrammarsOptions& options) {
  switch (options.action) {
    case GrammarsOptions::Action::show:
      return show_grammar(options.name);
    case GrammarsOptions::Action::check:
      return check_grammars(options.files);
    case GrammarsOptions::Action::list:
      break;
  }
  return list_grammars();
}

}  // namespace jixiao::cli
