// The three shells' completion scripts. Each knows the same things from the
// command tree: the subcommands at each level, each command's options, which
// options take a value (so that the value is not read as a subcommand), the
// values an option or argument accepts, and where file names fit.
#include "completion.h"

namespace jixiao::cli {
namespace {

std::string join(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : separator) + word;
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

// A word for sh, bash and zsh, between single quotes.
std::string sh_quote(const std::string& text) {
  return "'" + replace_all(text, "'", "'\\''") + "'";
}

std::vector<std::string> option_names(const CommandInfo& command) {
  std::vector<std::string> out;
  for (const auto& option : command.options)
    out.insert(out.end(), option.names.begin(), option.names.end());
  return out;
}

std::vector<std::string> subcommand_names(const CommandInfo& command) {
  std::vector<std::string> out;
  for (const auto& sub : command.subcommands) out.push_back(sub.name());
  return out;
}

// The values the command's first positional accepts, if a list says.
std::vector<std::string> argument_choices(const CommandInfo& command) {
  return command.positionals.empty() ? std::vector<std::string>{}
                                     : command.positionals.front().choices;
}

// `'jixiao convert -o'`, `'jixiao convert --output'`: an option's names
// after its command's path, as case patterns.
std::vector<std::string> option_patterns(const CommandInfo& command, const OptionInfo& option) {
  std::vector<std::string> out;
  for (const auto& name : option.names) out.push_back(sh_quote(command.full_name() + " " + name));
  return out;
}

// --- bash ---

// The loop that finds the subcommands typed before the cursor.
std::string bash_walk(const CommandInfo& root) {
  std::string out =
      "    # The subcommands typed so far, past the options and their values.\n"
      "    while ((i < COMP_CWORD)); do\n"
      "        case \"$path ${COMP_WORDS[i]}\" in\n";
  for (const CommandInfo* command : all_commands(root)) {
    std::vector<std::string> subs;
    for (const auto& sub : command->subcommands) subs.push_back(sh_quote(sub.full_name()));
    if (!subs.empty())
      out += "            " + join(subs, " | ") + ") path+=\" ${COMP_WORDS[i]}\" ;;\n";
    std::vector<std::string> values;
    for (const auto& option : command->options) {
      if (!option.takes_value()) continue;
      const auto patterns = option_patterns(*command, option);
      values.insert(values.end(), patterns.begin(), patterns.end());
    }
    if (!values.empty()) {
      out += "            " + join(values, " | ") +
             ")\n"
             "                [[ ${COMP_WORDS[i + 1]} == = ]] && ((i++))\n"
             "                ((i++)) ;;\n";
    }
  }
  return out +
         "        esac\n"
         "        ((i++))\n"
         "    done\n";
}

// The completions of an option's value: its choices, or (returning nothing)
// the file names of `complete -o default`.
std::string bash_values(const CommandInfo& root) {
  std::string out =
      "    # The value of an option.\n"
      "    case \"$path $prev\" in\n";
  std::vector<std::string> others;
  for (const CommandInfo* command : all_commands(root)) {
    for (const auto& option : command->options) {
      if (!option.takes_value()) continue;
      const auto patterns = option_patterns(*command, option);
      if (option.choices.empty()) {
        others.insert(others.end(), patterns.begin(), patterns.end());
        continue;
      }
      out += "        " + join(patterns, " | ") + ")\n            COMPREPLY=($(compgen -W " +
             sh_quote(join(option.choices, " ")) + " -- \"$cur\"))\n            return ;;\n";
    }
  }
  if (!others.empty()) out += "        " + join(others, " | ") + ") return ;;\n";
  return out + "    esac\n";
}

// What each command offers: its options, subcommands, or an argument's values.
std::string bash_words(const CommandInfo& root) {
  std::string out =
      "    local options= commands= arguments=\n"
      "    case $path in\n";
  for (const CommandInfo* command : all_commands(root)) {
    out += "        " + sh_quote(command->full_name()) + ")\n";
    out += "            options=" + sh_quote(join(option_names(*command), " ")) + "\n";
    if (!command->subcommands.empty())
      out += "            commands=" + sh_quote(join(subcommand_names(*command), " ")) + "\n";
    if (const auto choices = argument_choices(*command); !choices.empty())
      out += "            arguments=" + sh_quote(join(choices, " ")) + "\n";
    out += "            ;;\n";
  }
  return out + "    esac\n";
}

// --- zsh ---

// Text inside an _arguments `[explanation]`, or a message or choice between
// its colons.
std::string zsh_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '[' || c == ']' || c == ':') out += '\\';
    out += c;
  }
  return out;
}

std::string zsh_function_name(const CommandInfo& command) {
  std::string out;
  for (const auto& part : command.path) out += "_" + replace_all(part, "-", "_");
  return out;
}

// `:format:(json jsonl csv xlsx)`, `:output:_files`, `:jobs: `.
std::string zsh_value(const OptionInfo& option, const std::string& message) {
  std::string action = "_files";
  if (!option.choices.empty()) {
    std::vector<std::string> escaped;
    for (const auto& choice : option.choices) escaped.push_back(zsh_escape(choice));
    action = "(" + join(escaped, " ") + ")";
  } else if (option.numeric) {
    action = " ";
  }
  return ":" + zsh_escape(message) + ":" + action;
}

// `'(-o --output)'{-o+,--output=}'[Write to this file…]:output:_files'`.
std::string zsh_option_spec(const OptionInfo& option) {
  std::vector<std::string> marked;
  for (const auto& name : option.names) {
    const bool is_long = name.starts_with("--");
    marked.push_back(name + (option.takes_value() ? (is_long ? "=" : "+") : ""));
  }
  const std::string exclusive = option.repeatable         ? "*"
                                : option.names.size() > 1 ? "(" + join(option.names, " ") + ")"
                                                          : "";
  std::string rest = "[" + zsh_escape(option.description) + "]";
  if (option.takes_value()) {
    const std::string& last = option.names.back();
    rest += zsh_value(option, last.substr(last.find_first_not_of('-')));
  }
  if (marked.size() == 1) return sh_quote(exclusive + marked.front() + rest);
  return (exclusive.empty() ? "" : sh_quote(exclusive)) + "{" + join(marked, ",") + "}" +
         sh_quote(rest);
}

// `'*:FILE:_files'`, `':NAME:(budget-target …)'`.
std::string zsh_positional_spec(const OptionInfo& positional) {
  const std::string position = positional.repeatable ? "*" : positional.required ? "" : ":";
  return sh_quote(position + zsh_value(positional, positional.value));
}

std::string zsh_dispatch(const CommandInfo& command) {
  std::string out =
      "  case $state in\n"
      "    (command)\n"
      "      local -a commands\n"
      "      commands=(\n";
  for (const auto& sub : command.subcommands)
    out += "        " + sh_quote(zsh_escape(sub.name()) + ":" + sub.description) + "\n";
  out += "      )\n      _describe -t commands " + sh_quote(command.full_name() + " command") +
         " commands && ret=0\n      ;;\n    (argument)\n";
  out += "      curcontext=${curcontext%:*:*}:" + replace_all(command.full_name(), " ", "-") +
         "-$words[1]:\n      case $words[1] in\n";
  for (const auto& sub : command.subcommands)
    out += "        (" + sub.name() + ") " + zsh_function_name(sub) + " && ret=0 ;;\n";
  return out + "      esac\n      ;;\n  esac\n";
}

std::string zsh_function(const CommandInfo& command) {
  const bool branches = !command.subcommands.empty();
  std::string out = zsh_function_name(command) + "() {\n";
  if (branches) {
    out +=
        "  local curcontext=$curcontext state state_descr line ret=1\n"
        "  local -A opt_args\n";
  }
  out += branches ? "  _arguments -C -s -S" : "  _arguments -s -S";
  for (const auto& option : command.options) out += " \\\n    " + zsh_option_spec(option);
  if (branches) {
    out += " \\\n    ': :->command' \\\n    '*:: :->argument' && ret=0\n";
    out += zsh_dispatch(command) + "  return ret\n";
  } else {
    for (const auto& positional : command.positionals)
      out += " \\\n    " + zsh_positional_spec(positional);
    out += "\n";
  }
  return out + "}\n\n";
}

// --- fish ---

// A word for fish, between single quotes.
std::string fish_quote(const std::string& text) {
  return "'" + replace_all(replace_all(text, "\\", "\\\\"), "'", "\\'") + "'";
}

// `__jixiao_command`: the subcommands typed so far, past options and values.
std::string fish_walk(const CommandInfo& root) {
  const std::string name = root.name();
  std::string out = "# The subcommands typed so far (`" + name +
                    " grammars check`), past the options and their values.\n"
                    "function __" +
                    name +
                    "_command\n"
                    "    set -l tokens (commandline -opc)\n"
                    "    set -e tokens[1]\n"
                    "    set -l path " +
                    name +
                    "\n"
                    "    set -l skip 0\n"
                    "    for token in $tokens\n"
                    "        if test $skip -eq 1\n"
                    "            set skip 0\n"
                    "            continue\n"
                    "        end\n"
                    "        switch \"$path $token\"\n";
  std::vector<std::string> subs, values;
  for (const CommandInfo* command : all_commands(root)) {
    for (const auto& sub : command->subcommands) subs.push_back(fish_quote(sub.full_name()));
    for (const auto& option : command->options) {
      if (!option.takes_value()) continue;
      for (const auto& n : option.names)
        values.push_back(fish_quote(command->full_name() + " " + n));
    }
  }
  if (!subs.empty())
    out += "            case " + join(subs, " ") + "\n                set path \"$path $token\"\n";
  if (!values.empty())
    out += "            case " + join(values, " ") + "\n                set skip 1\n";
  return out +
         "        end\n"
         "    end\n"
         "    echo $path\n"
         "end\n\n"
         "# Whether the command line is at this subcommand.\n"
         "function __" +
         name +
         "_at\n"
         "    test (__" +
         name +
         "_command) = \"$argv\"\n"
         "end\n\n";
}

std::string fish_option(const std::string& prefix, const OptionInfo& option) {
  std::string out = prefix;
  for (const auto& name : option.names) {
    out += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
  }
  if (!option.choices.empty()) {
    out += " -x -a " + fish_quote(join(option.choices, " "));
  } else if (option.takes_value()) {
    out += option.numeric ? " -x" : " -r -F";
  }
  return out + " -d " + fish_quote(option.description) + "\n";
}

std::string fish_command(const CommandInfo& command) {
  const std::string& root = command.path.front();
  const std::string prefix =
      "complete -c " + root + " -n " + fish_quote("__" + root + "_at " + command.full_name());
  std::string out = "# " + command.full_name() + "\n";
  for (const auto& sub : command.subcommands)
    out += prefix + " -a " + fish_quote(sub.name()) + " -d " + fish_quote(sub.description) + "\n";
  for (const auto& option : command.options) out += fish_option(prefix, option);
  if (!command.positionals.empty()) {
    const auto choices = argument_choices(command);
    out += prefix + (choices.empty() ? " -F" : " -a " + fish_quote(join(choices, " "))) + "\n";
  }
  return out + "\n";
}

}  // namespace

std::string bash_completion(const CommandInfo& root) {
  const std::string name = root.name();
  return "# bash completion for " + name + ", written by `" + name +
         " completion bash` from the program's own\n"
         "# options: do not edit. Installed as share/bash-completion/completions/" +
         name + ";\n# or, for this shell only: source <(" + name +
         " completion bash)\n"
         "_" +
         name +
         "() {\n"
         "    local cur=${COMP_WORDS[COMP_CWORD]} prev= path=" +
         name +
         " i=1\n"
         "    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
         "    # `--format=js` comes as three words: `--format`, `=`, `js`.\n"
         "    if [[ $cur == = ]]; then\n"
         "        cur=\n"
         "    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then\n"
         "        prev=${COMP_WORDS[COMP_CWORD - 2]}\n"
         "    fi\n" +
         bash_walk(root) + bash_values(root) + bash_words(root) +
         "    if [[ $cur == -* ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
         "    elif [[ -n $commands ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n"
         "    elif [[ -n $arguments ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$arguments\" -- \"$cur\"))\n"
         "    fi\n"
         "}\n"
         "# Where nothing is offered (a FILE, -o's value), bash completes file names.\n"
         "complete -o default -F _" +
         name + " " + name + "\n";
}

std::string zsh_completion(const CommandInfo& root) {
  const std::string name = root.name();
  std::string out =
      "#compdef " + name + "\n# zsh completion for " + name + ", written by `" + name +
      " completion zsh` from the program's own\n"
      "# options: do not edit. Installed as share/zsh/site-functions/_" +
      name + ";\n# or, for this shell only: source <(" + name + " completion zsh)\n\n";
  const auto commands = all_commands(root);
  // Subcommands first, so that the root's function, defined last, is whole
  // when the autoloaded file calls it.
  for (auto it = commands.rbegin(); it != commands.rend(); ++it) out += zsh_function(**it);
  return out + "if [[ $funcstack[1] == _" + name + " ]]; then\n  _" + name +
         " \"$@\"\nelse\n  compdef _" + name + " " + name + "\nfi\n";
}

std::string fish_completion(const CommandInfo& root) {
  const std::string name = root.name();
  std::string out = "# fish completion for " + name + ", written by `" + name +
                    " completion fish` from the program's own\n"
                    "# options: do not edit. Installed as share/fish/vendor_completions.d/" +
                    name + ".fish;\n# or, for this shell only: " + name +
                    " completion fish | source\n\n" + fish_walk(root) +
                    "# No file names, except where a FILE or a file option stands.\n"
                    "complete -c " +
                    name + " -f\n\n";
  for (const CommandInfo* command : all_commands(root)) out += fish_command(*command);
  return out;
}

}  // namespace jixiao::cli
