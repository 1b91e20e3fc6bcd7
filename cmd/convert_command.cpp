// `jixiao convert FILE...`: the flags, where output goes, and the exit status.
#include "convert_command.h"

#include <filesystem>
#include <iostream>

#include "convert/convert.h"
#include "emit/emit.h"
#include "grammar_option.h"
#include "output.h"

namespace jixiao::cli {
namespace {

constexpr int kExitDiagnostics = 1;
constexpr int kExitUsage = 2;
constexpr int kExitIo = 3;

bool is_folder_target(const std::string& output) {
  std::error_code ec;
  return !output.empty() && (output.back() == '/' || std::filesystem::is_directory(output, ec));
}

std::string output_name(const std::string& input, const std::string& format) {
  std::string stem = input == "-" ? "stdin" : std::filesystem::path(input).stem().string();
  return stem + "." + format;
}

void report(const model::Document& doc, const ConvertOptions& options) {
  if (options.quiet) return;
  for (const auto& d : doc.diagnostics) {
    if (d.severity == source::Severity::info && !options.verbose) continue;
    std::cerr << source::format(d, doc.path) << '\n';
  }
}

// Converts one input into the text of its output.
bool convert_one(const convert::Converter& converter, const std::string& input,
                 const ConvertOptions& options, std::string& out, bool& had_errors) {
  std::string error;
  auto in = convert::open_input(input, error);
  if (!in) {
    std::cerr << "jixiao: " << input << ": " << error << '\n';
    return false;
  }
  const std::string path = input == "-" ? "(stdin)" : input;
  model::Document doc;
  if (options.format == "jsonl") {
    doc = converter.convert(*in, path, [&](model::Project&& p) {
      out += emit::project_jsonl(p, path);
      out += '\n';
    });
  } else {
    doc = converter.convert(*in, path);
    out += emit::document_json(doc, emit::Options{options.pretty});
    out += '\n';
  }
  report(doc, options);
  if (convert::has_severity(doc, source::Severity::error)) had_errors = true;
  return true;
}

}  // namespace

CLI::App* add_convert_command(CLI::App& app, ConvertOptions& options) {
  CLI::App* cmd = app.add_subcommand("convert", "Convert table text files to JSON");
  cmd->add_option("FILE", options.inputs, "Input text files; - reads standard input")->required();
  cmd->add_option("--format", options.format,
                  "json (one document per input) or jsonl (one project per line)")
      ->check(CLI::IsMember({"json", "jsonl"}));
  cmd->add_option("-o,--output", options.output,
                  "Write to this file, or into this folder (ending in /) one file per input");
  cmd->add_option("--grammar", options.grammar, "Grammar file to use instead of the built-in one");
  cmd->add_option("--encoding", options.encoding,
                  "Read inputs in this encoding (GB18030, UTF-16LE, …) instead of detecting it");
  cmd->add_option("--layout", options.layout,
                  "How cells are separated: auto (line by line), tab, pipe or spaces")
      ->check(CLI::IsMember({"auto", "tab", "pipe", "spaces"}));
  cmd->add_flag("--pretty", options.pretty, "Indent the JSON for people");
  cmd->add_flag("-q,--quiet", options.quiet, "Print no diagnostics on standard error");
  cmd->add_flag("-v,--verbose", options.verbose, "Print informational diagnostics too");
  return cmd;
}

int run_convert(const ConvertOptions& options) {
  grammar::Grammar loaded;
  const grammar::Grammar* grammar = nullptr;
  if (!load_grammar_option(options.grammar, loaded, grammar)) return kExitUsage;
  convert::Converter converter(*grammar);
  converter.force_layout(*tokenize::layout_named(options.layout));
  if (!options.encoding.empty()) {
    try {
      converter.force_encoding(options.encoding);
    } catch (const std::invalid_argument& e) {
      std::cerr << "jixiao: --encoding: " << e.what() << '\n';
      return kExitUsage;
    }
  }
  const bool per_input = is_folder_target(options.output);
  if (per_input) std::filesystem::create_directories(options.output);

  bool io_failed = false, had_errors = false;
  std::string combined;
  for (const auto& input : options.inputs) {
    std::string out;
    if (!convert_one(converter, input, options, out, had_errors)) {
      io_failed = true;
      continue;
    }
    std::string error;
    if (per_input) {
      const auto target =
          (std::filesystem::path(options.output) / output_name(input, options.format)).string();
      if (!write_file_atomically(target, out, error)) {
        std::cerr << "jixiao: " << target << ": " << error << '\n';
        io_failed = true;
      }
    } else if (options.output.empty()) {
      if (!write_stdout(out)) return kExitIo;
    } else {
      combined += out;
    }
  }
  if (!per_input && !options.output.empty()) {
    std::string error;
    if (!write_file_atomically(options.output, combined, error)) {
      std::cerr << "jixiao: " << options.output << ": " << error << '\n';
      return kExitIo;
    }
  }
  if (io_failed) return kExitIo;
  return had_errors ? kExitDiagnostics : 0;
}

}  // namespace jixiao::cli
