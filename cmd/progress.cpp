#include "progress.h"

#include <unistd.h>

#include <cstdio>

#include "source/input.h"

namespace jixiao::cli {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::size_t total, bool enabled)
    : total_(total),
      enabled_(enabled && total > 1 && stderr_is_terminal()),
      start_(std::chrono::steady_clock::now()) {}

void Progress::update(std::size_t done, const std::string& current) {
  if (!enabled_) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const long left = rate > 0 ? static_cast<long>(static_cast<double>(total_ - done) / rate) : 0;
  std::fprintf(stderr, "\r\033[K[%zu/%zu] %.1f files/s, %ld:%02ld left, %s", done, total_, rate,
               left / 60, left % 60, source::escape_controls(current).c_str());
  std::fflush(stderr);
}

void Progress::clear() {
  if (!enabled_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace jixiao::cli
