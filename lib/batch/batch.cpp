#include "batch/batch.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "messages/messages.h"
#include "source/input.h"

namespace jixiao::batch {
namespace {

namespace fs = std::filesystem;

std::string without_extension(const fs::path& path) {
  fs::path out = path;
  out.replace_extension();
  return out.generic_string();
}

}  // namespace

namespace {

// A name's characters: UTF-8 decoded, so that `?` is one character (宁, not
// one of its three bytes). A byte that starts no character stands for
// itself, above Unicode's range, so that it still matches only itself.
std::u32string characters(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const char32_t c = source::next_character(text, i);
    out.push_back(c != source::kNotACharacter ? c
                                              : 0x110000 + static_cast<unsigned char>(text[at]));
  }
  return out;
}

char32_t lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }
char32_t upper(char32_t c) { return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c; }

bool same(char32_t a, char32_t b, bool fold_case) {
  return a == b || (fold_case && lower(a) == lower(b));
}

bool in_range(char32_t c, char32_t low, char32_t high, bool fold_case) {
  auto inside = [&](char32_t x) { return x >= low && x <= high; };
  return inside(c) || (fold_case && (inside(lower(c)) || inside(upper(c))));
}

constexpr std::size_t kNoClass = std::u32string::npos;

// A bracket expression at pattern[at] (`[`): one of its characters or
// ranges (`[0-9]`), or with `!`/`^` first none of them; `]` first is one of
// them, `\` quotes. Returns the index past its `]` and sets `matched`, or
// kNoClass when it has no `]` (the `[` is then itself, as fnmatch takes it).
std::size_t match_class(const std::u32string& pattern, std::size_t at, char32_t c, bool fold_case,
                        bool& matched) {
  std::size_t i = at + 1;
  const bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negated) ++i;
  bool found = false;
  for (bool first = true; i < pattern.size() && (first || pattern[i] != ']'); first = false) {
    auto take = [&]() {
      if (pattern[i] == '\\' && i + 1 < pattern.size()) ++i;
      return pattern[i++];
    };
    const char32_t low = take();
    char32_t high = low;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      ++i;
      high = take();
    }
    found = found || in_range(c, low, high, fold_case);
  }
  if (i >= pattern.size()) return kNoClass;
  matched = found != negated;
  return i + 1;
}

// Where the pattern goes on after matching its item at `p` to `c`, or npos
// when that item does not match `c` (a `*` is handled by the caller).
std::size_t match_item(const std::u32string& pattern, std::size_t p, char32_t c, bool fold_case) {
  constexpr std::size_t no = std::u32string::npos;
  if (pattern[p] == '?') return p + 1;
  if (pattern[p] == '[') {
    bool matched = false;
    const std::size_t after = match_class(pattern, p, c, fold_case, matched);
    if (after != kNoClass) return matched ? after : no;
  }
  if (pattern[p] == '\\' && p + 1 < pattern.size()) ++p;
  return same(pattern[p], c, fold_case) ? p + 1 : no;
}

}  // namespace

bool glob_match(std::string_view pattern_text, std::string_view name_text, bool fold_case) {
  const std::u32string pattern = characters(pattern_text), name = characters(name_text);
  // The classic two-pointer walk: on a mismatch, the last `*` takes one
  // more character. Names are short, so its worst case does not matter.
  std::size_t p = 0, n = 0, star = std::u32string::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
      continue;
    }
    const std::size_t next =
        p < pattern.size() ? match_item(pattern, p, name[n], fold_case) : std::u32string::npos;
    if (next != std::u32string::npos) {
      p = next;
      ++n;
    } else if (star != std::u32string::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::error_code read_folder(const fs::path& folder, std::vector<fs::directory_entry>& entries) {
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
  return ec;
}

namespace {

// The real paths of a folder being walked and of the folders it lies in,
// while links are followed: a link to one of them is a loop, which would
// never end.
struct Chain {
  std::string real;
  std::shared_ptr<const Chain> up;
};

bool on_chain(const Chain* chain, const std::string& real) {
  for (; chain != nullptr; chain = chain->up.get()) {
    if (chain->real == real) return true;
  }
  return false;
}

// Every wanted file below `root`, and every folder below it that could not
// be read, in sorted order. A walk with a stack of its own rather than
// recursion, so that no depth of folders can exhaust the program's stack;
// and not std::filesystem::recursive_directory_iterator, which ends the
// whole walk at the first folder it cannot open (or, told to skip such
// folders, skips them without a word).
void walk_folder(const std::string& root, const Walk& walk, Expansion& out) {
  const ReadFolder read = walk.read ? walk.read : ReadFolder(read_folder);
  auto wanted = [&](const fs::path& file) {
    const std::string name = file.filename().string();
    if (walk.globs.empty() && walk.iglobs.empty()) return true;
    auto matches = [&](bool fold_case) {
      return [&, fold_case](const std::string& glob) { return glob_match(glob, name, fold_case); };
    };
    return std::any_of(walk.globs.begin(), walk.globs.end(), matches(false)) ||
           std::any_of(walk.iglobs.begin(), walk.iglobs.end(), matches(true));
  };
  struct Folder {
    fs::path path;
    std::shared_ptr<const Chain> chain;  // only when links are followed
  };
  std::vector<Folder> pending;
  if (walk.follow_links) {
    std::error_code ec;
    std::string real = fs::canonical(root, ec).string();
    pending.push_back({root, std::make_shared<const Chain>(Chain{ec ? root : real, nullptr})});
  } else {
    pending.push_back({root, nullptr});
  }
  std::vector<std::pair<fs::path, std::string>> found;  // a file, or a folder and its error
  std::vector<fs::directory_entry> entries;
  while (!pending.empty()) {
    const Folder folder = std::move(pending.back());
    pending.pop_back();
    entries.clear();
    // Reported as a file that cannot be opened is; what was read of the
    // folder before an error is still taken.
    if (const std::error_code ec = read(folder.path, entries)) {
      found.emplace_back(folder.path,
                         messages::text("cannot-open-folder", {{"why", ec.message()}}));
    }
    for (const auto& entry : entries) {
      const fs::path& path = entry.path();
      std::error_code ec;
      if (entry.is_symlink(ec)) {
        const fs::file_status target = fs::status(path, ec);
        const bool to_folder = fs::is_directory(target);
        if (!walk.follow_links) {
          if (to_folder || wanted(path)) {
            out.skipped_links.push_back(
                {path.string(),
                 messages::text(to_folder ? "link-to-folder-skipped" : "link-skipped")});
          }
        } else if (to_folder) {
          const std::string real = fs::canonical(path, ec).string();
          if (!ec && !on_chain(folder.chain.get(), real)) {
            pending.push_back({path, std::make_shared<const Chain>(Chain{real, folder.chain})});
          } else {
            out.skipped_links.push_back({path.string(), messages::text("link-loop")});
          }
        } else if (wanted(path) &&
                   (fs::is_regular_file(target) || target.type() == fs::file_type::not_found)) {
          found.emplace_back(path, "");  // a link to nothing: opening it says so
        }
      } else if (entry.is_directory(ec)) {
        std::shared_ptr<const Chain> chain;
        if (folder.chain) {
          chain = std::make_shared<const Chain>(
              Chain{(fs::path(folder.chain->real) / path.filename()).string(), folder.chain});
        }
        pending.push_back({path, std::move(chain)});
      } else if (entry.is_regular_file(ec) && wanted(path)) {
        found.emplace_back(path, "");
      }
    }
  }
  std::sort(found.begin(), found.end());
  // The walk yields paths that start with `root`, so the relative name is
  // lexical; fs::relative would resolve every link on the way, several
  // system calls for each of thousands of files.
  for (auto& [path, error] : found) {
    out.inputs.push_back(
        {path.string(), without_extension(path.lexically_relative(root)), std::move(error)});
  }
}

}  // namespace

Expansion expand(const std::vector<std::string>& arguments, const Walk& walk) {
  Expansion out;
  for (const auto& argument : arguments) {
    std::error_code ec;
    if (argument == "-") {
      out.inputs.push_back({argument, "stdin", ""});
    } else if (fs::is_directory(argument, ec)) {
      walk_folder(argument, walk, out);
    } else if (fs::exists(argument, ec)) {
      out.inputs.push_back({argument, without_extension(fs::path(argument).filename()), ""});
    } else {
      // Left in the list so the converter reports it in order, with its reason.
      out.inputs.push_back({argument, without_extension(fs::path(argument).filename()), ""});
      out.missing.push_back(argument);
    }
  }
  return out;
}

std::vector<Input> expand_inputs(const std::vector<std::string>& arguments,
                                 const std::vector<std::string>& globs,
                                 std::vector<std::string>& missing) {
  Walk walk;
  walk.globs = globs;
  Expansion expansion = expand(arguments, walk);
  missing = std::move(expansion.missing);
  return std::move(expansion.inputs);
}

void run_ordered(std::size_t count, int jobs, const std::function<void(std::size_t)>& work,
                 const std::function<void(std::size_t)>& deliver) {
  if (jobs <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      work(i);
      deliver(i);
    }
    return;
  }
  std::mutex mutex;
  // Two signals, so that nobody wakes for nothing: a result is ready (the
  // delivering thread waits for it), and the window moved (workers wait).
  std::condition_variable ready, room;
  std::vector<char> done(count, 0);
  std::size_t next = 0, delivered = 0;
  const std::size_t window = 8 * static_cast<std::size_t>(jobs);
  // `jobs` threads work: this one among them, which also delivers, in order.
  // (A thread of its own for delivering took a core's share from the
  // workers, whose items are short.)
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        std::size_t i;
        {
          std::unique_lock lock(mutex);
          // Wait while too many results are waiting for the slow one before them.
          room.wait(lock, [&] { return next >= count || next < delivered + window; });
          if (next >= count) return;
          i = next++;
        }
        work(i);
        {
          std::lock_guard lock(mutex);
          done[i] = 1;
        }
        ready.notify_one();
      }
    });
  }
  std::unique_lock lock(mutex);
  while (delivered < count) {
    if (done[delivered]) {
      lock.unlock();
      deliver(delivered);
      lock.lock();
      ++delivered;
      room.notify_all();
    } else if (next < count && next < delivered + window) {
      // Nothing to deliver yet: work on the next item meanwhile.
      const std::size_t i = next++;
      lock.unlock();
      work(i);
      lock.lock();
      done[i] = 1;
    } else {
      ready.wait(lock, [&] { return done[delivered] != 0; });
    }
  }
  lock.unlock();
  for (auto& thread : threads) thread.join();
}

std::string safe_file_name(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out +=
        (u < 0x20 || std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos) ? '_' : c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(0, 1);
  if (out.size() > 120) {
    std::size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out.empty() ? "project" : out;
}

}  // namespace jixiao::batch
