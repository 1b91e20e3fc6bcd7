// Plain pdftotext text, in reading order: one cell per paragraph, names and
// values alternating, level labels away from their rows.
#include <gtest/gtest.h>

#include "test_support.h"

namespace jixiao {
namespace {

using test::convert_text;

// Paragraphs separated by blank lines, as plain pdftotext writes cells.
std::string paragraphs(std::initializer_list<const char*> cells) {
  std::string text;
  for (const char* cell : cells) {
    text += cell;
    text += "\n\n";
  }
  return text;
}

const char* const kHeader[] = {"项目名称", "科普经费", "主管部门", "某县科学技术协会"};

std::string table(std::initializer_list<const char*> cells) {
  std::string text;
  for (const char* cell : kHeader) text += std::string(cell) + "\n\n";
  return text + paragraphs(cells);
}

struct Row {
  std::string level2, name, value;
  bool operator==(const Row&) const = default;
};

std::vector<Row> rows(const model::Document& doc) {
  std::vector<Row> out;
  for (const auto& i : doc.projects.at(0).indicators) {
    out.push_back({i.level2.value_or(""), i.name, i.value.raw});
  }
  return out;
}

TEST(ReadingOrder, ASubjectBeforeANumberAndItsUnitIsAValue) {
  const auto doc = convert_text(
      table({"一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标",
             "1.培训基层科普人员", "受益人群 5000 人", "2.开展科普进社区活动", "全年完成 12 次"}),
      "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "培训基层科普人员", "受益人群 5000 人"},
                                         {"数量指标", "开展科普进社区活动", "全年完成 12 次"}}));
}

TEST(ReadingOrder, ANameThatBeginsWithAYearAndAValueWrappedInItsParagraph) {
  // The name's paragraph starts with a year; the department's wraps.
  const std::string text =
      "项目名称\n\n2026 年科普经费\n\n主管部门\n\n某县科学技\n术协会\n\n一级指标\n\n二级指标\n\n"
      "三级指标\n\n指标值\n\n产出指标\n\n数量指标\n\n举办科普讲座\n\n≥6 场\n";
  const auto doc = convert_text(text, "t.txt");
  ASSERT_EQ(doc.projects.size(), 1u);
  EXPECT_EQ(doc.projects[0].name, "2026 年科普经费");
  EXPECT_EQ(doc.projects[0].department.value_or(""), "某县科学技术协会");
}

TEST(ReadingOrder, ALoneColumnLabelStartsATableReadInReadingOrder) {
  const auto doc = convert_text(table({"一级指标", "二级指标", "产出指标", "数量指标", "三级指标",
                                       "举办讲座", "≥4 场次", "开展科普活动", "12 次", "指标值"}));
  ASSERT_EQ(doc.projects.size(), 1u);
  EXPECT_EQ(doc.projects[0].layout, "reading-order");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办讲座", "≥4 场次"},
                                         {"数量指标", "开展科普活动", "12 次"}}));
}

TEST(ReadingOrder, TwoColumnLabelsOnALineStartATableReadInReadingOrder) {
  // `绩效指标 一级指标`: two header cells at one height, one line (the space
  // between them normalized away), the rest a cell a paragraph.
  const auto doc = convert_text(table({"绩效指标 一级指标", "产出指标", "二级指标", "三级指标",
                                       "数量指标", "举办讲座", "≥4 场次", "培训人数", "≥100 人"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办讲座", "≥4 场次"},
                                         {"数量指标", "培训人数", "≥100 人"}}));
  EXPECT_EQ(doc.projects.at(0).layout, "reading-order");
}

TEST(ReadingOrder, ALaterTableThatALevelLabelOpensIsInReadingOrderToo) {
  // The second table's first-level label comes before its column labels;
  // the document's first table was read in reading order, so is this one.
  const std::string text =
      table({"一级指标", "产出指标", "数量指标", "举办讲座", "≥4 场次"}) +
      paragraphs({"项目名称", "科普活动", "主管部门", "某县科学技术协会", "产出指标", "三级指标",
                  "数量指标", "培训人数", "≥100 人", "发放资料", "≥500 份"});
  const auto doc = convert_text(text);
  ASSERT_EQ(doc.projects.size(), 2u);
  std::vector<Row> second;
  for (const auto& i : doc.projects[1].indicators)
    second.push_back({i.level2.value_or(""), i.name, i.value.raw});
  EXPECT_EQ(second, (std::vector<Row>{{"数量指标", "培训人数", "≥100 人"},
                                      {"数量指标", "发放资料", "≥500 份"}}));
  EXPECT_EQ(doc.projects[1].layout, "reading-order");
}

TEST(ReadingOrder, LevelsAreCutInTemplateOrderByWhatRowsSay) {
  // The labels come all together, ahead of the rows, and out of order.
  const auto doc =
      convert_text(table({"一级指标", "时效指标", "数量指标", "满意度指标", "服务对象满意度指标",
                          "产出指标", "三级指标", "举办讲座", "≥4 场次", "活动完成时间",
                          "2026 年 12 月底前", "群众满意度", "≥90%"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办讲座", "≥4 场次"},
                                         {"时效指标", "活动完成时间", "2026 年 12 月底前"},
                                         {"服务对象满意度指标", "群众满意度", "≥90%"}}));
}

TEST(ReadingOrder, BlocksComeInTheTextsOrderWhereTheRowsSaySo) {
  // This table puts 时效 before 数量: its labels' order, which the rows fit
  // and the template's order does not.
  const auto doc = convert_text(
      table({"一级指标", "产出指标", "时效指标", "数量指标", "三级指标", "活动进度", "按时完成",
             "资金拨付进度", "及时", "培训人数", "≥100 人", "举办讲座场次", "≥4 场次"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"时效指标", "活动进度", "按时完成"},
                                         {"时效指标", "资金拨付进度", "及时"},
                                         {"数量指标", "培训人数", "≥100 人"},
                                         {"数量指标", "举办讲座场次", "≥4 场次"}}));
}

TEST(ReadingOrder, ARunOfNamesThenAsManyValuesPairInOrder) {
  // (The second name is long: a short text right after a name would be its
  // value.)
  const auto doc = convert_text(table({"一级指标", "产出指标", "数量指标", "举办讲座",
                                       "开展科普大篷车进校园活动", "≥4 场次", "12 次"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办讲座", "≥4 场次"},
                                         {"数量指标", "开展科普大篷车进校园活动", "12 次"}}));
}

TEST(ReadingOrder, QualitativeValuesAndShortTextAfterANameAreValues) {
  const auto doc =
      convert_text(table({"一级指标", "效益指标", "社会效益指标", "公众科学素养", "明显提升",
                          "科普氛围", "更加浓厚", "施工路段安全事故", "无重大安全事故"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"社会效益指标", "公众科学素养", "明显提升"},
                                         {"社会效益指标", "科普氛围", "更加浓厚"},
                                         {"社会效益指标", "施工路段安全事故", "无重大安全事故"}}));
}

TEST(ReadingOrder, AShortTextBeforeAValueIsANameNotTheValueOfTheOneBefore) {
  // `聘用护林员` has no value (a blank cell): `资金发放准确率` after it is
  // the next name, as the value after it says.
  const auto doc = convert_text(table({"一级指标", "产出指标", "数量指标", "举办讲座", "≥4 场次",
                                       "聘用护林员", "资金发放准确率", "95%"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办讲座", "≥4 场次"},
                                         {"数量指标", "聘用护林员", ""},
                                         {"数量指标", "资金发放准确率", "95%"}}));
}

TEST(ReadingOrder, ShortNamesInABlockOfNamesThatAsManyValuesFollow) {
  // The name column's cells as a block, then the value column's: a short
  // name after a name is still a name, as the count of values says.
  const auto doc = convert_text(
      table({"一级指标", "产出指标", "数量指标", "围绕水资源管理储备防汛物资", "更新监测设备",
             "质量指标", "资金拨付准确率", "≥2870 批", "≥13 套", "100%"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "围绕水资源管理储备防汛物资", "≥2870 批"},
                                         {"数量指标", "更新监测设备", "≥13 套"},
                                         {"质量指标", "资金拨付准确率", "100%"}}));
}

TEST(ReadingOrder, ADatesDayWrappedOntoALineOfItsOwn) {
  // `30 日` reads as a quantity alone, but it ends the date above it.
  const auto doc = convert_text(table({"一级指标", "产出指标", "时效指标", "项目完成时间",
                                       "2024 年 11 月\n30 日", "举办讲座", "≥4 场次"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"时效指标", "项目完成时间", "2024 年 11 月30 日"},
                                         {"时效指标", "举办讲座", "≥4 场次"}}));
}

TEST(ReadingOrder, TheCountOfValuesPartsTwoNamesJoinedByWidth) {
  // `资助家庭经济困难学生` runs as wide as the name column, so `配备图书`
  // would be its wrap; three values after two names say it is a name.
  const auto doc = convert_text(
      table({"一级指标", "产出指标", "数量指标", "营养餐供餐天数", "资助家庭经济困难学生\n配备图书",
             "191～286 天", "7170-8604 人次", "≥66600 册", "资金发放准确率", "99%"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "营养餐供餐天数", "191~286 天"},
                                         {"数量指标", "资助家庭经济困难学生", "7170-8604 人次"},
                                         {"数量指标", "配备图书", "≥66600 册"},
                                         {"数量指标", "资金发放准确率", "99%"}}));
}

TEST(ReadingOrder, APeriodsStartIsAValuesFirstLine) {
  // `2022 年 1 月 1 日至` reads as no value alone; the grammar's
  // `wrap_completions` (`12月`) make it a period's first line.
  const auto doc =
      convert_text(table({"一级指标", "产出指标", "时效指标", "项目实施周期",
                          "2022 年 1 月 1 日至\n2022 年 12 月 31 日", "举办讲座", "≥4 场次"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{
                           {"时效指标", "项目实施周期", "2022 年 1 月 1 日至2022 年 12 月 31 日"},
                           {"时效指标", "举办讲座", "≥4 场次"}}));
}

TEST(ReadingOrder, WrappedCellsAndLabelsJoin) {
  // A name wrapped to the column's width, a value's tail, a label's
  // annotation on the next line.
  const auto doc = convert_text(table({"一级指标", "产出指标", "数量指标（必\n填）",
                                       "开展科普大篷车、流动科技馆进校园联合巡\n展",
                                       "2026 年 3 月至 2026 年 6\n月", "举办讲座", "≥4 场次"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "开展科普大篷车、流动科技馆进校园联合巡展",
                                          "2026 年 3 月至 2026 年 6月"},
                                         {"数量指标", "举办讲座", "≥4 场次"}}));
}

TEST(ReadingOrder, LinesOfCellsSideBySideInterleaveInOneBlock) {
  // pdftotext sorts a block's lines top to bottom whatever column they are
  // in: a value's bracket closes two lines on, a label's annotation comes
  // between a name's lines, and a name and the value beside it share a line.
  const auto doc = convert_text(table({"一级指标", "产出指标",
                                       "指标 1:林业有害\n"
                                       "1 项(≥ 34300\n"
                                       "数量指标\n"
                                       "生物防治面积\n"
                                       "亩)\n"
                                       "（必填硬\n"
                                       "指标 2:修复湿地面 1 项（> 4510\n"
                                       "性指标）\n"
                                       "积\n"
                                       "亩）",
                                       "指标 3:开展防火巡\n查", "1 项(至少 158\n次)"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "林业有害生物防治面积", "1 项(≥ 34300亩)"},
                                         {"数量指标", "修复湿地面积", "1 项(> 4510亩)"},
                                         {"数量指标", "开展防火巡查", "1 项(至少 158次)"}}));
}

TEST(ReadingOrder, ANumberedNameAndAValueWithAComparatorOnOneLine) {
  // `指标 2:造林苗木支 ≤ 584.31 万元`: the value begins at its comparator;
  // `费用` after `≤ 1335.93 万` ends the name beside it, not the value (the
  // value reads `万` with no unknown unit after it).
  const auto doc = convert_text(
      table({"一级指标", "产出指标", "成本指标", "指标 1:护林员补助\n支出", "≤ 608.07 万元",
             "指标 2:造林苗木支 ≤ 584.31 万元\n出", "指标 3: 湿地修复\n≤ 1335.93 万\n费用\n元"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"成本指标", "护林员补助支出", "≤ 608.07 万元"},
                                         {"成本指标", "造林苗木支出", "≤ 584.31 万元"},
                                         {"成本指标", "湿地修复费用", "≤ 1335.93 万元"}}));
}

TEST(ReadingOrder, TwoLabelsWrappedSideBySide) {
  // `满意度指` and `服务对象满` on one line (the space between them normalized
  // away), their ends two lines on, a name between.
  const auto doc =
      convert_text(table({"一级指标", "产出指标", "数量指标", "举办讲座", "≥4 场次",
                          "满意度指 服务对象满\n参训教师满意度\n标\n意度指标", "≥90%"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办讲座", "≥4 场次"},
                                         {"服务对象满意度指标", "参训教师满意度", "≥90%"}}));
}

TEST(ReadingOrder, AWrappedPerformanceTypeIsNoName) {
  const auto doc = convert_text(
      table({"一级指标", "产出指标", "数量指标", "举办讲座", "某县本\n级绩效指\n标", "≥4 场次"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办讲座", "≥4 场次"}}));
}

TEST(ReadingOrder, APerformanceTypeWrappedAfterANameIsNoPartOfIt) {
  // The name's line runs as wide as the column, but `某县本` begins the
  // performance type `某县本级绩效指标`, printed beside it.
  const auto doc =
      convert_text(table({"一级指标", "产出指标", "数量指标",
                          "举办科普知识讲座培训活动\n某县本\n级绩效指\n标", "≥4 场次"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办科普知识讲座培训活动", "≥4 场次"}}));
}

TEST(ReadingOrder, ALabelsEndOnTheLineOfAName) {
  // `服务对象满` … `意度指标`, each beside a name on its line (two names: the
  // first line is short of the name column's width); the second name says
  // the label's level another way.
  const auto doc = convert_text(
      table({"一级指标", "产出指标", "数量指标", "举办科普知识讲座培训活动", "≥4 场次",
             "满意度指标", "服务对象满 受助群众满意度\n意度指标 服务对象满意度", "≥97%", "≥95%"}));
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办科普知识讲座培训活动", "≥4 场次"},
                                         {"服务对象满意度指标", "受助群众满意度", "≥97%"},
                                         {"服务对象满意度指标", "服务对象满意度", "≥95%"}}));
}

TEST(ReadingOrder, CellsOfTheTableBeforeTheNextNameAreReported) {
  const std::string text =
      table({"一级指标", "产出指标", "数量指标", "举办讲座", "≥4 场次"}) +
      paragraphs({"项目名称", "≥2 次", "成本指标", "2026 年科技馆免费开放补助资金", "主管部门",
                  "某县科学技术协会", "一级指标", "产出指标", "数量指标", "接待观众", "≥5 万人次"});
  const auto doc = convert_text(text);
  ASSERT_EQ(doc.projects.size(), 2u);
  EXPECT_EQ(doc.projects[1].name, "2026 年科技馆免费开放补助资金");
  int out_of_place = 0;
  for (const auto& d : doc.diagnostics) {
    out_of_place += d.message.find("out of place") != std::string::npos;
  }
  EXPECT_EQ(out_of_place, 2);  // `≥2 次` and `成本指标`
}

TEST(ReadingOrder, TheGoalAfterTheColumnLabelsStillGoesToTheHeader) {
  const auto doc = convert_text(paragraphs(
      {"项目名称", "科普经费", "年度绩效目标", "一级指标",
       "开展科普讲座和科普活动，提升全县公民科学素质，加强科普阵地建设，\n推进科普基础设施建设。",
       "产出指标", "数量指标", "举办讲座", "≥4 场次"}));
  ASSERT_EQ(doc.projects.size(), 1u);
  // (NFKC makes the full-width commas ASCII.)
  EXPECT_EQ(doc.projects[0].goal.value_or(""),
            "开展科普讲座和科普活动,提升全县公民科学素质,加强科普阵地建设,推进科普基础设施建设。");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办讲座", "≥4 场次"}}));
}

TEST(ReadingOrder, AValueSayingItGoesOnIsNoSignOfTheLevelOfLastingEffects) {
  // The labels ahead of the rows, as a PDF's text flow puts them: `持续增强`
  // and `稳步提升` are values of any effect; the names say which.
  const auto doc = convert_text(table({"一级指标", "二级指标", "三级指标", "指标值", "效益指标",
                                       "社会效益指标", "可持续影响指标", "群众获得感", "持续增强",
                                       "社会公众知晓率", "稳步提升", "长效管理机制", "不断完善"}),
                                "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"社会效益指标", "群众获得感", "持续增强"},
                                         {"社会效益指标", "社会公众知晓率", "稳步提升"},
                                         {"可持续影响指标", "长效管理机制", "不断完善"}}));
}

TEST(ReadingOrder, ARateUnderALevelOfNoSignsOfItsOwnIsNoSureMisfit) {
  // Labels among their rows, as a PDF's text flow puts them. `知晓率` reads
  // like a quality rate, but a social effect has no signs to go by, and its
  // label stands just before it.
  const auto doc = convert_text(
      table({"一级指标",         "二级指标",       "三级指标",     "指标值",         "数量指标",
             "更新监测设备",     "产出指标",       "质量指标",     "资金拨付准确率", "时效指标",
             "年度任务完成时间", "资金拨付及时率", "效益指标",     "≥13 套",         "100%",
             "2021 年 12 月底",  "≥100%",          "社会效益指标", "社会公众知晓率", "88%-95%"}),
      "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "更新监测设备", "≥13 套"},
                                         {"质量指标", "资金拨付准确率", "100%"},
                                         {"时效指标", "年度任务完成时间", "2021 年 12 月底"},
                                         {"时效指标", "资金拨付及时率", "≥100%"},
                                         {"社会效益指标", "社会公众知晓率", "88%-95%"}}));
}

TEST(ReadingOrder, ShortNamesBetweenLabelsDoNotRunTogetherWhereFewNamesWrap) {
  // One long name sets the column's width; the short ones beside their
  // labels' wrapped lines are names of their own.
  const std::string text =
      table({"一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "更新监测设备",
             "≥13 套", "储备防汛物资", "≥2870 批", "按照年度工作计划受益人口", "≥39900 人",
             "建设供水工程", "≥22 个", "维修养护水库", "≥15 座", "清理河道长度", "≥40 公里"}) +
      "质量指标（必 项目建设质量\n填）\n资金发放准确率\n时效指标（必 问题整改时限\n填）\n"
      "资金拨付及时率\n\n达标\n≥95%\n≤25 天\n≥95%\n\n效益指标\n\n社会效益指标\n\n群众获得感\n\n"
      "持续增强\n\n社会影响力\n\n明显提升\n\n惠及人群\n\n≥2940 人次\n\n满意度指标\n\n"
      "服务对象满意度指标\n\n受益群众满意度\n\n≥95%\n";
  const auto doc = convert_text(text, "t.txt");
  const auto got = rows(doc);
  ASSERT_EQ(got.size(), 14u);
  EXPECT_EQ(got[6], (Row{"质量指标", "项目建设质量", "达标"}));
  EXPECT_EQ(got[7], (Row{"质量指标", "资金发放准确率", "≥95%"}));
  EXPECT_EQ(got[8], (Row{"时效指标", "问题整改时限", "≤25 天"}));
  EXPECT_EQ(got[9], (Row{"时效指标", "资金拨付及时率", "≥95%"}));
}

TEST(ReadingOrder, ANameThatBeginsWithNoneOfIsStillAName) {
  // `无障碍改造` (barrier-free works) is a thing done, not `无`, none of it.
  const auto doc = convert_text(
      table({"一级指标", "二级指标", "三级指标", "指标值", "产出指标", "成本指标", "报告提交频次",
             "每季度一次", "托养服务补助", "≤3091100 元", "无障碍改造", "＝597800 元"}),
      "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"成本指标", "报告提交频次", "每季度一次"},
                                         {"成本指标", "托养服务补助", "≤3091100 元"},
                                         {"成本指标", "无障碍改造", "=597800 元"}}));
}

TEST(ReadingOrder, HowRegularAServiceIsIsAQualityIndicator) {
  // The labels ahead of the rows: `服务规范化程度` between a rate and a time
  // is quality, as its name says.
  const auto doc = convert_text(
      table({"一级指标", "二级指标", "三级指标", "指标值", "产出指标", "质量指标", "时效指标",
             "资金发放准确率", "99%", "服务规范化程度", "逐步规范", "年度开放时间", "≥303 天"}),
      "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"质量指标", "资金发放准确率", "99%"},
                                         {"质量指标", "服务规范化程度", "逐步规范"},
                                         {"时效指标", "年度开放时间", "≥303 天"}}));
}

TEST(ReadingOrder, IndustryIsAnEconomicEffectAndSavingResourcesAnEcologicalOne) {
  const auto doc =
      convert_text(table({"一级指标", "二级指标", "三级指标", "指标值", "效益指标", "经济效益指标",
                          "社会效益指标", "生态效益指标", "带动相关产业发展", "明显", "社会影响力",
                          "明显提升", "资源节约利用水平", "明显提升"}),
                   "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"经济效益指标", "带动相关产业发展", "明显"},
                                         {"社会效益指标", "社会影响力", "明显提升"},
                                         {"生态效益指标", "资源节约利用水平", "明显提升"}}));
}

TEST(ReadingOrder, ALabelWrappedAroundANumberedNameWhoseWrapIsALabelItself) {
  // `生态环境` / `指标 1:对生态环境` / `成本指标` / `造成的负面影响` / `（选填）`:
  // the label 生态环境成本指标（选填） and a numbered name, their lines
  // interleaved; `成本指标` alone would be a label of its own.
  const std::string text =
      table({"一级指标", "二级指标", "三级指标", "指标值", "成本指标", "经济成本指标",
             "指标 1:项目总成本", "≤584 万元"}) +
      "生态环境\n指标 1:对生态环境\n成本指标\n造成的负面影响\n（选填）\n\n不产生污染\n";
  const auto doc = convert_text(text, "t.txt");
  EXPECT_EQ(rows(doc),
            (std::vector<Row>{{"经济成本指标", "项目总成本", "≤584 万元"},
                              {"生态环境成本指标", "对生态环境造成的负面影响", "不产生污染"}}));
}

TEST(ReadingOrder, NumberedNamesEndingInAShortAliasBesideALabelsLines) {
  // Two levels' labels and the numbered names wrap side by side, their
  // lines interleaved (`服务对象` + `满意度指标`; `满意度指` + `标（必` + `填）`):
  // `满意度` after a name's short line ends it (a label's own lines write
  // 指标), and `填）` closes the label left open before the other.
  const std::string text =
      table({"一级指标", "二级指标", "三级指标", "指标值"}) +
      "指标 1: 参训学员\n服务对象 满意度\n满意度指 指标 2: 授课教师\n满意度指标\n标（必 满意度\n"
      "填）\n指标 3: 合作单位\n满意度\n\n不低于 90%\n不低于 92%\n≥ 88%\n";
  const auto doc = convert_text(text, "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"服务对象满意度指标", "参训学员满意度", "不低于 90%"},
                                         {"服务对象满意度指标", "授课教师满意度", "不低于 92%"},
                                         {"服务对象满意度指标", "合作单位满意度", "≥ 88%"}}));
}

TEST(ReadingOrder, AColumnHeadersWrappedEndAloneIsNoName) {
  // `一级绩效指` / `二级绩效指标` / `标`: the last line ends the first label.
  const auto doc = convert_text(table({"一级绩效指", "二级绩效指标", "标", "三级绩效指标", "绩效值",
                                       "产出指标", "数量指标", "举办科普讲座", "≥6 场"}),
                                "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"数量指标", "举办科普讲座", "≥6 场"}}));
}

TEST(ReadingOrder, ADatesBoundSaidAgainOnALineOfItsOwnIsTheDates) {
  const auto doc = convert_text(table({"一级指标", "二级指标", "三级指标", "指标值", "产出指标",
                                       "时效指标", "年度任务完成时间"}) +
                                    "2024 年 11 月底\n前\n\n项目建设期\n\n2024 年 1 月—\n11 月\n",
                                "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"时效指标", "年度任务完成时间", "2024 年 11 月底前"},
                                         {"时效指标", "项目建设期", "2024 年 1 月—11 月"}}));
}

TEST(ReadingOrder, ItDrivesEffectivelyIsAValue) {
  // `有效带动` says how much, as `明显提升` does: a value, so the short name
  // before it is no value of the name above.
  const auto doc =
      convert_text(table({"一级指标", "二级指标", "三级指标", "指标值", "效益指标", "社会效益指标",
                          "带动相关产业发展", "社会公众知晓率", "有效带动", "≥81%"}),
                   "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"社会效益指标", "带动相关产业发展", "有效带动"},
                                         {"社会效益指标", "社会公众知晓率", "≥81%"}}));
}

TEST(ReadingOrder, TheCellBesideALabelOnItsLineIsAName) {
  // `生态效益指标 生态环境改善`: the cell after the label is in the names'
  // column, though it ends as a qualitative value does.
  const auto doc =
      convert_text(table({"一级指标", "二级指标", "三级指标", "指标值", "效益指标", "社会效益指标",
                          "路网通行水平", "持续提升", "生态效益指标 生态环境改善", "明显改善"}),
                   "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"社会效益指标", "路网通行水平", "持续提升"},
                                         {"生态效益指标", "生态环境改善", "明显改善"}}));
}

TEST(ReadingOrder, ATimelinessRateIsATimeIndicator) {
  // A PDF's text flow (paged: a form feed ends the page) puts each label
  // where it was drawn, so `时效指标` after `资金拨付及时率` says little;
  // `及时率` is a rate, but of timeliness: 时效, not 质量.
  const auto doc = convert_text(
      table({"一级指标", "二级指标", "三级指标", "指标值", "产出指标", "质量指标", "资金发放准确率",
             "99%", "资金拨付及时率", "≥95%", "时效指标", "年度开放时间", "≥258 天"}) +
          "\f",
      "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"质量指标", "资金发放准确率", "99%"},
                                         {"时效指标", "资金拨付及时率", "≥95%"},
                                         {"时效指标", "年度开放时间", "≥258 天"}}));
}

TEST(ReadingOrder, NamesNumberedAgainFromOneUnderEachLevel) {
  // The labels ahead of the rows; `3.举办招聘会` says nothing of its level,
  // but its number follows on from the costs before it, and the next name
  // counts from 1 again.
  const auto doc = convert_text(
      table({"一级指标", "二级指标", "三级指标", "指标值", "产出指标", "成本指标", "效益指标",
             "社会效益指标", "1.技能培训补贴费用", "≤192.47 万元", "2.招聘会组织费用",
             "≤414.60 万元", "3.举办招聘会", "1.就业服务水平", "明显提升"}),
      "t.txt");
  const auto got = rows(doc);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[2], (Row{"成本指标", "举办招聘会", ""}));
  EXPECT_EQ(got[3], (Row{"社会效益指标", "就业服务水平", "明显提升"}));
}

TEST(ReadingOrder, LongTermIsAValue) {
  // A block of names, then as many values: `长期` is one of them.
  const auto doc = convert_text(
      table({"一级指标", "二级指标", "三级指标", "指标值", "效益指标", "可持续影响指标",
             "长效管理机制", "工作机制运行情况", "长期", "稳定运行"}),
      "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"可持续影响指标", "长效管理机制", "长期"},
                                         {"可持续影响指标", "工作机制运行情况", "稳定运行"}}));
}

TEST(ReadingOrder, AHeaderLabelWrappedAroundItsValue) {
  // The label's cell is taller than the value's: its first line comes before
  // the value, its last after.
  const std::string text =
      "项目名称\n\n科普经费\n\n主管部门\n\n某县科学技术协会\n\n项目年度\n960000\n资金（元）\n\n"
      "一级指标\n\n二级指标\n\n三级指标\n\n指标值\n\n产出指标\n\n数量指标\n\n举办科普讲座\n\n≥6 "
      "场\n";
  const auto doc = convert_text(text, "t.txt");
  ASSERT_EQ(doc.projects.size(), 1u);
  const auto& p = doc.projects[0];
  ASSERT_TRUE(p.amount.has_value());
  EXPECT_EQ(p.amount->raw, "960000");
  EXPECT_EQ(p.amount->unit.value_or(""), "元");
  ASSERT_EQ(rows(doc).size(), 1u);
}

TEST(ReadingOrder, ALabelsHeadThatNothingCompletesIsReadAsItCame) {
  // `项目年度` begins a label, but the lines after it make none: both kept,
  // each with its line, as a header cell that follows no label.
  const std::string text =
      "项目名称\n\n科普经费\n\n主管部门\n\n某县科学技术协会\n\n项目年度\n960000\n\n一级指标\n\n"
      "二级指标\n\n三级指标\n\n指标值\n\n产出指标\n\n数量指标\n\n举办科普讲座\n\n≥6 场\n";
  const auto doc = convert_text(text, "t.txt");
  ASSERT_EQ(doc.projects.size(), 1u);
  const auto& fields = doc.projects[0].fields;
  const auto kept = [&](const std::string& value) {
    return std::any_of(fields.begin(), fields.end(),
                       [&](const auto& f) { return f.second == value; });
  };
  EXPECT_TRUE(kept("项目年度"));
  EXPECT_TRUE(kept("960000"));
  EXPECT_EQ(rows(doc).size(), 1u);
}

TEST(ReadingOrder, ALabelAPageBreakCutIsTheLabelItBegins) {
  // `社会效益指` at the foot of a page, `标` at the head of the next.
  const std::string text =
      table({"一级指标", "二级指标", "三级指标", "指标值", "效益指标", "经济效益指标",
             "带动群众增收", "≥5%", "社会效益指", "群众获得感", "明显增强"}) +
      "\f标\n\n社会公众知晓率\n\n≥90%\n";
  const auto doc = convert_text(text, "t.txt");
  EXPECT_EQ(rows(doc), (std::vector<Row>{{"经济效益指标", "带动群众增收", "≥5%"},
                                         {"社会效益指标", "群众获得感", "明显增强"},
                                         {"社会效益指标", "社会公众知晓率", "≥90%"}}));
}

TEST(ReadingOrder, ForcedLayoutReadsATableWithoutAColumnHeader) {
  const std::string text = table({"产出指标", "数量指标", "举办讲座", "≥4 场次"});
  const auto r = test::run("jixiao convert -q --format jsonl --layout reading-order -", text);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"layout\":\"reading-order\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"name\":\"举办讲座\""), std::string::npos) << r.out;
}

}  // namespace
}  // namespace jixiao
