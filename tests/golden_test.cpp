// Golden tests: every testdata/NAME.txt beside its NAME.expected.json. The
// expected files are regenerated with tests/regen-golden.sh, and a reviewer
// reads the diff of each regenerated file.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "convert/convert.h"
#include "emit/emit.h"
#include "pdf/reader.h"
#include "test_support.h"

namespace jixiao {
namespace {

using nlohmann::json;

json convert_testdata(const std::string& relative) {
  std::istringstream in(test::read_file(test::source_dir() + "/" + relative), std::ios::binary);
  const auto doc = convert::Converter(grammar::builtin_grammars()).convert(in, relative);
  return json::parse(emit::document_json(doc, emit::Options{}));
}

class Golden : public testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesTheExpectedOutput) {
  const std::string input = GetParam();
  const std::string expected_path =
      test::source_dir() + "/" + input.substr(0, input.size() - 4) + ".expected.json";
  const std::string expected_text = test::read_file(expected_path);
  ASSERT_FALSE(expected_text.empty())
      << "missing " << expected_path << ": run tests/regen-golden.sh";
  const json expected = json::parse(expected_text);
  const json actual = convert_testdata(input);
  if (expected != actual) {
    std::string differences;
    int shown = 0;
    for (const auto& op : json::diff(expected, actual)) {
      if (++shown > 10) break;
      const std::string path = op["path"];
      differences += "  " + op["op"].get<std::string>() + " " + path;
      if (op.contains("value")) differences += ": " + op["value"].dump();
      if (op["op"] == "replace")
        differences += " (was " + expected.at(json::json_pointer(path)).dump() + ")";
      differences += "\n";
    }
    FAIL() << input << " differs from its expected output:\n"
           << differences
           << "If the change is right, run tests/regen-golden.sh and review the diff.";
  }
}

// The text lines jixiao reads: a file's own, or those rebuilt from a PDF.
std::string input_text(const std::string& relative) {
  const std::string bytes = test::read_file(test::source_dir() + "/" + relative);
  if (!relative.ends_with(".pdf")) return bytes;
  std::string text;
  for (const auto& line : pdf::extract(bytes).lines) text += line + "\n";
  return text;
}

// Nothing lost: each non-blank input line is in a project (its source lines
// or an indicator's lines), in the document text, or in a diagnostic.
void expect_every_line_accounted_for(const std::string& input) {
  const json out = convert_testdata(input);
  std::set<int> covered;
  for (const auto& project : out["projects"]) {
    for (const auto& [role, lines] : project["source_lines"].items()) {
      for (int line : lines) covered.insert(line);
    }
    for (const auto& indicator : project["indicators"]) {
      covered.insert(indicator["line"].get<int>());
      if (indicator.contains("lines")) {
        for (int line : indicator["lines"]) covered.insert(line);
      }
    }
  }
  for (const auto& text : out["text"]) {
    const int first = text["line"].get<int>();
    for (int line = first; line <= text.value("last_line", first); ++line) covered.insert(line);
  }
  for (const auto& d : out["diagnostics"]) covered.insert(d["line"].get<int>());

  std::istringstream in(input_text(input));
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r\f\v") == std::string::npos) continue;
    EXPECT_TRUE(covered.count(number))
        << input << ":" << number << " is not accounted for: " << line;
  }
}

TEST_P(Golden, AccountsForEveryNonBlankLine) { expect_every_line_accounted_for(GetParam()); }

// The same for every other input in testdata/: the fixtures in each
// rendering (their PDFs too), the layout and encoding twins (UTF-8 ones), the crafted files.
std::vector<std::string> all_text_inputs() {
  std::vector<std::string> out;
  for (const char* folder : {"testdata/fixtures", "testdata/layouts", "testdata/text-layouts",
                             "testdata/tables", "testdata/forms"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(test::source_dir() + "/" + folder)) {
      const auto ext = entry.path().extension();
      if (ext == ".txt" || ext == ".csv" || ext == ".pdf")
        out.push_back(std::string(folder) + "/" + entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Accounting : public testing::TestWithParam<std::string> {};
TEST_P(Accounting, EveryNonBlankLineIsAccountedFor) { expect_every_line_accounted_for(GetParam()); }
INSTANTIATE_TEST_SUITE_P(Testdata, Accounting, testing::ValuesIn(all_text_inputs()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test::test_name(info.param);
                         });

// The rows rebuilt from each PDF in testdata/fixtures, tables and producers,
// beside it as NAME.pdftext.txt
// (regenerated by tests/regen-golden.sh with `jixiao pdftext`).
std::vector<std::string> fixture_pdfs() {
  std::vector<std::string> out;
  for (const char* folder : {"testdata/fixtures", "testdata/tables", "testdata/producers"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(test::source_dir() + "/" + folder)) {
      if (entry.path().extension() == ".pdf")
        out.push_back(std::string(folder) + "/" + entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class PdfText : public testing::TestWithParam<std::string> {};
TEST_P(PdfText, MatchesTheExpectedRows) {
  const std::string pdf = GetParam();
  const std::string expected_path =
      test::source_dir() + "/" + pdf.substr(0, pdf.size() - 4) + ".pdftext.txt";
  const std::string expected = test::read_file(expected_path);
  ASSERT_FALSE(expected.empty()) << "missing " << expected_path << ": run tests/regen-golden.sh";
  EXPECT_EQ(input_text(pdf), expected)
      << pdf << ": if the change is right, run tests/regen-golden.sh and review the diff";
}
INSTANTIATE_TEST_SUITE_P(Fixtures, PdfText, testing::ValuesIn(fixture_pdfs()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test::test_name(info.param.substr(9));
                         });

INSTANTIATE_TEST_SUITE_P(Testdata, Golden, testing::ValuesIn(test::testdata_inputs()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test::test_name(info.param.substr(9, info.param.size() - 13));
                         });

}  // namespace
}  // namespace jixiao
