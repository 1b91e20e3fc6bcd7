#pragma once

#include <iostream>
#include <string>

#include "grammar/grammar.h"

namespace jixiao::cli {

// `--grammar PATH`, or the built-in grammar. Prints the error and returns
// false when the file will not load.
inline bool load_grammar_option(const std::string& path, grammar::Grammar& loaded,
                                const grammar::Grammar*& grammar) {
  try {
    if (path.empty()) {
      grammar = &grammar::default_grammar();
    } else {
      loaded = grammar::load_grammar_file(path);
      grammar = &loaded;
    }
    return true;
  } catch (const grammar::GrammarError& e) {
    std::cerr << "jixiao: grammar error: " << e.what() << '\n';
    return false;
  }
}

}  // namespace jixiao::cli
