#include "test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "convert/convert.h"

namespace jixiao::test {

std::string source_dir() { return JIXIAO_SOURCE_DIR; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> testdata_inputs() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/testdata")) {
    if (entry.path().extension() == ".txt")
      out.push_back("testdata/" + entry.path().filename().string());
  }
  // The other tables, as Word/WPS copy them.
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/testdata/tables")) {
    if (entry.path().filename().string().ends_with(".tsv.txt"))
      out.push_back("testdata/tables/" + entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string test_name(std::string text) {
  for (char& c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return text;
}

model::Document convert_text(const std::string& text, const std::string& path) {
  std::istringstream in(text);
  // As the CLI without --grammar: the grammar is picked by the text.
  return convert::Converter(grammar::builtin_grammars()).convert(in, path);
}

GeneratedBuffer::GeneratedBuffer(std::string prefix, char byte, std::uint64_t size)
    : prefix_(std::move(prefix)), block_(std::size_t{64} << 10, byte), left_(size) {}

GeneratedBuffer::int_type GeneratedBuffer::underflow() {
  if (left_ == 0) return traits_type::eof();
  std::string& from = served_ < prefix_.size() ? prefix_ : block_;
  const std::size_t start = served_ < prefix_.size() ? static_cast<std::size_t>(served_) : 0;
  const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(from.size() - start, left_));
  left_ -= n;
  served_ += n;
  setg(from.data() + start, from.data() + start, from.data() + start + n);
  return traits_type::to_int_type(from[start]);
}

std::string scratch_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("jixiao-" + std::to_string(::getpid()) + "-" + name))
      .string();
}

CommandResult run(const std::string& command, const std::string& stdin_text) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("jixiao-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string in = (dir / "stdin").string(), out = (dir / "stdout").string(),
                    err = (dir / "stderr").string();
  std::ofstream(in, std::ios::binary) << stdin_text;
  const std::string bin_dir = fs::path(JIXIAO_BIN).parent_path().string();
  const std::string full = "cd '" + source_dir() + "' && export PATH='" + bin_dir +
                           "':\"$PATH\" && { " + command + "; } <'" + in + "' >'" + out + "' 2>'" +
                           err + "'";
  CommandResult result;
  int raw = std::system(full.c_str());
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

}  // namespace jixiao::test
