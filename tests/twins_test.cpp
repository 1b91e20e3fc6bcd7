// Twins: the same tables in another encoding (GB18030, UTF-16, a byte-order
// mark) or another layout (pipe tables) read exactly like the tab-separated
// UTF-8 originals.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "convert/convert.h"
#include "emit/emit.h"
#include "normalize/decode.h"
#include "test_support.h"

namespace jixiao {
namespace {

using nlohmann::json;

model::Document convert_file(const std::string& relative, const std::string& encoding = "") {
  std::istringstream in(test::read_file(test::source_dir() + "/" + relative));
  convert::Converter converter(grammar::default_grammar());
  if (!encoding.empty()) converter.force_encoding(encoding);
  return converter.convert(in, "twin.txt");
}

// The output without the facts about the file itself.
std::string output_without_source(model::Document doc) {
  doc.sha256.clear();
  doc.encoding.clear();
  return emit::document_json(doc, emit::Options{true});
}

std::vector<std::string> twins() {
  std::vector<std::string> out;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::source_dir() + "/testdata/encodings")) {
    out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Twin : public testing::TestWithParam<std::string> {};

TEST_P(Twin, GivesTheOutputOfItsUtf8Original) {
  const std::string twin = GetParam();
  const std::string original = "testdata/" + twin.substr(0, twin.find('.')) + ".txt";
  const model::Document expected = convert_file(original);
  const model::Document actual = convert_file("testdata/encodings/" + twin);
  EXPECT_EQ(output_without_source(actual), output_without_source(expected));
  EXPECT_EQ(actual.sha256, source::sha256_hex(test::read_file(test::source_dir() +
                                                              "/testdata/encodings/" + twin)));
}

INSTANTIATE_TEST_SUITE_P(Testdata, Twin, testing::ValuesIn(twins()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test::test_name(info.param);
                         });

// What a table says, without where in the file it said it.
json content_of(const model::Document& doc) {
  json projects = json::parse(emit::document_json(doc, emit::Options{}))["projects"];
  for (auto& p : projects) {
    p.erase("span");
    p.erase("source_lines");
    p.erase("layout");
    p.erase("audit");
    for (auto& indicator : p["indicators"]) {
      indicator.erase("line");
      indicator.erase("lines");
    }
  }
  return projects;
}

std::vector<std::string> layout_twins() {
  std::vector<std::string> out;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::source_dir() + "/testdata/layouts")) {
    if (entry.path().extension() == ".txt") out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class LayoutTwin : public testing::TestWithParam<std::string> {};

TEST_P(LayoutTwin, ReadsLikeTheTabSeparatedOriginal) {
  const std::string twin = GetParam();
  const std::string original = "testdata/" + twin.substr(0, twin.find('.')) + ".txt";
  const json expected = content_of(convert_file(original));
  const json actual = content_of(convert_file("testdata/layouts/" + twin));
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i], expected[i]) << twin << ": project " << i << "\n"
                                      << json::diff(expected[i], actual[i]).dump(1).substr(0, 2000);
  }
}

INSTANTIATE_TEST_SUITE_P(Testdata, LayoutTwin, testing::ValuesIn(layout_twins()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test::test_name(info.param);
                         });

TEST(Encoding, DetectsEachEncoding) {
  EXPECT_EQ(convert_file("testdata/pingluo-2026-kexie.txt").encoding, "UTF-8");
  EXPECT_EQ(convert_file("testdata/encodings/pingluo-2026-kexie.gb18030.txt").encoding, "GB18030");
  EXPECT_EQ(convert_file("testdata/encodings/pingluo-2026-kexie.utf16le-bom.txt").encoding,
            "UTF-16LE");
  EXPECT_EQ(convert_file("testdata/encodings/pingluo-2026-kexie.utf16le.txt").encoding, "UTF-16LE");
  EXPECT_EQ(convert_file("testdata/encodings/pingluo-2026-kexie.utf16be.txt").encoding, "UTF-16BE");
  // Mostly CJK, without a byte-order mark: too few NUL bytes for their count
  // to tell, so the text they decode to does.
  EXPECT_EQ(convert_file("testdata/encodings/ningxia-2021-kexie.utf16le.txt").encoding, "UTF-16LE");
  EXPECT_EQ(convert_file("testdata/encodings/ningxia-2021-kexie.utf16be.txt").encoding, "UTF-16BE");
  EXPECT_EQ(convert_file("testdata/encodings/pingluo-2026-kexie.utf8-bom.txt").encoding,
            "UTF-8 (BOM)");
}

TEST(Encoding, NulBytesThatAreNotUtf16AreBinaryData) {
  auto binary = [](const std::string& bytes) {
    std::istringstream in(bytes);
    const model::Document doc = convert::Converter(grammar::default_grammar()).convert(in, "b");
    return doc.encoding == "UTF-8" &&
           std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(),
                       [](const auto& d) { return d.code == source::Code::binary_input; });
  };
  // UTF-8 text with a few NUL bytes, even all in odd places.
  std::string text = test::read_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt");
  for (std::size_t at : {101u, 303u, 1001u}) text[at] = '\0';
  EXPECT_TRUE(binary(text));
  // As many NUL bytes as UTF-16 has, all in odd places: read as UTF-16, the
  // rest is not text.
  for (std::size_t at = 1; at < text.size(); at += 40) text[at] = '\0';
  EXPECT_TRUE(binary(text));
  // The body of a PDF, past its header: compressed streams.
  EXPECT_TRUE(binary(
      test::read_file(test::source_dir() + "/testdata/fixtures/hunhe-2023.pdf").substr(4096)));
  EXPECT_TRUE(binary(std::string(100000, '\0')));
}

TEST(Encoding, AForcedEncodingWins) {
  const auto doc = convert_file("testdata/encodings/pingluo-2026-kexie.gb18030.txt", "GB18030");
  EXPECT_EQ(doc.encoding, "GB18030");
  EXPECT_EQ(doc.projects.size(), 3u);
  EXPECT_THROW(convert::Converter(grammar::default_grammar()).force_encoding("NO-SUCH-CODEPAGE"),
               std::invalid_argument);
}

TEST(Encoding, UndecodableBytesAreReportedWithTheirLine) {
  // 项目名称 in GBK, a tab, then a lone 0x81 (a lead byte with no trail)
  // and 中文 in GBK on line 2.
  const std::string gbk = "\xCF\xEE\xC4\xBF\xC3\xFB\xB3\xC6\t\xBC\xD7\n\xD6\xD0\x81\x20\xCE\xC4\n";
  std::istringstream in(gbk);
  convert::Converter converter(grammar::default_grammar());
  converter.force_encoding("GB18030");
  const auto doc = converter.convert(in, "bad.txt");
  ASSERT_FALSE(doc.projects.empty());
  EXPECT_EQ(doc.projects[0].name, "甲");
  bool reported = false;
  for (const auto& d : doc.diagnostics) {
    if (d.code == source::Code::undecodable) {
      reported = true;
      EXPECT_EQ(d.line, 2);
      EXPECT_EQ(d.column, 2);
    }
  }
  EXPECT_TRUE(reported);
}

TEST(Encoding, LargeFilesConvertAcrossBlockBoundaries) {
  // Many copies of a GB18030 table: characters straddle the 64 KiB blocks.
  const std::string one =
      test::read_file(test::source_dir() + "/testdata/encodings/pingluo-2026-kexie.gb18030.txt");
  std::string many;
  for (int i = 0; i < 40; ++i) many += one + "\n";
  std::istringstream in(many);
  const auto doc = convert::Converter(grammar::default_grammar()).convert(in, "many.txt");
  EXPECT_EQ(doc.encoding, "GB18030");
  EXPECT_EQ(doc.projects.size(), 120u);
  for (const auto& d : doc.diagnostics) EXPECT_NE(d.code, source::Code::undecodable) << d.line;
}

TEST(Encoding, KnownEncodingNames) {
  EXPECT_TRUE(normalize::known_encoding("GB18030"));
  EXPECT_TRUE(normalize::known_encoding("GBK"));
  EXPECT_TRUE(normalize::known_encoding("UTF-16LE"));
  EXPECT_FALSE(normalize::known_encoding("NO-SUCH-CODEPAGE"));
}

}  // namespace
}  // namespace jixiao
