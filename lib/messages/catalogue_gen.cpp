// Writes the message catalogue (lib/messages/catalogue.jsonc) as a C++ table
// that messages/catalogue.cpp includes: one entry per section and id, in
// order, with its English and Chinese templates. Done at build time because
// parsing the JSON at run time cost every process that said anything 3.8 M
// instructions, a tenth of converting a small file. A catalogue that is not
// valid JSON, or an entry that is not an object of strings, fails the build.
// Usage: catalogue_gen INPUT OUTPUT.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

// A C++ string literal for any bytes: each byte that is not a plain ASCII
// character as a three-digit octal escape (no digit can run on into it).
std::string literal(const std::string& text) {
  std::string out = "\"";
  for (const unsigned char c : text) {
    const bool plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\%03o", c);
      out += escape;
    }
  }
  return out + "\"";
}

// The template of `language`, or a null pointer where the entry has none.
std::string template_of(const nlohmann::json& entry, const char* language) {
  const auto found = entry.find(language);
  if (found == entry.end()) return "nullptr";
  if (!found->is_string()) throw std::runtime_error(std::string("`") + language + "` is no string");
  return literal(found->get<std::string>());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "catalogue_gen: cannot read %s\n", argv[1]);
    return 1;
  }
  std::ostringstream out;
  out << "// Generated from lib/messages/catalogue.jsonc by lib/messages/catalogue_gen.cpp:\n"
         "// do not edit. {section, id, en, zh}, sorted by section, then id.\n";
  try {
    const auto catalogue = nlohmann::json::parse(text.str(), nullptr, true, /*comments*/ true);
    // (nlohmann's objects are std::maps: their keys come sorted.)
    for (const auto& [section, entries] : catalogue.items()) {
      if (!entries.is_object()) throw std::runtime_error("section " + section + " is no object");
      for (const auto& [id, entry] : entries.items()) {
        if (!entry.is_object()) throw std::runtime_error(section + "." + id + " is no object");
        out << "{" << literal(section) << ", " << literal(id) << ", " << template_of(entry, "en")
            << ", " << template_of(entry, "zh") << "},\n";
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "catalogue_gen: %s: %s\n", argv[1], e.what());
    return 1;
  }
  std::ofstream written(argv[2], std::ios::binary);
  written << out.str();
  return written ? 0 : 1;
}
