#include "emit/labels.h"

namespace jixiao::emit {
namespace {

struct Name {
  std::string_view en, zh;
};

// Value kinds (docs/values.md) by what the cell holds: 数量 rather than
// 数值, which heads the `number` column.
constexpr Name kKinds[] = {{"quantity", "数量"}, {"range", "区间"}, {"date", "日期"},
                           {"period", "期间"},   {"text", "文本"},  {"empty", "空值"}};

// Comparators as the tables themselves write them.
constexpr Name kOps[] = {{">=", "≥"}, {"<=", "≤"}, {">", ">"}, {"<", "<"}, {"=", "="}};

// The built-in grammars' table types, by the titles of their tables.
constexpr Name kTableTypes[] = {{"target", "项目支出绩效目标表"},
                                {"self_evaluation", "项目支出绩效自评表"},
                                {"department", "部门整体支出绩效目标表"}};

constexpr Name kTerms[] = {{"annual", "年度"}, {"long_term", "长期"}};

template <std::size_t N>
std::string_view named(const Name (&names)[N], std::string_view en, Labels labels) {
  if (labels == Labels::en) return en;
  for (const Name& name : names) {
    if (name.en == en) return name.zh;
  }
  return en;
}

}  // namespace

std::string_view kind_label(model::ValueKind kind, Labels labels) {
  return named(kKinds, model::to_string(kind), labels);
}

std::string_view op_label(std::string_view op, Labels labels) { return named(kOps, op, labels); }

std::string_view table_type_label(std::string_view table_type, Labels labels) {
  return named(kTableTypes, table_type, labels);
}

std::string_view term_label(bool long_term, Labels labels) {
  return named(kTerms, long_term ? "long_term" : "annual", labels);
}

}  // namespace jixiao::emit
