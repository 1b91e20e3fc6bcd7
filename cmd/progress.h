// The progress line on standard error: files done, rate, time left, current
// file. Drawn on a terminal for more than one file (not with -q), or
// wherever --progress asks for it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace jixiao::cli {

enum class ProgressMode { automatic, forced, off };

class Progress {
 public:
  // `total_bytes`: the inputs' sizes, for the estimate of time left (files
  // differ in size a hundredfold; counting files misleads).
  Progress(std::size_t total_files, std::uintmax_t total_bytes, ProgressMode mode);
  void update(std::size_t done_files, std::uintmax_t done_bytes, const std::string& current);
  void clear();

 private:
  std::string line(std::size_t done_files, std::uintmax_t done_bytes,
                   const std::string& current) const;

  std::size_t total_files_;
  std::uintmax_t total_bytes_;
  bool enabled_ = false;
  bool terminal_ = false;  // redrawn in place; else a line every few seconds
  std::chrono::steady_clock::time_point start_, last_line_;
};

bool stderr_is_terminal();

// The columns of the terminal on standard error (COLUMNS, else 80, when it
// does not say).
std::size_t terminal_width();

// The columns `text` takes on a terminal: two for a wide (CJK) character.
std::size_t display_width(std::string_view text);

// `text` cut from the left to `width` columns, `…` marking the cut: the end
// of a path (the file's name) is the part worth keeping.
std::string keep_end(const std::string& text, std::size_t width);

}  // namespace jixiao::cli
