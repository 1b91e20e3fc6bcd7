// PDF input: table rows rebuilt from word boxes and ruled lines (pure
// geometry, pages built by hand), and the fixtures' PDFs read end to end.
#include <gtest/gtest.h>

#include <filesystem>

#include "pdf/layout.h"
#include "pdf/reader.h"
#include "test_support.h"

namespace jixiao::pdf {
namespace {

Box word(double x0, double y0, std::string text, double width = 0) {
  const double w = width > 0 ? width : 10.0 * static_cast<double>(text.size()) / 3;
  return Box{x0, y0, x0 + w, y0 + 13, 10, std::move(text), false};
}

// A ruled grid: horizontal rules at `ys` across [xs.front(), xs.back()] and
// vertical rules at `xs` down [ys.front(), ys.back()].
void rule_grid(Page& page, const std::vector<double>& xs, const std::vector<double>& ys) {
  for (double y : ys) page.horizontal.push_back({y, xs.front(), xs.back()});
  for (double x : xs) page.vertical.push_back({x, ys.front(), ys.back()});
}

TEST(PdfLayout, RowsOfARuledTableBecomeTabSeparatedCells) {
  Page page;
  rule_grid(page, {50, 150, 350, 450}, {100, 120, 140});
  page.boxes = {word(55, 103, "数量指标"), word(155, 103, "举办讲座"), word(355, 103, "≥4"),
                word(380, 103, "场次"),    word(55, 123, "质量指标"),  word(155, 123, "满意度"),
                word(355, 123, "90%")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"数量指标\t举办讲座\t≥4场次", "质量指标\t满意度\t90%"}));
}

TEST(PdfLayout, AMergedCellGivesItsTextToTheFirstRowAndBlanksBelow) {
  Page page;
  // Column 1 is one cell over three rows: its rules stop at x=150.
  page.horizontal = {{100, 50, 450}, {120, 150, 450}, {140, 150, 450}, {160, 50, 450}};
  page.vertical = {{50, 100, 160}, {150, 100, 160}, {350, 100, 160}, {450, 100, 160}};
  page.boxes = {word(55, 123, "产出指标"),  // centred in its tall cell, on the middle row
                word(155, 103, "甲"),      word(355, 103, "1个"), word(155, 123, "乙"),
                word(355, 123, "2个"),     word(155, 143, "丙"),  word(355, 143, "3个")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"产出指标\t甲\t1个", "\t乙\t2个", "\t丙\t3个"}));
}

TEST(PdfLayout, AWrappedCellIsOneTextAndAnEmptyCellIsBlank) {
  Page page;
  rule_grid(page, {50, 150, 350}, {100, 140});
  page.boxes = {word(155, 103, "新建田间道路（含机"), word(155, 117, "耕路）"),
                word(200, 117, "PM2.5", 25), word(227, 117, "index", 25)};
  // "PM2.5 index" keeps its space; the CJK wrap joins without one.
  EXPECT_EQ(page_lines(page), (std::vector<std::string>{"\t新建田间道路（含机耕路）PM2.5 index"}));
  page.boxes.resize(2);
  EXPECT_EQ(page_lines(page), (std::vector<std::string>{"\t新建田间道路（含机耕路）"}));
}

TEST(PdfLayout, TextOutsideTheTableComesLineByLineInPageOrder) {
  Page page;
  rule_grid(page, {50, 150, 350}, {100, 120});
  page.boxes = {word(200, 800, "— 1 —"), word(60, 103, "项目名称"), word(155, 103, "科普经费"),
                word(100, 60, "2026"), word(125, 60, "年绩效目标表")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"2026年绩效目标表", "项目名称\t科普经费", "— 1 —"}));
}

TEST(PdfLayout, WithoutRulesWideGapsSeparateCells) {
  Page page;
  page.boxes = {word(50, 100, "产出指标"), word(150, 100, "数量指标"), word(250, 100, "讲座"),
                word(400, 100, "4场")};
  EXPECT_EQ(page_lines(page), (std::vector<std::string>{"产出指标\t数量指标\t讲座\t4场"}));
}

TEST(PdfLayout, RulesDrawnOverTwoPixelRowsOrBackToBackAreOne) {
  const auto merged = merge_rules(
      {{100, 50, 300}, {100.5, 50, 300}, {200, 50, 120}, {200.4, 118, 300}, {300, 10, 14}}, 8);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_DOUBLE_EQ(merged[0].at, 100);
  EXPECT_DOUBLE_EQ(merged[1].from, 50);
  EXPECT_DOUBLE_EQ(merged[1].to, 300);
}

TEST(PdfReader, FindsTheRulesOfAFixturePage) {
  std::string error;
  const auto pages =
      read_pages(test::read_file(test::source_dir() + "/testdata/fixtures/hunhe-2023.pdf"), error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_GT(pages[0].boxes.size(), 100u);
  EXPECT_GT(pages[0].horizontal.size(), 20u);
  EXPECT_GE(pages[0].vertical.size(), 4u);
}

TEST(PdfReader, SaysWhyAPdfCannotBeRead) {
  for (const auto& [name, start] :
       {std::pair{"encrypted", "an encrypted PDF"}, std::pair{"damaged", "a damaged PDF"},
        std::pair{"no-text", "a PDF with no text layer"}}) {
    const Extraction e =
        extract(test::read_file(test::source_dir() + "/testdata/pdf/" + name + ".pdf"));
    EXPECT_TRUE(e.error.starts_with(start)) << name << ": " << e.error;
    EXPECT_TRUE(e.lines.empty());
  }
}

}  // namespace
}  // namespace jixiao::pdf
