// Replays every input in testdata/fuzz/HARNESS/ through the checks of the
// libFuzzer harness of that name (tests/fuzz/harnesses.h): inputs that once
// crashed, hung or lost a line, kept so they never do again, and a few
// hand-made hard cases. A broken rule aborts the test.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "fuzz/harnesses.h"
#include "test_support.h"

namespace jixiao {
namespace {

using Check = void (*)(const std::uint8_t*, std::size_t);

const std::map<std::string, Check>& harnesses() {
  static const std::map<std::string, Check> all = {{"normalize", fuzz::normalize_line},
                                                   {"values", fuzz::parse_value},
                                                   {"grammar", fuzz::load_grammar},
                                                   {"convert", fuzz::convert_document},
                                                   {"layout", fuzz::rebuild_pages}};
  return all;
}

std::vector<std::string> regression_inputs() {
  std::vector<std::string> out;
  for (const auto& [name, check] : harnesses()) {
    const auto dir = std::filesystem::path(test::source_dir()) / "testdata/fuzz" / name;
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      out.push_back(name + "/" + entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class FuzzRegression : public testing::TestWithParam<std::string> {};

TEST_P(FuzzRegression, PassesItsHarness) {
  const std::string relative = GetParam();
  const std::string bytes = test::read_file(test::source_dir() + "/testdata/fuzz/" + relative);
  const Check check = harnesses().at(relative.substr(0, relative.find('/')));
  check(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  SUCCEED();
}

INSTANTIATE_TEST_SUITE_P(Testdata, FuzzRegression, testing::ValuesIn(regression_inputs()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return test::test_name(info.param);
                         });

}  // namespace
}  // namespace jixiao
