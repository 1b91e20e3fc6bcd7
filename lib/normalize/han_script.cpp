#include "normalize/han_script.h"

#include <array>
#include <cstdint>

#include "source/input.h"

namespace jixiao::normalize {
namespace {

constexpr char32_t kFirst = 0x3400, kLast = 0x9FFF;

struct Pair {
  char32_t traditional, simplified;
};
constexpr Pair kPairs[] = {
#include "han_script_table.inc"
};

// One entry per code point of the blocks (0: unchanged), built once: a
// lookup per character, with no search.
const std::array<char16_t, kLast - kFirst + 1>& table() {
  static const auto built = [] {
    std::array<char16_t, kLast - kFirst + 1> out{};
    for (const Pair& p : kPairs) out[p.traditional - kFirst] = static_cast<char16_t>(p.simplified);
    return out;
  }();
  return built;
}

}  // namespace

char32_t fold_character(char32_t c) {
  if (c < kFirst || c > kLast) return c;
  const char32_t s = table()[c - kFirst];
  return s != 0 ? s : c;
}

namespace {

// Whether `p` begins a well-formed three-byte sequence from U+3400
// (E3 90 80) to U+9FFF (E9 BF BF), `size` bytes being left.
bool three_byte_han_at(const unsigned char* p, std::size_t size) {
  return size >= 3 && p[0] >= 0xE3 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 &&
         (p[2] & 0xC0) == 0x80;
}

// Writes that sequence at `from` to `to` (which may be `from`), folded.
void fold_three_bytes(const unsigned char* from, char* to) {
  const char32_t c = source::three_byte_code_point(from);
  const char32_t s = c >= kFirst ? table()[c - kFirst] : 0;
  if (s == 0) {
    if (to != reinterpret_cast<const char*>(from))
      to[0] = char(from[0]), to[1] = char(from[1]), to[2] = char(from[2]);
    return;
  }
  to[0] = static_cast<char>(0xE0 | (s >> 12));
  to[1] = static_cast<char>(0x80 | ((s >> 6) & 0x3F));
  to[2] = static_cast<char>(0x80 | (s & 0x3F));
}

}  // namespace

void fold_traditional(std::string& utf8) {
  auto* bytes = reinterpret_cast<unsigned char*>(utf8.data());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (!three_byte_han_at(bytes + i, utf8.size() - i)) continue;
    fold_three_bytes(bytes + i, utf8.data() + i);
    i += 2;
  }
}

void append_squashed(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out.resize(start + text.size());  // at most as long as the text
  char* to = out.data() + start;
  const auto* from = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = from + text.size();
  while (from < end) {
    const unsigned char b0 = *from;
    if (b0 < 0x80) {
      const bool space =
          b0 == ' ' || b0 == '\t' || b0 == '\n' || b0 == '\r' || b0 == '\f' || b0 == '\v';
      if (!space) *to++ = static_cast<char>(b0);
      ++from;
    } else if (three_byte_han_at(from, static_cast<std::size_t>(end - from))) {
      fold_three_bytes(from, to);
      to += 3;
      from += 3;
    } else {
      *to++ = static_cast<char>(b0);
      ++from;
    }
  }
  out.resize(static_cast<std::size_t>(to - out.data()));
}

}  // namespace jixiao::normalize
