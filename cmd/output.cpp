#include "output.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace jixiao::cli {

bool write_file_atomically(const std::string& path, const std::string& content,
                           std::string& error) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      error = std::string("cannot write: ") + std::strerror(errno);
      std::remove(temporary.c_str());
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    error = "cannot write: " + ec.message();
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

bool write_stdout(const std::string& content) {
  if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size()) return false;
  return std::fflush(stdout) == 0;
}

}  // namespace jixiao::cli
