#include "output.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "messages/messages.h"

namespace jixiao::cli {
namespace {

// The temporary files alive, for the signal handler: fixed slots, as a
// handler may neither allocate nor lock. A run has a few at a time (the
// shared output, or the file being written).
constexpr int kSlots = 64;
std::atomic<bool> slot_used[kSlots];
char slot_path[kSlots][PATH_MAX];

int register_path(const std::string& path) {
  if (path.empty() || path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (!slot_used[i].compare_exchange_strong(expected, true)) continue;
    // The name's first byte last: until then the handler sees an empty name
    // and skips the slot.
    slot_path[i][0] = '\0';
    std::memcpy(slot_path[i] + 1, path.c_str() + 1, path.size());
    std::atomic_signal_fence(std::memory_order_seq_cst);
    slot_path[i][0] = path[0];
    return i;
  }
  return -1;  // not removed on a signal, but removed at the end as usual
}

void unregister(int slot) {
  if (slot < 0) return;
  slot_path[slot][0] = '\0';
  slot_used[slot].store(false);
}

void remove_temporaries(int signal) {
  for (int i = 0; i < kSlots; ++i) {
    if (slot_used[i].load() && slot_path[i][0] != '\0') ::unlink(slot_path[i]);
  }
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

// The mode a new file gets: 0666 less the umask, read once at start-up
// (umask can only be read by setting it).
mode_t new_file_mode() {
  static const mode_t mode = [] {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

// A stream's descriptor once its buffer is written out, or -1.
int flushed(std::FILE* file) { return std::fflush(file) == 0 ? ::fileno(file) : -1; }

class StdoutSink : public Sink {
 public:
  bool write(std::string_view text) override {
    return std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  }
  int descriptor() override { return flushed(stdout); }
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
  FileSink(std::string path, std::unique_ptr<TemporaryFile> temporary, std::FILE* file)
      : path_(std::move(path)), temporary_(std::move(temporary)), file_(file) {}
  ~FileSink() override {
    if (file_) std::fclose(file_);
  }
  bool write(std::string_view text) override {
    return std::fwrite(text.data(), 1, text.size(), file_) == text.size();
  }
  int descriptor() override { return flushed(file_); }
  bool finish(std::string& error) override {
    const bool flushed = std::fflush(file_) == 0 && !std::ferror(file_);
    const int saved = errno;
    std::fclose(file_);
    file_ = nullptr;
    if (!flushed) {
      error = messages::text("cannot-write", {{"why", std::strerror(saved)}});
      return false;  // the temporary file goes with temporary_
    }
    return temporary_->commit(path_, error);
  }

 private:
  std::string path_;
  std::unique_ptr<TemporaryFile> temporary_;
  std::FILE* file_;
};

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
  int descriptor() override { return flushed(file_); }
  bool finish(std::string& error) override {
    const bool ok = std::fflush(file_) == 0 && !std::ferror(file_);
    if (!ok) error = messages::text("cannot-write", {{"why", std::strerror(errno)}});
    std::fclose(file_);
    file_ = nullptr;
    return ok;
  }

 private:
  std::FILE* file_;
};

}  // namespace

TemporaryFile::TemporaryFile(int fd, std::string path, int slot)
    : fd_(fd), path_(std::move(path)), slot_(slot) {}

namespace {

// `path`, then what each link on the way from it points to (at most 8
// links: a loop ends there), each made whole.
std::vector<std::string> link_chain(const std::string& path) {
  namespace fs = std::filesystem;
  std::vector<std::string> chain;
  fs::path at = path;
  for (int hop = 0; hop < 8; ++hop) {
    chain.push_back(at.lexically_normal().string());
    std::error_code ec;
    if (!fs::is_symlink(at, ec)) break;
    const fs::path target = fs::read_symlink(at, ec);
    if (ec) break;
    at = target.is_absolute() ? target : at.parent_path() / target;
  }
  return chain;
}

// The descriptor `path` names, when it is one of the process's own
// (/dev/stdout, /dev/fd/1, /proc/self/fd/1, or a link to one); else -1.
// Written through a copy of that descriptor, the output shares its offset
// with what the shell writes (`jixiao … -o /dev/stdout; echo done`).
int own_descriptor(const std::string& path) {
  for (const std::string& text : link_chain(path)) {
    if (text == "/dev/stdout") return 1;
    if (text == "/dev/stderr") return 2;
    for (const std::string_view folder : {"/dev/fd/", "/proc/self/fd/"}) {
      if (!text.starts_with(folder)) continue;
      const std::string_view digits = std::string_view(text).substr(folder.size());
      if (!digits.empty() && digits.size() < 6 &&
          digits.find_first_not_of("0123456789") == std::string_view::npos)
        return std::stoi(std::string(digits));
    }
  }
  return -1;
}

}  // namespace

// Whether `path`, or a link on the way from it, names something in /dev or
// /proc: a stream such as /dev/stdout (a link to /proc/self/fd/1), written
// in place. Replaced by a renamed file, it would stop being a stream for
// every program (as root, /dev/stdout became a regular file).
bool names_a_stream(const std::string& path) {
  for (const std::string& text : link_chain(path)) {
    if (text.starts_with("/dev/") || text.starts_with("/proc/")) return true;
  }
  return false;
}

std::unique_ptr<TemporaryFile> TemporaryFile::beside(const std::string& target,
                                                     std::string& error) {
  if (names_a_stream(target)) {
    error = messages::text("is-a-stream");
    return nullptr;
  }
  std::error_code ec;
  const auto parent = std::filesystem::path(target).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string name = target + ".tmp.XXXXXX";
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    error = messages::text("cannot-write", {{"why", std::strerror(errno)}});
    return nullptr;
  }
  ::fchmod(fd, new_file_mode());  // mkstemp makes 0600; the output is an ordinary file
  const int slot = register_path(name);
  return std::unique_ptr<TemporaryFile>(new TemporaryFile(fd, std::move(name), slot));
}

std::unique_ptr<TemporaryFile> TemporaryFile::unnamed(std::string& error) {
  std::error_code ec;
  std::string name = (std::filesystem::temp_directory_path(ec) / "jixiao-XXXXXX").string();
  if (ec) name = "/tmp/jixiao-XXXXXX";
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    error = messages::text("cannot-make-temporary", {{"why", std::strerror(errno)}});
    return nullptr;
  }
  ::unlink(name.c_str());
  return std::unique_ptr<TemporaryFile>(new TemporaryFile(fd, "", -1));
}

TemporaryFile::~TemporaryFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!path_.empty()) ::unlink(path_.c_str());
  unregister(slot_);
}

std::string TemporaryFile::name_for_reopening() const {
  const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
  if (fd_ >= 0 && ::access(proc.c_str(), F_OK) == 0) return proc;
  return path_;  // (no /proc: the mkstemp name, which only we created)
}

int TemporaryFile::release_fd() { return std::exchange(fd_, -1); }

bool TemporaryFile::commit(const std::string& target, std::string& error) {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  std::error_code ec;
  std::filesystem::rename(path_, target, ec);
  if (ec) {
    error = messages::text("cannot-write", {{"why", ec.message()}});
    return false;  // removed by the destructor
  }
  path_.clear();
  return true;
}

std::unique_ptr<Sink> stdout_sink() { return std::make_unique<StdoutSink>(); }

bool write_stdout(std::string_view text) {
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() &&
         std::fflush(stdout) == 0;
}

std::unique_ptr<Sink> file_sink(const std::string& path, std::string& error) {
  std::error_code ec;
  if (names_a_stream(path) ||
      (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))) {
    const int own = own_descriptor(path);
    std::FILE* file = own >= 0 ? ::fdopen(::dup(own), "wb") : std::fopen(path.c_str(), "wb");
    if (!file) {
      error = messages::text("cannot-write", {{"why", std::strerror(errno)}});
      return nullptr;
    }
    return std::make_unique<DirectSink>(file);
  }
  auto temporary = TemporaryFile::beside(path, error);
  if (!temporary) return nullptr;
  std::FILE* file = ::fdopen(temporary->fd(), "wb");
  if (!file) {
    error = messages::text("cannot-write", {{"why", std::strerror(errno)}});
    return nullptr;
  }
  temporary->release_fd();  // the FILE* closes it
  return std::make_unique<FileSink>(path, std::move(temporary), file);
}

bool write_file_atomically(const std::string& path, std::string_view content, std::string& error) {
  auto sink = file_sink(path, error);
  if (!sink) return false;
  if (!sink->write(content)) {
    error = messages::text("cannot-write", {{"why", std::strerror(errno)}});
    return false;
  }
  return sink->finish(error);
}

void install_cleanup_handlers() {
  new_file_mode();  // (reads the umask now, before any thread starts)
  for (const int signal : {SIGINT, SIGTERM, SIGPIPE}) {
    struct sigaction action {};
    action.sa_handler = remove_temporaries;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal, &action, nullptr);
  }
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace jixiao::cli
