// The document-level state machine: titles, year lines, page furniture, and
// which project a row belongs to. Header rows are read in header.cpp and the
// indicator tree in indicators.cpp.
#include "parse/parse.h"

#include <algorithm>
#include <iterator>

#include "source/sha256.h"

namespace jixiao::parse {
namespace {

// Indicators a project has room for from its start (more still fit).
constexpr std::size_t kIndicatorsReserved = 32;

// `2026 年基层科普行动计划` and `2027年基层科普行动计划` are one project in two
// years: the id hashes the department and the name without its year.
std::string project_id(const grammar::Grammar& g, const model::Project& p) {
  std::string name = p.name;
  grammar::Pattern::Match m;
  while (g.document.year.search(name, m)) name.erase(m.groups[0].offset, m.groups[0].length);
  const std::string key =
      grammar::squash(p.department.value_or("")) + "\x1f" + grammar::squash(name);
  return source::sha256_hex(key).substr(0, 12);
}

}  // namespace

Parser::Parser(const grammar::Grammar& grammar, ProjectHandler on_project)
    : grammar_(grammar), values_(grammar), on_project_(std::move(on_project)) {}

void Parser::feed(const tokenize::Row& row) {
  // pdftotext ends each page with a form feed, alone or before the next
  // page's first line.
  if (!paged_ && row.text.find('\f') != std::string::npos) paged_ = true;
  switch (row.kind) {
    case tokenize::RowKind::blank:
      return;
    case tokenize::RowKind::page_break:
      any_content_ = true;
      return on_page_break(row);
    case tokenize::RowKind::title:
      any_content_ = true;
      return on_title(row);
    case tokenize::RowKind::year:
      any_content_ = true;
      return on_year(row);
    case tokenize::RowKind::rule:
      any_content_ = true;
      if (project_) return claim(row, "table");
      return add_document_text(row);
    case tokenize::RowKind::note:
      any_content_ = true;
      return add_document_text(row);
    case tokenize::RowKind::cells:
      any_content_ = true;
      return on_cells(row);
  }
}

void Parser::end_part() {
  finish_project();
  release_pending_header();
  if (pending_title_) {
    add_document_text(*pending_title_);
    diagnostics_.push_back(
        source::make_diagnostic(source::Code::title_without_table, pending_title_->line, 1,
                                "title-without-table.kept", {}, pending_title_->text));
  }
  if (pending_year_) add_document_text(*pending_year_);
  pending_title_.reset();
  pending_year_.reset();
  std::stable_sort(
      document_text_.begin(), document_text_.end(),
      [](const model::TextLine& a, const model::TextLine& b) { return a.line < b.line; });
}

void Parser::finish(Earlier earlier) {
  end_part();
  const bool binary = std::any_of(diagnostics_.begin(), diagnostics_.end(), [](const auto& d) {
    return d.code == source::Code::binary_input;
  });
  if (binary) {
    // The reader stopped at binary data: that is the whole story.
  } else if (!any_content_ && !earlier.content) {
    diagnostics_.push_back(
        source::make_diagnostic(source::Code::empty_input, 0, 0, "empty-input.no-text"));
  } else if (project_count_ + earlier.projects == 0) {
    diagnostics_.push_back(source::make_diagnostic(source::Code::no_tables, 0, 0, "no-tables.none",
                                                   {{"grammar", grammar_.name}}));
  }
}

void Parser::diagnose(source::Code code, const tokenize::Row& row, const tokenize::Cell* cell,
                      messages::Message message) {
  const int column = cell != nullptr ? cell->column : (row.cells.empty() ? 0 : row.cells[0].column);
  diagnostics_.push_back(source::make_diagnostic(code, row.line, column, std::move(message),
                                                 cell != nullptr ? cell->text : row.text));
  if (row.end_line() > row.line) diagnostics_.back().last_line = row.end_line();
}

void Parser::claim(const tokenize::Row& row, const std::string& role) {
  if (!project_) return;
  row.add_lines_to(project_->source_lines[role]);
  project_->last_line = std::max(project_->last_line, row.end_line());
}

void Parser::claim_lines(const std::vector<int>& lines, const std::string& role) {
  if (!project_) return;
  for (int line : lines) {
    project_->source_lines[role].push_back(line);
    project_->last_line = std::max(project_->last_line, line);
  }
}

// Nothing lost, whatever a table rebuilt whole made of its lines: a buffered
// line that is in none of the project's lines and no diagnostic is reported.
void Parser::report_unread(const std::vector<const tokenize::Row*>& rows) {
  if (!project_ || rows.empty()) return;
  std::vector<int> seen;
  for (const auto& [role, lines] : project_->source_lines)
    seen.insert(seen.end(), lines.begin(), lines.end());
  for (const auto& i : project_->indicators) {
    seen.push_back(i.line);
    seen.insert(seen.end(), i.lines.begin(), i.lines.end());
  }
  // This project's diagnostics are the last ones (earlier projects' come
  // before its first line): a walk back, not over the whole document.
  for (auto it = diagnostics_.rbegin(); it != diagnostics_.rend(); ++it) {
    if (it->line > 0 && it->line < project_->first_line) break;
    seen.push_back(it->line);
  }
  std::sort(seen.begin(), seen.end());
  for (const tokenize::Row* row : rows) {
    if (row->filled().empty()) continue;
    // (Every line of a row rebuilt from several.)
    for (int line = row->line; line <= row->end_line(); ++line) {
      if (std::binary_search(seen.begin(), seen.end(), line)) continue;
      tokenize::Row at = *row;
      at.line = at.last_line = line;
      diagnose(source::Code::unparsed_line, at, nullptr, {"unparsed-line.unread-row", {}});
    }
  }
}

ReaderContext Parser::reader_context() const {
  return ReaderContext{grammar_, values_,
                       [this](const tokenize::Row& row) { return classify(row); },
                       [this](std::string_view text) { return numbered(text); },
                       [this](std::string_view text) { return reads_like_level(text); }};
}

// The rows a reader rebuilt, read as tab-separated ones; their lines go with
// them, so that none is lost.
void Parser::read_table_model(const TableModel& model,
                              const std::vector<const tokenize::Row*>& lines) {
  for (const auto& claim : model.before) claim_lines(claim.lines, claim.role);
  if (model.header) set_column_roles(*model.header, true);
  for (const ModelRow& m : model.rows) {
    switch (m.kind) {
      case ModelRow::Kind::label:
        read_indicator_row(m.row);
        break;
      case ModelRow::Kind::unknown_label:
        diagnose(source::Code::unknown_level, m.row, m.value_cell ? &*m.value_cell : nullptr,
                 m.message);
        claim_lines(m.lines, "levels");
        break;
      case ModelRow::Kind::orphan_value:
        diagnose(source::Code::unparsed_line, m.row, m.value_cell ? &*m.value_cell : nullptr,
                 m.message);
        claim_lines(m.lines, "table");
        break;
      case ModelRow::Kind::indicator: {
        const std::size_t before = project_->indicators.size();
        read_indicator_row(m.row);
        if (m.keep_lines_if_unread && project_->indicators.size() == before)
          claim_lines(m.lines, "table");
        for (std::size_t i = before; i < project_->indicators.size(); ++i)
          project_->indicators[i].lines = m.lines;
        break;
      }
    }
  }
  for (const auto& claim : model.after) claim_lines(claim.lines, claim.role);
  report_unread(lines);
}

void Parser::add_document_text(const tokenize::Row& row) {
  std::string text;
  for (const auto* cell : row.filled()) {
    if (!text.empty()) text += '\t';
    text += cell->text;
  }
  model::TextLine line{row.line, text, row.end_line() > row.line ? row.end_line() : 0};
  document_text_.push_back(line);
  preamble_.push_back(std::move(line));
  if (!document_year_ && row.year) document_year_ = row.year;
}

// A title waits for the row after it: 项目名称 makes it the next project's
// title; anything else makes it page furniture, the title repeated at the top
// of a page inside the current table.
void Parser::on_title(const tokenize::Row& row) {
  // Two titles in a row: the first was a document heading (`平罗县科学技术协会
  // 项目支出预算绩效目标表`), an attachment note or a repeated title, not a table.
  settle_pending_title();
  release_pending_header();
  in_listing_ = false;
  pending_title_ = row;
}

void Parser::release_pending_header() {
  for (const auto& held : pending_header_) add_document_text(held);
  pending_header_.clear();
}

void Parser::settle_pending_title() {
  if (!pending_title_) return;
  if (project_) {
    claim(*pending_title_, "page");
  } else {
    add_document_text(*pending_title_);
  }
  pending_title_.reset();
}

void Parser::on_year(const tokenize::Row& row) {
  if (project_ && section_ == Section::header && !pending_title_) {
    if (!project_->year) project_->year = table_year_ = row.year;
    claim(row, "year");
    return;
  }
  if (pending_year_) {
    if (project_) {
      claim(*pending_year_, "page");
    } else {
      add_document_text(*pending_year_);
    }
  }
  pending_year_ = row;
}

void Parser::on_page_break(const tokenize::Row& row) {
  after_page_break_ = true;
  if (aligned_) aligned_->page_break();
  if (project_) {
    claim(row, "page");
  } else {
    add_document_text(row);
  }
}

void Parser::on_cells(const tokenize::Row& row) {
  // `一、基本情况 项目名称：森林防火经费`: the heading is document text, the
  // label reads as at the line's start.
  if (auto split = split_lead(row)) {
    add_document_text(split->first);
    return on_cells(split->second);
  }
  count_layout(row);
  // (Read by the row's handlers below, then cleared: only the first row of
  // cells after a break can be the rest of a row it split.)
  struct ClearAfter {
    bool& flag;
    ~ClearAfter() { flag = false; }
  } clear_after{after_page_break_};
  if (read_listing_row(row)) return;
  if (starts_new_project(row)) {
    finish_project();
    std::vector<tokenize::Row> held;
    held.swap(pending_header_);
    start_project(row);
    for (const auto& h : held) read_header_row(h);
    read_header_row(row);
    return;
  }
  if (project_) {
    // The table goes on after a repeated title: the title and any year line
    // under it were page furniture.
    settle_pending_title();
    if (pending_year_) claim(*pending_year_, "page");
    pending_year_.reset();
  }
  switch (section_) {
    case Section::none:
      if (is_table_header(row)) {
        // An indicator table with no project header before it (a page of a
        // table whose header is on a page not given): a project without a
        // name, so that its indicators are not lost.
        // (Header rows after the title, `部门名称 | 某局`, are its header.)
        std::vector<tokenize::Row> held;
        held.swap(pending_header_);
        start_project(held.empty() ? row : held.front());
        if (held.empty())
          diagnose(source::Code::header_missing, row, nullptr, {"header-missing.no-header", {}});
        for (const auto& h : held) read_header_row(h);
        return on_cells(row);
      }
      // A header row after a title with no 项目名称 yet waits for the table.
      if (pending_title_ && has_header_label(row) && pending_header_.size() < 8) {
        pending_header_.push_back(row);
        return;
      }
      release_pending_header();
      add_document_text(row);
      return;
    case Section::header:
      if (hold_header_piece(row)) return;
      // The pieces held back, released, may have begun the table (`绩效指标
      // 一级指标`, read in reading order): this row is then the table's.
      if (section_ == Section::table) return on_cells(row);
      // A grid of the header (a budget, tasks) may name columns the
      // indicator table also has (`分值`, `得分`): it comes first.
      if (read_header_grid_row(row)) return;
      if (is_table_header(row)) {
        release_wrapped_label();
        section_ = Section::table;
        claim(row, "table");
        set_column_roles(row);
        aligned_.reset();
        if (row.layout == tokenize::Layout::spaces) {
          aligned_ = std::make_unique<AlignedTable>();
          for (const auto& piece : header_pieces_) {
            claim(piece, "table");
            aligned_->add(piece, true);
          }
          header_pieces_.clear();
          aligned_->add(row, true);
        }
        reading_order_ = row.layout == tokenize::Layout::reading_order;
        return;
      }
      if (is_lone_column_label(row) && !name_unsettled()) {
        // `一级指标` alone on its line: the column header comes one cell per
        // paragraph, as plain pdftotext writes a table in reading order.
        release_wrapped_label();
        section_ = Section::table;
        reading_order_ = true;
        return claim(row, "table");
      }
      if (!has_header_label(row) && !(name_unsettled() && row.filled().size() == 1)) {
        // No column-header row before the tree: a first-level label opens it
        // (unless it stands alone while the name is awaited: reading-order
        // text, where the table before spills past the next 项目名称).
        for (const auto& cell : classify(row)) {
          if (cell.role == CellRole::level1) {
            release_wrapped_label();
            section_ = Section::table;
          }
        }
      }
      if (section_ == Section::table) {
        // A first-level label alone on its line opens a table in reading
        // order too where the document's tables are read so (its column
        // labels came after it, as the text flow put them).
        reading_order_ = row.layout == tokenize::Layout::reading_order ||
                         (read_in_reading_order_ && row.filled().size() == 1);
        if (reading_order_) return reading_table_.add(row);
        return read_indicator_row(row);
      }
      return read_header_row(row);
    case Section::table:
      // `财政资金管理科室（盖章） | 年 月 日`, `填报人:…`: under the table.
      if (is_signature_row(row)) return add_document_text(row);
      if (is_fund_row(row)) return read_header_row(row);
      if (reading_order_) return read_reading_order_row(row);
      if (is_table_header(row)) {
        if (aligned_) aligned_->add(row, true);
        return claim(row, "table");
      }
      if (aligned_) return aligned_->add(row, false);
      return read_indicator_row(row);
  }
}

// A line of column-label pieces in the header waits: the next line may be
// the column header it belongs to. Any other line reads those held first.
bool Parser::hold_header_piece(const tokenize::Row& row) {
  // (Space-aligned text only: indented, or columns apart, or several pieces.
  // A label alone at the left margin is plain text's, read in reading order.)
  const bool aligned =
      !row.words.empty() && (row.layout == tokenize::Layout::spaces || row.words.size() >= 2 ||
                             row.words.front().column > 0);
  const bool piece = !releasing_pieces_ && header_pieces_.size() < 2 && aligned &&
                     !is_table_header(row) && !has_header_label(row) &&
                     continues_header(row, grammar_, true);
  if (piece) {
    header_pieces_.push_back(row);
    return true;
  }
  if (!is_table_header(row) || row.layout != tokenize::Layout::spaces) release_header_pieces();
  return false;
}

void Parser::release_header_pieces() {
  std::vector<tokenize::Row> held;
  held.swap(header_pieces_);
  releasing_pieces_ = true;
  for (const auto& piece : held) on_cells(piece);
  releasing_pieces_ = false;
}

// `rows of several cells: 12 words, 3 tab`: what the layout was chosen on.
namespace {

// The message templates that name a layout, and count rows in it (the count
// is the value named after the layout).
struct LayoutWords {
  const char* name;
  const char* rows;
};

LayoutWords layout_words(tokenize::Layout layout) {
  switch (layout) {
    case tokenize::Layout::automatic:
      return {"layout-chosen.auto", "layout-chosen.rows-auto"};
    case tokenize::Layout::tab:
      return {"layout-chosen.tab", "layout-chosen.rows-tab"};
    case tokenize::Layout::pipe:
      return {"layout-chosen.pipe", "layout-chosen.rows-pipe"};
    case tokenize::Layout::spaces:
      return {"layout-chosen.spaces", "layout-chosen.rows-spaces"};
    case tokenize::Layout::reading_order:
      return {"layout-chosen.reading-order-layout", "layout-chosen.rows-reading-order"};
    case tokenize::Layout::csv:
      return {"layout-chosen.csv", "layout-chosen.rows-csv"};
    case tokenize::Layout::marked_cells:
      return {"layout-chosen.marked-cells", "layout-chosen.rows-marked-cells"};
    case tokenize::Layout::words:
      return {"layout-chosen.words", "layout-chosen.rows-words"};
    case tokenize::Layout::indented:
      return {"layout-chosen.indented", "layout-chosen.rows-indented"};
  }
  return {"layout-chosen.auto", "layout-chosen.rows-auto"};
}

}  // namespace

// The rows of several cells in each layout, most first: `evidence` lists
// the templates that count them, each count a value named after its layout.
messages::Args Parser::layout_evidence() const {
  std::vector<std::pair<int, int>> counts;  // rows, layout
  for (int k = 0; k < tokenize::kLayouts; ++k) {
    if (layout_rows_[k] > 0) counts.emplace_back(layout_rows_[k], k);
  }
  std::sort(counts.rbegin(), counts.rend());
  messages::Args out;
  std::vector<std::string> rows;
  for (const auto& [count, k] : counts) {
    const auto layout = static_cast<tokenize::Layout>(k);
    rows.push_back(layout_words(layout).rows);
    out.emplace_back(tokenize::to_string(layout), std::to_string(count));
  }
  out.emplace_back("evidence", messages::items(rows));
  return out;
}

void Parser::count_layout(const tokenize::Row& row) {
  if (row.filled().size() > 1) ++layout_rows_[static_cast<int>(row.layout)];
}

void Parser::start_project(const tokenize::Row& row) {
  project_.emplace();
  model::Project& p = *project_;
  // Room for a table's usual few dozen indicators, so that adding one does
  // not move those before it (an indicator is a large object).
  p.indicators.reserve(kIndicatorsReserved);
  p.index = project_count_++;
  p.first_line = row.line;
  p.last_line = row.line;
  if (pending_year_) {
    p.year = pending_year_->year;
    p.first_line = pending_year_->line;
    claim(*pending_year_, "year");
  }
  if (pending_title_) {
    p.title = pending_title_->filled().front()->text;
    if (pending_title_->year) p.year = pending_title_->year;
    p.first_line = pending_title_->line;
    claim(*pending_title_, "title");
  }
  // A table of its own (a title or a year line before it) sets the year of
  // the projects that follow it without either; a title without a year
  // sets none.
  if (pending_title_ || pending_year_) {
    table_year_ = p.year;
  } else if (!p.year) {
    p.year = table_year_;
  }
  if (!p.year) p.year = document_year_;
  p.preamble = std::move(preamble_);
  preamble_.clear();
  std::stable_sort(
      p.preamble.begin(), p.preamble.end(),
      [](const model::TextLine& a, const model::TextLine& b) { return a.line < b.line; });
  pending_title_.reset();
  pending_year_.reset();
  section_ = Section::header;
  scope_unit_[0].clear();
  last_scope_ = Scope::total;
  scope_unit_[1].clear();
  carried_labels_.clear();
  level1_ = level2_ = -1;
  unknown_level2_ = false;
  unknown_level1_.clear();
  last_level_index_ = -1;
  level1_index_ = -1;
  level2_label_.clear();
  level2_names_ = false;
  level2_names_said_ = false;
  project_columns_.clear();
  indicator_columns_.clear();
  column_roles_.clear();
  budget_columns_.clear();
  task_columns_.clear();
  goal_line_ = -1;
  last_value_.reset();
  field_keys_.clear();
  field_numbers_.clear();
  provisional_name_.reset();
  for (int& count : layout_rows_) count = 0;
  count_layout(row);
}

void Parser::finish_project() {
  if (!project_) return;
  if (section_ == Section::header) release_wrapped_label();
  wrapped_label_.clear();
  release_header_pieces();
  if (aligned_) read_table_model(aligned_->read(reader_context()), aligned_->lines());
  aligned_.reset();
  const bool in_reading_order = reading_order_;
  if (reading_order_) read_table_model(reading_table_.read(paged_), reading_table_.lines());
  read_in_reading_order_ = read_in_reading_order_ || reading_order_;
  reading_table_.clear();
  reading_order_ = false;
  model::Project& p = *project_;
  if (auto total = p.funds.find("total"); total != p.funds.end()) {
    p.amount = total->second;
  } else if (auto allocated = p.allocated.find("total"); allocated != p.allocated.end()) {
    p.amount = allocated->second;
  }
  p.id = project_id(grammar_, p);
  // Rows rebuilt from several lines may share one (a header value's lines
  // among its neighbours'): each line once, in order.
  for (auto& [role, lines] : p.source_lines) {
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  }
  const int* most = std::max_element(std::begin(layout_rows_), std::end(layout_rows_));
  if (in_reading_order) {
    p.layout = tokenize::to_string(tokenize::Layout::reading_order);
    diagnostics_.push_back(source::make_diagnostic(source::Code::layout_chosen, p.first_line, 1,
                                                   "layout-chosen.reading-order",
                                                   {{"table", p.name}}));
  } else if (*most > 0) {
    p.layout = tokenize::to_string(static_cast<tokenize::Layout>(most - std::begin(layout_rows_)));
    messages::Args args = layout_evidence();
    args.emplace_back("table", p.name);
    args.emplace_back(
        "layout",
        layout_words(static_cast<tokenize::Layout>(most - std::begin(layout_rows_))).name);
    diagnostics_.push_back(source::make_diagnostic(source::Code::layout_chosen, p.first_line, 1,
                                                   "layout-chosen.separated", std::move(args)));
  }
  if (p.indicators.empty()) {
    diagnostics_.push_back(source::make_diagnostic(source::Code::no_indicators, p.first_line, 1,
                                                   "no-indicators.none", {{"project", p.name}}));
  }
  if (!project_columns_.empty()) {
    for (auto& part : split_by_columns(std::move(p))) {
      part.id = project_id(grammar_, part);
      on_project_(std::move(part));
    }
  } else {
    on_project_(std::move(p));
  }
  project_.reset();
  section_ = Section::none;
}

}  // namespace jixiao::parse
