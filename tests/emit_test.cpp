#include "emit/emit.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "emit/table.h"
#include "grammar/grammar.h"
#include "source/input.h"
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
    XlsxWriter writer(path, Labels::zh, 3);
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
  EXPECT_NE(r.out.find("s:项目支出绩效自评表 n:42 n:42 n:40.5 n:96.43"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(" n:10 n:9.6"), std::string::npos) << r.out;
  ::unlink(path.c_str());
  EXPECT_TRUE(csv_rows(doc.projects[0], "b.txt").ends_with(",annual,420000\r\n"))
      << csv_rows(doc.projects[0], "b.txt");
}

// Whether `text` holds a Latin letter or `_`: a machine name left in what
// is meant to be read in Chinese.
bool has_latin(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  });
}

// Every enumeration the code can write has a Chinese name: each value kind
// (ValueKind::empty is the last), each comparator and table type the
// built-in grammars can give, both terms. `en` leaves each as it is.
TEST(Labels, EveryEnumerationHasAChineseName) {
  for (int k = 0; k <= static_cast<int>(model::ValueKind::empty); ++k) {
    const auto kind = static_cast<model::ValueKind>(k);
    EXPECT_FALSE(has_latin(kind_label(kind, Labels::zh))) << model::to_string(kind);
    EXPECT_EQ(kind_label(kind, Labels::en), model::to_string(kind));
  }
  for (const grammar::Grammar* g : grammar::builtin_grammars()) {
    EXPECT_FALSE(has_latin(table_type_label(g->table_type, Labels::zh))) << g->table_type;
    EXPECT_EQ(table_type_label(g->table_type, Labels::en), g->table_type);
    for (const auto* comparators : {&g->values.comparators, &g->values.date_comparators}) {
      for (const auto& c : *comparators) {
        // One symbol, as the tables write it: `≥`, never `>=`.
        EXPECT_EQ(source::char_count(op_label(c.op, Labels::zh)), 1u) << c.op;
        EXPECT_EQ(op_label(c.op, Labels::en), c.op);
      }
    }
  }
  EXPECT_FALSE(has_latin(table_type_label("target", Labels::zh)));  // the model's default
  for (bool long_term : {false, true}) {
    EXPECT_FALSE(has_latin(term_label(long_term, Labels::zh)));
  }
  EXPECT_EQ(term_label(true, Labels::en), "long_term");
  // A table type of a grammar given as a file, which has no Chinese name,
  // stays as it is rather than being lost.
  EXPECT_EQ(table_type_label("provincial", Labels::zh), "provincial");
}

// The cells of a sheet's row as tests/xlsx_sheets.py prints them.
std::string xlsx_row(const std::string& path, int sheet, int row) {
  const auto r = test::run("python3 tests/xlsx_sheets.py " + path + " " + std::to_string(sheet) +
                           " " + std::to_string(row));
  EXPECT_EQ(r.status, 0) << r.err;
  const std::size_t at = r.out.find("row: ");
  return at == std::string::npos ? "" : r.out.substr(at + 5, r.out.find('\n', at) - at - 5);
}

// A row's text without the cell types (`s:`) before each cell.
std::string without_types(const std::string& row) {
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if ((i == 0 || row[i - 1] == ' ') && row.compare(i, 2, "s:") == 0)
      ++i;
    else
      out += row[i];
  }
  return out;
}

// The CSV header as an XLSX header row prints: `s:source s:project_index …`.
std::string as_header_row(std::string csv) {
  csv.erase(csv.size() - 2);  // CRLF
  std::string out = "s:";
  for (char c : csv) out += c == ',' ? std::string(" s:") : std::string(1, c);
  return out;
}

const char* const kLabelled =
    "项目名称\t甲\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t讲座\t≥4 场\n";

// A workbook is read by people: both sheets' headers and the enumerations
// in cells are Chinese by default; `en` writes the machine names, the
// headers being those of the CSV.
TEST(Labels, XlsxIsChineseUnlessAskedForMachineNames) {
  const auto doc = test::convert_text(kLabelled);
  for (Labels labels : {Labels::zh, Labels::en}) {
    const std::string path = test::scratch_path("labels.xlsx");
    {
      XlsxWriter writer(path, labels);
      writer.add(doc.projects.at(0), "a.txt");
      std::string error;
      ASSERT_TRUE(writer.close(error)) << error;
    }
    const std::string projects = xlsx_row(path, 1, 1), indicators = xlsx_row(path, 2, 1);
    const std::string row = xlsx_row(path, 2, 2);
    ::unlink(path.c_str());
    EXPECT_EQ(indicators, as_header_row(csv_header(false, labels)));
    if (labels == Labels::zh) {
      EXPECT_FALSE(has_latin(without_types(projects))) << projects;
      EXPECT_FALSE(has_latin(without_types(indicators))) << indicators;
      EXPECT_TRUE(projects.starts_with("s:来源文件 s:项目序号 s:项目标识 s:年度 s:项目名称 "))
          << projects;
      EXPECT_NE(row.find(" s:≥4 场 s:数量 s:≥ n:4 "), std::string::npos) << row;
      EXPECT_NE(row.find(" s:项目支出绩效目标表 "), std::string::npos) << row;
      EXPECT_NE(row.find(" s:年度"), std::string::npos) << row;
      continue;
    }
    EXPECT_EQ(projects,
              "s:source s:project_index s:id s:year s:project s:department s:implementer "
              "s:attribute s:period s:amount s:amount_unit s:amount_yuan s:goal s:indicators "
              "s:table_type s:budget_initial s:budget_full_year s:budget_executed "
              "s:execution_rate s:budget_weight s:budget_score s:tasks");
    EXPECT_NE(row.find(" s:≥4 场 s:quantity s:>= n:4 "), std::string::npos) << row;
    EXPECT_NE(row.find(" s:target "), std::string::npos) << row;
    EXPECT_NE(row.find(" s:annual"), std::string::npos) << row;
  }
}

// CSV keeps the contract's names unless asked for Chinese: then its header
// and enumerations are those of the XLSX.
TEST(Labels, CsvIsInChineseOnlyWhenAsked) {
  const auto doc = test::convert_text(kLabelled);
  const std::string en = csv_header(false) + csv_rows(doc.projects.at(0), "a.txt");
  EXPECT_TRUE(en.starts_with("source,project_index,year,project,")) << en;
  EXPECT_NE(en.find(",≥4 场,quantity,>=,4,"), std::string::npos) << en;
  const std::string zh_header = csv_header(true, Labels::zh);
  EXPECT_TRUE(zh_header.starts_with("\xEF\xBB\xBF来源文件,项目序号,年度,项目名称,")) << zh_header;
  EXPECT_FALSE(has_latin(zh_header)) << zh_header;
  EXPECT_EQ(std::count(zh_header.begin(), zh_header.end(), ','),
            std::count(en.begin(), en.begin() + en.find('\n'), ','));
  const std::string zh = csv_rows(doc.projects.at(0), "a.txt", false, Labels::zh);
  EXPECT_NE(zh.find(",≥4 场,数量,≥,4,"), std::string::npos) << zh;
  EXPECT_NE(zh.find(",项目支出绩效目标表,"), std::string::npos) << zh;
  EXPECT_NE(zh.find(",年度,"), std::string::npos) << zh;
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
