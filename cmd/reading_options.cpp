#include "reading_options.h"

#include <filesystem>
#include <iostream>

#include "messages/messages.h"
#include "source/input.h"

namespace jixiao::cli {

void add_reading_options(CLI::App* cmd, ReadingOptions& options) {
  // (One pattern a flag, so that a FILE after it is not taken for one.)
  cmd->add_option("--glob", options.globs,
                  "File names to take from folders, as fnmatch(3) matches them: *, ?, [a-z], "
                  "[!x] (default: *.txt *.csv)")
      ->allow_extra_args(false)
      ->take_all();
  cmd->add_option("--iglob", options.iglobs,
                  "As --glob, with letters in either case (*.txt takes A.TXT)")
      ->allow_extra_args(false)
      ->take_all();
  cmd->add_flag("-L,--follow", options.follow,
                "Follow links inside folders (links named as FILE are always followed)");
  cmd->add_option("--grammar", options.grammar,
                  "Grammar to read with: a built-in one (budget-target, self-evaluation, "
                  "department) or a file; default: picked per input from its title");
  cmd->add_option("--encoding", options.encoding,
                  "Read inputs in this encoding (GB18030, UTF-16LE, …) instead of detecting it");
  cmd->add_option("--layout", options.layout,
                  "How cells are separated: auto (line by line), tab, pipe, spaces, csv or "
                  "reading-order (one cell per line, as plain pdftotext writes)")
      ->check(CLI::IsMember({"auto", "tab", "pipe", "spaces", "reading-order", "csv"}));
}

batch::Walk folder_walk(const ReadingOptions& options) {
  batch::Walk walk;
  if (!options.globs.empty() || !options.iglobs.empty()) walk.globs = options.globs;
  walk.iglobs = options.iglobs;
  walk.follow_links = options.follow;
  return walk;
}

std::string globs_text(const ReadingOptions& options) {
  const batch::Walk walk = folder_walk(options);
  std::string out;
  for (const auto& g : walk.globs) out += (out.empty() ? "" : " ") + g;
  for (const auto& g : walk.iglobs)
    out += (out.empty() ? "" : " ") + g + " " + messages::text("any-case");
  return out;
}

std::unique_ptr<std::istream> open_or_report(const batch::Input& input) {
  std::string error = input.error;
  auto in = error.empty() ? convert::open_input(input.path, error) : nullptr;
  if (!in) std::cerr << "jixiao: " << source::escape_controls(input.path) << ": " << error << '\n';
  return in;
}

bool load_grammar_option(const std::string& path, grammar::Grammar& loaded,
                         const grammar::Grammar*& grammar) {
  try {
    std::error_code ec;
    if (path.empty()) {
      grammar = &grammar::default_grammar();
    } else if (const grammar::Grammar* builtin = grammar::builtin_grammar(path);
               builtin && !std::filesystem::exists(path, ec)) {
      grammar = builtin;
    } else {
      loaded = grammar::load_grammar_file(path);
      grammar = &loaded;
    }
    return true;
  } catch (const grammar::GrammarError& e) {
    std::cerr << "jixiao: " << messages::text("grammar-error", {{"what", e.what()}}) << '\n';
    return false;
  }
}

std::unique_ptr<convert::Converter> make_converter(const ReadingOptions& options,
                                                   grammar::Grammar& loaded) {
  std::unique_ptr<convert::Converter> converter;
  if (options.grammar.empty()) {
    // No --grammar: each input picks one of the built-in grammars by its title.
    try {
      converter = std::make_unique<convert::Converter>(grammar::builtin_grammars());
    } catch (const grammar::GrammarError& e) {
      std::cerr << "jixiao: " << messages::text("grammar-error", {{"what", e.what()}}) << '\n';
      return nullptr;
    }
  } else {
    const grammar::Grammar* grammar = nullptr;
    if (!load_grammar_option(options.grammar, loaded, grammar)) return nullptr;
    converter = std::make_unique<convert::Converter>(*grammar);
  }
  converter->force_layout(*tokenize::layout_named(options.layout));
  if (!options.encoding.empty()) {
    try {
      converter->force_encoding(options.encoding);
    } catch (const std::invalid_argument& e) {
      std::cerr << "jixiao: --encoding: " << e.what() << '\n';
      return nullptr;
    }
  }
  return converter;
}

}  // namespace jixiao::cli
