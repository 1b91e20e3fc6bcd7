// SHA-256 (FIPS 180-4), incremental, for the `source.sha256` field of the
// output and for project ids. OpenSSL's libcrypto does the work: it uses the
// CPU's SHA instructions where there are some, about six times the speed of
// portable code, and every byte of every input is hashed.
#pragma once

#include <string>
#include <string_view>

namespace jixiao::source {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  // Finishes the hash; the object must not be updated afterwards.
  std::string hex_digest();

 private:
  struct Context;
  Context* context_;
};

std::string sha256_hex(std::string_view bytes);

}  // namespace jixiao::source
