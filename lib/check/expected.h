// The expected files of `jixiao check`: which one each input is compared
// with, and which ones no input is compared with (stale), so that a check
// never passes on files it did not look at.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace jixiao::check {

// An input's expected file, relative to the folder of expected files: the
// input's path relative to the folder it was found in (for a file named
// directly, its file name) with `.json` for its extension. `relative` is
// that path without its extension (batch::Input::relative): `a/x` → `a/x.json`.
std::string expected_name(std::string_view relative);

// Two inputs (by index) that would be compared with one expected file.
struct Clash {
  std::string name;
  std::size_t first = 0, second = 0;
};

// The first expected name that two inputs share, if any.
std::optional<Clash> first_clash(const std::vector<std::string>& names);

// Every *.json below `folder`, recursively, relative to it (`a/x.json`) and
// sorted. An error when the folder or one below it cannot be read:
// no_such_file_or_directory when it does not exist, not_a_directory when it
// is a file.
std::error_code list_expected(const std::string& folder, std::vector<std::string>& names);

// The listed names that no input is compared with, in order.
std::vector<std::string> stale_names(const std::vector<std::string>& listed,
                                     const std::vector<std::string>& used);

}  // namespace jixiao::check
