// `jixiao convert FILE|FOLDER...`: flags, where output goes, progress, the
// summary and the exit status. Conversion itself is the library's.
#include "convert_command.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "batch/batch.h"
#include "convert/convert.h"
#include "emit/emit.h"
#include "emit/table.h"
#include "messages/messages.h"
#include "output.h"
#include "progress.h"
#include "source/input.h"
#include "spool.h"
#include "usage.h"

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kExitDiagnostics = 1;
constexpr int kExitUsage = 2;
constexpr int kExitIo = 3;

std::optional<source::Severity> severity_named(const std::string& name) {
  if (name == "info") return source::Severity::info;
  if (name == "warning") return source::Severity::warning;
  if (name == "error") return source::Severity::error;
  return std::nullopt;  // never
}

// A diagnostic for standard error, formatted.
struct Message {
  source::Severity severity;
  std::string text;
};

// Messages below error kept for one file at most: past this many, a file's
// messages are only counted (its JSON has them all), so that a file of a
// million warnings does not keep them all for standard error.
constexpr std::size_t kMaxKeptMessages = 10000;

// One input, converted: what the delivering thread needs to write and report.
struct Converted {
  bool read = false;
  std::string error;                            // why it could not be read
  model::Document document;                     // the source facts; projects, diagnostics and text
                                                // only where the format needs them whole
  Spool body;                                   // JSON Lines, CSV rows, or the JSON projects array
  Spool diagnostics, text;                      // JSON: the diagnostics and text arrays
  std::vector<Message> messages;                // diagnostics for standard error
  std::size_t kept_minor = 0;                   // of them, below error
  std::map<source::Code, std::size_t> by_code;  // warnings and errors
  std::size_t projects = 0, indicators = 0, diagnostic_count = 0, text_lines = 0;
  std::size_t warnings = 0, errors = 0;
  bool failed_on_diagnostics = false;
};

// The files with the most warnings and errors, for the summary: a few,
// however many files there are.
class WorstFiles {
 public:
  static constexpr std::size_t kShown = 5;
  void add(const std::string& path, std::size_t count) {
    if (count == 0) return;
    ++files_;
    worst_.push_back({count, path});
    std::stable_sort(worst_.begin(), worst_.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (worst_.size() > kShown) worst_.pop_back();
  }
  std::size_t files() const { return files_; }
  const std::vector<std::pair<std::size_t, std::string>>& worst() const { return worst_; }

 private:
  std::size_t files_ = 0;
  std::vector<std::pair<std::size_t, std::string>> worst_;
};

struct Totals {
  std::size_t files = 0, unreadable = 0, projects = 0, indicators = 0, warnings = 0, errors = 0;
  std::uintmax_t bytes = 0;
  std::map<source::Code, std::size_t> by_code;
  WorstFiles worst_files;
  std::size_t shown_minor = 0, shown_warnings = 0;
};

class ConvertRun {
 public:
  ConvertRun(const ConvertOptions& options, std::unique_ptr<convert::Converter> converter)
      : options_(options), converter_(std::move(converter)) {}

  int run() {
    if (int status = configure(); status != 0) return status;
    batch::Expansion expansion = batch::expand(options_.inputs, folder_walk(options_.reading));
    inputs_ = std::move(expansion.inputs);
    // Links left out of folders are said only with -v, as ripgrep says
    // nothing of them: a folder of tables seldom holds links, and one that
    // does would otherwise print them on every run.
    if (options_.verbose && !options_.quiet) {
      for (const auto& link : expansion.skipped_links)
        std::cerr << "jixiao: " << link.path << ": " << link.why << '\n';
    }
    if (inputs_.empty()) {
      std::cerr << "jixiao: "
                << messages::text("no-input-files", {{"globs", cli::globs_text(options_.reading)}})
                << '\n';
      return kExitUsage;
    }
    if (int status = refuse_ambiguous_output(); status != 0) return status;
    if (folder_) make_targets_unique();
    // Never write over an input (`-o a.txt a.txt`): it is refused before
    // anything is read.
    if (shared_ && !options_.output.empty() && is_input(options_.output)) {
      std::cerr << "jixiao: " << source::escape_controls(options_.output) << ": "
                << messages::text("is-an-input-refused") << '\n';
      return kExitUsage;
    }
    if (!open_shared_output() || !open_manifest()) return kExitIo;
    json_array_ = shared_ && format_ == "json" && inputs_.size() > 1;
    results_.resize(inputs_.size());
    Progress progress(inputs_.size(), input_bytes(), progress_mode());
    progress_ = &progress;
    const int jobs = options_.jobs > 0
                         ? options_.jobs
                         : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    // One thread (or one input) streams straight to the output, so memory
    // stays flat however many projects a file holds; several threads render
    // whole files and the results are written in input order.
    streaming_ =
        (jobs == 1 || inputs_.size() == 1) && shared_ && (format_ == "jsonl" || format_ == "csv");
    batch::run_ordered(
        inputs_.size(), jobs, [&](std::size_t i) { convert_one(i); },
        [&](std::size_t i) {
          deliver(i);
          progress.update(i + 1, totals_.bytes, inputs_[i].path);
        });
    progress.clear();
    finish_shared_output();
    finish_manifest();
    if (!options_.quiet) print_summary();
    if (io_failed_) return kExitIo;
    return failed_on_diagnostics_ ? kExitDiagnostics : 0;
  }

 private:
  int configure() {
    // `-o -` is standard output, as for most tools.
    if (options_.output == "-") options_.output.clear();
    // No FILE: standard input, when something is piped in.
    if (options_.inputs.empty()) {
      if (::isatty(STDIN_FILENO)) {
        std::cerr << "jixiao: " << messages::text("no-input") << '\n';
        return kExitUsage;
      }
      options_.inputs.push_back("-");
    }
    if (int status = settle_format(); status != 0) return status;
    if (int status = settle_labels(); status != 0) return status;
    std::error_code ec;
    folder_ = !options_.output.empty() &&
              (options_.output.back() == '/' || fs::is_directory(options_.output, ec));
    if (options_.split && !folder_) {
      std::cerr << "jixiao: " << messages::text("split-needs-folder") << '\n';
      return kExitUsage;
    }
    if (format_ == "xlsx" && options_.output.empty() && ::isatty(STDOUT_FILENO)) {
      std::cerr << "jixiao: " << messages::text("xlsx-to-terminal") << '\n';
      return kExitUsage;
    }
    shared_ = !folder_;
    return 0;
  }

  // The format: --format, else the output file's extension (`-o out.csv`),
  // else JSON. An extension that says another format than --format is a
  // mistake worth a word before anything is written.
  int settle_format() {
    std::string by_extension;
    const std::string extension = fs::path(options_.output).extension().string();
    for (const char* known : {"json", "jsonl", "csv", "xlsx"}) {
      if (extension == std::string(".") + known) by_extension = known;
    }
    if (!options_.format.empty() && !by_extension.empty() && options_.format != by_extension) {
      std::cerr << "jixiao: " << source::escape_controls(options_.output) << ": "
                << messages::text("format-mismatch",
                                  {{"named", by_extension}, {"format", options_.format}})
                << '\n';
      return kExitUsage;
    }
    format_ = !options_.format.empty() ? options_.format
              : !by_extension.empty()  ? by_extension
                                       : "json";
    return 0;
  }

  // `-o out` with several inputs, where `out` does not exist and has no
  // extension, may mean a folder as well as one file: ask rather than guess
  // (a name with an extension, out.jsonl, says one file).
  int refuse_ambiguous_output() const {
    if (!shared_ || options_.output.empty() || inputs_.size() < 2) return 0;
    std::error_code ec;
    if (fs::path(options_.output).has_extension() || fs::exists(options_.output, ec)) return 0;
    const std::string name = source::escape_controls(options_.output);
    std::cerr << "jixiao: " << name << ": "
              << messages::text(
                     "ambiguous-output",
                     {{"n", std::to_string(inputs_.size())}, {"name", name}, {"format", format_}})
              << '\n';
    return kExitUsage;
  }

  ProgressMode progress_mode() const {
    if (options_.quiet) return ProgressMode::off;
    return options_.progress ? ProgressMode::forced : ProgressMode::automatic;
  }

  // The inputs' sizes in all, for the progress line's estimate; each is
  // kept for the count of bytes done, so that each input is looked at once.
  std::uintmax_t input_bytes() {
    std::uintmax_t total = 0;
    sizes_.reserve(inputs_.size());
    for (const auto& input : inputs_) total += sizes_.emplace_back(file_size(input.path));
    return total;
  }

  static std::uintmax_t file_size(const std::string& path) {
    std::error_code ec;
    const std::uintmax_t size = path == "-" ? 0 : fs::file_size(path, ec);
    return ec ? 0 : size;
  }

  // XLSX is read by people: Chinese headers and enumerations unless
  // `--labels en`; CSV feeds scripts: the contract's names unless `--labels
  // zh`. JSON's keys and values are the contract itself, never translated,
  // so --labels with JSON is refused rather than silently ignored.
  int settle_labels() {
    if (!options_.labels.empty() && format_ != "csv" && format_ != "xlsx") {
      std::cerr << "jixiao: " << messages::text("labels-not-for", {{"format", format_}}) << '\n';
      return kExitUsage;
    }
    const bool zh = options_.labels.empty() ? format_ == "xlsx" : options_.labels == "zh";
    labels_ = zh ? emit::Labels::zh : emit::Labels::en;
    return 0;
  }

  // Whether `target` is one of the inputs (the same file, however named:
  // same device and inode).
  bool is_input(const std::string& target) const {
    return std::any_of(inputs_.begin(), inputs_.end(),
                       [&](const batch::Input& input) { return same_file(input.path, target); });
  }

  // Two inputs named alike (`a/x.txt b/x.txt`) must not write one file.
  void make_targets_unique() {
    std::map<std::string, int> used;
    for (auto& input : inputs_) {
      if (int n = ++used[input.relative]; n > 1) input.relative += " (" + std::to_string(n) + ")";
    }
  }

  bool keeps_projects() const { return format_ == "xlsx" || options_.split; }

  // --- reading -----------------------------------------------------------

  void convert_one(std::size_t i) {
    Converted& c = results_[i];
    const batch::Input& input = inputs_[i];
    if (!input.error.empty()) {  // a folder that could not be read
      c.error = input.error;
      return;
    }
    auto in = convert::open_input(input.path, c.error);
    if (!in) return;
    c.read = true;
    const std::string path = input.path == "-" ? "(stdin)" : input.path;
    const bool json = format_ == "json" && !options_.split;
    std::vector<model::Project> kept_projects;
    std::vector<source::Diagnostic> kept_diagnostics;
    std::vector<model::TextLine> kept_text;
    std::string streamed;  // one project's lines, when they go straight out
    convert::Handlers handlers;
    handlers.on_project = [&](model::Project&& p) {
      c.indicators += p.indicators.size();
      std::string& out = streaming_ ? streamed : c.body.buffer();
      if (format_ == "jsonl") {
        emit::append_project_jsonl(out, p, path);
        out += '\n';
      } else if (format_ == "csv") {
        out += emit::csv_rows(p, path, options_.csv_raw, labels_);
      } else if (json) {
        json_parts_.append_project(out, p, c.projects == 0);
      }
      ++c.projects;
      if (streaming_) {
        if (!output_closed_ && !shared_sink_->write(streamed)) output_stopped();
        streamed.clear();
      } else {
        c.body.settle();
      }
      if (keeps_projects()) kept_projects.push_back(std::move(p));
    };
    handlers.on_diagnostic = [&](source::Diagnostic&& d) {
      note(c, d, path);
      if (json) json_parts_.append_diagnostic(c.diagnostics.buffer(), d, c.diagnostic_count == 0);
      c.diagnostics.settle();
      ++c.diagnostic_count;
      if (options_.split) kept_diagnostics.push_back(std::move(d));
    };
    handlers.on_text = [&](model::TextLine&& t) {
      if (json) json_parts_.append_text(c.text.buffer(), t, c.text_lines == 0);
      c.text.settle();
      ++c.text_lines;
      if (options_.split) kept_text.push_back(std::move(t));
    };
    c.document = converter_->convert(*in, path, handlers);
    c.document.projects = std::move(kept_projects);
    c.document.diagnostics = std::move(kept_diagnostics);
    c.document.text = std::move(kept_text);
  }

  // Counts a diagnostic and keeps its message for standard error.
  // (Which of them are printed is settled when the file is delivered, in
  // input order, for --max-warnings counts across the batch.)
  void note(Converted& c, const source::Diagnostic& d, const std::string& path) const {
    if (d.severity == source::Severity::warning) ++c.warnings;
    if (d.severity == source::Severity::error) ++c.errors;
    if (d.severity != source::Severity::info) ++c.by_code[d.code];
    if (fail_on_ && static_cast<int>(d.severity) >= static_cast<int>(*fail_on_))
      c.failed_on_diagnostics = true;
    if (options_.quiet || (d.severity == source::Severity::info && !options_.verbose)) return;
    if (d.severity != source::Severity::error) {
      if (options_.errors_only || c.kept_minor >= minor_messages_kept()) return;
      ++c.kept_minor;
    }
    c.messages.push_back({d.severity, messages::format(d, path) + '\n'});
  }

  std::size_t minor_messages_kept() const {
    return options_.max_warnings >= 0
               ? std::min(kMaxKeptMessages, static_cast<std::size_t>(options_.max_warnings))
               : kMaxKeptMessages;
  }

  // --- the manifest ------------------------------------------------------

  // --manifest FILE: what became of each input, a JSON line each, for
  // scripts that account for a batch (docs/scale-out.md).
  bool open_manifest() {
    if (options_.manifest.empty()) return true;
    if (is_input(options_.manifest)) {
      std::cerr << "jixiao: " << source::escape_controls(options_.manifest) << ": "
                << messages::text("is-an-input-refused") << '\n';
      return false;
    }
    std::string error;
    manifest_ = file_sink(options_.manifest, error);
    if (!manifest_)
      std::cerr << "jixiao: " << source::escape_controls(options_.manifest) << ": " << error
                << '\n';
    return manifest_ != nullptr;
  }

  void record_in_manifest(const batch::Input& input, const Converted& c) {
    if (!manifest_) return;
    nlohmann::ordered_json line = {{"path", input.path == "-" ? "(stdin)" : input.path}};
    if (!c.read) {
      line.update({{"status", kExitIo}, {"error", c.error}});
    } else {
      line.update({{"status", c.failed_on_diagnostics ? kExitDiagnostics : 0},
                   {"sha256", c.document.sha256},
                   {"projects", c.projects},
                   {"indicators", c.indicators},
                   {"diagnostics", c.diagnostic_count},
                   {"warnings", c.warnings},
                   {"errors", c.errors}});
    }
    if (!manifest_->write(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
                          "\n"))
      write_failed(options_.manifest,
                   messages::text("cannot-write", {{"why", std::strerror(errno)}}));
  }

  void finish_manifest() {
    std::string error;
    if (manifest_ && !manifest_->finish(error)) write_failed(options_.manifest, error);
  }

  // --- writing -----------------------------------------------------------

  bool open_shared_output() {
    if (!shared_) return true;
    std::string error;
    if (format_ == "xlsx") {
      // Standard output gets a copy of a workbook made in an unnamed file.
      xlsx_file_ = xlsx_streamed() ? TemporaryFile::unnamed(error)
                                   : TemporaryFile::beside(options_.output, error);
      if (!xlsx_file_) {
        std::cerr << "jixiao: "
                  << source::escape_controls(options_.output.empty()
                                                 ? messages::text("standard-output")
                                                 : options_.output)
                  << ": " << error << '\n';
        return false;
      }
      xlsx_ = std::make_unique<emit::XlsxWriter>(xlsx_file_->name_for_reopening(), labels_);
      return true;
    }
    shared_sink_ = options_.output.empty() ? stdout_sink() : file_sink(options_.output, error);
    if (!shared_sink_) {
      std::cerr << "jixiao: " << source::escape_controls(options_.output) << ": " << error << '\n';
      return false;
    }
    if (format_ == "csv") shared_sink_->write(emit::csv_header(options_.bom, labels_));
    return true;
  }

  void finish_shared_output() {
    std::string error;
    if (xlsx_) {
      const bool closed = xlsx_->close(error);
      report_fitted(options_.output.empty() ? messages::text("standard-output") : options_.output,
                    *xlsx_);
      if (!closed) return write_failed(options_.output, error);
      if (xlsx_streamed()) {
        copy_workbook(xlsx_file_->fd());
      } else if (!xlsx_file_->commit(options_.output, error)) {
        write_failed(options_.output, error);
      }
      xlsx_file_.reset();
      return;
    }
    if (json_array_ && shared_sink_ && !output_closed_ &&
        !shared_sink_->write(array_started_ ? "]\n" : "[]\n"))
      output_stopped();
    if (shared_sink_ && !output_closed_ && !shared_sink_->finish(error)) {
      write_failed(options_.output.empty() ? messages::text("standard-output") : options_.output,
                   error);
    }
  }

  // Several inputs' JSON documents in one output make one JSON array, so
  // that `json.load` reads the file (JSON Lines is the format to stream).
  bool open_array_item() {
    if (!json_array_) return true;
    const bool ok = shared_sink_->write(array_started_ ? "," : "[");
    array_started_ = true;
    return ok;
  }

  // A workbook for standard output or a stream (-o /dev/stdout) is made in
  // an unnamed file and copied there: a stream is never replaced by a file.
  bool xlsx_streamed() const { return options_.output.empty() || names_a_stream(options_.output); }

  // The workbook, written through its descriptor, copied from the start.
  void copy_workbook(int fd) {
    ::lseek(fd, 0, SEEK_SET);
    std::string error;
    auto sink = options_.output.empty() ? stdout_sink() : file_sink(options_.output, error);
    if (!sink) return write_failed(options_.output, error);
    std::vector<char> block(std::size_t{1} << 20);
    ssize_t got;
    while ((got = ::read(fd, block.data(), block.size())) > 0) {
      if (!sink->write(std::string_view(block.data(), static_cast<std::size_t>(got))))
        return output_stopped();
    }
    if (!sink->finish(error)) write_failed(options_.output, error);
  }

  // A workbook of some projects, written beside `target` and renamed over it.
  void write_workbook(const std::string& target, const model::Document& doc,
                      const model::Project* only) {
    std::string error;
    auto file = TemporaryFile::beside(target, error);
    if (!file) return write_failed(target, error);
    emit::XlsxWriter writer(file->name_for_reopening(), labels_);
    if (only) {
      writer.add(*only, doc.path);
    } else {
      for (const auto& p : doc.projects) writer.add(p, doc.path);
    }
    const bool closed = writer.close(error);
    report_fitted(target, writer);
    if (!closed || !file->commit(target, error)) write_failed(target, error);
  }

  // What a workbook changed to fit Excel (a cell cut to 32,767 characters).
  void report_fitted(const std::string& target, const emit::XlsxWriter& writer) {
    for (const auto& warning : writer.warnings()) {
      std::cerr << "jixiao: " << source::escape_controls(target) << ": warning: " << warning
                << '\n';
    }
  }

  // A write failed. A reader that went away (EPIPE, where SIGPIPE did not
  // end the program already) is no error; a full disk or an I/O error is.
  void output_stopped() {
    const int error = errno;
    output_closed_ = true;
    if (error != EPIPE) {
      write_failed(options_.output.empty() ? messages::text("standard-output") : options_.output,
                   messages::text("cannot-write", {{"why", std::strerror(error)}}));
    }
  }

  void write_failed(const std::string& target, const std::string& error) {
    std::cerr << "jixiao: " << source::escape_controls(target) << ": " << error << '\n';
    io_failed_ = true;
  }

  std::string extension() const { return format_; }

  void deliver(std::size_t i) {
    Converted& c = results_[i];
    const batch::Input& input = inputs_[i];
    ++totals_.files;
    totals_.bytes += sizes_[i];
    record_in_manifest(input, c);
    if (!c.read) {
      std::cerr << "jixiao: " << source::escape_controls(input.path) << ": " << c.error << '\n';
      ++totals_.unreadable;
      io_failed_ = true;
      return;
    }
    report(c);
    if (options_.split) {
      write_split(input, c.document);
    } else if (folder_) {
      write_per_input(input, c);
    } else if (xlsx_) {
      for (const auto& p : c.document.projects) xlsx_->add(p, c.document.path);
    } else if (!streaming_ && !output_closed_ &&
               !(open_array_item() && write_rendered(*shared_sink_, c))) {
      output_stopped();
    }
    c = Converted{};  // free it: memory stays flat across a batch
  }

  // A converted file's text, whole: for JSON the document around the spooled
  // arrays, for JSON Lines and CSV the spooled lines.
  bool write_rendered(Sink& sink, Converted& c) {
    if (format_ != "json") return c.body.copy_to(sink);
    return sink.write(json_parts_.head(c.document)) && c.body.copy_to(sink) &&
           sink.write(json_parts_.after_projects(c.projects > 0)) && c.diagnostics.copy_to(sink) &&
           sink.write(json_parts_.after_diagnostics(c.diagnostic_count > 0)) &&
           c.text.copy_to(sink) && sink.write(json_parts_.tail(c.text_lines > 0)) &&
           sink.write("\n");
  }

  void write_per_input(const batch::Input& input, Converted& c) {
    const std::string target =
        (fs::path(options_.output) / (input.relative + "." + extension())).string();
    std::string error;
    if (is_input(target)) return write_failed(target, messages::text("is-an-input-skipped"));
    if (format_ == "xlsx") return write_workbook(target, c.document, nullptr);
    auto sink = file_sink(target, error);
    if (!sink) return write_failed(target, error);
    bool written = format_ != "csv" || sink->write(emit::csv_header(options_.bom, labels_));
    written = written && write_rendered(*sink, c);
    if (!written) error = messages::text("cannot-write", {{"why", std::strerror(errno)}});
    if (!written || !sink->finish(error)) write_failed(target, error);
  }

  // One project's file of a --split JSON: the document's facts, the project,
  // and only the diagnostics and text of its stretch of lines (from after
  // the project before to its end; the last takes the rest of the file);
  // diagnostics of the whole file (line 0) go to each. Copying the whole
  // document's into each made 40 projects' files 90 times the input.
  static model::Document split_part(const model::Document& doc, std::size_t i) {
    model::Document one;
    one.path = doc.path;
    one.sha256 = doc.sha256;
    one.encoding = doc.encoding;
    one.lines = doc.lines;
    one.pdf_pages = doc.pdf_pages;
    one.grammar = doc.grammar;
    one.projects = {doc.projects[i]};
    const int from = i == 0 ? 1 : doc.projects[i - 1].last_line + 1;
    const int to =
        i + 1 == doc.projects.size() ? std::numeric_limits<int>::max() : doc.projects[i].last_line;
    for (const auto& d : doc.diagnostics) {
      if (d.line == 0 || (d.line >= from && d.line <= to)) one.diagnostics.push_back(d);
    }
    for (const auto& t : doc.text) {
      if (t.line >= from && t.line <= to) one.text.push_back(t);
    }
    return one;
  }

  void write_split(const batch::Input& input, const model::Document& doc) {
    const fs::path folder = inputs_.size() == 1 ? fs::path(options_.output)
                                                : fs::path(options_.output) / input.relative;
    std::map<std::string, int> used;
    for (std::size_t i = 0; i < doc.projects.size(); ++i) {
      const model::Project& p = doc.projects[i];
      std::string name =
          batch::safe_file_name(p.name.empty() ? "project-" + std::to_string(p.index) : p.name);
      if (int n = ++used[name]; n > 1) name += " (" + std::to_string(n) + ")";
      const std::string target = (folder / (name + "." + extension())).string();
      std::string error;
      bool ok = true;
      if (is_input(target)) {
        error = messages::text("is-an-input-skipped");
        ok = false;
      } else if (format_ == "xlsx") {
        write_workbook(target, doc, &p);
      } else {
        std::string content;
        if (format_ == "json") {
          content = emit::document_json(split_part(doc, i), emit::Options{options_.pretty}) + "\n";
        } else if (format_ == "jsonl") {
          content = emit::project_jsonl(p, doc.path) + "\n";
        } else {
          content = emit::csv_header(options_.bom, labels_) +
                    emit::csv_rows(p, doc.path, options_.csv_raw, labels_);
        }
        ok = write_file_atomically(target, content, error);
      }
      if (!ok) write_failed(target, error);
    }
  }

  void report(Converted& c) {
    totals_.projects += c.projects;
    totals_.indicators += c.indicators;
    totals_.warnings += c.warnings;
    totals_.errors += c.errors;
    if (c.failed_on_diagnostics) failed_on_diagnostics_ = true;
    for (const auto& [code, n] : c.by_code) totals_.by_code[code] += n;
    totals_.worst_files.add(c.document.path, c.warnings + c.errors);
    if (c.messages.empty()) return;
    if (progress_) progress_->clear();  // the lines go above the progress line
    for (const Message& m : c.messages) {
      if (m.severity != source::Severity::error) {
        if (options_.max_warnings >= 0 &&
            totals_.shown_minor >= static_cast<std::size_t>(options_.max_warnings))
          continue;
        ++totals_.shown_minor;
        if (m.severity == source::Severity::warning) ++totals_.shown_warnings;
      }
      std::fputs(m.text.c_str(), stderr);
    }
  }

  void print_summary() const {
    std::cerr << "jixiao: "
              << messages::text("summary", {{"files", std::to_string(totals_.files)},
                                            {"projects", std::to_string(totals_.projects)},
                                            {"indicators", std::to_string(totals_.indicators)},
                                            {"warnings", std::to_string(totals_.warnings)},
                                            {"errors", std::to_string(totals_.errors)}});
    if (totals_.unreadable > 0)
      std::cerr << messages::text("summary-unreadable",
                                  {{"n", std::to_string(totals_.unreadable)}});
    std::cerr << '\n';
    if (totals_.by_code.empty()) return;
    print_hidden_warnings();
    print_by_code();
    if (totals_.files > 1) print_by_file();
  }

  void print_hidden_warnings() const {
    const std::size_t hidden = totals_.warnings - totals_.shown_warnings;
    if (hidden == 0) return;
    const std::string why =
        options_.errors_only ? std::string("--errors-only")
        : options_.max_warnings >= 0
            ? "--max-warnings " + std::to_string(options_.max_warnings)
            : messages::text("not-shown-per-file", {{"n", std::to_string(kMaxKeptMessages)}});
    std::cerr << "jixiao: "
              << messages::text("not-shown", {{"n", std::to_string(hidden)}, {"why", why}}) << '\n';
  }

  // `by code: unit-inferred 1203, cost-sum 300`: the most frequent first.
  void print_by_code() const {
    std::vector<std::pair<std::size_t, source::Code>> counts;
    for (const auto& [code, n] : totals_.by_code) counts.push_back({n, code});
    std::stable_sort(counts.begin(), counts.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string list;
    for (const auto& [n, code] : counts) {
      if (!list.empty()) list += messages::text("list-separator");
      list += std::string(source::to_string(code)) + ' ' + std::to_string(n);
    }
    std::cerr << "jixiao: " << messages::text("by-code", {{"list", list}}) << '\n';
  }

  void print_by_file() const {
    std::string list;
    for (const auto& [n, path] : totals_.worst_files.worst()) {
      if (!list.empty()) list += messages::text("list-separator");
      list += source::escape_controls(path) + ' ' + std::to_string(n);
    }
    const std::size_t more = totals_.worst_files.files() - totals_.worst_files.worst().size();
    if (more > 0) list += messages::text("more-files", {{"n", std::to_string(more)}});
    std::cerr << "jixiao: " << messages::text("by-file", {{"list", list}}) << '\n';
  }

  ConvertOptions options_;  // as given, then settled by configure()
  std::unique_ptr<convert::Converter> converter_;
  const emit::DocumentJson json_parts_{emit::Options{options_.pretty}};
  const std::optional<source::Severity> fail_on_ = severity_named(options_.fail_on);
  std::string format_;
  emit::Labels labels_ = emit::Labels::en;
  bool folder_ = false, shared_ = false, streaming_ = false;
  std::vector<batch::Input> inputs_;
  std::vector<Converted> results_;
  std::vector<std::uintmax_t> sizes_;  // each input's, in bytes (0 for stdin)
  std::unique_ptr<Sink> shared_sink_;
  std::unique_ptr<Sink> manifest_;
  std::unique_ptr<emit::XlsxWriter> xlsx_;
  std::unique_ptr<TemporaryFile> xlsx_file_;
  bool json_array_ = false, array_started_ = false;
  bool output_closed_ = false, io_failed_ = false, failed_on_diagnostics_ = false;
  Totals totals_;
  Progress* progress_ = nullptr;
};

}  // namespace

CLI::App* add_convert_command(CLI::App& app, ConvertOptions& options) {
  CLI::App* cmd = app.add_subcommand("convert", "Convert table text files (or folders of them)");
  cmd->add_option("FILE", options.inputs,
                  "Input files or folders (searched recursively); - reads standard input, as "
                  "does no FILE when text is piped in");
  add_jobs_option(cmd, options.jobs, "Files converted in parallel");
  cmd->add_option("--format", options.format,
                  "json (a document per input), jsonl (a project per line), csv (a row per "
                  "indicator) or xlsx (项目 and 指标 sheets); default: from -o's extension "
                  "(out.csv), else json")
      ->check(CLI::IsMember({"json", "jsonl", "csv", "xlsx"}));
  cmd->add_option("-o,--output", options.output,
                  "Write to this file (- is standard output), or into this folder (ending in /) "
                  "one file per input, mirroring the folders given");
  cmd->add_flag("--split", options.split, "With -o DIR/: one file per project, named after it");
  cmd->add_flag("--bom", options.bom, "Start CSV with a byte-order mark, for Excel");
  cmd->add_flag("--csv-raw", options.csv_raw,
                "Write CSV text cells as they are, even those a spreadsheet would run as a "
                "formula (=, +, -, @ first; by default they start with ')");
  cmd->add_option("--labels", options.labels,
                  "Headers and enumerations of csv and xlsx: zh (一级指标, 数量, ≥) or en (level1, "
                  "quantity, >=); default: zh for xlsx, en for csv")
      ->check(CLI::IsMember({"zh", "en"}));
  add_reading_options(cmd, options.reading);
  cmd->add_option("--fail-on", options.fail_on,
                  "Exit 1 when an input has a diagnostic at or above this level: info, warning, "
                  "error (default) or never")
      ->check(CLI::IsMember({"info", "warning", "error", "never"}));
  cmd->add_flag("--pretty", options.pretty, "Indent the JSON for people");
  cmd->add_option("--manifest", options.manifest,
                  "Also write FILE: a JSON line per input with its path, status (0, 1 or 3, as "
                  "the exit status would be for it alone), sha256 and counts of projects, "
                  "indicators, diagnostics (infos too), warnings and errors");
  cmd->add_flag("-q,--quiet", options.quiet, "Print no diagnostics, progress or summary");
  cmd->add_option("--max-warnings", options.max_warnings,
                  "Print at most N warnings (and infos) in all; errors are always printed, and the "
                  "summary counts every one")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--errors-only", options.errors_only,
                "Print errors only, no warnings; the summary still counts them");
  cmd->add_flag("--progress", options.progress,
                "Print the progress line even when standard error is not a terminal (a line "
                "every 5 seconds), or for one file");
  cmd->add_flag("-v,--verbose", options.verbose,
                "Print informational diagnostics too, and the links left out of folders");
  return cmd;
}

int run_convert(const ConvertOptions& options) {
  grammar::Grammar loaded;
  auto converter = make_converter(options.reading, loaded);
  if (!converter) return kExitUsage;
  return ConvertRun(options, std::move(converter)).run();
}

}  // namespace jixiao::cli
