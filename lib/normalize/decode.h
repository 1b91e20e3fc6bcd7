// Decoding: bytes in whatever encoding the file has → UTF-8, streaming.
//
// Many published files are GB18030/GBK, some UTF-16, some UTF-8 with a byte
// order mark. The first block of the file decides (byte-order marks first,
// then UTF-16 without one by its NUL bytes, then valid UTF-8, then GB18030 if
// the block decodes cleanly as GB18030, then ICU's charset detector); the
// rest is converted as it is read, so memory does not grow with the file.
// Every raw byte is hashed on the way, for `source.sha256`.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

#include "source/sha256.h"

namespace jixiao::normalize {

class DecodingBuffer : public std::streambuf {
 public:
  // `forced`: an encoding name ICU knows (`GB18030`, `UTF-16LE`), or empty to
  // detect. `start`: the input's first bytes, when the caller has read them
  // already (to see whether it is a PDF); `in` gives the rest. Throws
  // std::invalid_argument for a name ICU does not know.
  DecodingBuffer(std::istream& in, const std::string& forced, std::string start = {});
  ~DecodingBuffer() override;

  // The encoding in use: `UTF-8`, `UTF-8 (BOM)`, `GB18030`, `UTF-16LE`, …
  const std::string& encoding() const { return encoding_; }
  // True when the input is converted (not UTF-8): a U+FFFD in the output
  // then stands for bytes the encoding could not decode.
  bool converting() const { return converter_ != nullptr; }
  // The hash of every raw byte read; call after reading to the end, or
  // after hash_rest.
  std::string sha256_hex() { return hash_.hex_digest(); }
  // Raw bytes read from the input so far.
  std::uint64_t raw_bytes() const { return raw_bytes_; }
  // Hashes the raw bytes not read yet, without decoding them, up to `limit`
  // of them: for when reading stops before the end (binary data), so that
  // the hash is still the whole file's. True when the input ended within
  // the limit.
  bool hash_rest(std::uint64_t limit);

 protected:
  int_type underflow() override;

 private:
  bool read_raw(std::string& chunk);
  void detect(const std::string& forced);
  void convert(const std::string& raw, bool last);

  std::istream& in_;
  std::string head_;  // the first block, read for detection and served first
  bool head_served_ = false;
  std::string encoding_;
  struct UConverterHolder;
  std::unique_ptr<UConverterHolder> converter_;
  std::string out_;  // decoded bytes being served
  source::Sha256 hash_;
  std::uint64_t raw_bytes_ = 0;
  bool ended_ = false;  // the last raw block has been read
  bool done_ = false;   // and served
  // Where a block is read before it is appended to its string or hashed,
  // made at the first read (scratch()) and never cleared: a string or vector
  // sized to a block would be filled with zeros first, touching 16 pages a
  // small file never needs.
  char* scratch();
  std::unique_ptr<char[]> scratch_;
};

// True when ICU knows the encoding name.
bool known_encoding(const std::string& name);

}  // namespace jixiao::normalize
