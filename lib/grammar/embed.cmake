# Writes the grammar file INPUT into OUTPUT as a C++ byte array, so the
# default grammar needs no file at run time. Bytes, not a raw string, so no
# content of the grammar can end the literal early.
file(READ ${INPUT} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
get_filename_component(name ${INPUT} NAME)
file(WRITE ${OUTPUT}
  "// Generated from grammars/${name} by lib/grammar/embed.cmake: do not edit.\n"
  "#include <string_view>\n"
  "namespace jixiao::grammar {\n"
  "namespace {\nconst unsigned char kBytes[] = {${bytes} 0};\n}\n"
  "std::string_view embedded_default_grammar() {\n"
  "  return {reinterpret_cast<const char*>(kBytes), sizeof(kBytes) - 1};\n}\n"
  "std::string_view embedded_default_grammar_name() { return \"${name}\"; }\n"
  "}  // namespace jixiao::grammar\n")
