#include "normalize/normalize.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>

#include "normalize/han_script.h"

namespace jixiao::normalize {
namespace {

std::string norm(std::string_view line) {
  static const Normalizer normalizer;
  return normalizer.normalize(line).text;
}

TEST(Normalize, FullWidthFormsTakeTheirUsualForms) {
  EXPECT_EQ(norm("（１２％）：ＡＢ"), "(12%):AB");
  EXPECT_EQ(norm("１ 项（受益人群不少于３万人次）"), "1 项(受益人群不少于3万人次)");
  EXPECT_EQ(norm("≥２　个"), "≥2 个");  // the ideographic space becomes a space
}

TEST(Normalize, RemovesSpacesBetweenCjkCharacters) {
  EXPECT_EQ(norm("绩 效指 标"), "绩效指标");
  EXPECT_EQ(norm("开展生产生活类宣传培 训"), "开展生产生活类宣传培训");
  EXPECT_EQ(norm("“蔬菜种业科技服务专家团” 组建人数"), "“蔬菜种业科技服务专家团”组建人数");
}

TEST(Normalize, KeepsTheGapBetweenColumns) {
  EXPECT_EQ(norm("产出指标    数量指标"), "产出指标    数量指标");
  EXPECT_EQ(norm("项目名称　　科普经费"), "项目名称  科普经费");
}

TEST(Normalize, KeepsTheSpaceBetweenANumberAndAWord) {
  EXPECT_EQ(norm("≥2 个"), "≥2 个");
  EXPECT_EQ(norm("2026 年 12 月 31 日前"), "2026 年 12 月 31 日前");
  EXPECT_EQ(norm("指标 1: 年服务观众人次"), "指标 1: 年服务观众人次");
}

TEST(Normalize, TraditionalCharactersFoldToSimplifiedInPlace) {
  std::string text = "產出指標 滿意度 項目名稱（萬元）≥6 場次";
  const std::size_t bytes = text.size();
  fold_traditional(text);
  EXPECT_EQ(text, "产出指标 满意度 项目名称（万元）≥6 场次");
  EXPECT_EQ(text.size(), bytes);  // offsets into the text stay valid
  // Simplified text, ASCII and cut sequences are left as they are.
  for (std::string same : {std::string("产出指标 ≥95%"), std::string("abc"),
                           std::string("\xE7\x94"), std::string("")}) {
    const std::string before = same;
    fold_traditional(same);
    EXPECT_EQ(same, before);
  }
}

TEST(Normalize, AppendSquashedDropsWhiteSpaceAndFoldsInOnePass) {
  // As removing the white space and then folding would: the same bytes.
  for (const std::string& text :
       {std::string(" 產出 指標\t滿意度\r\n"), std::string("項目名稱（萬元）≥6 場次"),
        std::string("产出指标 ≥95%\f\v"), std::string("\xE7\x94"), std::string("\xE7 \x94\x9F"),
        std::string("㐀 䶵 一 龥 ")}) {
    std::string expected;
    for (const char c : text) {
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') expected += c;
    }
    fold_traditional(expected);
    std::string out = "前";
    append_squashed(out, text);
    EXPECT_EQ(out, "前" + expected) << text;
  }
}

TEST(Normalize, NeverTouchesTabs) { EXPECT_EQ(norm("项目\t\t名 称"), "项目\t\t名称"); }

TEST(Normalize, StripsHtmlTagsButNotBookTitleBrackets) {
  EXPECT_EQ(norm("<p>围绕全民科学素质</p>"), "围绕全民科学素质");
  EXPECT_EQ(norm("<span class=\"x\">a</span><br/>b"), "ab");
  EXPECT_EQ(norm("印发<关于进一步加强基层科普服务能力建设的意见>的通知"),
            "印发<关于进一步加强基层科普服务能力建设的意见>的通知");
  EXPECT_EQ(norm("1 < 2 > 0"), "1 < 2 > 0");
}

TEST(Normalize, DecodesEntitiesAndDropsInvisibleCharacters) {
  EXPECT_EQ(norm("A&amp;B&nbsp;C&#12288;D&#x41;"),
            "A&B C D"
            "A");
  EXPECT_EQ(norm("\xEF\xBB\xBF项目\xE2\x80\x8B名称"), "项目名称");
  EXPECT_EQ(norm("&unknown; &#0;"), "&unknown; &#0;");
}

TEST(Normalize, EveryByteKnowsItsOriginalOffset) {
  static const Normalizer normalizer;
  // `１２` is 6 bytes in the file and 2 after NFKC; `个` stays 3 bytes.
  const std::string line = "≥１２ 个";
  const Text text = normalizer.normalize(line);
  ASSERT_EQ(text.text, "≥12 个");
  ASSERT_EQ(text.origin.size(), text.text.size() + 1);
  EXPECT_EQ(text.origin[0], 0u);               // ≥
  EXPECT_EQ(text.origin[3], 3u);               // 1 from １
  EXPECT_EQ(text.origin[4], 6u);               // 2 from ２
  EXPECT_EQ(text.origin[6], line.find("个"));  // 个
  EXPECT_EQ(text.origin.back(), line.size());
}

TEST(Normalize, OffsetsSurviveRemovedMarkupAndSpaces) {
  static const Normalizer normalizer;
  const std::string line = "<p>宣传培 训</p>";
  const Text text = normalizer.normalize(line);
  ASSERT_EQ(text.text, "宣传培训");
  EXPECT_EQ(text.origin[text.text.find("训")], line.find("训"));
}

TEST(Normalize, CharactersThatSkipIcuAreNfkcAndStandAlone) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  // A line is NFKC when each character is NFKC on its own and none
  // interacts with the one before it (ICU: a boundary before it); ASCII
  // and the fast set are checked for both.
  int checked = 0;
  for (char32_t c = 0; c <= 0xFFFF; ++c) {
    if (c >= 0x80 && !stays_in_nfkc(c)) continue;
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const icu::UnicodeString one(static_cast<UChar32>(c));
    EXPECT_TRUE(nfkc->hasBoundaryBefore(static_cast<UChar32>(c)) && nfkc->isNormalized(one, status))
        << std::hex << "U+" << static_cast<std::uint32_t>(c);
    ++checked;
  }
  EXPECT_GT(checked, 20000);  // the ideographs
  // A line of them and ASCII comes out as it went in; one with a full-width
  // comma is still rewritten.
  static const Normalizer normalizer;
  EXPECT_EQ(normalizer.nfkc("“绩效”指标≥90%《办法》—2024年").text, "“绩效”指标≥90%《办法》—2024年");
  EXPECT_EQ(normalizer.nfkc("产出，效益").text, "产出,效益");
}

// The table nfkc() rewrites full-width forms with gives what ICU gives,
// bytes and origins, for every character it covers, alone and side by side.
TEST(Normalize, FullWidthFormsByTableAsByIcu) {
  static const Normalizer normalizer;
  auto utf8 = [](char32_t c) {
    std::string out;
    icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
    return out;
  };
  std::vector<std::string> lines = {"（１２％）≥９０％，“绩效”：　完成。", "ＡＢＣ　ａｂｃ～！",
                                    "项目名称：　　　某项目", "１"};
  std::string all;
  for (char32_t c = 0xFF01; c <= 0xFF5E; ++c) {
    all += utf8(c);
    lines.push_back("指" + utf8(c) + "标" + utf8(c) + utf8(c) + "a" + utf8(0x3000) + utf8(c));
  }
  lines.push_back(all);
  for (const char32_t c : {U'、', U'。', U'《', U'】', U'—', U'“', U'”', U'≤', U'≥', U'龥'})
    lines.push_back(utf8(c) + "，" + utf8(c) + "１" + utf8(0x3000) + utf8(c));
  for (const std::string& line : lines) {
    const Text by_table = normalizer.nfkc(line);
    const Text by_icu = normalizer.nfkc_by_icu(line);
    EXPECT_EQ(by_table.text, by_icu.text) << line;
    EXPECT_EQ(by_table.origin, by_icu.origin) << line;
  }
}

TEST(Normalize, CjkClassification) {
  EXPECT_TRUE(is_cjk(U'绩'));
  EXPECT_TRUE(is_cjk(U'、'));
  EXPECT_TRUE(is_cjk(U'”'));
  EXPECT_FALSE(is_cjk(U'1'));
  EXPECT_FALSE(is_cjk(U'a'));
  EXPECT_FALSE(is_cjk(U'\u3000'));
}

}  // namespace
}  // namespace jixiao::normalize
