// The message catalogue: both languages for everything, and the command
// line speaking the one asked for.
#include "messages/messages.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <regex>
#include <sstream>

#include "app.h"
#include "help_language.h"
#include "test_support.h"

namespace jixiao {
namespace {

using messages::Language;

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
  for (const char* folder : {"cmd", "lib"}) {
    for (const auto& file :
         std::filesystem::recursive_directory_iterator(test::source_dir() + "/" + folder)) {
      if (file.path().extension() != ".cpp") continue;
      const std::string text = test::read_file(file.path().string());
      for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it, ++uses)
        EXPECT_TRUE(messages::has_message((*it)[1].str())) << file.path() << ": " << (*it)[1];
    }
  }
  EXPECT_GT(uses, 10);
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
      "testdata/pingluo-2026-kexie.txt:46: 警告: 项目属性与项目期限不符：项目属性 `一年期项目`, "
      "项目期限 `99 年`: a term of 99 years [term-mismatch]\n";
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
  EXPECT_TRUE(r.err.starts_with("testdata/pingluo-2026-kexie.txt:46: warning: ")) << r.err;
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

}  // namespace
}  // namespace jixiao
