#include "values/decimal.h"

namespace jixiao::values {
namespace {

// Builds canonical text from an integer part and a fraction part.
model::Decimal canonical(std::string integer, std::string fraction) {
  std::size_t first = integer.find_first_not_of('0');
  integer = first == std::string::npos ? "0" : integer.substr(first);
  std::size_t last = fraction.find_last_not_of('0');
  fraction = last == std::string::npos ? "" : fraction.substr(0, last + 1);
  return model::Decimal{fraction.empty() ? integer : integer + "." + fraction};
}

}  // namespace

model::Decimal parse_decimal(std::string_view text) {
  std::string integer, fraction;
  bool after_point = false;
  // `-5`: a sign before the digits (`-5%`, `≤-2%`).
  const std::size_t first = text.find_first_not_of(' ');
  const bool negative = first != std::string_view::npos && text[first] == '-';
  if (negative) {
    model::Decimal magnitude = parse_decimal(text.substr(first + 1));
    if (magnitude.text != "0") magnitude.text.insert(0, 1, '-');
    return magnitude;
  }
  for (char c : text) {
    if (c == '.') {
      after_point = true;
    } else if (c >= '0' && c <= '9') {
      (after_point ? fraction : integer) += c;
    }
  }
  return canonical(integer, fraction);
}

model::Decimal scale(const model::Decimal& number, int exponent) {
  if (number.text.starts_with('-')) {
    model::Decimal magnitude = scale(model::Decimal{number.text.substr(1)}, exponent);
    if (magnitude.text != "0") magnitude.text.insert(0, 1, '-');
    return magnitude;
  }
  const std::size_t point = number.text.find('.');
  std::string integer = number.text.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : number.text.substr(point + 1);
  for (; exponent > 0; --exponent) {
    integer += fraction.empty() ? '0' : fraction.front();
    if (!fraction.empty()) fraction.erase(0, 1);
  }
  for (; exponent < 0; ++exponent) {
    fraction.insert(0, 1, integer.empty() ? '0' : integer.back());
    if (!integer.empty()) integer.pop_back();
  }
  return canonical(integer, fraction);
}

}  // namespace jixiao::values
