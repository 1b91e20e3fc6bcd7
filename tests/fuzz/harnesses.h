// The checks behind the libFuzzer harnesses of tests/fuzz, shared with the
// regression test that replays testdata/fuzz/: each takes one input and
// aborts (a crash for the fuzzer, a failed test otherwise) when a rule is
// broken. They throw nothing.
#pragma once

#include <cstddef>
#include <cstdint>

namespace jixiao::fuzz {

// The normalizer on a line (repaired to UTF-8): its offset map stays inside.
void normalize_line(const std::uint8_t* data, std::size_t size);
// One 指标值 cell through the value parser, in a second level's context.
void parse_value(const std::uint8_t* data, std::size_t size);
// The grammar loader: a GrammarError or a grammar, nothing else.
void load_grammar(const std::uint8_t* data, std::size_t size);
// A whole document, the grammar picked as the CLI picks it; then nothing
// lost: every non-blank line is in a project, the document text or a
// diagnostic.
void convert_document(const std::uint8_t* data, std::size_t size);
// PDF pages built from the bytes (words and rules, 7 bytes each) through the
// table rebuilder: every word comes out in some line.
void rebuild_pages(const std::uint8_t* data, std::size_t size);

}  // namespace jixiao::fuzz
