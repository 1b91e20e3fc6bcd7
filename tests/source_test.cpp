#include <gtest/gtest.h>

#include <sstream>

#include "source/diagnostic.h"
#include "source/input.h"
#include "source/sha256.h"

namespace jixiao::source {
namespace {

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  const std::string text(1000, 'x');
  Sha256 hash;
  for (std::size_t i = 0; i < text.size(); i += 7) hash.update(std::string_view(text).substr(i, 7));
  EXPECT_EQ(hash.hex_digest(), sha256_hex(text));
}

TEST(LineReader, NumbersLinesAndStripsCarriageReturns) {
  const std::string text = "a\r\n\nb";
  std::istringstream in(text);
  LineReader reader(in);
  RawLine line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.number, 1);
  EXPECT_EQ(line.bytes, "a");
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes, "");
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.number, 3);
  EXPECT_EQ(line.bytes, "b");
  EXPECT_FALSE(reader.next(line));
  EXPECT_EQ(reader.lines_read(), 3);
}

TEST(Utf8, FindsTheFirstInvalidByte) {
  EXPECT_EQ(find_invalid_utf8("项目名称"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("ab\xC0\xAF"), 2u);        // overlong
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);      // surrogate
  EXPECT_EQ(find_invalid_utf8("\xE9\xA1"), 0u);          // truncated
  EXPECT_EQ(find_invalid_utf8("\xCF\xEE\xC4\xBF"), 0u);  // 项目 in GBK
}

TEST(Utf8, RepairReplacesEachBadByte) {
  EXPECT_EQ(repair_utf8("a\xFF"
                        "b"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(Utf8, ColumnsCountCharactersNotBytes) {
  const std::string line = "项目\t名称";
  EXPECT_EQ(column_of(line, 0), 1);
  EXPECT_EQ(column_of(line, 3), 2);
  EXPECT_EQ(column_of(line, 7), 4);
}

TEST(Diagnostic, FormatsLikeACompiler) {
  Diagnostic d = make_diagnostic(Code::unparsed_line, 41, 3, "a line that fitted nowhere");
  EXPECT_EQ(format(d, "a.txt"), "a.txt:41:3: warning: a line that fitted nowhere [unparsed-line]");
  Diagnostic whole = make_diagnostic(Code::no_tables, 0, 0, "no project table found");
  EXPECT_EQ(format(whole, "a.txt"), "a.txt: error: no project table found [no-tables]");
}

}  // namespace
}  // namespace jixiao::source
