#include <gtest/gtest.h>

#include <sstream>

#include "source/diagnostic.h"
#include "source/input.h"
#include "source/sha256.h"
#include "source/text_memo.h"
#include "test_support.h"

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

// FIPS 180-4's long vectors: many blocks in one update, and a message
// whose padding takes a block of its own.
TEST(Sha256, LongKnownVectors) {
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_EQ(
      sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                 "klmnopqrlmnopqrsmnopqrstnopqrstu"),
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(sha256_hex_portable(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// The CPU's SHA instructions (where this machine has them) and the portable
// code agree on every length around the block and padding edges, and on
// bytes of every value, fed in pieces of every size.
TEST(Sha256, CpuInstructionsAndPortableCodeAgree) {
  std::string bytes;
  std::uint32_t seed = 12345;
  for (int i = 0; i < 1200; ++i) {
    seed = seed * 1103515245 + 12345;
    bytes += static_cast<char>(seed >> 16);
  }
  for (std::size_t length = 0; length <= bytes.size(); length += (length < 200 ? 1 : 37)) {
    const std::string_view message = std::string_view(bytes).substr(0, length);
    const std::string expected = sha256_hex_portable(message);
    ASSERT_EQ(sha256_hex(message), expected) << length;
    Sha256 pieces;
    const std::size_t step = 1 + length % 71;
    for (std::size_t at = 0; at < length; at += step) pieces.update(message.substr(at, step));
    ASSERT_EQ(pieces.hex_digest(), expected) << length << " in pieces of " << step;
  }
  std::printf("(SHA instructions %s here)\n", sha256_uses_cpu_instructions() ? "used" : "not used");
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

TEST(LineReader, BinaryDataWithoutALineBreakEndsTheInput) {
  // /dev/zero for a long while: one line that never ends.
  test::GeneratedBuffer zeros("", '\0', std::uint64_t{4} << 30);
  std::istream in(&zeros);
  LineReader reader(in);
  RawLine line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_NE(line.bytes.find('\0'), std::string::npos);
  EXPECT_FALSE(reader.next(line));
  EXPECT_LE(zeros.served(), kMaxLineBytes);
}

TEST(LineReader, TheSkipOfALongLineStopsAtBinaryData) {
  // 1.5 MiB of text, then NUL bytes for a long while.
  test::GeneratedBuffer text(std::string(kMaxLineBytes * 3 / 2, 'x'), '\0', std::uint64_t{4} << 30);
  std::istream in(&text);
  LineReader reader(in);
  RawLine line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes.size(), kMaxLineBytes);
  EXPECT_EQ(line.skipped, kMaxLineBytes / 2);
  EXPECT_EQ(line.cut, RawLine::Cut::binary);
  EXPECT_FALSE(reader.next(line));
  EXPECT_LE(text.served(), 2 * kMaxLineBytes);
}

TEST(LineReader, TheSkipOfALongLineIsBounded) {
  // A line with no break that goes on and on (`yes | tr -d '\n'`).
  test::GeneratedBuffer text("", 'x', std::uint64_t{4} << 30);
  std::istream in(&text);
  LineReader reader(in);
  RawLine line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes.size(), kMaxLineBytes);
  EXPECT_GE(line.skipped, kMaxSkipBytes);
  EXPECT_EQ(line.cut, RawLine::Cut::endless);
  EXPECT_FALSE(reader.next(line));
  EXPECT_LE(text.served(), kMaxLineBytes + kMaxSkipBytes + kMaxLineBytes);
}

TEST(LineReader, ALongLineIsSkippedToItsEnd) {
  std::istringstream in(std::string(kMaxLineBytes * 3, 'x') + "\nnext\n");
  LineReader reader(in);
  RawLine line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes.size(), kMaxLineBytes);
  EXPECT_EQ(line.skipped, 2 * kMaxLineBytes);
  EXPECT_EQ(line.cut, RawLine::Cut::none);
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes, "next");
  EXPECT_EQ(line.number, 2);
  EXPECT_FALSE(reader.next(line));
}

// Lines are cut from blocks of 64 KiB: a line that ends at a block's edge,
// or that spans blocks, reads whole; a NUL byte in a line that ends within
// its chunk is the line's, and reading goes on.
TEST(LineReader, LinesAtAndAcrossTheBlockEdgesReadWhole) {
  constexpr std::size_t kBlock = std::size_t{64} << 10;
  std::string nul_line(kBlock, 'n');
  nul_line[10] = '\0';
  const std::string text = std::string(kBlock, 'a') + "\n" + std::string(kBlock - 1, 'b') + "\r\n" +
                           std::string(3 * kBlock + 5, 'c') + "\n" + nul_line + "\n" +
                           std::string(kBlock, 'd');
  std::istringstream in(text);
  LineReader reader(in);
  RawLine line;
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes, std::string(kBlock, 'a'));
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes, std::string(kBlock - 1, 'b'));
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes, std::string(3 * kBlock + 5, 'c'));
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes, nul_line);
  ASSERT_TRUE(reader.next(line));
  EXPECT_EQ(line.bytes, std::string(kBlock, 'd'));
  EXPECT_EQ(line.number, 5);
  EXPECT_FALSE(reader.next(line));
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

TEST(Utf8, AColumnCursorCountsAsColumnOfDoesInAnyOrder) {
  const std::string line = "≥2 个	项目名称	abc	";
  ColumnCursor cursor(line);
  // Left to right, as a row's cells are asked; then back, and past the end.
  for (const std::size_t byte : {0, 3, 4, 5, 8, 9, 21, 24, 22, 3, 0, 28, 40}) {
    EXPECT_EQ(cursor.column_of(byte), column_of(line, byte)) << byte;
  }
}

TEST(Diagnostic, FormatsLikeACompiler) {
  Diagnostic d = make_diagnostic(Code::unparsed_line, 41, 3, "unparsed-line.lone-cell");
  EXPECT_EQ(format(d, "a.txt"),
            "a.txt:41:3: warning: a lone cell in the indicator table that is neither a wrapped "
            "name nor a value [unparsed-line]");
  Diagnostic whole = make_diagnostic(Code::empty_input, 0, 0, "empty-input.no-text");
  EXPECT_EQ(format(whole, "a.txt"), "a.txt: error: the input has no text [empty-input]");
}

// The English words come from the catalogue's template, filled with the
// values, which the diagnostic keeps for saying it in another language.
TEST(Diagnostic, SaysItsTemplateInEnglishAndKeepsItsValues) {
  const Diagnostic d =
      make_diagnostic(Code::no_tables, 0, 0, "no-tables.none", {{"grammar", "budget-target"}});
  EXPECT_EQ(d.message,
            "no project table found: no line with a header label such as 项目名称 (grammar "
            "budget-target)");
  EXPECT_EQ(d.message_id, "no-tables.none");
  EXPECT_EQ(d.args, (messages::Args{{"grammar", "budget-target"}}));
}

TEST(Utf8, NextCharacterDecodesOneAndSkipsABadByte) {
  const std::string text = "a宁\xff😀";
  std::size_t i = 0;
  EXPECT_EQ(next_character(text, i), U'a');
  EXPECT_EQ(next_character(text, i), U'宁');
  EXPECT_EQ(next_character(text, i), kNotACharacter);
  EXPECT_EQ(i, 5u);
  EXPECT_EQ(next_character(text, i), U'😀');
  EXPECT_EQ(i, text.size());
}

TEST(Diagnostic, QuotedCellsAreCutToAFewCharacters) {
  EXPECT_EQ(source::shorten_quoted("`宁夏回族自治区` and `ab`", 4), "`宁夏回族…` and `ab`");
  EXPECT_EQ(source::shorten_quoted("no quotes at all", 4), "no quotes at all");
  EXPECT_EQ(source::shorten_quoted("`abcdef` then `unclosed", 2), "`ab…` then `unclosed");
  const auto d =
      source::make_diagnostic(source::Code::unknown_unit, 3, 1, "unknown-unit.word",
                              {{"word", std::string(1000, 'x')}}, std::string(1000, 'x'));
  EXPECT_EQ(d.message, "`" + std::string(source::kQuotedChars, 'x') +
                           "…` is not a unit the grammar knows (values.units)");
  EXPECT_EQ(d.text.size(), 1000u);  // the cell itself stays whole
  // …and its value is kept cut as the message shows it.
  EXPECT_EQ(d.args.at(0).second, std::string(source::kQuotedChars, 'x') + "…");
}

TEST(TextMemo, FindsWhatWasAddedAndNothingElse) {
  TextMemo<int> memo(64, 4096);
  EXPECT_EQ(memo.find("绩效目标"), nullptr);  // empty: no table yet
  for (int i = 0; i < 40; ++i) memo.add("cell " + std::to_string(i), i);
  EXPECT_EQ(memo.find("cell 40"), nullptr);
  EXPECT_EQ(memo.find(""), nullptr);
  for (int i = 39; i >= 0; --i) {
    const int* found = memo.find("cell " + std::to_string(i));
    ASSERT_NE(found, nullptr) << i;
    EXPECT_EQ(*found, i);
    // Asked again at once: the same entry (by the last-entry shortcut).
    EXPECT_EQ(memo.find("cell " + std::to_string(i)), found);
  }
  memo.add("", -1);  // the empty text is a text like any other
  ASSERT_NE(memo.find(""), nullptr);
  EXPECT_EQ(*memo.find(""), -1);
}

TEST(TextMemo, StartsAgainWhenFullOfEntriesOrOfKeyBytes) {
  TextMemo<int> by_entries(4, 4096);
  for (int i = 0; i < 4; ++i) by_entries.add(std::to_string(i), i);
  EXPECT_EQ(by_entries.size(), 4u);
  by_entries.add("4", 4);
  EXPECT_EQ(by_entries.size(), 1u);
  EXPECT_EQ(by_entries.find("0"), nullptr);
  ASSERT_NE(by_entries.find("4"), nullptr);

  TextMemo<int> by_bytes(100, 10);
  by_bytes.add("12345", 1);
  by_bytes.add("67890", 2);
  EXPECT_EQ(by_bytes.size(), 2u);
  by_bytes.add("x", 3);  // 11 bytes would pass the bound
  EXPECT_EQ(by_bytes.size(), 1u);
  EXPECT_EQ(by_bytes.find("12345"), nullptr);
  EXPECT_EQ(*by_bytes.find("x"), 3);
}

TEST(TextMemo, WhenFullKeepsTheTextsThatCameBack) {
  // A label found again after many other texts (the next project's rows)
  // stays when the memo fills; a text asked about only while it was new goes.
  TextMemo<int> memo(200, 1 << 20);
  memo.add("项目名称", 1);
  memo.add("指标值", 2);
  ASSERT_NE(memo.find("指标值"), nullptr);  // asked again at once: not a return
  for (int i = 0; i < 100; ++i) memo.add("value " + std::to_string(i), i);
  ASSERT_NE(memo.find("项目名称"), nullptr);  // came back
  for (int i = 100; i < 198; ++i) memo.add("value " + std::to_string(i), i);
  EXPECT_EQ(memo.size(), 200u);
  memo.add("next", 0);  // full: room is made
  EXPECT_EQ(memo.size(), 2u);
  ASSERT_NE(memo.find("项目名称"), nullptr);
  EXPECT_EQ(*memo.find("项目名称"), 1);
  EXPECT_EQ(memo.find("指标值"), nullptr);
  EXPECT_EQ(memo.find("value 5"), nullptr);
  EXPECT_EQ(*memo.find("next"), 0);
}

TEST(TextMemo, WhenMoreThanHalfOfItCameBackItStartsAgain) {
  // Kept entries must leave room, or every add would sift the memo again.
  TextMemo<int> memo(200, 1 << 20);
  for (int i = 0; i < 150; ++i) memo.add("a" + std::to_string(i), i);
  for (int i = 0; i < 50; ++i) memo.add("filler " + std::to_string(i), i);
  for (int i = 0; i < 135; ++i) ASSERT_NE(memo.find("a" + std::to_string(i)), nullptr);
  memo.add("x", 0);
  EXPECT_EQ(memo.size(), 1u);  // 135 came back, more than half: none stays
  EXPECT_EQ(memo.find("a0"), nullptr);
}

TEST(TextMemo, BytesThatNowHoldAnotherTextFindThatText) {
  // The entry last found from a place is tried first for a text at the
  // same place: a cell's string reused for another text must not get the
  // first text's entry.
  TextMemo<int> memo(64, 4096);
  std::string cell = "项目名称";
  memo.add(cell, 1);
  memo.add("其他", 0);  // so that the last entry found is another
  ASSERT_NE(memo.find(cell), nullptr);
  memo.add("又一个", 0);
  const char* place = cell.data();
  cell = "项目期限";  // same length: the same bytes
  ASSERT_EQ(cell.data(), place);
  EXPECT_EQ(memo.find(cell), nullptr);
  memo.add(cell, 2);
  memo.add("再一个", 0);
  ASSERT_NE(memo.find(cell), nullptr);
  EXPECT_EQ(*memo.find(cell), 2);
  EXPECT_EQ(*memo.find("项目名称"), 1);
}

TEST(TextMemo, ManyTextsInASmallTableAllFound) {
  // Filled to its bound, so that probes run past taken slots.
  TextMemo<std::size_t> memo(1000, 1 << 20);
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < 1000; ++i)
    texts.push_back(std::string(i % 7, '.') + "指标" + std::to_string(i));
  for (std::size_t i = 0; i < texts.size(); ++i) memo.add(texts[i], i);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::size_t* found = memo.find(texts[i]);
    ASSERT_NE(found, nullptr) << texts[i];
    EXPECT_EQ(*found, i);
  }
  memo.clear();
  EXPECT_EQ(memo.size(), 0u);
  EXPECT_EQ(memo.find(texts[0]), nullptr);
}

}  // namespace
}  // namespace jixiao::source
