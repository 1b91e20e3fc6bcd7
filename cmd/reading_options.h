// The options every command that reads tables shares: which files from
// folders, which grammar, and how to read the bytes and the cells.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "batch/batch.h"
#include "convert/convert.h"
#include "grammar/grammar.h"

namespace jixiao::cli {

struct ReadingOptions {
  std::vector<std::string> globs;   // --glob; *.txt and *.csv when neither is given
  std::vector<std::string> iglobs;  // --iglob
  bool follow = false;              // follow links inside folders
  std::string grammar;
  std::string encoding;
  std::string layout = "auto";
};

// --glob, -L/--follow, --grammar, --encoding and --layout.
void add_reading_options(CLI::App* cmd, ReadingOptions& options);

// How the options say folders are searched.
batch::Walk folder_walk(const ReadingOptions& options);

// The patterns folders are searched for, for messages: `*.txt *.csv`.
std::string globs_text(const ReadingOptions& options);

// Loads the grammar (into `loaded` unless it is the built-in one) and makes a
// converter that reads as the options say. Prints the problem and returns
// null on a usage error: a grammar that will not load, an unknown encoding.
std::unique_ptr<convert::Converter> make_converter(const ReadingOptions& options,
                                                   grammar::Grammar& loaded);

// Opens an input; on failure prints `jixiao: PATH: why` and returns null.
// A folder that could not be read (its `error` set) is such a failure.
std::unique_ptr<std::istream> open_or_report(const batch::Input& input);

// `--grammar PATH`, or the built-in grammar; false (with the error printed)
// when the file will not load.
bool load_grammar_option(const std::string& path, grammar::Grammar& loaded,
                         const grammar::Grammar*& grammar);

}  // namespace jixiao::cli
