#include "batch/batch.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace jixiao::batch {
namespace {

namespace fs = std::filesystem;

std::string without_extension(const fs::path& path) {
  fs::path out = path;
  out.replace_extension();
  return out.generic_string();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view name) {
  std::size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '[') {
      const std::size_t close = pattern.find(']', p + 1);
      if (close != std::string_view::npos &&
          pattern.substr(p + 1, close - p - 1).find(name[n]) != std::string_view::npos) {
        p = close + 1;
        ++n;
        continue;
      }
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
      continue;
    }
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<Input> expand_inputs(const std::vector<std::string>& arguments,
                                 const std::vector<std::string>& globs,
                                 std::vector<std::string>& missing) {
  std::vector<Input> out;
  auto wanted = [&](const fs::path& file) {
    const std::string name = file.filename().string();
    return std::any_of(globs.begin(), globs.end(),
                       [&](const std::string& glob) { return glob_match(glob, name); });
  };
  for (const auto& argument : arguments) {
    std::error_code ec;
    if (argument == "-") {
      out.push_back({argument, "stdin"});
    } else if (fs::is_directory(argument, ec)) {
      std::vector<fs::path> files;
      for (fs::recursive_directory_iterator
               it(argument, fs::directory_options::skip_permission_denied, ec),
           end;
           it != end; it.increment(ec)) {
        if (!ec && it->is_regular_file(ec) && wanted(it->path())) files.push_back(it->path());
      }
      std::sort(files.begin(), files.end());
      // The walk yields paths that start with `argument`, so the relative
      // name is lexical; fs::relative would resolve every link on the way,
      // several system calls for each of thousands of files.
      for (const auto& file : files) {
        out.push_back({file.string(), without_extension(file.lexically_relative(argument))});
      }
    } else if (fs::exists(argument, ec)) {
      out.push_back({argument, without_extension(fs::path(argument).filename())});
    } else {
      // Left in the list so the converter reports it in order, with its reason.
      out.push_back({argument, without_extension(fs::path(argument).filename())});
      missing.push_back(argument);
    }
  }
  return out;
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
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) {
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
  while (delivered < count) {
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return done[delivered] != 0; });
    }
    deliver(delivered);
    {
      std::lock_guard lock(mutex);
      ++delivered;
    }
    room.notify_all();
  }
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
