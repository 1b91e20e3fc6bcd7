#include "spool.h"

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

template <class Write>
bool Spool::drain(const Write& write) {
  bool written = true;
  if (file_) {
    std::fflush(file_);
    std::rewind(file_);
    std::vector<char> block(std::size_t{1} << 20);
    std::size_t got;
    while (written && (got = std::fread(block.data(), 1, block.size(), file_)) > 0)
      written = write(std::string_view(block.data(), got));
    std::fclose(file_);
    file_ = nullptr;
    spilled_ = 0;
  }
  if (written && !memory_.empty()) written = write(memory_);
  std::string().swap(memory_);  // written: its memory goes too
  return written;
}

bool Spool::copy_to(Sink& sink) {
  return drain([&](std::string_view text) { return sink.write(text); });
}

void Spool::copy_to(std::FILE* out) {
  drain([&](std::string_view text) {
    return std::fwrite(text.data(), 1, text.size(), out) == text.size();
  });
}

}  // namespace jixiao::cli
