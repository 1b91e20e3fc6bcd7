#include "emit/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "source/input.h"

namespace jixiao::emit {
namespace {

// Whether a decimal can go out exactly as written: a fraction in JSON's
// syntax that a double would print with the same digits (`569.4`, `-0.78`).
// Not whole numbers (written as integers), nor `5.50`, `007`, `.5`, `1e3`
// (never made by the value parser, but printed through a double all the same).
bool plain_json_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  const std::size_t digits = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  const std::size_t integer_digits = i - digits;
  if (integer_digits == 0 || (integer_digits > 1 && text[digits] == '0')) return false;
  if (i == text.size()) return false;  // long integers: through a double, as before
  if (text[i] != '.') return false;
  const std::size_t fraction = ++i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  // A fraction ending in 0 would print differently through a double.
  return i == text.size() && i > fraction && text.back() != '0';
}

// Whether any of eight ASCII bytes must be escaped in a JSON string: a
// control character, `"` or `\` (bit tricks on the word; the bytes are below
// 0x80, checked before).
bool any_to_escape(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [&](std::uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  const bool control = ((word - kOnes * 0x20) & ~word & kHigh) != 0;
  return control || has_zero(word ^ (kOnes * '"')) || has_zero(word ^ (kOnes * '\\'));
}

void append_escape(std::string& out, unsigned char c) {
  static const char* const kHex = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
  }
}

// Appends `text` escaped for a JSON string, checking its UTF-8 in the same
// pass (every string written is scanned once, not once to check and once
// to escape). False, with `out` as it was, at an ill-formed sequence.
bool append_escaped(std::string& out, std::string_view text) {
  const std::size_t mark = out.size();
  const char* const data = text.data();
  const std::size_t size = text.size();
  std::size_t run = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  while (i < size) {
    std::uint64_t word;
    while (i + 8 <= size &&
           (std::memcpy(&word, data + i, 8), (word & 0x8080808080808080ULL) == 0) &&
           !any_to_escape(word))
      i += 8;
    if (i >= size) break;
    const auto c = static_cast<unsigned char>(data[i]);
    if (c >= 0xE1 && c <= 0xEC) {
      // A run of three-byte characters (Chinese text): checked a character
      // at a time in a loop of its own. (E0 and ED, whose second byte has a
      // narrower range, go the general way, as does an ill-formed sequence,
      // which stops the run.)
      const std::size_t from = i;
      while (source::cjk_three_bytes_at(text, i)) i += 3;
      if (i != from) continue;
    }
    if (c >= 0x80) {
      const std::size_t n = source::sequence_length_cjk_first(text, i);
      if (n == 0) {
        out.resize(mark);
        return false;
      }
      i += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(data + run, i - run);
    append_escape(out, c);
    run = ++i;
  }
  out.append(data + run, size - run);
  return true;
}

// A double as nlohmann::json writes it: the shortest digits that read back
// to the same double, in fixed notation from 1e-5 to 1e15 (a whole number
// with `.0`), in exponent notation (`1.5e+20`, two exponent digits at least)
// beyond.
void append_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";  // JSON has no infinities
    return;
  }
  char buffer[32];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific).ptr;
  std::string_view printed(buffer, static_cast<std::size_t>(end - buffer));  // -d.ddde±XX
  if (printed.front() == '-') {
    out += '-';
    printed.remove_prefix(1);
  }
  const std::size_t e = printed.find('e');
  std::string digits(printed.substr(0, e));
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exponent = std::stoi(std::string(printed.substr(e + 1)));
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // where the decimal point goes
  if (k <= n && n <= 15) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
    out += ".0";
  } else if (0 < n && n <= 15) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-4 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits.front();
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += exponent < 0 ? "e-" : "e+";
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
  }
}

}  // namespace

void JsonWriter::append_string(std::string_view text) {
  out_ += '"';
  // Invalid UTF-8 cannot reach here (the reader repairs it), but output must
  // stay valid JSON whatever happens: such bytes become U+FFFD.
  if (!append_escaped(out_, text)) append_escaped(out_, source::repair_utf8(text));
  out_ += '"';
}

void JsonWriter::newline(int depth) {
  out_ += '\n';
  out_.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_member_.empty()) return;  // the top-level value
  if (has_member_.back()) out_ += ',';
  has_member_.back() = true;
  if (pretty_) newline(depth_);
}

namespace {

// Writes `"name":` into `buffer` when the key is printable ASCII that JSON
// writes as it is (the contract's own keys) and short; the bytes written,
// or 0.
std::size_t plain_key(std::string_view name, bool pretty, char (&buffer)[64]) {
  if (name.size() + 4 > sizeof buffer) return 0;
  char* out = buffer;
  *out++ = '"';
  for (const char c : name) {
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return 0;
    *out++ = c;
  }
  *out++ = '"';
  *out++ = ':';
  if (pretty) *out++ = ' ';
  return static_cast<std::size_t>(out - buffer);
}

}  // namespace

void JsonWriter::key(std::string_view name) {
  before_value();
  char buffer[64];
  if (const std::size_t n = plain_key(name, pretty_, buffer)) {
    out_.append(buffer, n);  // (most keys: one append, nothing to escape)
  } else {
    append_string(name);
    out_ += pretty_ ? ": " : ":";
  }
  after_key_ = true;
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  has_member_.push_back(false);
  ++depth_;
}

void JsonWriter::close(char bracket) {
  --depth_;
  if (has_member_.back() && pretty_) newline(depth_);
  has_member_.pop_back();
  out_ += bracket;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  append_string(text);
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::integer(long long value) {
  before_value();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out_.append(buffer, end);
}

void JsonWriter::number(const model::Decimal& decimal) {
  const std::string& text = decimal.text;
  if (text.find('.') == std::string::npos && text.size() <= 18) {
    long long whole = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), whole);
    if (error == std::errc{} && end == text.data() + text.size()) {
      integer(whole);
      return;
    }
  }
  before_value();
  if (plain_json_number(text)) {
    out_ += decimal.text;
    return;
  }
  // Anything else goes through the double nearest to it, printed as
  // nlohmann::json printed every fraction.
  append_double(out_, std::strtod(text.c_str(), nullptr));
}

}  // namespace jixiao::emit
