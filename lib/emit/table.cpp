#include "emit/table.h"

#include <dlfcn.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "source/input.h"
#include "source/library.h"

namespace jixiao::emit {
namespace {

// libxlsxwriter is opened when the first workbook is written, not linked:
// with the OpenSSL it brings it took a millisecond of every start-up, and
// most runs write no XLSX. These are the functions used, looked up once.
struct XlsxLibrary {
  decltype(&::workbook_new) workbook_new = nullptr;
  decltype(&::workbook_new_opt) workbook_new_opt = nullptr;
  decltype(&::workbook_add_format) workbook_add_format = nullptr;
  decltype(&::format_set_bold) format_set_bold = nullptr;
  decltype(&::workbook_add_worksheet) workbook_add_worksheet = nullptr;
  decltype(&::worksheet_write_string) worksheet_write_string = nullptr;
  decltype(&::worksheet_write_number) worksheet_write_number = nullptr;
  decltype(&::worksheet_freeze_panes) worksheet_freeze_panes = nullptr;
  decltype(&::worksheet_set_column) worksheet_set_column = nullptr;
  decltype(&::workbook_close) workbook_close = nullptr;
  decltype(&::lxw_strerror) lxw_strerror = nullptr;
  std::string error;  // why it could not be opened
};

using source::look_up;

XlsxLibrary open_xlsx_library() {
  XlsxLibrary lib;
  void* handle = ::dlopen(JIXIAO_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    lib.error = std::string("XLSX output needs libxlsxwriter (") + ::dlerror() +
                "): apt-get install libxlsxwriter4, or write CSV";
    return lib;
  }
  const bool found = look_up(handle, "workbook_new", lib.workbook_new) &&
                     look_up(handle, "workbook_new_opt", lib.workbook_new_opt) &&
                     look_up(handle, "workbook_add_format", lib.workbook_add_format) &&
                     look_up(handle, "format_set_bold", lib.format_set_bold) &&
                     look_up(handle, "workbook_add_worksheet", lib.workbook_add_worksheet) &&
                     look_up(handle, "worksheet_write_string", lib.worksheet_write_string) &&
                     look_up(handle, "worksheet_write_number", lib.worksheet_write_number) &&
                     look_up(handle, "worksheet_freeze_panes", lib.worksheet_freeze_panes) &&
                     look_up(handle, "worksheet_set_column", lib.worksheet_set_column) &&
                     look_up(handle, "workbook_close", lib.workbook_close) &&
                     look_up(handle, "lxw_strerror", lib.lxw_strerror);
  if (!found) {
    lib = XlsxLibrary{};
    lib.error = std::string(JIXIAO_XLSXWRITER_SONAME) + " lacks a function jixiao uses";
  }
  return lib;
}

const XlsxLibrary& xlsx_library() {
  static const XlsxLibrary lib = open_xlsx_library();  // once, thread-safe
  return lib;
}

// The columns of the 指标 sheet and the CSV, with their headers for people:
// the terms of the tables themselves where they have one (一级指标, 指标值),
// else those of budget staff (下限, 上限).
constexpr Column kIndicatorColumns[] = {
    {"source", "来源文件"},
    {"project_index", "项目序号"},
    {"year", "年度"},
    {"project", "项目名称"},
    {"department", "主管部门"},
    {"implementer", "实施单位"},
    {"amount", "年度资金总额"},
    {"amount_unit", "资金单位"},
    {"level1", "一级指标"},
    {"level2", "二级指标"},
    {"name", "三级指标"},
    {"raw", "指标值"},
    {"kind", "类型"},
    {"op", "运算符"},
    {"number", "数值"},
    {"min", "下限"},
    {"max", "上限"},
    {"unit", "单位"},
    {"base_number", "折算数值"},
    {"base_unit", "折算单位"},
    {"date", "日期"},
    {"from", "开始日期"},
    {"to", "结束日期"},
    {"line", "行号"},
    // Additions: the table's kind and the columns of self-evaluations and
    // provincial layouts, empty where a table has none.
    {"table_type", "表类型"},
    {"actual_raw", "实际完成值"},
    {"actual_number", "实际完成数值"},
    {"actual_unit", "实际完成单位"},
    {"weight", "分值"},
    {"score", "得分"},
    {"deviation", "偏差原因分析"},
    {"direction", "指标方向"},
    {"explanation", "指标解释"},
    {"scoring", "评分标准"},
    {"remark", "备注"},
    {"value_type", "指标值类型"},
    // The year before's actual value and the standard a value is set by;
    // `term`: `annual`, or `long_term` for a table's long-term targets.
    {"previous_actual_raw", "上年实际完成值"},
    {"standard", "绩效标准"},
    {"term", "目标期限"},
    // The project's amount in 元 on every row, to sum across departments
    // whose tables write 万元 or 元.
    {"amount_yuan", "金额（元）"},
};

constexpr Column kProjectColumns[] = {
    {"source", "来源文件"},
    {"project_index", "项目序号"},
    {"id", "项目标识"},
    {"year", "年度"},
    {"project", "项目名称"},
    {"department", "主管部门"},
    {"implementer", "实施单位"},
    {"attribute", "项目属性"},
    {"period", "项目期限"},
    {"amount", "年度资金总额"},
    {"amount_unit", "资金单位"},
    {"amount_yuan", "金额（元）"},
    {"goal", "年度绩效目标"},
    {"indicators", "指标数"},
    // Additions: self-evaluation budgets, department tasks.
    {"table_type", "表类型"},
    {"budget_initial", "年初预算数"},
    {"budget_full_year", "全年预算数"},
    {"budget_executed", "全年执行数"},
    {"execution_rate", "执行率（%）"},
    {"budget_weight", "预算分值"},
    {"budget_score", "预算得分"},
    {"tasks", "任务数"},
};

// A cell: text, a number (decimal text), or nothing.
struct Cell {
  enum class Type { empty, text, number } type = Type::empty;
  std::string text;
};
// (Text that is not UTF-8, a GBK file name from a Chinese Windows zip, is
// repaired as the JSON writer repairs it: it would make an invalid CSV and an
// XLSX that Excel refuses.)
Cell text(std::string s) {
  if (source::find_invalid_utf8(s) != std::string::npos) s = source::repair_utf8(s);
  return {Cell::Type::text, std::move(s)};
}
Cell text(const std::optional<std::string>& s) { return s ? text(*s) : Cell{}; }
Cell number(const std::optional<model::Decimal>& d) {
  return d ? Cell{Cell::Type::number, d->text} : Cell{};
}
Cell number(long long n) { return {Cell::Type::number, std::to_string(n)}; }

std::optional<model::Decimal> amount_of(const model::Project& p) {
  return p.amount ? p.amount->number : std::nullopt;
}

using model::amount_yuan;

std::vector<Cell> indicator_cells(const model::Project& p, const model::Indicator& ind,
                                  std::string_view source, Labels labels, bool long_term = false) {
  const model::Value& v = ind.value;
  return {text(std::string(source)),
          number(p.index),
          p.year ? number(*p.year) : Cell{},
          text(p.name),
          text(p.department),
          text(p.implementer),
          number(amount_of(p)),
          text(p.amount ? p.amount->unit : std::nullopt),
          text(ind.level1),
          text(ind.level2),
          text(ind.name),
          text(v.raw),
          text(std::string(kind_label(v.kind, labels))),
          text(v.op ? std::optional(std::string(op_label(*v.op, labels))) : std::nullopt),
          number(v.number),
          number(v.min),
          number(v.max),
          text(v.unit),
          number(v.base ? std::optional(v.base->number) : std::nullopt),
          text(v.base ? v.base->unit : std::nullopt),
          v.date.empty() ? Cell{} : text(v.date),
          v.from.empty() ? Cell{} : text(v.from),
          v.to.empty() ? Cell{} : text(v.to),
          number(ind.line),
          text(std::string(table_type_label(p.table_type, labels))),
          text(ind.actual ? std::optional(ind.actual->raw) : std::nullopt),
          number(ind.actual ? ind.actual->number : std::nullopt),
          text(ind.actual ? ind.actual->unit : std::nullopt),
          number(ind.weight),
          number(ind.score),
          text(ind.deviation),
          text(ind.direction),
          text(ind.explanation),
          text(ind.scoring),
          text(ind.remark),
          text(ind.value_type),
          text(ind.previous_actual ? std::optional(ind.previous_actual->raw) : std::nullopt),
          text(ind.standard),
          text(std::string(term_label(long_term, labels))),
          number(amount_yuan(p))};
}

// A budget figure as a number (`42`; `96.43%` is 96.43), as written where it
// holds none; empty when absent.
Cell budget_cell(const std::optional<model::Budget>& b,
                 const std::optional<model::Value> model::Budget::*field) {
  if (!b || !((*b).*field)) return Cell{};
  const model::Value& v = *((*b).*field);
  return v.number ? number(v.number) : text(v.raw);
}

std::vector<Cell> project_cells(const model::Project& p, std::string_view source, Labels labels) {
  return {text(std::string(source)),
          number(p.index),
          text(p.id),
          p.year ? number(*p.year) : Cell{},
          text(p.name),
          text(p.department),
          text(p.implementer),
          text(p.attribute),
          text(p.period),
          number(amount_of(p)),
          text(p.amount ? p.amount->unit : std::nullopt),
          number(amount_yuan(p)),
          text(p.goal),
          number(static_cast<long long>(p.indicators.size())),
          text(std::string(table_type_label(p.table_type, labels))),
          budget_cell(p.budget, &model::Budget::initial),
          budget_cell(p.budget, &model::Budget::full_year),
          budget_cell(p.budget, &model::Budget::executed),
          budget_cell(p.budget, &model::Budget::execution_rate),
          number(p.budget ? p.budget->weight : std::nullopt),
          number(p.budget ? p.budget->score : std::nullopt),
          p.table_type == "department" ? number(static_cast<long long>(p.tasks.size())) : Cell{}};
}

// A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
// or a tab or carriage return first: OWASP's list) starts with `'` unless
// `raw`: a `--bom` CSV is meant for Excel. Numbers are numbers, never text.
std::string csv_field(const Cell& cell, bool raw) {
  if (cell.type != Cell::Type::text) return cell.text;
  const bool formula =
      !raw && !cell.text.empty() &&
      std::string_view("=+-@\t\r").find(cell.text.front()) != std::string_view::npos;
  const std::string text = formula ? "'" + cell.text : cell.text;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Display width for a column: CJK characters take two places.
double display_width(std::string_view text) {
  double width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    width += n >= 3 ? 2.1 : 1.1;
    i += n;
  }
  return width;
}

}  // namespace

std::string csv_header(bool bom, Labels labels) {
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  for (std::size_t i = 0; i < std::size(kIndicatorColumns); ++i) {
    if (i > 0) out += ',';
    out += header(kIndicatorColumns[i], labels);
  }
  return out + "\r\n";
}

std::string csv_rows(const model::Project& project, std::string_view source_path, bool raw,
                     Labels labels) {
  std::string out;
  auto add = [&](const model::Indicator& indicator, bool long_term) {
    const auto cells = indicator_cells(project, indicator, source_path, labels, long_term);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += csv_field(cells[i], raw);
    }
    out += "\r\n";
  };
  for (const auto& indicator : project.indicators) add(indicator, false);
  for (const auto& indicator : project.long_term_indicators) add(indicator, true);
  return out;
}

struct XlsxWriter::Impl {
  struct Sheet {
    std::string name;  // `指标`; its continuations `指标 (2)`, `指标 (3)`
    const Column* columns = nullptr;
    std::size_t count = 0;
    int part = 0;
    lxw_worksheet* sheet = nullptr;
    lxw_row_t next_row = 1;
    std::vector<double> widths;
  };
  const XlsxLibrary& lib = xlsx_library();
  lxw_workbook* workbook = nullptr;
  lxw_format* header = nullptr;
  Labels labels = Labels::zh;
  Sheet projects, indicators;
  std::size_t rows_per_sheet = kExcelRows;
  lxw_error failed = LXW_NO_ERROR;  // the first call that failed
  std::vector<std::string> warnings;

  void check(lxw_error status) {
    if (status != LXW_NO_ERROR && failed == LXW_NO_ERROR) failed = status;
  }

  void start(Sheet& s, const char* name, const Column* columns, std::size_t count) {
    s.name = name;
    s.columns = columns;
    s.count = count;
    open_part(s);
  }

  // A sheet, or its continuation once a sheet holds as many rows as Excel
  // allows: the rows go on on `指标 (2)`, never dropped.
  void open_part(Sheet& s) {
    if (s.sheet) finish(s);
    ++s.part;
    s.sheet = lib.workbook_add_worksheet(workbook, sheetname(s).c_str());
    if (!s.sheet) return check(LXW_ERROR_MEMORY_MALLOC_FAILED);
    s.next_row = 1;
    s.widths.clear();
    for (std::size_t c = 0; c < s.count; ++c) {
      const char* title = emit::header(s.columns[c], labels);
      check(lib.worksheet_write_string(s.sheet, 0, static_cast<lxw_col_t>(c), title, header));
      s.widths.push_back(display_width(title) + 2);
    }
    lib.worksheet_freeze_panes(s.sheet, 1, 0);  // the header row stays in view
  }

  // Excel holds at most 32,767 characters in a cell: a longer text is cut
  // (on a character boundary) with a mark, and a warning says where.
  std::string fitted(const Sheet& s, std::size_t column, const std::string& text) {
    if (text.size() <= kCellChars || source::char_count(text) <= kCellChars) return text;
    static constexpr std::string_view kMark = "…[cut]";
    std::size_t end = 0;
    for (std::size_t chars = 0; end < text.size() && chars + source::char_count(kMark) < kCellChars;
         ++chars) {
      const auto b = static_cast<unsigned char>(text[end]);
      end += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }
    warnings.push_back("sheet " + sheetname(s) + ", row " + std::to_string(s.next_row + 1) +
                       ", column " + emit::header(s.columns[column], labels) + ": a cell of " +
                       std::to_string(source::char_count(text)) +
                       " characters cut to Excel's 32,767");
    return text.substr(0, std::min(end, text.size())) + std::string(kMark);
  }

  std::string sheetname(const Sheet& s) const {
    return s.part == 1 ? s.name : s.name + " (" + std::to_string(s.part) + ")";
  }

  void write(Sheet& s, const std::vector<Cell>& cells) {
    if (!s.sheet) return;
    if (s.next_row >= rows_per_sheet) open_part(s);
    if (!s.sheet) return;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (cells[c].type == Cell::Type::number) {
        check(lib.worksheet_write_number(s.sheet, s.next_row, col,
                                         std::strtod(cells[c].text.c_str(), nullptr), nullptr));
      } else if (cells[c].type == Cell::Type::text) {
        check(lib.worksheet_write_string(s.sheet, s.next_row, col,
                                         fitted(s, c, cells[c].text).c_str(), nullptr));
      }
      s.widths[c] = std::max(s.widths[c], std::min(display_width(cells[c].text) + 2, 60.0));
    }
    ++s.next_row;
  }

  void finish(Sheet& s) {
    if (!s.sheet) return;
    for (std::size_t c = 0; c < s.widths.size(); ++c) {
      check(lib.worksheet_set_column(s.sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                     s.widths[c], nullptr));
    }
  }
};

XlsxWriter::XlsxWriter(const std::string& path, Labels labels, std::size_t rows_per_sheet)
    : impl_(std::make_unique<Impl>()) {
  if (!impl_->lib.workbook_new_opt) return;
  impl_->labels = labels;
  impl_->rows_per_sheet = std::clamp<std::size_t>(rows_per_sheet, 2, kExcelRows);
  // Constant memory: each row goes to disk as the next begins (an XLSX of a
  // 100 MB input took 3.5 GB); rows are written in order, as this does.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  impl_->workbook = impl_->lib.workbook_new_opt(path.c_str(), &options);
  if (!impl_->workbook) return;
  impl_->header = impl_->lib.workbook_add_format(impl_->workbook);
  impl_->lib.format_set_bold(impl_->header);
  impl_->start(impl_->projects, "项目", kProjectColumns, std::size(kProjectColumns));
  impl_->start(impl_->indicators, "指标", kIndicatorColumns, std::size(kIndicatorColumns));
}

XlsxWriter::~XlsxWriter() {
  if (impl_->workbook) {
    std::string ignored;
    close(ignored);
  }
}

void XlsxWriter::add(const model::Project& project, std::string_view source_path) {
  if (!impl_->workbook) return;
  const Labels labels = impl_->labels;
  impl_->write(impl_->projects, project_cells(project, source_path, labels));
  for (const auto& indicator : project.indicators) {
    impl_->write(impl_->indicators, indicator_cells(project, indicator, source_path, labels));
  }
  for (const auto& indicator : project.long_term_indicators) {
    impl_->write(impl_->indicators, indicator_cells(project, indicator, source_path, labels, true));
  }
}

const std::vector<std::string>& XlsxWriter::warnings() const { return impl_->warnings; }

bool XlsxWriter::close(std::string& error) {
  if (!impl_->workbook) {
    error = impl_->lib.workbook_new_opt ? "cannot create the workbook" : impl_->lib.error;
    return false;
  }
  impl_->finish(impl_->projects);
  impl_->finish(impl_->indicators);
  const lxw_error status = impl_->lib.workbook_close(impl_->workbook);
  impl_->workbook = nullptr;
  // Every call's status counts: a cell or row that could not be written is
  // a failed output, never a workbook quietly missing it.
  const lxw_error first = impl_->failed != LXW_NO_ERROR ? impl_->failed : status;
  if (first != LXW_NO_ERROR) {
    error = std::string("cannot write the workbook: ") + impl_->lib.lxw_strerror(first);
    return false;
  }
  return true;
}

}  // namespace jixiao::emit
