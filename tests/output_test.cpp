// The command line's output: spooled text, output files.
#include "output.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "spool.h"
#include "test_support.h"

namespace jixiao::cli {
namespace {

class NullSink : public Sink {
 public:
  bool write(std::string_view text) override {
    bytes += text.size();
    return true;
  }
  bool finish(std::string&) override { return true; }
  std::size_t bytes = 0;
};

// A batch keeps one slot per file and reuses it: a slot whose output was
// written holds no memory, however large that output was, so memory stays
// flat with the number of files (`-j 2` on 2,000 files kept every buffer).
TEST(Spool, AWrittenOrReplacedSpoolKeepsNoMemory) {
  Spool spool;
  spool.buffer().assign(Spool::kMemoryLimit - 1, 'x');
  NullSink sink;
  ASSERT_TRUE(spool.copy_to(sink));
  EXPECT_EQ(sink.bytes, Spool::kMemoryLimit - 1);
  EXPECT_LT(spool.buffer().capacity(), 1024u);

  Spool slot;
  slot.buffer().assign(Spool::kMemoryLimit - 1, 'y');
  slot = Spool{};  // the batch frees a delivered slot so
  EXPECT_LT(slot.buffer().capacity(), 1024u);
  EXPECT_TRUE(slot.empty());
}

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A fresh folder for one test.
fs::path fresh_folder(const std::string& name) {
  const fs::path dir = test::scratch_path(name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A spool past its memory limit, in three pieces: two spilled to its file,
// the last still in memory.
std::string fill_past_the_limit(Spool& spool) {
  std::string expected;
  for (char c : {'a', 'b', 'c'}) {
    const std::string piece(Spool::kMemoryLimit + 7, c);
    spool.buffer() += piece;
    expected += piece;
    if (c != 'c') spool.settle();
  }
  spool.buffer() += "end";
  return expected + "end";
}

// The spilled part is copied by the kernel into an output file (sendfile),
// and what was in memory follows it, in order.
TEST(Spool, ASpilledSpoolIsCopiedWholeIntoAFile) {
  const fs::path dir = fresh_folder("spool-copy");
  Spool spool;
  const std::string expected = fill_past_the_limit(spool);
  std::string error;
  auto sink = file_sink((dir / "out.txt").string(), error);
  ASSERT_TRUE(sink) << error;
  ASSERT_TRUE(sink->write("head,"));
  ASSERT_TRUE(spool.copy_to(*sink));
  ASSERT_TRUE(sink->write(",tail"));
  ASSERT_TRUE(sink->finish(error)) << error;
  EXPECT_TRUE(slurp(dir / "out.txt") == "head," + expected + ",tail");
  EXPECT_TRUE(spool.empty());
}

// A sink whose descriptor the kernel cannot copy into (here one open for
// reading only) gets the spilled part read back and written as any text.
class RefusingDescriptorSink : public Sink {
 public:
  explicit RefusingDescriptorSink(int fd) : fd_(fd) {}
  bool write(std::string_view piece) override {
    text += piece;
    return true;
  }
  bool finish(std::string&) override { return true; }
  int descriptor() override { return fd_; }
  std::string text;

 private:
  int fd_;
};

TEST(Spool, ASinkTheKernelCannotCopyIntoGetsTheTextWritten) {
  const fs::path dir = fresh_folder("spool-refused");
  { std::ofstream(dir / "read-only.txt") << "x"; }
  std::FILE* read_only = std::fopen((dir / "read-only.txt").c_str(), "rb");
  ASSERT_NE(read_only, nullptr);
  Spool spool;
  const std::string expected = fill_past_the_limit(spool);
  RefusingDescriptorSink sink(::fileno(read_only));
  ASSERT_TRUE(spool.copy_to(sink));
  std::fclose(read_only);
  EXPECT_EQ(sink.text.size(), expected.size());
  EXPECT_TRUE(sink.text == expected);
}

// A link planted where the old temporary file's name was guessable
// (`TARGET.tmp.PID`, the pid kept by exec) is never followed: the file it
// points to is untouched, and the output is a file of its own.
TEST(Output, APlantedLinkAtATemporaryNameIsNeverFollowed) {
  const fs::path dir = fresh_folder("planted");
  fs::create_directories(dir / "out");
  { std::ofstream(dir / "victim") << "precious"; }
  const auto r =
      test::run("cd " + dir.string() +
                " && sh -c 'ln -s ../victim out/a.json.tmp.$$ && exec jixiao convert -q " +
                test::source_dir() + "/testdata/pingluo-2026-kexie.txt -o out/a.json'");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(slurp(dir / "victim"), "precious");
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(dir / "out" / "a.json")));
  EXPECT_NE(slurp(dir / "out" / "a.json").find("科普经费"), std::string::npos);
}

// Temporary files are made under names of their own, with the permissions
// of an ordinary new file, and removed unless committed.
TEST(Output, TemporaryFilesHaveNamesOfTheirOwnAndGoUnlessCommitted) {
  const fs::path dir = fresh_folder("temporaries");
  std::string error;
  auto a = TemporaryFile::beside((dir / "t.json").string(), error);
  auto b = TemporaryFile::beside((dir / "t.json").string(), error);
  ASSERT_TRUE(a && b) << error;
  EXPECT_NE(a->path(), b->path());
  struct stat st {};
  ASSERT_EQ(::stat(a->path().c_str(), &st), 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask);
  ASSERT_TRUE(a->commit((dir / "t.json").string(), error)) << error;
  b.reset();
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir)) left.push_back(entry.path().filename());
  EXPECT_EQ(left, std::vector<std::string>{"t.json"});
  // An unnamed one has no name to leave behind.
  auto c = TemporaryFile::unnamed(error);
  ASSERT_TRUE(c) << error;
  EXPECT_TRUE(c->path().empty());
}

// SIGTERM (or SIGINT, SIGPIPE) in the middle of a run removes the
// temporary files, and the signal still ends the program.
TEST(Output, AnInterruptedRunLeavesNoTemporaryFile) {
  const fs::path dir = fresh_folder("interrupted");
  EXPECT_EXIT(
      {
        install_cleanup_handlers();
        std::string error;
        auto file = TemporaryFile::beside((dir / "t.json").string(), error);
        if (file) ::raise(SIGTERM);
        std::_Exit(0);
      },
      ::testing::KilledBySignal(SIGTERM), "");
  EXPECT_TRUE(fs::is_empty(dir));
}

// An XLSX workbook to standard output is made in an unnamed file: a reader
// that stops early (`| head -c 10`) leaves nothing in the temporary folder.
TEST(Output, AWorkbookToAClosedPipeLeavesNothingBehind) {
  const fs::path tmp = fresh_folder("tmpdir");
  const auto r = test::run("TMPDIR=" + tmp.string() +
                           " jixiao convert -q --format xlsx testdata/pingluo-2026-kexie.txt "
                           "testdata/ningxia-2021-kexie.txt | head -c 10 > /dev/null");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::is_empty(tmp));
}

// An output that is one of the inputs (by any name: a hard link too) is
// refused, in every command that writes files; the input is untouched.
TEST(Output, AnOutputThatIsAnInputIsRefused) {
  const fs::path dir = fresh_folder("overwrite");
  fs::copy_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt", dir / "a.txt");
  fs::copy_file(test::source_dir() + "/testdata/tables/sichuan-2025.pdf", dir / "x.pdf");
  fs::create_hard_link(dir / "a.txt", dir / "same.txt");
  const std::string text = slurp(dir / "a.txt"), pdf = slurp(dir / "x.pdf");
  const std::string in = "cd " + dir.string() + " && ";
  for (const std::string command :
       {"jixiao convert -q a.txt -o a.txt", "jixiao convert -q a.txt -o same.txt",
        "jixiao convert -q --format csv a.txt x.pdf -o a.txt", "jixiao pdftext x.pdf -o x.pdf"}) {
    const auto r = test::run(in + command);
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_NE(r.err.find("refusing to write over it"), std::string::npos) << command << r.err;
  }
  EXPECT_EQ(slurp(dir / "a.txt"), text);
  EXPECT_EQ(slurp(dir / "x.pdf"), pdf);
}

// `--split` gives each project's file its own diagnostics and text (those
// of its stretch of lines), not the whole input's: every line-numbered
// diagnostic of the whole document is in exactly one file, and the files
// together stay near the size of one whole conversion.
TEST(Output, SplitFilesHoldTheirOwnProjectsDiagnostics) {
  const fs::path dir = fresh_folder("split");
  const std::string sample = slurp(test::source_dir() + "/testdata/ningxia-2021-kexie.txt");
  {
    std::ofstream in(dir / "in.txt", std::ios::binary);
    for (int i = 0; i < 10; ++i) in << sample;
  }
  const auto whole = test::run("jixiao convert -q --fail-on never " + (dir / "in.txt").string());
  ASSERT_EQ(whole.status, 0) << whole.err;
  std::size_t numbered = 0;
  const auto whole_doc = nlohmann::json::parse(whole.out);
  for (const auto& d : whole_doc["diagnostics"]) numbered += d["line"].get<int>() > 0 ? 1 : 0;
  const auto r = test::run("jixiao convert -q --fail-on never --split " +
                           (dir / "in.txt").string() + " -o " + (dir / "out").string() + "/");
  ASSERT_EQ(r.status, 0) << r.err;
  std::size_t files = 0, found = 0, bytes = 0;
  std::vector<std::pair<int, int>>
      last_and_latest;  // per file: its span's end, its latest diagnostic
  for (const auto& entry : fs::directory_iterator(dir / "out")) {
    const std::string text = slurp(entry.path());
    bytes += text.size();
    ++files;
    const auto doc = nlohmann::json::parse(text);
    ASSERT_EQ(doc["projects"].size(), 1u);
    int latest = 0;
    for (const auto& d : doc["diagnostics"]) {
      const int line = d["line"];
      if (line > 0) ++found;
      latest = std::max(latest, line);
    }
    last_and_latest.emplace_back(doc["projects"][0]["span"]["last_line"], latest);
  }
  // A file's diagnostics are of its stretch, which ends with its project
  // (the last project's file takes the rest of the input).
  std::sort(last_and_latest.begin(), last_and_latest.end());
  for (std::size_t i = 0; i + 1 < last_and_latest.size(); ++i)
    EXPECT_LE(last_and_latest[i].second, last_and_latest[i].first);
  EXPECT_GT(files, 10u);
  EXPECT_EQ(found, numbered);
  EXPECT_LT(bytes, 3 * whole.out.size());
}

}  // namespace
}  // namespace jixiao::cli
