// Tables in reading order (plain `pdftotext`), buffered whole and rebuilt
// into the table model: see reading_order.cpp.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "parse/table_model.h"

namespace jixiao::parse {

class ReadingOrderTable {
 public:
  explicit ReadingOrderTable(ReaderContext cx) : cx_(std::move(cx)) {}

  // A piece of text: a cell, or a cell's lines joined.
  struct Piece {
    enum Kind { name, value, level, other } kind;
    std::string text;
    std::vector<int> lines;
    int paragraph = 0;
    const tokenize::Row* row = nullptr;
    const tokenize::Cell* cell = nullptr;
    int level1 = -1, level2 = -1;  // for labels
    std::size_t last_line_chars = 0;
    // Where a name's second line was joined on because the first ran as wide
    // as the column (bytes into `text`; 0: not so), and that line.
    std::size_t soft_wrap = 0;
    int soft_wrap_line = 0;
  };

  // Buffers a row of the table, a level label and the cell beside it on one
  // line split apart.
  void add(const tokenize::Row& row);
  // Rebuilds the rows. `paged`: the text came from a paged document (a form
  // feed was seen), so labels stand where they were drawn.
  TableModel read(bool paged) const;
  // What a cell's text is, by what it says.
  Piece::Kind kind_of(const std::string& text) const;

  const std::deque<tokenize::Row>& rows() const { return rows_; }
  std::vector<const tokenize::Row*> lines() const;
  void clear() { rows_.clear(); }

 private:
  bool numbered(std::string_view text) const { return cx_.numbered(text); }
  bool is_label_tail(std::string_view text) const;
  bool is_value_head(const std::string& text) const;
  bool starts_value(std::string_view text) const;
  tokenize::Row column_header(const tokenize::Row& like) const;
  std::size_t level_label_prefix(std::string_view text) const;
  std::size_t wrapped_label_head(std::string_view text, std::string_view tail) const;
  std::vector<Piece> pieces() const;
  std::vector<Piece> join_cells(std::vector<Piece> pieces) const;
  std::vector<Piece> unwrap_by_count(std::vector<Piece> pieces) const;
  bool ends_value(Piece& value, const Piece& piece, bool adjacent) const;
  bool ends_name(Piece& name, const Piece& piece, std::ptrdiff_t (&open)[3], bool value_after,
                 std::size_t full, bool by_number) const;
  bool continue_open_cell(std::vector<Piece>& out, std::ptrdiff_t (&open)[3], const Piece& piece,
                          std::size_t full, bool by_number) const;
  std::pair<double, std::vector<int>> cut_into_runs(
      const std::vector<std::size_t>& order, const std::vector<std::pair<int, double>>& present,
      const std::vector<std::vector<double>>& misfit, double pull, const std::vector<double>& joins,
      const std::vector<double>& cuts) const;
  std::optional<int> number_of(std::string_view text) const;
  std::vector<int> levels(std::size_t n, const std::function<std::string(std::size_t)>& row_text,
                          const std::vector<std::pair<int, double>>& placed, bool paged) const;

  ReaderContext cx_;
  const grammar::Grammar& grammar_ = cx_.grammar;
  const values::ValueParser& values_ = cx_.values;
  // A deque: pieces point into its rows while it grows.
  std::deque<tokenize::Row> rows_;
};

}  // namespace jixiao::parse
