#include "check/expected.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace jixiao::check {

namespace fs = std::filesystem;

std::string expected_name(std::string_view relative) {
  // Lexically normal, as the names list_expected finds are (`./x` → `x`).
  return (fs::path(relative).lexically_normal().generic_string() + ".json");
}

std::optional<Clash> first_clash(const std::vector<std::string>& names) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto [at, fresh] = seen.emplace(names[i], i);
    if (!fresh) return Clash{names[i], at->second, i};
  }
  return std::nullopt;
}

std::error_code list_expected(const std::string& folder, std::vector<std::string>& names) {
  std::error_code ec;
  const fs::file_status status = fs::status(folder, ec);
  if (status.type() == fs::file_type::not_found)
    return std::make_error_code(std::errc::no_such_file_or_directory);
  if (ec) return ec;
  if (!fs::is_directory(status)) return std::make_error_code(std::errc::not_a_directory);
  fs::recursive_directory_iterator it(folder, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    std::error_code file_ec;
    if (it->path().extension() == ".json" && it->is_regular_file(file_ec)) {
      names.push_back(it->path().lexically_relative(folder).lexically_normal().generic_string());
    }
  }
  std::sort(names.begin(), names.end());
  return ec;
}

std::vector<std::string> stale_names(const std::vector<std::string>& listed,
                                     const std::vector<std::string>& used) {
  const std::set<std::string> taken(used.begin(), used.end());
  std::vector<std::string> out;
  for (const auto& name : listed) {
    if (!taken.count(name)) out.push_back(name);
  }
  return out;
}

}  // namespace jixiao::check
