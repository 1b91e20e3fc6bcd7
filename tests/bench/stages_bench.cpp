// Google Benchmark benchmarks of each pipeline stage and of whole documents,
// each at 1×, 4× and 16× the same content, so that a stage whose cost grows
// faster than its input shows (the reported BigO fit, and the per-byte rate
// that must stay flat). Benchmarks are not tests: nothing here asserts a time.
//
//   build/tests/bench/jixiao_bench [--benchmark_filter=Parse]
//
// The content is the tab-separated budget-target documents in testdata/
// (the samples and the fixtures), about 100 KB, repeated.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "convert/convert.h"
#include "emit/emit.h"
#include "emit/table.h"
#include "grammar/grammar.h"
#include "grammar/pattern.h"
#include "normalize/normalize.h"
#include "parse/parse.h"
#include "test_support.h"
#include "tokenize/tokenize.h"
#include "values/values.h"

namespace jixiao {
namespace {

const char* const kDocuments[] = {
    "testdata/pingluo-2026-kexie.txt",         "testdata/ningxia-2021-kexie.txt",
    "testdata/national-2021-template.txt",     "testdata/fixtures/hunhe-2023.tsv.txt",
    "testdata/fixtures/jiaotong-2025.tsv.txt", "testdata/fixtures/jiaoyu-2025.tsv.txt",
    "testdata/fixtures/kepu-2026.tsv.txt",     "testdata/fixtures/nongye-2024.tsv.txt",
    "testdata/fixtures/shuili-2023.tsv.txt",   "testdata/fixtures/weijian-2024.tsv.txt",
    "testdata/fixtures/wenhua-2022.tsv.txt"};

// The documents once, one after another.
const std::string& base_text() {
  static const std::string text = [] {
    std::string all;
    for (const char* path : kDocuments)
      all += test::read_file(test::source_dir() + "/" + path) + "\n";
    return all;
  }();
  return text;
}

std::string repeated(int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += base_text();
  return text;
}

const grammar::Grammar& grammar_used() { return grammar::default_grammar(); }

// Each stage's input, made by the stages before it (outside the timing).
struct StageInputs {
  std::vector<std::string> lines;
  std::vector<normalize::Text> normalized;
  std::vector<tokenize::Row> rows;
  std::vector<std::string> value_cells;
  std::vector<model::Project> projects;
  std::size_t bytes = 0;
};

const StageInputs& inputs(int times) {
  static std::map<int, StageInputs> made;
  if (auto it = made.find(times); it != made.end()) return it->second;
  StageInputs& in = made[times];
  const std::string text = repeated(times);
  in.bytes = text.size();
  in.lines = test::lines_of(text);
  const normalize::Normalizer normalizer;
  const tokenize::Tokenizer tokenizer(grammar_used());
  for (std::size_t i = 0; i < in.lines.size(); ++i) {
    in.normalized.push_back(normalizer.normalize(in.lines[i]));
    in.rows.push_back(tokenizer.tokenize(static_cast<int>(i + 1), in.lines[i], in.normalized[i]));
  }
  std::istringstream stream(text);
  in.projects = convert::Converter(grammar_used()).convert(stream, "bench.txt").projects;
  for (const auto& p : in.projects)
    for (const auto& ind : p.indicators) in.value_cells.push_back(ind.value.raw);
  return in;
}

void finish(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetComplexityN(static_cast<int64_t>(bytes));
}

void BM_Normalize(benchmark::State& state) {
  const StageInputs& in = inputs(static_cast<int>(state.range(0)));
  const normalize::Normalizer normalizer;
  for (auto _ : state) {
    for (const auto& line : in.lines) benchmark::DoNotOptimize(normalizer.normalize(line));
  }
  finish(state, in.bytes);
}

void BM_Tokenize(benchmark::State& state) {
  const StageInputs& in = inputs(static_cast<int>(state.range(0)));
  const tokenize::Tokenizer tokenizer(grammar_used());
  for (auto _ : state) {
    for (std::size_t i = 0; i < in.lines.size(); ++i) {
      benchmark::DoNotOptimize(
          tokenizer.tokenize(static_cast<int>(i + 1), in.lines[i], in.normalized[i]));
    }
  }
  finish(state, in.bytes);
}

void BM_Parse(benchmark::State& state) {
  const StageInputs& in = inputs(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    std::size_t projects = 0;
    parse::Parser parser(grammar_used(), [&](model::Project&&) { ++projects; });
    for (const auto& row : in.rows) parser.feed(row);
    parser.finish();
    benchmark::DoNotOptimize(projects);
  }
  finish(state, in.bytes);
}

void BM_Values(benchmark::State& state) {
  const StageInputs& in = inputs(static_cast<int>(state.range(0)));
  const values::ValueParser parser(grammar_used());
  std::size_t bytes = 0;
  for (const auto& cell : in.value_cells) bytes += cell.size();
  for (auto _ : state) {
    for (const auto& cell : in.value_cells) benchmark::DoNotOptimize(parser.parse(cell));
  }
  finish(state, bytes);
}

// Renders every project with `render(out, project, index)`; the rate is of
// the bytes written.
template <class Render>
void emit_benchmark(benchmark::State& state, const Render& render) {
  const StageInputs& in = inputs(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out;
    for (std::size_t i = 0; i < in.projects.size(); ++i) render(out, in.projects[i], i);
    bytes = out.size();
  }
  finish(state, bytes);
}

void BM_EmitJsonl(benchmark::State& state) {
  emit_benchmark(state, [](std::string& out, const model::Project& p, std::size_t) {
    emit::append_project_jsonl(out, p, "bench.txt");
  });
}

void BM_EmitJson(benchmark::State& state) {
  const emit::DocumentJson parts(emit::Options{});
  emit_benchmark(state, [&](std::string& out, const model::Project& p, std::size_t i) {
    parts.append_project(out, p, i == 0);
  });
}

void BM_EmitCsv(benchmark::State& state) {
  emit_benchmark(state, [](std::string& out, const model::Project& p, std::size_t) {
    out += emit::csv_rows(p, "bench.txt");
  });
}

// A whole document, read from memory: decode, normalize, tokenize, parse,
// values, audit; each project rendered as JSON Lines.
void BM_Convert(benchmark::State& state) {
  const std::string text = repeated(static_cast<int>(state.range(0)));
  const convert::Converter converter(grammar::builtin_grammars());
  const std::uint64_t matches_before = grammar::Pattern::attempts();
  for (auto _ : state) {
    std::istringstream in(text);
    std::string out;
    converter.convert(in, "bench.txt", [&](model::Project&& p) {
      emit::append_project_jsonl(out, p, "bench.txt");
      out.clear();
    });
  }
  finish(state, text.size());
  // The work that does not depend on the machine: pattern matches per line.
  const auto lines = static_cast<double>(std::count(text.begin(), text.end(), '\n'));
  state.counters["matches_per_line"] =
      static_cast<double>(grammar::Pattern::attempts() - matches_before) /
      (static_cast<double>(state.iterations()) * lines);
}

// Loading (parsing and compiling) every embedded grammar, as each start-up
// does: part of the start-up time.
void BM_LoadGrammars(benchmark::State& state) {
  // All of them held at once, as a start-up holds them: grammars that extend
  // another share its compiled patterns only while it is alive.
  for (auto _ : state) {
    std::vector<grammar::Grammar> loaded;
    for (const auto& e : grammar::embedded_grammars())
      loaded.push_back(grammar::load_grammar(e.text, std::string(e.name)));
    benchmark::DoNotOptimize(loaded.data());
  }
}
BENCHMARK(BM_LoadGrammars)->Unit(benchmark::kMillisecond);

#define STAGE(name) BENCHMARK(name)->RangeMultiplier(4)->Range(1, 16)->Complexity(benchmark::oN)

STAGE(BM_Normalize);
STAGE(BM_Tokenize);
STAGE(BM_Parse);
STAGE(BM_Values);
STAGE(BM_EmitJsonl);
STAGE(BM_EmitJson);
STAGE(BM_EmitCsv);
STAGE(BM_Convert)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace jixiao

BENCHMARK_MAIN();
