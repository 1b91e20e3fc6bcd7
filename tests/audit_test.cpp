// Each audit check with a table where it holds and one where it fails, and
// the audit reports of testdata/ beside their inputs (testdata/audit/).
#include "audit/audit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "grammar/grammar.h"
#include "test_support.h"

namespace jixiao {
namespace {

using source::Code;

// A table with the given header rows and indicator rows.
model::Project audited(const std::string& header, const std::string& rows,
                       const std::string& title = "2021年部门项目支出预算绩效目标表") {
  const auto doc = test::convert_text(title + "\n项目名称\t测试项目\n" + header +
                                      "一级指标\t二级指标\t三级指标\t指标值\n" + rows);
  EXPECT_EQ(doc.projects.size(), 1u);
  return doc.projects.at(0);
}

const char* kHeader =
    "主管部门\t某局\t实施单位\t某中心\n项目属性\t经常性项目\t项目期限\t2021年-2023年\n"
    "项目年度资金 (万元)\t资金总额\t10\n\t其中：财政拨款\t8\n\t其他资金\t2\n"
    "年度绩效目标\t2021年，完成各项任务。\n";

const char* kRows =
    "产出指标\t数量指标\t培训人次\t≥100 人次\n"
    "\t时效指标\t完成时间\t2021年12月底\n"
    "\t成本指标\t培训费\t6 万元\n"
    "\t\t资料费\t4 万元\n"
    "效益指标\t社会效益指标（必填）\t群众知晓率\t≥80%\n"
    "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\n";

// The result of one check: true passed, false failed; absent is a test failure.
std::vector<bool> results(const model::Project& p, Code code) {
  std::vector<bool> out;
  for (const auto& check : p.audit) {
    if (check.code == code) out.push_back(check.passed);
  }
  return out;
}

std::string message(const model::Project& p, Code code) {
  for (const auto& check : p.audit) {
    if (check.code == code && !check.passed) return check.message;
  }
  return "";
}

TEST(Audit, AConsistentTablePassesEveryCheck) {
  const auto p = audited(kHeader, kRows);
  for (const auto& check : p.audit)
    EXPECT_TRUE(check.passed) << source::to_string(check.code) << ": " << check.message;
  EXPECT_EQ(results(p, Code::cost_sum), std::vector<bool>{true});
  EXPECT_EQ(results(p, Code::funds_sum), std::vector<bool>{true});
  EXPECT_EQ(results(p, Code::goal_year_differs), std::vector<bool>{true});
}

TEST(Audit, CostsMustAddUpToTheAmount) {
  std::string rows = kRows;
  rows.replace(rows.find("4 万元"), 6, "3 万元");
  const auto p = audited(kHeader, rows);
  EXPECT_EQ(results(p, Code::cost_sum), std::vector<bool>{false});
  EXPECT_EQ(message(p, Code::cost_sum),
            "2 cost indicators add up to 9万元, but the annual amount is 10万元: 1万元 less");
}

TEST(Audit, UpperBoundsMustCoverTheAmount) {
  std::string rows = kRows;
  rows.replace(rows.find("6 万元"), 6, "≤7 万元");
  EXPECT_EQ(results(audited(kHeader, rows), Code::cost_sum), std::vector<bool>{true});
  rows.replace(rows.find("≤7 万元"), 8, "≤5 万元");
  EXPECT_EQ(results(audited(kHeader, rows), Code::cost_sum), std::vector<bool>{false});
}

TEST(Audit, FundsMustAddUp) {
  std::string header = kHeader;
  header.replace(header.find("\t2\n"), 3, "\t3\n");
  const auto p = audited(header, kRows);
  EXPECT_EQ(results(p, Code::funds_sum), std::vector<bool>{false});
  EXPECT_EQ(message(p, Code::funds_sum),
            "财政拨款 8万元 + 其他资金 3万元 = 11万元 ≠ 资金总额 10万元");
}

TEST(Audit, TheAllocatedScopeStaysWithinTheTotal) {
  const std::string header =
      "主管部门\t某局\t实施单位\t某中心\n"
      "项目年度资金 (万元)\t资金总额\t10\t其中：本级已分配资金 (万元)\t资金总额\t12\n";
  EXPECT_EQ(results(audited(header, kRows), Code::allocated_over_total), std::vector<bool>{false});
  const std::string fine =
      "主管部门\t某局\t实施单位\t某中心\n"
      "项目年度资金 (万元)\t资金总额\t10\t其中：本级已分配资金 (万元)\t资金总额\t8\n";
  EXPECT_EQ(results(audited(fine, kRows), Code::allocated_over_total), std::vector<bool>{true});
}

TEST(Audit, RequiredFirstLevels) {
  std::string rows = kRows;
  rows.erase(rows.find("满意度指标"));
  const auto p = audited(kHeader, rows);
  EXPECT_EQ(results(p, Code::level1_missing), std::vector<bool>{false});
  EXPECT_EQ(message(p, Code::level1_missing), "no 满意度指标 in the table");
  // The 2021 template needs 成本指标 as a first level too: present here.
  const auto national = audited(
      kHeader,
      "产出指标\t数量指标\t培训人次\t≥100 人次\n成本指标\t经济成本指标\t培训费\t10 万元\n"
      "效益指标\t社会效益指标\t知晓率\t≥80%\n满意度指标\t服务对象满意度指标\t满意度\t≥90%\n");
  EXPECT_EQ(results(national, Code::level1_missing), std::vector<bool>{true});
}

// Which table is in the 2021 national template is the grammar's to say: a
// first level only `required_level1_national` names marks it (成本指标 in the
// built-in grammar; here a grammar whose second list names 风险指标).
TEST(Audit, TheNationalTemplateIsToldByTheLevelOnlyItsListNames) {
  std::string text = test::read_file(test::source_dir() + "/grammars/budget-target.jsonc");
  const std::string from = R"("required_level1_national": ["产出指标", "成本指标",)";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(),
               R"("required_level1_national": ["产出指标", "风险指标",)");
  const grammar::Grammar g = grammar::load_grammar(text, "grammars/risk.jsonc");
  model::Project p;
  for (const char* level : {"产出指标", "风险指标", "效益指标", "满意度指标"}) {
    model::Indicator ind;
    ind.level1 = level;
    p.indicators.push_back(ind);
  }
  const auto with_risk = audit::Auditor(g).audit(p);
  const auto level1 = [](const std::vector<audit::Finding>& findings) {
    for (const auto& f : findings)
      if (f.code == Code::level1_missing) return f;
    return audit::Finding{};
  };
  EXPECT_TRUE(level1(with_risk).passed);
  EXPECT_EQ(level1(with_risk).message, "2021 template: all of 4 first levels present");
  // The built-in grammar does not know 风险指标: the older list applies.
  EXPECT_EQ(level1(audit::Auditor(grammar::default_grammar()).audit(p)).message,
            "all of 3 first levels present");
  // With 成本指标 instead, the built-in grammar takes its national list.
  p.indicators[1].level1 = "成本指标";
  EXPECT_EQ(level1(audit::Auditor(grammar::default_grammar()).audit(p)).message,
            "2021 template: all of 4 first levels present");
}

TEST(Audit, ARequiredSecondLevelNeedsAnIndicator) {
  const auto p = audited(kHeader, std::string(kRows) + "\t生态效益指标（必填）\t\t\n");
  EXPECT_EQ(results(p, Code::required_level2_empty), std::vector<bool>{false});
  EXPECT_EQ(message(p, Code::required_level2_empty),
            "`生态效益指标(必填)` is required but has no indicator");
}

TEST(Audit, NoDuplicateNamesWithinASecondLevel) {
  const auto p =
      audited(kHeader, std::string(kRows) + "满意度指标\t服务对象满意度指标\t群众满意度\t≥95%\n");
  EXPECT_EQ(results(p, Code::duplicate_indicator), std::vector<bool>{false});
}

TEST(Audit, RatesLieBetweenZeroAndAHundred) {
  std::string rows = kRows;
  rows.replace(rows.find("≥80%"), 6, "≥180%");
  EXPECT_EQ(results(audited(kHeader, rows), Code::rate_out_of_range), std::vector<bool>{false});
}

TEST(Audit, QuantitativeLevelsNeedQuantitiesWithUnits) {
  std::string rows = kRows;
  rows.replace(rows.find("≥100 人次"), 12, "按需开展");
  auto p = audited(kHeader, rows);
  EXPECT_EQ(results(p, Code::text_in_quantitative), std::vector<bool>{false});
  rows = kRows;
  rows.replace(rows.find("≥100 人次"), 12, "100");
  p = audited(kHeader, rows);
  EXPECT_EQ(results(p, Code::unit_missing), std::vector<bool>{false});
}

TEST(Audit, EveryIndicatorHasAValue) {
  std::string rows = kRows;
  rows.replace(rows.find("≥90%"), 6, "**");
  const auto p = audited(kHeader, rows);
  EXPECT_EQ(results(p, Code::empty_value), std::vector<bool>{false});
  EXPECT_EQ(message(p, Code::empty_value), "`群众满意度` has no value: `**` is a placeholder");
}

TEST(Audit, DatesLieInTheBudgetYearOrTheProjectPeriod) {
  std::string rows = kRows;
  rows.replace(rows.find("2021年12月底"), std::string("2021年12月底").size(), "2020年12月底");
  auto p = audited(kHeader, rows);
  EXPECT_EQ(results(p, Code::date_outside_year), std::vector<bool>{false});
  EXPECT_EQ(message(p, Code::date_outside_year),
            "`完成时间`: `2020年12月底` lies outside 2021–2023 (budget year 2021)");
  rows = kRows;
  rows.replace(rows.find("2021年12月底"), std::string("2021年12月底").size(),
               "2023年6月底");  // inside the project period
  EXPECT_EQ(results(audited(kHeader, rows), Code::date_outside_year), std::vector<bool>{true});
}

TEST(Audit, TheHeaderNamesTheDepartmentsAndTheAmount) {
  const auto p = audited("年度绩效目标\t完成任务。\n", kRows);
  EXPECT_EQ(results(p, Code::header_missing), std::vector<bool>{false});
  EXPECT_EQ(message(p, Code::header_missing),
            "the header lacks 主管部门, 实施单位, the annual amount");
}

TEST(Audit, AOneYearProjectHasAOneYearTerm) {
  std::string header = kHeader;
  header.replace(header.find("经常性项目"), std::string("经常性项目").size(), "一年期项目");
  auto p = audited(header, kRows);
  EXPECT_EQ(results(p, Code::term_mismatch), std::vector<bool>{false});
  EXPECT_EQ(message(p, Code::term_mismatch),
            "项目属性 `一年期项目`, 项目期限 `2021年-2023年`: a term of 3 years");
  header.replace(header.find("2021年-2023年"), std::string("2021年-2023年").size(), "1 年");
  EXPECT_EQ(results(audited(header, kRows), Code::term_mismatch), std::vector<bool>{true});
}

TEST(Audit, TheGoalStatesTheBudgetYear) {
  std::string header = kHeader;
  header.replace(header.find("2021年，完成"), 15, "2020年，完成");
  auto p = audited(header, kRows);
  EXPECT_EQ(results(p, Code::goal_year_differs), std::vector<bool>{false});
  EXPECT_EQ(message(p, Code::goal_year_differs),
            "the goal text states 2020, the table is for 2021");
  // Years it only cites do not count.
  header = kHeader;
  header.replace(header.find("2021年，完成各项任务。"), 33,
                 "依据 2014 年的通知和《纲要(2006-2010-2020 年)》，完成各项任务。\n");
  p = audited(header, kRows);
  EXPECT_TRUE(results(p, Code::goal_year_differs).empty());
  // Years read one after another: each inside or outside the brackets
  // before it (a closed 《》, a pair of quotation marks, then none).
  header = kHeader;
  header.replace(header.find("2021年，完成各项任务。"), 33,
                 "《纲要(2006 年)》“2019 年”《规划》2020 年完成各项任务。\n");
  p = audited(header, kRows);
  EXPECT_EQ(message(p, Code::goal_year_differs),
            "the goal text states 2020, the table is for 2021");
}

TEST(Audit, FailedChecksAreDiagnosticsOfTheConversion) {
  std::string rows = kRows;
  rows.replace(rows.find("4 万元"), 6, "3 万元");
  const auto doc = test::convert_text("项目名称\t测试项目\n" + std::string(kHeader) +
                                      "一级指标\t二级指标\t三级指标\t指标值\n" + rows);
  bool found = false;
  for (const auto& d : doc.diagnostics) found = found || (d.code == Code::cost_sum && d.line == 11);
  EXPECT_TRUE(found);
}

class AuditReport : public testing::TestWithParam<std::string> {};

TEST_P(AuditReport, MatchesTheExpectedReport) {
  const std::string input = GetParam();
  const std::string name = input.substr(9, input.size() - 13);
  const auto r = test::run("jixiao audit " + input);
  EXPECT_EQ(r.out, test::read_file(test::source_dir() + "/testdata/audit/" + name + ".audit.txt"))
      << "run tests/regen-golden.sh and review the diff";
}

INSTANTIATE_TEST_SUITE_P(Testdata, AuditReport, testing::ValuesIn(test::testdata_inputs()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test::test_name(info.param.substr(9, info.param.size() - 13));
                         });

TEST(AuditCli, ExitsOneWhenACheckFailsAndWritesJson) {
  auto r = test::run("jixiao audit testdata/messy-extraction.txt");
  EXPECT_EQ(r.status, 0) << r.out;
  r = test::run("jixiao audit --format json testdata/ningxia-2021-kexie.txt");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("\"summary\": {\n    \"projects\": 12,\n    \"failing\": 4,"),
            std::string::npos)
      << r.out.substr(r.out.size() - 400);
}

// An audit never passes on nothing: an input it could not read or with no
// table is an error of the report, listed there and in JSON, exit 1.
TEST(AuditCli, AnUnreadableOrTableLessInputIsAnError) {
  auto r = test::run("jixiao audit testdata/no-table.txt");
  EXPECT_EQ(r.status, 1);
  r = test::run("jixiao audit missing.txt testdata/messy-extraction.txt");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.starts_with("missing.txt\n  error: cannot open: No such file or directory\n"))
      << r.out;
  EXPECT_TRUE(r.out.ends_with(
      "audit: 1 project, 0 with failed checks, 1 file unreadable or without a table\n"))
      << r.out;
  EXPECT_EQ(r.err, "");
  r = test::run("jixiao audit --format json missing.txt testdata/no-table.txt");
  EXPECT_EQ(r.status, 1);
  const auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["files"][0]["error"], "cannot open: No such file or directory");
  EXPECT_TRUE(report["files"][1]["error"].get<std::string>().starts_with("no project table found"));
  EXPECT_EQ(report["summary"]["files"], 2);
  EXPECT_EQ(report["summary"]["files_in_error"], 2);
  r = test::run("jixiao audit --format json testdata/messy-extraction.txt");
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(nlohmann::json::parse(r.out)["files"][0]["error"].is_null());
}

TEST(AuditCli, NoInputFilesIsAUsageError) {
  const std::string empty = test::scratch_path("audit-empty");
  std::filesystem::create_directories(empty);
  const auto r = test::run("jixiao audit " + empty);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "jixiao: no input files (folders are searched for *.txt *.csv)\n");
  std::filesystem::remove_all(empty);
}

// --failed-only: the files in error and the failed checks of failing
// projects; the summary still counts every project.
TEST(AuditCli, FailedOnlyListsOnlyWhatFailed) {
  const std::string inputs =
      " testdata/messy-extraction.txt testdata/ningxia-2021-kexie.txt testdata/no-table.txt";
  const auto all = test::run("jixiao audit" + inputs);
  auto r = test::run("jixiao audit --failed-only" + inputs);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out.find("messy-extraction"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("    ok    "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("testdata/no-table.txt\n  error: no project table found"),
            std::string::npos);
  EXPECT_NE(
      r.out.find("  [6] 宁夏科技馆公益免费开放资金项目(中央财政) (lines 214–251)\n    FAIL  "),
      std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("  [0] "), std::string::npos) << "a project whose checks all hold";
  const std::string summary = "audit: 13 projects, 4 with failed checks, 1 file";
  EXPECT_NE(all.out.find(summary), std::string::npos) << all.out;
  EXPECT_EQ(r.out.substr(r.out.find(summary)), all.out.substr(all.out.find(summary)));
  r = test::run("jixiao audit --failed-only --format json" + inputs);
  const auto report = nlohmann::json::parse(r.out);
  ASSERT_EQ(report["files"].size(), 2u);
  EXPECT_EQ(report["files"][0]["path"], "testdata/ningxia-2021-kexie.txt");
  EXPECT_EQ(report["files"][0]["projects"].size(), 4u);
  EXPECT_EQ(report["files"][1]["path"], "testdata/no-table.txt");
  for (const auto& project : report["files"][0]["projects"]) {
    for (const auto& check : project["checks"]) EXPECT_FALSE(check["passed"].get<bool>());
  }
  EXPECT_EQ(report["summary"]["projects"], 13);
}

}  // namespace
}  // namespace jixiao
