// Helpers shared by the tests: files, the pipeline on a string, the binary.
#pragma once

#include <cstdint>
#include <streambuf>
#include <string>
#include <vector>

#include "model/model.h"

namespace jixiao::test {

std::string source_dir();
std::string read_file(const std::string& path);
// The lines of a text, without their line breaks.
std::vector<std::string> lines_of(const std::string& text);
// testdata/*.txt and testdata/tables/*.tsv.txt, sorted, relative to the
// source dir: the inputs of the golden tests.
std::vector<std::string> testdata_inputs();

// Runs the pipeline on `text`, the grammar picked as the CLI picks it.
model::Document convert_text(const std::string& text, const std::string& path = "test.txt");

// A GoogleTest parameter name made from a file name: `a-b.txt` → `a_b_txt`.
std::string test_name(std::string text);

// A stream of `prefix`, then `byte` over and over up to `size` bytes in all
// (as good as endless: /dev/zero for a long while), counting the bytes it
// hands out. Not seekable, as a pipe or a device is not.
class GeneratedBuffer : public std::streambuf {
 public:
  GeneratedBuffer(std::string prefix, char byte, std::uint64_t size);
  std::uint64_t served() const { return served_; }

 protected:
  int_type underflow() override;

 private:
  std::string prefix_, block_;
  std::uint64_t left_, served_ = 0;
};

struct CommandResult {
  int status = -1;
  std::string out, err;
};
// Runs a shell command from the source directory, with the built jixiao first
// on PATH.
// A path in the temporary folder for this test process alone (its pid in the
// name), so that test runs side by side do not share files.
std::string scratch_path(const std::string& name);

CommandResult run(const std::string& command, const std::string& stdin_text = "");

}  // namespace jixiao::test
