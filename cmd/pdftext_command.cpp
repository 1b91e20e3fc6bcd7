// `jixiao pdftext FILE.pdf`: the text that `convert` reads from a PDF, its
// tables rebuilt as tab-separated rows. Diagnostics on a PDF count lines of
// this text, so this is where to look them up.
#include "pdftext_command.h"

#include <fstream>
#include <iostream>
#include <vector>

#include "convert/convert.h"
#include "messages/messages.h"
#include "output.h"
#include "pdf/reader.h"
#include "source/input.h"

namespace jixiao::cli {

CLI::App* add_pdftext_command(CLI::App& app, PdftextOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "pdftext",
      "Print the text jixiao reads from a PDF: its tables as tab-separated rows, rebuilt from "
      "the ruled cells (the lines that convert's diagnostics count)");
  cmd->add_option("FILE", options.input, "The PDF file")->required();
  cmd->add_option("-o,--output", options.output, "Write to this file instead of standard output");
  return cmd;
}

int run_pdftext(const PdftextOptions& options) {
  // `-o x.pdf x.pdf` would replace the PDF with its text.
  if (!options.output.empty() && same_file(options.input, options.output)) {
    std::cerr << "jixiao: " << source::escape_controls(options.output) << ": "
              << messages::text("is-the-input-refused") << '\n';
    return 2;
  }
  std::string error;
  auto in = convert::open_input(options.input, error);
  if (!in) {
    std::cerr << "jixiao: " << source::escape_controls(options.input) << ": " << error << '\n';
    return 3;
  }
  // Its first bytes say whether it is a PDF; only a PDF is read whole.
  std::string bytes(pdf::kHeaderWindow, '\0');
  try {
    in->read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in->gcount()));
    if (!pdf::has_header(bytes)) {
      std::cerr << "jixiao: " << source::escape_controls(options.input) << ": "
                << messages::text("not-a-pdf", {{"bytes", std::to_string(pdf::kHeaderWindow)}})
                << '\n';
      return 3;
    }
    // Up to the limit convert keeps: a stream that goes on and on (a
    // device, a pipe) must not take all the memory there is.
    std::vector<char> block(std::size_t{1} << 20);
    while (bytes.size() <= pdf::kMaxFileBytes &&
           (in->read(block.data(), static_cast<std::streamsize>(block.size())) || in->gcount() > 0))
      bytes.append(block.data(), static_cast<std::size_t>(in->gcount()));
    if (bytes.size() > pdf::kMaxFileBytes) {
      std::cerr << "jixiao: " << source::escape_controls(options.input) << ": "
                << messages::detail(messages::language(), "pdf-unreadable.too-large",
                                    {{"mib", std::to_string(pdf::kMaxFileBytes >> 20)}})
                << '\n';
      return 3;
    }
  } catch (const std::bad_alloc&) {
    std::cerr << "jixiao: " << source::escape_controls(options.input) << ": "
              << messages::text("out-of-memory-reading") << '\n';
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "jixiao: " << source::escape_controls(options.input) << ": "
              << messages::text("cannot-read", {{"why", e.what()}}) << '\n';
    return 3;
  }
  const pdf::Extraction extraction = pdf::extract(bytes);
  for (const messages::Message& limit : extraction.limits)
    std::cerr << "jixiao: " << source::escape_controls(options.input) << ": "
              << messages::detail(messages::language(), limit) << " [pdf-too-large]\n";
  if (!extraction.error.empty()) {
    std::cerr << "jixiao: " << source::escape_controls(options.input) << ": "
              << source::escape_controls(messages::detail(messages::language(), extraction.error))
              << '\n';
    return 3;
  }
  std::string text;
  for (const std::string& line : extraction.lines) text += line + '\n';
  // Past a bound, what came before it is printed, and the status says that
  // something was left unread.
  const int status = extraction.limits.empty() ? 0 : 1;
  if (options.output.empty()) {
    write_stdout(text);
    return status;
  }
  std::string write_error;
  if (!write_file_atomically(options.output, text, write_error)) {
    std::cerr << "jixiao: " << source::escape_controls(options.output) << ": " << write_error
              << '\n';
    return 3;
  }
  return status;
}

}  // namespace jixiao::cli
