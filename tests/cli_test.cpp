// The command line as a user meets it: the built binary, its messages and
// its exit status.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace jixiao {
namespace {

using nlohmann::json;
using test::run;

TEST(Cli, PrintsItsVersion) {
  const auto r = run("jixiao --version");
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.out.starts_with("jixiao 0.")) << r.out;
}

TEST(Cli, ConvertsASampleToTheContract) {
  const auto r = run("jixiao convert testdata/pingluo-2026-kexie.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["schema"], "jixiao/v1");
  EXPECT_EQ(doc["source"]["path"], "testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(doc["projects"].size(), 3u);
  EXPECT_EQ(r.err, "");  // nothing worth a warning in this sample
}

TEST(Cli, ReadsStandardInput) {
  const auto r = run("jixiao convert --format jsonl -", "项目名称\t科普经费\n");
  ASSERT_EQ(r.status, 0) << r.err;
  const json project = json::parse(r.out);
  EXPECT_EQ(project["name"], "科普经费");
  EXPECT_EQ(project["source"]["path"], "(stdin)");
}

TEST(Cli, JsonLinesWritesOneProjectPerLine) {
  const auto r = run("jixiao convert --format jsonl testdata/ningxia-2021-kexie.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  int lines = 0;
  for (std::size_t at = 0; (at = r.out.find('\n', at)) != std::string::npos; ++at) ++lines;
  EXPECT_EQ(lines, 12);
}

TEST(Cli, WritesOneFilePerInputIntoAFolder) {
  const std::string dir = std::filesystem::temp_directory_path() / "jixiao-cli-out/";
  std::filesystem::remove_all(dir);
  const auto r = run(
      "jixiao convert testdata/pingluo-2026-kexie.txt testdata/ningxia-2021-kexie.txt -o " + dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir + "pingluo-2026-kexie.json"));
  EXPECT_EQ(json::parse(test::read_file(dir + "ningxia-2021-kexie.json"))["projects"].size(), 12u);
  std::filesystem::remove_all(dir);
}

TEST(Cli, AMissingFileIsNamedAndExits3) {
  const auto r = run("jixiao convert no-such-file.txt");
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.err, "jixiao: no-such-file.txt: cannot open: No such file or directory\n");
}

TEST(Cli, AFolderGivenAsAFileIsNamedAndExits3) {
  const auto r = run("jixiao convert testdata");
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.err, "jixiao: testdata: is a folder, not a file\n");
}

TEST(Cli, InputWithoutATableExits1WithAMessage) {
  const auto r = run("jixiao convert -", "这是一封信。\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("(stdin): error: no project table found"), std::string::npos) << r.err;
  EXPECT_EQ(json::parse(r.out)["projects"].size(), 0u);
}

TEST(Cli, WarningsNameFileLineAndColumn) {
  const auto r = run("jixiao convert testdata/ningxia-2021-kexie.txt");
  EXPECT_NE(
      r.err.find("testdata/ningxia-2021-kexie.txt:154:13: warning: `万万` repeats the magnitude"),
      std::string::npos)
      << r.err;
  EXPECT_EQ(run("jixiao convert --quiet testdata/ningxia-2021-kexie.txt").err, "");
}

TEST(Cli, ReadsAGb18030File) {
  const auto r =
      run("jixiao convert --format jsonl testdata/encodings/pingluo-2026-kexie.gb18030.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out.substr(0, r.out.find('\n')))["name"], "科普经费");
  EXPECT_EQ(
      run("jixiao convert --encoding GB18030 testdata/encodings/pingluo-2026-kexie.gb18030.txt")
          .status,
      0);
}

TEST(Cli, AnUnknownEncodingIsAUsageError) {
  const auto r = run("jixiao convert --encoding KLINGON testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "jixiao: --encoding: unknown encoding `KLINGON`\n");
}

TEST(Cli, UsageErrorsExit2) {
  EXPECT_EQ(run("jixiao").status, 2);
  EXPECT_EQ(run("jixiao convert").status, 2);
  EXPECT_EQ(run("jixiao convert --format xml testdata/pingluo-2026-kexie.txt").status, 2);
}

TEST(Cli, ABadGrammarIsNamedAndExits2) {
  const std::string path = std::filesystem::temp_directory_path() / "jixiao-bad-grammar.jsonc";
  std::ofstream(path) << "{ \"name\": \"x\",\n  \"document\": {\"title\": \"(\"} }\n";
  const auto r = run("jixiao convert --grammar " + path + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("jixiao: grammar error: " + path + ":2: rule `document.title`: bad pattern"),
            std::string::npos)
      << r.err;
}

TEST(Cli, AClosedPipeEndsQuietly) {
  const auto r =
      run("jixiao convert --pretty testdata/ningxia-2021-kexie.txt testdata/ningxia-2021-kexie.txt "
          "| head -1");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "{\n");
  EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace jixiao

namespace jixiao {
namespace {

TEST(CliValue, PrintsOneValuePerArgument) {
  const auto r = test::run("jixiao value '≥2 个' '1项（40场）' 持续提升");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"raw\":\"≥2 个\",\"kind\":\"quantity\",\"op\":\">=\",\"number\":2,\"unit\":\"个\"}\n"
            "{\"raw\":\"1项(40场)\",\"kind\":\"quantity\",\"op\":null,\"number\":1,\"unit\":\"项\","
            "\"detail\":{\"raw\":\"40场\",\"kind\":\"quantity\",\"op\":null,\"number\":40,\"unit\":"
            "\"场\"}}\n"
            "{\"raw\":\"持续提升\",\"kind\":\"text\"}\n");
}

TEST(CliValue, ReadsOneCellPerLineFromStandardInput) {
  const auto r = test::run("jixiao value -", "5 万\n\n２０２１年１２月底\n");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"raw\":\"5 万\",\"kind\":\"quantity\",\"op\":null,\"number\":5,\"unit\":\"万\","
            "\"base\":{\"number\":50000,\"unit\":null}}\n"
            "{\"raw\":\"\",\"kind\":\"empty\"}\n"
            "{\"raw\":\"2021年12月底\",\"kind\":\"date\",\"op\":\"<=\",\"date\":\"2021-12\"}\n");
}

TEST(CliValue, TheSecondLevelGivesContext) {
  const auto r = test::run("jixiao value --level2 成本指标 '5 万'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(
      r.out.find(
          "\"unit\":\"万\",\"unit_inferred\":\"万元\",\"base\":{\"number\":50000,\"unit\":\"元\"}"),
      std::string::npos)
      << r.out;
}

TEST(CliValue, SuspiciousValuesAreReportedOnStandardError) {
  const auto r =
      test::run("jixiao value --year 2021 '120%' '2019年12月底' '≥**平方米' '66.84 万万'");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.err.find("(argument 1): warning: `120%` is above 100% [rate-over-limit]"),
            std::string::npos)
      << r.err;
  EXPECT_NE(
      r.err.find(
          "(argument 2): warning: `2019年12月底` is far from the budget year 2021 [date-far]"),
      std::string::npos);
  EXPECT_NE(r.err.find("(argument 3): warning: `≥**平方米` is a template placeholder, not a value "
                       "[placeholder]"),
            std::string::npos);
  EXPECT_NE(r.err.find("[doubled-magnitude]"), std::string::npos);
}

TEST(CliValue, AnUnknownSecondLevelIsAUsageError) {
  const auto r = test::run("jixiao value --level2 投入指标 '5 万'");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("`投入指标` is not a second-level indicator"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace jixiao
