#include "spool.h"

#include <sys/sendfile.h>
#include <unistd.h>

#include <cerrno>
#include <utility>
#include <vector>

namespace jixiao::cli {

Spool::~Spool() {
  if (file_) std::fclose(file_);
}

Spool::Spool(Spool&& other) noexcept
    : memory_(std::move(other.memory_)),
      file_(std::exchange(other.file_, nullptr)),
      spilled_(std::exchange(other.spilled_, 0)),
      ok_(other.ok_) {}

Spool& Spool::operator=(Spool&& other) noexcept {
  if (this != &other) {
    if (file_) std::fclose(file_);
    // Take the other's buffer and free this one's (a string's move
    // assignment may keep its own buffer, filling it with a short string:
    // a batch's slots would each keep their largest output).
    std::string(std::move(other.memory_)).swap(memory_);
    file_ = std::exchange(other.file_, nullptr);
    spilled_ = std::exchange(other.spilled_, 0);
    ok_ = other.ok_;
  }
  return *this;
}

void Spool::spill() {
  if (!ok_) return;
  if (!file_) {
    file_ = std::tmpfile();
    // Unbuffered: pieces are large, and a failed write must show at once.
    if (file_) std::setvbuf(file_, nullptr, _IONBF, 0);
  }
  if (file_ && std::fwrite(memory_.data(), 1, memory_.size(), file_) == memory_.size()) {
    spilled_ += memory_.size();
    memory_.clear();  // the capacity stays, for the next pieces
    return;
  }
  // No temporary file, or a full disk: from here on everything stays in
  // memory, the pieces already on disk included (a failed write may have
  // left part of this piece there too, which is not read back).
  ok_ = false;
  if (!file_) return;
  std::string earlier(spilled_, '\0');
  std::rewind(file_);
  const std::size_t got = std::fread(earlier.data(), 1, spilled_, file_);
  earlier.resize(got);
  memory_.insert(0, earlier);
  std::fclose(file_);
  file_ = nullptr;
  spilled_ = 0;
}

// The spooled file, from `offset` on, through `write`, in blocks.
template <class Write>
bool Spool::read_back(std::size_t offset, const Write& write) {
  if (std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0) return false;
  std::vector<char> block(std::size_t{1} << 20);
  bool written = true;
  std::size_t got;
  while (written && (got = std::fread(block.data(), 1, block.size(), file_)) > 0)
    written = write(std::string_view(block.data(), got));
  return written;
}

// The spooled file copied by the kernel into `out` (no copy through this
// process's memory): the JSON document's arrays were spooled while its head
// was unknown, and are as large as the output. False, with `copied` the
// bytes that did go, where sendfile cannot (a target opened for appending on
// an older kernel) or the target failed.
bool Spool::send_to(int out, std::size_t& copied) {
  const int in = ::fileno(file_);
  off_t offset = 0;
  while (static_cast<std::size_t>(offset) < spilled_) {
    const ssize_t sent = ::sendfile(out, in, &offset, spilled_ - static_cast<std::size_t>(offset));
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) break;
  }
  copied = static_cast<std::size_t>(offset);
  return copied == spilled_;
}

template <class Write>
bool Spool::drain(const Write& write, int descriptor) {
  bool written = true;
  if (file_) {
    written = std::fflush(file_) == 0;
    std::size_t copied = 0;
    if (written && !(descriptor >= 0 && send_to(descriptor, copied))) {
      // (What sendfile refused to start is read back here; a target that
      // failed part-way fails again, and says why, at the next write.)
      written = read_back(copied, write);
    }
    std::fclose(file_);
    file_ = nullptr;
    spilled_ = 0;
  }
  if (written && !memory_.empty()) written = write(memory_);
  std::string().swap(memory_);  // written: its memory goes too
  return written;
}

bool Spool::copy_to(Sink& sink) {
  const int descriptor = file_ ? sink.descriptor() : -1;
  return drain([&](std::string_view text) { return sink.write(text); }, descriptor);
}

void Spool::copy_to(std::FILE* out) {
  drain(
      [&](std::string_view text) {
        return std::fwrite(text.data(), 1, text.size(), out) == text.size();
      },
      -1);
}

}  // namespace jixiao::cli
