// Tables read by the roles their header row gives the columns: split values,
// weights, self-evaluation columns, provincial layouts.
#include <gtest/gtest.h>

#include "test_support.h"

namespace jixiao {
namespace {

using test::convert_text;

const model::Project& only_project(const model::Document& doc) {
  EXPECT_EQ(doc.projects.size(), 1u);
  return doc.projects.at(0);
}

TEST(Columns, AValueSplitOverOperatorNumberAndUnitIsOneValue) {
  const auto doc = convert_text(
      "项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重\t指标方向性\n"
      "产出指标\t数量指标\t举办讲座\t≥\t4\t场次\t10\t正向\n"
      "\t质量指标\t参与率\t≥\t95\t%\t10\t正向\n"
      "效益指标\t社会效益指标\t公众科学素养\t定性\t明显提升\t\t20\t正向\n");
  const auto& p = only_project(doc);
  ASSERT_EQ(p.indicators.size(), 3u);
  EXPECT_EQ(p.indicators[0].value.raw, "≥4场次");
  EXPECT_EQ(p.indicators[0].value.op, ">=");
  EXPECT_EQ(p.indicators[0].value.unit, "场次");
  EXPECT_EQ(p.indicators[1].value.raw, "≥95%");
  EXPECT_EQ(p.indicators[1].level2, "质量指标");
  EXPECT_EQ(p.indicators[1].weight->text, "10");
  EXPECT_EQ(p.indicators[1].direction, "正向");
  // An operator column that holds no comparator says the value's type.
  EXPECT_EQ(p.indicators[2].value.kind, model::ValueKind::text);
  EXPECT_EQ(p.indicators[2].value_type, "定性");
  EXPECT_EQ(p.indicators[2].weight->text, "20");
}

TEST(Columns, SelfEvaluationColumnsGiveActualWeightScoreAndDeviation) {
  const auto doc = convert_text(
      "项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
      "产出指标\t数量指标\t举办讲座\t≥4 场次\t3 场次\t10\t7.5\t受天气影响减少一场\n");
  const auto& i = only_project(doc).indicators.at(0);
  EXPECT_EQ(i.value.raw, "≥4 场次");
  ASSERT_TRUE(i.actual);
  EXPECT_EQ(i.actual->number->text, "3");
  EXPECT_EQ(i.weight->text, "10");
  EXPECT_EQ(i.score->text, "7.5");
  EXPECT_EQ(i.deviation, "受天气影响减少一场");
}

TEST(Columns, ExplanationScoringAndRemarkAreKeptAsText) {
  const auto doc = convert_text(
      "项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t指标解释\t评(扣)分标准\t备注\n"
      "产出指标\t数量指标\t举办讲座\t定量\t4\t场次\t全年举办讲座场次\t每少一场扣2分\t无\n");
  const auto& i = only_project(doc).indicators.at(0);
  EXPECT_EQ(i.value.raw, "4场次");
  EXPECT_EQ(i.value_type, "定量");
  EXPECT_EQ(i.explanation, "全年举办讲座场次");
  EXPECT_EQ(i.scoring, "每少一场扣2分");
  EXPECT_EQ(i.remark, "无");
}

TEST(Columns, ARowThatLostItsLeadingBlankCellsAlignsOnTheRight) {
  const auto doc = convert_text(
      "项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t指标值\t分值\n"
      "产出指标\t数量指标\t举办讲座\t≥4 场次\t10\n"
      "开展科普活动\t≥12 次\t20\n");
  const auto& p = only_project(doc);
  ASSERT_EQ(p.indicators.size(), 2u);
  EXPECT_EQ(p.indicators[1].name, "开展科普活动");
  EXPECT_EQ(p.indicators[1].value.raw, "≥12 次");
  EXPECT_EQ(p.indicators[1].weight->text, "20");
  EXPECT_EQ(p.indicators[1].level2, "数量指标");
}

TEST(Columns, TheUsualFourColumnsAreStillReadByWhatCellsSay) {
  // A value cell shifted one column right (an extraction artefact) is still
  // the value: without extra columns, roles are not used.
  const auto doc = convert_text(
      "项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t举办讲座\t\t≥4 场次\n");
  EXPECT_EQ(only_project(doc).indicators.at(0).value.raw, "≥4 场次");
}

}  // namespace
}  // namespace jixiao
