// Batch conversion: which files a command line names, and converting many of
// them in parallel while handing results on in input order.
//
// Output order and content never depend on the number of threads: each file
// is converted on its own, and results are delivered in the order of the
// inputs, so `-j 8` writes exactly what `-j 1` writes.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::batch {

struct Input {
  std::string path;      // as given, or found in a folder; "-" for standard input
  std::string relative;  // where its output goes under an output folder, without extension
};

// Expands the arguments: a file is itself; a folder is every file below it
// (recursively, sorted) whose name matches one of `globs`; "-" is standard
// input. Arguments that do not exist are reported in `missing` and skipped.
std::vector<Input> expand_inputs(const std::vector<std::string>& arguments,
                                 const std::vector<std::string>& globs,
                                 std::vector<std::string>& missing);

// Shell-style wildcard match on a file name: `*`, `?` and `[abc]`.
bool glob_match(std::string_view pattern, std::string_view name);

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
