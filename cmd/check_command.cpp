// `jixiao check EXPECTED_DIR INPUT...`: converts and compares with the
// expected JSON by meaning, for CI jobs that guard against changes. A check
// never passes on nothing: no inputs or no expected files is a usage error,
// and expected files that no input was compared with are differences.
#include "check_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "batch/batch.h"
#include "check/check.h"
#include "check/expected.h"
#include "convert/convert.h"
#include "emit/emit.h"
#include "messages/messages.h"
#include "output.h"
#include "source/input.h"
#include "usage.h"

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kExitDiffer = 1;
constexpr int kExitUsage = 2;
constexpr int kExitIo = 3;

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream all;
  all << in.rdbuf();
  text = all.str();
  return true;
}

// One input, converted and compared (or, with --update, written) on a
// worker thread; what it found is printed on the calling thread, in input
// order.
struct Checked {
  bool read = false;
  std::string error;               // why the input could not be read
  check::Result result;            // its differences, counted
  std::vector<std::string> lines;  // for standard output
  bool differs = false;
  std::string actual;  // --update: the output, written on the calling thread
};

class CheckRun {
 public:
  CheckRun(const CheckOptions& options, std::unique_ptr<convert::Converter> converter)
      : options_(options), converter_(std::move(converter)) {}

  int run() {
    if (int status = prepare(); status != 0) return status;
    results_.resize(inputs_.size());
    const int jobs = options_.jobs > 0
                         ? options_.jobs
                         : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    batch::run_ordered(
        inputs_.size(), jobs, [&](std::size_t i) { check_one(i); },
        [&](std::size_t i) { deliver(i); });
    report_stale();
    return options_.update ? finish_update() : finish_check();
  }

 private:
  // What is compared with what, settled before anything is converted.
  int prepare() {
    inputs_ = batch::expand(options_.inputs, folder_walk(options_.reading)).inputs;
    if (inputs_.empty()) {
      std::cerr << "jixiao: "
                << messages::text("no-input-files", {{"globs", globs_text(options_.reading)}})
                << '\n';
      return kExitUsage;
    }
    for (const auto& input : inputs_) names_.push_back(check::expected_name(input.relative));
    if (const auto clash = check::first_clash(names_)) {
      std::cerr << "jixiao: "
                << messages::text("check-clash", {{"first", shown(inputs_[clash->first].path)},
                                                  {"second", shown(inputs_[clash->second].path)},
                                                  {"expected", shown(expected_path(clash->name))}})
                << '\n';
      return kExitUsage;
    }
    return list_expected();
  }

  int list_expected() {
    const std::error_code ec = check::list_expected(options_.expected_dir, listed_);
    if (ec == std::errc::not_a_directory) {
      std::cerr << "jixiao: "
                << messages::text("check-not-a-folder", {{"path", shown(options_.expected_dir)}})
                << '\n';
      return kExitUsage;
    }
    const bool absent = ec == std::errc::no_such_file_or_directory;
    if (ec && !absent) {
      std::cerr << "jixiao: "
                << messages::text("check-cannot-read",
                                  {{"path", shown(options_.expected_dir)}, {"error", ec.message()}})
                << '\n';
      return kExitIo;
    }
    if (listed_.empty() && !options_.update) {
      std::cerr << "jixiao: "
                << messages::text("check-no-expected-files",
                                  {{"path", shown(options_.expected_dir)}})
                << '\n';
      return kExitUsage;
    }
    return 0;
  }

  static std::string shown(const std::string& path) { return source::escape_controls(path); }

  // `PATH: what`, with the language's colon.
  std::string about(const std::string& path, const std::string& what) const {
    return messages::text(language_, "check-about", {{"path", path}, {"what", what}});
  }

  std::string expected_path(const std::string& name) const {
    return (fs::path(options_.expected_dir) / name).string();
  }

  // --- on a worker thread ------------------------------------------------

  void check_one(std::size_t i) {
    Checked& c = results_[i];
    const batch::Input& input = inputs_[i];
    c.error = input.error;  // a folder that could not be read
    auto in = c.error.empty() ? convert::open_input(input.path, c.error) : nullptr;
    if (!in) return;
    c.read = true;
    const auto doc = converter_->convert(*in, input.path);
    std::string actual = emit::document_json(doc, emit::Options{true}) + "\n";
    if (options_.update) {
      c.actual = std::move(actual);
    } else {
      compare(i, actual);
    }
  }

  void compare(std::size_t i, const std::string& actual) {
    Checked& c = results_[i];
    const std::string path = expected_path(names_[i]);
    std::string expected;
    if (!read_file(path, expected)) {
      return differ(c, actual,
                    messages::text(language_, "check-no-expected-file",
                                   {{"input", shown(inputs_[i].path)}, {"expected", shown(path)}}));
    }
    try {
      c.result = check::compare(expected, actual, language_);
    } catch (const std::invalid_argument& e) {
      // A broken expected file is a difference, named, not a pass.
      return differ(c, actual, about(shown(path), e.what()));
    }
    c.differs = !c.result.differences.empty();
    for (const auto& line : c.result.differences)
      c.lines.push_back(about(shown(inputs_[i].path), line));
  }

  // An output with nothing to compare it with: one line says why, and its
  // indicators count as not expected, so that the score shows it too.
  static void differ(Checked& c, const std::string& actual, const std::string& line) {
    c.result = check::output_only(actual);
    c.differs = true;
    c.lines.push_back(line);
    c.result.differences.push_back(line);
  }

  // --- on the calling thread, in input order -----------------------------

  void deliver(std::size_t i) {
    Checked& c = results_[i];
    if (!c.read) {
      std::cerr << "jixiao: " << about(shown(inputs_[i].path), c.error) << '\n';
      io_failed_ = true;
    } else if (options_.update) {
      update(i, c.actual);
    } else {
      ++files_;
      if (c.differs) ++differing_files_;
      if (!options_.quiet) {
        for (const auto& line : c.lines) std::cout << line << '\n';
      }
      check::add(total_, c.result);
    }
    c = Checked{};  // free it: memory stays flat across a batch
  }

  // Counts only the files written: a failure is named, not counted.
  void update(std::size_t i, const std::string& actual) {
    const std::string target = expected_path(names_[i]);
    std::string error;
    if (same_file(target, inputs_[i].path)) {
      error = messages::text("check-is-an-input");
    } else if (write_file_atomically(target, actual, error)) {
      ++files_;
      return;
    }
    std::cerr << "jixiao: " << about(shown(target), error) << '\n';
    io_failed_ = true;
  }

  // Expected files that no input was compared with: a check that passed
  // while they sat there unread would guard nothing. Their indicators count
  // as missing, as the scorer counts gold without output. Said after
  // --update too, which never removes a file.
  void report_stale() {
    for (const auto& name : check::stale_names(listed_, names_)) {
      const std::string path = expected_path(name);
      const std::string line = messages::text("check-stale", {{"path", shown(path)}});
      if (!options_.quiet) std::cout << line << '\n';
      if (options_.update) continue;
      ++stale_;
      check::Result missing;
      std::string expected;
      try {
        if (read_file(path, expected)) missing = check::expected_only(expected);
      } catch (const std::invalid_argument&) {
        // Broken as well as stale: the one line says enough.
      }
      missing.differences.push_back(line);
      check::add(total_, missing);
    }
  }

  int finish_update() {
    std::cout << messages::text("check-wrote", {{"n", std::to_string(files_)},
                                                {"folder", shown(options_.expected_dir)}})
              << '\n';
    return io_failed_ ? kExitIo : 0;
  }

  int finish_check() {
    std::cout << messages::text("check-score",
                                {{"files", std::to_string(files_)},
                                 {"found", std::to_string(total_.projects_found)},
                                 {"expected", std::to_string(total_.projects_expected)},
                                 {"equal", std::to_string(total_.indicators_equal)},
                                 {"indicators", std::to_string(total_.indicators_expected)},
                                 {"actual", std::to_string(total_.indicators_actual)},
                                 {"differences", std::to_string(total_.differences.size())},
                                 {"f1", check::format_exact_f1(total_)}})
              << '\n';
    if (io_failed_) return kExitIo;
    return differing_files_ + stale_ > 0 ? kExitDiffer : 0;
  }

  const CheckOptions& options_;
  std::unique_ptr<convert::Converter> converter_;
  // Read once here: the differences are put into words on worker threads.
  const messages::Language language_ = messages::language();
  std::vector<batch::Input> inputs_;
  std::vector<std::string> names_;   // each input's expected file, relative
  std::vector<std::string> listed_;  // the expected files found, relative
  std::vector<Checked> results_;
  check::Result total_;
  std::size_t files_ = 0, differing_files_ = 0, stale_ = 0;
  bool io_failed_ = false;
};

}  // namespace

CLI::App* add_check_command(CLI::App& app, CheckOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "check", "Convert inputs and compare them with expected JSON files, field by field");
  cmd->add_option("EXPECTED_DIR", options.expected_dir,
                  "Folder of expected outputs: for each input, its path relative to the folder "
                  "given (or its name) with .json for its extension")
      ->required();
  cmd->add_option("INPUT", options.inputs, "Input files or folders")->required();
  add_jobs_option(cmd, options.jobs, "Files converted and compared in parallel");
  add_reading_options(cmd, options.reading);
  cmd->add_flag("--update", options.update, "Rewrite the expected files with the current output");
  cmd->add_flag("-q,--quiet", options.quiet, "Print only the score line");
  return cmd;
}

int run_check(const CheckOptions& options) {
  grammar::Grammar loaded;
  auto converter = make_converter(options.reading, loaded);
  if (!converter) return kExitUsage;
  return CheckRun(options, std::move(converter)).run();
}

}  // namespace jixiao::cli
