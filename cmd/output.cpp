#include "output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace jixiao::cli {
namespace {

class StdoutSink : public Sink {
 public:
  bool write(std::string_view text) override {
    return std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  }
  bool finish(std::string& error) override {
    if (std::fflush(stdout) != 0) {
      error = std::strerror(errno);
      return false;
    }
    return true;
  }
};

class FileSink : public Sink {
 public:
  FileSink(std::string path, std::string temporary, std::FILE* file)
      : path_(std::move(path)), temporary_(std::move(temporary)), file_(file) {}
  ~FileSink() override {
    if (file_) {
      std::fclose(file_);
      std::remove(temporary_.c_str());
    }
  }
  bool write(std::string_view text) override {
    return std::fwrite(text.data(), 1, text.size(), file_) == text.size();
  }
  bool finish(std::string& error) override {
    const bool flushed = std::fflush(file_) == 0 && !std::ferror(file_);
    const int saved = errno;
    std::fclose(file_);
    file_ = nullptr;
    if (!flushed) {
      error = std::string("cannot write: ") + std::strerror(saved);
      std::remove(temporary_.c_str());
      return false;
    }
    return commit_temporary(temporary_, path_, error);
  }

 private:
  std::string path_, temporary_;
  std::FILE* file_;
};

}  // namespace

std::unique_ptr<Sink> stdout_sink() { return std::make_unique<StdoutSink>(); }

bool write_stdout(std::string_view text) {
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() &&
         std::fflush(stdout) == 0;
}

std::string temporary_path(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

bool commit_temporary(const std::string& temporary, const std::string& path, std::string& error) {
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    error = "cannot write: " + ec.message();
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

// Writes straight into a target that is not a regular file (`-o /dev/null`,
// a named pipe): renaming a temporary file over it would replace the device.
class DirectSink : public Sink {
 public:
  explicit DirectSink(std::FILE* file) : file_(file) {}
  ~DirectSink() override {
    if (file_) std::fclose(file_);
  }
  bool write(std::string_view text) override {
    return std::fwrite(text.data(), 1, text.size(), file_) == text.size();
  }
  bool finish(std::string& error) override {
    const bool ok = std::fflush(file_) == 0 && !std::ferror(file_);
    if (!ok) error = std::string("cannot write: ") + std::strerror(errno);
    std::fclose(file_);
    file_ = nullptr;
    return ok;
  }

 private:
  std::FILE* file_;
};

std::unique_ptr<Sink> file_sink(const std::string& path, std::string& error) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) {
      error = std::string("cannot write: ") + std::strerror(errno);
      return nullptr;
    }
    return std::make_unique<DirectSink>(file);
  }
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const std::string temporary = temporary_path(path);
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) {
    error = std::string("cannot write: ") + std::strerror(errno);
    return nullptr;
  }
  return std::make_unique<FileSink>(path, temporary, file);
}

bool write_file_atomically(const std::string& path, std::string_view content, std::string& error) {
  auto sink = file_sink(path, error);
  if (!sink) return false;
  if (!sink->write(content)) {
    error = std::string("cannot write: ") + std::strerror(errno);
    return false;
  }
  return sink->finish(error);
}

}  // namespace jixiao::cli
