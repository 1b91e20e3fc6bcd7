// SHA-256 (FIPS 180-4), incremental, for the `source.sha256` field of the
// output and for project ids. Every byte of every input is hashed, so the
// blocks go through the CPU's SHA instructions where it has them (x86-64's
// SHA extensions, about six times the portable code's speed), chosen once
// at run time; elsewhere through portable code. Our own rather than
// OpenSSL's: loading libcrypto cost 0.6 ms of every start-up, a tenth of
// converting a small file.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::source {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // Finishes the hash; the object must not be updated afterwards.
  std::string hex_digest();

 private:
  // Hashes `count` whole 64-byte blocks into the state.
  using Compress = void (*)(std::uint32_t* state, const unsigned char* blocks, std::size_t count);
  explicit Sha256(Compress compress);
  friend std::string sha256_hex_portable(std::string_view bytes);
  void absorb(std::string_view bytes);

  Compress compress_;  // the CPU's SHA instructions, or portable code
  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

std::string sha256_hex(std::string_view bytes);

// For tests: whether the SHA instructions hash here, and the portable
// code's digest of `bytes` (which must equal sha256_hex's everywhere).
bool sha256_uses_cpu_instructions();
std::string sha256_hex_portable(std::string_view bytes);

}  // namespace jixiao::source
