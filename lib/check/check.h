// Check: compares a conversion with the expected one by meaning — project by
// project, indicator by indicator, field by field — so that users can run
// jixiao in CI against sample files and read what changed.
//
// Positions (lines, spans) and diagnostics are not compared: they move when
// a file is edited without changing what its tables say.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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
// Throws std::invalid_argument when either is not JSON.
Result compare(std::string_view expected_json, std::string_view actual_json);

// F1 of equal indicators against expected and actual counts, as the shared
// scorer computes it.
double exact_f1(const Result& result);

}  // namespace jixiao::check
