// The man page: man(7) macros, written from the command tree like the
// completions. Plain ASCII (other characters as \[uXXXX]), so that groff
// reads it in any locale.
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "completion.h"

namespace jixiao::cli {
namespace {

// The code point of the UTF-8 sequence at `at`, which it moves past.
std::uint32_t next_code_point(const std::string& text, std::size_t& at) {
  const auto lead = static_cast<unsigned char>(text[at++]);
  const int extra = lead < 0xC0 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
  std::uint32_t code = extra == 0 ? lead : lead & (0x3F >> extra);
  for (int i = 0; i < extra && at < text.size(); ++i)
    code = (code << 6) | (static_cast<unsigned char>(text[at++]) & 0x3F);
  return code;
}

// Text for a line of roff: backslashes and hyphens escaped (`\-` is the
// hyphen-minus an option is typed with), other characters named.
std::string roff(const std::string& text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const std::uint32_t code = next_code_point(text, at);
    if (code == '\\') {
      out += "\\e";
    } else if (code == '-') {
      out += "\\-";
    } else if (code == '\n') {
      out += ' ';
    } else if (code < 0x80) {
      out += static_cast<char>(code);
    } else {
      char name[16];
      std::snprintf(name, sizeof name, "\\[u%04X]", static_cast<unsigned>(code));
      out += name;
    }
  }
  // A line that starts with . or ' would be a request.
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

std::string bold(const std::string& text) { return "\\fB" + roff(text) + "\\fR"; }
std::string italic(const std::string& text) { return "\\fI" + roff(text) + "\\fR"; }

// `\fIFILE\fR...`, `[\fINAME\fR]`.
std::string positional_usage(const OptionInfo& positional) {
  const std::string word = italic(positional.value) + (positional.repeatable ? "..." : "");
  return positional.required ? word : "[" + word + "]";
}

std::string synopsis(const CommandInfo& root) {
  std::string out = ".SH SYNOPSIS\n.nf\n";
  for (const CommandInfo* command : all_commands(root)) {
    if (command == &root) continue;
    out += bold(command->full_name()) + " [" + italic("OPTIONS") + "]";
    for (const auto& positional : command->positionals) out += " " + positional_usage(positional);
    if (!command->subcommands.empty())
      out +=
          command->subcommand_required ? " " + italic("COMMAND") : " [" + italic("COMMAND") + "]";
    out += "\n";
  }
  for (const auto& option : root.options)
    out += bold(root.name()) + " " + bold(option.names.back()) + "\n";
  return out + ".fi\n";
}

// `.TP` and the option's names and value, then its description.
std::string option_item(const OptionInfo& option) {
  std::string head;
  for (const auto& name : option.names) head += (head.empty() ? "" : ", ") + bold(name);
  if (!option.choices.empty()) {
    std::string choices;
    for (const auto& choice : option.choices)
      choices += (choices.empty() ? "" : "|") + bold(choice);
    head += " " + choices;
  } else if (option.takes_value()) {
    head += " " + italic(option.value);
  }
  return ".TP\n" + head + "\n" + roff(option.description) + "\n";
}

std::string command_section(const CommandInfo& command) {
  std::string out =
      ".SS \"" + roff(command.full_name()) + "\"\n" + roff(command.description) + "\n";
  for (const auto& positional : command.positionals) {
    out += ".TP\n" + positional_usage(positional) + "\n" + roff(positional.description);
    if (!positional.choices.empty()) {
      std::string choices;
      for (const auto& choice : positional.choices)
        choices += (choices.empty() ? "" : ", ") + bold(choice);
      out += ": " + choices;
    }
    out += "\n";
  }
  for (const auto& option : command.options) out += option_item(option);
  if (!command.subcommands.empty()) {
    std::string names;
    for (const auto& sub : command.subcommands)
      names += (names.empty() ? "" : ", ") + bold(sub.name());
    out += ".PP\nSubcommands: " + names + ".\n";
  }
  return out;
}

// The description without the `jixiao: ` it starts with in --help.
std::string summary_line(const CommandInfo& root) {
  std::string text = root.description;
  if (const std::string prefix = root.name() + ": "; text.starts_with(prefix))
    text.erase(0, prefix.size());
  if (text.ends_with(".")) text.pop_back();
  return text;
}

}  // namespace

std::string man_page(const CommandInfo& root, std::string_view version) {
  const std::string name = root.name();
  std::string upper;
  for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string out = ".\\\" Man page for " + name + ", written by `" + name +
                    " man` from the program's own options: do not edit.\n"
                    ".TH " +
                    upper + " 1 \"\" \"" + roff(name + " " + std::string(version)) +
                    "\" \"User Commands\"\n"
                    // (No hyphenation: option names and values are typed as written.)
                    ".nh\n"
                    ".SH NAME\n" +
                    name + " \\- " + roff(summary_line(root)) + "\n" + synopsis(root) +
                    ".SH DESCRIPTION\n" + roff(root.description) +
                    "\n"
                    ".PP\nEach command is described below with its options; " +
                    bold(name) + " " + italic("COMMAND") + " " + bold("--help") +
                    " prints the same.\n"
                    ".SH OPTIONS\n";
  for (const auto& option : root.options) out += option_item(option);
  out += ".SH COMMANDS\n";
  for (const CommandInfo* command : all_commands(root)) {
    if (command != &root) out += command_section(*command);
  }
  return out +
         ".SH \"EXIT STATUS\"\n"
         ".TP\n0\nSuccess.\n"
         ".TP\n1\nThe inputs were read, but something was found: a diagnostic at or above "
         "\\fB\\-\\-fail\\-on\\fR, a difference from the expected output, a failed audit check, "
         "a grammar with an error.\n"
         ".TP\n2\nA usage error: an unknown option, a missing argument, a grammar that does not "
         "load.\n"
         ".TP\n3\nAn input could not be read or an output could not be written.\n"
         ".SH \"SEE ALSO\"\n"
         "The documentation in the source's \\fIdocs/\\fR folder: \\fIcli.md\\fR (the command "
         "line), \\fIoutput.md\\fR (every output field), \\fIgrammar.md\\fR (the rules file), "
         "\\fIdiagnostics.md\\fR (what each diagnostic means).\n";
}

}  // namespace jixiao::cli
