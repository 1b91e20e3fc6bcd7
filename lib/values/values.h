// Stage 4, values: reads one 指标值 cell into the Value of the output contract.
//
// The grammar's value rules are tried in order (periods, dates, placeholders,
// composites, ranges, quantities); the first whose pattern matches the whole
// cell decides the kind, and its named groups give the parts. This file only
// interprets those groups: which words are comparators, which characters are
// magnitudes or Chinese numerals, and which units exist all come from the
// grammar.
//
// The row a cell stands in matters: under a money level (成本指标) a bare `万`
// means 万元 and a bare number takes the table's money unit. `Context` carries
// that, and the budget year against which dates are checked.
#pragma once

#include <optional>
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
  messages::Message message;
};

struct Parsed {
  model::Value value;
  std::vector<Issue> issues;
};

struct Context {
  int level2 = -1;          // index into the grammar's second levels; -1 when unknown
  std::optional<int> year;  // the budget year
  std::string money_unit;   // the table's money unit (`万元` from `项目年度资金 (万元)`)
};

class ValueParser {
 public:
  explicit ValueParser(const grammar::Grammar& grammar);

  Parsed parse(std::string_view cell, const Context& context = {}) const;

  // The second level named `name` (any alias), or -1.
  int level2_index(std::string_view name) const;

 private:
  using Match = grammar::Pattern::Match;
  // read(cell), or what this thread read of the same cell before.
  Parsed read_once(std::string_view cell) const;

  // `depth`: how many composites (`1项（…）`) this cell sits inside; past a
  // few, a detail is not read further, so no input can nest the parser deep.
  Parsed read(std::string_view cell, int depth = 0) const;
  std::optional<std::string> date_in_digits(std::string_view cell) const;
  bool apply(const grammar::ValueRule& rule, std::string_view cell, Parsed& out, int depth) const;
  bool read_period(const Match& m, const grammar::Pattern& p, Parsed& out) const;
  bool read_date(const Match& m, const grammar::Pattern& p, Parsed& out) const;
  bool read_composite(const Match& m, const grammar::Pattern& p, Parsed& out, int depth) const;
  bool read_range(const Match& m, const grammar::Pattern& p, Parsed& out) const;
  bool read_quantity(const Match& m, const grammar::ValueRule& rule, Parsed& out) const;
  bool read_placeholder(Parsed& out) const;
  std::optional<std::string> read_op(const Match& m, const grammar::Pattern& p) const;
  std::optional<model::Decimal> read_number(const Match& m, const grammar::Pattern& p) const;
  void read_unit(std::string_view unit, Parsed& out) const;
  std::pair<std::string_view, std::string_view> split_per(std::string_view unit) const;

  void apply_context(const Context& context, Parsed& out) const;
  void check(const Context& context, Parsed& out) const;

  const grammar::Grammar& grammar_;
  std::unordered_map<std::string, std::string> op_before_, op_after_;
  std::unordered_map<std::string, std::string> date_op_before_, date_op_after_;
};

// Chinese numerals as a decimal: `一百二十` → 120, `两` → 2, `十五` → 15.
std::optional<model::Decimal> chinese_number(std::string_view text,
                                             const grammar::Grammar& grammar);

}  // namespace jixiao::values
