#include "emit/emit.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "emit/table.h"
#include "test_support.h"

namespace jixiao::emit {
namespace {

using nlohmann::json;

// A full sheet goes on on `指标 (2)` (Excel's 1,048,576 rows; three here),
// a cell past Excel's 32,767 characters is cut with a mark and a warning, a
// name that is not UTF-8 is repaired: nothing is dropped or left invalid.
TEST(Emit, XlsxRowsGoOnOnANewSheetAndLongCellsAreCut) {
  auto doc = test::convert_text(
      "项目名称\t甲\n一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t讲座\t4 场\n\t\t培训\t5 场\n\t\t展览\t6 场\n"
      "\t\t宣传\t7 场\n\t\t义诊\t8 场\n");
  ASSERT_EQ(doc.projects.at(0).indicators.size(), 5u);
  doc.projects[0].indicators[0].name = std::string(40000, 'x');
  const std::string path = test::scratch_path("rows.xlsx");
  {
    XlsxWriter writer(path, 3);
    writer.add(doc.projects[0], "a\xB2\xE2.txt");  // GBK bytes in a name
    std::string error;
    ASSERT_TRUE(writer.close(error)) << error;
    ASSERT_EQ(writer.warnings().size(), 1u);
    EXPECT_NE(writer.warnings()[0].find("a cell of 40000 characters cut to Excel's 32,767"),
              std::string::npos)
        << writer.warnings()[0];
  }
  // (The script decodes every sheet as UTF-8: the GBK name was repaired.)
  const auto r = test::run("python3 tests/xlsx_sheets.py " + path);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("sheets: 项目 | 指标 | 指标 (2) | 指标 (3)"), std::string::npos) << r.out;
  // Two indicators a sheet below the header: 2 + 2 + 1, each sheet's header
  // row too.
  EXPECT_NE(r.out.find("sheet2.xml rows 3 longest 32767"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sheet4.xml rows 2 "), std::string::npos) << r.out;
  ::unlink(path.c_str());
}

// The 项目 sheet's self-evaluation budget and the amount in 元 are number
// cells, for sums in Excel; CSV carries amount_yuan on every row.
TEST(Emit, BudgetsAndTheAmountInYuanAreNumbers) {
  const auto doc = test::convert_text(
      "2024年度项目支出绩效自评表\n项目名称\t科普经费\n"
      "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
      "\t年度资金总额\t42\t42\t40.5\t10\t96.43%\t9.6\n"
      "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
      "产出指标\t数量指标\t举办讲座\t≥6 场次\t6 场次\t20\t20\n");
  const std::string path = test::scratch_path("budget.xlsx");
  {
    XlsxWriter writer(path);
    writer.add(doc.projects.at(0), "b.txt");
    std::string error;
    ASSERT_TRUE(writer.close(error)) << error;
  }
  const auto r = test::run("python3 tests/xlsx_sheets.py " + path + " 1 2");
  ASSERT_EQ(r.status, 0) << r.err;
  // … amount 42, 万元, amount_yuan 420000, …, budget 42 42 40.5 96.43 10 9.6
  EXPECT_NE(r.out.find("n:42 s:万元 n:420000 "), std::string::npos) << r.out;
  // (A double in the sheet: 96.43 may read 96.43000000000001 there.)
  EXPECT_NE(r.out.find("s:self_evaluation n:42 n:42 n:40.5 n:96.43"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" n:10 n:9.6"), std::string::npos) << r.out;
  ::unlink(path.c_str());
  EXPECT_TRUE(csv_rows(doc.projects[0], "b.txt").ends_with(",annual,420000\r\n"))
      << csv_rows(doc.projects[0], "b.txt");
}

TEST(Emit, NumbersAreWrittenAsInTheSource) {
  const auto doc = test::convert_text(
      "项目名称\t甲\n一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t成本指标\t物业\t86.6612 万元\n"
      "\t\t经费\t1719.9 万元\n"
      "\t\t图书\t569.40\n");
  const std::string text = document_json(doc, Options{});
  EXPECT_NE(text.find("\"number\":86.6612,"), std::string::npos) << text;
  EXPECT_NE(text.find("\"base\":{\"number\":866612,\"unit\":\"元\"}"), std::string::npos);
  EXPECT_NE(text.find("\"number\":1719.9,"), std::string::npos);
  EXPECT_NE(text.find("\"base\":{\"number\":17199000,"), std::string::npos);
  EXPECT_NE(text.find("\"number\":569.4,"), std::string::npos);
}

TEST(Emit, TheDocumentFollowsTheContract) {
  const auto doc = test::convert_text(
      "部门项目支出预算绩效目标表 1\n(2026 年)\n项目名称\t科普经费\n主管部门\t平罗县科协\n"
      "一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t巩固提升现有科普基地\t≥2 个\n"
      "\t时效指标\t完成时间\t2026 年 12 月 31 日前\n"
      "效益指标\t社会效益\t公众科学素养\t持续提升\n",
      "testdata/x.txt");
  const json j = json::parse(document_json(doc, Options{true}));
  EXPECT_EQ(j["schema"], "jixiao/v1");
  EXPECT_EQ(j["source"]["path"], "testdata/x.txt");
  EXPECT_EQ(j["source"]["lines"], 8);
  EXPECT_EQ(j["source"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["grammar"], "budget-target");
  const json& p = j["projects"][0];
  for (const char* key :
       {"index", "id", "span", "title", "year", "name", "department", "implementer", "attribute",
        "period", "amount", "funds", "goal", "fields", "indicators"}) {
    EXPECT_TRUE(p.contains(key)) << key;
  }
  EXPECT_EQ(p["span"], json({{"first_line", 1}, {"last_line", 8}}));
  EXPECT_EQ(p["amount"], nullptr);
  EXPECT_EQ(p["funds"], json::object());
  const json& q = p["indicators"][0];
  EXPECT_EQ(q["value"],
            json::parse(R"({"raw":"≥2 个","kind":"quantity","op":">=","number":2,"unit":"个"})"));
  EXPECT_EQ(q["line"], 6);
  EXPECT_EQ(p["indicators"][1]["value"],
            json::parse(
                R"({"raw":"2026 年 12 月 31 日前","kind":"date","op":"<=","date":"2026-12-31"})"));
  EXPECT_EQ(p["indicators"][2]["value"], json::parse(R"({"raw":"持续提升","kind":"text"})"));
  EXPECT_EQ(p["indicators"][2]["level2_label"], "社会效益");
  EXPECT_TRUE(j["diagnostics"].is_array());
}

TEST(Emit, JsonLinesCarryTheSourcePathAndPreamble) {
  const auto doc = test::convert_text("附件 2\n项目名称\t甲\n", "a.txt");
  const json j = json::parse(project_jsonl(doc.projects.at(0), "a.txt"));
  EXPECT_EQ(j["source"], json({{"path", "a.txt"}}));
  EXPECT_EQ(j["preamble"][0]["text"], "附件 2");
  EXPECT_EQ(project_jsonl(doc.projects.at(0), "a.txt").find('\n'), std::string::npos);
}

TEST(Emit, Diagnostics) {
  const auto doc = test::convert_text("没有表格\n", "a.txt");
  const json d = json::parse(diagnostic_json(doc.diagnostics.at(0)));
  EXPECT_EQ(d["severity"], "error");
  EXPECT_EQ(d["code"], "no-tables");
}

}  // namespace
}  // namespace jixiao::emit
