#include "normalize/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <optional>
#include <stdexcept>

#include "source/input.h"

namespace jixiao::normalize {

bool stays_in_nfkc(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF)                                 // CJK Unified Ideographs
         || c == 0x3001 || c == 0x3002                                // 、。
         || (c >= 0x300A && c <= 0x3011)                              // 《》「」『』【】
         || c == 0x2014                                               // —
         || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D  // ‘’“”
         || c == 0x2264 || c == 0x2265;                               // ≤≥
}

namespace {

// Decodes the code point at text[i] (valid UTF-8 is a precondition) and
// advances i past it.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  UChar32 c = 0;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(text.data(), pos, static_cast<int32_t>(text.size()), c);
  i = static_cast<std::size_t>(pos);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

// The bytes of a line whose characters are all ASCII or stays_in_nfkc():
// such a line is in NFKC already (no character of it changes, and none
// combines with a neighbour), so ICU need not look at it. Valid UTF-8 is a
// precondition.
bool plainly_nfkc(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
    } else if (*p >= 0xE0 && *p < 0xF0 && end - p >= 3) {
      // (Most: an ideograph of U+5000-U+9FFF, E5-E9 lead bytes, told by
      // its first byte alone.)
      if (*p < 0xE5 || *p > 0xE9) {
        if (!stays_in_nfkc(source::three_byte_code_point(p))) return false;
      }
      p += 3;
    } else {
      return false;
    }
  }
  return true;
}

// Copies bytes [from, to) of `in` to `out` with their origins.
void copy_span(const Text& in, std::size_t from, std::size_t to, Text& out) {
  out.text.append(in.text, from, to - from);
  out.origin.insert(out.origin.end(), in.origin.begin() + static_cast<std::ptrdiff_t>(from),
                    in.origin.begin() + static_cast<std::ptrdiff_t>(to));
}

// Appends replacement text that stands for the input bytes starting at `from`.
void append_replacement(const Text& in, std::size_t from, std::string_view replacement, Text& out) {
  out.text.append(replacement);
  out.origin.insert(out.origin.end(), replacement.size(), in.origin[from]);
}

void finish(const Text& in, Text& out) { out.origin.push_back(in.origin.back()); }

bool is_tag_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Length of an HTML tag starting at text[i] (`<p>`, `</p>`, `<br/>`,
// `<span class="x">`), or 0. A `<` followed by anything but an ASCII letter is
// text: `<关于…的意见>` is a title in book-title brackets, not markup.
std::size_t tag_length(std::string_view text, std::size_t i) {
  std::size_t k = i + 1;
  if (k < text.size() && text[k] == '/') ++k;
  if (k >= text.size() ||
      !((text[k] >= 'a' && text[k] <= 'z') || (text[k] >= 'A' && text[k] <= 'Z')))
    return 0;
  while (k < text.size() && is_tag_name_char(text[k])) ++k;
  if (k < text.size() && text[k] != '>' && text[k] != ' ' && text[k] != '/') return 0;
  for (; k < text.size() && k < i + 512; ++k) {
    if (text[k] == '<') return 0;
    if (text[k] == '>') return k + 1 - i;
  }
  return 0;
}

struct Entity {
  std::string_view name;
  std::string_view text;
};
constexpr Entity kEntities[] = {{"&nbsp;", " "}, {"&amp;", "&"},   {"&lt;", "<"},
                                {"&gt;", ">"},   {"&quot;", "\""}, {"&apos;", "'"}};

// What an entity stands for: at most one character, so four bytes.
struct Decoded {
  char bytes[4];
  std::size_t size = 0;
  std::string_view view() const { return {bytes, size}; }
};

// Decodes the entity at text[i]; returns its length, or 0 when there is none.
std::size_t decode_entity(std::string_view text, std::size_t i, Decoded& decoded) {
  for (const auto& entity : kEntities) {
    if (text.substr(i, entity.name.size()) == entity.name) {
      decoded.size = entity.text.copy(decoded.bytes, sizeof decoded.bytes);
      return entity.name.size();
    }
  }
  if (text.substr(i, 2) != "&#") return 0;
  std::size_t k = i + 2;
  const bool hex = k < text.size() && (text[k] == 'x' || text[k] == 'X');
  if (hex) ++k;
  char32_t value = 0;
  std::size_t digits = 0;
  for (; k < text.size() && digits < 7; ++k, ++digits) {
    char c = text[k];
    int d = (c >= '0' && c <= '9')          ? c - '0'
            : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                            : -1;
    if (d < 0) break;
    value = value * (hex ? 16 : 10) + static_cast<char32_t>(d);
  }
  if (digits == 0 || k >= text.size() || text[k] != ';' || value > 0x10FFFF ||
      (value >= 0xD800 && value <= 0xDFFF) || value == 0)
    return 0;
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(decoded.bytes, n, 4, static_cast<UChar32>(value), error);
  decoded.size = error ? 0 : static_cast<std::size_t>(n);
  return decoded.size == 0 ? 0 : k + 1 - i;
}

bool is_invisible(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

}  // namespace

Text Text::identity(std::string_view text) {
  Text out;
  out.text.assign(text);
  out.origin.resize(text.size() + 1);
  for (std::size_t i = 0; i <= text.size(); ++i) out.origin[i] = static_cast<std::uint32_t>(i);
  return out;
}

struct Normalizer::Impl {
  const icu::Normalizer2* nfkc = nullptr;
};

Normalizer::Normalizer() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU NFKC data is unavailable: ") + u_errorName(status));
  }
}

Normalizer::~Normalizer() = default;

namespace {

// NFKC of a line whose characters are ASCII, stays_in_nfkc() characters,
// the full-width forms U+FF01-U+FF5E (NFKC's <wide> ASCII: `（１２％）` is
// `(12%)`) and the ideographic space U+3000 (a space): the commonest Chinese
// text, rewritten without ICU, each rewritten character's bytes pointing at
// the start of the character it came from, as ICU's edits give them. None
// of these combines with a neighbour, so the characters map one by one.
// Nothing for a line with any other character.
std::optional<Text> nfkc_by_table(std::string_view line) {
  const std::size_t size = line.size();
  Text out;
  out.text.resize(size);  // never longer than the line
  out.origin.resize(size + 1);
  char* text = out.text.data();
  std::uint32_t* origin = out.origin.data();
  std::size_t n = 0;  // bytes written
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  for (std::size_t i = 0; i < size;) {
    const auto at = static_cast<std::uint32_t>(i);
    if (p[i] < 0x80) {
      text[n] = static_cast<char>(p[i]);
      origin[n++] = at;
      ++i;
      continue;
    }
    if (p[i] < 0xE0 || p[i] >= 0xF0 || size - i < 3) return std::nullopt;
    const char32_t c = source::three_byte_code_point(p + i);
    if (c >= 0xFF01 && c <= 0xFF5E) {
      text[n] = static_cast<char>(c - 0xFEE0);
      origin[n++] = at;
    } else if (c == 0x3000) {
      text[n] = ' ';
      origin[n++] = at;
    } else if (stays_in_nfkc(c)) {
      for (std::uint32_t k = 0; k < 3; ++k) {
        text[n] = static_cast<char>(p[i + k]);
        origin[n++] = at + k;
      }
    } else {
      return std::nullopt;
    }
    i += 3;
  }
  origin[n] = static_cast<std::uint32_t>(size);
  out.text.resize(n);
  out.origin.resize(n + 1);
  return out;
}

}  // namespace

Text Normalizer::nfkc(std::string_view line) const {
  // ASCII is already in NFKC, and so is most Chinese text: those lines skip
  // ICU (its check, its rewriting and the edit map); most of the rest only
  // has full-width punctuation and digits, mapped by table.
  if (plainly_nfkc(line)) return Text::identity(line);
  if (auto mapped = nfkc_by_table(line)) return std::move(*mapped);
  return nfkc_by_icu(line);
}

Text Normalizer::nfkc_by_icu(std::string_view line) const {
  {
    UErrorCode status = U_ZERO_ERROR;
    const bool normalized = impl_->nfkc->isNormalizedUTF8(
        icu::StringPiece(line.data(), static_cast<int32_t>(line.size())), status);
    if (U_SUCCESS(status) && normalized) return Text::identity(line);
  }
  Text out;
  icu::StringByteSink<std::string> sink(&out.text);
  icu::Edits edits;
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc->normalizeUTF8(0, icu::StringPiece(line.data(), static_cast<int32_t>(line.size())),
                             sink, &edits, status);
  if (U_FAILURE(status)) return Text::identity(line);
  out.origin.reserve(out.text.size() + 1);
  auto it = edits.getFineIterator();
  while (it.next(status)) {
    const auto source = static_cast<std::uint32_t>(it.sourceIndex());
    for (int32_t k = 0; k < it.newLength(); ++k) {
      // An unchanged span maps byte for byte; a changed one points at the
      // start of the characters it replaced.
      out.origin.push_back(it.hasChange() ? source : source + static_cast<std::uint32_t>(k));
    }
  }
  out.origin.push_back(static_cast<std::uint32_t>(line.size()));
  return out;
}

namespace {

// The bytes has_markup() looks closer at: `<` and `&`, and the lead bytes of
// the invisible characters. A table, so that the common byte costs one
// lookup.
constexpr std::array<bool, 256> kMayBeMarkup = [] {
  std::array<bool, 256> table{};
  table['<'] = table['&'] = table[0xC2] = table[0xE2] = table[0xEF] = true;
  return table;
}();

}  // namespace

bool has_markup(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const auto byte = [&](std::size_t i) { return i < text.size() ? bytes[i] : 0u; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!kMayBeMarkup[bytes[i]]) continue;
    switch (bytes[i]) {
      case '<':
      case '&':
        return true;
      // The invisible characters (is_invisible), by their bytes: U+00AD is
      // C2 AD; U+200B-U+200D are E2 80 8B-8D; U+2060 is E2 81 A0; U+FEFF is
      // EF BB BF. (Lines are valid UTF-8, so no decoding is needed to tell.)
      case 0xC2:
        if (byte(i + 1) == 0xAD) return true;
        break;
      case 0xE2:
        if (byte(i + 1) == 0x80 && byte(i + 2) >= 0x8B && byte(i + 2) <= 0x8D) return true;
        if (byte(i + 1) == 0x81 && byte(i + 2) == 0xA0) return true;
        break;
      default:  // 0xEF
        if (byte(i + 1) == 0xBB && byte(i + 2) == 0xBF) return true;
        break;
    }
  }
  return false;
}

Text strip_markup(Text in) {
  const std::string_view text = in.text;
  if (!has_markup(text)) return in;
  Text out;
  out.text.reserve(text.size());
  out.origin.reserve(text.size() + 1);
  Decoded decoded;
  // The text between tags, entities and invisible characters is copied in
  // one piece: text[kept, i) is waiting to be.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '<') {
      if (std::size_t n = tag_length(text, i)) {
        copy_span(in, kept, i, out);
        kept = i += n;
        continue;
      }
    } else if (text[i] == '&') {
      if (std::size_t n = decode_entity(text, i, decoded)) {
        copy_span(in, kept, i, out);
        append_replacement(in, i, decoded.view(), out);
        kept = i += n;
        continue;
      }
    }
    std::size_t start = i;
    if (is_invisible(next_code_point(text, i))) {
      copy_span(in, kept, start, out);
      kept = i;
    }
  }
  copy_span(in, kept, text.size(), out);
  finish(in, out);
  return out;
}

bool is_cjk(char32_t c) {
  // The common ideographs (CJK Unified Ideographs, all assigned and all Han)
  // without asking ICU.
  if (c >= 0x4E00 && c <= 0x9FFF) return true;
  if ((c >= 0x3000 && c <= 0x303F) || (c >= 0x2018 && c <= 0x201F) || (c >= 0xFF00 && c <= 0xFFEF))
    return c != 0x3000;  // the ideographic space is a space, not a character
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN;
}

bool cjk_on_both_sides(std::string_view left, std::string_view right) {
  if (left.empty() || right.empty()) return false;
  int32_t end = static_cast<int32_t>(left.size());
  UChar32 last = 0;
  U8_PREV(left.data(), 0, end, last);
  std::size_t first = 0;
  return last >= 0 && is_cjk(static_cast<char32_t>(last)) && is_cjk(next_code_point(right, first));
}

int print_width(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    const auto east_asian = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
    width += east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH || east_asian == U_EA_AMBIGUOUS
                 ? 2
                 : 1;
  }
  return width;
}

Text join_cjk_spaces(Text in) {
  const std::string_view text = in.text;
  // Only a single space can go (a wider gap separates columns, as in
  // pdftotext -layout), and only between two CJK characters. The text
  // between such spaces is copied in one piece; a line with none is
  // returned as it came.
  Text out;
  std::size_t copied = 0;  // text[0, copied) is in `out`, or needs no copy yet
  bool joined = false;
  for (std::size_t i = text.find(' '); i != std::string_view::npos;) {
    std::size_t end = text.find_first_not_of(' ', i);
    if (end == std::string_view::npos) break;
    if (end - i == 1 && cjk_on_both_sides(text.substr(0, i), text.substr(end))) {
      if (!joined) out.text.reserve(text.size());
      joined = true;
      copy_span(in, copied, i, out);
      copied = end;
    }
    i = text.find(' ', end);
  }
  if (!joined) return in;
  copy_span(in, copied, text.size(), out);
  finish(in, out);
  return out;
}

Text Normalizer::normalize(std::string_view line) const {
  // Markup goes first, so that what an entity stands for (`&#12288;`) is
  // normalized like any other character. Most lines have none.
  if (!has_markup(line)) return join_cjk_spaces(nfkc(line));
  const Text stripped = strip_markup(Text::identity(line));
  Text normalized = nfkc(stripped.text);
  for (auto& offset : normalized.origin) offset = stripped.origin[offset];
  return join_cjk_spaces(std::move(normalized));
}

}  // namespace jixiao::normalize
