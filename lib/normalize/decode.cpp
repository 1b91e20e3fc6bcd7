#include "normalize/decode.h"

#include <dlfcn.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "source/input.h"
#include "source/library.h"

namespace jixiao::normalize {
namespace {

constexpr std::size_t kBlock = 64 * 1024;

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// Whether a character is one that text in these tables holds: CJK and its
// punctuation, ASCII, and the symbols and forms found beside them. Read as
// UTF-16, binary data gives such characters about half the time; text,
// nearly always.
bool text_like(char32_t c) {
  if (c < 0x80) return c >= 0x20 ? c < 0x7F : (c >= 0x09 && c <= 0x0D);
  return (c >= 0xA0 && c <= 0x17F) ||     // Latin-1, Latin Extended-A
         (c >= 0x2000 && c <= 0x26FF) ||  // punctuation, letterlike, arrows, maths, shapes
         (c >= 0x3000 && c <= 0x4DBF) ||  // CJK punctuation, kana, enclosed, Extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK Unified Ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK Compatibility Ideographs
         (c >= 0xFE10 && c <= 0xFE6F) ||  // vertical, compatibility and small forms
         (c >= 0xFEFF && c <= 0xFFEF) ||  // byte-order mark, full-width forms
         (c >= 0x20000 && c <= 0x3FFFF);  // CJK Extensions B and on
}

// Reads `head` as UTF-16 without a byte-order mark, and says whether it is:
// its NUL bytes (the high byte of every ASCII character, tabs and line
// breaks among them) stand in one parity of places, and what it decodes to
// is text, line breaks included. A mostly CJK file has too few NUL bytes
// for a count of them to tell, and 一 (U+4E00) puts some in the other
// parity; binary data with NUL bytes decodes to NULs and scattered
// characters instead.
bool reads_as_utf16(const std::string& head, bool little_endian) {
  const std::size_t units = head.size() / 2;
  std::size_t nul_high = 0, nul_low = 0, text = 0, breaks = 0;
  auto unit = [&](std::size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(head[2 * i]);
    const auto b = static_cast<unsigned char>(head[2 * i + 1]);
    return little_endian ? (b << 8 | a) : (a << 8 | b);
  };
  for (std::size_t i = 0; i < units; ++i) {
    const char32_t u = unit(i);
    nul_high += (u >> 8) == 0;
    nul_low += (u & 0xFF) == 0;
    char32_t c = u;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units && unit(i + 1) >= 0xDC00 &&
        unit(i + 1) <= 0xDFFF) {
      c = 0x10000 + ((u - 0xD800) << 10) + (unit(i + 1) - 0xDC00);
      ++i;
      text += text_like(c);  // a pair counts as one character, and one unit more
    }
    text += text_like(c);
    breaks += c == '\n' || c == '\r';
  }
  return units >= 16 && nul_high >= 2 && nul_high * 200 >= units && nul_low * 4 <= nul_high &&
         breaks > 0 && text * 100 >= units * 95;
}

// UTF-16 without a byte-order mark: first by the NUL bytes in every other
// place (mostly ASCII text), then by reading it so (mostly CJK text).
std::string utf16_by_nuls(const std::string& head) {
  std::size_t even = 0, odd = 0, pairs = std::min<std::size_t>(head.size() / 2, 4096);
  for (std::size_t i = 0; i < pairs; ++i) {
    even += head[2 * i] == '\0';
    odd += head[2 * i + 1] == '\0';
  }
  if (pairs < 8) return "";
  if (odd > pairs / 4 && even < pairs / 50) return "UTF-16LE";
  if (even > pairs / 4 && odd < pairs / 50) return "UTF-16BE";
  if (head.find('\0') == std::string::npos) return "";
  if (reads_as_utf16(head, true)) return "UTF-16LE";
  if (reads_as_utf16(head, false)) return "UTF-16BE";
  return "";
}

// UTF-8, allowing the block to end inside a character and a few stray bytes:
// at least nine in ten non-ASCII sequences well formed. Text in GBK almost
// never forms a valid UTF-8 sequence, so the two do not mix up.
bool is_utf8(const std::string& head, bool whole) {
  std::size_t good = 0, bad = 0;
  std::string_view rest = head;
  while (!rest.empty()) {
    const std::size_t at = source::find_invalid_utf8(rest);
    const std::string_view valid = rest.substr(0, at);
    good += static_cast<std::size_t>(std::count_if(valid.begin(), valid.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) == 0xC0;  // a lead byte
    }));
    if (at == std::string_view::npos) break;
    if (whole || at + 4 <= rest.size()) ++bad;  // not merely cut off by the block end
    rest.remove_prefix(at + 1);
  }
  return bad * 10 <= good + bad;
}

// True when the block converts from `name` without an illegal sequence.
bool decodes_cleanly(const std::string& head, const char* name, bool whole) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name, &status);
  if (U_FAILURE(status)) return false;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> target(head.size() + 16);
  UChar* t = target.data();
  const char* s = head.data();
  ucnv_toUnicode(cnv, &t, target.data() + target.size(), &s, head.data() + head.size(), nullptr,
                 whole, &status);
  ucnv_close(cnv);
  return U_SUCCESS(status);
}

// ICU's charset detector lives in its i18n library, which the program does
// not link: loading it (and relocating it) took a third of a millisecond of
// every start-up, and the detector is asked only about a file that is
// neither UTF-8 nor clean GB18030. It is opened then, once, by its SONAME.
struct CharsetDetector {
  decltype(&ucsdet_open) open = nullptr;
  decltype(&ucsdet_setText) set_text = nullptr;
  decltype(&ucsdet_detect) detect = nullptr;
  decltype(&ucsdet_getConfidence) confidence = nullptr;
  decltype(&ucsdet_getName) name = nullptr;
  decltype(&ucsdet_close) close = nullptr;
  bool loaded() const { return close != nullptr; }
};

#define JIXIAO_STRING(x) #x
#define JIXIAO_ICU_SYMBOL(x) JIXIAO_STRING(x)  // ICU's versioned name (ucsdet_open_72)

using source::look_up;

const CharsetDetector& charset_detector() {
  static const CharsetDetector detector = [] {
    CharsetDetector d;
    void* library = ::dlopen("libicui18n.so." U_ICU_VERSION_SHORT, RTLD_NOW | RTLD_LOCAL);
    if (!library) return d;
    if (!(look_up(library, JIXIAO_ICU_SYMBOL(ucsdet_open), d.open) &&
          look_up(library, JIXIAO_ICU_SYMBOL(ucsdet_setText), d.set_text) &&
          look_up(library, JIXIAO_ICU_SYMBOL(ucsdet_detect), d.detect) &&
          look_up(library, JIXIAO_ICU_SYMBOL(ucsdet_getConfidence), d.confidence) &&
          look_up(library, JIXIAO_ICU_SYMBOL(ucsdet_getName), d.name) &&
          look_up(library, JIXIAO_ICU_SYMBOL(ucsdet_close), d.close))) {
      d = CharsetDetector{};
    }
    return d;
  }();
  return detector;
}

// ICU's guess, where it is sure of one; "" otherwise (and where its library
// cannot be opened: the caller's fallback, GB18030, is the usual case).
std::string detected_by_icu(const std::string& head) {
  const CharsetDetector& icu = charset_detector();
  if (!icu.loaded()) return "";
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = icu.open(&status);
  icu.set_text(detector, head.data(), static_cast<int32_t>(head.size()), &status);
  const UCharsetMatch* match = icu.detect(detector, &status);
  std::string name;
  if (U_SUCCESS(status) && match != nullptr && icu.confidence(match, &status) >= 50) {
    name = icu.name(match, &status);
  }
  icu.close(detector);
  return U_SUCCESS(status) ? name : "";
}

}  // namespace

struct DecodingBuffer::UConverterHolder {
  UConverter* source = nullptr;
  ~UConverterHolder() { ucnv_close(source); }
};

bool known_encoding(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name.c_str(), &status);
  ucnv_close(cnv);
  return U_SUCCESS(status) && status != U_AMBIGUOUS_ALIAS_WARNING;
}

DecodingBuffer::DecodingBuffer(std::istream& in, const std::string& forced, std::string start)
    : in_(in), head_(std::move(start)) {
  read_raw(head_);
  detect(forced);
}

DecodingBuffer::~DecodingBuffer() = default;

char* DecodingBuffer::scratch() {
  if (!scratch_) scratch_.reset(new char[kBlock]);
  return scratch_.get();
}

// Fills `chunk` to a block; the bytes it holds already (the input's first,
// read by the caller) are the block's first.
bool DecodingBuffer::read_raw(std::string& chunk) {
  if (const std::size_t had = chunk.size(); had < kBlock) {
    in_.read(scratch(), static_cast<std::streamsize>(kBlock - had));
    chunk.append(scratch_.get(), static_cast<std::size_t>(in_.gcount()));
    if (chunk.size() < kBlock) ended_ = true;  // a short read is the end of the input
  }
  hash_.update(chunk);
  raw_bytes_ += chunk.size();
  return !chunk.empty();
}

bool DecodingBuffer::hash_rest(std::uint64_t limit) {
  char* const block = scratch();
  while (!ended_ && limit > 0) {
    const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(kBlock, limit));
    in_.read(block, want);
    const std::streamsize got = in_.gcount();
    if (got < want) ended_ = true;
    hash_.update(std::string_view(block, static_cast<std::size_t>(got)));
    raw_bytes_ += static_cast<std::uint64_t>(got);
    limit -= static_cast<std::uint64_t>(got);
  }
  // Exactly `limit` bytes may have been the last ones: look.
  if (!ended_ && in_.peek() == std::char_traits<char>::eof()) ended_ = true;
  return ended_;
}

void DecodingBuffer::detect(const std::string& forced) {
  std::string name = forced;
  const bool whole = ended_;
  if (name.empty()) {
    if (starts_with(head_, "\xEF\xBB\xBF")) {
      encoding_ = "UTF-8 (BOM)";
      head_.erase(0, 3);
      return;
    }
    if (starts_with(head_, "\xFF\xFE"))
      name = "UTF-16LE";
    else if (starts_with(head_, "\xFE\xFF"))
      name = "UTF-16BE";
    else
      name = utf16_by_nuls(head_);
    if (!name.empty()) {
      head_.erase(0, starts_with(head_, "\xFF\xFE") || starts_with(head_, "\xFE\xFF") ? 2 : 0);
    } else if (head_.find('\0') != std::string::npos || is_utf8(head_, whole)) {
      // NUL bytes that are not UTF-16 are binary data: left for the reader to report.
      encoding_ = "UTF-8";
      return;
    } else if (decodes_cleanly(head_, "GB18030", whole)) {
      name = "GB18030";
    } else {
      // Not UTF-8 and not clean GB18030: another legacy encoding if ICU is sure
      // of it, otherwise GB18030 with a few bad bytes, the usual case here.
      name = detected_by_icu(head_);
      if (name.empty() || name.starts_with("UTF") || name.starts_with("ISO-8859") ||
          name.starts_with("windows-125")) {
        name = "GB18030";
      }
    }
  } else if (name == "UTF-8" || name == "utf-8" || name == "UTF8" || name == "utf8") {
    encoding_ = "UTF-8";
    if (starts_with(head_, "\xEF\xBB\xBF")) head_.erase(0, 3);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name.c_str(), &status);
  if (U_FAILURE(status)) throw std::invalid_argument("unknown encoding `" + name + "`");
  // Undecodable bytes become U+FFFD, which the reader reports with its line.
  static const UChar kReplacement[] = {0xFFFD};
  ucnv_setSubstString(cnv, kReplacement, 1, &status);
  status = U_ZERO_ERROR;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &status);
  converter_ = std::make_unique<UConverterHolder>();
  converter_->source = cnv;
  encoding_ = name;
}

DecodingBuffer::int_type DecodingBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  while (!done_) {
    std::string raw;
    if (!head_served_) {
      raw.swap(head_);
      head_served_ = true;
    } else if (!ended_) {
      read_raw(raw);
    }
    const bool last = ended_;
    if (converter_) {
      convert(raw, last);
    } else {
      out_.swap(raw);
    }
    done_ = last;
    if (!out_.empty()) {
      setg(out_.data(), out_.data(), out_.data() + out_.size());
      return traits_type::to_int_type(*gptr());
    }
  }
  return traits_type::eof();
}

// Raw bytes → UTF-16 → UTF-8. The converter keeps a partial character between
// blocks; the last call flushes it.
void DecodingBuffer::convert(const std::string& raw, bool last) {
  std::vector<UChar> utf16(raw.size() + 16);
  UChar* target = utf16.data();
  const char* source = raw.data();
  UErrorCode status = U_ZERO_ERROR;
  ucnv_toUnicode(converter_->source, &target, utf16.data() + utf16.size(), &source,
                 raw.data() + raw.size(), nullptr, last, &status);
  const int32_t units = static_cast<int32_t>(target - utf16.data());
  int32_t length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(nullptr, 0, &length, utf16.data(), units, 0xFFFD, nullptr, &status);
  out_.assign(static_cast<std::size_t>(length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out_.data(), length, &length, utf16.data(), units, 0xFFFD, nullptr, &status);
}

}  // namespace jixiao::normalize
