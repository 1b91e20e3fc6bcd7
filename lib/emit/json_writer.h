// A JSON writer that appends straight to a string: no tree is built, so a
// project is written with no allocation beyond the output's own growth. It
// writes exactly what nlohmann::json's dump() writes (compact, or indented by
// two spaces), which the emitter used before and the golden files hold.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace jixiao::emit {

class JsonWriter {
 public:
  // `depth` is where the first value starts: 1 for an element of a
  // top-level array, so that pieces written apart indent as one document.
  JsonWriter(std::string& out, bool pretty, int depth = 0)
      : out_(out), pretty_(pretty), depth_(depth) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The key of the next member; the value follows with one of the calls below.
  void key(std::string_view name);

  void string(std::string_view text);
  void null();
  void boolean(bool value);
  void integer(long long value);
  // A decimal as a JSON number spelled as in the source (`569.4`, `36`).
  void number(const model::Decimal& decimal);
  void optional_string(const std::optional<std::string>& text) { text ? string(*text) : null(); }

  // A member in one call: the key, then its value.
  void member(std::string_view name, std::string_view text) { key(name), string(text); }
  void member(std::string_view name, const char* text) { key(name), string(text); }
  void member(std::string_view name, const std::string& text) { key(name), string(text); }
  void member(std::string_view name, int value) { key(name), integer(value); }
  void member(std::string_view name, bool value) { key(name), boolean(value); }
  void member(std::string_view name, const model::Decimal& decimal) { key(name), number(decimal); }
  void member(std::string_view name, const std::optional<std::string>& text) {
    key(name), optional_string(text);
  }

 private:
  // Appends `text` as a JSON string (quoted, escaped).
  void append_string(std::string_view text);
  void open(char bracket);
  void close(char bracket);
  void before_value();
  void newline(int depth);

  std::string& out_;
  bool pretty_;
  int depth_;
  // For each open object or array: whether it has a member yet (bytes, not
  // vector<bool>'s bits: asked before every value).
  std::vector<char> has_member_;
  bool after_key_ = false;
};

}  // namespace jixiao::emit
