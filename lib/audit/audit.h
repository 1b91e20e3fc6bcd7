// Audit: checks that a table's figures add up and that it follows the rules
// of 绩效目标审核 — costs against the annual amount, the funding grid, the
// required levels, values that fit their level, dates inside the budget
// year. The rules and their thresholds come from the grammar's `audit`
// section; this file only does the arithmetic.
//
// Each check yields a finding whether it holds or not, so a report can say
// what was verified; a conversion turns the failed ones into diagnostics.
#pragma once

#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "messages/catalogue.h"
#include "model/model.h"
#include "source/diagnostic.h"

namespace jixiao::audit {

// A finding: the check (by the diagnostic code it fails with), whether it
// holds, the line to look at, and the figures.
using Finding = model::Check;

class Auditor {
 public:
  explicit Auditor(const grammar::Grammar& grammar) : grammar_(grammar) {}

  // Every check on one project, in a fixed order; checks that do not apply
  // (no cost indicators, no funding grid) yield no finding.
  std::vector<Finding> audit(const model::Project& project) const;

 private:
  void check_costs(const model::Project& p, std::vector<Finding>& out) const;
  void check_funds(const model::Project& p, std::vector<Finding>& out) const;
  void check_levels(const model::Project& p, std::vector<Finding>& out) const;
  void check_values(const model::Project& p, std::vector<Finding>& out) const;
  void check_dates(const model::Project& p, std::vector<Finding>& out) const;
  void check_header(const model::Project& p, std::vector<Finding>& out) const;
  void check_term(const model::Project& p, std::vector<Finding>& out) const;
  void check_goal_year(const model::Project& p, std::vector<Finding>& out) const;
  bool is_cost(const model::Indicator& indicator) const;

  const grammar::Grammar& grammar_;
};

// True for the codes of audit checks (as opposed to reading problems).
bool is_check(source::Code code);

// What a check verifies, for people, from the message catalogue
// (`audit-check-CODE`): `cost-sum` → "the cost indicators add up to the
// annual amount"; "" for a code that is no check.
std::string describe(source::Code code, messages::Language language = messages::Language::en);

}  // namespace jixiao::audit
