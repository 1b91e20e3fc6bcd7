// Pattern: PCRE2 behind the grammar's one regex type. The byte tests that
// turn subjects away before PCRE2 runs must never change an answer.
#include "grammar/pattern.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace jixiao::grammar {
namespace {

Pattern compiled(const std::string& source) {
  Pattern p;
  std::string error;
  EXPECT_TRUE(p.compile(source, error)) << source << ": " << error;
  return p;
}

struct Case {
  const char* pattern;
  const char* subject;
  std::size_t start;
  bool matches;
};

TEST(Pattern, ByteTestsBeforeMatchingChangeNoAnswer) {
  const Case cases[] = {
      // Anchored, with a first code unit (`第`) and a required one (`页`).
      {"^第\\s*\\d{1,4}\\s*页$", "第 3 页", 0, true},
      {"^第\\s*\\d{1,4}\\s*页$", "共 3 页", 0, false},
      {"^第\\s*\\d{1,4}\\s*页$", "第 3 张", 0, false},
      // Anchored with a set of first code units (a digit).
      {"^\\d{1,2}[.、]?", "12.数量指标", 0, true},
      {"^\\d{1,2}[.、]?", "数量指标", 0, false},
      {"^\\d{1,2}[.、]?", "", 0, false},
      // Unanchored, first code unit `(`: anywhere in the subject.
      {"\\((?:必|选填)[^()]*\\)?$", "数量指标(必填)", 0, true},
      {"\\((?:必|选填)[^()]*\\)?$", "数量指标", 0, false},
      // A search that starts later sees only what follows.
      {"(?<year>(?:19|20)\\d{2})\\s*年", "自2021年起", 0, true},
      {"(?<year>(?:19|20)\\d{2})\\s*年", "自2021年起", 4, false},
      {"(?<year>(?:19|20)\\d{2})\\s*年", "2021年至2022年", 7, true},
      // Lookbehind before the start: the match may still begin at it.
      {"(?<=\\s)\\d+", "a 12", 2, true},
      // Caseless, inline or not: the code units are not tested.
      {"(?i)abc", "xxABCxx", 0, true},
      {"(?i:x)yz", "Xyz", 0, true},
      // Empty-matching patterns are never turned away.
      {"a*", "", 0, true},
      {"^$", "", 0, true},
  };
  for (const Case& c : cases) {
    const Pattern p = compiled(c.pattern);
    Pattern::Match m;
    EXPECT_EQ(p.search(c.subject, m, c.start), c.matches)
        << c.pattern << " on `" << c.subject << "` from " << c.start;
    if (c.start == 0) {
      EXPECT_EQ(p.contains(c.subject), c.matches) << c.pattern;
    }
  }
}

TEST(Pattern, CountsEveryMatchTriedEvenWhenTurnedAway) {
  const Pattern p = compiled("^第\\d+页$");
  const auto before = Pattern::attempts();
  EXPECT_FALSE(p.contains("共3页"));
  EXPECT_TRUE(p.contains("第3页"));
  EXPECT_EQ(Pattern::attempts() - before, 2u);
}

TEST(Pattern, ABusyPatternAnswersTheSameBeforeAndAfterItsJitCompilation) {
  // The first matches (about 24 KiB of subjects) run in the interpreter, the
  // rest JIT-compiled.
  const Pattern p = compiled("^(?<n>\\d+)\\s*(?<unit>万元|元)$");
  for (int i = 0; i < 3000; ++i) {
    Pattern::Match m;
    const std::string subject = std::to_string(i) + " 万元";  // the match points into it
    ASSERT_TRUE(p.search(subject, m)) << i;
    ASSERT_EQ(m.group(p.group_index("n")), std::to_string(i));
    ASSERT_FALSE(p.contains(std::to_string(i) + " 美元"));
  }
}

// Patterns of one source share their compiled code (grammars that extend
// another repeat its patterns): each answers alone, names its groups, and
// goes on answering when the others are gone; a pattern that failed to
// compile, or was never compiled, has no groups.
TEST(Pattern, PatternsOfOneSourceShareTheirCodeAndOutliveEachOther) {
  const std::string source = "^(?<n>\\d+)\\s*(?<unit>个|项)$";
  auto first = std::make_unique<Pattern>(compiled(source));
  const Pattern second = compiled(source);
  EXPECT_TRUE(first->contains("3 个"));
  first.reset();
  Pattern::Match m;
  ASSERT_TRUE(second.search("12项", m));
  EXPECT_EQ(m.group(second.group_index("n")), "12");
  EXPECT_EQ(m.group(second.group_index("unit")), "项");
  EXPECT_EQ(second.group_index("none"), -1);
  const Pattern third = compiled(source);  // after the first was let go
  EXPECT_TRUE(third.contains("7个"));
  EXPECT_FALSE(third.contains("7 张"));

  Pattern broken;
  std::string error;
  EXPECT_FALSE(broken.compile("(?<n>", error));
  EXPECT_FALSE(error.empty());
  EXPECT_TRUE(broken.empty());
  EXPECT_EQ(broken.group_index("n"), -1);
  EXPECT_EQ(Pattern().group_index("n"), -1);
}

// An image for Pattern::use_saved, kept for the program's life at an
// aligned address, as the built-in one is.
std::string_view kept_image(const std::string& image) {
  static std::vector<std::unique_ptr<std::max_align_t[]>> kept;
  auto& copy = kept.emplace_back(new std::max_align_t[image.size() / sizeof(std::max_align_t) + 1]);
  std::memcpy(copy.get(), image.data(), image.size());
  return {reinterpret_cast<const char*>(copy.get()), image.size()};
}

// The built-in grammars' patterns come saved in the program, and a saved
// pattern is decoded, not compiled, with the same named groups and matches.
TEST(Pattern, ASavedPatternIsDecodedAndMatchesAsCompiled) {
  EXPECT_FALSE(saved_pattern_image().empty());
  const std::string source = "^(?<n>\\d+)\\s*(?<unit>张|幅)\\s*\\(saved\\)$";
  std::string image;
  {
    const Pattern first = compiled(source);
    image = Pattern::save_compiled();
  }  // let go: compiling again cannot share its code
  ASSERT_NE(image.find(source), std::string::npos);
  Pattern::use_saved(kept_image(image));
  const std::uint64_t before = Pattern::decoded_from_saved();
  const Pattern again = compiled(source);
  EXPECT_EQ(Pattern::decoded_from_saved(), before + 1);
  Pattern::Match m;
  ASSERT_TRUE(again.search("12 幅 (saved)", m));
  EXPECT_EQ(m.group(again.group_index("n")), "12");
  EXPECT_EQ(m.group(again.group_index("unit")), "幅");
  EXPECT_FALSE(again.contains("12 个 (saved)"));
}

// A saved pattern that does not decode (another PCRE2's form; here its
// bytes spoiled) is compiled as any other.
TEST(Pattern, ASavedPatternThatDoesNotDecodeIsCompiled) {
  const std::string source = "^(?<n>\\d+)\\s*(?<unit>册|本)\\s*\\(spoiled\\)$";
  std::string image;
  {
    const Pattern first = compiled(source);
    image = Pattern::save_compiled();
  }
  const std::size_t at = image.find(source);
  ASSERT_NE(at, std::string::npos);
  const std::size_t code_at = at + (source.size() + 15) / 16 * 16;
  for (std::size_t i = code_at; i < code_at + 8; ++i) image[i] = '\x5a';  // its magic number
  Pattern::use_saved(kept_image(image));
  const std::uint64_t before = Pattern::decoded_from_saved();
  const Pattern again = compiled(source);
  EXPECT_EQ(Pattern::decoded_from_saved(), before);
  EXPECT_TRUE(again.contains("3 本 (spoiled)"));
  EXPECT_EQ(again.group_index("unit"), 2);
}

TEST(Pattern, AMatchThatReachesALimitIsLoggedOncePerRuleOnItsThread) {
  // `(a+)+$` tries every way of cutting the a's before it fails: 2^40 here.
  Pattern p = compiled("^(?:a+)+$");
  p.set_name("test.backtracking");
  const std::string subject = std::string(40, 'a') + "b";
  EXPECT_FALSE(p.contains(subject));  // no log open: no match, as before
  LimitLog log;
  EXPECT_FALSE(p.contains(subject));
  Pattern::Match m;
  EXPECT_FALSE(p.search(subject, m));
  std::vector<LimitLog::Hit> hits = log.take();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].rule, "test.backtracking");
  EXPECT_EQ(hits[0].limit, "match limit");
  EXPECT_EQ(hits[0].subject, subject);
  EXPECT_FALSE(p.contains(subject));
  EXPECT_TRUE(log.empty());  // a rule is reported once
  // Another thread's matches go to its own log, never to this one.
  std::size_t other_hits = 0;
  std::thread other([&] {
    LimitLog own;
    p.contains(subject);
    other_hits = own.take().size();
  });
  other.join();
  EXPECT_EQ(other_hits, 1u);
  EXPECT_TRUE(log.empty());
  // JIT-compiled (after 1,024 matches), the pattern reaches the limit too.
  Pattern busy = compiled("^(?:a+)+$");
  busy.set_name("test.busy");
  for (int i = 0; i < 1100; ++i) ASSERT_TRUE(busy.contains("aaa"));
  EXPECT_FALSE(busy.contains(subject));
  hits = log.take();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].rule, "test.busy");
}

}  // namespace
}  // namespace jixiao::grammar
