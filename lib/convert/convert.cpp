#include "convert/convert.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <sstream>

#include "audit/audit.h"
#include "layout/layout.h"
#include "messages/messages.h"
#include "normalize/decode.h"
#include "parse/parse.h"
#include "pdf/reader.h"
#include "source/input.h"
#include "source/sha256.h"
#include "tokenize/tokenize.h"
#include "values/values.h"

namespace jixiao::convert {
namespace {

constexpr std::size_t kMaxPdfBytes = pdf::kMaxFileBytes;

// A CSV record whose quoted cell is still open after this many more lines
// is read as it stands: a stray quote must not swallow the file.
constexpr int kMaxCsvRecordLines = 200;

// Past this many, invalid-UTF-8 lines are counted, not listed: a file in the
// wrong encoding would otherwise bury everything else.
constexpr int kMaxEncodingDiagnostics = 10;

// Where reading stops before the end of the input (binary data, an endless
// line), the rest is still hashed, so that source.sha256 is the file's, as
// sha256sum gives it. A file's rest is known and hashed whole; a stream
// that cannot tell its size (a pipe, a device) may never end (/dev/zero),
// and is hashed this much further at most.
constexpr std::uint64_t kMaxUnsizedHashBytes = std::uint64_t{64} << 20;  // 64 MiB

// How many bytes `in` holds past its position, when it can tell: a file
// can, by seeking; a pipe cannot, and a device may tell a size below what
// was read from it (/dev/zero says 0), which is as good as not telling.
std::optional<std::uint64_t> bytes_left(std::istream& in, std::uint64_t read) {
  std::streambuf* buffer = in.rdbuf();
  const std::streampos here = buffer->pubseekoff(0, std::ios::cur, std::ios::in);
  if (here == std::streampos(-1)) return std::nullopt;
  const std::streampos end = buffer->pubseekoff(0, std::ios::end, std::ios::in);
  if (buffer->pubseekpos(here, std::ios::in) != here || end == std::streampos(-1) ||
      here < static_cast<std::streamoff>(read) || end < here)
    return std::nullopt;
  return static_cast<std::uint64_t>(end - here);
}

// A line of binary data: reading stops there.
bool holds_binary(const source::RawLine& raw) {
  return raw.cut == source::RawLine::Cut::binary || raw.bytes.find('\0') != std::string::npos;
}

// A stream that reads standard input without owning it.
class BorrowedStream : public std::istream {
 public:
  explicit BorrowedStream(std::istream& in) : std::istream(in.rdbuf()) {}
};

// A failed check becomes a diagnostic, unless the value parser already said
// the same of that line (a rate above 100%, a date years away).
void add_audit_diagnostics(const model::Project& project, std::vector<source::Diagnostic>& out) {
  auto said = [&](int line, source::Code code) {
    return std::any_of(out.begin(), out.end(), [&](const source::Diagnostic& d) {
      return d.line == line && d.code == code;
    });
  };
  for (const auto& check : project.audit) {
    if (check.passed) continue;
    if (check.code == source::Code::rate_out_of_range &&
        said(check.line, source::Code::rate_over_limit))
      continue;
    if (check.code == source::Code::date_outside_year && said(check.line, source::Code::date_far))
      continue;
    out.push_back(source::make_diagnostic(check.code, check.line, 0, check.message_id, check.args));
  }
}

// The words for one of PCRE2's limits (grammar::LimitLog::Hit::limit).
std::string limit_words(std::string_view limit) {
  if (limit == "depth limit") return "pattern-limit.depth-limit";
  if (limit == "heap limit") return "pattern-limit.heap-limit";
  if (limit == "JIT stack limit") return "pattern-limit.jit-stack-limit";
  return "pattern-limit.match-limit";
}

// A table of a PDF read as tab-separated cells was rebuilt from its rules:
// its layout note says so.
source::Diagnostic rebuilt_from_pdf(source::Diagnostic d) {
  const bool tab = std::any_of(d.args.begin(), d.args.end(), [](const auto& arg) {
    return arg.first == "layout" && arg.second == "layout-chosen.tab";
  });
  if (d.message_id != "layout-chosen.separated" || !tab) return d;
  source::Diagnostic out = source::make_diagnostic(d.code, d.line, d.column, "layout-chosen.pdf",
                                                   std::move(d.args), std::move(d.text));
  out.last_line = d.last_line;
  return out;
}

// Each grammar pattern that reached one of PCRE2's limits since the last
// call (once per rule in an input), as a warning at `line`: the line being
// read when it happened (a table read whole is matched when it ends; the
// diagnostic's text is what the pattern was matched against).
void report_pattern_limits(grammar::LimitLog& log, int line, std::vector<source::Diagnostic>& out) {
  if (log.empty()) return;
  for (grammar::LimitLog::Hit& hit : log.take()) {
    out.push_back(source::make_diagnostic(source::Code::pattern_limit, line, 0, "pattern-limit.hit",
                                          {{"rule", hit.rule}, {"limit", limit_words(hit.limit)}},
                                          std::move(hit.subject)));
  }
}

// Hands the pending items with a line at or before `through_line` to
// `handler`, in line order (stable: items of one line keep their order).
template <class Item, class Handler>
void flush_through(std::vector<Item>& pending, int through_line, const Handler& handler) {
  std::stable_sort(pending.begin(), pending.end(),
                   [](const Item& a, const Item& b) { return a.line < b.line; });
  const auto end = std::upper_bound(pending.begin(), pending.end(), through_line,
                                    [](int line, const Item& item) { return line < item.line; });
  for (auto it = pending.begin(); it != end; ++it) handler(std::move(*it));
  pending.erase(pending.begin(), end);
}

// The reading of one kind of table: its grammar, and the tokenizer, parser
// and auditor that follow it. A document that holds tables of several kinds
// is read by one after another.
struct Part {
  Part(const grammar::Grammar& g, tokenize::Layout layout, const Handlers& handlers)
      : grammar(&g),
        auditor(g),
        tokenizer(g, layout),
        assembler(g, tokenizer),
        parser(g, [this, &handlers](model::Project&& project) {
          deliver(std::move(project), handlers);
        }) {}
  Part(const Part&) = delete;
  Part& operator=(const Part&) = delete;

  void deliver(model::Project&& project, const Handlers& handlers);
  // Hands over the diagnostics and document text gathered up to `line`.
  void flush_through(int line, const Handlers& handlers);

  // Hands a tokenized line to the layout stage, and the rows it rebuilds to
  // the parser.
  void feed(tokenize::Row&& row) {
    assembler.push(std::move(row), [this](tokenize::Row&& r) { parser.feed(r); });
  }
  void end_of_input() {
    assembler.finish([this](tokenize::Row&& r) { parser.feed(r); });
  }

  const grammar::Grammar* grammar;
  audit::Auditor auditor;
  tokenize::Tokenizer tokenizer;
  layout::Assembler assembler;
  parse::Parser parser;
};

void Part::deliver(model::Project&& project, const Handlers& handlers) {
  project.table_type = grammar->table_type;
  project.audit = auditor.audit(project);
  add_audit_diagnostics(project, parser.diagnostics());
  const int last_line = project.last_line;
  handlers.on_project(std::move(project));
  flush_through(last_line, handlers);
}

void Part::flush_through(int line, const Handlers& handlers) {
  convert::flush_through(parser.diagnostics(), line, handlers.on_diagnostic);
  convert::flush_through(parser.document_text(), line, handlers.on_text);
}

// Fills in the handlers a caller left empty: their pieces go to `doc`.
Handlers keeping_in(model::Document& doc, const Handlers& given) {
  Handlers h = given;
  if (!h.on_diagnostic)
    h.on_diagnostic = [&doc](source::Diagnostic&& d) { doc.diagnostics.push_back(std::move(d)); };
  if (!h.on_text) h.on_text = [&doc](model::TextLine&& t) { doc.text.push_back(std::move(t)); };
  return h;
}

}  // namespace

std::string_view version() { return JIXIAO_VERSION; }

void Converter::force_encoding(std::string name) {
  if (!normalize::known_encoding(name))
    throw std::invalid_argument("unknown encoding `" + name + "`");
  encoding_ = std::move(name);
}

model::Document Converter::convert(std::istream& in, std::string path,
                                   const ProjectHandler& on_project) const {
  return convert(in, std::move(path), Handlers{on_project, nullptr, nullptr});
}

model::Document Converter::convert(std::istream& in, std::string path,
                                   const Handlers& given) const {
  model::Document kept;  // diagnostics and text for handlers not given
  const Handlers handlers = keeping_in(kept, given);
  // A read error deep in the stream (an I/O error, a folder given as
  // standard input) ends the input with a diagnostic, never a crash.
  const std::string name = path;
  model::Document doc;
  try {
    doc = read_input(in, std::move(path), handlers);
  } catch (const std::exception& e) {
    doc = model::Document{};
    doc.path = name;
    doc.grammar = grammars_.front()->name;
    // Out of memory, the input's buffers are gone by now, and there is
    // room for a message again.
    const bool memory = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
    handlers.on_diagnostic(
        memory ? source::make_diagnostic(source::Code::read_error, 0, 0, "read-error.memory")
               : source::make_diagnostic(source::Code::read_error, 0, 0, "read-error.failed",
                                         {{"why", e.what()}}));
  }
  doc.diagnostics = std::move(kept.diagnostics);
  doc.text = std::move(kept.text);
  return doc;
}

model::Document Converter::read_input(std::istream& in, std::string path,
                                      const Handlers& handlers) const {
  // The first bytes say whether the input is a PDF. They are read, not
  // peeked at (a pipe cannot be rewound), and handed to the text reader in
  // front of the rest: only a PDF is read whole, and text of any size, or
  // any beginning, is streamed.
  std::string head(pdf::kHeaderWindow, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (!pdf::has_header(head))
    return convert_text(in, std::move(path), handlers, encoding_, std::move(head));
  auto refused = [&](messages::Message why) {
    model::Document doc;
    doc.path = path;
    doc.grammar = grammars_.front()->name;
    doc.encoding = "PDF";
    handlers.on_diagnostic(
        source::make_diagnostic(source::Code::pdf_unreadable, 0, 0, std::move(why)));
    return doc;
  };
  const messages::Message too_large{"pdf-unreadable.too-large",
                                    {{"mib", std::to_string(kMaxPdfBytes >> 20)}}};
  // A file tells its size: one past the limit is refused unread, and one
  // within it takes one allocation of its size, not a string that doubles.
  const std::optional<std::uint64_t> left = bytes_left(in, head.size());
  if (left && head.size() + *left > kMaxPdfBytes) return refused(too_large);
  try {
    std::string bytes = std::move(head);
    if (left) bytes.reserve(bytes.size() + static_cast<std::size_t>(*left));
    // Read whole, up to the limit: poppler wants all of it in memory. In
    // blocks, so that memory is what the file takes, not the limit.
    std::vector<char> block(std::size_t{1} << 20);
    while (bytes.size() <= kMaxPdfBytes &&
           (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0))
      bytes.append(block.data(), static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > kMaxPdfBytes) return refused(too_large);
    return convert_pdf(bytes, std::move(path), handlers);
  } catch (const std::bad_alloc&) {
    // Memory for this input alone: the next one may well fit.
    return refused({"pdf-unreadable.memory",
                    {{"size", left ? "pdf-unreadable.memory-size" : ""},
                     {"mib", left ? std::to_string((*left >> 20) + 1) : ""}}});
  }
}

// The PDF's pages become text lines (tables as tab-separated rows, see
// pdf/layout.h), read like any text file; `jixiao pdftext` prints the same
// lines, so the line numbers in diagnostics can be looked up.
model::Document Converter::convert_pdf(std::string_view bytes, std::string path,
                                       const Handlers& handlers) const {
  const pdf::Extraction extraction = pdf::extract(bytes);
  model::Document doc;
  for (const messages::Message& limit : extraction.limits)
    handlers.on_diagnostic(source::make_diagnostic(source::Code::pdf_too_large, 0, 0, limit));
  if (!extraction.error.empty()) {
    doc.path = std::move(path);
    doc.grammar = grammars_.front()->name;
    doc.encoding = "PDF";
    doc.sha256 = source::sha256_hex(bytes);
    handlers.on_diagnostic(
        source::make_diagnostic(source::Code::pdf_unreadable, 0, 0, extraction.error));
    return doc;
  }
  std::string text;
  for (const std::string& line : extraction.lines) {
    text += line;
    text += '\n';
  }
  std::istringstream lines(std::move(text));
  Handlers from_pdf = handlers;
  from_pdf.on_project = [&](model::Project&& project) {
    project.layout = "pdf";
    handlers.on_project(std::move(project));
  };
  from_pdf.on_diagnostic = [&](source::Diagnostic&& d) {
    handlers.on_diagnostic(rebuilt_from_pdf(std::move(d)));
  };
  doc = convert_text(lines, std::move(path), from_pdf, "UTF-8");
  doc.encoding = "PDF";
  doc.sha256 = source::sha256_hex(bytes);
  doc.pdf_pages = extraction.pages;
  return doc;
}

model::Document Converter::convert_text(std::istream& in, std::string path,
                                        const Handlers& handlers, const std::string& encoding,
                                        std::string head) const {
  // Patterns that reach a PCRE2 limit while this input is read, on this
  // thread (the whole input is).
  grammar::LimitLog limits;
  normalize::DecodingBuffer decoded(in, encoding, std::move(head));
  std::istream decoded_text(&decoded);
  source::LineReader reader(decoded_text);
  std::deque<AheadLine> ahead;  // lines read ahead to pick a grammar
  const grammar::Grammar& grammar = pick_grammar(reader, ahead);
  std::optional<normalize::Text> known;  // the line's text, when reading ahead normalized it
  bool known_valid = false;              // and whether it was valid UTF-8 (then)
  auto next_line = [&](source::RawLine& raw) {
    known.reset();
    known_valid = false;
    if (!ahead.empty()) {
      raw = std::move(ahead.front().raw);
      known = std::move(ahead.front().text);
      known_valid = known && ahead.front().valid_utf8;
      ahead.pop_front();
      return true;
    }
    return reader.next(raw);
  };

  model::Document doc;
  doc.path = std::move(path);
  doc.grammar = grammar.name;
  auto part = std::make_unique<Part>(grammar, layout_, handlers);
  const grammar::Grammar* titled = &grammar;  // the kind the last title (or the file) gave
  parse::Parser::Earlier earlier;             // what the parts before this one held
  doc.encoding = decoded.encoding();
  source::RawLine raw;
  int bad_encoding_lines = 0, control_lines = 0;
  int last_read = 0;                    // the number of the last line read
  std::optional<source::Code> stopped;  // why reading stopped before the end
  while (next_line(raw)) {
    last_read = raw.number;
    if (holds_binary(raw)) {
      stopped = source::Code::binary_input;
      // A NUL past the part of a long line that was kept has no column.
      const std::size_t nul = raw.bytes.find('\0');
      part->parser.diagnostics().push_back(source::make_diagnostic(
          source::Code::binary_input, raw.number,
          nul == std::string::npos ? 0 : source::column_of(raw.bytes, nul), "binary-input.nul"));
      break;
    }
    std::string repaired;
    std::string_view line = raw.bytes;
    if (decoded.converting()) {
      if (std::size_t bad = line.find("\xEF\xBF\xBD");
          bad != std::string_view::npos && ++bad_encoding_lines <= kMaxEncodingDiagnostics) {
        part->parser.diagnostics().push_back(source::make_diagnostic(
            source::Code::undecodable, raw.number, source::column_of(line, bad), "undecodable.line",
            {{"encoding", decoded.encoding()}}));
      }
    } else if (std::size_t bad =
                   known_valid ? std::string_view::npos : source::find_invalid_utf8(line);
               bad != std::string_view::npos) {
      if (++bad_encoding_lines <= kMaxEncodingDiagnostics) {
        part->parser.diagnostics().push_back(
            source::make_diagnostic(source::Code::invalid_utf8, raw.number,
                                    source::column_of(line, bad), "invalid-utf8.line"));
      }
      repaired = source::repair_utf8(line);
      line = repaired;
    }
    // ESC sequences, bells, a carriage return inside a line: never passed on
    // to the output (where a terminal or a spreadsheet would act on them).
    std::size_t control_length = 0;
    if (const std::size_t at = source::find_control(line, 0, control_length);
        at != std::string_view::npos) {
      std::string stripped(line);
      const std::size_t count = source::strip_controls(stripped);
      if (++control_lines <= kMaxEncodingDiagnostics) {
        part->parser.diagnostics().push_back(source::make_diagnostic(
            source::Code::control_characters, raw.number, source::column_of(line, at),
            "control-characters.line", {{"count", std::to_string(count)}}));
      }
      repaired = std::move(stripped);
      line = repaired;
      known.reset();
    }
    if (raw.cut == source::RawLine::Cut::endless) {
      stopped = source::Code::line_too_long;
      // The line is read as any long line is; the reader gives no more.
      part->parser.diagnostics().push_back(source::make_diagnostic(
          source::Code::line_too_long, raw.number, 0, "line-too-long.endless",
          {{"bytes", std::to_string(raw.bytes.size() + raw.skipped)},
           {"max", std::to_string(source::kMaxLineBytes)}}));
    } else if (raw.skipped > 0) {
      part->parser.diagnostics().push_back(
          source::make_diagnostic(source::Code::line_too_long, raw.number, 0, "line-too-long.cut",
                                  {{"bytes", std::to_string(raw.bytes.size() + raw.skipped)},
                                   {"max", std::to_string(source::kMaxLineBytes)}}));
    }
    // A quoted CSV cell with line breaks in it: its record goes on over the
    // next lines, read as one line (the breaks become spaces).
    int last_line = raw.number;
    if (tokenize::opens_csv_cell(line) &&
        (layout_ == tokenize::Layout::automatic || layout_ == tokenize::Layout::csv)) {
      std::string record(line);
      source::RawLine more;
      for (int joined = 0; joined < kMaxCsvRecordLines && record.size() < source::kMaxLineBytes &&
                           tokenize::opens_csv_cell(record) && next_line(more);
           ++joined) {
        record += ' ';
        record += source::repair_utf8(more.bytes);
        last_line = last_read = more.number;
      }
      if (last_line != raw.number) {
        repaired = std::move(record);
        line = repaired;
        known.reset();
      }
    }
    // Picking the grammar normalized the same text (repaired the same way;
    // decoded text is valid UTF-8 already).
    const normalize::Text text = known ? std::move(*known) : normalizer_.normalize(line);
    tokenize::Row row = part->tokenizer.tokenize(raw.number, line, text);
    row.last_line = last_line;
    // A table of another kind begins (a self-evaluation after a target
    // table): its own grammar reads it, from its title on, or from the
    // project's first line where the table's opening lines say what it is.
    // A project whose opening says nothing is read by the grammar its title
    // (or the file) gave.
    const grammar::Grammar* next = nullptr;
    if (const grammar::Grammar* other = title_of_other_kind(*part->grammar, row)) {
      next = titled = other;
    } else if (grammars_.size() > 1 && row.kind == tokenize::RowKind::cells &&
               !row.filled().empty() && opens_project(*part->grammar, row.filled().front()->text)) {
      const grammar::Grammar* kind = kind_of_table_ahead(*part->grammar, text, reader, ahead);
      next = kind ? kind : titled;
    }
    if (next && next != part->grammar) {
      part->end_of_input();
      earlier.projects += part->parser.projects_seen();
      earlier.content = earlier.content || part->parser.any_content();
      part->parser.end_part();
      part->flush_through(std::numeric_limits<int>::max(), handlers);
      if (earlier.projects == 0) doc.grammar = next->name;  // the first table's
      part = std::make_unique<Part>(*next, layout_, handlers);
      row = part->tokenizer.tokenize(raw.number, line, text);
      row.last_line = last_line;
    }
    if (row.dropped_cells > 0) {
      part->parser.diagnostics().push_back(source::make_diagnostic(
          source::Code::too_many_cells, raw.number, 0, "too-many-cells.line",
          {{"cells", std::to_string(row.cells.size() + row.dropped_cells)},
           {"max", std::to_string(tokenize::kMaxCells)}}));
    }
    part->feed(std::move(row));
    report_pattern_limits(limits, raw.number, part->parser.diagnostics());
  }
  part->end_of_input();
  if (bad_encoding_lines > kMaxEncodingDiagnostics) {
    part->parser.diagnostics().push_back(source::make_diagnostic(
        decoded.converting() ? source::Code::undecodable : source::Code::invalid_utf8, 0, 0,
        "undecodable.total",
        {{"lines", std::to_string(bad_encoding_lines)}, {"encoding", decoded.encoding()}}));
  }
  if (control_lines > kMaxEncodingDiagnostics) {
    part->parser.diagnostics().push_back(
        source::make_diagnostic(source::Code::control_characters, 0, 0, "control-characters.total",
                                {{"lines", std::to_string(control_lines)}}));
  }
  part->parser.finish(earlier);
  report_pattern_limits(limits, last_read, part->parser.diagnostics());
  doc.lines = reader.lines_read();
  if (!stopped) {
    decoded_text.peek();  // reach the end, so every byte is hashed
  } else if (const std::optional<std::uint64_t> left = bytes_left(in, decoded.raw_bytes());
             !decoded.hash_rest(left.value_or(kMaxUnsizedHashBytes))) {
    part->parser.diagnostics().push_back(
        source::make_diagnostic(*stopped, 0, 0, "binary-input.hash-partial",
                                {{"bytes", std::to_string(decoded.raw_bytes())}}));
  }
  doc.sha256 = decoded.sha256_hex();
  // In line order, as a reader goes through the file; the audit's findings
  // and the layout notes come when a project ends, so they are sorted in.
  part->flush_through(std::numeric_limits<int>::max(), handlers);
  return doc;
}

// Lines enough to see a document's title, its heading and an attachment
// note, without reading into its tables.
constexpr std::size_t kDetectLines = 30;

void Converter::normalize_read_ahead(AheadLine& line) const {
  const std::string_view bytes = line.raw.bytes;
  line.valid_utf8 = source::find_invalid_utf8(bytes) == std::string_view::npos;
  line.text = normalizer_.normalize(line.valid_utf8 ? bytes : source::repair_utf8(bytes));
}

const grammar::Grammar& Converter::pick_grammar(source::LineReader& reader,
                                                std::deque<AheadLine>& ahead) const {
  if (grammars_.size() == 1) return *grammars_.front();
  source::RawLine raw;
  while (ahead.size() < kDetectLines && reader.next(raw)) {
    AheadLine& line = ahead.emplace_back(AheadLine{std::move(raw), std::nullopt});
    if (holds_binary(line.raw)) break;  // reported later
    normalize_read_ahead(line);
    const normalize::Text& text = *line.text;
    // A table's title names its grammar; otherwise a line the grammar's
    // `detect` pattern finds (a heading that says what the tables are).
    for (const grammar::Grammar* g : grammars_) {
      if (g->is_title(text.text)) return *g;
    }
    for (const grammar::Grammar* g : grammars_) {
      if (!g->document.detect.empty() && g->document.detect.contains(text.text)) return *g;
    }
  }
  return *grammars_.front();
}

bool Converter::opens_project(const grammar::Grammar& current, std::string_view text) const {
  // A label the current grammar knows says what it is (`部门名称` is a
  // target table's department and a department table's name); one it does
  // not know may open another grammar's table.
  // (may_begin_label first: most lines begin with no label's first
  // character, and the answers for whole lines are not worth remembering.)
  if (current.may_begin_label(text)) {
    if (const auto label = current.match_label_prefix(text))
      return label->field == grammar::HeaderField::name;
  }
  for (const grammar::Grammar* g : grammars_) {
    if (!g->may_begin_label(text)) continue;
    const auto label = g->match_label_prefix(text);
    if (label && label->field == grammar::HeaderField::name) return true;
  }
  return false;
}

// Lines enough to see a table's opening (its header fields, a budget grid,
// the indicators' column header), one cell a line as plain pdftotext writes.
constexpr std::size_t kTableOpeningLines = 60;

const grammar::Grammar* Converter::kind_of_table_ahead(const grammar::Grammar& current,
                                                       const normalize::Text& first,
                                                       source::LineReader& reader,
                                                       std::deque<AheadLine>& ahead) const {
  std::string opening = grammar::squash(first.text);
  source::RawLine raw;
  for (std::size_t i = 0; i < kTableOpeningLines; ++i) {
    if (i == ahead.size()) {
      if (!reader.next(raw)) break;
      ahead.push_back(AheadLine{std::move(raw), std::nullopt});
    }
    AheadLine& line = ahead[i];
    if (holds_binary(line.raw)) break;  // reported later
    if (!line.text) normalize_read_ahead(line);
    // Squashed straight onto the opening, and taken off again where the
    // table ends.
    const std::size_t end = opening.size();
    opening += '\n';
    grammar::append_squashed(opening, line.text->text);
    const std::string_view squashed = std::string_view(opening).substr(end + 1);
    if (current.is_title_once(squashed) || opens_project(current, squashed)) {
      opening.resize(end);
      break;
    }
  }
  for (const grammar::Grammar* g : grammars_) {
    if (!g->document.detect_table.empty() && g->document.detect_table.contains(opening)) return g;
  }
  return nullptr;
}

const grammar::Grammar* Converter::title_of_other_kind(const grammar::Grammar& current,
                                                       const tokenize::Row& row) const {
  if (grammars_.size() == 1 || row.kind == tokenize::RowKind::title) return nullptr;
  const auto filled = row.filled();
  if (filled.size() != 1) return nullptr;
  // (Squashed once, by the grammar that has the cell's answers already.)
  const std::string_view text = filled.front()->text;
  const std::string key = current.squashed(text);
  for (const grammar::Grammar* g : grammars_) {
    if (g != &current && g->is_title_of(text, key)) return g;
  }
  return nullptr;
}

model::Document Converter::convert(std::istream& in, std::string path) const {
  std::vector<model::Project> projects;
  model::Document doc =
      convert(in, std::move(path), [&](model::Project&& p) { projects.push_back(std::move(p)); });
  doc.projects = std::move(projects);
  return doc;
}

struct ValueReader::Impl {
  explicit Impl(const grammar::Grammar& g) : values(g) {}
  normalize::Normalizer normalizer;
  values::ValueParser values;
  values::Context context;
};

ValueReader::ValueReader(const grammar::Grammar& grammar)
    : impl_(std::make_unique<Impl>(grammar)) {}
ValueReader::~ValueReader() = default;

bool ValueReader::set_level2(std::string_view name) {
  impl_->context.level2 = impl_->values.level2_index(name);
  return impl_->context.level2 >= 0;
}
void ValueReader::set_year(int year) { impl_->context.year = year; }
void ValueReader::set_money_unit(std::string unit) { impl_->context.money_unit = std::move(unit); }

ValueReader::Result ValueReader::read(std::string_view text) const {
  Result result;
  std::string repaired;
  if (source::find_invalid_utf8(text) != std::string_view::npos) {
    result.diagnostics.push_back(
        source::make_diagnostic(source::Code::invalid_utf8, 0, 0, "invalid-utf8.value"));
    repaired = source::repair_utf8(text);
    text = repaired;
  }
  const normalize::Text normalized = impl_->normalizer.normalize(text);
  grammar::LimitLog limits;
  values::Parsed parsed = impl_->values.parse(normalized.text, impl_->context);
  report_pattern_limits(limits, 0, result.diagnostics);
  for (const auto& issue : parsed.issues) {
    result.diagnostics.push_back(
        source::make_diagnostic(issue.code, 0, 0, issue.message, parsed.value.raw));
  }
  result.value = std::move(parsed.value);
  return result;
}

std::unique_ptr<std::istream> open_input(const std::string& path, std::string& error) {
  if (path == "-") return std::make_unique<BorrowedStream>(std::cin);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = messages::text("is-a-folder");
    return nullptr;
  }
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) {
    error = messages::text("cannot-open", {{"why", std::strerror(errno)}});
    return nullptr;
  }
  return file;
}

bool has_severity(const model::Document& document, source::Severity level) {
  for (const auto& d : document.diagnostics) {
    if (static_cast<int>(d.severity) >= static_cast<int>(level)) return true;
  }
  return false;
}

}  // namespace jixiao::convert
