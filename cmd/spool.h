// Output waiting for its turn: a converted file's text is held until the
// files before it are written (and a document's JSON until its head is
// known). Up to a limit it stays in memory; past it, it goes to an unnamed
// temporary file, so memory stays flat however large one file's output is.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "output.h"

namespace jixiao::cli {

class Spool {
 public:
  static constexpr std::size_t kMemoryLimit = std::size_t{2} << 20;  // 2 MiB

  Spool() = default;
  ~Spool();
  Spool(Spool&& other) noexcept;
  Spool& operator=(Spool&& other) noexcept;
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // Text is appended to this buffer directly (writers append to strings);
  // call settle() after each piece, which moves a full buffer to disk.
  std::string& buffer() { return memory_; }
  void settle() {
    if (memory_.size() >= kMemoryLimit) spill();
  }
  bool empty() const { return memory_.empty() && spilled_ == 0; }

  // Writes everything held, in order, to `sink`; false when the sink
  // refused. The spool is empty afterwards.
  bool copy_to(Sink& sink);
  // The same, to a C stream (standard error).
  void copy_to(std::FILE* out);

 private:
  void spill();
  template <class Write>
  bool drain(const Write& write, int descriptor);
  template <class Write>
  bool read_back(std::size_t offset, const Write& write);
  bool send_to(int out, std::size_t& copied);

  std::string memory_;
  std::FILE* file_ = nullptr;
  std::size_t spilled_ = 0;
  // False once a spill failed (no temporary file, a full disk): the rest
  // stays in memory, so the output is still whole.
  bool ok_ = true;
};

}  // namespace jixiao::cli
