// Check: compares a conversion with the expected one by meaning — project by
// project, indicator by indicator, field by field — so that users can run
// jixiao in CI against sample files and read what changed.
//
// Positions (lines, spans) and diagnostics are not compared: they move when
// a file is edited without changing what its tables say.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "messages/catalogue.h"

namespace jixiao::check {

struct Result {
  // `科普经费 › 产出指标/数量指标 › 巩固提升现有科普基地 › value.number: expected 2, got 3`
  std::vector<std::string> differences;
  int projects_expected = 0, projects_found = 0;
  int indicators_expected = 0, indicators_found = 0;
  int indicators_equal = 0;  // found with every field as expected
  int indicators_actual = 0;
};

// Both arguments are jixiao JSON documents (`convert --format json`).
// Throws std::invalid_argument when either is not JSON, or the expected one
// is not a jixiao output (no `projects` list, a project that is no object).
// The differences and the exception's message are in `language`.
Result compare(std::string_view expected_json, std::string_view actual_json,
               messages::Language language = messages::Language::en);

// The counts of one side alone, as the scorer counts them, with no
// difference listed (the caller says why in one line): an output with no
// expected file (its indicators not expected) and an expected file with no
// input (its indicators missing). Throws as compare() does.
Result output_only(std::string_view actual_json);
Result expected_only(std::string_view expected_json);

// Adds one file's counts and differences to a total.
void add(Result& total, const Result& one);

// F1 of equal indicators against expected and actual counts, as the shared
// scorer computes it; none when there was nothing to score (no indicator
// expected or found), which is no perfect score.
std::optional<double> exact_f1(const Result& result);

// exact_f1 for the score line: `n/a` when there was nothing to score, else
// five decimals rounded down, so that one indicator wrong in 3,880 shows
// (0.99974) and only a perfect score reads 1.00000.
std::string format_exact_f1(const Result& result);

}  // namespace jixiao::check
