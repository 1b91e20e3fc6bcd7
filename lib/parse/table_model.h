// The table model that the readers of whole tables (space-aligned text,
// reading order) rebuild and the parser reads: rows of cells, each row with
// the lines it was rebuilt from.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "tokenize/tokenize.h"
#include "values/values.h"

namespace jixiao::parse {

// Where a cell of an indicator-table row belongs.
// label_tail: the end of the current second level's label, cut off by a
// page break or wrap (`标`, `（选填）`): a label, but no new level.
// (`unknown_level`: a second-level label the grammar does not know, read as
// one from where it stands and how it ends: `项目管理指标`; `unknown_level1`
// such a label before another level label: a first level.)
enum class CellRole {
  level1,
  level2,
  unknown_level,
  unknown_level1,
  label_tail,
  column_label,
  performance_type,
  content
};
struct ClassifiedCell {
  const tokenize::Cell* cell;
  CellRole role;
  int level = -1;  // index into the grammar's level list
};

struct ModelRow {
  enum class Kind {
    indicator,      // [first level] [second level] name value
    label,          // a level declared with no indicator under it
    orphan_value,   // a value that lost its name: reported, its lines kept
    unknown_label,  // a level label the grammar does not know: reported, its lines kept
  };
  Kind kind = Kind::indicator;
  tokenize::Row row;
  std::vector<int> lines;                    // every line the row was rebuilt from
  std::optional<tokenize::Cell> value_cell;  // orphan_value, unknown_label: where it was
  messages::Message message;                 // orphan_value, unknown_label: the diagnostic
  bool keep_lines_if_unread = false;         // a row that makes no indicator keeps its lines
};

struct TableModel {
  // Lines that are no row's, claimed for the project (role `table` or
  // `levels`) before and after the rows are read, in this order.
  struct Claim {
    std::string role;
    std::vector<int> lines;
  };
  std::vector<Claim> before;
  // The column header, one cell a column, when the reader found the columns
  // (its rows then have one cell a column too, read by the columns' roles).
  std::optional<tokenize::Row> header;
  std::vector<ModelRow> rows;  // in the order they are read
  std::vector<Claim> after;
};

// What a reader asks of the parser: how it classifies a row's cells (which
// depends on the level being read), and whether a name is numbered.
struct ReaderContext {
  const grammar::Grammar& grammar;
  const values::ValueParser& values;
  std::function<std::vector<ClassifiedCell>(const tokenize::Row&)> classify;
  std::function<bool(std::string_view)> numbered;
  // Whether a text the grammar has no level for reads like a level label
  // (`项目管理指标`): see Parser::reads_like_level.
  std::function<bool(std::string_view)> reads_like_level;
};

}  // namespace jixiao::parse
