// jixiao: converts Chinese budget performance target tables to data.
// Flags, I/O and calls only; the work is in lib/.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <new>

#include "audit_command.h"
#include "check_command.h"
#include "convert/convert.h"
#include "convert_command.h"
#include "messages/messages.h"
#include "output.h"
#include "pdftext_command.h"
#include "usage.h"
#include "value_command.h"

int main(int argc, char** argv) {
  // A closed pipe (`jixiao … | head -1`) ends the program quietly, as it
  // does for cat or grep.
  std::signal(SIGPIPE, SIG_DFL);
  // … and an interrupted run leaves no temporary file behind.
  jixiao::cli::install_cleanup_handlers();
  CLI::App app{"jixiao: turns text extracted from 项目支出预算绩效目标表 into JSON.", "jixiao"};
  app.set_version_flag("-V,--version",
                       std::string("jixiao ") + std::string(jixiao::convert::version()));
  app.require_subcommand(1);
  app.failure_message(jixiao::cli::usage_message);
  // The language of messages, known before the command line is parsed, so
  // that its own errors are said in it too.
  jixiao::messages::set_language(
      jixiao::messages::language_from_environment(jixiao::cli::lang_argument(argc, argv)));
  std::string lang;
  app.add_option("--lang", lang,
                 "Language of messages: zh (中文) or en; default: zh where LC_ALL, LC_MESSAGES or "
                 "LANG begins with zh")
      ->check(CLI::IsMember({"zh", "en"}));
  // (--lang after the command too: the commands, made after this, pass on
  // the options they do not know.)
  app.fallthrough();
  jixiao::cli::ConvertOptions convert_options;
  CLI::App* convert = jixiao::cli::add_convert_command(app, convert_options);
  jixiao::cli::ValueOptions value_options;
  CLI::App* value = jixiao::cli::add_value_command(app, value_options);
  jixiao::cli::CheckOptions check_options;
  CLI::App* check = jixiao::cli::add_check_command(app, check_options);
  jixiao::cli::AuditOptions audit_options;
  CLI::App* audit = jixiao::cli::add_audit_command(app, audit_options);
  jixiao::cli::PdftextOptions pdftext_options;
  CLI::App* pdftext = jixiao::cli::add_pdftext_command(app, pdftext_options);
  jixiao::cli::HelpOptions help_options;
  CLI::App* help = jixiao::cli::add_help_command(app, help_options);
  if (auto status = jixiao::cli::reject_unknown_command(app, argc, argv)) return *status;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : 2;  // usage errors exit 2, as documented
  }
  try {
    if (*convert) return jixiao::cli::run_convert(convert_options);
    if (*value) return jixiao::cli::run_value(value_options);
    if (*check) return jixiao::cli::run_check(check_options);
    if (*audit) return jixiao::cli::run_audit(audit_options);
    if (*pdftext) return jixiao::cli::run_pdftext(pdftext_options);
    if (*help) return jixiao::cli::run_help(app, help_options);
  } catch (const std::bad_alloc&) {
    // Outside a conversion (writing the output): a message, not an abort.
    std::cerr << "jixiao: not enough memory\n";
    return 3;
  }
  return 2;
}
