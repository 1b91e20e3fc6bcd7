// Tabular outputs: CSV (one row per indicator, the contract's columns) and
// XLSX (a 项目 sheet and a 指标 sheet), for pandas, databases and Excel/WPS.
// Numbers go out as numbers, never as text.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "model/model.h"

namespace jixiao::emit {

// The header line of the CSV, with a byte-order mark first when `bom` (so
// that Excel opens Chinese text correctly).
std::string csv_header(bool bom);
// The rows of one project, one per indicator, RFC 4180 quoted, CRLF ended.
// A text cell a spreadsheet would run as a formula (`=1+1`, `-5%`, `@SUM`)
// starts with `'` (OWASP's advice against CSV injection) unless `raw`.
std::string csv_rows(const model::Project& project, std::string_view source_path, bool raw = false);

// An XLSX workbook written with libxlsxwriter: projects go to the 项目
// sheet, their indicators to the 指标 sheet, as they are added.
class XlsxWriter {
 public:
  explicit XlsxWriter(const std::string& path);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void add(const model::Project& project, std::string_view source_path);
  // Writes the file; false (with `error`) when it cannot be written.
  bool close(std::string& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jixiao::emit
