// Batch conversion: which files a command line names, and converting many of
// them in parallel while handing results on in input order.
//
// Output order and content never depend on the number of threads: each file
// is converted on its own, and results are delivered in the order of the
// inputs, so `-j 8` writes exactly what `-j 1` writes.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace jixiao::batch {

struct Input {
  std::string path;      // as given, or found in a folder; "-" for standard input
  std::string relative;  // where its output goes under an output folder, without extension
  // Set for a folder, given or below one given, that could not be read
  // (`cannot open folder: Permission denied`): it is reported, in its place
  // among the inputs, as a file that cannot be opened is.
  std::string error;
};

// Reads the entries of one folder (not recursively) into `entries`; an
// error when the folder cannot be opened or read.
using ReadFolder = std::function<std::error_code(const std::filesystem::path& folder,
                                                 std::vector<std::filesystem::directory_entry>&)>;

// The file system's ReadFolder.
std::error_code read_folder(const std::filesystem::path& folder,
                            std::vector<std::filesystem::directory_entry>& entries);

// How folders given as arguments are searched.
struct Walk {
  std::vector<std::string> globs{"*.txt", "*.csv"};
  std::vector<std::string> iglobs;  // matched without regard to case
  // Follow links found inside folders (`--follow`). Without it they are
  // skipped, as ripgrep does: a link in a folder of tables may point
  // anywhere (`/etc/passwd`), and what it points to would land in the
  // output. A link given as an argument is always followed.
  bool follow_links = false;
  // How a folder is read; read_folder when empty (tests give one that fails).
  ReadFolder read;
};

// A link inside a folder that was not followed, and why.
struct SkippedLink {
  std::string path;
  std::string why;
};

struct Expansion {
  std::vector<Input> inputs;
  std::vector<std::string> missing;        // arguments that do not exist (also in `inputs`)
  std::vector<SkippedLink> skipped_links;  // for -v: links to a wanted file or to a folder
};

// Expands the arguments: a file is itself; a folder is every file below it
// (recursively, sorted) whose name matches one of `walk.globs` or
// `walk.iglobs` (every file when both are empty), and each
// folder below it that cannot be read; "-" is standard input. Arguments that
// do not exist are kept in `inputs`, so that they are reported in order,
// and listed in `missing`.
Expansion expand(const std::vector<std::string>& arguments, const Walk& walk);

// expand(), with the default walk and these globs.
std::vector<Input> expand_inputs(const std::vector<std::string>& arguments,
                                 const std::vector<std::string>& globs,
                                 std::vector<std::string>& missing);

// fnmatch(3)'s wildcards on a file name, by characters (not bytes): `*`
// any run, `?` one character, `[abc]`, `[a-z]`, `[!abc]` or `[^abc]` one of
// (or none of) a set, `\\*` a `*`. With `fold_case`, ASCII letters match
// either case (`*.txt` takes `A.TXT`, as Windows names it).
bool glob_match(std::string_view pattern, std::string_view name, bool fold_case = false);

// Runs `work(i)` for i in [0, count) on `jobs` threads and calls `deliver(i)`
// on the calling thread in increasing order of i, as soon as each result and
// all before it are ready. At most 8 × jobs results wait to be delivered:
// files differ in size, and a short window leaves threads idle behind a long
// file.
void run_ordered(std::size_t count, int jobs, const std::function<void(std::size_t)>& work,
                 const std::function<void(std::size_t)>& deliver);

// A name for a file made from text (a project name): characters that file
// systems reject become `_`, and it is cut to at most 120 bytes.
std::string safe_file_name(std::string_view text);

}  // namespace jixiao::batch
