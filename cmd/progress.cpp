#include "progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "source/input.h"

namespace jixiao::cli {
namespace {

// East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, in
// outline): Han, kana, Hangul, full-width forms.
bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

std::string size_text(double bytes) {
  char out[32];
  if (bytes >= 1e9) {
    std::snprintf(out, sizeof out, "%.1f GB", bytes / 1e9);
  } else if (bytes >= 1e6) {
    std::snprintf(out, sizeof out, "%.1f MB", bytes / 1e6);
  } else {
    std::snprintf(out, sizeof out, "%.0f kB", bytes / 1e3);
  }
  return out;
}

}  // namespace

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::size_t terminal_width() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    const long n = std::strtol(columns, nullptr, 10);
    if (n > 0 && n < 10000) return static_cast<std::size_t>(n);
  }
  return 80;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();)
    width += is_wide(source::next_character(text, i)) ? 2 : 1;
  return width;
}

std::string keep_end(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  if (width == 0) return {};
  // The characters' widths, then the longest tail that fits beside `…`.
  std::vector<std::pair<std::size_t, std::size_t>> starts;  // (byte, width)
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    starts.push_back({at, is_wide(source::next_character(text, i)) ? 2u : 1u});
  }
  std::size_t used = 1, from = text.size();
  for (auto it = starts.rbegin(); it != starts.rend() && used + it->second <= width; ++it) {
    used += it->second;
    from = it->first;
  }
  return "…" + text.substr(from);
}

Progress::Progress(std::size_t total_files, std::uintmax_t total_bytes, ProgressMode mode)
    : total_files_(total_files),
      total_bytes_(total_bytes),
      enabled_(mode == ProgressMode::forced ||
               (mode == ProgressMode::automatic && total_files > 1 && stderr_is_terminal())),
      terminal_(stderr_is_terminal()),
      start_(std::chrono::steady_clock::now()),
      last_line_(start_) {}

std::string Progress::line(std::size_t done_files, std::uintmax_t done_bytes,
                           const std::string& current) const {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double byte_rate = seconds > 0 ? static_cast<double>(done_bytes) / seconds : 0;
  const double file_rate = seconds > 0 ? static_cast<double>(done_files) / seconds : 0;
  // Time left by bytes where the sizes are known (not for standard input).
  double left_seconds = 0;
  if (total_bytes_ > 0 && byte_rate > 0) {
    left_seconds =
        static_cast<double>(total_bytes_ - std::min(done_bytes, total_bytes_)) / byte_rate;
  } else if (file_rate > 0) {
    left_seconds = static_cast<double>(total_files_ - done_files) / file_rate;
  }
  const long left = static_cast<long>(left_seconds);
  char head[160];
  std::snprintf(head, sizeof head, "[%zu/%zu] %s of %s, %.1f files/s, %ld:%02ld left, ", done_files,
                total_files_, size_text(static_cast<double>(done_bytes)).c_str(),
                size_text(static_cast<double>(total_bytes_)).c_str(), file_rate, left / 60,
                left % 60);
  std::string out = head;
  const std::size_t width = terminal_ ? terminal_width() : 100;
  // One column short of the width: a full line would wrap on some terminals.
  const std::size_t room = width > out.size() + 1 ? width - out.size() - 1 : 0;
  return out + keep_end(source::escape_controls(current), room);
}

void Progress::update(std::size_t done_files, std::uintmax_t done_bytes,
                      const std::string& current) {
  if (!enabled_) return;
  if (terminal_) {
    std::fprintf(stderr, "\r\033[K%s", line(done_files, done_bytes, current).c_str());
  } else {
    // A log, not a terminal: a line now and then (and the last), no escapes.
    const auto now = std::chrono::steady_clock::now();
    if (done_files < total_files_ && now - last_line_ < std::chrono::seconds(5)) return;
    last_line_ = now;
    std::fprintf(stderr, "%s\n", line(done_files, done_bytes, current).c_str());
  }
  std::fflush(stderr);
}

void Progress::clear() {
  if (!enabled_ || !terminal_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace jixiao::cli
