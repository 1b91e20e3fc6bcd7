// The parser on small documents written for one behaviour each. Cells are
// tab-separated as in the samples; `\t` marks each tab.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "audit/audit.h"
#include "convert/convert.h"
#include "test_support.h"

namespace jixiao {
namespace {

using test::convert_text;

const char* kHeader =
    "部门项目支出预算绩效目标表 1\n"
    "(2026 年)\n"
    "项目名称\t科普经费\t\t\n"
    "主管部门\t平罗县科学技术协会\t实施单位\t平罗县科学技术协会 本级\n"
    "项目属性\t02-经常性项目\t项目期限\t99 年\n"
    "资金主管处 (科、股)室\t05-行政教科文室\t项目年度金额\t390000\n"
    "项目年度绩效 目标\t<p>提升科普服务能力。</p>\t\t\n"
    "一级绩效指标\t二级绩效指标\t\t绩效值\n";

model::Document with_table(const std::string& rows) {
  return convert_text(std::string(kHeader) + rows);
}

const model::Indicator& only_indicator(const model::Document& doc) {
  EXPECT_EQ(doc.projects.size(), 1u);
  EXPECT_EQ(doc.projects.at(0).indicators.size(), 1u);
  return doc.projects.at(0).indicators.at(0);
}

// Warnings about reading the table; the audit's findings are its own tests'.
int warnings(const model::Document& doc) {
  int n = 0;
  for (const auto& d : doc.diagnostics)
    n += d.severity != source::Severity::info && !audit::is_check(d.code);
  return n;
}

std::size_t count_code(const model::Document& doc, source::Code code) {
  return static_cast<std::size_t>(std::count_if(doc.diagnostics.begin(), doc.diagnostics.end(),
                                                [&](const auto& d) { return d.code == code; }));
}

bool has_code(const model::Document& doc, source::Code code) { return count_code(doc, code) > 0; }

TEST(Parse, ReadsTheHeader) {
  const auto doc = with_table("产出指标\t数量指标\t巩固提升现有科普基地\t≥2 个\n");
  ASSERT_EQ(doc.projects.size(), 1u);
  const model::Project& p = doc.projects[0];
  EXPECT_EQ(p.title, "部门项目支出预算绩效目标表 1");
  EXPECT_EQ(p.year, 2026);
  EXPECT_EQ(p.name, "科普经费");
  EXPECT_EQ(p.department, "平罗县科学技术协会");
  EXPECT_EQ(p.implementer, "平罗县科学技术协会本级");
  EXPECT_EQ(p.attribute, "经常性项目");
  EXPECT_EQ(p.period, "99 年");
  ASSERT_TRUE(p.amount);
  EXPECT_EQ(p.amount->number->text, "390000");
  EXPECT_EQ(p.goal, "提升科普服务能力。");
  EXPECT_EQ(p.first_line, 1);
  EXPECT_EQ(p.last_line, 9);
  EXPECT_EQ(p.fields.at(3).first, "项目属性");
  EXPECT_EQ(p.fields.at(3).second, "02-经常性项目");
  EXPECT_EQ(p.id.size(), 12u);
  EXPECT_EQ(warnings(doc), 0);
}

TEST(Parse, CarriesLevelsDownThroughBlankMergedCells) {
  const auto doc = with_table(
      "产出指标\t数量指标\t巩固提升现有科普基地\t≥2 个\n"
      "\t\t举办科普知识讲座培训\t≥4 场次\n"
      "\t质量指标\t各项工作按照确定目标完成率\t≥90%\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[1].level1, "产出指标");
  EXPECT_EQ(inds[1].level2, "数量指标");
  EXPECT_EQ(inds[2].level1, "产出指标");
  EXPECT_EQ(inds[2].level2, "质量指标");
  EXPECT_EQ(inds[2].line, 11);
}

TEST(Parse, ALevelLabelCountsInWhicheverColumnItLands) {
  const auto doc = with_table(
      "产出指标\t数量指标\t巩固提升现有科普基地\t≥2 个\n"
      "\t\t效益指标\t社会效益指标\t企业科协会员数量增加\t达到会员数量不少于 750 人\n"
      "可持续影响指标\t企业科协持续健康发展\t\t效果明显\t\t\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[1].level1, "效益指标");
  EXPECT_EQ(inds[1].level2, "社会效益指标");
  EXPECT_EQ(inds[1].value.op, ">=");
  EXPECT_EQ(inds[2].level2, "可持续影响指标");
  EXPECT_EQ(inds[2].name, "企业科协持续健康发展");
  EXPECT_EQ(inds[2].value.raw, "效果明显");
}

TEST(Parse, ANameInTheFirstColumnStaysUnderTheCurrentSecondLevel) {
  const auto doc = with_table(
      "产出指标\t成本指标\t巩固提升科普基地\t≤7 万元\n"
      "开展科技志愿服务活动\t\t≤7 万元\t\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 2u);
  EXPECT_EQ(inds[1].name, "开展科技志愿服务活动");
  EXPECT_EQ(inds[1].level2, "成本指标");
  EXPECT_EQ(inds[1].value.base->number.text, "70000");
}

// An indicator named like its second level: `服务对象满意度` with its value
// under 服务对象满意度指标 is a name, not the label again.
TEST(Parse, AnIndicatorNamedLikeItsSecondLevelIsAName) {
  const auto doc = with_table(
      "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\n"
      "\t\t服务对象满意度\t94%\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 2u);
  EXPECT_EQ(inds[1].name, "服务对象满意度");
  EXPECT_EQ(inds[1].level2, "服务对象满意度指标");
  EXPECT_EQ(inds[1].value.raw, "94%");
}

// No 三级指标 column (`一级指标 | 二级指标 | 指标值`, or no label over the
// values at all): the second level is the indicator's name and its level,
// and a value never becomes a name; said once. A blank column label
// between the second level and the value (`二级绩效指标 | | 绩效值`) heads
// the names, and a row with a name and a value is read as usual.
TEST(Parse, ATableWithoutANameColumnNamesEachIndicatorByItsSecondLevel) {
  for (const char* header : {"一级指标\t二级指标\t指标值\n", "一级指标\t二级指标\n"}) {
    const auto doc = convert_text(std::string("项目名称\t养老服务补助\n") + header +
                                  "产出指标\t数量指标\t≥12个\n"
                                  "\t质量\t≥95%\n"
                                  "效益指标\t社会效益指标\t生活质量明显提高\n");
    const auto& inds = doc.projects.at(0).indicators;
    ASSERT_EQ(inds.size(), 3u) << header;
    EXPECT_EQ(inds[0].name, "数量指标");
    EXPECT_EQ(inds[0].level2, "数量指标");
    EXPECT_EQ(inds[0].value.raw, "≥12个");
    EXPECT_EQ(inds[1].name, "质量");
    EXPECT_EQ(inds[1].level1, "产出指标");
    EXPECT_EQ(inds[1].level2, "质量指标");
    EXPECT_EQ(inds[2].name, "社会效益指标");
    EXPECT_EQ(inds[2].level1, "效益指标");
    EXPECT_EQ(inds[2].value.raw, "生活质量明显提高");
    EXPECT_EQ(count_code(doc, source::Code::level2_as_name), 1u);
    EXPECT_EQ(warnings(doc), 0);
  }
  // The usual table with its name column unlabelled: names stay names.
  const auto named = with_table("产出指标\t数量指标\t举办讲座\t≥4 场次\n");
  EXPECT_EQ(only_indicator(named).name, "举办讲座");
  EXPECT_FALSE(has_code(named, source::Code::level2_as_name));
  // A name and a value after the second level under such a header: as usual.
  const auto both = convert_text(
      "项目名称\t养老服务补助\n一级指标\t二级指标\n产出指标\t数量指标\t服务人数\t≥100人\n");
  EXPECT_EQ(only_indicator(both).name, "服务人数");
  EXPECT_FALSE(has_code(both, source::Code::level2_as_name));
}

// One indicator a row and a value column per project (a township, a
// project of a department): each column is a project named by its label,
// with the table's header and its own values; said once. Header rows
// between the title and a table with no 项目名称 are its header.
TEST(Parse, AValueColumnPerProjectIsAProjectEach) {
  const auto doc = convert_text(
      "2024年度项目支出绩效目标表\n"
      "项目名称\t乡镇环境卫生整治\n"
      "主管部门\t某县住建局\t实施单位\t各镇人民政府\n"
      "一级指标\t二级指标\t三级指标\t城关镇\t东关镇\t西关镇\n"
      "产出指标\t数量指标\t清运垃圾\t≥1200吨\t≥800吨\t≥600吨\n"
      "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t≥85%\t/\n");
  ASSERT_EQ(doc.projects.size(), 3u);
  const std::vector<std::string> names = {"城关镇", "东关镇", "西关镇"};
  const std::vector<std::string> first = {"≥1200吨", "≥800吨", "≥600吨"};
  for (std::size_t k = 0; k < 3; ++k) {
    const model::Project& p = doc.projects[k];
    EXPECT_EQ(p.index, static_cast<int>(k));
    EXPECT_EQ(p.name, names[k]);
    EXPECT_EQ(p.department, "某县住建局");
    EXPECT_EQ(p.implementer, "各镇人民政府");
    EXPECT_EQ(p.year, 2024);
    ASSERT_EQ(p.indicators.size(), 2u);
    EXPECT_EQ(p.indicators[0].name, "清运垃圾");
    EXPECT_EQ(p.indicators[0].value.raw, first[k]);
    EXPECT_EQ(p.indicators[1].level1, "满意度指标");
  }
  EXPECT_EQ(doc.projects[2].indicators[1].value.kind, model::ValueKind::empty);
  EXPECT_NE(doc.projects[0].id, doc.projects[1].id);
  EXPECT_EQ(count_code(doc, source::Code::projects_as_columns), 1u);

  // A department's table: no 项目名称, the header row names the projects.
  const auto dept = convert_text(
      "2024年部门项目支出绩效目标表\n部门名称\t某县农业农村局\n"
      "一级指标\t二级指标\t三级指标\t高标准农田建设\t农机购置补贴\n"
      "产出指标\t数量指标\t建设规模\t5000亩\t≥300台套\n");
  ASSERT_EQ(dept.projects.size(), 2u);
  EXPECT_EQ(dept.projects[1].name, "农机购置补贴");
  EXPECT_EQ(dept.projects[1].department, "某县农业农村局");
  EXPECT_EQ(dept.projects[1].indicators.at(0).value.raw, "≥300台套");
  EXPECT_TRUE(dept.text.empty());

  // A 指标值 column, or one label after the names, is no such table.
  const auto usual = with_table("产出指标\t数量指标\t举办讲座\t≥4 场次\n");
  EXPECT_FALSE(has_code(usual, source::Code::projects_as_columns));
  EXPECT_EQ(convert_text("项目名称\t甲\n一级指标\t二级指标\t三级指标\t城关镇\n"
                         "产出指标\t数量指标\t清运垃圾\t≥1200吨\n")
                .projects.size(),
            1u);
}

// A fund-allocation table listing projects before the target table: its
// `项目名称 | 资金来源 | 金额` row is a listing's column header, and it and its
// rows are document text, never a project (tab text and -layout text).
TEST(Parse, AListingTableBeforeTheTargetTableIsDocumentText) {
  const std::string target =
      "2024年度项目支出绩效目标表\n项目名称\t农村饮水安全维修养护\n"
      "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t维修供水工程\t≥25处\n";
  const auto doc = convert_text(
      "某县水利局2024年项目资金分配表\n项目名称\t资金来源\t金额（万元）\n"
      "农村饮水安全维修养护\t财政拨款\t80\n小型水库除险加固\t财政拨款\t120\n" +
      target);
  ASSERT_EQ(doc.projects.size(), 1u);
  EXPECT_EQ(doc.projects[0].name, "农村饮水安全维修养护");
  EXPECT_EQ(doc.projects[0].indicators.size(), 1u);
  ASSERT_EQ(doc.text.size(), 4u);
  EXPECT_EQ(doc.text[3].line, 4);
  EXPECT_TRUE(has_code(doc, source::Code::listing_table));

  const auto layout = convert_text(
      "某县水利局2024年项目资金分配表\n项目名称         资金来源   金额（万元）\n"
      "农村饮水安全维修养护   财政拨款   80\n\n2024年度项目支出绩效目标表\n"
      "项目名称        农村饮水安全维修养护\n"
      "一级指标   二级指标   三级指标       指标值\n"
      "产出指标   数量指标   维修供水工程   ≥25处\n");
  ASSERT_EQ(layout.projects.size(), 1u);
  EXPECT_EQ(layout.projects[0].name, "农村饮水安全维修养护");
  EXPECT_EQ(layout.text.size(), 3u);

  // A project's header whose name is a value, or whose other cell is a
  // label, is no listing.
  const auto header = convert_text("项目名称\t水源保护\t资金来源\t财政拨款\n主管部门\t某局\n" +
                                   target.substr(target.find("一级")));
  EXPECT_FALSE(has_code(header, source::Code::listing_table));
  EXPECT_FALSE(
      has_code(convert_text("项目名称\t\t主管部门\t\n" + target), source::Code::listing_table));
}

// A label cut in two by a page break: its start names the one label it
// begins, and its end on the next page is no indicator.
TEST(Parse, ALabelCutByAPageBreakIsOneLabel) {
  const auto doc = with_table(
      "效益指标\t社会效益指标\t群众获得感\t明显增强\n"
      "\t可持续影响指\t可持续发展能力\t持续提升\n"
      "\f\n"
      "\t标\t长效管理机制\t长期\n"
      "\t社会成本指标\t\t\n"
      "\t（选填）\t\t\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[1].name, "可持续发展能力");
  EXPECT_EQ(inds[1].level2, "可持续影响指标");
  EXPECT_EQ(inds[2].name, "长效管理机制");
  EXPECT_EQ(inds[2].level2, "可持续影响指标");
  EXPECT_EQ(inds[2].value.raw, "长期");
}

TEST(Parse, ANameCutByAPageBreakEndsInALevelsBareWord) {
  // `2.游客` | `93%`, a page break, then `满意度` alone in the names'
  // column: the end of the name, not the first level 满意度指标.
  const auto doc = with_table(
      "满意度指标\t服务对象满意度指标\t1.群众满意度\t96%\n"
      "\t\t2.游客\t93%\n"
      "\f\n"
      "\t\t满意度\t\n"
      "\t\t3. 社会公众满意度\t82-87%\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[1].name, "游客满意度");
  EXPECT_EQ(inds[1].value.raw, "93%");
  EXPECT_EQ(inds[2].name, "社会公众满意度");
  EXPECT_EQ(inds[2].level2, "服务对象满意度指标");
}

TEST(Parse, ARowAPageBreakSplitGoesOnOnTheNextPage) {
  // `托养` | `≥151人`, the page's number, then `服务残疾人` with no value.
  const auto doc = with_table(
      "产出指标\t数量指标\t扶持残疾人就业\t≥186人\n"
      "\t\t托养\t≥151人\n"
      "— 2 —\n"
      "\t服务残疾人\t\n"
      "\t\t适配辅助器具\t≥617套\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[1].name, "托养服务残疾人");
  EXPECT_EQ(inds[1].value.raw, "≥151人");
  EXPECT_EQ(inds[2].name, "适配辅助器具");
}

TEST(Parse, ABareNumberUnderAnIndicatorIsAPagesNumber) {
  const auto doc = with_table(
      "满意度指标\t服务对象满意度指标\t1.用人单位满意度\t89%\n"
      "\t\t2.社会公众满意度\t≥86.7%\n"
      "\n2\n\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 2u);
  EXPECT_EQ(inds[1].name, "社会公众满意度");
  const auto& page = doc.projects.at(0).source_lines.at("page");
  EXPECT_NE(std::find(page.begin(), page.end(), 12), page.end());  // the line of `2`
}

TEST(Parse, SichuansLevelNames) {
  const auto doc = with_table(
      "项目完成指标\t数量指标\t举办讲座\t≥4 场\n"
      "项目效益指标\t社会效益指标\t公众科学素养\t明显提升\n"
      "满意度指标\t社会公众或服务对象满意度指标\t参训群众满意度\t≥90%\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[0].level1, "产出指标");
  EXPECT_EQ(inds[1].level1, "效益指标");
  EXPECT_EQ(inds[2].level2, "服务对象满意度指标");
  EXPECT_EQ(inds[2].level2_label, "社会公众或服务对象满意度指标");  // as written
}

TEST(Parse, AUnitInALabelCellOfItsOwnAppliesToTheAmountsBesideIt) {
  // `资金情况（万元）`, and `项目资金` over `（万元）`: 16 there is 160,000 元.
  for (const char* header : {"资金情况（万元）\t年度资金总额\t16\n\t其中：财政拨款\t16\n",
                             "项目资金\t年度资金总额\t16\n（万元）\t其中：财政拨款\t16\n"}) {
    const auto doc = convert_text(std::string("项目名称\t科普经费\n") + header +
                                  "一级指标\t二级指标\t三级指标\t指标值\n"
                                  "产出指标\t数量指标\t举办讲座\t≥4 场\n");
    ASSERT_EQ(doc.projects.size(), 1u) << header;
    const auto& p = doc.projects[0];
    ASSERT_TRUE(p.amount.has_value()) << header;
    ASSERT_TRUE(p.amount->base.has_value()) << header;
    EXPECT_EQ(p.amount->base->number.text, "160000") << header;
    EXPECT_EQ(p.funds.at("fiscal").unit.value_or(""), "万元") << header;
  }
}

TEST(Parse, AnUnknownLabelThatReadsLikeALevelIsALevel) {
  // `项目管理指标` is no level the grammar knows; before a name and a value,
  // ending in 指标, it is a second level, with a diagnostic: the names are
  // the next cells', never the label.
  const auto doc = with_table(
      "产出指标\t数量指标\t培训人数\t≥100人\n"
      "\t项目管理指标\t制度健全率\t100%\n"
      "\t\t档案完整率\t≥95%\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[1].name, "制度健全率");
  EXPECT_EQ(inds[1].level2.value_or(""), "项目管理指标");
  EXPECT_EQ(inds[2].name, "档案完整率");
  EXPECT_EQ(inds[2].level2.value_or(""), "项目管理指标");
  EXPECT_TRUE(has_code(doc, source::Code::unknown_level));
}

// A first level the grammar does not know, before a second level: the
// first level as written, with a diagnostic; in space-aligned text (its
// labels at the middle of their blocks) as in tab-separated text. In
// reading-order text such a label is reported and never part of a name.
TEST(Parse, UnknownLevelLabelsInEveryLayout) {
  const auto tsv = with_table(
      "产出指标\t数量指标\t培训人数\t≥100人\n"
      "管理指标\t内控制度指标\t内控覆盖率\t100%\n"
      "\t\t制度健全率\t100%\n");
  const auto& inds = tsv.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[1].level1, "管理指标");
  EXPECT_EQ(inds[1].level2.value_or(""), "内控制度指标");
  EXPECT_EQ(inds[2].level1, "管理指标");
  EXPECT_EQ(inds[2].name, "制度健全率");
  EXPECT_TRUE(has_code(tsv, source::Code::unknown_level));

  // pdftotext -layout puts a character a place: cells at places 0, 10, 22, 36.
  auto line = [](std::vector<std::pair<std::size_t, std::string>> cells) {
    std::string out;
    for (const auto& [at, text] : cells) {
      const std::size_t now = source::char_count(out);
      out += std::string(at > now ? at - now : 2, ' ') + text;
    }
    return out + "\n";
  };
  const auto aligned = convert_text(
      line({{0, "项目名称"}, {10, "科普经费"}}) +
      line({{0, "一级指标"}, {10, "二级指标"}, {22, "三级指标"}, {36, "指标值"}}) +
      line({{10, "数量指标"}, {22, "培训人数"}, {36, "≥100人"}}) +
      line({{0, "产出指标"}, {22, "制度健全率"}, {36, "100%"}}) + line({{10, "项目管理指标"}}) +
      line({{22, "档案完整率"}, {36, "≥95%"}}) +
      line({{0, "效益指标"}, {10, "社会效益指标"}, {22, "公众科学素养"}, {36, "明显提升"}}));
  std::vector<std::string> seen;
  for (const auto& ind : aligned.projects.at(0).indicators)
    seen.push_back(ind.level1 + "/" + ind.level2.value_or("") + "/" + ind.name);
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "产出指标/数量指标/培训人数", "产出指标/项目管理指标/制度健全率",
                      "产出指标/项目管理指标/档案完整率", "效益指标/社会效益指标/公众科学素养"}));
  EXPECT_TRUE(has_code(aligned, source::Code::unknown_level));

  const auto reading = convert_text(
      "项目名称\n科普经费\n一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n"
      "培训人数\n≥100人\n项目管理指标\n制度健全率\n100%\n档案完整率\n≥95%\n");
  std::vector<std::string> names;
  for (const auto& ind : reading.projects.at(0).indicators) names.push_back(ind.name);
  EXPECT_EQ(names, (std::vector<std::string>{"培训人数", "制度健全率", "档案完整率"}));
  EXPECT_TRUE(has_code(reading, source::Code::unknown_level));
}

// `满意度指标` where second levels stand (written twice, or right of the
// first level's cell) is the one second level under it, in every layout:
// tab-separated, space-aligned (pdftotext -layout puts a character a
// place) and in reading order (one cell a line).
TEST(Parse, AFirstLevelWrittenAsASecondLevelIsItsOneSecondLevel) {
  const std::string tsv =
      "项目名称\t科普经费\n一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t举办讲座\t≥6 场次\n"
      "满意度指标\t满意度指标\t群众满意度\t≥90%\n"
      "\t满意度指标\t游客满意度\t≥90%\n";
  const std::string aligned =
      "项目名称    科普经费\n"
      "一级指标    二级指标    三级指标      指标值\n"
      "产出指标    数量指标    举办讲座      ≥6 场次\n"
      "                发放资料      ≥600 份\n"
      "满意度指标   满意度指标   群众满意度     ≥90%\n"
      "                游客满意度     ≥90%\n";
  const std::string reading_order =
      "项目名称\n科普经费\n一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n"
      "举办讲座\n≥6 场次\n发放资料\n≥600 份\n满意度指标\n满意度指标\n群众满意度\n≥90%\n"
      "游客满意度\n≥90%\n";
  for (const std::string& text : {tsv, aligned, reading_order}) {
    const auto doc = convert_text(text);
    ASSERT_EQ(doc.projects.size(), 1u) << text;
    const auto& inds = doc.projects[0].indicators;
    ASSERT_GE(inds.size(), 3u) << text;
    for (const auto& ind : inds) {
      if (ind.name.find("满意度") == std::string::npos) continue;
      EXPECT_EQ(ind.level1, "满意度指标") << ind.name << " in\n" << text;
      EXPECT_EQ(ind.level2.value_or(""), "服务对象满意度指标") << ind.name << " in\n" << text;
    }
    EXPECT_EQ(inds.back().name, "游客满意度") << text;
    EXPECT_FALSE(has_code(doc, source::Code::level2_missing)) << text;
  }
  // A first level with several second levels stays a first level.
  const grammar::Grammar& g = *grammar::builtin_grammar("budget-target");
  EXPECT_EQ(g.sole_level2(*g.match_level1("效益指标")), std::nullopt);
  EXPECT_EQ(g.sole_level2(*g.match_level1("满意度指标")), g.match_level2("服务对象满意度指标"));
}

// A table in traditional characters: labels, levels, columns, titles and
// units are matched through ICU's Traditional→Simplified transform; the
// output keeps the text as written (the levels are the grammar's names).
TEST(Parse, ATableInTraditionalCharactersReadsAsItsSimplifiedForm) {
  const auto doc = convert_text(
      "2024年項目支出績效目標表\n項目名稱\t科普經費\n主管部門\t某縣科協\n"
      "實施單位\t某縣科技館\n項目年度資金（萬元）\t42\n年度績效目標\t舉辦講座6場。\n"
      "一級指標\t二級指標\t三級指標\t指標值\n產出指標\t數量指標\t舉辦講座\t≥6 場次\n"
      "滿意度指標\t服務對象滿意度指標\t群眾滿意度\t≥90%\n");
  ASSERT_EQ(doc.projects.size(), 1u);
  const auto& p = doc.projects[0];
  EXPECT_EQ(p.name, "科普經費");
  EXPECT_EQ(p.department.value_or(""), "某縣科協");
  EXPECT_EQ(p.implementer.value_or(""), "某縣科技館");
  ASSERT_TRUE(p.amount && p.amount->base);
  EXPECT_EQ(p.amount->base->number.text, "420000");
  ASSERT_EQ(p.indicators.size(), 2u);
  EXPECT_EQ(p.indicators[0].level1, "产出指标");
  EXPECT_EQ(p.indicators[0].level2.value_or(""), "数量指标");
  EXPECT_EQ(p.indicators[0].level2_label, "數量指標");
  EXPECT_EQ(p.indicators[0].name, "舉辦講座");
  EXPECT_EQ(p.indicators[0].value.raw, "≥6 場次");
  EXPECT_EQ(p.indicators[0].value.unit.value_or(""), "场次");
  EXPECT_EQ(p.indicators[1].level2.value_or(""), "服务对象满意度指标");
  EXPECT_FALSE(has_code(doc, source::Code::header_missing));
  EXPECT_FALSE(has_code(doc, source::Code::unknown_unit));
}

// Rows of a table that are not indicators, each accounted for: a fund row
// inside the indicator block is the header's; a sub-header and a repeated
// column header are the table's; web-page furniture and the signature and
// stamp rows under the table are document text. In tab-separated and
// space-aligned text alike.
TEST(Parse, RowsThatAreNotIndicatorsAreAccountedForAsWhatTheyAre) {
  const std::vector<std::vector<std::string>> rows = {
      {"附件："},
      {"2024年项目支出绩效目标表"},
      {"项目名称", "科普经费"},
      {"主管部门", "某县科协", "实施单位", "某县科技馆"},
      {"项目年度资金（万元）", "42"},
      {"年度绩效目标", "举办讲座6场。"},
      {"一级指标", "二级指标", "三级指标", "指标值"},
      {"产出指标", "数量指标", "举办讲座", "≥6 场次"},
      {"年度资金总额", "1100", "财政拨款", "1100"},
      {"绩效指标"},
      {"", "质量指标", "讲座合格率", "≥95%"},
      {"扫一扫在手机打开当前页"},
      {"一级指标", "二级指标", "三级指标", "指标值"},
      {"效益指标", "社会效益指标", "公众科学素养", "明显提升"},
      {"满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"},
      {"财政资金管理科室（盖章）", "", "年  月  日"},
      {"填报人：张三", "联系电话：12345678"},
      {"单位负责人签字：", "", "审核人："}};
  std::string tsv, aligned;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) tsv += (i ? "\t" : "") + row[i];
    tsv += "\n";
    // pdftotext -layout: a character a place, columns at fixed places.
    std::string line;
    const std::size_t places[] = {0, 10, 22, 36};
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i].empty()) continue;
      const std::size_t at = row.size() == 1 ? 0 : places[i];
      const std::size_t now = source::char_count(line);
      line += std::string(at > now ? at - now : (line.empty() ? 0 : 3), ' ') + row[i];
    }
    aligned += line + "\n";
  }
  for (const std::string& text : {tsv, aligned}) {
    const auto doc = convert_text(text);
    ASSERT_EQ(doc.projects.size(), 1u) << text;
    const auto& p = doc.projects[0];
    std::vector<std::string> names;
    for (const auto& ind : p.indicators) names.push_back(ind.name);
    EXPECT_EQ(names,
              (std::vector<std::string>{"举办讲座", "讲座合格率", "公众科学素养", "群众满意度"}))
        << text;
    ASSERT_TRUE(p.funds.count("fiscal")) << text;  // the fund row, the header's
    EXPECT_EQ(p.funds.at("fiscal").number->text, "1100");
    std::vector<int> text_lines;
    for (const auto& line : doc.text) text_lines.push_back(line.line);
    EXPECT_EQ(text_lines, (std::vector<int>{1, 12, 16, 17, 18})) << text;
    EXPECT_FALSE(has_code(doc, source::Code::unparsed_line)) << text;
  }
}

// A page of a table whose header is on a page not given: its indicators are
// a project without a name, never dropped.
TEST(Parse, AnIndicatorTableWithoutAProjectHeaderIsAProjectWithoutAName) {
  const auto doc =
      convert_text("一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n");
  ASSERT_EQ(doc.projects.size(), 1u);
  EXPECT_EQ(doc.projects[0].name, "");
  ASSERT_EQ(doc.projects[0].indicators.size(), 1u);
  EXPECT_EQ(doc.projects[0].indicators[0].name, "培训人数");
  EXPECT_TRUE(std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.code == source::Code::header_missing && d.line == 1;
  }));
}

TEST(Parse, JoinsANameBrokenAcrossABlankLine) {
  const auto doc = with_table(
      "产出指标\t数量指标\t科技助力乡村振兴，开展生产生活类宣传培\t1项（40场）\n"
      "\n"
      "\t\t训\t\n");
  const auto& ind = only_indicator(doc);
  EXPECT_EQ(ind.name, "科技助力乡村振兴,开展生产生活类宣传培训");
  EXPECT_EQ(ind.lines, (std::vector<int>{9, 11}));
  EXPECT_TRUE(has_code(doc, source::Code::name_joined));
}

TEST(Parse, AValueOnTheNextLineJoinsTheNameAboveIt) {
  const auto doc = with_table(
      "产出指标\t数量指标\t科普活动次数\t\n"
      "\t\t\t8 次\n");
  const auto& ind = only_indicator(doc);
  EXPECT_EQ(ind.value.number->text, "8");
  EXPECT_TRUE(has_code(doc, source::Code::value_joined));
}

TEST(Parse, SplitsACellThatHoldsTwoNumberedIndicators) {
  const auto doc = with_table(
      "产出指标\t数量指标\t1. 支持全区学会党支部规范化建设示范点 2. 总结评选出先进学会\t\t"
      "1 项（3 个） 1 项（8 个单位、20 位个人）\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 2u);
  EXPECT_EQ(inds[0].name, "支持全区学会党支部规范化建设示范点");
  EXPECT_EQ(inds[0].value.raw, "1 项(3 个)");
  EXPECT_EQ(inds[1].name, "总结评选出先进学会");
  EXPECT_EQ(inds[1].value.raw, "1 项(8 个单位、20 位个人)");
  EXPECT_TRUE(has_code(doc, source::Code::indicators_split));
}

TEST(Parse, RemovesListPrefixesFromNames) {
  const auto doc = with_table(
      "产出指标\t数量指标\t指标 1: 年服务观众人次\t≥6 万人次\n"
      "\t\t2. 展教面积\t≥3000 平方米\n"
      "\t\t3、展品更新数量\t≥3 件套\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 3u);
  EXPECT_EQ(inds[0].name, "年服务观众人次");
  EXPECT_EQ(inds[1].name, "展教面积");
  EXPECT_EQ(inds[2].name, "展品更新数量");
}

TEST(Parse, ASecondLevelSetsItsFirstLevel) {
  const auto doc = with_table("\t社会效益\t公众科学素养\t持续提升\n");
  const auto& ind = only_indicator(doc);
  EXPECT_EQ(ind.level1, "效益指标");
  EXPECT_EQ(ind.level2, "社会效益指标");
  EXPECT_EQ(ind.level2_label, "社会效益");
  EXPECT_TRUE(has_code(doc, source::Code::level1_inferred));
}

TEST(Parse, CostIsASecondLevelUnderOutputAndAFirstLevelInThe2021Template) {
  const auto doc = with_table(
      "产出指标\t成本指标\t巩固提升科普基地\t≤7 万元\n"
      "成本指标\t经济成本指标\t设备购置成本\t≤50 万元\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(inds.size(), 2u);
  EXPECT_EQ(inds[0].level1, "产出指标");
  EXPECT_EQ(inds[0].level2, "成本指标");
  EXPECT_EQ(inds[1].level1, "成本指标");
  EXPECT_EQ(inds[1].level2, "经济成本指标");
}

TEST(Parse, ABareWanUnderACostLevelIsMoney) {
  const auto doc = with_table("产出指标\t成本指标\t购买科普图书\t5 万\n");
  const auto& ind = only_indicator(doc);
  ASSERT_TRUE(ind.value.base);
  EXPECT_EQ(ind.value.base->number.text, "50000");
  EXPECT_EQ(ind.value.base->unit, "元");
  EXPECT_TRUE(has_code(doc, source::Code::unit_inferred));
}

TEST(Parse, ReadsBothScopesOfTheFundingGrid) {
  const auto doc = convert_text(
      "2021年自治区本级部门项目支出预算绩效目标表\n"
      "项目名称\t\t基层科普行动计划\t\t\t\n"
      "项目年度资金 (万元)\t资金总额\t569.40\t其中：项目自治区本级已分配资金 "
      "(万元)\t资金总额\t154.40\n"
      "\t其中：财政拨款\t569.40\t\t其中：财政拨款\t154.40\n"
      "\t其他资金\t\t\t其他资金\t\n"
      "\t结余结转\t\t\t结余结转\t\n"
      "年度总体绩效目标\t\t目标甲\t年度绩效目标(本级已分配资金)\t\t目标乙\n"
      "绩效类型\t一级指标\t二级指标\t三级指标\t指标值\t\n"
      "自治区本级绩效指标\t产出指标\t数量指标（必填硬性指标）\t开展宁夏科协大讲堂\t1项（40场）\t"
      "\n");
  ASSERT_EQ(doc.projects.size(), 1u);
  const model::Project& p = doc.projects[0];
  EXPECT_EQ(p.year, 2021);
  ASSERT_TRUE(p.amount);
  EXPECT_EQ(p.amount->unit, "万元");
  EXPECT_EQ(p.amount->base->number.text, "5694000");
  EXPECT_EQ(p.funds.at("fiscal").number->text, "569.4");
  EXPECT_EQ(p.allocated.at("total").base->number.text, "1544000");
  EXPECT_EQ(p.allocated.at("fiscal").number->text, "154.4");
  EXPECT_FALSE(p.funds.count("other"));
  EXPECT_EQ(p.goal, "目标甲");
  EXPECT_EQ(p.goal_allocated, "目标乙");
  EXPECT_EQ(p.indicators.at(0).level2_label, "数量指标(必填硬性指标)");
}

TEST(Parse, ALabelAndItsValueInOneCell) {
  const auto doc = convert_text(
      "2021 年自治区本级部门项目支出预算绩效目标表\n"
      "项目名称\t\t流动科技馆\t\n"
      "项目年度资金 (万元)\t\t年度资金总额： 14.4\t\t年度资金总额： 14.4\n"
      "\t\t其中：财政拨款： 14.4\t\t其中：财政拨款： 14.4\n");
  const model::Project& p = doc.projects.at(0);
  EXPECT_EQ(p.amount->base->number.text, "144000");
  EXPECT_EQ(p.allocated.at("fiscal").number->text, "14.4");
}

TEST(Parse, GoalLabelsTakeTheValuesOfTheNextRow) {
  const auto doc = convert_text(
      "部门项目支出预算绩效目标表\n"
      "项目名称\t\t全民科学素质工作项目经费\t\t\t\n"
      "年度总体绩效目标\t\t年度绩效目标\t\t年度绩效目标\t\n"
      "<p>第一段</p>\t\t<p>第二段</p>\t\t<p>第三段</p>\t\n");
  const model::Project& p = doc.projects.at(0);
  EXPECT_EQ(p.goal, "第一段");
  EXPECT_EQ(p.source_lines.at("goal"), (std::vector<int>{4}));
  ASSERT_EQ(p.fields.size(), 4u);
  EXPECT_EQ(p.fields[2].first, "年度绩效目标");
  EXPECT_EQ(p.fields[3].first, "年度绩效目标 (2)");
  EXPECT_EQ(p.fields[3].second, "第三段");
}

TEST(Parse, TheYearComesFromTheTitleAYearLineOrTheHeading) {
  auto year = [](const std::string& text) { return convert_text(text).projects.at(0).year; };
  EXPECT_EQ(year("2021年自治区本级部门项目支出预算绩效目标表\n项目名称\t甲\n"), 2021);
  EXPECT_EQ(year("部门项目支出预算绩效目标表 1\n(2026 年)\n项目名称\t甲\n"), 2026);
  EXPECT_EQ(year("2021 年宁夏回族自治区科学技术协会 项目支出预算绩效目标\n附件\n"
                 "自治区本级部门项目支出预算绩效目标表\n项目名称\t甲\n"),
            2021);
}

TEST(Parse, TitlesWithoutATableAreDocumentText) {
  const auto doc = convert_text(
      "附件 2\n"
      "平罗县科学技术协会项目支出预算绩效目标表\n"
      "部门项目支出预算绩效目标表 1\n"
      "项目名称\t科普经费\n");
  ASSERT_EQ(doc.text.size(), 2u);
  EXPECT_EQ(doc.text[1].line, 2);
  EXPECT_EQ(doc.projects.at(0).title, "部门项目支出预算绩效目标表 1");
  EXPECT_EQ(doc.projects.at(0).preamble.size(), 2u);
}

TEST(Parse, EachTitleStartsAProjectAndASecondNameToo) {
  const auto doc = convert_text(
      "部门项目支出预算绩效目标表 1\n项目名称\t甲\n一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t甲一\t1 个\n"
      "项目名称\t乙\n一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t乙一\t2 个\n");
  ASSERT_EQ(doc.projects.size(), 2u);
  EXPECT_EQ(doc.projects[1].name, "乙");
  EXPECT_EQ(doc.projects[1].index, 1);
  EXPECT_FALSE(doc.projects[1].title);
  EXPECT_EQ(doc.projects[0].last_line, 4);
}

// A title once over several tables (a row of the table, a cell merged
// across it): its year is every project's until another title says its own.
TEST(Parse, ATitlesYearIsEveryProjectsThatFollowsIt) {
  const std::string table =
      "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t巡查\t≥2 次\n";
  const auto doc = convert_text(
      "| 2022年度项目支出绩效目标表 | | |\n"
      "| 项目名称 | 甲 | |\n" +
      table + "| 项目名称 | 乙 | |\n" + table + "项目名称\t丙\n" + table +
      "2023年度项目支出绩效目标表\n项目名称\t丁\n" + table + "项目名称\t戊\n" + table +
      "部门项目支出绩效目标表\n项目名称\t己\n" + table);
  ASSERT_EQ(doc.projects.size(), 6u);
  EXPECT_EQ(doc.projects[0].year, 2022);
  EXPECT_EQ(doc.projects[0].title, "2022年度项目支出绩效目标表");
  EXPECT_EQ(doc.projects[1].year, 2022);
  EXPECT_FALSE(doc.projects[1].title);
  EXPECT_EQ(doc.projects[2].year, 2022);
  EXPECT_EQ(doc.projects[3].year, 2023);
  EXPECT_EQ(doc.projects[4].year, 2023);
  // A title without a year: no year of the table before.
  EXPECT_FALSE(doc.projects[5].year);
}

// `一、基本情况 项目名称：…`: a heading before a header label on its line is
// document text, and the label opens the project as at the line's start,
// in the label's cell or in a cell of its own before it.
TEST(Parse, AHeadingBeforeAHeaderLabelIsDocumentText) {
  const std::string table =
      "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t巡护\t≥2 次\n";
  const auto doc =
      convert_text("一、基本情况项目名称：森林防火经费\n主管部门\t某县林业局\n" + table +
                   "| 二、基本情况 项目名称：林业有害生物防治经费 | | |\n主管部门\t某县林业局\n" +
                   table + "(三)项目基本信息\t项目名称\t退耕还林补助资金\n" + table);
  ASSERT_EQ(doc.projects.size(), 3u);
  EXPECT_EQ(doc.projects[0].name, "森林防火经费");
  EXPECT_EQ(doc.projects[0].department, "某县林业局");
  EXPECT_EQ(doc.projects[1].name, "林业有害生物防治经费");
  EXPECT_EQ(doc.projects[2].name, "退耕还林补助资金");
  EXPECT_TRUE(doc.projects[2].fields.size() == 1 && doc.projects[2].fields[0].first == "项目名称");
  ASSERT_EQ(doc.text.size(), 3u);
  EXPECT_EQ(doc.text[0].text, "一、基本情况");
  EXPECT_EQ(doc.text[0].line, 1);
  EXPECT_EQ(doc.text[1].text, "二、基本情况");
  EXPECT_EQ(doc.text[1].line, 5);
  EXPECT_EQ(doc.text[2].text, "(三)项目基本信息");
  EXPECT_EQ(warnings(doc), 0);
}

// Only a heading: a label inside other words stays where it is, and in the
// indicator table only 项目名称 opens anything (`2.项目资金使用率` is a name).
TEST(Parse, ALabelInsideOtherWordsIsNoHeading) {
  const auto doc = with_table(
      "产出指标\t质量指标\t2.项目资金使用率\t≥95%\n"
      "\t\t按要求填写项目名称：规范\t是\n");
  const auto& inds = doc.projects.at(0).indicators;
  ASSERT_EQ(doc.projects.size(), 1u);
  ASSERT_EQ(inds.size(), 2u);
  EXPECT_EQ(inds[0].name, "项目资金使用率");
  EXPECT_EQ(inds[1].value.raw, "是");
  EXPECT_TRUE(doc.text.empty());
}

TEST(Parse, ATitleRepeatedInsideATableIsPageFurniture) {
  const auto doc = convert_text(
      "部门项目支出预算绩效目标表\n(2026 年)\n项目名称\t甲\n一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t甲一\t1 个\n"
      "— 2 —\n"
      "部门项目支出预算绩效目标表\n(2026 年)\n"
      "一级指标\t二级指标\t三级指标\t指标值\n"
      "\t\t甲二\t2 个\n"
      "部门项目支出预算绩效目标表\n");
  ASSERT_EQ(doc.projects.size(), 1u);
  const auto& p = doc.projects[0];
  ASSERT_EQ(p.indicators.size(), 2u);
  EXPECT_EQ(p.indicators[1].level2, "数量指标");
  EXPECT_EQ(p.source_lines.at("page"), (std::vector<int>{6, 7, 8}));
  EXPECT_EQ(p.source_lines.at("table"), (std::vector<int>{4, 9}));
  EXPECT_EQ(p.last_line, 10);
  ASSERT_EQ(doc.text.size(), 1u);
  EXPECT_EQ(doc.text[0].line, 11);
  EXPECT_TRUE(has_code(doc, source::Code::title_without_table));
}

TEST(Parse, ProjectIdsIgnoreTheYearInTheName) {
  auto id = [](const std::string& name) {
    return convert_text("项目名称\t" + name + "\n主管部门\t平罗县科学技术协会\n").projects.at(0).id;
  };
  EXPECT_EQ(id("2026 年基层科普行动计划"), id("2027年基层科普行动计划"));
  EXPECT_NE(id("2026 年基层科普行动计划"), id("科普经费"));
}

TEST(Parse, ATextWithNoTableIsAnError) {
  const auto doc = convert_text("这是一封信。\n没有表格。\n");
  EXPECT_TRUE(doc.projects.empty());
  EXPECT_TRUE(has_code(doc, source::Code::no_tables));
  EXPECT_EQ(doc.text.size(), 2u);
  EXPECT_TRUE(convert::has_severity(doc, source::Severity::error));
}

TEST(Parse, AnEmptyInputIsAnError) {
  EXPECT_TRUE(has_code(convert_text(""), source::Code::empty_input));
  EXPECT_TRUE(has_code(convert_text("\n \n\t\n"), source::Code::empty_input));
}

TEST(Parse, InvalidUtf8IsReportedWithItsPlaceAndRepaired) {
  // A UTF-8 file with two stray bytes (a truncated character) in it.
  const auto doc = convert_text("项目名称\t科普经费\n主管部门\t平罗县\xE7\xA7科学技术协会\n");
  EXPECT_EQ(doc.encoding, "UTF-8");
  ASSERT_TRUE(has_code(doc, source::Code::invalid_utf8));
  const auto bad = std::find_if(doc.diagnostics.begin(), doc.diagnostics.end(),
                                [](const auto& d) { return d.code == source::Code::invalid_utf8; });
  EXPECT_EQ(bad->line, 2);
  EXPECT_EQ(bad->column, 9);
  EXPECT_EQ(doc.projects.at(0).department, "平罗县\xEF\xBF\xBD\xEF\xBF\xBD科学技术协会");
}

TEST(Parse, BinaryInputStopsWithAnError) {
  const auto doc = convert_text(std::string("项目名称\t甲\n\x01\x02\0\x03\n项目名称\t乙\n", 24));
  EXPECT_TRUE(has_code(doc, source::Code::binary_input));
  EXPECT_EQ(doc.projects.size(), 1u);
}

TEST(Parse, NotesAreDocumentText) {
  const auto doc = with_table(
      "产出指标\t数量指标\t巩固提升现有科普基地\t≥2 个\n"
      "注：本表由项目单位填报，财政部门审核。\n");
  ASSERT_EQ(doc.text.size(), 1u);
  EXPECT_EQ(doc.text[0].line, 10);
  EXPECT_EQ(warnings(doc), 0);
}

TEST(Parse, ALoneLineThatFitsNowhereIsReported) {
  const auto doc = with_table(
      "产出指标\t数量指标\t巩固提升现有科普基地\t≥2 个\n"
      "本表由项目单位填报，财政部门审核后公开。\n");
  EXPECT_TRUE(has_code(doc, source::Code::unparsed_line));
  EXPECT_EQ(doc.projects.at(0).indicators.size(), 1u);
}

// The parser follows the grammar: rename a level and a header label in the
// grammar data and the same C++ reads the renamed table.
TEST(Parse, FollowsARenamedLevelAndLabelInTheGrammar) {
  std::string text = test::read_file(test::source_dir() + "/grammars/budget-target.jsonc");
  auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace(R"({"name": "产出指标", "aliases": ["产出", "产出目标", "项目完成指标"]})",
          R"({"name": "产出类指标", "aliases": ["产出", "投入产出"]})");
  for (auto at = text.find(R"("parents": ["产出指标"])"); at != std::string::npos;
       at = text.find(R"("parents": ["产出指标"])")) {
    text.replace(at, std::string(R"("parents": ["产出指标"])").size(),
                 R"("parents": ["产出类指标"])");
  }
  replace(R"({"field": "name", "labels": ["项目名称", )",
          R"({"field": "name", "labels": ["项目全称", )");
  replace(R"("required_level1": ["产出指标")", R"("required_level1": ["产出类指标")");
  replace(R"("required_level1_national": ["产出指标")",
          R"("required_level1_national": ["产出类指标")");
  const grammar::Grammar g = grammar::load_grammar(text, "modified.jsonc");

  const std::string input =
      "项目全称\t科普经费\n一级指标\t二级指标\t三级指标\t指标值\n投入产出\t数量指标\t巩固提升现有科"
      "普基地\t≥2 个\n";
  std::istringstream in(input);
  const auto doc = convert::Converter(g).convert(in, "x.txt");
  ASSERT_EQ(doc.projects.size(), 1u);
  EXPECT_EQ(doc.projects[0].name, "科普经费");
  ASSERT_EQ(doc.projects[0].indicators.size(), 1u);
  EXPECT_EQ(doc.projects[0].indicators[0].level1, "产出类指标");

  // The default grammar knows neither word: the table is a project without
  // a name (its header label unknown), said by a diagnostic.
  const auto plain = convert_text(input);
  ASSERT_EQ(plain.projects.size(), 1u);
  EXPECT_EQ(plain.projects[0].name, "");
  EXPECT_TRUE(std::any_of(plain.diagnostics.begin(), plain.diagnostics.end(), [](const auto& d) {
    return d.code == source::Code::header_missing && d.line == 2;
  }));
}

}  // namespace
}  // namespace jixiao
