// The output model: what a conversion produces, independent of any format.
//
// These are plain values. The parser builds them, the emitter writes them;
// neither the normalizer nor the regex engine is visible from here. Field
// meanings follow the output contract (shared spec output-v1.md).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "source/diagnostic.h"

namespace jixiao::model {

// An exact decimal number kept as canonical text (`569.4`, `36`, `0.78`), so
// that no value passes through binary floating point on its way out.
struct Decimal {
  std::string text;
  bool operator==(const Decimal&) const = default;
};

enum class ValueKind { quantity, range, date, period, text, empty };

// A number, a range, a date or a period: what the value patterns read, as
// against text and blanks.
inline bool is_measured(ValueKind kind) {
  return kind == ValueKind::quantity || kind == ValueKind::range || kind == ValueKind::date ||
         kind == ValueKind::period;
}
inline bool is_dated(ValueKind kind) {
  return kind == ValueKind::date || kind == ValueKind::period;
}

// The name of a kind in the output: `quantity`, `range`, …
inline std::string_view to_string(ValueKind kind) {
  switch (kind) {
    case ValueKind::quantity:
      return "quantity";
    case ValueKind::range:
      return "range";
    case ValueKind::date:
      return "date";
    case ValueKind::period:
      return "period";
    case ValueKind::text:
      return "text";
    case ValueKind::empty:
      return "empty";
  }
  return "text";
}

struct Base {
  Decimal number;
  std::optional<std::string> unit;  // null where the cell names no base unit (`5 万`)
};

struct Value {
  std::string raw;
  ValueKind kind = ValueKind::empty;
  std::optional<std::string> op;
  std::optional<Decimal> number, min, max;
  std::optional<std::string> unit;
  std::optional<std::string> unit_inferred;  // the unit a money level implies (`万元`)
  std::optional<Base> base;
  std::string date, from, to;  // ISO, at the precision written
  std::string subject;         // words around the quantity
  std::shared_ptr<const Value> detail;
};

struct Indicator {
  std::string level1;
  std::optional<std::string> level2;
  std::string level2_label;
  std::string name;
  Value value;
  int line = 0;                    // the line of the name
  std::vector<int> lines;          // every line the indicator was read from
  std::vector<std::string> extra;  // cells beyond name and value
  // From columns the table's header names (self-evaluations, provincial
  // variants); absent where the table has no such column.
  std::optional<Value> actual;           // 实际完成值
  std::optional<Value> previous_actual;  // 2021年实际实现值: the year before's
  std::optional<Decimal> weight, score;  // 权重/分值, 得分
  std::optional<std::string> deviation, direction, explanation, scoring, remark, value_type,
      standard;  // 绩效标准
};

// A second-level label as the table declares it, with or without indicators
// under it (`经济效益指标（选填）` on a row of its own).
struct DeclaredLevel {
  std::string level1, level2, label;
  int line = 0;
};

// One audit check of a project (lib/audit): what holds or fails, and where.
struct Check {
  source::Code code;
  bool passed = false;
  int line = 0;
  std::string message;  // in English (the output's), from the template and values below
  std::string message_id;
  messages::Args args;
};

struct TextLine {
  int line = 0;
  std::string text;
  int last_line = 0;  // past `line` when the text spans lines (a CSV cell's line breaks)
};

// The budget grid of a self-evaluation (年初预算数 | 全年预算数 | 全年执行数 |
// 分值 | 执行率 | 得分), its 年度资金总额 row.
struct Budget {
  std::optional<Value> initial, full_year, executed, execution_rate;
  std::optional<Decimal> weight, score;
};

// One of a department's main tasks of the year (年度主要任务).
struct Task {
  std::string name, content;
  std::optional<Value> amount;
  int line = 0;
};

struct Project {
  int index = 0;
  std::string id;
  std::string table_type = "target";  // target, self_evaluation, department (the grammar's)
  int first_line = 0, last_line = 0;
  std::optional<std::string> title;
  std::optional<int> year;
  std::string name;
  std::optional<std::string> department, implementer, attribute, period;
  std::optional<Value> amount;
  std::map<std::string, Value> funds;      // total, fiscal, other, carryover
  std::map<std::string, Value> allocated;  // the same keys, for the allocated scope
  std::optional<std::string> goal, goal_allocated;
  std::optional<std::string> goal_actual;  // 实际完成情况 (self-evaluation)
  std::optional<Budget> budget;            // self-evaluation
  std::vector<Task> tasks;                 // department
  std::string layout;                      // how its rows were separated: tab, pipe or spaces
  std::vector<std::pair<std::string, std::string>> fields;  // label → cell, in order
  std::vector<Indicator> indicators;
  // A table with long-term columns beside the annual ones (`三级指标（长期）`):
  // the long-term targets, row by row; `indicators` are the annual ones.
  std::vector<Indicator> long_term_indicators;
  std::vector<DeclaredLevel> levels;  // every second-level label, in order
  std::vector<Check> audit;           // every audit check, passed or failed
  // Every line the project was read from, by role: title, year, header, goal,
  // table (column headers), levels (rows that only set levels), page.
  std::map<std::string, std::vector<int>> source_lines;
  // Document text since the previous project (for streaming formats).
  std::vector<TextLine> preamble;
};

// A project's amount in 元, where its unit says how (`39 万元` → 390000), or
// none: the figure to sum across projects whose tables write 万元 or 元.
inline std::optional<Decimal> amount_yuan(const Project& p) {
  if (!p.amount) return std::nullopt;
  if (p.amount->base && p.amount->base->unit == "元") return p.amount->base->number;
  if (!p.amount->unit || p.amount->unit == "元") return p.amount->number;
  return std::nullopt;
}

struct Document {
  std::string path;
  std::string sha256;
  std::string encoding;  // as detected or forced: `UTF-8`, `GB18030`, `UTF-16LE`, …; `PDF`
  int lines = 0;         // of the text read (for a PDF: of the text rebuilt from its pages)
  int pdf_pages = 0;     // pages of a PDF input; 0 for text
  std::string grammar;
  std::vector<Project> projects;
  std::vector<source::Diagnostic> diagnostics;
  std::vector<TextLine> text;  // document-level text: headings, notes
};

}  // namespace jixiao::model
