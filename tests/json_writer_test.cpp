// The JSON writer against nlohmann::json's dump(), which the emitter used
// before and which the golden files hold: the same bytes, compact and
// indented, for every kind of value the output has.
#include "emit/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "source/input.h"

namespace jixiao::emit {
namespace {

using Json = nlohmann::ordered_json;

std::string nlohmann_dump(const Json& j, bool pretty) {
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

// {"a": "x\"\n\u0001/中", "n": null, "t": true, "i": -12, "e": {}, "l": [],
//  "o": {"list": [1, {"k": false}], "s": ""}}
void write_sample(JsonWriter& w) {
  w.begin_object();
  w.key("a");
  w.string("x\"\n\x01/中\\\t\b\f\r\x7f");
  w.key("n");
  w.null();
  w.key("t");
  w.boolean(true);
  w.key("i");
  w.integer(-12);
  w.key("e");
  w.begin_object();
  w.end_object();
  w.key("l");
  w.begin_array();
  w.end_array();
  w.key("o");
  w.begin_object();
  w.key("list");
  w.begin_array();
  w.integer(1);
  w.begin_object();
  w.key("k");
  w.boolean(false);
  w.end_object();
  w.end_array();
  w.key("s");
  w.string("");
  w.end_object();
  w.end_object();
}

Json sample() {
  return Json{{"a", "x\"\n\x01/中\\\t\b\f\r\x7f"},
              {"n", nullptr},
              {"t", true},
              {"i", -12},
              {"e", Json::object()},
              {"l", Json::array()},
              {"o", Json{{"list", Json::array({1, Json{{"k", false}}})}, {"s", ""}}}};
}

TEST(JsonWriter, WritesWhatNlohmannWritesCompact) {
  std::string out;
  JsonWriter w(out, false);
  write_sample(w);
  EXPECT_EQ(out, nlohmann_dump(sample(), false));
}

TEST(JsonWriter, WritesWhatNlohmannWritesIndented) {
  std::string out;
  JsonWriter w(out, true);
  write_sample(w);
  EXPECT_EQ(out, nlohmann_dump(sample(), true));
}

TEST(JsonWriter, ADeeperStartIndentsAsInsideADocument) {
  std::string out = "[\n  ";
  JsonWriter w(out, true, 1);
  w.begin_object();
  w.key("k");
  w.integer(1);
  w.end_object();
  out += "\n]";
  EXPECT_EQ(out, nlohmann_dump(Json::array({Json{{"k", 1}}}), true));
}

TEST(JsonWriter, DecimalsAreSpelledAsInTheSource) {
  for (const std::string text : {"36", "569.4", "0.78", "-3", "86.6612", "1719.9", "0"}) {
    std::string out;
    JsonWriter(out, false).number(model::Decimal{text});
    EXPECT_EQ(out, text);
  }
}

TEST(JsonWriter, OddDecimalsBecomeValidNumbers) {
  // Not what the value parser makes, but never invalid JSON: what a dump of
  // the integer, or of the nearest double, gives.
  const std::pair<std::string, Json> cases[] = {
      {"007", Json(7)},
      {"5.50", Json(5.5)},
      {"1e3", Json(1000.0)},
      {"12345678901234567890", Json(1.2345678901234567e19)},
      {"0.000125", Json(1.25e-4)},
      {"1.25e-5", Json(1.25e-5)},
      {"-2.5e-7", Json(-2.5e-7)},
      {"123456789012345678901234", Json(1.2345678901234568e23)}};
  for (const auto& [text, expected] : cases) {
    std::string out;
    JsonWriter(out, false).number(model::Decimal{text});
    EXPECT_EQ(out, nlohmann_dump(expected, false)) << text;
  }
}

// Strings are escaped eight ASCII bytes at a time: a byte to escape at any
// place of a word, beside CJK, four-byte and E0/ED-led characters, comes out
// as nlohmann::json writes it, and an ill-formed byte anywhere is replaced.
TEST(JsonWriter, EscapesAtEveryPlaceOfAWord) {
  const std::string specials[] = {"\"",           "\\",          "\x01", "\x1f", "\t",
                                  "\x7f",         " ",           "~",    "中",   "\xF0\x9F\x98\x80",
                                  "\xE0\xA4\x85", "\xED\x9F\xBF"};
  for (const auto& special : specials) {
    for (std::size_t at = 0; at <= 20; ++at) {
      std::string text = "abcdefghijklmnopqrstuvw";
      text.insert(at, special);
      std::string out;
      JsonWriter(out, false).string(text);
      EXPECT_EQ(out, nlohmann_dump(Json(text), false)) << at << " " << special;
    }
  }
  for (std::size_t at = 0; at <= 20; ++at) {
    std::string text = "abcdefgh\"ijklmnop中qrstuvw";
    text.insert(at, "\xC0");
    std::string out;
    JsonWriter(out, false).string(text);
    // (Each ill-formed byte is one U+FFFD, as the reader repairs text.)
    EXPECT_EQ(out, nlohmann_dump(Json(source::repair_utf8(text)), false)) << at;
    EXPECT_TRUE(nlohmann::json::accept(out));
  }
}

// Chinese text is checked a character at a time: an ill-formed byte, or a
// character cut short, anywhere in a run of them is found.
TEST(JsonWriter, IllFormedBytesInChineseTextAreFoundAnywhere) {
  const std::string run = "产出指标满意度\"服务对象";
  for (std::size_t at = 0; at <= run.size(); ++at) {
    for (const char* bad : {"\xC0", "\xE4\xB8", "\x80"}) {
      std::string text = run;
      text.insert(at, bad);
      std::string out;
      JsonWriter(out, false).string(text);
      EXPECT_EQ(out, nlohmann_dump(Json(source::repair_utf8(text)), false)) << at;
      EXPECT_TRUE(nlohmann::json::accept(out)) << at;
    }
    std::string cut = run.substr(0, at);  // perhaps inside a character
    std::string out;
    JsonWriter(out, false).string(cut);
    EXPECT_EQ(out, nlohmann_dump(Json(source::repair_utf8(cut)), false)) << at;
  }
}

TEST(JsonWriter, InvalidUtf8BecomesTheReplacementCharacter) {
  std::string out;
  JsonWriter(out, false)
      .string(
          "a\xFF"
          "b");
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\"");
  EXPECT_TRUE(nlohmann::json::accept(out));
}

}  // namespace
}  // namespace jixiao::emit
