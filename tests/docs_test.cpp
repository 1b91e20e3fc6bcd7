// The examples in docs/ are run: each ```console block holds `$ command`
// lines followed by the exact output they print, run from the source folder
// with the built jixiao on PATH.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "source/diagnostic.h"
#include "test_support.h"

namespace jixiao {
namespace {

struct Example {
  std::string file;
  int line = 0;
  std::string command;
  std::string output;
};

std::vector<Example> examples() {
  std::vector<Example> out;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/docs")) {
    if (entry.path().extension() != ".md") continue;
    std::istringstream in(test::read_file(entry.path().string()));
    std::string line;
    bool in_block = false;
    Example* current = nullptr;
    for (int number = 1; std::getline(in, line); ++number) {
      if (!in_block && line == "```console") {
        in_block = true;
        current = nullptr;
      } else if (in_block && line == "```") {
        in_block = false;
      } else if (in_block && line.starts_with("$ ")) {
        out.push_back(Example{entry.path().filename().string(), number, line.substr(2), ""});
        current = &out.back();
      } else if (in_block && current != nullptr) {
        current->output += line + "\n";
      }
    }
  }
  return out;
}

TEST(Docs, HaveExamples) { EXPECT_GE(examples().size(), 3u); }

TEST(Docs, EveryDiagnosticCodeIsDocumented) {
  // A row of diagnostics.md's tables, by the code's name.
  const std::string page = test::read_file(test::source_dir() + "/docs/diagnostics.md");
  const std::vector<source::Code> codes = source::all_codes();
  // (goal_year_differs is the enum's last code: a code added after it
  // moves this line too.)
  EXPECT_EQ(codes.size(), static_cast<std::size_t>(source::Code::goal_year_differs) + 1)
      << "a code without its row in diagnostic.cpp";
  for (const source::Code code : codes) {
    const std::string row = "| `" + std::string(source::to_string(code)) + "` |";
    EXPECT_NE(page.find(row), std::string::npos) << row << " is not in docs/diagnostics.md";
  }
}

TEST(Docs, ExamplesPrintWhatTheDocsSay) {
  for (const auto& example : examples()) {
    const auto r = test::run(example.command + " 2>&1");
    EXPECT_EQ(r.out, example.output)
        << "docs/" << example.file << ":" << example.line << ": $ " << example.command;
  }
}

}  // namespace
}  // namespace jixiao
