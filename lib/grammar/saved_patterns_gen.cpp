// Build step: loads the built-in grammars, compiling every pattern they
// have, and writes them, saved (Pattern::save_compiled), as a C++ source
// that defines saved_pattern_image() for the program.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "grammar/grammar.h"
#include "grammar/pattern.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: saved_patterns_gen OUTPUT.cpp\n");
    return 2;
  }
  const auto grammars = jixiao::grammar::builtin_grammars();
  const std::string image = jixiao::grammar::Pattern::save_compiled();
  std::ostringstream out;
  out << "// Generated at build time by saved_patterns_gen from the built-in grammars'\n"
         "// patterns ("
      << grammars.size()
      << " grammars): do not edit.\n"
         "#include \"grammar/pattern.h\"\n\n"
         "namespace jixiao::grammar {\nnamespace {\n\n"
         "alignas(16) const unsigned char kImage[] = {";
  for (std::size_t i = 0; i < image.size(); ++i) {
    if (i % 20 == 0) out << "\n   ";
    out << ' ' << static_cast<unsigned>(static_cast<unsigned char>(image[i])) << ',';
  }
  out << "\n    0};\n\n}  // namespace\n\n"
         "std::string_view saved_pattern_image() {\n"
         "  return {reinterpret_cast<const char*>(kImage), sizeof kImage - 1};\n}\n\n"
         "}  // namespace jixiao::grammar\n";
  std::ofstream file(argv[1], std::ios::binary);
  file << out.str();
  if (!file.flush()) {
    std::fprintf(stderr, "saved_patterns_gen: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
