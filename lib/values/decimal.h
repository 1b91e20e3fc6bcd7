// Exact decimal arithmetic on number text, the little that values need:
// canonical form and scaling by a power of ten (`36` 万 → `360000`).
#pragma once

#include <string>
#include <string_view>

#include "model/model.h"

namespace jixiao::values {

// `569.40` → `569.4`, `1,200` → `1200`, `007` → `7`, `-5` → `-5`. Digits, at
// most one point, thousands separators and a leading sign are expected.
model::Decimal parse_decimal(std::string_view text);

// The number times 10^exponent, exactly: (`8.3988`, 4) → `83988`.
model::Decimal scale(const model::Decimal& number, int exponent);

}  // namespace jixiao::values
