// The grammar: every rule jixiao applies to a table, loaded from a data file
// (grammars/*.jsonc) and compiled once.
//
// Loading turns the file's vocabularies into lookup tables keyed by the
// squashed form of each word (no white space), expands pattern macros and
// compiles every pattern with PCRE2 JIT. The stages then only look things up;
// none of them knows a Chinese word of its own.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "grammar/pattern.h"

namespace jixiao::grammar {

// A grammar that cannot be used. The message names the grammar file, the line
// and the rule.
class GrammarError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Removes all white space and reads traditional characters as simplified
// (`產出 指標` → `产出指标`): the form in which labels and vocabulary compare.
std::string squash(std::string_view text);
// squash(text) appended to `out`.
void append_squashed(std::string& out, std::string_view text);
// The characters of squash(text), counted without making it.
std::size_t squashed_char_count(std::string_view text);

enum class HeaderField {
  name,
  department,
  implementer,
  attribute,
  period,
  office,
  scope_total,
  scope_allocated,
  funds_total,
  funds_fiscal,
  funds_other,
  funds_carryover,
  goal,
  goal_allocated,
  goal_actual,  // 实际完成情况 beside 预期目标 (self-evaluation)
};

// What a column of the indicator table holds, from its header cell.
enum class Column {
  type,         // 绩效类型
  level1,       // 一级指标
  level2,       // 二级指标
  name,         // 三级指标
  value,        // 指标值, 年度指标值 (or only its number, beside op and unit columns)
  op,           // 指标性质: ≥, ≤, = in a column of its own
  unit,         // 度量单位, 计量单位
  value_type,   // 指标值类型: 定量, 定性
  weight,       // 权重, 分值
  direction,    // 指标方向性: 正向, 反向
  explanation,  // 指标解释
  scoring,      // 评(扣)分标准
  remark,       // 备注
  actual,       // 实际完成值 (self-evaluation)
  score,        // 得分 (self-evaluation)
  deviation,    // 偏差原因分析及改进措施 (self-evaluation)
  previous,     // 2021年实际实现值: the year before's actual value
  standard,     // 绩效标准: 计划标准, 行业标准, 历史标准
};

struct Level {
  std::string name;
  std::string key;                   // the name squashed, made once at load
  std::vector<std::string> parents;  // level 2 only: the first levels it belongs to
  bool money = false;                // level 2 only: a bare 万 means 万元
  // Level 2 only, optional: what an indicator of this level looks like,
  // matched against `NAME<TAB>VALUE`. Where a table's layout leaves a row's
  // level in doubt (space-aligned text), rows that do not fit weigh against it.
  Pattern fits;
  // Level 2 only, optional: weaker signs of the same kind, used only where
  // nothing else places the rows (reading-order text).
  Pattern hints;
};

struct Comparator {
  std::string op;  // ">=", "<=", ">", "<", "="
  std::vector<std::string> before, after;
};

struct ValueRule {
  std::string kind;  // period, date, composite, range, quantity, placeholder
  Pattern pattern;
  std::string unit;  // a unit the pattern implies (`百分之…` is `%`), or empty
};

// The kinds of word a table's structure is written in: what a cell that
// starts with one of them is.
enum class WordKind { header_label, column, level1, level2, performance_type };

struct Grammar {
  std::string name;
  std::string path;  // where it was loaded from, or "(embedded) NAME"
  // The kind of table the grammar reads: `target`, `self_evaluation`,
  // `department`; it becomes each project's `table_type`.
  std::string table_type = "target";
  // One line for people (`jixiao grammars list`); optional, empty when absent.
  std::string description;
  // The grammar this one starts from (`"extends"`), or empty.
  std::string extends;

  struct {
    // Optional: a line near the top of a document that says the document is
    // this grammar's kind of table (`项目支出绩效自评表`). Searched in the
    // first lines when jixiao picks a grammar by itself.
    Pattern detect;
    // Optional: what the opening lines of one of this grammar's tables say
    // where its title is missing (a self-evaluation's `年初预算数 … 全年执行数`
    // grid, its `实际完成值 … 得分` columns). Matched against a project's
    // first lines, from its name label to the next project's, each with its
    // spaces removed, joined by newlines.
    Pattern detect_table;
    Pattern title;
    int title_max_chars = 60;
    Pattern year_line;
    Pattern year;
    Pattern note;
    // Optional: a line of a web page or print-out around the tables
    // (`扫一扫在手机打开当前页`, `打印本页`), kept as document text.
    Pattern furniture;
    Pattern rule;
    std::vector<Pattern> page_breaks;
  } document;

  struct {
    std::vector<std::string> ignore_prefixes;  // squashed
    Pattern unit_suffix;
    Pattern attribute_code;
    // Optional: a heading that may stand before a header label on its line
    // (`一、基本情况 项目名称：…`), matched against the squashed text.
    Pattern lead;
    // Optional: the column labels of a listing table before the target
    // tables (`项目名称 | 资金来源 | 金额`), squashed.
    std::vector<std::string> listing_columns;
    std::unordered_map<std::string, HeaderField> labels;  // squashed label → field
    // The same labels by their first character: most cells are names and
    // values, which are turned away on their first character.
    std::unordered_map<std::string, std::vector<std::pair<std::string, HeaderField>>>
        labels_by_initial;
    std::size_t longest_label_bytes = 0;
    // The first characters of the labels and ignored prefixes, a bit per
    // code point below U+10000 (folded to simplified): the test a cell meets
    // before any label is looked up, without a string made.
    std::vector<std::uint64_t> initials;
    // Optional grids inside the header, read by column (squashed label →
    // key). The budget grid of a self-evaluation: columns initial, full_year,
    // executed, weight, execution_rate, score; rows total, fiscal,
    // carryover, other.
    std::unordered_map<std::string, std::string> budget_columns, budget_rows;
    // The main tasks of a department table: columns name, content, amount.
    std::unordered_map<std::string, std::string> task_columns;
  } header;

  struct {
    std::unordered_map<std::string, Column> columns;  // squashed label → column
    // A year in a column label, removed before lookup (`预期2022年实现值`).
    Pattern column_year;
    // What a bracket after a column label says of a long-term column
    // (`二级指标（长期）`), squashed.
    std::vector<std::string> long_term_marks;
    int min_labels = 2;
    // A row that totals the table (`总分`): table furniture, not an indicator.
    std::vector<std::string> total_labels;  // squashed
    // Optional: a cell of a signature or stamp row under a table
    // (`财政资金管理科室（盖章）`, `填报人:`, `年 月 日`), searched in each
    // squashed cell: the row is document text, never an indicator.
    Pattern signature;
    std::vector<std::string> performance_types;  // squashed
    Pattern performance_type;
    int fragment_min_chars = 2;
  } table;

  struct {
    Pattern annotation;
    Pattern number_prefix;
    std::vector<std::string> label_endings;  // squashed: `指标`, `目标`
    std::vector<Level> level1, level2;
    std::unordered_map<std::string, int> level1_aliases, level2_aliases;  // squashed → index
  } levels;

  // Column labels, level labels and performance types by their first
  // character, longest first (match_word_prefix).
  std::unordered_map<std::string, std::vector<std::pair<std::string, WordKind>>> words_by_initial;
  // Every proper head and tail (whole characters) of the performance types,
  // the column labels and the header grids' column labels: the pieces
  // is_fragment_of_words() looks for, found with one lookup.
  std::unordered_set<std::string> word_pieces;

  struct {
    Pattern name_prefix;
    Pattern numbered_item;
    Pattern value_split;
    Pattern name_value;  // optional: groups `name` and `value` of `名称：值` in one cell
    int wrap_max_chars = 4;
  } indicators;

  struct {
    std::vector<std::string> empty;
    // Optional: what a qualitative value (`明显降低`, `无重大安全事故`) looks
    // like, for text where a cell's role comes from its content alone.
    Pattern qualitative;
    // Optional: how a qualitative value ends a cell that holds a name and
    // its value run together (`公众科学素养持续提升`): the match is the value.
    Pattern qualitative_tail;
    // Optional: what a value cut by a wrap may lack at its end (`)`, `日`):
    // text whose end this completes into a value is a value's first line.
    std::vector<std::string> wrap_completions;
    std::vector<Comparator> comparators, date_comparators;
    std::vector<std::string> units;
    std::string per_unit;                   // a pattern for `/亩` after a unit
    Pattern per_unit_at_end;                // per_unit at the end of a unit (`万/月`)
    std::string unit_suffix;                // a pattern for `次` after a count unit (`台次`)
    std::map<std::string, int> magnitudes;  // character → power of ten (万 → 4)
    std::string money_unit;
    std::map<std::string, int> chinese_digits;       // 一 → 1, 两 → 2
    std::map<std::string, int> chinese_multipliers;  // 十 → 1, 百 → 2 (powers of ten)
    std::vector<std::string> year_marks;             // 年: numerals before, digit by digit
    std::vector<std::string> part_marks;             // 月, 日: numerals before, a number
    std::string max_rate;                            // a % above this is suspicious
    int date_far_years = 1;  // a date this many years from the budget year is suspicious
    std::vector<ValueRule> rules;
  } values;

  struct {
    std::string money_tolerance = "1";  // 元, decimal text
    std::vector<std::string> required_level1, required_level1_national;
    std::string required_mark;
    std::vector<std::string> quantitative_level2;
    std::string max_rate = "100";
    std::vector<std::string> required_fields;
    std::vector<std::string> one_year_attributes;
    std::vector<std::string> goal_citation_words;
    std::vector<std::pair<std::string, std::string>> goal_citation_brackets;  // open, close
  } audit;

  // Looks a cell up in the header labels. A label may carry an ignored prefix
  // (`其中:`) and a unit suffix (`(万元)`); both are reported.
  struct LabelMatch {
    HeaderField field;
    std::string unit;     // from the suffix, or empty
    std::size_t end = 0;  // bytes of the cell the label covers
  };
  std::optional<LabelMatch> match_label(std::string_view cell) const;
  // Like match_label, but the label may be followed by its value in the same
  // cell (`年度资金总额: 14.4`): the longest label that starts the cell.
  std::optional<LabelMatch> match_label_prefix(std::string_view cell) const;

  // Whether a label (or an ignored prefix before one) can begin `text`, by
  // its first character alone: a cheap "no" before the questions above.
  bool may_begin_label(std::string_view text) const;
  // Whether a text is the beginning of a header label and no more (`项目名`,
  // `部门（单`): a label that wrapped in its cell.
  bool begins_label(std::string_view text) const;

  std::optional<int> match_level1(std::string_view cell) const;
  std::optional<int> match_level2(std::string_view cell) const;
  // Both at once, for a cell that may be either (one pass over the cell).
  struct Levels {
    std::optional<int> level1, level2;
    bool any() const { return level1 || level2; }
  };
  Levels match_levels(std::string_view cell) const;
  // The level a label cut short names (`可持续影响指`, the rest of it on the
  // next page): the one label, first or second level, that the cell's text
  // begins, when the text has at least three characters and three fifths of
  // the label's.
  Levels match_cut_level(std::string_view cell) const;
  // Whether `text` is a level label or a piece of one as a cell wraps it:
  // its beginning or end (`服务对象满意`, `度指标`, `标`, with or without an
  // annotation), an annotation (`（必填`), or text that ends as level names
  // end (`项目完成指标`, a label the grammar does not know).
  bool is_level_piece(std::string_view text) const;
  // Whether `text` is the beginning or the end of a level label the grammar
  // knows (`服务对象满`, `意度指标`), or one whole.
  bool is_known_level_part(std::string_view text) const;
  // The one second level whose first `parents` entry is this first level
  // (服务对象满意度指标 for 满意度指标), or none where it has several: what
  // the first level's label means written where second levels stand.
  std::optional<int> sole_level2(int level1) const;
  // Whether `text` ends as a level label's own cell does (`levels.label_endings`:
  // `项目管理指标`, `产出目标`), known to the grammar or not.
  bool ends_as_level_label(std::string_view text) const;
  std::optional<Column> match_column(std::string_view cell) const;
  // Whether a column label is of the long-term targets: a bracket after it
  // holds one of `table.long_term_marks` (`三级指标（长期）`).
  bool is_long_term_column(std::string_view cell) const;
  // The longest word of the table's structure (a header label with its unit
  // suffix, a column label, a level label or a performance type) that the
  // text begins with, for text whose cell boundaries were lost (`产出指标数量指标…`,
  // `项目名称 科普经费`). `end` is in bytes of `text`, which is matched as
  // written (no white space inside a word).
  struct WordMatch {
    WordKind kind;
    std::size_t end = 0;
    std::optional<HeaderField> field;  // for a header label
  };
  std::optional<WordMatch> match_word_prefix(std::string_view text) const;
  // Whether a line's only cell is this grammar's table title
  // (`2026年度项目支出绩效目标表`): the phrase, at most title_max_chars long.
  bool is_title(std::string_view cell) const;
  // The same for a squashed line looked at once (read ahead): not
  // remembered, so that lines do not crowd out the cells.
  bool is_title_once(std::string_view squashed) const;
  // is_title for a cell whose squashed text `key` is known (another
  // grammar's answer): not remembered, for a line asked of every grammar
  // would fill each one's memo with the same texts.
  bool is_title_of(std::string_view cell, std::string_view key) const;
  // squash(cell), remembered with the cell's other answers; the reference
  // holds until the next question asked of this grammar.
  const std::string& squashed(std::string_view cell) const;
  // Whether table.signature is found in the squashed cell (remembered).
  bool is_signature_cell(std::string_view cell) const;
  bool is_performance_type(std::string_view cell) const;
  // Whether a cell is a column label of a listing table (`资金来源`,
  // `金额（万元）`): header.listing_columns, a bracketed unit after it removed.
  bool is_listing_column(std::string_view cell) const;
  // Whether a row's filled cells are the column header of a listing table
  // (`项目名称 | 资金来源 | 金额（万元）`, a fund-allocation table with a row per
  // project), not a project's header: a `name` label and, besides it, only
  // listing columns, one at least.
  bool is_listing_heading(const std::vector<std::string_view>& cells) const;
  // A piece (prefix or suffix) of a column label or performance type.
  bool is_header_fragment(std::string_view cell) const;
  // Whether `key` (squashed) is the beginning or end of a performance type,
  // a column label or a header grid's label, and no more.
  bool is_fragment_of_words(const std::string& key) const;

  // Which vocabulary this is, for the answers about cells that each thread
  // keeps (grammar.cpp, CellFacts): a new number for every grammar made,
  // copied or assigned, so no answer outlives the vocabulary it came from.
  class Serial {
   public:
    Serial() : value_(next()) {}
    Serial(const Serial&) : value_(next()) {}
    Serial& operator=(const Serial&) {
      value_ = next();
      return *this;
    }
    std::uint64_t value() const { return value_; }

   private:
    static std::uint64_t next();
    std::uint64_t value_;
  };
  Serial serial;

 private:
  // The answers behind match_levels, match_column and is_performance_type,
  // from a cell's squashed text.
  Levels levels_of_key(std::string_view squashed) const;
  std::optional<Column> column_of_key(const std::string& key) const;
  bool is_performance_type_key(const std::string& key) const;
  std::optional<LabelMatch> label_prefix_of(std::string_view cell) const;
  std::optional<LabelMatch> label_of_key(std::string_view squashed, std::size_t cell_bytes) const;
  bool is_header_fragment_key(const std::string& key) const;
  // The answers behind is_level_piece and is_known_level_part, worked out
  // (they are remembered by text).
  bool is_level_piece_uncached(std::string_view text) const;
  bool is_known_level_part_key(std::string_view key) const;
};

// A list of words as one regex: `(?:longest|…|short)`, longest first, so that
// `场次` wins over `场`; the words are matched as written (regex syntax in
// them is escaped). How the grammar's word lists become its macros (`{UNIT}`).
std::string word_alternation(std::vector<std::string> words);

// Loads a grammar from JSON-with-comments text. `path` names the file in
// error messages. A grammar may start from another (`"extends": NAME`, a
// built-in grammar or NAME.jsonc beside `path`): objects merge key by key,
// lists and values replace (JSON merge patch, RFC 7386).
Grammar load_grammar(std::string_view text, std::string path);

// JSON-with-comments text less its comments and the white space between
// its tokens (strings kept as they are): what the built-in grammars are
// parsed from.
std::string compact_jsonc(std::string_view text);
Grammar load_grammar_file(const std::string& path);

// The grammars compiled into the binary (grammars/*.jsonc), by file name
// without `.jsonc`; the first is the default.
struct EmbeddedGrammar {
  std::string_view name;
  std::string_view text;
};
const std::vector<EmbeddedGrammar>& embedded_grammars();
// A built-in grammar, loaded once; null for an unknown name.
const Grammar* builtin_grammar(std::string_view name);
// What a loaded grammar holds, in one line for people: its table type and
// how many levels, labels and value rules it has (`jixiao grammars check`).
std::string summary(const Grammar& g);
// Every built-in grammar, the default first.
std::vector<const Grammar*> builtin_grammars();
// The default: grammars/budget-target.jsonc.
const Grammar& default_grammar();

}  // namespace jixiao::grammar
