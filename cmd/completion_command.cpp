#include "completion_command.h"

#include "completion.h"
#include "convert/convert.h"
#include "output.h"

namespace jixiao::cli {

CLI::App* add_completion_command(CLI::App& app, CompletionOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "completion",
      "Print the completion script for a shell (installed with jixiao; or: source "
      "<(jixiao completion bash))");
  cmd->add_option("SHELL", options.shell, "The shell: bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  return cmd;
}

CLI::App* add_man_command(CLI::App& app) {
  return app.add_subcommand("man", "Print the man page, as roff (man -l <(jixiao man))");
}

int run_completion(const CLI::App& root, const CompletionOptions& options) {
  const CommandInfo tree = command_tree(root);
  const std::string script = options.shell == "zsh"    ? zsh_completion(tree)
                             : options.shell == "fish" ? fish_completion(tree)
                                                       : bash_completion(tree);
  return write_stdout(script) ? 0 : 3;
}

int run_man(const CLI::App& root) {
  return write_stdout(man_page(command_tree(root), convert::version())) ? 0 : 3;
}

}  // namespace jixiao::cli
