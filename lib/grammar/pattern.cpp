#define PCRE2_CODE_UNIT_WIDTH 8
#include "grammar/pattern.h"

#include <pcre2.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include "source/input.h"

namespace jixiao::grammar {
namespace {

// Bounds on the work one match may do, so that no input can make a pattern
// backtrack for ever: a pattern that hits them simply does not match.
constexpr std::uint32_t kMatchLimit = 1'000'000;
constexpr std::uint32_t kDepthLimit = 10'000;
constexpr std::uint32_t kMaxPairs = 64;

struct MatchResources {
  pcre2_match_data* data = pcre2_match_data_create(kMaxPairs, nullptr);
  pcre2_match_context* context = [] {
    pcre2_match_context* c = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(c, kMatchLimit);
    pcre2_set_depth_limit(c, kDepthLimit);
    return c;
  }();
  ~MatchResources() {
    pcre2_match_data_free(data);
    pcre2_match_context_free(context);
  }
};

// One set per thread: matching allocates nothing, and threads never share.
MatchResources& resources() {
  thread_local MatchResources r;
  return r;
}

}  // namespace

// What every match of a pattern must have, read from the compiled pattern,
// so that most subjects are turned away by a byte test before PCRE2 is
// called (a call checks the whole subject's UTF-8 first, each time): the
// code unit a match starts with, or the set it starts with, and a code unit
// it must contain. PCRE2 makes the same checks itself, so the answers do
// not change; only the cost of a certain "no" does.
struct Prefilter {
  bool anchored = false;  // a match starts where the search starts
  int first = -1;         // the first code unit, or -1
  bool has_bitmap = false;
  std::array<std::uint8_t, 32> bitmap{};  // possible first code units
  int required = -1;                      // a code unit every match contains, or -1

  bool can_start(unsigned char c) const {
    if (first >= 0) return c == first;
    return !has_bitmap || (bitmap[c >> 3] & (1u << (c & 7))) != 0;
  }

  // (`start` is within the subject: run() answers otherwise first.)
  bool may_match(std::string_view subject, std::size_t start) const {
    const std::string_view rest = subject.substr(start);
    if (required >= 0 && rest.find(static_cast<char>(required)) == std::string_view::npos)
      return false;
    if (first < 0 && !has_bitmap) return true;
    if (anchored) return !rest.empty() && can_start(static_cast<unsigned char>(rest.front()));
    if (first >= 0) return rest.find(static_cast<char>(first)) != std::string_view::npos;
    return std::any_of(rest.begin(), rest.end(),
                       [&](char c) { return can_start(static_cast<unsigned char>(c)); });
  }
};

// Whether a pattern may turn on caseless matching inline (`(?i)`, `(?mi:`):
// PCRE2 reports its first and required code units in one case only then.
bool may_ignore_case(std::string_view source) {
  for (std::size_t at = source.find("(?"); at != std::string_view::npos;
       at = source.find("(?", at + 2)) {
    for (std::size_t k = at + 2; k < source.size(); ++k) {
      const char c = source[k];
      if (c == 'i') return true;
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '^')) break;
    }
  }
  return false;
}

Prefilter read_prefilter(const pcre2_code* code, std::string_view source) {
  Prefilter p;
  std::uint32_t options = 0;
  pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &options);
  if ((options & PCRE2_CASELESS) != 0 || may_ignore_case(source)) return p;
  p.anchored = (options & PCRE2_ANCHORED) != 0;
  std::uint32_t type = 0, unit = 0;
  pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type);
  if (type == 1) {
    pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &unit);
    p.first = static_cast<int>(unit);
  } else if (type == 0) {
    const std::uint8_t* bitmap = nullptr;
    pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bitmap);
    if (bitmap) {
      std::copy(bitmap, bitmap + 32, p.bitmap.begin());
      p.has_bitmap = true;
    }
  }
  pcre2_pattern_info(code, PCRE2_INFO_LASTCODETYPE, &type);
  if (type == 1) {
    pcre2_pattern_info(code, PCRE2_INFO_LASTCODEUNIT, &unit);
    p.required = static_cast<int>(unit);
  }
  return p;
}

// Whether PCRE2 may start a match attempt at most characters of a subject:
// the pattern is not anchored and has no first code unit. (A set of first
// code units helps little with Chinese text: the signature pattern's is
// `(`, E5, E7 and E8, the lead bytes of most characters.)
bool tried_at_most_characters(const pcre2_code* code) {
  std::uint32_t options = 0, type = 0;
  pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &options);
  if ((options & PCRE2_ANCHORED) != 0) return false;
  pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type);
  return type == 0;
}

// A pattern is matched by PCRE2's interpreter until it has been tried on
// about kJitAfterBytes of subjects (some 300 matches on short cells, where
// the interpreter costs four times what JIT code does), and JIT-compiled after that. A grammar
// holds hundreds of patterns; compiling each one to machine code costs more
// than a small file's whole conversion, while a large file repays it many
// times over. Counted in bytes, not matches: a pattern searched through a
// table's whole opening at each project (detect_table) is worth compiling
// long before one tried on short cells. kMatchCost is what a call costs
// beside its bytes. A pattern that PCRE2 tries at most characters (not
// anchored, with no first code unit: the signature pattern, searched along
// every row) costs the interpreter a match attempt a character, each with
// its setup, some 500 instructions: its bytes count kManyStartsWeight times.
// (Interpreted, the signature pattern took 13 K instructions on a row of 26
// characters; JIT-compiling it takes 150 K.)
constexpr std::uint64_t kJitAfterBytes = 24 * 1024;
constexpr std::uint64_t kMatchCost = 64;
constexpr std::uint64_t kManyStartsWeight = 16;

struct Pattern::Code {
  pcre2_code* code = nullptr;                  // never changed once compiled: threads share it
  std::uint32_t pairs = 0;                     // capture groups + the whole match
  mutable std::atomic<std::uint64_t> work{0};  // subject bytes tried, plus kMatchCost a call
  std::uint64_t byte_weight = 1;               // kManyStartsWeight, or 1
  // A JIT-compiled copy, published once ready; null before. JIT compiles a
  // copy so that no thread ever matches with a code being written.
  mutable std::atomic<pcre2_code*> jitted{nullptr};
  mutable std::once_flag jit_once;
  Prefilter prefilter;
  std::vector<std::pair<std::string, int>> names;  // named groups and their indexes
  ~Code() {
    pcre2_code_free(code);
    pcre2_code_free(jitted.load());
  }

  // The code to match `bytes` of subject with, and the match options it needs.
  const pcre2_code* for_match(std::size_t bytes, std::uint32_t& options) const {
    if (pcre2_code* ready = jitted.load(std::memory_order_acquire)) return ready;
    if (work.fetch_add(bytes * byte_weight + kMatchCost, std::memory_order_relaxed) >=
        kJitAfterBytes) {
      std::call_once(jit_once, [this] {
        pcre2_code* copy = pcre2_code_copy(code);
        // JIT is an optimisation: where it is unavailable the interpreter runs.
        if (copy && pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) == 0) {
          jitted.store(copy, std::memory_order_release);
        } else {
          pcre2_code_free(copy);
        }
      });
      if (pcre2_code* ready = jitted.load(std::memory_order_acquire)) return ready;
    }
    options |= PCRE2_NO_JIT;
    return code;
  }
};

Pattern::Pattern() = default;
Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;
Pattern::Pattern(const Pattern&) = default;
Pattern& Pattern::operator=(const Pattern&) = default;

std::string_view Pattern::Match::group(int index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= groups.size()) return {};
  const Span& span = groups[static_cast<std::size_t>(index)];
  if (!span.matched()) return {};
  return subject.substr(span.offset, span.length);
}

namespace {

// Compiled patterns by source, shared: the embedded grammars that extend
// budget-target repeat its patterns (its value rules with their long unit
// alternations are most of a grammar's compiling), and each start-up loads
// them all. Held weakly, so that a grammar let go takes its patterns.
std::mutex compiled_mutex;
std::unordered_map<std::string, std::weak_ptr<const Pattern::Code>>& compiled() {
  static auto* cache = new std::unordered_map<std::string, std::weak_ptr<const Pattern::Code>>();
  return *cache;
}

// Saved patterns by source: views into images that live as long as the
// program (the built-in one is static data).
std::unordered_map<std::string_view, std::string_view>& saved() {
  static auto* index = new std::unordered_map<std::string_view, std::string_view>();
  return *index;
}
std::atomic<std::uint64_t> decoded_count{0};

// An image is records of: source size and code size (4 bytes each, little
// endian), the source, the code (PCRE2's serialized form, which is read in
// place and must be aligned), each part padded to kImageAlignment.
constexpr std::size_t kImageAlignment = 16;

void pad(std::string& image) {
  image.append((kImageAlignment - image.size() % kImageAlignment) % kImageAlignment, '\0');
}

void put_size(std::string& image, std::size_t size) {
  for (int i = 0; i < 4; ++i) image += static_cast<char>((size >> (8 * i)) & 0xff);
}

std::size_t get_size(std::string_view image, std::size_t at) {
  std::size_t size = 0;
  for (int i = 0; i < 4; ++i)
    size |= std::size_t(static_cast<unsigned char>(image[at + i])) << (8 * i);
  return size;
}

std::size_t padded(std::size_t size) {
  return (size + kImageAlignment - 1) / kImageAlignment * kImageAlignment;
}

// The saved code for `source`, decoded; null where there is none or it does
// not decode here.
pcre2_code* decode_saved(std::string_view source) {
  static std::once_flag built_in;
  std::call_once(built_in, [] { Pattern::use_saved(saved_pattern_image()); });
  std::string_view code;
  {
    std::lock_guard lock(compiled_mutex);
    const auto it = saved().find(source);
    if (it == saved().end()) return nullptr;
    code = it->second;
  }
  pcre2_code* decoded[1] = {nullptr};
  if (pcre2_serialize_decode(decoded, 1, reinterpret_cast<const std::uint8_t*>(code.data()),
                             nullptr) != 1)
    return nullptr;
  decoded_count.fetch_add(1, std::memory_order_relaxed);
  return decoded[0];
}

}  // namespace

std::string Pattern::save_compiled() {
  std::vector<std::pair<std::string, std::shared_ptr<const Code>>> alive;
  {
    std::lock_guard lock(compiled_mutex);
    for (const auto& [source, weak] : compiled()) {
      if (auto code = weak.lock()) alive.emplace_back(source, std::move(code));
    }
  }
  std::sort(alive.begin(), alive.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  });  // the same bytes each build
  std::string image;
  for (const auto& [source, code] : alive) {
    const pcre2_code* codes[1] = {code->code};
    std::uint8_t* bytes = nullptr;
    PCRE2_SIZE size = 0;
    if (pcre2_serialize_encode(codes, 1, &bytes, &size, nullptr) != 1) continue;
    put_size(image, source.size());
    put_size(image, size);
    pad(image);
    image += source;
    pad(image);
    image.append(reinterpret_cast<const char*>(bytes), size);
    pad(image);
    pcre2_serialize_free(bytes);
  }
  return image;
}

void Pattern::use_saved(std::string_view image) {
  // (An image whose start is not aligned cannot be read in place: unused.)
  if (reinterpret_cast<std::uintptr_t>(image.data()) % kImageAlignment != 0) return;
  std::lock_guard lock(compiled_mutex);
  std::size_t at = 0;
  while (at + 8 <= image.size()) {
    const std::size_t source_size = get_size(image, at), code_size = get_size(image, at + 4);
    const std::size_t source_at = at + padded(8);
    const std::size_t code_at = source_at + padded(source_size);
    if (code_at > image.size() || code_size > image.size() - code_at) return;  // cut short
    saved()[image.substr(source_at, source_size)] = image.substr(code_at, code_size);
    at = code_at + padded(code_size);
  }
}

std::uint64_t Pattern::decoded_from_saved() { return decoded_count.load(); }

bool Pattern::compile(std::string_view source, std::string& error) {
  {
    std::lock_guard lock(compiled_mutex);
    if (const auto it = compiled().find(std::string(source)); it != compiled().end()) {
      if (auto shared = it->second.lock()) {
        code_ = std::move(shared);
        source_.assign(source);
        return true;
      }
    }
  }
  int code_error = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = decode_saved(source);
  if (code == nullptr) {
    code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(),
                         PCRE2_UTF | PCRE2_UCP, &code_error, &error_offset, nullptr);
  }
  if (code == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(code_error, message, sizeof message);
    error = std::string(reinterpret_cast<const char*>(message)) + " at offset " +
            std::to_string(error_offset);
    return false;
  }
  std::uint32_t captures = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
  if (captures + 1 > kMaxPairs) {
    pcre2_code_free(code);
    error = "too many capture groups (at most " + std::to_string(kMaxPairs - 1) + ")";
    return false;
  }
  auto made = std::make_shared<Code>();
  made->code = code;
  made->pairs = captures + 1;
  made->prefilter = read_prefilter(code, source);
  if (tried_at_most_characters(code)) made->byte_weight = kManyStartsWeight;
  std::uint32_t count = 0, entry_size = 0;
  PCRE2_SPTR table = nullptr;
  pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
  pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
  pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
  for (std::uint32_t i = 0; i < count; ++i) {
    PCRE2_SPTR entry = table + i * entry_size;
    int index = (entry[0] << 8) | entry[1];
    made->names.emplace_back(reinterpret_cast<const char*>(entry + 2), index);
  }
  source_.assign(source);
  code_ = made;
  std::lock_guard lock(compiled_mutex);
  compiled()[source_] = code_;
  return true;
}

namespace {
// Per thread: a shared counter would be one cache line that every thread
// writes on every match.
thread_local std::uint64_t match_attempts = 0;
thread_local std::uint64_t match_limit_hits = 0;
}  // namespace

std::uint64_t Pattern::attempts() { return match_attempts; }
std::uint64_t Pattern::limit_hits() { return match_limit_hits; }

int Pattern::run(std::string_view subject, std::size_t start) const {
  ++match_attempts;
  // (A start past the end is the caller's mistake, answered "no match" as
  // pcre2_match would; pcre2_jit_match does not check it.)
  if (start > subject.size()) return PCRE2_ERROR_BADOFFSET;
  if (!code_->prefilter.may_match(subject, start)) return PCRE2_ERROR_NOMATCH;
    // Every subject is valid UTF-8: the input is checked (and repaired) once,
    // where it is read, and everything matched is cut from it at character
    // boundaries. PCRE2 would otherwise check each subject again on every
    // call, which was a tenth of a conversion's time. Builds with assertions
    // (Debug, the sanitizers and the fuzzers) check that it holds.
#if !defined(NDEBUG) || defined(JIXIAO_CHECKED)
  if (source::find_invalid_utf8(subject) != std::string_view::npos) {
    std::fprintf(stderr, "jixiao: internal error: pattern %s given a subject that is not UTF-8\n",
                 name_.c_str());
    std::abort();
  }
#endif
  std::uint32_t options = PCRE2_NO_UTF_CHECK;
  const pcre2_code* code =
      code_->for_match(subject.size() - std::min(start, subject.size()), options);
  MatchResources& r = resources();
  const auto* bytes = reinterpret_cast<PCRE2_SPTR>(subject.data());
  // JIT code is entered directly (pcre2_jit_match, PCRE2's fast path: the
  // checks pcre2_match makes first are ones that hold here, and they cost
  // as much as a short match); the interpreter through pcre2_match.
  const int rc = (options & PCRE2_NO_JIT) == 0
                     ? pcre2_jit_match(code, bytes, subject.size(), start, 0, r.data, r.context)
                     : pcre2_match(code, bytes, subject.size(), start, options, r.data, r.context);
  // Errors (below "no match") are rare: only then is anything written.
  if (rc < PCRE2_ERROR_NOMATCH) [[unlikely]] {
    ++match_limit_hits;
    LimitLog::record(*this, rc, subject);
  }
  return rc;
}

bool Pattern::search(std::string_view subject, Match& match, std::size_t start) const {
  if (!code_) return false;
  const int rc = run(subject, start);
  if (rc <= 0) return false;
  MatchResources& r = resources();
  const std::uint32_t pairs = code_->pairs;
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(r.data);
  match.subject = subject;
  match.groups.assign(pairs, Span{});
  for (std::uint32_t i = 0; i < pairs && i < static_cast<std::uint32_t>(rc); ++i) {
    if (ovector[2 * i] == PCRE2_UNSET) continue;
    match.groups[i] = Span{ovector[2 * i], ovector[2 * i + 1] - ovector[2 * i]};
  }
  return true;
}

bool Pattern::contains(std::string_view subject) const { return code_ && run(subject, 0) > 0; }

namespace {
thread_local LimitLog* open_log = nullptr;

// Enough of a subject to find it in the input.
constexpr std::size_t kMaxSubjectBytes = 200;
}  // namespace

LimitLog::LimitLog() : previous_(open_log) { open_log = this; }
LimitLog::~LimitLog() { open_log = previous_; }

std::vector<LimitLog::Hit> LimitLog::take() {
  std::vector<Hit> out;
  out.swap(pending_);
  return out;
}

void LimitLog::record(const Pattern& pattern, int code, std::string_view subject) {
  const char* limit = code == PCRE2_ERROR_MATCHLIMIT       ? "match limit"
                      : code == PCRE2_ERROR_DEPTHLIMIT     ? "depth limit"
                      : code == PCRE2_ERROR_HEAPLIMIT      ? "heap limit"
                      : code == PCRE2_ERROR_JIT_STACKLIMIT ? "JIT stack limit"
                                                           : nullptr;
  // (Other errors, such as a bad offset, are the caller's mistakes, not the
  // input's, and answer "no match" as before.)
  LimitLog* log = open_log;
  if (limit == nullptr || log == nullptr) return;
  if (std::find(log->reported_.begin(), log->reported_.end(), pattern.name()) !=
      log->reported_.end())
    return;
  log->reported_.push_back(pattern.name());
  std::size_t cut = std::min(subject.size(), kMaxSubjectBytes);
  while (cut > 0 && cut < subject.size() &&
         (static_cast<unsigned char>(subject[cut]) & 0xC0) == 0x80)
    --cut;  // not inside a character
  log->pending_.push_back(Hit{pattern.name(), limit, std::string(subject.substr(0, cut))});
}

int Pattern::group_index(std::string_view name) const {
  if (!code_) return -1;
  for (const auto& [group_name, index] : code_->names) {
    if (group_name == name) return index;
  }
  return -1;
}

}  // namespace jixiao::grammar
