// Conversion does work in proportion to its input: the same content 1, 4
// and 16 times over costs 4 and 16 times the pattern matches (a count of
// work that is the same on any machine; no clock is read). Checked for each
// way of reading a table, since each buffers and rebuilds differently.
#include <gtest/gtest.h>

#include <sstream>

#include "convert/convert.h"
#include "grammar/pattern.h"
#include "test_support.h"

namespace jixiao {
namespace {

std::uint64_t matches_to_convert(const std::string& text) {
  static const convert::Converter converter(grammar::builtin_grammars());
  std::istringstream in(text);
  const std::uint64_t before = grammar::Pattern::attempts();
  std::size_t projects = 0;
  converter.convert(in, "linear.txt", [&](model::Project&&) { ++projects; });
  EXPECT_GT(projects, 0u);
  return grammar::Pattern::attempts() - before;
}

std::string repeated(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text + "\n";
  return out;
}

class Linear : public testing::TestWithParam<std::string> {};

TEST_P(Linear, WorkGrowsInProportionToTheInput) {
  const std::string text = test::read_file(test::source_dir() + "/" + GetParam());
  matches_to_convert(text);  // the grammars load and compile first
  const double one = static_cast<double>(matches_to_convert(repeated(text, 1)));
  const double four = static_cast<double>(matches_to_convert(repeated(text, 4)));
  const double sixteen = static_cast<double>(matches_to_convert(repeated(text, 16)));
  EXPECT_NEAR(four / one, 4.0, 0.4) << one << " " << four;
  EXPECT_NEAR(sixteen / four, 4.0, 0.4) << four << " " << sixteen;
}

INSTANTIATE_TEST_SUITE_P(Testdata, Linear,
                         testing::Values("testdata/ningxia-2021-kexie.txt",
                                         "testdata/fixtures/nongye-2024.layout.txt",
                                         "testdata/fixtures/nongye-2024.plain.txt",
                                         "testdata/fixtures/nongye-2024.pdftext.txt",
                                         "testdata/tables/selfeval-2023.tsv.txt"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test::test_name(info.param.substr(9));
                         });

}  // namespace
}  // namespace jixiao
