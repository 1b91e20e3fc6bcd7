#include "source/sha256.h"

// The digest functions themselves, not EVP: EVP's first call fetches the
// algorithm from a provider, which cost more than converting a small file
// (4.5 M instructions, a tenth of a one-file run). OpenSSL 3 marks them
// deprecated but keeps them, with the same SHA-extension code as EVP.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace jixiao::source {
namespace {

std::string hex(const unsigned char* digest, unsigned int size) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace

struct Sha256::Context {
  SHA256_CTX sha;
};

Sha256::Sha256() : context_(new Context) { SHA256_Init(&context_->sha); }

Sha256::~Sha256() { delete context_; }

void Sha256::update(std::string_view bytes) {
  SHA256_Update(&context_->sha, bytes.data(), bytes.size());
}

std::string Sha256::hex_digest() {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_Final(digest, &context_->sha);
  return hex(digest, sizeof digest);
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 sha;
  sha.update(bytes);
  return sha.hex_digest();
}

}  // namespace jixiao::source
