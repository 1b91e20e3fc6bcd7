// The command line as a user meets it: the built binary, its messages and
// its exit status.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "convert/convert.h"
#include "emit/emit.h"
#include "grammar/grammar.h"
#include "output.h"
#include "progress.h"
#include "test_support.h"
#include "usage.h"

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
  // The audit's two findings, then the summary.
  EXPECT_EQ(r.err,
            "testdata/pingluo-2026-kexie.txt:46: warning: 项目属性 `一年期项目`, 项目期限 `99 年`: "
            "a term of 99 "
            "years [term-mismatch]\n"
            "testdata/pingluo-2026-kexie.txt:81: warning: 项目属性 `一年期项目`, 项目期限 `99 年`: "
            "a term of 99 "
            "years [term-mismatch]\n"
            "jixiao: 1 file, 3 projects, 64 indicators, 2 warnings, 0 errors\n"
            "jixiao: by code: term-mismatch 2\n");
}

TEST(Cli, ReadsStandardInput) {
  const auto r = run("jixiao convert --format jsonl -",
                     "项目名称\t科普经费\n产出指标\t数量指标\t培训\t≥1 次\n");
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
  const std::string dir = test::scratch_path("cli-out") + "/";
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
  EXPECT_TRUE(
      r.err.starts_with("jixiao: no-such-file.txt: cannot open: No such file or directory\n"))
      << r.err;
}

TEST(Cli, AFolderWithoutMatchingFilesIsAUsageError) {
  const auto r = run("jixiao convert --glob '*.docx' testdata");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "jixiao: no input files (folders are searched for *.docx)\n");
}

TEST(Cli, IglobTakesNamesInEitherCase) {
  const std::string dir = test::scratch_path("iglob");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file("testdata/pingluo-2026-kexie.txt", dir + "/A.TXT");
  std::filesystem::copy_file("testdata/pingluo-2026-kexie.txt", dir + "/b.txt");
  auto r = run("jixiao convert --format jsonl -q " + dir);  // *.txt: b.txt only
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("A.TXT"), std::string::npos);
  r = run("jixiao convert --format jsonl -q --iglob '*.txt' " + dir);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("A.TXT"), std::string::npos);
  EXPECT_NE(r.out.find("b.txt"), std::string::npos);
  r = run("jixiao convert --iglob '*.docx' " + dir);
  EXPECT_EQ(r.err, "jixiao: no input files (folders are searched for *.docx (any case))\n");
  std::filesystem::remove_all(dir);
}

TEST(Cli, SeveralInputsToANewNameWithoutExtensionAskWhichIsMeant) {
  const std::string out = test::scratch_path("several-out");
  std::filesystem::remove_all(out);
  const std::string inputs = " testdata/pingluo-2026-kexie.txt testdata/ningxia-2021-kexie.txt";
  auto r = run("jixiao convert -q" + inputs + " -o " + out);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "jixiao: " + out + ": 2 inputs to a name that does not exist yet: give " + out +
                       "/ for a file per input, or " + out + ".json for one file of them all\n");
  EXPECT_FALSE(std::filesystem::exists(out));
  // One input, an extension or a file that exists says what is meant.
  EXPECT_EQ(run("jixiao convert -q testdata/pingluo-2026-kexie.txt -o " + out).status, 0);
  EXPECT_EQ(run("jixiao convert -q" + inputs + " -o " + out).status, 0);
  EXPECT_EQ(json::parse(test::read_file(out)).size(), 2u);  // a JSON array of the two
  std::filesystem::remove(out);
  EXPECT_EQ(run("jixiao convert -q" + inputs + " -o " + out + ".jsonl").status, 0);
  std::filesystem::remove(out + ".jsonl");
}

// Lines of `text` that contain `part`.
int lines_with(const std::string& text, const std::string& part) {
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) n += line.find(part) != std::string::npos;
  return n;
}

const char* const kWarningInputs =
    " testdata/ningxia-2021-kexie.txt testdata/pingluo-2026-kexie.txt "
    "testdata/national-2021-template.txt testdata/no-table.txt -o /dev/null";

TEST(Cli, TheSummaryCountsByCodeAndByFile) {
  const auto r = run(std::string("jixiao convert") + kWarningInputs);
  EXPECT_EQ(r.status, 1);  // no-table.txt
  EXPECT_NE(r.err.find("jixiao: 4 files, 16 projects, 253 indicators, 13 warnings, 1 error\n"
                       "jixiao: by code: date-outside-year 4, funds-sum 2, term-mismatch 2, "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("\njixiao: by file: testdata/ningxia-2021-kexie.txt 10, "
                       "testdata/pingluo-2026-kexie.txt 2, testdata/national-2021-template.txt 1, "
                       "testdata/no-table.txt 1\n"),
            std::string::npos)
      << r.err;
}

TEST(Cli, MaxWarningsAndErrorsOnlyLimitWhatIsPrinted) {
  auto r = run(std::string("jixiao convert --max-warnings 3") + kWarningInputs);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(lines_with(r.err, ": warning: "), 3) << r.err;
  EXPECT_EQ(lines_with(r.err, ": error: "), 1) << r.err;  // errors are always printed
  EXPECT_NE(r.err.find("jixiao: 10 warnings not shown (--max-warnings 3)\n"), std::string::npos);
  EXPECT_NE(r.err.find(", 13 warnings, 1 error\n"), std::string::npos);  // all counted
  r = run(std::string("jixiao convert --errors-only") + kWarningInputs);
  EXPECT_EQ(lines_with(r.err, ": warning: "), 0) << r.err;
  EXPECT_EQ(lines_with(r.err, ": error: "), 1) << r.err;
  EXPECT_NE(r.err.find("jixiao: 13 warnings not shown (--errors-only)\n"), std::string::npos);
  // The same warnings in input order, with one thread or two.
  EXPECT_EQ(run(std::string("jixiao convert -j 1 --max-warnings 5") + kWarningInputs).err,
            run(std::string("jixiao convert -j 2 --max-warnings 5") + kWarningInputs).err);
}

TEST(Cli, AWarningQuotesAtMost80CharactersOfACell) {
  const std::string cell = std::string("5 ") + std::string(200000, 'x');
  const auto r = run("jixiao convert --format jsonl -",
                     "项目名称\t科普经费\n产出指标\t数量指标\t培训\t" + cell + "\n");
  ASSERT_NE(r.err.find("warning"), std::string::npos) << r.err.substr(0, 300);
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) EXPECT_LT(line.size(), 600u) << line;
  EXPECT_NE(r.err.find("`5 " + std::string(78, 'x') + "…`"), std::string::npos)
      << r.err.substr(0, 300);
  EXPECT_NE(r.out.find(std::string(200000, 'x')), std::string::npos);  // the value is whole
}

TEST(Cli, ProgressIsForcedWithAFlagAndFitsTheWidth) {
  auto r = run(std::string("jixiao convert --progress") + kWarningInputs);
  // Off a terminal: plain lines, no escapes; the last always comes.
  EXPECT_NE(r.err.find("[4/4] "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("\033"), std::string::npos);
  EXPECT_EQ(r.err.find('\r'), std::string::npos);
  r = run(std::string("jixiao convert") + kWarningInputs);
  EXPECT_EQ(r.err.find("[4/4] "), std::string::npos);  // not asked for, not a terminal
  EXPECT_EQ(cli::display_width("宁夏ab"), 6u);
  EXPECT_EQ(cli::keep_end("2021/宁夏/科协.txt", 12), "…夏/科协.txt");  // 12 columns
  EXPECT_EQ(cli::keep_end("2021/宁夏/科协.txt", 11), "…/科协.txt");    // 夏 would make 13
  EXPECT_EQ(cli::display_width(cli::keep_end("2021/宁夏/科协.txt", 11)), 10u);
  EXPECT_EQ(cli::keep_end("a.txt", 12), "a.txt");
}

TEST(Cli, TheManifestSaysWhatBecameOfEachInput) {
  const std::string manifest = test::scratch_path("manifest.jsonl");
  const auto r =
      run("jixiao convert -q -j 2 testdata/pingluo-2026-kexie.txt testdata/no-table.txt "
          "no-such.txt --manifest " +
          manifest + " -o /dev/null");
  EXPECT_EQ(r.status, 3);
  std::istringstream lines(test::read_file(manifest));
  std::vector<json> records;
  for (std::string line; std::getline(lines, line);) records.push_back(json::parse(line));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0]["path"], "testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(records[0]["status"], 0);
  EXPECT_EQ(records[0]["projects"], 3);
  EXPECT_EQ(records[0]["indicators"], 64);
  EXPECT_EQ(records[0]["warnings"], 2);
  EXPECT_GE(records[0]["diagnostics"], 2);  // (infos too)
  EXPECT_EQ(
      records[0]["sha256"],
      json::parse(run("jixiao convert testdata/pingluo-2026-kexie.txt").out)["source"]["sha256"]);
  EXPECT_EQ(records[1]["status"], 1);  // no table: an error
  EXPECT_EQ(records[1]["errors"], 1);
  EXPECT_EQ(records[2]["status"], 3);
  EXPECT_EQ(records[2]["error"], "cannot open: No such file or directory");
  std::filesystem::remove(manifest);
  // Never over an input.
  EXPECT_EQ(run("jixiao convert -q testdata/pingluo-2026-kexie.txt --manifest "
                "testdata/pingluo-2026-kexie.txt -o /dev/null")
                .status,
            3);
}

// -o /dev/stdout (a link to /proc/self/fd/1) is written in place: renamed
// over, it became a regular file for every program on the machine. Tried
// through a link of our own to it, so that a failure breaks nothing.
TEST(Cli, AnOutputInDevIsWrittenInPlaceNeverReplaced) {
  const std::string link = test::scratch_path("to-stdout");
  const std::string captured = test::scratch_path("captured");
  for (const char* format : {"jsonl", "xlsx"}) {
    std::filesystem::remove(link);
    std::filesystem::create_symlink("/dev/stdout", link);
    const auto r = run(std::string("jixiao convert -q --format ") + format +
                       " testdata/pingluo-2026-kexie.txt -o " + link + " --manifest " + link +
                       " > " + captured);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(std::filesystem::is_symlink(link)) << format;
    EXPECT_GT(std::filesystem::file_size(captured), 1000u) << format;
  }
  std::filesystem::remove(link);
  std::filesystem::remove(captured);
  EXPECT_TRUE(cli::names_a_stream("/dev/stdout"));
  EXPECT_TRUE(cli::names_a_stream("/proc/self/fd/1"));
  EXPECT_FALSE(cli::names_a_stream("out.json"));
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

TEST(Cli, ConvertsAPdf) {
  const auto r = run("jixiao convert --format jsonl testdata/fixtures/hunhe-2023.pdf");
  ASSERT_EQ(r.status, 0) << r.err;
  const json first = json::parse(r.out.substr(0, r.out.find('\n')));
  EXPECT_EQ(first["name"], "科技特派员服务专项");
  EXPECT_EQ(first["indicators"].size(), 18u);
}

TEST(Cli, PdftextPrintsTheLinesThatDiagnosticsCount) {
  const auto text = run("jixiao pdftext testdata/fixtures/kepu-2026.pdf");
  ASSERT_EQ(text.status, 0) << text.err;
  const auto converted = run("jixiao convert testdata/fixtures/kepu-2026.pdf");
  // The empty-value warning names line 28; line 28 of pdftext is that row.
  ASSERT_NE(converted.err.find("kepu-2026.pdf:28: warning: `科普信息化推广及应用` has no value"),
            std::string::npos)
      << converted.err;
  std::istringstream lines(text.out);
  std::string line;
  for (int i = 0; i < 28; ++i) std::getline(lines, line);
  EXPECT_EQ(line, "\t\t科普信息化推广及应用\t");
}

// PDF support is a module loaded on the first PDF (start-up stays short for
// text); without it a PDF gets a message saying so, and text still converts.
TEST(Cli, APdfWithoutThePdfModuleSaysWhatIsMissing) {
  const auto r =
      run("JIXIAO_PDF_MODULE=/nonexistent/jixiao-pdf.so jixiao convert "
          "testdata/fixtures/kepu-2026.pdf testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("testdata/fixtures/kepu-2026.pdf: error: PDF support is not installed"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("2 files, 3 projects"), std::string::npos) << r.err;
  const auto other =
      run("JIXIAO_PDF_MODULE=/usr/lib/x86_64-linux-gnu/libc.so.6 jixiao convert "
          "testdata/fixtures/kepu-2026.pdf");
  EXPECT_NE(other.err.find("libc.so.6 is not jixiao's PDF module [pdf-unreadable]"),
            std::string::npos)
      << other.err;
}

TEST(Cli, UnreadablePdfsGetAClearMessage) {
  const std::pair<const char*, const char*> cases[] = {
      {"encrypted", "an encrypted PDF: it needs a password to open"},
      {"damaged", "a damaged PDF: it cannot be read"},
      {"no-text", "a PDF with no text layer (a scan?): run OCR on it first"},
  };
  for (const auto& [name, message] : cases) {
    const std::string path = std::string("testdata/pdf/") + name + ".pdf";
    const auto r = run("jixiao convert " + path);
    EXPECT_EQ(r.status, 1) << name;
    EXPECT_NE(r.err.find(path + ": error: " + message), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[pdf-unreadable]"), std::string::npos) << r.err;
    const auto text = run("jixiao pdftext " + path);
    EXPECT_EQ(text.status, 3) << name;
    EXPECT_NE(text.err.find(path + ": " + message), std::string::npos) << text.err;
  }
}

// A page over PDF's own size limit is skipped with pdf-too-large, in convert
// (an error: exit 1, the batch goes on) and in pdftext (exit 1).
TEST(Cli, APdfPastABoundSaysWhichAndTheBatchGoesOn) {
  const std::string path = "testdata/pdf/huge-page.pdf";
  const auto r = run("jixiao convert --format jsonl " + path + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(path + ": error: page 1 is 20000 x 20000 pt, larger than jixiao's limit"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("[pdf-too-large]"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("科普经费"), std::string::npos);  // the next input was read
  const auto text = run("jixiao pdftext " + path);
  EXPECT_EQ(text.status, 1);
  EXPECT_NE(text.err.find("[pdf-too-large]"), std::string::npos) << text.err;
}

TEST(Cli, AnUnknownEncodingIsAUsageError) {
  const auto r = run("jixiao convert --encoding KLINGON testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "jixiao: --encoding: unknown encoding `KLINGON`\n");
}

TEST(Cli, UsageErrorsExit2) {
  EXPECT_EQ(run("jixiao").status, 2);
  // (No FILE reads standard input when it is not a terminal: here an empty
  // pipe, which has no text.)
  EXPECT_EQ(run("jixiao convert").status, 1);
  EXPECT_EQ(run("jixiao convert --format xml testdata/pingluo-2026-kexie.txt").status, 2);
}

TEST(Cli, UsageErrorsSayJixiaoAndWhereToLook) {
  auto r = run("jixiao convert --bogus testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "jixiao: convert: The following argument was not expected: --bogus\n"
            "Run `jixiao convert --help` for the usage.\n");
  r = run("jixiao");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.err.starts_with("jixiao: give a command: convert, value, check")) << r.err;
}

TEST(Cli, AMisspeltCommandGetsTheNearest) {
  auto r = run("jixiao covert testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.err.starts_with("jixiao: `covert` is not a command: did you mean `convert`?\n"))
      << r.err;
  r = run("jixiao frobnicate");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.err.starts_with("jixiao: `frobnicate` is not a command\nThe commands are "))
      << r.err;
  EXPECT_EQ(cli::nearest_name("audt", {"convert", "audit"}), "audit");
  EXPECT_EQ(cli::nearest_name("conv", {"convert", "audit"}), "convert");  // a beginning
  EXPECT_EQ(cli::nearest_name("xyz", {"convert", "audit"}), "");
  EXPECT_EQ(cli::edit_distance("kitten", "sitting"), 3u);
}

TEST(Cli, HelpPrintsTheUsageOfJixiaoOrOfACommand) {
  auto r = run("jixiao help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("Usage: jixiao [OPTIONS] SUBCOMMAND"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  convert "), std::string::npos) << r.out;
  r = run("jixiao help convert");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("Usage: jixiao convert [OPTIONS]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--format"), std::string::npos);
  r = run("jixiao help cnovert");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(
      r.err.starts_with("jixiao: help: `cnovert` is not a command: did you mean "
                        "`convert`?"))
      << r.err;
  EXPECT_EQ(run("jixiao -V").out, run("jixiao --version").out);
}

TEST(Cli, JobsTakesZeroTo1024WithAPlainMessage) {
  for (const char* bad : {"5000", "abc", "-1", "2x"}) {
    const auto r =
        run(std::string("jixiao convert -j ") + bad + " testdata/pingluo-2026-kexie.txt");
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_TRUE(r.err.starts_with(std::string("jixiao: convert: --jobs: takes a number from 0 (one "
                                              "per core) to 1024, not `") +
                                  bad + "`"))
        << r.err;
  }
  EXPECT_EQ(run("jixiao convert -q -j 1024 testdata/pingluo-2026-kexie.txt").status, 0);
  EXPECT_EQ(run("jixiao convert -q -j 0 testdata/pingluo-2026-kexie.txt").status, 0);
}

TEST(Cli, ABadGrammarIsNamedAndExits2) {
  const std::string path = test::scratch_path("bad-grammar.jsonc");
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
  EXPECT_EQ(r.out, "[{\n");  // (two inputs' documents: a JSON array)
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

namespace jixiao {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// (Named after the process too: two test runs at once, from two checkouts,
// must not share a folder.)
std::string temp_dir(const std::string& name) {
  const fs::path dir = test::scratch_path(name);
  fs::remove_all(dir);
  return dir.string() + "/";
}

// What users expect of a command-line tool: `-o -` is standard output, the
// output's extension picks the format (and a mismatch with --format is
// refused), and no FILE reads piped text.
TEST(CliBatch, OutputConventions) {
  const std::string dir = test::scratch_path("conventions");
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto r = test::run("jixiao convert -q testdata/pingluo-2026-kexie.txt -o -");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("{\"schema\":\"jixiao/v1\"")) << r.out.substr(0, 40);
  EXPECT_FALSE(fs::exists("-"));
  for (const char* extension : {"csv", "jsonl", "xlsx"}) {
    const std::string out = dir + "/out." + extension;
    r = test::run(std::string("jixiao convert -q testdata/pingluo-2026-kexie.txt -o ") + out);
    EXPECT_EQ(r.status, 0) << r.err;
    const std::string bytes = test::read_file(out);
    EXPECT_TRUE(std::string(extension) == "csv"     ? bytes.starts_with("source,project_index")
                : std::string(extension) == "jsonl" ? bytes.starts_with("{\"index\":0")
                                                    : bytes.starts_with("PK"))
        << extension;
  }
  r = test::run("jixiao convert -q --format json testdata/pingluo-2026-kexie.txt -o " + dir +
                "/x.csv");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("the name says csv but --format says json"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/x.csv"));
  r = test::run("cat testdata/pingluo-2026-kexie.txt | jixiao convert -q --format jsonl");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"name\":\"科普经费\""), std::string::npos);
}

TEST(CliBatch, FoldersAreSearchedAndMirrored) {
  const std::string out = temp_dir("jixiao-mirror");
  const auto r = test::run("jixiao convert --glob '*kexie.pipe.txt' -o " + out + " testdata/");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(out + "layouts/pingluo-2026-kexie.pipe.json"));
  EXPECT_TRUE(fs::exists(out + "layouts/ningxia-2021-kexie.pipe.json"));
  EXPECT_FALSE(fs::exists(out + "pingluo-2026-kexie.json"));
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << entry.path();
  }
  EXPECT_NE(r.err.find("jixiao: 2 files, 15 projects, 244 indicators, "), std::string::npos)
      << r.err;
}

TEST(CliBatch, LinksInsideFoldersAreNotFollowedUnlessAsked) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(test::scratch_path("cli-links"));
  fs::remove_all(root);
  fs::create_directories(root / "in");
  fs::create_directories(root / "outside");
  fs::copy_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt", root / "in/mine.txt");
  fs::copy_file(test::source_dir() + "/testdata/ningxia-2021-kexie.txt",
                root / "outside/private.txt");
  // As `ln -s /etc/passwd in/passwd.txt`: a link out of the folder.
  fs::create_symlink(root / "outside/private.txt", root / "in/private.txt");
  const std::string in = (root / "in").string();
  auto r = run("jixiao convert -q --format jsonl " + in);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("mine.txt"), std::string::npos);
  EXPECT_EQ(r.out.find("private.txt"), std::string::npos) << "a link was followed";
  // Said with -v only.
  r = run("jixiao convert --format jsonl " + in);
  EXPECT_EQ(r.err.find("private.txt"), std::string::npos) << r.err;
  r = run("jixiao convert -v --format jsonl " + in);
  EXPECT_NE(r.err.find("jixiao: " + in + "/private.txt: a link: not followed (--follow reads it)"),
            std::string::npos)
      << r.err;
  // -L, --follow reads it; a link named on the command line is always read.
  for (const std::string& command : {"jixiao convert -q -L --format jsonl " + in,
                                     "jixiao convert -q --follow --format jsonl " + in,
                                     "jixiao convert -q --format jsonl " + in + "/private.txt"}) {
    r = run(command);
    EXPECT_EQ(r.status, 0) << command << "\n" << r.err;
    EXPECT_NE(r.out.find(in + "/private.txt"), std::string::npos) << command;
  }
  fs::remove_all(root);
}

TEST(CliBatch, ParallelOutputIsIdenticalToSerial) {
  const std::string inputs =
      "testdata/ningxia-2021-kexie.txt testdata/pingluo-2026-kexie.txt "
      "testdata/messy-extraction.txt testdata/national-2021-template.txt";
  for (const char* format : {"json", "jsonl", "csv"}) {
    const auto serial =
        test::run(std::string("jixiao convert -q -j 1 --format ") + format + " " + inputs);
    const auto parallel =
        test::run(std::string("jixiao convert -q -j 3 --format ") + format + " " + inputs);
    EXPECT_EQ(serial.status, 0);
    EXPECT_FALSE(serial.out.empty());
    EXPECT_EQ(parallel.out, serial.out) << format;
  }
}

TEST(CliBatch, CsvHasTheContractColumnsAndNumbersAsNumbers) {
  const auto r = test::run("jixiao convert -q --format csv testdata/ningxia-2021-kexie.txt");
  ASSERT_EQ(r.status, 0);
  EXPECT_TRUE(r.out.starts_with(
      "source,project_index,year,project,department,implementer,amount,amount_unit,level1,level2,"
      "name,"
      "raw,kind,op,number,min,max,unit,base_number,base_unit,date,from,to,line,"
      // Additions after the contract's columns.
      "table_type,actual_raw,actual_number,actual_unit,weight,score,deviation,direction,"
      "explanation,scoring,remark,value_type,previous_actual_raw,standard,term,amount_yuan\r\n"));
  EXPECT_NE(
      r.out.find("testdata/ningxia-2021-kexie.txt,0,2021,基层科普行动计划,自治区科学技术协会,"
                 "宁夏科学技术协会本级,569.4,万元,产出指标,数量指标,开展宁夏科协大讲堂,1项(40场),"
                 "quantity,,1,,,项,,,,,,24,target,,,,,,,,,,,,,,annual,5694000\r\n"),
      std::string::npos);
  // A name with a comma is quoted (RFC 4180).
  EXPECT_NE(r.out.find(",\"科技助力乡村振兴,开展生产生活类宣传培训\","), std::string::npos);
  const auto bom =
      test::run("jixiao convert -q --format csv --bom testdata/pingluo-2026-kexie.txt");
  EXPECT_TRUE(bom.out.starts_with("\xEF\xBB\xBFsource,"));
}

TEST(CliBatch, XlsxHasAProjectAndAnIndicatorSheet) {
  const std::string out = temp_dir("jixiao-xlsx") + "out.xlsx";
  fs::create_directories(fs::path(out).parent_path());
  const auto r =
      test::run("jixiao convert -q --format xlsx -o " + out + " testdata/pingluo-2026-kexie.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string bytes = test::read_file(out);
  EXPECT_TRUE(bytes.starts_with("PK"));
  EXPECT_NE(bytes.find("xl/worksheets/sheet2.xml"), std::string::npos);
  // The sheet names are in the compressed workbook part; an xlsx on a
  // terminal is refused, anywhere else it is written.
  EXPECT_EQ(
      test::run("jixiao convert --format xlsx testdata/pingluo-2026-kexie.txt | head -c 2").out,
      "PK");
}

// --labels: XLSX is in Chinese unless `en` asks for the machine names; CSV
// has the contract's names unless `zh` asks for Chinese, in one output or
// one file per input; JSON refuses it, its keys being the contract.
TEST(CliBatch, LabelsNameTheHeadersAndEnumerationsOfTables) {
  const std::string dir = temp_dir("jixiao-labels");
  fs::create_directories(dir);
  const std::string in = " testdata/pingluo-2026-kexie.txt";
  auto indicator_header = [&](const std::string& flags) {
    const std::string out = dir + "t.xlsx";
    const auto r = run("jixiao convert -q --format xlsx " + flags + " -o " + out + in);
    EXPECT_EQ(r.status, 0) << r.err;
    return run("python3 tests/xlsx_sheets.py " + out + " 2 1").out;
  };
  EXPECT_NE(indicator_header("").find("row: s:来源文件 s:项目序号 s:年度 s:项目名称"),
            std::string::npos);
  EXPECT_NE(indicator_header("--labels en").find("row: s:source s:project_index s:year s:project"),
            std::string::npos);
  const auto zh = run("jixiao convert -q --format csv --labels zh" + in);
  EXPECT_TRUE(zh.out.starts_with("来源文件,项目序号,年度,项目名称,")) << zh.out;
  EXPECT_NE(zh.out.find(",≥2 个,数量,≥,2,,,个,"), std::string::npos);
  ASSERT_EQ(run("jixiao convert -q --format csv --labels zh -o " + dir + "each/" + in).status, 0);
  EXPECT_TRUE(test::read_file(dir + "each/pingluo-2026-kexie.csv").starts_with("来源文件,"));
  for (const char* format : {"json", "jsonl"}) {
    const auto r = run(std::string("jixiao convert -q --labels zh --format ") + format + in);
    EXPECT_EQ(r.status, 2) << format;
    EXPECT_NE(r.err.find("--labels applies to csv and xlsx only"), std::string::npos) << r.err;
  }
}

TEST(CliBatch, SplitWritesOneFilePerProject) {
  const std::string out = temp_dir("jixiao-split");
  const auto r = test::run("jixiao convert -q --split --format jsonl -o " + out +
                           " testdata/pingluo-2026-kexie.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(test::read_file(out + "科普经费.jsonl"))["name"], "科普经费");
  EXPECT_TRUE(fs::exists(out + "2026 年基层科普行动计划.jsonl"));
  EXPECT_EQ(test::run("jixiao convert --split testdata/pingluo-2026-kexie.txt").status, 2);
}

TEST(CliBatch, OneBadFileNeverStopsABatch) {
  const auto r =
      test::run("jixiao convert --format jsonl missing.txt testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("jixiao: missing.txt: cannot open"), std::string::npos);
  EXPECT_NE(
      r.err.find("jixiao: 2 files, 3 projects, 64 indicators, 2 warnings, 0 errors, 1 unreadable"),
      std::string::npos)
      << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3);
}

TEST(CliBatch, FailOnSetsTheLevelThatFails) {
  EXPECT_EQ(test::run("jixiao convert -q testdata/ningxia-2021-kexie.txt").status, 0);
  EXPECT_EQ(test::run("jixiao convert -q --fail-on warning testdata/ningxia-2021-kexie.txt").status,
            1);
  EXPECT_EQ(test::run("jixiao convert -q testdata/no-table.txt").status, 1);
  EXPECT_EQ(test::run("jixiao convert -q --fail-on never testdata/no-table.txt").status, 0);
}

TEST(CliBatch, NoProgressLineWhenNotOnATerminal) {
  const auto r = test::run(
      "jixiao convert testdata/pingluo-2026-kexie.txt testdata/national-2021-template.txt");
  EXPECT_EQ(r.err.find('\r'), std::string::npos);
  EXPECT_EQ(
      test::run(
          "jixiao convert -q testdata/pingluo-2026-kexie.txt testdata/national-2021-template.txt")
          .err,
      "");
}

TEST(CliCheck, PassesFailsAndUpdates) {
  const std::string expected = temp_dir("jixiao-check");
  auto r = test::run("jixiao check --update " + expected + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 0);
  // An input without its expected file differs; its indicators count as not expected.
  r = test::run("jixiao check " + expected +
                " testdata/pingluo-2026-kexie.txt testdata/national-2021-template.txt");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("testdata/national-2021-template.txt: no expected file " + expected +
                       "national-2021-template.json (create it with --update)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("indicators equal 64/64 (output has 73), 1 difference"), std::string::npos)
      << r.out;
  r = test::run("jixiao check " + expected + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out,
            "check: 1 file, projects 3/3, indicators equal 64/64 (output has 64), 0 differences, "
            "exact_f1=1.00000\n");
  std::string text = test::read_file(expected + "pingluo-2026-kexie.json");
  // The first `"number": 2` is the value of 巩固提升现有科普基地.
  const std::string from = "\"number\": 2,";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "\"number\": 3,");
  std::ofstream(expected + "pingluo-2026-kexie.json") << text;
  r = test::run("jixiao check " + expected + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(
      r.out.find(
          "testdata/pingluo-2026-kexie.txt: 科普经费 › 产出指标/数量指标 › 巩固提升现有科普基地 › "
          "value.number: expected 3, got 2\n"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("indicators equal 63/64"), std::string::npos);
}

// A folder for one check test: this process's own, emptied.
fs::path check_dir(const std::string& name) {
  const fs::path dir = test::scratch_path(name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void copy_sample(const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt", to);
}

// A check that compared nothing must not pass.
TEST(CliCheck, NoInputsOrNoExpectedFilesIsAUsageError) {
  const fs::path dir = check_dir("check-nothing");
  fs::create_directories(dir / "inputs");
  fs::create_directories(dir / "expected");
  auto r =
      test::run("jixiao check " + (dir / "expected").string() + " " + (dir / "inputs").string());
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "jixiao: no input files (folders are searched for *.txt *.csv)\n");
  for (const std::string expected : {"expected", "absent"}) {
    r = test::run("jixiao check " + (dir / expected).string() + " testdata/pingluo-2026-kexie.txt");
    EXPECT_EQ(r.status, 2) << expected;
    EXPECT_EQ(r.err, "jixiao: " + (dir / expected).string() +
                         ": no expected files (*.json): create them with --update\n");
  }
  std::ofstream(dir / "file") << "{}";
  r = test::run("jixiao check " + (dir / "file").string() + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "jixiao: " + (dir / "file").string() + ": not a folder\n");
  fs::remove_all(dir);
}

TEST(CliCheck, TheScoreSaysNaWhenNothingWasCompared) {
  const fs::path dir = check_dir("check-na");
  const std::string expected = (dir / "expected").string();
  auto r = test::run("jixiao check --update " + expected + " testdata/no-table.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  r = test::run("jixiao check " + expected + " testdata/no-table.txt");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out,
            "check: 1 file, projects 0/0, indicators equal 0/0 (output has 0), 0 differences, "
            "exact_f1=n/a\n");
  fs::remove_all(dir);
}

// EXPECTED/<the input's path relative to the folder given>.json, or
// EXPECTED/<name>.json for a file named directly, however the path is spelled.
TEST(CliCheck, ExpectedPathsFollowTheFolderGivenHoweverItIsSpelled) {
  const fs::path dir = check_dir("check-paths");
  copy_sample(dir / "in/sub/x.txt");
  const std::string expected = (dir / "expected").string();
  auto r = test::run("cd " + dir.string() + " && jixiao check --update expected in");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "expected/sub/x.json"));
  for (const char* folder : {"in/", "./in", "./in/", "in/."}) {
    r = test::run("cd " + dir.string() + " && jixiao check -q expected " + folder);
    EXPECT_EQ(r.status, 0) << folder << ": " << r.out << r.err;
  }
  fs::remove_all(dir / "expected");
  r = test::run("cd " + dir.string() + " && jixiao check --update expected ./in/sub/x.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "expected/x.json"));
  r = test::run("cd " + dir.string() + " && jixiao check -q expected in/sub/x.txt");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  fs::remove_all(dir);
}

TEST(CliCheck, TwoInputsWithOneExpectedFileAreRefused) {
  const fs::path dir = check_dir("check-clash");
  copy_sample(dir / "a/x.txt");
  copy_sample(dir / "b/x.txt");
  const std::string a = (dir / "a/x.txt").string(), b = (dir / "b/x.txt").string();
  const auto r =
      test::run("jixiao check --update " + (dir / "expected").string() + " " + a + " " + b);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "jixiao: " + a + " and " + b + " would both be compared with " +
                       (dir / "expected/x.json").string() +
                       ": check them in separate runs, each with its own folder of expected "
                       "files\n");
  EXPECT_FALSE(fs::exists(dir / "expected"));
  fs::remove_all(dir);
}

// An expected file that no input was compared with is a difference; its
// indicators count as missing.
TEST(CliCheck, StaleExpectedFilesAreDifferences) {
  const fs::path dir = check_dir("check-stale");
  const std::string expected = (dir / "expected").string();
  auto r = test::run("jixiao check --update " + expected + " testdata/pingluo-2026-kexie.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  fs::create_directories(dir / "expected/old");
  fs::copy_file(dir / "expected/pingluo-2026-kexie.json", dir / "expected/old/gone.json");
  const std::string stale = (dir / "expected/old/gone.json").string() +
                            ": stale: no input (remove it or add the input)\n";
  r = test::run("jixiao check " + expected + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, stale +
                       "check: 1 file, projects 3/6, indicators equal 64/128 (output has 64), 1 "
                       "difference, exact_f1=0.66666\n");
  // --update names it and leaves it; the exit status is that of the writes.
  r = test::run("jixiao check --update " + expected + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, stale + "check: wrote 1 expected file in " + expected + "\n");
  EXPECT_TRUE(fs::exists(dir / "expected/old/gone.json"));
  fs::remove_all(dir);
}

TEST(CliCheck, ABrokenExpectedFileIsADifference) {
  const fs::path dir = check_dir("check-broken");
  const std::string expected = (dir / "expected").string();
  auto r = test::run("jixiao check --update " + expected + " testdata/pingluo-2026-kexie.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string path = (dir / "expected/pingluo-2026-kexie.json").string();
  for (const char* broken : {"", "[]", "{\"schema\": \"jixiao/v1\"}"}) {
    std::ofstream(path) << broken;
    r = test::run("jixiao check " + expected + " testdata/pingluo-2026-kexie.txt");
    EXPECT_EQ(r.status, 1) << broken;
    EXPECT_TRUE(r.out.starts_with(path + ": the expected file is not ")) << r.out;
    // Counted: one difference, the output's indicators not expected.
    EXPECT_NE(r.out.find("check: 1 file, projects 0/0, indicators equal 0/0 (output has 64), 1 "
                         "difference, exact_f1=0.00000\n"),
              std::string::npos)
        << r.out;
  }
  fs::remove_all(dir);
}

TEST(CliCheck, UpdateCountsOnlyTheFilesItWrote) {
  const fs::path dir = check_dir("check-update");
  copy_sample(dir / "in/sub/x.txt");
  copy_sample(dir / "in/y.txt");
  fs::create_directories(dir / "expected");
  std::ofstream(dir / "expected/sub") << "a file where a folder must go";
  const auto r = test::run("jixiao check --update " + (dir / "expected").string() + " " +
                           (dir / "in").string());
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.out, "check: wrote 1 expected file in " + (dir / "expected").string() + "\n");
  EXPECT_TRUE(r.err.starts_with("jixiao: " + (dir / "expected/sub/x.json").string() + ": "))
      << r.err;
  EXPECT_TRUE(fs::exists(dir / "expected/y.json"));
  fs::remove_all(dir);
}

TEST(CliCheck, ParallelChecksPrintInInputOrder) {
  const fs::path dir = check_dir("check-jobs");
  const std::string expected = (dir / "expected").string();
  const std::string inputs =
      " testdata/ningxia-2021-kexie.txt testdata/pingluo-2026-kexie.txt "
      "testdata/messy-extraction.txt testdata/national-2021-template.txt";
  auto r = test::run("jixiao check --update " + expected + inputs);
  ASSERT_EQ(r.status, 0) << r.err;
  // Every project of every file differs: lines from each.
  for (const auto& entry : fs::directory_iterator(expected))
    std::ofstream(entry.path()) << "{\"projects\": []}";
  const auto serial = test::run("jixiao check -j 1 " + expected + inputs);
  EXPECT_EQ(serial.status, 1);
  EXPECT_GT(std::count(serial.out.begin(), serial.out.end(), '\n'), 10);
  EXPECT_LT(serial.out.find("testdata/ningxia"), serial.out.find("testdata/pingluo"));
  EXPECT_LT(serial.out.rfind("testdata/messy"), serial.out.find("testdata/national"));
  for (const char* jobs : {"-j 3", "-j 0", ""}) {
    EXPECT_EQ(test::run("jixiao check " + std::string(jobs) + " " + expected + inputs).out,
              serial.out)
        << jobs;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace jixiao

namespace jixiao {
namespace {

TEST(Cli, EachInputPicksItsGrammarByItsTitle) {
  const std::string self_evaluation =
      "2024年度项目支出绩效自评表\n项目名称\t科普经费\n一级指标\t二级指标\t三级指标\t年度指标值\n"
      "产出指标\t数量指标\t讲座\t≥4 场次\n";
  auto r = test::run("jixiao convert -q -", self_evaluation);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"grammar\":\"self-evaluation\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"table_type\":\"self_evaluation\""), std::string::npos) << r.out;
  // --grammar forces one, by name or file.
  r = test::run("jixiao convert -q --grammar budget-target -", self_evaluation);
  EXPECT_NE(r.out.find("\"grammar\":\"budget-target\""), std::string::npos) << r.out;
  r = test::run("jixiao convert -q --grammar grammars/department.jsonc -", self_evaluation);
  EXPECT_NE(r.out.find("\"grammar\":\"department\""), std::string::npos) << r.out;
  // A target table stays one.
  r = test::run("jixiao convert -q testdata/pingluo-2026-kexie.txt");
  EXPECT_NE(r.out.find("\"grammar\":\"budget-target\""), std::string::npos);
}

}  // namespace
}  // namespace jixiao

namespace jixiao {
namespace {

// A document whose JSON passes the spool's memory limit (2 MiB) goes through
// a temporary file: the output must be byte for byte the document the
// library renders whole, with diagnostics and text in their places.
TEST(CliSpool, LargeDocumentsComeOutWholeAndInOrder) {
  const std::string one = test::read_file("testdata/ningxia-2021-kexie.txt");
  std::string text;
  for (int i = 0; i < 40; ++i) text += one + "\n说明：第" + std::to_string(i) + "部分\n";
  const std::string path = test::scratch_path("spool.txt");
  std::ofstream(path, std::ios::binary) << text;

  std::istringstream in(text);
  const auto doc = convert::Converter(grammar::builtin_grammars()).convert(in, path);
  ASSERT_GT(doc.diagnostics.size(), 100u);
  ASSERT_GT(doc.text.size(), 40u);
  for (const bool pretty : {false, true}) {
    const std::string expected = emit::document_json(doc, emit::Options{pretty}) + "\n";
    ASSERT_GT(expected.size(), 2u << 20);
    const auto r = test::run("jixiao convert -q " + std::string(pretty ? "--pretty " : "") + path);
    EXPECT_EQ(r.status, convert::has_severity(doc, source::Severity::error) ? 1 : 0);
    EXPECT_TRUE(r.out == expected) << "pretty=" << pretty << ": output differs";
    // Two inputs on two threads: each document whole, in input order, the
    // two a JSON array.
    const auto two = test::run("jixiao convert -q -j 2 " + std::string(pretty ? "--pretty " : "") +
                               path + " " + path);
    EXPECT_TRUE(two.out == "[" + expected + "," + expected + "]\n")
        << "pretty=" << pretty << ": -j 2 differs";
  }
  std::filesystem::remove(path);
}

TEST(CliGrammars, ListsTheBuiltInGrammarsTheDefaultFirst) {
  for (const std::string command : {"jixiao grammars", "jixiao grammars list"}) {
    const auto r = run(command);
    EXPECT_EQ(r.status, 0) << r.err;
    const auto lines = test::lines_of(r.out);
    ASSERT_EQ(lines.size(), 4u) << r.out;
    EXPECT_TRUE(lines[0].starts_with("NAME ")) << lines[0];
    EXPECT_TRUE(lines[1].starts_with("budget-target    target           项目支出预算绩效目标表"))
        << lines[1];
    EXPECT_TRUE(lines[1].ends_with("; the default")) << lines[1];
    EXPECT_TRUE(lines[2].starts_with("self-evaluation  self_evaluation  项目支出绩效自评表"));
    EXPECT_TRUE(lines[3].ends_with("; extends budget-target")) << lines[3];
  }
}

TEST(CliGrammars, ShowPrintsTheFileAsShipped) {
  for (const auto& e : grammar::embedded_grammars()) {
    const auto r = run("jixiao grammars show " + std::string(e.name));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, test::read_file("grammars/" + std::string(e.name) + ".jsonc"));
  }
  const auto r = run("jixiao grammars show provincial");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("NAME: provincial not in {budget-target,self-evaluation,department}"),
            std::string::npos)
      << r.err;
}

TEST(CliGrammars, CheckSummarisesAGrammarThatLoads) {
  const std::string path = test::scratch_path("variant.jsonc");
  std::ofstream(path) << "{\"extends\": \"budget-target\", \"name\": \"variant\",\n"
                         " \"table\": {\"min_labels\": 3}}\n";
  const auto r = run("jixiao grammars check " + path + " budget-target");
  EXPECT_EQ(r.status, 0) << r.err;
  const auto lines = test::lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_TRUE(lines[0].starts_with(path + ": ok: grammar variant (table_type target, extends "
                                          "budget-target; "))
      << lines[0];
  // A built-in name, as --grammar takes it.
  EXPECT_TRUE(lines[1].starts_with("(embedded) budget-target: ok: grammar budget-target ("))
      << lines[1];
  std::filesystem::remove(path);
}

TEST(CliGrammars, CheckNamesTheFileLineAndRuleOfAnError) {
  const std::string good = test::scratch_path("good.jsonc"), bad = test::scratch_path("bad.jsonc");
  std::ofstream(good) << "{\"extends\": \"budget-target\", \"name\": \"good\"}\n";
  std::ofstream(bad) << "{\n  \"extends\": \"budget-target\",\n  \"name\": \"bad\",\n"
                        "  \"document\": {\"title\": \"(\"}\n}\n";
  const auto r = run("jixiao grammars check " + good + " " + bad);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  const auto lines = test::lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_TRUE(lines[0].starts_with(good + ": ok: ")) << lines[0];
  EXPECT_TRUE(lines[1].starts_with(bad + ":4: rule `document.title`: bad pattern: ")) << lines[1];
  // From standard input too.
  const auto piped = run("jixiao grammars check -", "{\"name\": \"x\",}");
  EXPECT_EQ(piped.status, 1);
  EXPECT_TRUE(piped.out.starts_with("(stdin):1: not valid JSON: ")) << piped.out;
  std::filesystem::remove(good);
  std::filesystem::remove(bad);
}

TEST(CliGrammars, AnUnreadableFileExits3AndNoFileIsAUsageError) {
  const auto r = run("jixiao grammars check no-such.jsonc budget-target");
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.err, "jixiao: no-such.jsonc: cannot open: No such file or directory\n");
  EXPECT_TRUE(r.out.starts_with("(embedded) budget-target: ok: ")) << r.out;
  EXPECT_EQ(run("jixiao grammars check grammars").status, 3);
  EXPECT_EQ(run("jixiao grammars check").status, 2);
  EXPECT_EQ(run("jixiao grammars frobnicate").status, 2);
}

}  // namespace
}  // namespace jixiao
