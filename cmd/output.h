// Where converted output goes: standard output, one file, or one file per
// input (or per project) in a folder. Files are written under a temporary
// name and renamed when complete, so an interrupted run never leaves a
// truncated file that looks whole.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace jixiao::cli {

class Sink {
 public:
  virtual ~Sink() = default;
  // False once the output cannot take more (a closed pipe, a full disk).
  virtual bool write(std::string_view text) = 0;
  // Completes the output; false (with `error`) on failure.
  virtual bool finish(std::string& error) = 0;
};

std::unique_ptr<Sink> stdout_sink();
// Creates the parent folders; writes to `path.tmp.PID` and renames on finish.
std::unique_ptr<Sink> file_sink(const std::string& path, std::string& error);

// Writes to standard output at once; false when the reader has gone.
bool write_stdout(std::string_view text);

bool write_file_atomically(const std::string& path, std::string_view content, std::string& error);

// A temporary path beside `path`, for writers that need a file name (XLSX).
std::string temporary_path(const std::string& path);
bool commit_temporary(const std::string& temporary, const std::string& path, std::string& error);

}  // namespace jixiao::cli
