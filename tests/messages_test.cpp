// The message catalogue: both languages for everything, and the command
// line speaking the one asked for.
#include "messages/messages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

#include "app.h"
#include "audit/audit.h"
#include "help_language.h"
#include "test_support.h"

namespace jixiao {
namespace {

using messages::Language;

// The English words of a Chinese text: runs of four or more small letters
// outside backticks (which quote the input, options and commands) and
// placeholders.
std::string english_words(std::string text) {
  text = std::regex_replace(text, std::regex("`[^`]*`|\\{[^}]*\\}"), " ");
  std::string out;
  const std::regex word("[a-z]{4,}");
  for (std::sregex_iterator it(text.begin(), text.end(), word), end; it != end; ++it)
    out += (out.empty() ? "" : " ") + it->str();
  return out;
}

// The values a template names.
std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  const std::regex name(R"re(\{@?([a-z0-9-]+)[*|}])re");
  for (std::sregex_iterator it(text.begin(), text.end(), name), end; it != end; ++it)
    out.insert((*it)[1]);
  return out;
}

// Every file of the program's source, with its text.
std::vector<std::pair<std::string, std::string>> program_sources() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* folder : {"cmd", "lib"}) {
    for (const auto& file :
         std::filesystem::recursive_directory_iterator(test::source_dir() + "/" + folder)) {
      const auto extension = file.path().extension();
      if (extension != ".cpp" && extension != ".h") continue;
      out.emplace_back(file.path().string(), test::read_file(file.path().string()));
    }
  }
  return out;
}

TEST(Messages, EveryCodeAndMessageIsInBothLanguages) {
  EXPECT_EQ(messages::incomplete_entries(), std::vector<std::string>{});
  for (source::Code code : source::all_codes()) {
    EXPECT_NE(messages::code_words(code, Language::zh), source::to_string(code));
  }
}

// Every `messages::text("id"` in the program names a message the catalogue has.
TEST(Messages, EveryMessageTheProgramAsksForExists) {
  const std::regex use(R"re(messages::text\((?:[a-zA-Z:_]+, )?"([a-z-]+)")re");
  int uses = 0;
  for (const auto& [path, text] : program_sources()) {
    for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it, ++uses)
      EXPECT_TRUE(messages::has_message((*it)[1].str())) << path << ": " << (*it)[1];
  }
  EXPECT_GT(uses, 10);
}

// What diagnostics say is named in the source by template ids, a code, a
// dot and a case (`"cost-sum.differs"`), wherever they are passed (to
// make_diagnostic, in a values::Issue, a pdf::Extraction, an audit
// finding, or as the value of a `{@name}`): each is in the catalogue, and
// each template of the catalogue is used.
TEST(Messages, EveryTemplateTheProgramNamesExistsAndEachIsUsed) {
  std::set<std::string> codes;
  for (source::Code code : source::all_codes()) codes.insert(std::string(source::to_string(code)));
  const std::regex id(R"re("([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z0-9]+(?:-[a-z0-9]+)*)")re");
  std::set<std::string> used;
  for (const auto& [path, text] : program_sources()) {
    for (std::sregex_iterator it(text.begin(), text.end(), id), end; it != end; ++it) {
      if (!codes.count((*it)[1])) continue;
      const std::string name = (*it)[1].str() + "." + (*it)[2].str();
      used.insert(name);
      EXPECT_TRUE(messages::has_detail(name)) << path << ": " << name;
    }
  }
  EXPECT_GT(used.size(), 100u);
  for (const std::string& name : messages::detail_ids()) {
    EXPECT_TRUE(codes.count(name.substr(0, name.find('.')))) << name << " names no code";
    EXPECT_TRUE(used.count(name)) << name << " is used nowhere";
  }
}

// A template says the same in both languages: the same values, and in
// Chinese, Chinese words (finance and audit staff read them).
TEST(Messages, ChineseTemplatesNameTheSameValuesInChineseWords) {
  for (const std::string& id : messages::detail_ids()) {
    const std::string en = messages::template_of("details", id, Language::en);
    const std::string zh = messages::template_of("details", id, Language::zh);
    // (Every id listed is found: the table is looked up by binary search.)
    EXPECT_FALSE(en.empty() || zh.empty()) << id;
    EXPECT_EQ(placeholders(en), placeholders(zh)) << id;
    EXPECT_EQ(english_words(zh), "") << id << ": " << zh;
  }
}

TEST(Messages, PlaceholdersAndPluralsAreFilled) {
  EXPECT_EQ(messages::text(Language::en, "not-shown", {{"n", "1"}, {"why", "--errors-only"}}),
            "1 warning not shown (--errors-only)");
  EXPECT_EQ(messages::text(Language::en, "not-shown", {{"n", "3"}, {"why", "x"}}),
            "3 warnings not shown (x)");
  EXPECT_EQ(messages::text(Language::zh, "not-shown", {{"n", "3"}, {"why", "x"}}),
            "另有 3 条警告未显示（x）");
  EXPECT_EQ(messages::text(Language::en, "no-such-message"), "no-such-message");
}

// A part that is there or not, words that differ from case to case, and
// lists, each in the language's words.
TEST(Messages, TemplatesNameOtherTemplatesAndLists) {
  const messages::Args differs{{"costs", "2"},
                               {"left-out", ""},
                               {"sum", "12.5万元"},
                               {"bounds", "cost-sum.upper-bounds"},
                               {"target", "cost-sum.annual-amount"},
                               {"amount", "42万元"},
                               {"difference", "29.5万元"},
                               {"direction", "cost-sum.less"}};
  EXPECT_EQ(messages::detail(Language::en, "cost-sum.differs", differs),
            "2 cost indicators add up to 12.5万元 (upper bounds), but the annual amount is 42万元: "
            "29.5万元 less");
  EXPECT_EQ(messages::detail(Language::zh, "cost-sum.differs", differs),
            "2 项成本指标合计 12.5万元（上限），但年度资金为 42万元：少 29.5万元");
  const messages::Args lacks{
      {"missing", messages::items({"header-missing.name", "header-missing.amount"})}};
  EXPECT_EQ(messages::detail(Language::en, "header-missing.lacks", lacks),
            "the header lacks 项目名称, the annual amount");
  EXPECT_EQ(messages::detail(Language::zh, "header-missing.lacks", lacks),
            "表头缺少项目名称、年度资金");
  const messages::Args absent{{"missing", messages::items({"产出指标", "效益指标"})}};
  EXPECT_EQ(messages::detail(Language::zh, "level1-missing.absent", absent),
            "表中没有产出指标、效益指标");
  // A value that is not a list is shown as it is, separator and all.
  EXPECT_EQ(messages::detail(Language::en, "unknown-unit.word",
                             {{"word",
                               "a\x1f"
                               "b"}}),
            "`a\x1f"
            "b` is not a unit the grammar knows (values.units)");
}

// A diagnostic made without a template (none in the program) is said in
// Chinese by its code's words, then its English message.
TEST(Messages, ADiagnosticWithoutATemplateFallsBackToItsCodesWords) {
  source::Diagnostic d;
  d.code = source::Code::unparsed_line;
  d.message = "a line";
  EXPECT_EQ(messages::details(d, Language::zh), "无法归入表格的行：a line");
  d = source::make_diagnostic(source::Code::unparsed_line, 3, 0, "unparsed-line.lone-cell");
  EXPECT_EQ(messages::details(d, Language::zh),
            "指标表中孤立的单元格，既不是换行的指标名称，也不是指标值");
  EXPECT_EQ(messages::details(d, Language::en), d.message);
}

TEST(Messages, TheLanguageComesFromTheFlagElseTheLocale) {
  EXPECT_EQ(messages::choose_language("", nullptr, nullptr, "zh_CN.UTF-8"), Language::zh);
  EXPECT_EQ(messages::choose_language("", nullptr, nullptr, "en_US.UTF-8"), Language::en);
  EXPECT_EQ(messages::choose_language("", nullptr, nullptr, nullptr), Language::en);
  EXPECT_EQ(messages::choose_language("en", nullptr, nullptr, "zh_CN.UTF-8"), Language::en);
  EXPECT_EQ(messages::choose_language("zh", "C", nullptr, nullptr), Language::zh);
  // LC_ALL, then LC_MESSAGES, then LANG: the first that is set.
  EXPECT_EQ(messages::choose_language("", "C", nullptr, "zh_CN.UTF-8"), Language::en);
  EXPECT_EQ(messages::choose_language("", "", "zh_TW.UTF-8", "C"), Language::zh);
}

TEST(Messages, DiagnosticsAndTheSummaryInChinese) {
  const std::string command = " convert testdata/pingluo-2026-kexie.txt -o /dev/null";
  const std::string chinese =
      "testdata/pingluo-2026-kexie.txt:46: 警告: 项目属性为 `一年期项目`，但项目期限 `99 年` 共 "
      "99 年 [term-mismatch]\n";
  auto r = test::run("jixiao --lang zh" + command);
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.err.starts_with(chinese)) << r.err;
  EXPECT_NE(r.err.find("jixiao: 1 个文件，3 个项目，64 条指标，2 条警告，0 条错误\n"
                       "jixiao: 按代码：term-mismatch 2\n"),
            std::string::npos)
      << r.err;
  r = test::run("env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 jixiao" + command);
  EXPECT_TRUE(r.err.starts_with(chinese)) << r.err;
  r = test::run("env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 jixiao" + command + " --lang en");
  EXPECT_TRUE(
      r.err.starts_with("testdata/pingluo-2026-kexie.txt:46: warning: 项目属性 "
                        "`一年期项目`, 项目期限 `99 年`: a term of 99 years [term-mismatch]"))
      << r.err;
  r = test::run("jixiao --lang zh covert");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.err.starts_with("jixiao: 没有 `covert` 这个命令：是不是要用 `convert`？\n"))
      << r.err;
}

// Every command and option has its help in Chinese in the catalogue, so
// that one added without it fails here.
TEST(Messages, EveryCommandAndOptionHasChineseHelp) {
  cli::Program program;
  std::vector<std::string> missing;
  std::function<void(const CLI::App&)> visit = [&](const CLI::App& command) {
    if (cli::chinese_help(command, nullptr).empty())
      missing.push_back(cli::help_key(command, nullptr));
    for (const CLI::Option* option : command.get_options()) {
      if (!option->get_group().empty() && cli::chinese_help(command, option).empty())
        missing.push_back(cli::help_key(command, option));
    }
    for (const CLI::App* sub : command.get_subcommands([](const CLI::App*) { return true; }))
      visit(*sub);
  };
  visit(program.app());
  EXPECT_EQ(missing, std::vector<std::string>{});
  for (const auto& key : missing) {  // (the lines to add, with the English)
    std::cout << "    \"" << key << "\": {\"zh\": \"\"},\n";
  }
}

// In Chinese, every diagnostic of a conversion says its details in Chinese:
// no English word outside backticks (the input's text, options), the path
// and the code. The files of testdata/ make most kinds of diagnostic.
TEST(Messages, AChineseConversionSaysEveryDiagnosticInChinese) {
  const auto r = test::run(
      "jixiao --lang zh convert --verbose testdata/ningxia-2021-kexie.txt testdata/no-table.txt "
      "testdata/national-2021-template.txt testdata/ -o /dev/null 2>&1");
  const std::regex diagnostic(R"re([^ ]+: (提示|警告|错误): (.*) \[([a-z0-9-]+)\])re");
  std::istringstream lines(r.out);
  std::set<std::string> codes;
  int said = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, diagnostic)) continue;
    ++said;
    codes.insert(m[3]);
    EXPECT_EQ(english_words(m[2]), "") << line;
  }
  EXPECT_GT(said, 1000);
  EXPECT_GT(codes.size(), 25u);
}

// The command line's own complaints, in Chinese too (the system's words,
// strerror's, stay as the system says them).
TEST(Messages, TheCommandLinesComplaintsInChinese) {
  auto r = test::run("jixiao --lang zh convert -q no-such.txt");
  EXPECT_EQ(r.status, 3);
  EXPECT_TRUE(r.err.starts_with("jixiao: no-such.txt: 无法打开：")) << r.err;
  r = test::run("jixiao --lang zh convert --split testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.err, "jixiao: --split 为每个项目写一个文件：请用 -o 文件夹/ 指定文件夹\n");
  r = test::run("jixiao --lang zh convert testdata/pingluo-2026-kexie.txt -o x.csv --format json");
  EXPECT_EQ(r.err,
            "jixiao: x.csv: 文件名表示 csv，而 --format 为 json：请只给一个，或使两者一致\n");
  r = test::run("jixiao --lang zh pdftext testdata/pingluo-2026-kexie.txt");
  EXPECT_TRUE(r.err.ends_with(": 不是 PDF（前 1024 字节中没有 %PDF-）\n")) << r.err;
}

// The English words of a line of the audit report or of check: those of
// english_words() that are not a diagnostic code (the report names each
// check by its code) and not `exact_f1=` (the score's key, which scripts read).
std::string english_words_of_report(std::string line) {
  std::vector<std::string> codes;
  for (source::Code code : source::all_codes()) codes.emplace_back(source::to_string(code));
  codes.push_back("exact_f1=");
  std::sort(codes.begin(), codes.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& code : codes) {
    for (std::size_t at; (at = line.find(code)) != std::string::npos;)
      line.replace(at, code.size(), " ");
  }
  return english_words(line);
}

TEST(Messages, EveryAuditCheckIsDescribedInBothLanguages) {
  int checks = 0;
  for (source::Code code : source::all_codes()) {
    if (!audit::is_check(code)) {
      EXPECT_EQ(audit::describe(code), "") << source::to_string(code);
      continue;
    }
    ++checks;
    const std::string id = "audit-check-" + std::string(source::to_string(code));
    EXPECT_TRUE(messages::has_message(id)) << id;
    EXPECT_EQ(audit::describe(code), messages::text(Language::en, id));
    EXPECT_EQ(english_words(audit::describe(code, Language::zh)), "") << id;
  }
  EXPECT_EQ(checks, 14);
  EXPECT_EQ(audit::describe(source::Code::cost_sum),
            "the cost indicators add up to the annual amount");
}

// In Chinese, the audit report says everything in Chinese: no English word
// outside backticks, the paths (a line of its own), the checks' codes.
TEST(Messages, AChineseAuditReportSaysEverythingInChinese) {
  const auto r = test::run(
      "jixiao --lang zh audit testdata/national-2021-template.txt testdata/no-table.txt "
      "testdata/ningxia-2021-kexie.txt");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  int said = 0;
  for (const std::string& line : test::lines_of(r.out)) {
    if (line.starts_with("testdata/")) continue;
    ++said;
    EXPECT_EQ(english_words_of_report(line), "") << line;
  }
  EXPECT_GT(said, 20);
  for (const char* part :
       {"  [0] 农村饮水安全维修养护（第 1–16 行）\n",
        "    不通过  cost-sum: 1 项成本指标（另有 2 项不是金额，未计入）合计 200万元（上限），",
        "    通过    funds-sum: ", "    提示    ", "testdata/no-table.txt\n  错误：未找到项目表：",
        "审核：13 个项目，5 个有未通过的检查，1 个文件无法读取或没有项目表\n  cost-sum             "
        " 1 个项目\n  date-outside-year     3 个项目\n"}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
  }
  // The JSON's messages stay English: they are the output's.
  const auto json =
      test::run("jixiao --lang zh audit --format json testdata/national-2021-template.txt");
  EXPECT_NE(json.out.find("\"message\": \"the header has every required field\""),
            std::string::npos)
      << json.out;
}

// In Chinese, check says its differences, complaints and score in Chinese,
// `exact_f1=` and the figures as in English.
TEST(Messages, AChineseCheckSaysEverythingInChinese) {
  const std::string dir = test::scratch_path("check-zh");
  std::filesystem::remove_all(dir);
  auto r = test::run("jixiao --lang zh check --update " + dir + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "检查：在 " + dir + " 写入了 1 个预期文件\n");
  // A field, an indicator and a project that differ; an input without its
  // expected file; an expected file without its input.
  const std::string expected = dir + "/pingluo-2026-kexie.json";
  std::string text = test::read_file(expected);
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"\"经常性项目\"", "\"一年期项目\""},
        {"巩固提升现有科普基地", "别的指标"},
        {"科技馆免费开放补助资金", "别的项目"}}) {
    for (std::size_t at; (at = text.find(from)) != std::string::npos;)
      text.replace(at, from.size(), to);
  }
  std::ofstream(expected) << text;
  std::ofstream(dir + "/old.json") << "{\"projects\": []}\n";
  r = test::run("jixiao --lang zh check " + dir +
                " testdata/pingluo-2026-kexie.txt testdata/no-table.txt");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  for (std::string line : test::lines_of(r.out)) {
    for (const std::string& path : {dir + "/no-table.json", dir + "/old.json", dir}) {
      for (std::size_t at; (at = line.find(path)) != std::string::npos;)
        line.replace(at, path.size(), " ");
    }
    if (line.starts_with("testdata/")) line = line.substr(line.find_first_of(":：", 9));
    EXPECT_EQ(english_words_of_report(line), "") << line;
  }
  for (const std::string& part : std::vector<std::string>{
           "科普经费 › `attribute`：应为 `\"一年期项目\"`，实为 `\"经常性项目\"`\n",
           "科普经费 › 产出指标/数量指标 › 别的指标：缺少的指标\n",
           "科普经费 › 产出指标/数量指标 › 巩固提升现有科普基地：多出的指标\n",
           "testdata/pingluo-2026-kexie.txt：2026 年别的项目：缺少的项目\n",
           "testdata/no-table.txt：没有预期文件 " + dir + "/no-table.json（用 `--update` 生成）\n",
           dir + "/old.json：多余：没有对应的输入（删除它，或补上输入）\n",
           "检查：2 个文件，项目 2/3，指标相同 ", "处不同，exact_f1=0."}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
  }
  r = test::run("jixiao --lang zh check " + dir + "/none testdata/no-table.txt");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "jixiao: " + dir + "/none：没有预期文件（`*.json`）：用 `--update` 生成\n");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace jixiao
