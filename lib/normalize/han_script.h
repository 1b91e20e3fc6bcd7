// Traditional Han characters read as simplified ones, for matching only:
// `產出指標` is the grammar's `产出指标`, `滿意度` its `满意度`. The output keeps
// the text as written; only the keys that labels, levels and columns are
// looked up by are folded (grammar::squash).
#pragma once

#include <string>
#include <string_view>

namespace jixiao::normalize {

// Replaces each traditional character of the CJK blocks by its simplified
// form (ICU's Hant-Hans transform, tabled at build time), in place. The
// text's length in bytes does not change, so offsets into it stay valid.
void fold_traditional(std::string& utf8);
// One character the same way: its simplified form, or itself.
char32_t fold_character(char32_t c);
// Appends `text` to `out` without its ASCII white space (space, tab, line
// feed, carriage return, form feed, vertical tab) and folded as by
// fold_traditional: both in one pass over valid UTF-8 (grammar::squash,
// which every cell's key is made with).
void append_squashed(std::string& out, std::string_view text);

}  // namespace jixiao::normalize
