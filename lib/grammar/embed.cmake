# Writes the grammar files INPUTS (separated by `|`) into OUTPUT as C++ byte arrays, so
# the built-in grammars need no file at run time. Bytes, not raw strings, so
# no content of a grammar can end a literal early. The first is the default.
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(arrays "")
set(entries "")
set(index 0)
foreach(input ${INPUTS})
  file(READ ${input} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  get_filename_component(stem ${input} NAME_WE)
  string(APPEND arrays "const unsigned char kBytes${index}[] = {${bytes} 0};\n")
  string(APPEND entries
    "    {\"${stem}\", {reinterpret_cast<const char*>(kBytes${index}), sizeof(kBytes${index}) - 1}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUTPUT}
  "// Generated from grammars/*.jsonc by lib/grammar/embed.cmake: do not edit.\n"
  "#include \"grammar/grammar.h\"\n"
  "namespace jixiao::grammar {\n"
  "namespace {\n${arrays}}\n"
  "const std::vector<EmbeddedGrammar>& embedded_grammars() {\n"
  "  static const std::vector<EmbeddedGrammar> all = {\n${entries}  };\n"
  "  return all;\n}\n"
  "}  // namespace jixiao::grammar\n")
