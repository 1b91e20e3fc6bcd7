// Stage 1, normalize: turns one raw input line into clean text that the later
// stages can compare with the grammar, and remembers where every byte came
// from.
//
// What it does, in order:
//   1. Markup: HTML tags such as `<p>` are removed and the common entities
//      (`&nbsp;`, `&amp;`, `&#12288;`) decoded; invisible format characters
//      (zero-width space, byte-order mark) are dropped.
//   2. NFKC (ICU): full-width digits, letters and punctuation take their usual
//      forms, so `（１２％）` reads `(12%)`.
//   3. Wraps: the single spaces that PDF extraction leaves between two CJK
//      characters (`绩 效指 标`) are removed, while a space between a number
//      and a word (`≥2 个`) stays, and so does a wider gap, which separates
//      columns in `pdftotext -layout` output.
// Tabs are never touched: they separate cells for the tokenizer.
//
// Every byte of the result carries the byte offset of the original character
// it came from, so a diagnostic can point into the file the user has.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::normalize {

struct Text {
  std::string text;
  // origin[i] is the byte offset, in the original line, of the character that
  // produced text[i]; origin has one more entry, for the end of the line.
  std::vector<std::uint32_t> origin;

  // A text that is its own origin (nothing changed).
  static Text identity(std::string_view text);
};

class Normalizer {
 public:
  Normalizer();
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Runs all three steps on one line of valid UTF-8.
  Text normalize(std::string_view line) const;

  // The steps, exposed for tests.
  Text nfkc(std::string_view line) const;
  // NFKC by ICU alone, which nfkc() asks only for the lines its own tables
  // do not cover (exposed so that a test can hold the tables to it).
  Text nfkc_by_icu(std::string_view line) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether strip_markup() has anything to do: a tag or entity may start, or
// an invisible character is there.
bool has_markup(std::string_view text);
Text strip_markup(Text in);
Text join_cjk_spaces(Text in);

// Characters in the commonest part of Chinese text (the ideographs and the
// punctuation that NFKC keeps) that NFKC leaves alone and that never
// combine with the character before them: a line of these and ASCII is in
// NFKC and skips ICU. A test checks each one against ICU.
bool stays_in_nfkc(char32_t c);

// True for the characters between which a space is an extraction artifact:
// Han ideographs, CJK punctuation and the quotation marks used around them.
bool is_cjk(char32_t c);
// Whether `left` ends and `right` begins with such a character: two pieces
// of one cell that a space between them does not part.
bool cjk_on_both_sides(std::string_view left, std::string_view right);
// How wide valid UTF-8 text prints, in half-width units: wide, full-width and
// ambiguous characters (as Chinese fonts print them) count 2, others 1.
int print_width(std::string_view text);

}  // namespace jixiao::normalize
