// The value table: testdata/values/NAME.txt, one cell per line, beside
// NAME.expected.jsonl, one Value per line, read by `jixiao value` with the
// context flags in NAME.args.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace jixiao {
namespace {

using nlohmann::json;

std::vector<std::string> value_files() {
  std::vector<std::string> out;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::source_dir() + "/testdata/values")) {
    if (entry.path().extension() == ".txt") out.push_back(entry.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class ValueTable : public testing::TestWithParam<std::string> {};

TEST_P(ValueTable, EachCellReadsAsExpected) {
  const std::string base = "testdata/values/" + GetParam();
  const std::string args = test::read_file(test::source_dir() + "/" + base + ".args");
  const auto cells = test::lines_of(test::read_file(test::source_dir() + "/" + base + ".txt"));
  const auto expected =
      test::lines_of(test::read_file(test::source_dir() + "/" + base + ".expected.jsonl"));
  const auto r = test::run("jixiao value --quiet " + args.substr(0, args.find('\n')) + " - < " +
                           base + ".txt");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto actual = test::lines_of(r.out);
  ASSERT_EQ(expected.size(), cells.size()) << base << ".expected.jsonl: run tests/regen-golden.sh";
  ASSERT_EQ(actual.size(), cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    EXPECT_EQ(json::parse(actual[i]), json::parse(expected[i]))
        << base << ".txt:" << i + 1 << ": `" << cells[i] << "`\n  got      " << actual[i]
        << "\n  expected " << expected[i];
  }
}

INSTANTIATE_TEST_SUITE_P(Testdata, ValueTable, testing::ValuesIn(value_files()));

TEST(ValueTable, HoldsAtLeast250Cells) {
  std::size_t cells = 0;
  for (const auto& name : value_files()) {
    cells +=
        test::lines_of(test::read_file(test::source_dir() + "/testdata/values/" + name + ".txt"))
            .size();
  }
  EXPECT_GE(cells, 250u);
}

}  // namespace
}  // namespace jixiao
