# Writes the message catalogue INPUT into OUTPUT as a C++ byte array, so that
# jixiao needs no file at run time (as lib/grammar/embed.cmake does for the
# grammars).
file(READ ${INPUT} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUTPUT}
  "// Generated from lib/messages/catalogue.jsonc by lib/messages/embed.cmake: do not edit.\n"
  "#include \"messages/catalogue.h\"\n"
  "namespace jixiao::messages {\n"
  "namespace {\nconst unsigned char kBytes[] = {${bytes} 0};\n}\n"
  "std::string_view catalogue_text() {\n"
  "  return {reinterpret_cast<const char*>(kBytes), sizeof(kBytes) - 1};\n}\n"
  "}  // namespace jixiao::messages\n")
