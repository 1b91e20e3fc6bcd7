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
