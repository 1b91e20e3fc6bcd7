#include "source/sha256.h"

#include <openssl/evp.h>

#include <new>

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

// Only running out of memory makes libcrypto's digest calls fail here.
void check(int ok) {
  if (ok != 1) throw std::bad_alloc();
}

}  // namespace

struct Sha256::Context {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : context_(new Context) {
  if (context_->md == nullptr) {
    delete context_;
    throw std::bad_alloc();
  }
  check(EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr));
}

Sha256::~Sha256() { delete context_; }

void Sha256::update(std::string_view bytes) {
  check(EVP_DigestUpdate(context_->md, bytes.data(), bytes.size()));
}

std::string Sha256::hex_digest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  check(EVP_DigestFinal_ex(context_->md, digest, &size));
  return hex(digest, size);
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  check(EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr));
  return hex(digest, size);
}

}  // namespace jixiao::source
