// Shell completion scripts and the man page, written from the command tree
// (command_tree.h): `jixiao completion bash|zsh|fish` and `jixiao man` print
// them, and the build installs what they print.
#pragma once

#include <string>
#include <string_view>

#include "command_tree.h"

namespace jixiao::cli {

// A script that defines `_jixiao` and registers it with `complete`.
std::string bash_completion(const CommandInfo& root);
// A `#compdef` file for $fpath (`_jixiao`), which may also be sourced.
std::string zsh_completion(const CommandInfo& root);
// `complete` commands for fish's vendor_completions.d.
std::string fish_completion(const CommandInfo& root);
// A man page (man(7) macros) for section 1; `version` goes in its footer.
std::string man_page(const CommandInfo& root, std::string_view version);

}  // namespace jixiao::cli
