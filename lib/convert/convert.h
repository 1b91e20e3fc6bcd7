// The pipeline in one call: read → normalize → tokenize → parse, with values
// read inside parse. This is the library's front door; the CLI and the tests
// go through it.
#pragma once

#include <deque>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "grammar/grammar.h"
#include "model/model.h"
#include "normalize/normalize.h"
#include "source/input.h"
#include "tokenize/tokenize.h"

namespace jixiao::convert {

std::string_view version();

using ProjectHandler = std::function<void(model::Project&&)>;
using DiagnosticHandler = std::function<void(source::Diagnostic&&)>;
using TextHandler = std::function<void(model::TextLine&&)>;

// Where a conversion's pieces go as they are ready. Diagnostics and document
// text leave in batches when a project ends (each batch in line order), so a
// long input never holds more than one project's worth of them. A handler
// left empty keeps its pieces in the returned document instead.
struct Handlers {
  ProjectHandler on_project;
  DiagnosticHandler on_diagnostic;
  TextHandler on_text;
};

class Converter {
 public:
  // Reads every input with this grammar.
  explicit Converter(const grammar::Grammar& grammar) : grammars_{&grammar} {}
  // Picks a grammar for each input: the first whose `document.detect` matches
  // one of the input's first lines, else the first of them (the default).
  explicit Converter(std::vector<const grammar::Grammar*> grammars)
      : grammars_(std::move(grammars)) {}

  // Reads every input in this encoding instead of detecting it (an ICU
  // name: `GB18030`, `UTF-16LE`). Throws std::invalid_argument for a name
  // ICU does not know.
  void force_encoding(std::string name);
  // Splits every line into cells this way instead of deciding line by line.
  void force_layout(tokenize::Layout layout) { layout_ = layout; }

  // Streams `in`: each project goes to `on_project` as soon as it ends. A PDF
  // (`%PDF-` in its first 1024 bytes) is read whole and its pages rebuilt
  // into rows first. Running out of memory for one input is a diagnostic of
  // that input (pdf-unreadable, read-error), not the program's end. The
  // returned document has the source facts, the document text and the
  // diagnostics, but no projects.
  model::Document convert(std::istream& in, std::string path,
                          const ProjectHandler& on_project) const;
  // The same, with diagnostics and document text streamed too.
  model::Document convert(std::istream& in, std::string path, const Handlers& handlers) const;

  // Reads everything into one document, projects included.
  model::Document convert(std::istream& in, std::string path) const;

 private:
  model::Document read_input(std::istream& in, std::string path, const Handlers& handlers) const;
  // `head`: the input's first bytes, read already; `in` gives the rest.
  model::Document convert_text(std::istream& in, std::string path, const Handlers& handlers,
                               const std::string& encoding, std::string head = {}) const;
  model::Document convert_pdf(std::string_view bytes, std::string path,
                              const Handlers& handlers) const;

  // A line read ahead to pick the grammar, with the text it normalized to
  // (none for a line of binary data) and whether it was valid UTF-8, so
  // that it is neither normalized nor checked twice.
  struct AheadLine {
    source::RawLine raw;
    std::optional<normalize::Text> text;
    bool valid_utf8 = false;  // (known only where `text` is)
  };
  // Normalizes the line's bytes as the main loop will read them (repaired
  // first where they are not UTF-8) and notes whether they were.
  void normalize_read_ahead(AheadLine& line) const;
  const grammar::Grammar& pick_grammar(source::LineReader& reader,
                                       std::deque<AheadLine>& ahead) const;
  // Whether a row's first filled cell (or a line) starts with a project-name
  // label, read by `current` first, then by the other grammars.
  bool opens_project(const grammar::Grammar& current, std::string_view text) const;
  // The grammar whose `document.detect_table` the opening lines of the
  // project that `first` opens match (read ahead into `ahead`, up to the
  // next project or title), or null: a self-evaluation without its title.
  const grammar::Grammar* kind_of_table_ahead(const grammar::Grammar& current,
                                              const normalize::Text& first,
                                              source::LineReader& reader,
                                              std::deque<AheadLine>& ahead) const;
  // The grammar, other than `current`, whose table title the row is: a
  // table of another kind begins there. Null for any other row, and when
  // one grammar was asked for.
  const grammar::Grammar* title_of_other_kind(const grammar::Grammar& current,
                                              const tokenize::Row& row) const;

  std::vector<const grammar::Grammar*> grammars_;
  normalize::Normalizer normalizer_;
  std::string encoding_;
  tokenize::Layout layout_ = tokenize::Layout::automatic;
};

// Reads single value cells, as `jixiao value` does: the same normalization
// and value rules as a conversion, without a table around them.
class ValueReader {
 public:
  explicit ValueReader(const grammar::Grammar& grammar);
  ~ValueReader();

  // Second-level name (any alias) → context index; false when unknown.
  bool set_level2(std::string_view name);
  void set_year(int year);
  void set_money_unit(std::string unit);

  struct Result {
    model::Value value;
    std::vector<source::Diagnostic>
        diagnostics;  // line 0; the caller knows where the text came from
  };
  Result read(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Opens a file for conversion, or standard input for "-". On failure returns
// null and sets `error` to a message for the user (missing, a folder, …).
std::unique_ptr<std::istream> open_input(const std::string& path, std::string& error);

// True when any diagnostic is at or above `level`.
bool has_severity(const model::Document& document, source::Severity level);

}  // namespace jixiao::convert
