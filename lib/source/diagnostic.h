// Diagnostics: what jixiao tells the user about their input.
//
// A diagnostic is data, not an exception: conversion of a bad file goes on and
// returns what it could read plus the diagnostics that say what it could not.
// The codes form a closed set (`Code`), each with a stable name that scripts can
// match on and that docs/diagnostics.md lists.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "messages/catalogue.h"

namespace jixiao::source {

enum class Severity { info, warning, error };

std::string_view to_string(Severity severity);

enum class Code {
  binary_input,         // the file holds NUL bytes: not text
  pdf_unreadable,       // a PDF that is encrypted, damaged, too large or has no text layer
  pdf_too_large,        // a PDF past one of jixiao's bounds: only what came before it is read
  read_error,           // the input could not be read to its end (an I/O error)
  line_too_long,        // a line past the length limit: only its start is read
  too_many_cells,       // a line with more cells than the limit: the rest are dropped
  pattern_limit,        // a grammar pattern reached a PCRE2 limit: read as no match
  invalid_utf8,         // bytes that are not UTF-8
  control_characters,   // control characters (ESC, BEL, a lone CR) removed from a line
  undecodable,          // bytes the detected or given encoding cannot decode
  empty_input,          // the file has no non-blank line
  no_tables,            // no project table was recognised
  unparsed_line,        // a line that fitted nowhere
  title_without_table,  // a table title with no project header after it
  no_indicators,        // a project whose indicator table gave no indicator
  header_unknown_cell,  // a header cell that is neither a label nor a value
  level1_inferred,      // first level taken from the second level's parent
  level2_missing,       // an indicator before any second-level label
  unknown_level,        // a level column's label the grammar does not know, read as a level
  level2_as_name,       // a table without a 三级指标 column: each second level is an indicator
  projects_as_columns,  // a table with a value column per project, read as as many projects
  listing_table,     // a listing table (项目名称 | 资金来源 | 金额) kept as document text
  name_joined,       // an indicator name continued on a later line
  value_joined,      // an indicator value found on a later line
  indicators_split,  // one cell held several numbered indicators
  split_mismatch,    // numbered names and values did not pair up
  extra_cells,       // an indicator row with more cells than name and value
  doubled_magnitude,  // a value such as `66.84 万万`
  layout_chosen,      // how a table's cells were found to be separated
  unit_inferred,      // a bare magnitude (`5 万`) or number read as money
  unknown_unit,       // a word after a number that the grammar has no unit for
  placeholder,        // a template left unfilled: `≥**平方米`
  rate_over_limit,    // a rate above 100%
  date_far,           // a date far from the budget year
  // The audit (lib/audit): checks of a whole table.
  cost_sum,               // the cost indicators do not add up to the annual amount
  funds_sum,              // 财政拨款 + 其他资金 + 结余结转 is not 资金总额
  allocated_over_total,   // the allocated scope exceeds the total
  level1_missing,         // a required first level is absent
  required_level2_empty,  // a second level marked 必填 has no indicator
  duplicate_indicator,    // two indicators of one second level share a name
  rate_out_of_range,      // a rate outside 0–100%
  text_in_quantitative,   // a 数量/成本 indicator whose value is text
  unit_missing,           // a count or sum of money without a unit
  empty_value,            // an indicator without a value
  date_outside_year,      // a date outside the budget year and project period
  header_missing,         // 项目名称, 主管部门, 实施单位 or the amount is missing
  term_mismatch,          // a one-year project with a longer 项目期限
  goal_year_differs,      // the goal text states another year than the table
};

std::string_view to_string(Code code);
Severity default_severity(Code code);
// Every code, in the order of the enum (for the test that each is documented).
std::vector<Code> all_codes();

struct Diagnostic {
  Severity severity = Severity::warning;
  Code code = Code::unparsed_line;
  int line = 0;    // 1-based; 0 when the diagnostic is about the whole file
  int column = 0;  // 1-based, in characters of the original line; 0 when unknown
  std::string message;
  std::string text;  // the input text concerned, after normalization
  // The last line it concerns, past `line` for a row rebuilt from several
  // lines (a header's label and the value lines around it); else 0.
  int last_line = 0;
  // What `message` says as a template of the message catalogue and its
  // values (each cut to kQuotedChars characters), so that it can be said in
  // Chinese too (lib/messages); empty for a diagnostic made without one.
  std::string message_id;
  messages::Args args;
};

// The characters of a quoted cell that a message keeps.
constexpr std::size_t kQuotedChars = 80;

// A diagnostic of the code's default severity that says template
// `message_id` of the catalogue's `details`, its `message` the English
// words. Each `quoted` span of the message is cut to kQuotedChars
// characters, marked with `…`.
Diagnostic make_diagnostic(Code code, int line, int column, std::string message_id,
                           messages::Args args = {}, std::string text = {});
inline Diagnostic make_diagnostic(Code code, int line, int column, messages::Message message,
                                  std::string text = {}) {
  return make_diagnostic(code, line, column, std::move(message.id), std::move(message.args),
                         std::move(text));
}

// The English words of template `message_id` of the catalogue's `details`
// with `args`, uncut (an audit finding's message).
std::string english(std::string_view message_id, const messages::Args& args);

// Cuts each `quoted` span of `message` past `max_chars` characters (a cut
// span ends in `…`).
std::string shorten_quoted(std::string_view message, std::size_t max_chars);

// `FILE:LINE:COL: severity: message [code]`, the form compilers use, so editors
// and CI logs link it to the place in the file.
std::string format(const Diagnostic& diagnostic, std::string_view path);

}  // namespace jixiao::source
