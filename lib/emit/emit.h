// Stage 5, emit: writes the output model as JSON, following the output
// contract (schema `jixiao/v1`). The emitter sees only the model: no grammar,
// no regex engine, no text processing.
#pragma once

#include <string>
#include <string_view>

#include "model/model.h"

namespace jixiao::emit {

struct Options {
  bool pretty = false;  // indented, for people; compact otherwise
};

// The whole document: `{"schema": "jixiao/v1", "source": …, "projects": […], …}`.
std::string document_json(const model::Document& document, const Options& options);

// A document's JSON in pieces, for output written while its input is still
// being read: each project, diagnostic and text line is rendered as it comes
// (and may be spooled), the head once the source is known. In the order
// head, projects, after_projects, diagnostics, after_diagnostics, text lines,
// tail, the pieces are byte for byte what document_json() writes.
class DocumentJson {
 public:
  explicit DocumentJson(const Options& options) : options_(options) {}

  // `{"schema": …, "source": …, "grammar": …, "projects": [`
  std::string head(const model::Document& document) const;
  // One element of an array; `first` for the first of its array.
  void append_project(std::string& out, const model::Project& project, bool first) const;
  void append_diagnostic(std::string& out, const source::Diagnostic& diagnostic, bool first) const;
  void append_text(std::string& out, const model::TextLine& line, bool first) const;
  // Closes an array (given whether it had elements) and opens the next.
  std::string after_projects(bool any) const;
  std::string after_diagnostics(bool any) const;
  std::string tail(bool any_text) const;

 private:
  void element_start(std::string& out, bool first) const;
  std::string next_array(bool previous_had_elements, const char* name) const;

  Options options_;
};

// One project as one line of JSON Lines, with `source.path` added so the line
// stands on its own.
std::string project_jsonl(const model::Project& project, std::string_view source_path);
// The same line (without its newline), appended to `out`.
void append_project_jsonl(std::string& out, const model::Project& project,
                          std::string_view source_path);

// One value as one line of compact JSON (`jixiao value`).
std::string value_json(const model::Value& value);

// One diagnostic as a JSON object (for `--format jsonl` logs and tests).
std::string diagnostic_json(const source::Diagnostic& diagnostic);

}  // namespace jixiao::emit
