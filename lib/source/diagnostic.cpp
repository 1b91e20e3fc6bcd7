#include "source/diagnostic.h"

#include <algorithm>
#include <array>

#include "source/input.h"

namespace jixiao::source {
namespace {

struct CodeInfo {
  Code code;
  std::string_view name;
  Severity severity;
};

constexpr std::array kCodes{
    CodeInfo{Code::binary_input, "binary-input", Severity::error},
    CodeInfo{Code::pdf_unreadable, "pdf-unreadable", Severity::error},
    CodeInfo{Code::pdf_too_large, "pdf-too-large", Severity::error},
    CodeInfo{Code::read_error, "read-error", Severity::error},
    CodeInfo{Code::line_too_long, "line-too-long", Severity::warning},
    CodeInfo{Code::too_many_cells, "too-many-cells", Severity::warning},
    CodeInfo{Code::pattern_limit, "pattern-limit", Severity::warning},
    CodeInfo{Code::invalid_utf8, "invalid-utf8", Severity::error},
    CodeInfo{Code::control_characters, "control-characters", Severity::warning},
    CodeInfo{Code::undecodable, "undecodable", Severity::error},
    CodeInfo{Code::empty_input, "empty-input", Severity::error},
    CodeInfo{Code::no_tables, "no-tables", Severity::error},
    CodeInfo{Code::unparsed_line, "unparsed-line", Severity::warning},
    CodeInfo{Code::title_without_table, "title-without-table", Severity::error},
    CodeInfo{Code::no_indicators, "no-indicators", Severity::error},
    CodeInfo{Code::header_unknown_cell, "header-unknown-cell", Severity::warning},
    CodeInfo{Code::level1_inferred, "level1-inferred", Severity::info},
    CodeInfo{Code::level2_missing, "level2-missing", Severity::warning},
    CodeInfo{Code::unknown_level, "unknown-level", Severity::warning},
    CodeInfo{Code::level2_as_name, "level2-as-name", Severity::info},
    CodeInfo{Code::projects_as_columns, "projects-as-columns", Severity::info},
    CodeInfo{Code::listing_table, "listing-table", Severity::info},
    CodeInfo{Code::name_joined, "name-joined", Severity::info},
    CodeInfo{Code::value_joined, "value-joined", Severity::info},
    CodeInfo{Code::indicators_split, "indicators-split", Severity::info},
    CodeInfo{Code::split_mismatch, "split-mismatch", Severity::warning},
    CodeInfo{Code::extra_cells, "extra-cells", Severity::info},
    CodeInfo{Code::doubled_magnitude, "doubled-magnitude", Severity::warning},
    CodeInfo{Code::layout_chosen, "layout-chosen", Severity::info},
    CodeInfo{Code::unit_inferred, "unit-inferred", Severity::info},
    CodeInfo{Code::unknown_unit, "unknown-unit", Severity::warning},
    CodeInfo{Code::placeholder, "placeholder", Severity::warning},
    CodeInfo{Code::rate_over_limit, "rate-over-limit", Severity::warning},
    CodeInfo{Code::date_far, "date-far", Severity::warning},
    CodeInfo{Code::cost_sum, "cost-sum", Severity::warning},
    CodeInfo{Code::funds_sum, "funds-sum", Severity::warning},
    CodeInfo{Code::allocated_over_total, "allocated-over-total", Severity::warning},
    CodeInfo{Code::level1_missing, "level1-missing", Severity::warning},
    CodeInfo{Code::required_level2_empty, "required-level2-empty", Severity::warning},
    CodeInfo{Code::duplicate_indicator, "duplicate-indicator", Severity::warning},
    CodeInfo{Code::rate_out_of_range, "rate-out-of-range", Severity::warning},
    CodeInfo{Code::text_in_quantitative, "text-in-quantitative", Severity::warning},
    CodeInfo{Code::unit_missing, "unit-missing", Severity::warning},
    CodeInfo{Code::empty_value, "empty-value", Severity::warning},
    CodeInfo{Code::date_outside_year, "date-outside-year", Severity::warning},
    CodeInfo{Code::header_missing, "header-missing", Severity::warning},
    CodeInfo{Code::term_mismatch, "term-mismatch", Severity::warning},
    CodeInfo{Code::goal_year_differs, "goal-year-differs", Severity::warning},
};

const CodeInfo& info(Code code) {
  for (const auto& entry : kCodes) {
    if (entry.code == code) return entry;
  }
  return kCodes.front();  // unreachable: every enumerator has a row
}

}  // namespace

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::string_view to_string(Code code) { return info(code).name; }

std::vector<Code> all_codes() {
  std::vector<Code> out;
  for (const auto& entry : kCodes) out.push_back(entry.code);
  return out;
}
Severity default_severity(Code code) { return info(code).severity; }

namespace {

bool continues_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Where `text` is cut to keep `max_chars` characters (never inside one).
std::size_t cut_point(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (continues_character(text[i])) continue;
    if (chars++ == max_chars) return i;
  }
  return text.size();
}

}  // namespace

std::string shorten_quoted(std::string_view message, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(message.size(), std::size_t{4096}));
  std::size_t at = 0;
  while (at < message.size()) {
    const std::size_t open = message.find('`', at);
    const std::size_t close = open == std::string_view::npos ? open : message.find('`', open + 1);
    if (close == std::string_view::npos) break;
    out.append(message.substr(at, open + 1 - at));
    const std::string_view quoted = message.substr(open + 1, close - open - 1);
    const std::size_t cut = cut_point(quoted, max_chars);
    out.append(quoted.substr(0, cut));
    if (cut < quoted.size()) out += "…";
    out += '`';
    at = close + 1;
  }
  out.append(message.substr(at));
  return out;
}

std::string english(std::string_view message_id, const messages::Args& args) {
  return messages::detail(messages::Language::en, message_id, args);
}

namespace {

// Each item of `value` (see messages::items) cut to kQuotedChars characters.
std::string cut_items(std::string_view value) {
  std::string out;
  for (std::size_t at = 0; at <= value.size();) {
    const std::size_t end = std::min(value.find(messages::kItemSeparator, at), value.size());
    const std::string_view item = value.substr(at, end - at);
    const std::size_t cut = cut_point(item, kQuotedChars);
    out.append(item.substr(0, cut));
    if (cut < item.size()) out += "…";
    if (end < value.size()) out += messages::kItemSeparator;
    at = end + 1;
  }
  return out;
}

// A value is shown in a message, whose quoted spans keep kQuotedChars
// characters; a cell may be a megabyte, and a copy of it in every
// diagnostic would be a waste (the whole cell stays in `text`).
void cut_values(messages::Args& args) {
  for (auto& [name, value] : args) {
    if (value.size() > kQuotedChars) value = cut_items(value);
  }
}

}  // namespace

Diagnostic make_diagnostic(Code code, int line, int column, std::string message_id,
                           messages::Args args, std::string text) {
  std::string message = english(message_id, args);
  // A message quotes the cells it is about; a cell may be a megabyte of
  // run-together text, which would make the message unreadable (and every
  // copy of it large). The whole cell stays in `text`.
  if (message.size() > kQuotedChars) message = shorten_quoted(message, kQuotedChars);
  cut_values(args);
  Diagnostic out;
  out.severity = default_severity(code);
  out.code = code;
  out.line = line;
  out.column = column;
  out.message = std::move(message);
  out.text = std::move(text);
  out.message_id = std::move(message_id);
  out.args = std::move(args);
  return out;
}

std::string format(const Diagnostic& diagnostic, std::string_view path) {
  // (A file name or a cell may hold an ESC sequence: never sent raw to a
  // terminal.)
  std::string out = escape_controls(path);
  if (diagnostic.line > 0) {
    out += ':' + std::to_string(diagnostic.line);
    if (diagnostic.column > 0) out += ':' + std::to_string(diagnostic.column);
  }
  out += ": ";
  out += to_string(diagnostic.severity);
  out += ": ";
  out += escape_controls(diagnostic.message);
  out += " [";
  out += to_string(diagnostic.code);
  out += ']';
  return out;
}

}  // namespace jixiao::source
