// `jixiao check EXPECTED_DIR INPUT...`: converts and compares with the
// expected JSON by meaning, for CI jobs that guard against changes.
#include "check_command.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "batch/batch.h"
#include "check/check.h"
#include "convert/convert.h"
#include "emit/emit.h"
#include "output.h"
#include "source/input.h"

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

std::string read_all(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

CLI::App* add_check_command(CLI::App& app, CheckOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "check", "Convert inputs and compare them with expected JSON files, field by field");
  cmd->add_option("EXPECTED_DIR", options.expected_dir,
                  "Folder of expected outputs: NAME.json for each input NAME.txt")
      ->required();
  cmd->add_option("INPUT", options.inputs, "Input files or folders")->required();
  add_reading_options(cmd, options.reading);
  cmd->add_flag("--update", options.update, "Rewrite the expected files with the current output");
  cmd->add_flag("-q,--quiet", options.quiet, "Print only the score line");
  return cmd;
}

int run_check(const CheckOptions& options) {
  grammar::Grammar loaded;
  const auto converter = make_converter(options.reading, loaded);
  if (!converter) return 2;
  const auto inputs = batch::expand(options.inputs, folder_walk(options.reading)).inputs;
  check::Result total;
  std::size_t files = 0, differing_files = 0;
  bool io_failed = false;
  for (const auto& input : inputs) {
    auto in = open_or_report(input);
    if (!in) {
      io_failed = true;
      continue;
    }
    ++files;
    const auto doc = converter->convert(*in, input.path);
    const std::string actual = emit::document_json(doc, emit::Options{true}) + "\n";
    const std::string expected_path =
        (fs::path(options.expected_dir) / (input.relative + ".json")).string();
    if (options.update) {
      std::string error;
      if (same_file(expected_path, input.path)) {
        std::cerr << "jixiao: " << source::escape_controls(expected_path)
                  << ": is an input: not written over\n";
        io_failed = true;
        continue;
      }
      if (!write_file_atomically(expected_path, actual, error)) {
        std::cerr << "jixiao: " << source::escape_controls(expected_path) << ": " << error << '\n';
        io_failed = true;
      }
      continue;
    }
    bool found = false;
    const std::string expected = read_all(expected_path, found);
    if (!found) {
      const std::string line = "no expected file " + expected_path + " (create it with --update)";
      std::cout << input.path << ": " << line << '\n';
      total.differences.push_back(line);
      ++differing_files;
      continue;
    }
    check::Result result;
    try {
      result = check::compare(expected, actual);
    } catch (const std::invalid_argument& e) {
      std::cout << expected_path << ": " << e.what() << '\n';
      ++differing_files;
      continue;
    }
    if (!result.differences.empty()) ++differing_files;
    if (!options.quiet) {
      for (const auto& line : result.differences) std::cout << input.path << ": " << line << '\n';
    }
    total.projects_expected += result.projects_expected;
    total.projects_found += result.projects_found;
    total.indicators_expected += result.indicators_expected;
    total.indicators_found += result.indicators_found;
    total.indicators_equal += result.indicators_equal;
    total.indicators_actual += result.indicators_actual;
    total.differences.insert(total.differences.end(), result.differences.begin(),
                             result.differences.end());
  }
  if (options.update) {
    std::cout << "check: wrote " << files << " expected file" << (files == 1 ? "" : "s") << " in "
              << options.expected_dir << '\n';
    return io_failed ? 3 : 0;
  }
  char f1[16];
  std::snprintf(f1, sizeof f1, "%.3f", check::exact_f1(total));
  std::cout << "check: " << files << " file" << (files == 1 ? "" : "s") << ", projects "
            << total.projects_found << "/" << total.projects_expected << ", indicators equal "
            << total.indicators_equal << "/" << total.indicators_expected << " (output has "
            << total.indicators_actual << "), " << total.differences.size() << " difference"
            << (total.differences.size() == 1 ? "" : "s") << ", exact_f1=" << f1 << '\n';
  if (io_failed) return 3;
  return differing_files > 0 ? 1 : 0;
}

}  // namespace jixiao::cli
