#include "tokenize/tokenize.h"

#include <gtest/gtest.h>

namespace jixiao::tokenize {
namespace {

Row row_of(std::string_view line, int number = 1) {
  static const normalize::Normalizer normalizer;
  static const Tokenizer tokenizer(grammar::default_grammar());
  return tokenizer.tokenize(number, line, normalizer.normalize(line));
}

TEST(Tokenize, SplitsOnTabsAndKeepsBlankCells) {
  const Row row = row_of("\t\t科普大篷车保有量\t=1 辆");
  EXPECT_EQ(row.kind, RowKind::cells);
  ASSERT_EQ(row.cells.size(), 4u);
  EXPECT_TRUE(row.cells[0].empty());
  EXPECT_TRUE(row.cells[1].empty());
  EXPECT_EQ(row.cells[2].text, "科普大篷车保有量");
  EXPECT_EQ(row.cells[2].index, 2);
  EXPECT_EQ(row.cells[2].column, 3);
  EXPECT_EQ(row.cells[3].text, "=1 辆");
  EXPECT_EQ(row.filled().size(), 2u);
}

TEST(Tokenize, TrimsCells) {
  const Row row = row_of("项目名称 \t  科普经费  ");
  EXPECT_EQ(row.cells[0].text, "项目名称");
  EXPECT_EQ(row.cells[1].text, "科普经费");
  EXPECT_EQ(row.cells[1].column, 9);  // 项目名称, a space, a tab, two spaces
}

TEST(Tokenize, RecognisesTitlesWithTheirYear) {
  Row row = row_of("2021年自治区本级部门项目支出预算绩效目标表");
  EXPECT_EQ(row.kind, RowKind::title);
  EXPECT_EQ(row.year, 2021);
  row = row_of("部门项目支出预算绩效目标表 1\t\t\t");
  EXPECT_EQ(row.kind, RowKind::title);
  EXPECT_FALSE(row.year);
}

TEST(Tokenize, ProseThatMentionsTheTitleIsNotATitle) {
  const Row row = row_of(
      "根据《中华人民共和国预算法》有关要求，现将2021年宁夏回族自治区科学技术协会项目支出预算绩效目"
      "标"
      "指标予以公开。");
  EXPECT_EQ(row.kind, RowKind::cells);
}

TEST(Tokenize, RecognisesYearLines) {
  Row row = row_of("(2026 年)\t\t\t");
  EXPECT_EQ(row.kind, RowKind::year);
  EXPECT_EQ(row.year, 2026);
  EXPECT_EQ(row_of("（２０２６年度）").kind, RowKind::year);
}

TEST(Tokenize, RecognisesNotes) {
  EXPECT_EQ(row_of("注：本表数据以批复为准。").kind, RowKind::note);
  EXPECT_EQ(row_of("填报说明: 1. 指标值应量化").kind, RowKind::note);
  EXPECT_EQ(row_of("注册会员数量\t≥100 人").kind, RowKind::cells);
}

TEST(Tokenize, RecognisesBlankLinesAndPageFurniture) {
  EXPECT_EQ(row_of("").kind, RowKind::blank);
  EXPECT_EQ(row_of("\t \t").kind, RowKind::blank);
  EXPECT_EQ(row_of("— 3 —").kind, RowKind::page_break);
  EXPECT_EQ(row_of("- 12 -").kind, RowKind::page_break);
  EXPECT_EQ(row_of("第 3 页").kind, RowKind::page_break);
  EXPECT_EQ(row_of("第3页 共9页").kind, RowKind::page_break);
  EXPECT_EQ(row_of("\f").kind, RowKind::page_break);
  EXPECT_EQ(row_of("3 万元").kind, RowKind::cells);
}

}  // namespace
}  // namespace jixiao::tokenize

namespace jixiao::tokenize {
namespace {

TEST(Tokenize, SplitsPipeTablesAndKeepsTheirBlankCells) {
  const Row row = row_of("|  |  | 举办科普知识讲座培训 | ≥4 场次 |");
  EXPECT_EQ(row.layout, Layout::pipe);
  ASSERT_EQ(row.cells.size(), 4u);
  EXPECT_TRUE(row.cells[0].empty());
  EXPECT_EQ(row.cells[2].text, "举办科普知识讲座培训");
  EXPECT_EQ(row.cells[3].text, "≥4 场次");
  EXPECT_EQ(row.cells[3].column, 22);
}

// As HTML-to-text converters write rows: no leading pipe.
TEST(Tokenize, PipeRowsWithoutTheLeadingPipe) {
  Row row = row_of("产出指标 | 数量指标 | 培训人数 | ≥100人 |");
  EXPECT_EQ(row.layout, Layout::pipe);
  ASSERT_EQ(row.cells.size(), 4u);
  EXPECT_EQ(row.cells[0].text, "产出指标");
  EXPECT_EQ(row.cells[3].text, "≥100人");
  row = row_of("项目名称 | 科普经费 | ||");
  EXPECT_EQ(row.layout, Layout::pipe);
  ASSERT_GE(row.cells.size(), 2u);
  EXPECT_EQ(row.cells[1].text, "科普经费");
  // One pipe in prose is not a table.
  EXPECT_NE(row_of("经费 | 说明").layout, Layout::pipe);
}

TEST(Tokenize, BorderLinesAreRules) {
  EXPECT_EQ(row_of("|---|:---:|---|").kind, RowKind::rule);
  EXPECT_EQ(row_of("+------+-----+").kind, RowKind::rule);
  EXPECT_EQ(row_of("──────────").kind, RowKind::rule);
  EXPECT_EQ(row_of("— 3 —").kind, RowKind::page_break);
}

TEST(Tokenize, SplitsOnRunsOfSpaces) {
  const Row row = row_of("   产出指标    数量指标   巩固提升现有科普基地     ≥2 个");
  EXPECT_EQ(row.layout, Layout::spaces);
  ASSERT_EQ(row.cells.size(), 4u);
  EXPECT_EQ(row.cells[0].text, "产出指标");
  EXPECT_EQ(row.cells[0].column, 4);
  EXPECT_EQ(row.cells[3].text, "≥2 个");
  // A single space is part of a cell.
  EXPECT_EQ(row_of("≥2 个").cells.size(), 1u);
}

TEST(Tokenize, AForcedLayoutWins) {
  static const normalize::Normalizer normalizer;
  const Tokenizer tabs(grammar::default_grammar(), Layout::tab);
  const std::string line = "产出指标    数量指标";
  EXPECT_EQ(tabs.tokenize(1, line, normalizer.normalize(line)).cells.size(), 1u);
  EXPECT_EQ(layout_named("pipe"), Layout::pipe);
  EXPECT_FALSE(layout_named("columns"));
}

}  // namespace
}  // namespace jixiao::tokenize
