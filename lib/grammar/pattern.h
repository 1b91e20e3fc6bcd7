// Pattern: a compiled regular expression of the grammar (PCRE2, UTF mode,
// Unicode properties; JIT-compiled once it has been tried on enough text,
// and the built-in grammars' compiled at build time: pattern.cpp).
//
// This is the only place that includes PCRE2; every stage that needs a
// pattern gets it from the grammar, so a regex engine never leaks into the
// tokenizer's or the parser's headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::grammar {

class Pattern {
 public:
  // A capture: offset and length in the subject; offset == npos when the
  // group did not take part in the match.
  struct Span {
    std::size_t offset = std::string_view::npos;
    std::size_t length = 0;
    bool matched() const { return offset != std::string_view::npos; }
  };
  struct Match {
    std::vector<Span> groups;  // 0 is the whole match
    std::string_view subject;
    std::string_view group(int index) const;
  };

  Pattern();
  ~Pattern();
  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;
  // A copy shares the compiled code (a grammar that extends another takes
  // the sections it does not change, built).
  Pattern(const Pattern&);
  Pattern& operator=(const Pattern&);

  // Compiles `source`; on failure returns false and sets `error` to PCRE2's
  // message with the offset in the pattern.
  bool compile(std::string_view source, std::string& error);
  bool empty() const { return code_ == nullptr; }
  const std::string& source() const { return source_; }

  // Finds the first match at or after `start`.
  bool search(std::string_view subject, Match& match, std::size_t start = 0) const;
  // How many matches this thread has tried, with all patterns, since it
  // began: a count of work that does not depend on the machine, for the test
  // that conversion is linear in its input.
  static std::uint64_t attempts();
  // How many matches this thread has had stopped by a limit (match, depth,
  // heap) since it began: a result worked out while one was stopped is not
  // one to keep and give again (values::ValueParser's memo).
  static std::uint64_t limit_hits();
  bool contains(std::string_view subject) const;
  // Index of a named group, or -1.
  int group_index(std::string_view name) const;
  // The grammar rule the pattern is (`document.note`), for messages.
  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

  // Patterns compiled ahead of time. Compiling the built-in grammars' value
  // rules, with their long unit alternations, was an eighth of converting
  // a small file; the build compiles them once and saves them in the
  // program (PCRE2's serialized form, `saved_pattern_image()`), and a
  // pattern whose source is there is decoded, a copy, rather than compiled.
  // Where the saved form does not fit the PCRE2 the program runs with (a
  // newer library), the pattern is compiled as any other.
  //
  // Every pattern compiled so far (and still in use), saved.
  static std::string save_compiled();
  // Makes the saved patterns of `image` (as save_compiled() wrote it, kept
  // by the caller for the program's life) available to compile().
  static void use_saved(std::string_view image);
  // How many patterns were decoded from a saved image rather than compiled.
  static std::uint64_t decoded_from_saved();

  // The compiled form (pattern.cpp), shared between Patterns of one source.
  struct Code;

 private:
  // Matches with the thread's match data; PCRE2's return code.
  int run(std::string_view subject, std::size_t start) const;
  // Shared by every Pattern compiled from the same source (a grammar that
  // extends another has most of its patterns).
  std::shared_ptr<const Code> code_;
  std::string source_;
  std::string name_;
};

// PCRE2's limits (match steps, backtracking depth, JIT stack) keep a
// pathological pattern from running for ever: a match that reaches one
// gives up and answers "no match". So that this is never silent, the match
// records it in the log open on its thread, if any. Patterns are shared
// read-only by every thread, while one input is converted on one thread from
// start to end, so a log per thread holds one input's limits with no lock;
// the hot path only tests PCRE2's return code, and a log is written only
// when a limit is reached.
// The patterns the build saved for the built-in grammars (the generated
// saved_patterns.cpp), or nothing (in the program that makes it).
std::string_view saved_pattern_image();

class LimitLog {
 public:
  struct Hit {
    std::string rule;     // the pattern's name()
    std::string limit;    // which limit: "match limit", "depth limit", …
    std::string subject;  // the start of the text it was matched against
  };

  // Opens the log: this thread's matches record in it until it is
  // destroyed, when the log open before it (if any) is open again.
  LimitLog();
  ~LimitLog();
  LimitLog(const LimitLog&) = delete;
  LimitLog& operator=(const LimitLog&) = delete;

  bool empty() const { return pending_.empty(); }
  // The hits recorded since the last take(), each rule once in the log's
  // life: a rule that reached a limit once is not reported again.
  std::vector<Hit> take();

 private:
  friend class Pattern;
  static void record(const Pattern& pattern, int code, std::string_view subject);

  LimitLog* previous_;
  std::vector<std::string> reported_;  // rules
  std::vector<Hit> pending_;
};

}  // namespace jixiao::grammar
