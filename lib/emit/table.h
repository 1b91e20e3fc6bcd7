// Tabular outputs: CSV (one row per indicator, the contract's columns) and
// XLSX (a 项目 sheet and a 指标 sheet), for pandas, databases and Excel/WPS.
// Numbers go out as numbers, never as text.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emit/labels.h"
#include "model/model.h"

namespace jixiao::emit {

// The header line of the CSV, with a byte-order mark first when `bom` (so
// that Excel opens Chinese text correctly). The contract's machine names
// unless `labels` asks for Chinese.
std::string csv_header(bool bom, Labels labels = Labels::en);
// The rows of one project, one per indicator, RFC 4180 quoted, CRLF ended.
// A text cell a spreadsheet would run as a formula (`=1+1`, `-5%`, `@SUM`)
// starts with `'` (OWASP's advice against CSV injection) unless `raw`.
// `labels` names the enumerations (kind, op, table_type, term).
std::string csv_rows(const model::Project& project, std::string_view source_path, bool raw = false,
                     Labels labels = Labels::en);

// An XLSX workbook written with libxlsxwriter: projects go to the 项目
// sheet, their indicators to the 指标 sheet, as they are added. People read
// it, so its headers and enumerations are Chinese unless `labels` is `en`.
class XlsxWriter {
 public:
  // Excel's rows a sheet and characters a cell.
  static constexpr std::size_t kExcelRows = 1048576;
  static constexpr std::size_t kCellChars = 32767;
  // `rows_per_sheet` (header row included) is Excel's, less only in tests:
  // a sheet that is full goes on on `指标 (2)`.
  explicit XlsxWriter(const std::string& path, Labels labels = Labels::zh,
                      std::size_t rows_per_sheet = kExcelRows);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void add(const model::Project& project, std::string_view source_path);
  // Writes the file; false (with `error`) when it cannot be written or any
  // cell could not be.
  bool close(std::string& error);
  // What was changed to fit Excel: cells cut to 32,767 characters.
  const std::vector<std::string>& warnings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jixiao::emit
