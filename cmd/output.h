// Where converted output goes: standard output, one file, or one file per
// input in a folder. Files are written to a temporary name and renamed, so
// an interrupted run never leaves a truncated file that looks whole.
#pragma once

#include <string>

namespace jixiao::cli {

// Writes `content` to `path` atomically; false (with `error`) on failure.
bool write_file_atomically(const std::string& path, const std::string& content, std::string& error);

// Writes to standard output; false when the reader has gone (closed pipe).
bool write_stdout(const std::string& content);

}  // namespace jixiao::cli
