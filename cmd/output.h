// Where converted output goes: standard output, one file, or one file per
// input (or per project) in a folder. Files are written under a temporary
// name and renamed when complete, so an interrupted run never leaves a
// truncated file that looks whole.
//
// Temporary files are made with mkstemp beside their target: a name no one
// can have taken before (O_CREAT | O_EXCL), so a link planted at a guessable
// name is never followed, and two runs sharing a folder (containers with the
// same pid) never write into one file. They are removed when a run is
// interrupted (SIGINT, SIGTERM, SIGPIPE: install_cleanup_handlers()).
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace jixiao::cli {

class Sink {
 public:
  virtual ~Sink() = default;
  // False once the output cannot take more (a closed pipe, a full disk).
  virtual bool write(std::string_view text) = 0;
  // The descriptor the output goes to, its buffer flushed first, for the
  // kernel to copy a spooled file into (sendfile); -1 where there is none,
  // or the flush failed (then `write` reports the failure).
  virtual int descriptor() { return -1; }
  // Completes the output; false (with `error`) on failure.
  virtual bool finish(std::string& error) = 0;
};

// A file under a name of its own, removed unless committed.
class TemporaryFile {
 public:
  // Beside `target` (its folder created), as `TARGET.tmp.XXXXXX`, with the
  // permissions a new file gets (0666 less the umask).
  static std::unique_ptr<TemporaryFile> beside(const std::string& target, std::string& error);
  // In the temporary folder, with no name at all (unlinked at once):
  // nothing is left behind however the run ends.
  static std::unique_ptr<TemporaryFile> unnamed(std::string& error);
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // A name by which a library that opens files itself (libxlsxwriter) reaches
  // this very file: /proc/self/fd/N, through the open descriptor, so that
  // nothing put at the path meanwhile is followed.
  std::string name_for_reopening() const;
  // Renames the file over `target`; false (with `error`) on failure.
  bool commit(const std::string& target, std::string& error);
  // Hands the descriptor over (to a FILE*); the file is still removed
  // unless committed.
  int release_fd();

 private:
  TemporaryFile(int fd, std::string path, int slot);
  int fd_;
  std::string path_;  // empty when unnamed
  int slot_;          // in the cleanup registry, or -1
};

std::unique_ptr<Sink> stdout_sink();
// Whether `path`, or a link on the way from it, names something in /dev or
// /proc (/dev/stdout, /proc/self/fd/1): written in place, never replaced.
bool names_a_stream(const std::string& path);

// Creates the parent folders; writes to a temporary file beside `path` and
// renames it on finish.
std::unique_ptr<Sink> file_sink(const std::string& path, std::string& error);

// Writes to standard output at once; false when the reader has gone.
bool write_stdout(std::string_view text);

bool write_file_atomically(const std::string& path, std::string_view content, std::string& error);

// Removes the temporary files of the run when it is interrupted (SIGINT,
// SIGTERM, SIGPIPE), then lets the signal end it as it would have.
void install_cleanup_handlers();

// Whether two paths name one file (same device and inode); false where
// either does not exist.
bool same_file(const std::string& a, const std::string& b);

}  // namespace jixiao::cli
