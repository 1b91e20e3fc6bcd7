// The help text in the language of messages: English is written beside each
// option in the code; Chinese comes from the catalogue's `help` section,
// keyed by command and option (`convert --format`), and replaces it when
// messages are Chinese.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "messages/messages.h"

namespace jixiao::cli {

// `convert --format`, `grammars show NAME`, `convert` (the command itself),
// `--help` (every command's): the catalogue's key for a help text.
std::string help_key(const CLI::App& command, const CLI::Option* option);

// Every key of the tree below `app` (for the test that each has Chinese).
std::vector<std::string> help_keys(const CLI::App& app);

// The Chinese help of a command (option null) or option; "" where the
// catalogue has none.
std::string chinese_help(const CLI::App& command, const CLI::Option* option);

// In Chinese, every description in the tree below `app` from the catalogue,
// and CLI11's headings (用法, 选项); in English, nothing changes.
void translate_help(CLI::App& app, messages::Language language);

}  // namespace jixiao::cli
