#include "batch/batch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "check/check.h"
#include "check/expected.h"
#include "test_support.h"

namespace jixiao {
namespace {

TEST(Batch, GlobMatchesFileNames) {
  EXPECT_TRUE(batch::glob_match("*.txt", "a.txt"));
  EXPECT_TRUE(batch::glob_match("*.txt", ".txt"));
  EXPECT_FALSE(batch::glob_match("*.txt", "a.txt.bak"));
  EXPECT_TRUE(batch::glob_match("2021-??.txt", "2021-03.txt"));
  EXPECT_TRUE(batch::glob_match("[ab]*", "b1"));
  EXPECT_FALSE(batch::glob_match("[ab]*", "c1"));
  EXPECT_TRUE(batch::glob_match("*科协*", "宁夏科协2021.txt"));
}

// As fnmatch(3) has them, on characters rather than bytes.
TEST(Batch, GlobHasFnmatchsRules) {
  EXPECT_TRUE(batch::glob_match("??.txt", "宁夏.txt"));  // `?` is one character, not a byte
  EXPECT_FALSE(batch::glob_match("?.txt", "宁夏.txt"));
  EXPECT_TRUE(batch::glob_match("20[0-9][0-9]-*.txt", "2021-a.txt"));
  EXPECT_FALSE(batch::glob_match("20[0-9][0-9]-*.txt", "20x1-a.txt"));
  EXPECT_TRUE(batch::glob_match("[!.]*", "a.txt"));  // `!` and `^` negate
  EXPECT_FALSE(batch::glob_match("[!.]*", ".hidden"));
  EXPECT_FALSE(batch::glob_match("[^a]*", "a.txt"));
  EXPECT_TRUE(batch::glob_match("[]x]", "]"));   // `]` first is one of the set
  EXPECT_TRUE(batch::glob_match("a\\*", "a*"));  // `\` quotes
  EXPECT_FALSE(batch::glob_match("a\\*", "ab"));
  EXPECT_TRUE(batch::glob_match("[a", "[a"));  // an unclosed `[` is itself
  EXPECT_TRUE(batch::glob_match("[一-龥]*", "丙.txt"));  // a range of code points
  EXPECT_FALSE(batch::glob_match("[一-龥]*", "a.txt"));
  EXPECT_TRUE(batch::glob_match("*.txt", "\xff.txt"));  // a byte that is no character
  EXPECT_FALSE(batch::glob_match("*.txt", "A.TXT"));
  EXPECT_TRUE(batch::glob_match("*.txt", "A.TXT", true));
  EXPECT_TRUE(batch::glob_match("[a-c]*", "B1", true));
  EXPECT_FALSE(batch::glob_match("[!a-c]*", "B1", true));
}

TEST(Batch, SafeFileNames) {
  EXPECT_EQ(batch::safe_file_name("2026 年基层科普行动计划"), "2026 年基层科普行动计划");
  EXPECT_EQ(batch::safe_file_name("a/b:c*d?\"e<f>g|h\\i"), "a_b_c_d__e_f_g_h_i");
  EXPECT_EQ(batch::safe_file_name(" ..hidden. "), "hidden");
  EXPECT_EQ(batch::safe_file_name(""), "project");
  const std::string long_name(100, 'x');
  const std::string cut = batch::safe_file_name(long_name + "科普经费科普经费");
  EXPECT_LE(cut.size(), 120u);
  EXPECT_EQ(cut.substr(0, 100), long_name);
  EXPECT_EQ((cut.size() - 100) % 3, 0u);  // never cuts a character in half
}

TEST(Batch, ExpandsFoldersRecursivelyInOrder) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(test::scratch_path("batch-expand"));
  fs::remove_all(root);
  fs::create_directories(root / "2021" / "sub");
  for (const char* f : {"b.txt", "a.txt", "2021/c.txt", "2021/sub/d.txt", "2021/skip.doc"}) {
    std::ofstream(root / f) << "x";
  }
  std::vector<std::string> missing;
  const auto inputs = batch::expand_inputs({root.string(), "-", "nope.txt"}, {"*.txt"}, missing);
  ASSERT_EQ(inputs.size(), 6u);
  EXPECT_EQ(inputs[0].relative, "2021/c");
  EXPECT_EQ(inputs[1].relative, "2021/sub/d");
  EXPECT_EQ(inputs[2].relative, "a");
  EXPECT_EQ(inputs[3].relative, "b");
  EXPECT_EQ(inputs[4].path, "-");
  EXPECT_EQ(inputs[5].path, "nope.txt");
  EXPECT_EQ(missing, std::vector<std::string>{"nope.txt"});
  fs::remove_all(root);
}

TEST(Batch, LinksInsideFoldersAreFollowedOnlyWhenAsked) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(test::scratch_path("batch-links"));
  fs::remove_all(root);
  fs::create_directories(root / "in");
  fs::create_directories(root / "elsewhere" / "deep");
  for (const char* f : {"in/a.txt", "elsewhere/secret.txt", "elsewhere/deep/b.txt"}) {
    std::ofstream(root / f) << "x";
  }
  fs::create_symlink(root / "elsewhere" / "secret.txt", root / "in" / "secret.txt");
  fs::create_directory_symlink(root / "elsewhere", root / "in" / "folder");
  fs::create_directory_symlink(root / "in", root / "in" / "loop");  // a link to where it lies

  batch::Walk walk;
  walk.globs = {"*.txt"};
  auto paths = [&](const batch::Expansion& e) {
    std::vector<std::string> out;
    for (const auto& input : e.inputs) out.push_back(fs::path(input.path).lexically_relative(root));
    return out;
  };
  // As ripgrep: links in a folder are passed over, and said so for -v.
  const batch::Expansion quiet = batch::expand({(root / "in").string()}, walk);
  EXPECT_EQ(paths(quiet), std::vector<std::string>{"in/a.txt"});
  ASSERT_EQ(quiet.skipped_links.size(), 3u);
  std::vector<std::string> skipped;
  for (const auto& link : quiet.skipped_links)
    skipped.push_back(fs::path(link.path).filename().string());
  std::sort(skipped.begin(), skipped.end());
  EXPECT_EQ(skipped, (std::vector<std::string>{"folder", "loop", "secret.txt"}));

  // --follow: file and folder links are read, and a loop ends.
  walk.follow_links = true;
  const batch::Expansion followed = batch::expand({(root / "in").string()}, walk);
  EXPECT_EQ(paths(followed), (std::vector<std::string>{"in/a.txt", "in/folder/deep/b.txt",
                                                       "in/folder/secret.txt", "in/secret.txt"}));
  EXPECT_EQ(followed.inputs[1].relative, "folder/deep/b");
  ASSERT_EQ(followed.skipped_links.size(), 1u);
  EXPECT_EQ(fs::path(followed.skipped_links[0].path).filename(), "loop");

  // A link named as an argument is followed, whether to a file or a folder.
  walk.follow_links = false;
  const batch::Expansion named = batch::expand(
      {(root / "in" / "secret.txt").string(), (root / "in" / "folder").string()}, walk);
  EXPECT_EQ(paths(named), (std::vector<std::string>{"in/secret.txt", "in/folder/deep/b.txt",
                                                    "in/folder/secret.txt"}));
  fs::remove_all(root);
}

TEST(Batch, AFolderThatCannotBeReadIsReportedInItsPlace) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(test::scratch_path("batch-unreadable"));
  fs::remove_all(root);
  fs::create_directories(root / "b-locked");
  fs::create_directories(root / "c");
  for (const char* f : {"a.txt", "b-locked/hidden.txt", "c/d.txt"}) std::ofstream(root / f) << "x";
  // Permissions do not hold for root, who runs the tests in CI: the error
  // is given by the folder reader instead.
  batch::Walk walk;
  walk.globs = {"*.txt"};
  walk.read = [&](const fs::path& folder, std::vector<fs::directory_entry>& entries) {
    if (folder.filename() == "b-locked") return std::make_error_code(std::errc::permission_denied);
    return batch::read_folder(folder, entries);
  };
  const batch::Expansion e = batch::expand({root.string()}, walk);
  ASSERT_EQ(e.inputs.size(), 3u);
  EXPECT_EQ(e.inputs[0].relative, "a");
  EXPECT_EQ(e.inputs[0].error, "");
  EXPECT_EQ(e.inputs[1].path, (root / "b-locked").string());
  EXPECT_EQ(e.inputs[1].error, "cannot open folder: Permission denied");
  EXPECT_EQ(e.inputs[2].relative, "c/d");
  // The folder given itself.
  walk.read = [](const fs::path&, std::vector<fs::directory_entry>&) {
    return std::make_error_code(std::errc::permission_denied);
  };
  const batch::Expansion top = batch::expand({root.string()}, walk);
  ASSERT_EQ(top.inputs.size(), 1u);
  EXPECT_EQ(top.inputs[0].path, root.string());
  EXPECT_EQ(top.inputs[0].error, "cannot open folder: Permission denied");
  fs::remove_all(root);
}

TEST(Batch, DeliversInInputOrderWhateverTheThreads) {
  for (int jobs : {1, 2, 4}) {
    std::vector<std::size_t> delivered;
    std::atomic<int> running{0}, most{0};
    batch::run_ordered(
        40, jobs,
        [&](std::size_t i) {
          int now = ++running;
          int seen = most.load();
          while (now > seen && !most.compare_exchange_weak(seen, now)) {
          }
          // Later items finish first: the order must still hold.
          std::this_thread::sleep_for(std::chrono::microseconds((40 - i) * 50));
          --running;
        },
        [&](std::size_t i) { delivered.push_back(i); });
    ASSERT_EQ(delivered.size(), 40u);
    for (std::size_t i = 0; i < delivered.size(); ++i) EXPECT_EQ(delivered[i], i) << jobs;
    EXPECT_LE(most.load(), jobs);
  }
}

TEST(Check, EqualDocumentsHaveNoDifferences) {
  const std::string doc =
      R"({"projects":[{"name":"甲","department":"乙","indicators":[{"level1":"产出指标","level2":"数量指标","name":"a","line":3,"value":{"raw":"2 个","kind":"quantity","number":2}}]}]})";
  const auto r = check::compare(doc, doc);
  EXPECT_TRUE(r.differences.empty());
  EXPECT_EQ(r.indicators_equal, 1);
  EXPECT_DOUBLE_EQ(check::exact_f1(r).value(), 1.0);
}

TEST(Check, SaysWhereAndWhatDiffers) {
  const std::string expected =
      R"({"projects":[{"name":"科普经费","department":"平罗县科协","indicators":[
        {"level1":"产出指标","level2":"数量指标","name":"巩固提升现有科普基地","line":15,"value":{"kind":"quantity","number":2}},
        {"level1":"产出指标","level2":"数量指标","name":"讲座","value":{"kind":"quantity","number":4}}]}]})";
  const std::string actual =
      R"({"projects":[{"name":"科普经费","department":"平罗县科学技术协会","indicators":[
        {"level1":"产出指标","level2":"数量指标","name":"巩固提升现有科普基地","line":16,"value":{"kind":"quantity","number":3}},
        {"level1":"产出指标","level2":"数量指标","name":"新指标","value":{"kind":"text"}}]},
        {"name":"另一个项目","indicators":[]}]})";
  const auto r = check::compare(expected, actual);
  ASSERT_EQ(r.differences.size(), 5u);
  EXPECT_EQ(r.differences[0],
            "科普经费 › department: expected \"平罗县科协\", got \"平罗县科学技术协会\"");
  EXPECT_EQ(
      r.differences[1],
      "科普经费 › 产出指标/数量指标 › 巩固提升现有科普基地 › value.number: expected 2, got 3");
  EXPECT_EQ(r.differences[2], "科普经费 › 产出指标/数量指标 › 讲座: missing");
  EXPECT_EQ(r.differences[3], "科普经费 › 产出指标/数量指标 › 新指标: not expected");
  EXPECT_EQ(r.differences[4], "另一个项目: a project not expected");
  EXPECT_EQ(r.indicators_equal, 0);
  EXPECT_EQ(r.indicators_expected, 2);
  EXPECT_EQ(r.indicators_actual, 2);
}

TEST(Check, RejectsFilesThatAreNotJson) {
  EXPECT_THROW(check::compare("{", "{}"), std::invalid_argument);
}

// JSON that is no jixiao output would otherwise pass as a file of no projects.
TEST(Check, RejectsJsonOfAnotherShape) {
  const std::string output = R"({"projects": []})";
  for (const char* expected : {"[]", "{}", R"({"projects": 5})", R"({"projects": [1]})"}) {
    EXPECT_THROW(check::compare(expected, output), std::invalid_argument) << expected;
  }
  EXPECT_NO_THROW(check::compare(output, output));
}

check::Result counts(int expected, int actual, int equal) {
  check::Result r;
  r.indicators_expected = expected;
  r.indicators_actual = actual;
  r.indicators_equal = equal;
  return r;
}

TEST(Check, TheScoreShowsOneDifferenceInThousands) {
  EXPECT_EQ(check::format_exact_f1(counts(0, 0, 0)), "n/a");  // nothing compared
  EXPECT_FALSE(check::exact_f1(counts(0, 0, 0)).has_value());
  EXPECT_EQ(check::format_exact_f1(counts(3880, 3880, 3880)), "1.00000");
  EXPECT_EQ(check::format_exact_f1(counts(3880, 3880, 3879)), "0.99974");
  // Rounded down: only a perfect score reads 1.00000.
  EXPECT_EQ(check::format_exact_f1(counts(100000, 100000, 99999)), "0.99999");
  EXPECT_EQ(check::format_exact_f1(counts(3, 0, 0)), "0.00000");
  EXPECT_DOUBLE_EQ(check::exact_f1(counts(4, 2, 2)).value(), 2.0 / 3);
}

TEST(Check, OneSideAloneCountsAsMissingOrNotExpected) {
  const std::string doc =
      R"({"projects":[{"name":"甲","indicators":[{"level1":"产出指标","level2":"数量指标","name":"a"},{"level1":"产出指标","level2":"数量指标","name":"b"}]}]})";
  const auto output = check::output_only(doc);
  EXPECT_EQ(output.indicators_actual, 2);
  EXPECT_EQ(output.indicators_expected, 0);
  EXPECT_TRUE(output.differences.empty());
  const auto expected = check::expected_only(doc);
  EXPECT_EQ(expected.projects_expected, 1);
  EXPECT_EQ(expected.indicators_expected, 2);
  EXPECT_EQ(expected.indicators_actual, 0);
  check::Result total;
  check::add(total, output);
  check::add(total, expected);
  EXPECT_EQ(check::format_exact_f1(total), "0.00000");
}

TEST(CheckExpected, NamesFollowThePathRelativeToTheFolderGiven) {
  EXPECT_EQ(check::expected_name("a/x"), "a/x.json");
  EXPECT_EQ(check::expected_name("./x"), "x.json");
  const auto clash = check::first_clash({"x.json", "a/x.json", "x.json"});
  ASSERT_TRUE(clash.has_value());
  EXPECT_EQ(clash->name, "x.json");
  EXPECT_EQ(clash->first, 0u);
  EXPECT_EQ(clash->second, 2u);
  EXPECT_FALSE(check::first_clash({"x.json", "a/x.json"}).has_value());
}

TEST(CheckExpected, ListsJsonFilesBelowTheFolderAndTheStaleOnes) {
  namespace fs = std::filesystem;
  const fs::path dir = test::scratch_path("expected-list");
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  for (const char* name : {"a.json", "sub/b.json", "notes.txt", "sub/c.json.tmp.123456"})
    std::ofstream(dir / name) << "{}";
  std::vector<std::string> names;
  EXPECT_FALSE(check::list_expected(dir.string(), names));
  EXPECT_EQ(names, (std::vector<std::string>{"a.json", "sub/b.json"}));
  EXPECT_EQ(check::stale_names(names, {"a.json", "x.json"}),
            std::vector<std::string>{"sub/b.json"});
  names.clear();
  EXPECT_EQ(check::list_expected((dir / "none").string(), names),
            std::errc::no_such_file_or_directory);
  EXPECT_EQ(check::list_expected((dir / "a.json").string(), names), std::errc::not_a_directory);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace jixiao
