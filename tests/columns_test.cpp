// Tables read by the roles their header row gives the columns: split values,
// weights, self-evaluation columns, provincial layouts.
#include <gtest/gtest.h>

#include <algorithm>

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

// No header names the columns of a split value (one 指标值 over three
// cells): the comparator, the number and the unit are joined all the same,
// a word comparator never taken for a part of the name.
TEST(Columns, AValueSplitOverCellsWithoutColumnsOfItsOwnIsOneValue) {
  const auto doc = convert_text(
      "项目名称\t送文化下乡经费\n"
      "一级指标\t二级指标\t三级指标\t指标值\t\t\n"
      "产出指标\t数量指标\t培训人数\t=\t116\t人\n"
      "\t\t演出场次\t大于等于\t10\t场\n"
      "\t\t培训班\t\t4\t期\n"
      "\t质量指标\t合格率\t≥\t95%\t\n"
      "\t时效指标\t完成时间\t⩽\t2024年11月\t\n"
      "效益指标\t社会效益指标\t群众文化生活\t定性\t明显改善\t\n"
      "满意度指标\t服务对象满意度指标\t群众满意度\t═\t95\t%\n");
  const auto& p = only_project(doc);
  ASSERT_EQ(p.indicators.size(), 7u);
  const auto& count = p.indicators[0];
  EXPECT_EQ(count.name, "培训人数");
  EXPECT_EQ(count.value.raw, "=116人");
  EXPECT_EQ(count.value.op, "=");
  EXPECT_EQ(count.value.number->text, "116");
  EXPECT_EQ(count.value.unit, "人");
  EXPECT_TRUE(count.extra.empty());
  EXPECT_EQ(p.indicators[1].name, "演出场次");
  EXPECT_EQ(p.indicators[1].value.op, ">=");
  EXPECT_EQ(p.indicators[1].value.unit, "场");
  EXPECT_EQ(p.indicators[2].value.raw, "4期");
  EXPECT_EQ(p.indicators[3].value.raw, "≥95%");
  EXPECT_EQ(p.indicators[4].value.kind, model::ValueKind::date);
  EXPECT_EQ(p.indicators[4].value.op, "<=");
  // `定性` is no comparator: the value is the text, the type kept aside.
  EXPECT_EQ(p.indicators[5].value.raw, "明显改善");
  EXPECT_EQ(p.indicators[5].extra, std::vector<std::string>{"定性"});
  EXPECT_EQ(p.indicators[6].value.op, "=");
  EXPECT_EQ(p.indicators[6].value.number->text, "95");
}

// Cells that do not read as one value stay apart: a value and a weight, a
// number and a word that is no unit.
TEST(Columns, CellsThatAreNoSplitValueStayApart) {
  const auto doc = convert_text(
      "项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t举办讲座\t≥4场\t10\n"
      "\t质量指标\t参与率\t95\t正向\n");
  const auto& p = only_project(doc);
  ASSERT_EQ(p.indicators.size(), 2u);
  // (Which of the two is the value is the reader's usual guess; neither is
  // joined to the other, and neither is lost.)
  for (const auto& [i, cells] : {std::pair{0, std::vector<std::string>{"≥4场", "10"}},
                                 std::pair{1, std::vector<std::string>{"95", "正向"}}}) {
    const auto& ind = p.indicators[static_cast<std::size_t>(i)];
    std::vector<std::string> kept = ind.extra;
    kept.push_back(ind.value.raw);
    std::sort(kept.begin(), kept.end());
    std::vector<std::string> want = cells;
    std::sort(want.begin(), want.end());
    EXPECT_EQ(kept, want) << ind.name;
  }
}

// A table read by column (it has a 分值 column) whose 指标值 header spans
// the cells of the value: those cells are the value's.
TEST(Columns, CellsUnderAValueHeaderSpanningThemAreTheValue) {
  const auto doc = convert_text(
      "项目名称\t校舍维修经费\n"
      "一级指标\t二级指标\t三级指标\t指标值\t\t\t分值\n"
      "产出指标\t数量指标\t维修校舍面积\t≥\t12000\t平方米\t20\n"
      "\t成本指标\t每平方米维修成本\t不超过\t200\t元\t10\n"
      "\t时效指标\t完工时间\t⩽\t2023年8月\t\t10\n");
  const auto& p = only_project(doc);
  ASSERT_EQ(p.indicators.size(), 3u);
  EXPECT_EQ(p.indicators[0].value.raw, "≥12000平方米");
  EXPECT_EQ(p.indicators[0].value.unit, "平方米");
  EXPECT_EQ(p.indicators[0].weight->text, "20");
  EXPECT_TRUE(p.indicators[0].extra.empty());
  EXPECT_EQ(p.indicators[1].value.op, "<=");
  EXPECT_EQ(p.indicators[1].value.unit, "元");
  EXPECT_EQ(p.indicators[2].value.kind, model::ValueKind::date);
  EXPECT_EQ(p.indicators[2].weight->text, "10");
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

TEST(Columns, ABlankCellTheExtractionPutInIsLeftOut) {
  // Each indicator row has a blank cell after its name that no column
  // holds: one cell too many, or as many with the last lost.
  const auto doc = convert_text(
      "项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t分值\t年度指标值\t全年实际值\t得分\t未完成原因\n"
      "产出指标\t数量指标\t5.补贴农机具\t\t5\t大于736 台套\t883 台套\t5\t无\n"
      "\t质量指标\t资金拨付准确率\t\t7\t99%\t99%\t7\n"
      "\t\t设备完好率\t6\t95%\t96%\t6\t无\n");
  const auto& inds = only_project(doc).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[0].weight->text, "5");
  EXPECT_EQ(inds[0].value.raw, "大于736 台套");
  EXPECT_EQ(inds[0].actual->raw, "883 台套");
  EXPECT_EQ(inds[0].score->text, "5");
  EXPECT_EQ(inds[0].deviation, "无");
  EXPECT_EQ(inds[1].weight->text, "7");
  EXPECT_EQ(inds[1].value.raw, "99%");
  EXPECT_EQ(inds[1].score->text, "7");
  // A row that fits as it is stays so.
  EXPECT_EQ(inds[2].weight->text, "6");
  EXPECT_EQ(inds[2].value.raw, "95%");
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

namespace jixiao {
namespace {

TEST(Columns, AProvinceVariantNeedsOnlyAGrammarFile) {
  const std::string input = "testdata/grammars/province-variant.txt";
  // With the variant's grammar file: every value joined from its three cells.
  auto r = test::run(
      "jixiao convert -q --format jsonl --grammar "
      "testdata/grammars/province-variant.jsonc " +
      input);
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* raw : {"\"raw\":\"≥2万亩\"", "\"raw\":\"≥46公里\"", "\"raw\":\"=100%\"",
                          "\"raw\":\"≤2025年3月\"", "\"raw\":\"≥100公斤\"", "\"raw\":\"≥90%\""}) {
    EXPECT_NE(r.out.find(raw), std::string::npos) << raw << " in " << r.out;
  }
  EXPECT_NE(r.out.find("\"weight\":20"), std::string::npos);
  // The built-in grammar does not know those columns: values come out wrong.
  r = test::run("jixiao convert -q --format jsonl --grammar budget-target " + input);
  EXPECT_EQ(r.out.find("\"raw\":\"≥2万亩\""), std::string::npos) << r.out;
}

// A grammar per table: a target table and then a self-evaluation in one file
// are each read with their own grammar, from the self-evaluation's title on.
TEST(Columns, EachTableOfAMixedFileIsReadWithItsOwnGrammar) {
  const auto doc = convert_text(
      "2024年项目支出绩效目标表\n项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t举办讲座\t≥6 场次\n"
      "2024年度项目支出绩效自评表\n项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
      "产出指标\t数量指标\t举办讲座\t≥6 场次\t5 场次\t20\t16\t天气原因\n");
  EXPECT_EQ(doc.grammar, "budget-target");  // the first table's
  ASSERT_EQ(doc.projects.size(), 2u);
  EXPECT_EQ(doc.projects[0].table_type, "target");
  EXPECT_EQ(doc.projects[1].table_type, "self_evaluation");
  ASSERT_EQ(doc.projects[1].indicators.size(), 1u);
  EXPECT_EQ(doc.projects[1].indicators[0].value.raw, "≥6 场次");  // not the score
  EXPECT_EQ(doc.projects[1].indicators[0].actual->raw, "5 场次");
}

// Without its title, a self-evaluation is known by its opening lines (the
// budget grid, an actual-value column before 得分): its 得分 is not read as
// the value. The next project, whose opening says nothing, is read by the
// grammar the file gave again.
TEST(Columns, ASelfEvaluationWithoutItsTitleIsKnownByItsOpeningLines) {
  const std::string target =
      "项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t举办讲座\t≥6 场次\n";
  const std::string self_evaluation =
      "项目名称\t科普经费\n"
      "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
      "\t年度资金总额\t42\t42\t40.5\t10\t96.43%\t9.6\n"
      "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
      "产出指标\t数量指标\t举办讲座\t≥6 场次\t5 场次\t20\t16\t天气原因\n";
  const auto doc = convert_text("2024年项目支出绩效目标表\n" + target + self_evaluation + target);
  ASSERT_EQ(doc.projects.size(), 3u);
  EXPECT_EQ(doc.projects[0].table_type, "target");
  const auto& evaluated = doc.projects[1];
  EXPECT_EQ(evaluated.table_type, "self_evaluation");
  ASSERT_EQ(evaluated.indicators.size(), 1u);  // the budget grid is no indicator
  EXPECT_EQ(evaluated.indicators[0].value.raw, "≥6 场次");
  EXPECT_EQ(evaluated.indicators[0].actual->raw, "5 场次");
  EXPECT_EQ(evaluated.indicators[0].score->text, "16");
  ASSERT_TRUE(evaluated.budget);
  EXPECT_EQ(evaluated.budget->executed->number->text, "40.5");
  EXPECT_EQ(doc.projects[2].table_type, "target");

  // A file that is only such a table names that grammar; so does
  // space-aligned text of it, its columns on one line.
  const auto alone = convert_text(self_evaluation);
  EXPECT_EQ(alone.grammar, "self-evaluation");
  const auto aligned = convert_text(
      "项目名称      科普经费\n"
      "一级指标   二级指标   三级指标   年度指标值   实际完成值   分值   得分\n"
      "产出指标   数量指标   举办讲座   ≥6 场次      5 场次       20     16\n");
  ASSERT_EQ(aligned.projects.size(), 1u);
  EXPECT_EQ(aligned.projects[0].table_type, "self_evaluation");
  ASSERT_EQ(aligned.projects[0].indicators.size(), 1u);
  EXPECT_EQ(aligned.projects[0].indicators[0].value.raw, "≥6 场次");
}

// `2021年实际实现值 | 预期2022年实现值`: the years in the labels aside, the
// expected column is the value, the other the year before's actual.
TEST(Columns, AValueSplitIntoLastYearsActualAndThisYearsExpected) {
  const auto doc = convert_text(
      "项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t2021年实际实现值\t预期2022年实现值\n"
      "产出指标\t数量指标\t举办讲座\t5场\t≥6 场次\n");
  const auto& ind = only_project(doc).indicators.at(0);
  EXPECT_EQ(ind.value.raw, "≥6 场次");
  ASSERT_TRUE(ind.previous_actual);
  EXPECT_EQ(ind.previous_actual->raw, "5场");
  EXPECT_EQ(ind.previous_actual->number->text, "5");
}

// Long-term and annual columns side by side: the annual ones are the
// project's indicators, the long-term ones kept apart, each with its own
// second level carried down the merged cells.
TEST(Columns, LongTermColumnsMakeLongTermIndicatorsBesideTheAnnualOnes) {
  const auto doc = convert_text(
      "项目名称\t科普经费\n"
      "一级指标\t二级指标（长期）\t三级指标（长期）\t指标值（长期）\t二级指标（年度）\t"
      "三级指标（年度）\t指标值（年度）\n"
      "产出指标\t数量指标\t建成场馆\t3个\t数量指标\t举办讲座\t≥6 场次\n"
      "\t质量指标\t验收合格率\t100%\t质量指标\t讲座合格率\t≥95%\n"
      "\t\t场馆开放率\t≥90%\t\t讲座满座率\t≥80%\n");
  const auto& p = only_project(doc);
  ASSERT_EQ(p.indicators.size(), 3u);
  ASSERT_EQ(p.long_term_indicators.size(), 3u);
  EXPECT_EQ(p.indicators[0].name, "举办讲座");
  EXPECT_EQ(p.indicators[0].value.raw, "≥6 场次");
  EXPECT_EQ(p.indicators[2].level2.value_or(""), "质量指标");
  EXPECT_EQ(p.long_term_indicators[0].name, "建成场馆");
  EXPECT_EQ(p.long_term_indicators[0].value.raw, "3个");
  EXPECT_EQ(p.long_term_indicators[0].level1, "产出指标");
  EXPECT_EQ(p.long_term_indicators[2].name, "场馆开放率");
  EXPECT_EQ(p.long_term_indicators[2].level2.value_or(""), "质量指标");
  EXPECT_EQ(p.long_term_indicators[2].line, 5);
}

// Other provinces' columns, each by its role: an explanation before the
// target value; a value with its unit beside the standard it is set by; a
// form that names its levels by what is evaluated.
TEST(Columns, OtherProvincesColumnOrders) {
  auto first = [](const model::Document& doc) { return only_project(doc).indicators.at(0); };
  auto ind =
      first(convert_text("项目名称\t科普经费\n一级指标\t二级指标\t三级指标\t指标解释\t目标值\n"
                         "产出指标\t数量指标\t举办讲座\t反映讲座场次\t≥6 场次\n"));
  EXPECT_EQ(ind.value.raw, "≥6 场次");
  EXPECT_EQ(ind.explanation.value_or(""), "反映讲座场次");
  ind = first(
      convert_text("项目名称\t科普经费\n一级指标\t二级指标\t三级指标\t指标值及单位\t绩效标准\n"
                   "产出指标\t数量指标\t举办讲座\t≥6 场次\t计划标准\n"));
  EXPECT_EQ(ind.value.raw, "≥6 场次");
  EXPECT_EQ(ind.standard.value_or(""), "计划标准");
  ind = first(
      convert_text("项目名称\t科普经费\n评价指标\t评价内容\t指标名称\t指标说明\t目标值\t分值\n"
                   "产出指标\t数量指标\t举办讲座\t反映讲座场次\t≥6 场次\t10\n"));
  EXPECT_EQ(ind.level2.value_or(""), "数量指标");
  EXPECT_EQ(ind.name, "举办讲座");
  EXPECT_EQ(ind.value.raw, "≥6 场次");
  EXPECT_EQ(ind.weight->text, "10");
  // Labels with a unit or note in brackets, spaces inside.
  ind = first(
      convert_text("项目名称\t科普经费\n一级指标\t二级指标\t三级指标\t指标值 （单位）\t分值(分)\n"
                   "产出指标\t数量指标\t举办讲座\t≥6 场次\t10\n"));
  EXPECT_EQ(ind.value.raw, "≥6 场次");
  EXPECT_EQ(ind.weight->text, "10");
  // A self-evaluation in another order.
  ind = first(
      convert_text("2024年度项目支出绩效自评表\n项目名称\t科普经费\n"
                   "一级指标\t二级指标\t三级指标\t分值\t年度指标值\t全年实际值\t得分\t未完成原因\n"
                   "产出指标\t数量指标\t举办讲座\t20\t≥6 场次\t5 场次\t16\t天气原因\n"));
  EXPECT_EQ(ind.value.raw, "≥6 场次");
  EXPECT_EQ(ind.actual->raw, "5 场次");
  EXPECT_EQ(ind.weight->text, "20");
  EXPECT_EQ(ind.score->text, "16");
  EXPECT_EQ(ind.deviation.value_or(""), "天气原因");
}

TEST(Columns, ABlankActualCellIsAnEmptyActual) {
  const auto doc = convert_text(
      "2024年度项目支出绩效自评表\n项目名称\t科普经费\n"
      "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
      "产出指标\t时效指标\t项目建设期\t2024年\t\t10\t10\n");
  const auto& ind = only_project(doc).indicators.at(0);
  ASSERT_TRUE(ind.actual);
  EXPECT_EQ(ind.actual->kind, model::ValueKind::empty);
  EXPECT_EQ(ind.weight->text, "10");
}

TEST(Columns, ASelfEvaluationHasItsBudgetGoalsAndTotal) {
  const auto doc = convert_text(
      "2024年度项目支出绩效自评表\n项目名称\t科普经费\n"
      "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
      "\t年度资金总额\t42\t42\t40.5\t10\t96.43%\t9.6\n"
      "\t其中：当年财政拨款\t42\t42\t40.5\t—\t—\t—\n"
      "年度总体目标\t预期目标\t实际完成情况\n\t举办讲座6场。\t举办讲座6场。\n"
      "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
      "产出指标\t数量指标\t举办讲座\t≥6 场次\t6 场次\t20\t20\t\n"
      "总分\t\t\t\t\t100\t97.6\t\n");
  ASSERT_EQ(doc.grammar, "self-evaluation");
  const auto& p = only_project(doc);
  EXPECT_EQ(p.table_type, "self_evaluation");
  ASSERT_TRUE(p.budget);
  EXPECT_EQ(p.budget->initial->number->text, "42");
  EXPECT_EQ(p.budget->initial->unit, "万元");
  EXPECT_EQ(p.budget->executed->number->text, "40.5");
  EXPECT_EQ(p.budget->execution_rate->number->text, "96.43");
  EXPECT_EQ(p.budget->weight->text, "10");
  EXPECT_EQ(p.budget->score->text, "9.6");
  EXPECT_EQ(p.funds.at("fiscal").number->text, "42");
  EXPECT_EQ(p.amount->base->number.text, "420000");
  EXPECT_EQ(p.goal, "举办讲座6场。");
  EXPECT_EQ(p.goal_actual, "举办讲座6场。");
  ASSERT_EQ(p.indicators.size(), 1u);  // 总分 is not an indicator
  EXPECT_EQ(p.indicators[0].actual->raw, "6 场次");
  EXPECT_EQ(p.indicators[0].level2, "数量指标");
}

TEST(Columns, ADepartmentTableHasItsTasks) {
  const auto doc = convert_text(
      "2024年某县教育局部门整体支出绩效目标表\n部门（单位）名称\t某县教育局\n"
      "年度预算申请（万元）\t资金总额\t5680\n"
      "年度主要任务\t任务名称\t主要内容\t预算金额（万元）\n"
      "\t义务教育保障\t保障学校正常运转\t3200\n\t学前教育发展\t新建幼儿园3所\t1280\n"
      "年度总体目标\t保障义务教育均衡发展。\n"
      "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t保障学校运转数量\t32所\n");
  ASSERT_EQ(doc.grammar, "department");
  const auto& p = only_project(doc);
  EXPECT_EQ(p.table_type, "department");
  EXPECT_EQ(p.name, "某县教育局");
  ASSERT_EQ(p.tasks.size(), 2u);
  EXPECT_EQ(p.tasks[0].name, "义务教育保障");
  EXPECT_EQ(p.tasks[0].content, "保障学校正常运转");
  EXPECT_EQ(p.tasks[0].amount->unit, "万元");
  EXPECT_EQ(p.tasks[1].amount->number->text, "1280");
  EXPECT_EQ(p.goal, "保障义务教育均衡发展。");
  EXPECT_EQ(p.indicators.size(), 1u);
}

}  // namespace
}  // namespace jixiao
