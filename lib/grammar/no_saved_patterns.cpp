// The program that saves the built-in grammars' patterns (saved_patterns_gen)
// has none saved yet: it compiles them.
#include "grammar/pattern.h"

namespace jixiao::grammar {

std::string_view saved_pattern_image() { return {}; }

}  // namespace jixiao::grammar
