// Stage 4, values: reads one 指标值 cell into the Value of the output contract.
//
// The grammar's value rules are tried in order (period, date, composite,
// range, quantity); the first whose pattern matches the whole cell decides
// the kind, and its named groups give the parts. This file only interprets
// those groups: which words are comparators, which characters are magnitudes
// and which units exist all come from the grammar.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "grammar/grammar.h"
#include "model/model.h"
#include "source/diagnostic.h"

namespace jixiao::values {

// Something worth telling the user about a value that was still read.
struct Issue {
  source::Code code;
  std::string message;
};

struct Parsed {
  model::Value value;
  std::vector<Issue> issues;
};

class ValueParser {
 public:
  explicit ValueParser(const grammar::Grammar& grammar);

  Parsed parse(std::string_view cell) const;

 private:
  bool apply(const grammar::ValueRule& rule, std::string_view cell, Parsed& out) const;
  bool read_period(const grammar::Pattern::Match& m, const grammar::Pattern& p, Parsed& out) const;
  bool read_date(const grammar::Pattern::Match& m, const grammar::Pattern& p, Parsed& out) const;
  bool read_composite(const grammar::Pattern::Match& m, const grammar::Pattern& p,
                      Parsed& out) const;
  bool read_range(const grammar::Pattern::Match& m, const grammar::Pattern& p, Parsed& out) const;
  bool read_quantity(const grammar::Pattern::Match& m, const grammar::Pattern& p,
                     Parsed& out) const;
  void read_unit(std::string_view unit, Parsed& out) const;

  const grammar::Grammar& grammar_;
  std::unordered_map<std::string, std::string> op_before_, op_after_;
  std::unordered_map<std::string, std::string> date_op_before_, date_op_after_;
};

std::string_view to_string(model::ValueKind kind);

}  // namespace jixiao::values
