// Stage 3, parse: turns the stream of rows into projects, driven by the
// grammar.
//
// The parser is a small state machine fed one row at a time. A title line
// opens a table; the header labels (项目名称, 主管部门, the funding grid, the
// goal) fill the project's header; the column-header row opens the indicator
// tree, whose rows are read by what their cells say rather than where they
// stand, because extraction adds and drops cells: a level label is a level
// label in whichever column it lands. Merged cells arrive blank, so the
// current first and second level carry down until a row names new ones.
//
// Every non-blank line ends up somewhere: in a project (its source_lines or
// an indicator's lines), in document-level text, or in a diagnostic. Projects
// are handed to the caller as soon as they end, so memory does not grow with
// the number of projects.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "grammar/grammar.h"
#include "layout/layout.h"
#include "model/model.h"
#include "parse/aligned.h"
#include "parse/reading_order.h"
#include "parse/table_model.h"
#include "source/diagnostic.h"
#include "tokenize/tokenize.h"
#include "values/values.h"

namespace jixiao::parse {

class Parser {
 public:
  using ProjectHandler = std::function<void(model::Project&&)>;

  Parser(const grammar::Grammar& grammar, ProjectHandler on_project);

  void feed(const tokenize::Row& row);
  // Ends the input: the last project is handed over, and a document without
  // any table gets its diagnostic. `earlier` is what the parts of the input
  // before this parser's (read with other grammars) held.
  struct Earlier {
    int projects = 0;
    bool content = false;
  };
  void finish(Earlier earlier);
  void finish() { finish(Earlier{0, false}); }
  // Ends this parser's part of the input, where a table of another kind
  // begins: the last project is handed over; the document goes on.
  void end_part();
  bool any_content() const { return any_content_; }

  // Diagnostics and document text gathered so far; the caller may take them
  // (move them out) at any time.
  std::vector<source::Diagnostic>& diagnostics() { return diagnostics_; }
  std::vector<model::TextLine>& document_text() { return document_text_; }
  int projects_seen() const { return project_count_; }

 private:
  enum class Section { none, header, table };
  enum class Scope { total, allocated };

  struct PendingLabel {
    grammar::HeaderField field;
    std::string label;  // as written
    Scope scope = Scope::total;
    int column = -1;  // the label cell's index in its row
  };

  // parse.cpp: the document-level state machine
  void on_title(const tokenize::Row& row);
  void settle_pending_title();
  void release_pending_header();
  void on_year(const tokenize::Row& row);
  void on_page_break(const tokenize::Row& row);
  void on_cells(const tokenize::Row& row);
  bool hold_header_piece(const tokenize::Row& row);
  void release_header_pieces();
  void start_project(const tokenize::Row& row);
  void count_layout(const tokenize::Row& row);
  messages::Args layout_evidence() const;
  void finish_project();
  void add_document_text(const tokenize::Row& row);
  void claim(const tokenize::Row& row, const std::string& role);
  void claim_lines(const std::vector<int>& lines, const std::string& role);
  void report_unread(const std::vector<const tokenize::Row*>& rows);
  void diagnose(source::Code code, const tokenize::Row& row, const tokenize::Cell* cell,
                messages::Message message);

  // header.cpp: 项目名称 … 年度绩效目标
  bool has_header_label(const tokenize::Row& row) const;
  std::optional<std::pair<tokenize::Row, tokenize::Row>> split_lead(const tokenize::Row& row) const;
  bool starts_new_project(const tokenize::Row& row) const;
  void read_header_row(const tokenize::Row& row);
  bool continues_goal(const tokenize::Row& row);
  bool plausible_name(const std::string& text) const;
  bool name_unsettled() const;
  void rename_project(const std::string& name);
  void take_label(const grammar::Grammar::LabelMatch& match, std::string label, Scope& scope,
                  int column = -1);
  void assign(const PendingLabel& label, std::string value);
  void set_header_field(const PendingLabel& label, const std::string& value);
  bool continues_value(const tokenize::Row& row);
  bool hold_wrapped_label(const tokenize::Row& row);
  bool take_unit_cell(const tokenize::Cell& cell);
  void release_wrapped_label();
  void add_field(const std::string& label, const std::string& value);
  model::Value money(std::string_view cell, Scope scope) const;

  // Tables read whole (space-aligned text, reading order): what the readers
  // need of the parser, and the reading of the model they rebuild.
  ReaderContext reader_context() const;
  void read_table_model(const TableModel& model, const std::vector<const tokenize::Row*>& lines);

  // reading_order.cpp: plain reading-order text; the table itself is read
  // by ReadingOrderTable
  bool is_lone_column_label(const tokenize::Row& row) const;
  bool numbered(std::string_view text) const;
  void level1_as_level2(std::vector<ClassifiedCell>& cells) const;
  std::string level1_name() const;
  void set_unknown_level(const tokenize::Row& row, const tokenize::Cell& cell, bool first);
  bool reads_like_level(std::string_view text) const;
  void read_reading_order_row(const tokenize::Row& row);
  void reopen_header(const tokenize::Row& row);

  // grids.cpp: the budget grid (self-evaluation) and tasks (department)
  bool read_header_grid_row(const tokenize::Row& row);
  bool read_budget_row(const tokenize::Row& row);
  bool read_task_row(const tokenize::Row& row);
  void take_grid_unit(const tokenize::Row& row);

  // columns.cpp: rows read by the roles the header row gives their columns
  struct ColumnExtras {
    std::optional<std::string> actual, weight, score, deviation, direction, explanation, scoring,
        remark, value_type, previous, standard;
  };
  void set_column_roles(const tokenize::Row& header, bool always = false);
  bool reads_by_column(const tokenize::Row& row) const;
  void read_row_by_column(const tokenize::Row& row);
  std::size_t column_offset(const tokenize::Row& row) const;
  std::optional<std::size_t> surplus_blank(const tokenize::Row& row) const;
  void apply_column_extras(model::Indicator& indicator, const values::Context& context);
  void read_long_term(const tokenize::Row& row,
                      const std::vector<std::pair<std::size_t, const tokenize::Cell*>>& cells);

  // indicators.cpp: the indicator tree
  bool is_table_header(const tokenize::Row& row) const;
  bool is_signature_row(const tokenize::Row& row) const;
  bool is_fund_row(const tokenize::Row& row) const;
  // header.cpp: a listing table before the target tables
  bool is_listing_heading(const tokenize::Row& row) const;
  bool read_listing_row(const tokenize::Row& row);
  std::vector<ClassifiedCell> classify(const tokenize::Row& row) const;
  void read_indicator_row(const tokenize::Row& row);
  void read_indicator_row_by_content(const tokenize::Row& row);
  bool set_levels_from(const tokenize::Row& row);
  // The same with the row's cells classified already (as they are before
  // any level is set).
  bool set_levels_from(const tokenize::Row& row, const std::vector<ClassifiedCell>& cells);
  void set_level1(int level);
  void set_level2(int level, const tokenize::Cell& cell, const tokenize::Row& row);
  void declare_level2(const tokenize::Row& row);
  void read_lone_cell(const tokenize::Row& row, const tokenize::Cell& cell, bool has_levels);
  void read_level2_indicator(const tokenize::Row& row, const std::vector<ClassifiedCell>& cells);
  bool find_project_columns(const tokenize::Row& header);
  void read_project_columns_row(const tokenize::Row& row);
  std::vector<model::Project> split_by_columns(model::Project&& project);
  std::size_t split_point(const tokenize::Row& row, const tokenize::Cell& cell) const;
  bool words_table() const;
  std::optional<std::pair<tokenize::Cell, tokenize::Cell>> name_and_value(
      const tokenize::Cell& cell) const;
  void add_indicators(const tokenize::Row& row, const tokenize::Cell& name,
                      const tokenize::Cell* value, std::vector<std::string> extra);
  void add_indicator(const tokenize::Row& row, const tokenize::Cell& name_cell, std::string name,
                     const tokenize::Cell* value_cell, std::string value);
  std::string strip_name_prefix(std::string_view name) const;
  std::optional<std::string> split_value(const std::vector<std::string>& pieces) const;

  const grammar::Grammar& grammar_;
  values::ValueParser values_;
  layout::WordReader words_{grammar_, values_};
  ProjectHandler on_project_;

  std::vector<source::Diagnostic> diagnostics_;
  std::vector<model::TextLine> document_text_;
  std::vector<model::TextLine> preamble_;  // document text since the last project

  // Before a project: a title and a year line may be waiting for it.
  std::optional<tokenize::Row> pending_title_;
  std::optional<tokenize::Row> pending_year_;
  // Rows of header labels after a title with no 项目名称 yet (`部门名称 |
  // 某局`): the header of the table that follows, if one does.
  std::vector<tokenize::Row> pending_header_;
  // Lines of pieces of column labels (`二级绩效指`) in a header: the top of a
  // space-aligned column header whose middle line is still to come.
  std::vector<tokenize::Row> header_pieces_;
  // The last text value of the header read alone on its line, which the next
  // line may carry on (reading-order text); the line of the header row being
  // read, when it is one cell, else -1.
  struct LastValue {
    PendingLabel label;
    std::string value;
    int line;
  };
  std::optional<LastValue> last_value_;
  // The keys of the project's fields, and how often each label was seen.
  std::unordered_set<std::string> field_keys_;
  std::unordered_map<std::string, int> field_numbers_;
  int header_row_line_ = -1;
  bool releasing_pieces_ = false;
  std::optional<int> document_year_;
  // The year of the last table whose title or year line gave one: the
  // projects after it that have neither are of that table (`| 2022年度项目
  // 支出绩效目标表 |` over several 项目名称), and of its year.
  std::optional<int> table_year_;
  bool any_content_ = false;
  // A form feed was seen: the text came from a paged document (pdftotext
  // ends each page with one), so text in reading order is in drawn order.
  bool paged_ = false;
  bool read_in_reading_order_ = false;  // a table of the document was read in reading order

  Section section_ = Section::none;
  std::optional<model::Project> project_;
  int project_count_ = 0;

  // Header state.
  std::string scope_unit_[2];
  std::vector<PendingLabel> carried_labels_;        // labels whose values come on the next row
  std::vector<grammar::HeaderField> valued_funds_;  // funds lines given a value in this row
  Scope last_scope_ = Scope::total;                 // the scope the last scope label opened

  // Rows of the current project, by tokenize::Layout.
  int layout_rows_[tokenize::kLayouts] = {};

  // A space-aligned table, read whole when it ends; null for other tables.
  std::unique_ptr<AlignedTable> aligned_;

  // A reading-order table (plain pdftotext), read whole when it ends.
  bool reading_order_ = false;
  ReadingOrderTable reading_table_{reader_context()};

  // A grid of the header being read: its columns (cell index → key) and the
  // width of its header row.
  std::vector<std::pair<std::size_t, std::string>> budget_columns_, task_columns_;
  std::size_t grid_width_ = 0;

  // A label's head alone on its line, and the value after it, waiting for
  // the line that ends the label (reading-order text: `项目年度` / `960000` /
  // `资金（元）`).
  std::vector<tokenize::Row> wrapped_label_;
  bool releasing_wrapped_label_ = false;

  // The lone row that gave the project its name, until another label comes.
  std::optional<tokenize::Row> provisional_name_;

  // The line that last extended the goal: its paragraph's next line goes on.
  int goal_line_ = -1;

  // The indicator table's columns, from its header row (empty: read cells by
  // what they say), and the current row's other columns while it is read.
  std::vector<std::optional<grammar::Column>> column_roles_;
  // … and those of its long-term columns (`三级指标（长期）`), by the same
  // index (the long-term ones are none in column_roles_), with the current
  // long-term second level, as its label is written.
  std::vector<std::optional<grammar::Column>> long_term_roles_;
  std::string long_term_level2_;
  const ColumnExtras* column_extras_ = nullptr;

  // Indicator-tree state.
  // The rightmost cell a level label stood in, in this table's rows of
  // cells (a lone label's word right of it is a name's, see classify()).
  int last_level_index_ = -1;
  // The cell the current first level's label stood in (-1: none yet).
  int level1_index_ = -1;
  // A page break came since the last row of cells: a row the break split
  // (a merged cell's text on both pages) may go on.
  bool after_page_break_ = false;
  // Inside a listing table (`项目名称 | 资金来源 | 金额` and a row per
  // project): its rows are document text up to the next title or project.
  bool in_listing_ = false;
  int level1_ = -1;
  int level2_ = -1;
  std::string level2_label_;
  // The second level is one the grammar does not know (level2_ is -1): its
  // label as written names it.
  bool unknown_level2_ = false;
  // A first level the grammar does not know (level1_ is -1): as written.
  std::string unknown_level1_;
  // The table's column header names a second level and no 三级指标 column
  // (`一级指标 | 二级指标 | 指标值`): each second level is its indicator.
  bool level2_names_ = false;
  bool level2_names_said_ = false;  // its diagnostic, once a project
  // A value column per project (`三级指标 | 城关镇 | 东关镇`): each column's
  // cell index and header, and which column each indicator read is of
  // (the project is split by them when it ends).
  std::vector<std::pair<int, std::string>> project_columns_;
  std::vector<std::size_t> indicator_columns_;
};

}  // namespace jixiao::parse
