// Bad input, each answered by a clear message naming the file (and line),
// and an exit status the user can act on: never a crash, a hang or a silent
// empty result. The table of these is docs/reliability.md.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "convert/convert.h"
#include "grammar/grammar.h"
#include "source/sha256.h"
#include "test_support.h"

namespace jixiao {
namespace {

using test::run;

// A file in a fresh temporary folder with these bytes.
std::string temp_file(const std::string& name, const std::string& bytes) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("jixiao-bad-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

// ESC sequences and bells in a cell never reach the output or a terminal:
// removed with a diagnostic; a file name holding one is shown escaped.
TEST(BadInput, ControlCharactersAreRemovedAndNeverPrintedRaw) {
  const std::string path =
      temp_file("ctl\x1b[2J.txt",
                "项目名称\t科普\x1b[31m经费\x07\n一级指标\t二级指标\t三级指标\t指标值\n"
                "产出指标\t数量指标\t举办讲座\t≥6 场次\n");
  auto r = run("jixiao convert --fail-on never --format jsonl '" + path + "'");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find('\x07'), std::string::npos);
  EXPECT_NE(r.out.find("\"name\":\"科普[31m经费\""), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ctl\\x1b[2J.txt:1:8: warning: 2 control character(s) removed"),
            std::string::npos)
      << r.err;
}

// CSV for Excel: a text cell a spreadsheet would run as a formula starts
// with `'` (OWASP); `--csv-raw` writes it as it is.
TEST(BadInput, CsvCellsThatWouldRunAsFormulasAreDefused) {
  const std::string input =
      "项目名称\t=HYPERLINK(\"http://x\")\n一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t@SUM(A1)\t-5%\n";
  auto r = run("jixiao convert -q --format csv --bom -", input);
  EXPECT_NE(r.out.find(",\"'=HYPERLINK(\"\"http://x\"\")\","), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",'@SUM(A1),'-5%,quantity,,-5,"), std::string::npos) << r.out;
  r = run("jixiao convert -q --format csv --csv-raw -", input);
  EXPECT_NE(r.out.find(",@SUM(A1),-5%,quantity,,-5,"), std::string::npos) << r.out;
}

// `jixiao check` against an expected file that is JSON of another shape
// (`{"projects": [[…]]}`, nested 100,000 deep): named, never an abort.
TEST(BadInput, AnExpectedFileOfAnotherShapeIsNamed) {
  const std::string input = temp_file(
      "shape.txt", test::read_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt"));
  const std::string dir = std::filesystem::path(input).parent_path() / "expected";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/shape.json")
      << "{\"projects\":" << std::string(100000, '[') << std::string(100000, ']') << "}";
  auto r = run("jixiao check " + dir + " " + input);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("shape.json: the expected file is not a jixiao output: lists or objects "
                       "nested more than 64 deep"),
            std::string::npos)
      << r.out << r.err;
  // Shallow, but of another shape: a project that is a list.
  std::ofstream(dir + "/shape.json") << "{\"projects\": [[1]]}";
  r = run("jixiao check " + dir + " " + input);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("shape.json: the expected file is not a jixiao output: "), std::string::npos)
      << r.out << r.err;
}

TEST(BadInput, AFolderGivenAsAFileIsNamed) {
  auto r = run("jixiao pdftext testdata");
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.err, "jixiao: testdata: is a folder, not a file\n");
  r = run("jixiao convert - < testdata");  // a folder as standard input reads as nothing
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("(stdin): error: the input has no text [empty-input]"), std::string::npos)
      << r.err;
}

TEST(BadInput, AnUnreadableFileIsNamedAndTheBatchGoesOn) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  const std::string path = temp_file("locked.txt", "项目名称\t甲\n");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  const auto r = run("jixiao convert -q " + path + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find(path + ": cannot open: Permission denied"), std::string::npos) << r.err;
}

TEST(BadInput, AnUnreadableFolderIsNamedAndTheBatchGoesOn) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any folder";
  const auto folders = std::filesystem::path(test::scratch_path("folders"));
  std::filesystem::remove_all(folders);
  std::filesystem::create_directories(folders / "locked");
  std::ofstream(folders / "locked" / "table.txt") << "x";
  std::filesystem::copy_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt",
                             folders / "open.txt");
  std::filesystem::permissions(folders / "locked", std::filesystem::perms::none);
  const auto r = run("jixiao convert -q --format jsonl " + folders.string());
  std::filesystem::permissions(folders / "locked", std::filesystem::perms::owner_all);
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find((folders / "locked").string() + ": cannot open folder: Permission denied"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("open.txt"), std::string::npos);
  std::filesystem::remove_all(folders);
}

TEST(BadInput, AFolderTooDeepToOpenIsNamedAndTheBatchGoesOn) {
  // Past PATH_MAX no folder can be opened by its name, root or not: a
  // folder that cannot be read, even where permissions do not hold.
  const auto root = std::filesystem::path(test::scratch_path("deep"));
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  std::filesystem::copy_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt",
                             root / "open.txt");
  const std::string name(250, 'd');
  // Made one folder inside the other by descriptor: no path that long can be named.
  int folder = ::open(root.c_str(), O_RDONLY | O_DIRECTORY);
  for (int i = 0; i < 20 && folder >= 0; ++i) {
    ASSERT_EQ(::mkdirat(folder, name.c_str(), 0755), 0);
    const int inner = ::openat(folder, name.c_str(), O_RDONLY | O_DIRECTORY);
    ::close(folder);
    folder = inner;
  }
  ASSERT_GE(folder, 0);
  ::close(folder);
  const auto r = run("jixiao convert -q --format jsonl " + root.string());
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find(": cannot open folder: File name too long"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(root.string() + "/" + name + "/"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("open.txt"), std::string::npos);
  run("rm -rf '" + root.string() + "'");
}

TEST(BadInput, AnEmptyFileSaysSo) {
  const std::string path = temp_file("empty.txt", "");
  const auto r = run("jixiao convert " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(path + ": error: the input has no text [empty-input]"), std::string::npos)
      << r.err;
}

TEST(BadInput, BinaryDataStopsAtItsLine) {
  const char bytes[] = "项目名称\t甲\nab\0cd\n";
  const std::string path = temp_file("binary.txt", std::string(bytes, sizeof bytes - 1));
  const auto r = run("jixiao convert " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(path + ":2:3: error: the file holds NUL bytes: binary data, not text (if "
                              "it is text, give its encoding with --encoding, e.g. --encoding "
                              "UTF-16LE) [binary-input]"),
            std::string::npos)
      << r.err;
}

TEST(BadInput, TruncatedUtf8IsRepairedAndReportedWithItsPlace) {
  // A sample whose last character lost its final byte.
  std::string text = test::read_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt");
  text += "\n备注\t科普经\xe8\xb4";
  const std::string path = temp_file("truncated.txt", text);
  const auto r = run("jixiao convert " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(":109:7: error: bytes that are not UTF-8; replaced by U+FFFD"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("科普经\ufffd"), std::string::npos) << r.out.substr(0, 200);
}

TEST(BadInput, Gb18030ReadAsUtf8IsReportedNotGarbled) {
  const auto r =
      run("jixiao convert -q --encoding UTF-8 testdata/encodings/pingluo-2026-kexie.gb18030.txt");
  EXPECT_EQ(r.status, 1);
  const auto all =
      run("jixiao convert --encoding UTF-8 testdata/encodings/pingluo-2026-kexie.gb18030.txt 2>&1 "
          ">/dev/null | grep -c '\\[invalid-utf8]'");
  EXPECT_EQ(all.out, "11\n");  // ten lines named, then a count of the rest
  const auto count =
      run("jixiao convert --encoding UTF-8 testdata/encodings/pingluo-2026-kexie.gb18030.txt 2>&1 "
          ">/dev/null | grep 'lines in all'");
  EXPECT_NE(count.out.find("lines in all hold bytes that are not valid UTF-8"), std::string::npos)
      << count.out;
}

TEST(BadInput, AHundredMegabyteLineIsCutAndReported) {
  const auto r =
      run("head -c 100000000 /dev/zero | tr '\\0' 'a' | jixiao convert --format jsonl - 2>&1 "
          ">/dev/null | head -3");
  EXPECT_NE(r.out.find("(stdin):1: warning: a line of 100000000 bytes: only its first 1048576 "
                       "are read (a file without line breaks?) [line-too-long]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("no project table found"), std::string::npos) << r.out;
}

TEST(BadInput, AnEndlessStreamOfNulBytesEnds) {
  // `jixiao convert /dev/zero`: one line with no end, of binary data.
  test::GeneratedBuffer zeros("", '\0', std::uint64_t{4} << 30);
  std::istream in(&zeros);
  const model::Document doc =
      convert::Converter(grammar::builtin_grammars()).convert(in, "/dev/zero");
  EXPECT_TRUE(std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.code == source::Code::binary_input && d.line == 1;
  }));
  EXPECT_LT(zeros.served(), std::uint64_t{1} << 30) << "read on and on";
}

TEST(BadInput, AnEndlessLineAfterATableEndsTheInput) {
  // A table, then a line with no break that goes on and on.
  test::GeneratedBuffer text(
      test::read_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt") + "\n", 'x',
      std::uint64_t{4} << 30);
  std::istream in(&text);
  const model::Document doc = convert::Converter(grammar::builtin_grammars()).convert(in, "t.txt");
  EXPECT_EQ(doc.projects.size(), 3u);
  const auto cut = std::find_if(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.code == source::Code::line_too_long && d.line > 0;
  });
  ASSERT_NE(cut, doc.diagnostics.end());
  EXPECT_NE(cut->message.find("reading stops there"), std::string::npos) << cut->message;
  EXPECT_LT(text.served(), std::uint64_t{1} << 30) << "read on and on";
}

TEST(BadInput, TheHashOfABinaryInputIsOfEveryByte) {
  // Reading stops at the NUL byte; the hash must still be sha256sum's, of
  // the whole file: on disk, as standard input from the file, and piped.
  std::string bytes = "项目名称\t甲\n";
  bytes += '\0';
  std::uint32_t state = 18;
  while (bytes.size() < 300000) {
    state = state * 1664525 + 1013904223;
    bytes += static_cast<char>(state >> 24);
  }
  const std::string path = temp_file("binary-long.bin", bytes);
  const std::string sha256 = "\"sha256\":\"" + source::sha256_hex(bytes) + "\"";
  for (const std::string& command : {"jixiao convert " + path, "jixiao convert - < " + path,
                                     "cat " + path + " | jixiao convert -"}) {
    const auto r = run(command);
    EXPECT_EQ(r.status, 1) << command;
    EXPECT_NE(r.out.find(sha256), std::string::npos) << command << "\n" << r.out.substr(0, 300);
  }
}

TEST(BadInput, TheHashOfAnEndlessBinaryStreamSaysWhatItCovers) {
  // A stream that may never end is hashed 64 MiB past where reading
  // stopped, and the document says that the hash covers only that much.
  test::GeneratedBuffer zeros("", '\0', std::uint64_t{4} << 30);
  std::istream in(&zeros);
  const model::Document doc =
      convert::Converter(grammar::builtin_grammars()).convert(in, "/dev/zero");
  const auto note = std::find_if(doc.diagnostics.begin(), doc.diagnostics.end(), [](const auto& d) {
    return d.message.starts_with("source.sha256 is the hash of the first ");
  });
  ASSERT_NE(note, doc.diagnostics.end());
  EXPECT_EQ(note->code, source::Code::binary_input);
  EXPECT_LT(zeros.served(), std::uint64_t{128} << 20);
  // One that ends is hashed whole.
  test::GeneratedBuffer ending("项目名称\t甲\n", '\0', std::uint64_t{3} << 20);
  std::istream again(&ending);
  const model::Document whole =
      convert::Converter(grammar::builtin_grammars()).convert(again, "pipe");
  std::string bytes = "项目名称\t甲\n";
  bytes.resize(std::size_t{3} << 20, '\0');
  EXPECT_EQ(whole.sha256, source::sha256_hex(bytes));
}

TEST(BadInput, PdftextReadsNoMoreThanConvertDoes) {
  // A PDF past 256 MiB is refused by pdftext as by convert, read only that far.
  const std::string path = temp_file("huge.pdf", "%PDF-1.7\n");
  std::filesystem::resize_file(path, std::uint64_t{300} << 20);  // sparse: no disk used
  auto r = run("jixiao pdftext " + path);
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.err, "jixiao: " + path +
                       ": a PDF larger than 256 MiB: split it (e.g. `qpdf --split-pages`) or "
                       "extract its text first\n");
  r = run("jixiao convert -q " + path + " | grep -c 'larger than 256 MiB'");
  EXPECT_EQ(r.out, "1\n");
  std::filesystem::remove(path);
}

TEST(BadInput, TextStartingWithAPercentSignIsStreamed) {
  // `%` opens a PDF's header, and such input was read whole to look at it.
  // Now only the first bytes are: the first project is out long before the
  // stream's end.
  const std::string text =
      "% budget tables\n" +
      test::read_file(test::source_dir() + "/testdata/pingluo-2026-kexie.txt") + "\n";
  test::GeneratedBuffer stream(text, '\0', text.size() + (std::uint64_t{16} << 20));
  std::istream in(&stream);
  std::vector<std::uint64_t> read_by_then;
  const model::Document doc = convert::Converter(grammar::builtin_grammars())
                                  .convert(in, "percent.txt", [&](model::Project&&) {
                                    read_by_then.push_back(stream.served());
                                  });
  ASSERT_EQ(read_by_then.size(), 3u);
  EXPECT_LT(read_by_then.front(), std::uint64_t{1} << 20) << "read whole before converting";
  EXPECT_EQ(doc.encoding, "UTF-8");
}

// Text that is neither UTF-8 nor clean GB18030 is named by ICU's charset
// detector (its library opened only then) and read in that encoding.
TEST(BadInput, AnotherLegacyEncodingIsDetectedAndRead) {
  // Shift_JIS: half-width katakana are single high bytes, which GB18030
  // cannot take before ASCII.
  std::string text =
      "\x8d\x80\x96\xda\x96\xbc\x8f\xcc\x09\xb6\xc0\xb6\xc5\x20\x83\x65\x83\x58\x83\x67\x0a";
  for (int i = 0; i < 4; ++i)
    text +=
        "\x82\xb1\x82\xea\x82\xcd\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x95\xb6\x8f\x91\x82\xc5\x82\xb7"
        "\x81\x42\x95\xb6\x8e\x9a\x83\x52\x81\x5b\x83\x68\x82\xcc\x94\xbb\x92\xe8\x82\xf0\x8e\x8e"
        "\x82\xb5\x82\xdc\x82\xb7\x81\x42\xb1\xb2\xb3\x20\xb4\xb5\x0a";
  std::istringstream in(text);
  const model::Document doc =
      convert::Converter(grammar::builtin_grammars()).convert(in, "shift-jis.txt");
  EXPECT_EQ(doc.encoding, "Shift_JIS");
  ASSERT_EQ(doc.projects.size(), 1u);
  EXPECT_EQ(doc.projects[0].name, "カタカナ テスト");  // NFKC of the half-width forms
}

TEST(BadInput, APdfWithBytesBeforeItsHeaderIsAPdf) {
  // PDF readers look for `%PDF-` in the first 1024 bytes (a mail header
  // before it, say); so does jixiao.
  const std::string path = temp_file(
      "mailed.pdf", "From: a@b.c\nSubject: 2023\n\n" +
                        test::read_file(test::source_dir() + "/testdata/fixtures/hunhe-2023.pdf"));
  const auto r = run("jixiao convert -q --format jsonl " + path + " | grep -c 科技");
  EXPECT_EQ(r.out, "2\n") << r.err;
  EXPECT_EQ(run("jixiao pdftext " + path + " | grep -c 科技特派员服务专项").out, "1\n");
  // 1024 bytes before it is too many: that is text (here, binary data).
  const std::string late = temp_file(
      "late.pdf", std::string(1024, '\n') +
                      test::read_file(test::source_dir() + "/testdata/fixtures/hunhe-2023.pdf"));
  EXPECT_NE(run("jixiao convert " + late).err.find("[binary-input]"), std::string::npos);
}

#if defined(__SANITIZE_ADDRESS__)
#define JIXIAO_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JIXIAO_SANITIZED 1
#endif
#endif

TEST(BadInput, OutOfMemoryForOneInputIsAnErrorOfThatInput) {
#ifdef JIXIAO_SANITIZED
  GTEST_SKIP() << "AddressSanitizer does not run under a limit on memory";
#endif
  // 200 MiB that would be a PDF, read whole, under a limit of 195 MiB of
  // address space: no abort, a message for that input, and the batch goes on.
  const std::string path = temp_file("big.pdf", "%PDF-1.7\n");
  std::filesystem::resize_file(path, std::uint64_t{200} << 20);  // sparse: no disk used
  const std::string limit = "ulimit -v 200000; ";
  if (run(limit + "jixiao convert -q testdata/pingluo-2026-kexie.txt").status != 0)
    GTEST_SKIP() << "jixiao needs more than 200000 KiB of address space here";
  auto r =
      run(limit + "jixiao convert -q --format jsonl " + path + " testdata/pingluo-2026-kexie.txt");
  EXPECT_EQ(r.status, 1) << r.err;  // not 134, an abort
  EXPECT_NE(r.out.find("科普经费"), std::string::npos) << "the batch went on";
  r = run(limit + "jixiao convert " + path + " 2>&1 >/dev/null");
  EXPECT_NE(r.out.find(path + ": error: not enough memory to read this PDF of 200 MiB whole"),
            std::string::npos)
      << r.out;
  r = run(limit + "cat " + path + " | jixiao convert - 2>&1 >/dev/null");
  EXPECT_NE(r.out.find("(stdin): error: not enough memory to read this PDF whole"),
            std::string::npos)
      << r.out;
  r = run(limit + "jixiao pdftext " + path);
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.err, "jixiao: " + path + ": not enough memory to read it whole\n");
  std::filesystem::remove(path);
}

TEST(BadInput, ALineWithThousandsOfCellsIsCut) {
  std::string line = "项目名称";
  for (int i = 0; i < 5000; ++i) line += "\tx";
  const auto r = run("jixiao convert -", line + "\n");
  EXPECT_NE(r.err.find("(stdin):1: warning: 5001 cells: only the first 256 are read "
                       "[too-many-cells]"),
            std::string::npos)
      << r.err.substr(0, 300);
}

TEST(BadInput, AFullDiskIsAnErrorNamingTheOutput) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const auto r = run("jixiao convert -q testdata/ningxia-2021-kexie.txt -o /dev/full");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("/dev/full"), std::string::npos) << r.err;
  const auto out = run("jixiao convert -q testdata/ningxia-2021-kexie.txt > /dev/full");
  EXPECT_EQ(out.status, 3);
  EXPECT_NE(out.err.find("No space left on device"), std::string::npos) << out.err;
}

TEST(BadInput, APatternReachingPcresLimitIsReportedOncePerRuleAndInput) {
  // A grammar whose note pattern backtracks without end on a line of a's.
  const std::string grammar = temp_file("backtracking.jsonc", R"({
    "extends": "budget-target",
    "name": "backtracking",
    "document": {"note": "^(?:注|说明)\\s*:|^(?:a+)+$"}
  })");
  const std::string table = test::read_file("testdata/pingluo-2026-kexie.txt");
  const std::string lines = std::string(40, 'a') + "b\n";
  const std::string first = temp_file("limit-1.txt", lines + "x\n" + lines + table);
  const std::string second = temp_file("limit-2.txt", "x\n" + lines + table);
  // -j 2: each input on a thread of its own, each told once.
  const auto r = run("jixiao convert -q -j 2 --fail-on warning --grammar " + grammar + " " + first +
                     " " + second + " -o /dev/null");
  EXPECT_EQ(r.status, 1);
  const auto j = run("jixiao convert -j 2 --grammar " + grammar + " " + first + " " + second +
                     " 2>&1 >/dev/null | grep -c '\\[pattern-limit]'");
  EXPECT_EQ(j.out, "2\n");
  const auto one = run("jixiao convert --grammar " + grammar + " " + second + " 2>&1 >/dev/null");
  EXPECT_NE(
      one.out.find(second + ":2: warning: the grammar's pattern `document.note` reached PCRE2's "
                            "match limit on this text and was taken as not matching"),
      std::string::npos)
      << one.out;
  // The output is what it was: the line is document text, the table read.
  const auto json = run("jixiao convert -q --grammar " + grammar + " " + second);
  EXPECT_NE(json.out.find("\"code\":\"pattern-limit\""), std::string::npos);
  EXPECT_NE(json.out.find("\"text\":\"" + std::string(40, 'a') + "b\""), std::string::npos);
}

TEST(BadInput, DeeplyNestedValuesDoNotNestTheParser) {
  std::string cell;
  for (int i = 0; i < 20000; ++i) cell += "1项（";
  cell += "2个";
  for (int i = 0; i < 20000; ++i) cell += "）";
  const auto r = run("jixiao value -", cell + "\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"kind\":\"text\""), std::string::npos) << r.out.substr(0, 200);
}

}  // namespace
}  // namespace jixiao
