// The progress line on standard error: files done, rate, time left, current
// file. Drawn only on a terminal, for more than one file, and not with -q.
#pragma once

#include <chrono>
#include <string>

namespace jixiao::cli {

class Progress {
 public:
  Progress(std::size_t total, bool enabled);
  void update(std::size_t done, const std::string& current);
  void clear();

 private:
  std::size_t total_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

bool stderr_is_terminal();

}  // namespace jixiao::cli
