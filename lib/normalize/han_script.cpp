#include "normalize/han_script.h"

#include <array>
#include <cstdint>

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

void fold_traditional(std::string& utf8) {
  const auto& map = table();
  for (std::size_t i = 0; i + 2 < utf8.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(utf8[i]);
    // Three-byte sequences from U+3400 (E3 90 80) to U+9FFF (E9 BF BF).
    if (b0 < 0xE3 || b0 > 0xE9) continue;
    const auto b1 = static_cast<unsigned char>(utf8[i + 1]),
               b2 = static_cast<unsigned char>(utf8[i + 2]);
    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) continue;
    const char32_t c = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
    if (c >= kFirst && c <= kLast && map[c - kFirst] != 0) {
      const char32_t s = map[c - kFirst];
      utf8[i] = static_cast<char>(0xE0 | (s >> 12));
      utf8[i + 1] = static_cast<char>(0x80 | ((s >> 6) & 0x3F));
      utf8[i + 2] = static_cast<char>(0x80 | (s & 0x3F));
    }
    i += 2;
  }
}

void append_squashed(std::string& out, std::string_view text) {
  const auto& map = table();
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
      continue;
    }
    // Three-byte sequences from U+3400 (E3 90 80) to U+9FFF (E9 BF BF).
    if (b0 >= 0xE3 && b0 <= 0xE9 && end - from >= 3 && (from[1] & 0xC0) == 0x80 &&
        (from[2] & 0xC0) == 0x80) {
      const char32_t c = ((b0 & 0x0Fu) << 12) | ((from[1] & 0x3Fu) << 6) | (from[2] & 0x3Fu);
      const char32_t s = c >= kFirst ? map[c - kFirst] : 0;
      if (s != 0) {
        to[0] = static_cast<char>(0xE0 | (s >> 12));
        to[1] = static_cast<char>(0x80 | ((s >> 6) & 0x3F));
        to[2] = static_cast<char>(0x80 | (s & 0x3F));
      } else {
        to[0] = static_cast<char>(b0), to[1] = static_cast<char>(from[1]),
        to[2] = static_cast<char>(from[2]);
      }
      to += 3;
      from += 3;
      continue;
    }
    *to++ = static_cast<char>(b0);
    ++from;
  }
  out.resize(static_cast<std::size_t>(to - out.data()));
}

}  // namespace jixiao::normalize
