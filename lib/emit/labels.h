// The words of the tabular outputs (CSV and XLSX): the machine names of the
// contract (`kind`, `quantity`, `>=`) for scripts, or Chinese (类型, 数量, ≥)
// for the people who read a sheet. JSON always has the machine names.
#pragma once

#include <string_view>

#include "model/model.h"

namespace jixiao::emit {

enum class Labels { en, zh };

// A column of a table output: its machine name (the CSV header of the
// contract) and its header for people.
struct Column {
  const char* name;
  const char* zh;
};

inline const char* header(const Column& column, Labels labels) {
  return labels == Labels::zh ? column.zh : column.name;
}

// The enumerations in cells, as `labels` says. A value with no Chinese name
// (a table type of a grammar given with --grammar) is written as it is.
std::string_view kind_label(model::ValueKind kind, Labels labels);
std::string_view op_label(std::string_view op, Labels labels);
std::string_view table_type_label(std::string_view table_type, Labels labels);
std::string_view term_label(bool long_term, Labels labels);

}  // namespace jixiao::emit
