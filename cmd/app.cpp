#include "app.h"

#include <iostream>
#include <new>

#include "convert/convert.h"
#include "help_language.h"
#include "messages/messages.h"
#include "usage.h"

namespace jixiao::cli {

Program::Program()
    : app_{"jixiao: turns text extracted from 项目支出预算绩效目标表 into JSON.", "jixiao"} {
  app_.set_version_flag("-V,--version", "jixiao " + std::string(convert::version()));
  app_.require_subcommand(1);
  app_.failure_message(usage_message);
  app_.add_option("--lang", lang_,
                  "Language of messages: zh (中文) or en; default: zh where LC_ALL, LC_MESSAGES "
                  "or LANG begins with zh")
      ->check(CLI::IsMember({"zh", "en"}));
  // (--lang after the command too: the commands, made after this, pass on
  // the options they do not know.)
  app_.fallthrough();
  add(add_convert_command(app_, convert_), [this] { return run_convert(convert_); });
  add(add_value_command(app_, value_), [this] { return run_value(value_); });
  add(add_check_command(app_, check_), [this] { return run_check(check_); });
  add(add_audit_command(app_, audit_), [this] { return run_audit(audit_); });
  add(add_pdftext_command(app_, pdftext_), [this] { return run_pdftext(pdftext_); });
  add(add_grammars_command(app_, grammars_), [this] { return run_grammars(grammars_); });
  add(add_completion_command(app_, completion_),
      [this] { return run_completion(app_, completion_); });
  add(add_man_command(app_), [this] { return run_man(app_); });
  add(add_help_command(app_, help_), [this] { return run_help(app_, help_); });
  translate_help(app_, messages::language());
}

void Program::add(CLI::App* command, std::function<int()> run) {
  commands_.emplace_back(command, std::move(run));
}

int Program::run(int argc, char** argv) {
  if (auto status = reject_unknown_command(app_, argc, argv)) return *status;
  try {
    app_.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app_.exit(e);
    return status == 0 ? 0 : 2;  // usage errors exit 2, as documented
  }
  try {
    for (const auto& [command, run] : commands_) {
      if (*command) return run();
    }
  } catch (const std::bad_alloc&) {
    // Outside a conversion (writing the output): a message, not an abort.
    std::cerr << "jixiao: " << messages::text("out-of-memory") << '\n';
    return 3;
  }
  return 2;
}

}  // namespace jixiao::cli
