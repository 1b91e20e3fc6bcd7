#include "source/input.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>

namespace jixiao::source {
namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

}  // namespace

// Length of the well-formed UTF-8 sequence at text[i], or 0 when it is not one.
// Follows the table of well-formed byte sequences in the Unicode standard
// (no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

bool LineReader::fill() {
  if (at_ < end_) return true;
  if (ended_) return false;
  if (!block_) block_ = std::make_unique_for_overwrite<char[]>(kChunkBytes);
  const std::streamsize got = in_.rdbuf()->sgetn(block_.get(), kChunkBytes);
  at_ = 0;
  end_ = got > 0 ? static_cast<std::size_t>(got) : 0;
  if (end_ == 0) ended_ = true;
  return end_ > 0;
}

// Takes up to `want` bytes of the current line (to its line break, which
// is taken too but not kept) through `keep`; how many were kept, and
// whether the line ended (a break, or the input's end).
template <class Keep>
std::size_t LineReader::take_line_bytes(std::size_t want, bool& ended, const Keep& keep) {
  std::size_t kept = 0;
  ended = false;
  while (kept < want) {
    if (!fill()) {
      ended = true;
      return kept;
    }
    const char* p = block_.get() + at_;
    const std::size_t avail = std::min(end_ - at_, want - kept);
    const auto* lf = static_cast<const char*>(std::memchr(p, '\n', avail));
    const std::size_t n = lf ? static_cast<std::size_t>(lf - p) : avail;
    if (!keep(p, n)) return kept;
    kept += n;
    at_ += n;
    if (lf) {
      ++at_;
      ended = true;
      return kept;
    }
  }
  // `want` bytes kept: a line break or the input's end right after them
  // ends the line too.
  if (!fill()) {
    ended = true;
  } else if (block_[at_] == '\n') {
    ++at_;
    ended = true;
  }
  return kept;
}

bool LineReader::next(RawLine& line) {
  line.bytes.clear();
  line.skipped = 0;
  line.cut = RawLine::Cut::none;
  if (stopped_ || !fill()) return false;
  // A line is read a chunk at a time: a chunk with no line break that holds
  // a NUL byte is binary data, which may never end (/dev/zero).
  for (;;) {
    const std::size_t chunk_at = line.bytes.size();
    bool ended = false;
    take_line_bytes(kChunkBytes, ended, [&](const char* p, std::size_t n) {
      line.bytes.append(p, n);
      return true;
    });
    if (ended) break;
    if (std::memchr(line.bytes.data() + chunk_at, '\0', kChunkBytes) != nullptr) {
      // The line ends here and so does the input.
      stopped_ = true;
      break;
    }
    if (line.bytes.size() >= kMaxLineBytes) {
      line.skipped = line.bytes.size() - kMaxLineBytes;
      line.bytes.resize(kMaxLineBytes);
      skip_rest(line);
      break;
    }
  }
  if (!line.bytes.empty() && line.bytes.back() == '\r') line.bytes.pop_back();
  line.number = ++lines_;
  return true;
}

void LineReader::skip_rest(RawLine& line) {
  // Chunk by chunk, stopping at a NUL byte (binary data) or after
  // kMaxSkipBytes without a line break.
  for (;;) {
    bool ended = false, binary = false;
    line.skipped += take_line_bytes(kChunkBytes, ended, [&](const char* p, std::size_t n) {
      if (const void* nul = std::memchr(p, '\0', n)) {
        line.skipped += static_cast<std::size_t>(static_cast<const char*>(nul) - p);
        binary = true;
        return false;
      }
      return true;
    });
    if (binary) {
      line.cut = RawLine::Cut::binary;
      stopped_ = true;
      return;
    }
    if (ended) return;
    if (line.skipped >= kMaxSkipBytes) {
      line.cut = RawLine::Cut::endless;
      stopped_ = true;
      return;
    }
  }
}

std::size_t find_invalid_utf8(std::string_view text) {
  const std::size_t size = text.size();
  for (std::size_t i = 0; i < size;) {
    // ASCII eight bytes at a time: every line is checked, and most of a
    // table's bytes are tabs, digits and punctuation between the CJK.
    std::uint64_t word;
    while (i + 8 <= size && (std::memcpy(&word, text.data() + i, 8), (word & kHighBits) == 0))
      i += 8;
    if (i >= size) break;
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = sequence_length_cjk_first(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

char32_t next_character(std::string_view text, std::size_t& i) {
  const std::size_t n = sequence_length(text, i);
  if (n == 0) {
    ++i;
    return kNotACharacter;
  }
  const auto lead = static_cast<unsigned char>(text[i]);
  char32_t c = n == 1 ? lead : lead & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k)
    c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += n;
  return c;
}

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = sequence_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::size_t char_count(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool closes_bracket(std::string_view text) {
  const std::size_t close = std::min(text.find(')'), text.find("）"));
  if (close == std::string_view::npos) return false;
  return std::min(text.find('('), text.find("（")) > close;
}

int column_of(std::string_view line, std::size_t byte) {
  return ColumnCursor(line).column_of(byte);
}

namespace {

// The bytes find_control() stops at: C0 controls but tab, line feed and
// form feed, DEL, and C2 (the lead byte of C1, which the next byte decides).
// A table, so that the common byte costs one lookup.
constexpr std::array<bool, 256> kMayBeControl = [] {
  std::array<bool, 256> table{};
  for (int b = 0; b < 0x20; ++b) table[b] = b != '\t' && b != '\n' && b != '\f';
  table[0x7F] = table[0xC2] = true;
  return table;
}();

}  // namespace

std::size_t find_control(std::string_view text, std::size_t from, std::size_t& length) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = from; i < text.size(); ++i) {
    const unsigned char b = bytes[i];
    if (!kMayBeControl[b]) continue;
    if (b != 0xC2) {
      length = 1;
      return i;
    }
    if (i + 1 < text.size() && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F) {
      length = 2;
      return i;
    }
  }
  return std::string_view::npos;
}

std::string escape_controls(std::string_view text) {
  std::size_t length = 0, at = find_control(text, 0, length);
  if (at == std::string_view::npos) return std::string(text);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  std::size_t from = 0;
  for (; at != std::string_view::npos; at = find_control(text, from, length)) {
    out.append(text, from, at - from);
    const auto b = static_cast<unsigned char>(length == 1 ? text[at] : text[at + 1]);
    out += length == 1 ? "\\x" : "\\u00";
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
    from = at + length;
  }
  out.append(text, from);
  return out;
}

std::size_t strip_controls(std::string& text) {
  std::size_t length = 0, at = find_control(text, 0, length);
  if (at == std::string::npos) return 0;
  std::size_t count = 0, from = 0;
  std::string out;
  for (; at != std::string::npos; at = find_control(text, from, length)) {
    out.append(text, from, at - from);
    ++count;
    from = at + length;
  }
  out.append(text, from);
  text = std::move(out);
  return count;
}

}  // namespace jixiao::source
