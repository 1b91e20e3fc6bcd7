#include "normalize/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace jixiao::normalize {
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

bool is_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
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

Text Normalizer::nfkc(std::string_view line) const {
  // ASCII is already in NFKC, and so is most Chinese text: those lines skip
  // ICU's rewriting and the edit map.
  if (is_ascii(line)) return Text::identity(line);
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

bool has_markup(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    switch (static_cast<unsigned char>(text[i])) {
      case '<':
      case '&':
        return true;
      // The lead bytes of the invisible characters (is_invisible).
      case 0xC2:
      case 0xE2:
      case 0xEF: {
        std::size_t k = i;
        if (is_invisible(next_code_point(text, k))) return true;
        break;
      }
      default:
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
  Decoded decoded;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '<') {
      if (std::size_t n = tag_length(text, i)) {
        i += n;
        continue;
      }
    } else if (text[i] == '&') {
      if (std::size_t n = decode_entity(text, i, decoded)) {
        append_replacement(in, i, decoded.view(), out);
        i += n;
        continue;
      }
    }
    std::size_t start = i;
    char32_t c = next_code_point(text, i);
    if (!is_invisible(c)) copy_span(in, start, i, out);
  }
  finish(in, out);
  return out;
}

bool is_cjk(char32_t c) {
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
  if (text.find(' ') == std::string_view::npos) return in;
  Text out;
  out.text.reserve(text.size());
  char32_t previous = 0;  // last character copied, 0 at the start of the line
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ' ') {
      std::size_t end = text.find_first_not_of(' ', i);
      if (end == std::string_view::npos) end = text.size();
      std::size_t probe = end;
      // One space only: a wider gap separates columns (pdftotext -layout).
      const bool between_cjk = end - i == 1 && previous != 0 && is_cjk(previous) &&
                               end < text.size() && is_cjk(next_code_point(text, probe));
      if (!between_cjk) copy_span(in, i, end, out);
      previous = ' ';
      if (between_cjk) previous = 0x4E00;  // the run vanished: still after a CJK character
      i = end;
      continue;
    }
    std::size_t start = i;
    previous = next_code_point(text, i);
    copy_span(in, start, i, out);
  }
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
