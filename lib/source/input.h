// Reading input: lines, their numbers, and the checks that must come before
// any text processing (binary data, invalid UTF-8).
//
// Input is streamed a line at a time, so memory does not grow with the file.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::source {

// No line is read past this many bytes: a table row is a few KB, and a
// longer "line" is a file without line breaks or binary data. The rest of
// it is skipped (and reported), so one line cannot hold the whole input.
constexpr std::size_t kMaxLineBytes = 1 << 20;  // 1 MiB

// Past kMaxLineBytes a line is skipped to its end, but no further than
// this: a stream with no line break may never end (`yes | tr -d '\n'`), and
// skipping it would never return.
constexpr std::size_t kMaxSkipBytes = std::size_t{256} << 20;  // 256 MiB

struct RawLine {
  int number = 0;           // 1-based
  std::string bytes;        // without the line break; a trailing CR is removed
  std::size_t skipped = 0;  // bytes past kMaxLineBytes, not read
  // Why reading stopped in this line's skipped part, if it did: a NUL byte
  // there (binary data, which may never end: /dev/zero), or kMaxSkipBytes
  // skipped without a line break. No line follows it.
  enum class Cut { none, binary, endless };
  Cut cut = Cut::none;
};

class LineReader {
 public:
  // Reads `in` through its stream buffer, in blocks: nothing else may read
  // `in` while the reader is in use.
  explicit LineReader(std::istream& in) : in_(in) {}
  // Reads the next line; false at the end of the input, and after a line
  // that ends reading: one whose first chunk without a line break holds a
  // NUL byte (binary data: its bytes show the NUL), or one with a `cut`.
  bool next(RawLine& line);
  int lines_read() const { return lines_; }

 private:
  // Makes a byte available in the block; false at the input's end.
  bool fill();
  template <class Keep>
  std::size_t take_line_bytes(std::size_t want, bool& ended, const Keep& keep);
  // Skips the rest of a line past kMaxLineBytes, counting it in `line`.
  void skip_rest(RawLine& line);

  std::istream& in_;
  int lines_ = 0;
  bool stopped_ = false;  // binary data or an endless line: nothing more is read
  // Input is read in blocks of 64 KiB and lines are cut from them (a long
  // line is joined from them, and checked for binary data a chunk of that
  // size at a time): a buffer of a whole 1 MiB per input was mapped and
  // unmapped for every file, and unmapping stops every other thread of a
  // batch for a moment.
  static constexpr std::size_t kChunkBytes = std::size_t{64} << 10;
  std::unique_ptr<char[]> block_;
  std::size_t at_ = 0, end_ = 0;  // the bytes of the block not taken yet
  bool ended_ = false;            // the input has no more
};

// Length of the well-formed UTF-8 sequence at text[i], or 0 when it is not one.
std::size_t sequence_length(std::string_view text, std::size_t i);

// Whether text[i] begins the most common sequence of a table's text, a CJK
// character's three bytes led by E1..EC, well formed (E0 and ED have
// narrower second bytes, left to sequence_length).
inline bool cjk_three_bytes_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  return i + 3 <= text.size() && byte(i) >= 0xE1 && byte(i) <= 0xEC &&
         (byte(i + 1) & 0xC0) == 0x80 && (byte(i + 2) & 0xC0) == 0x80;
}

// sequence_length, with that case inline.
inline std::size_t sequence_length_cjk_first(std::string_view text, std::size_t i) {
  return cjk_three_bytes_at(text, i) ? 3 : sequence_length(text, i);
}

// The code point of a three-byte sequence (lead byte E0..EF) at `p`.
inline char32_t three_byte_code_point(const unsigned char* p) {
  return (char32_t(p[0] & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | char32_t(p[2] & 0x3F);
}

// Byte offset of the first byte that does not belong to a well-formed UTF-8
// sequence, or npos when the text is valid.
std::size_t find_invalid_utf8(std::string_view text);

// Replaces every ill-formed sequence by U+FFFD so later stages see valid text.
std::string repair_utf8(std::string_view text);

// Control characters a terminal would act on (ESC sequences, bells, a
// carriage return that rewrites the line): C0 but tab, line feed and form
// feed (pdftotext's page break), DEL, and C1 (U+0080..U+009F, two bytes in
// UTF-8). The byte offset of the first, or npos; `length` its bytes.
std::size_t find_control(std::string_view text, std::size_t from, std::size_t& length);
// The text with each such character written as `\xHH` (C1: `\u0080`), for
// messages to a terminal.
std::string escape_controls(std::string_view text);
// Removes them; returns how many there were.
std::size_t strip_controls(std::string& text);

// Characters (code points) in valid UTF-8.
std::size_t char_count(std::string_view text);

// What next_character() gives for a byte that starts no well-formed UTF-8
// sequence (above every code point).
constexpr char32_t kNotACharacter = 0xFFFFFFFF;

// The code point at `text[i]`, advancing `i` past it; kNotACharacter for an
// ill-formed byte, past which `i` advances by one.
char32_t next_character(std::string_view text, std::size_t& i);

// Whether `text` closes a bracket it did not open (`亩）`, `填硬性指标）`):
// the end of a cell whose bracket opened on a line above.
bool closes_bracket(std::string_view text);

// 1-based column, counted in characters, of a byte offset in a UTF-8 line.
int column_of(std::string_view line, std::size_t byte);

// column_of for offsets asked in order along one line (a row's cells, left
// to right): each counts on from the last, so a line is walked once, not
// once per cell. An offset before the last starts again from the line's
// start.
class ColumnCursor {
 public:
  explicit ColumnCursor(std::string_view line) : line_(line) {}
  int column_of(std::size_t byte) {
    if (byte < at_) at_ = 0, column_ = 1;
    for (; at_ < byte && at_ < line_.size(); ++at_) {
      if ((static_cast<unsigned char>(line_[at_]) & 0xC0) != 0x80) ++column_;
    }
    return column_;
  }

 private:
  std::string_view line_;
  std::size_t at_ = 0;
  int column_ = 1;
};

}  // namespace jixiao::source
