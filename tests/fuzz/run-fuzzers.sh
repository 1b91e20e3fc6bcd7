#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, with ASan + UBSan) and runs each for
# SECONDS (default 60), seeded from testdata/. A crash, a sanitizer report, a
# hang (one input over 10 s), memory over 2 GB or a lost line stops it: the
# input is copied to testdata/fuzz/HARNESS/ (replayed by ctest from then on)
# and the script fails.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS] [HARNESS...]    (normalize values grammar convert)
#
# The corpora grow in build-fuzz/corpus/ between runs. JIXIAO_FUZZ_SEED fixes
# the random seed (CI uses 1, so a run is repeatable; 0, the default, picks
# one). Needs clang and libclang-rt (Debian: clang, libclang-rt-14-dev).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(normalize values grammar convert layout)
build=${JIXIAO_FUZZ_BUILD:-build-fuzz}

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DJIXIAO_FUZZ=ON -DJIXIAO_TESTS=OFF >/dev/null
cmake --build "$build" -j2 >/dev/null

# Seeds: the inputs the tests use.
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds"/{normalize,values,grammar,convert,layout}
# Layout seeds: a ruled 2 x 2 grid with words, and the same without rules.
printf '\001\020\020\040\000\000\000\001\020\040\040\000\000\000\002\020\020\000\002\000\000\002\100\020\000\002\000\000\000\022\022\004\004\010\000\000\102\022\004\004\010\003' >"$seeds/layout/grid"
printf '\000\022\022\004\004\010\000\000\102\022\004\004\010\003\000\022\032\004\004\010\001\000\102\032\004\004\010\004' >"$seeds/layout/unruled"
i=0
for f in testdata/values/*.txt; do
  while IFS= read -r line; do
    i=$((i + 1))
    printf '%s' "$line" >"$seeds/values/$i"
    printf '%s' "$line" >"$seeds/normalize/$i"
  done <"$f"
done
cp grammars/*.jsonc testdata/grammars/*.jsonc "$seeds/grammar/"
for f in testdata/*.txt testdata/layouts/*.txt testdata/fixtures/*.txt testdata/tables/*.txt \
         testdata/encodings/*; do
  [ -f "$f" ] && cp "$f" "$seeds/convert/$(echo "$f" | tr / _)"
done

status=0
for harness in "${harnesses[@]}"; do
  corpus=$build/corpus/$harness
  artifacts=$build/artifacts/$harness
  mkdir -p "$corpus" "$artifacts" "testdata/fuzz/$harness"
  echo "== $harness: ${seconds}s"
  if ! "$build/tests/fuzz/fuzz_$harness" "$corpus" "$seeds/$harness" "testdata/fuzz/$harness" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -seed="${JIXIAO_FUZZ_SEED:-0}" \
      -artifact_prefix="$artifacts/" -print_final_stats=1 2>"$build/fuzz-$harness.log"; then
    status=1
    for found in "$artifacts"/*; do
      [ -f "$found" ] || continue
      cp "$found" "testdata/fuzz/$harness/"
      echo "$harness: $(basename "$found") kept in testdata/fuzz/$harness/ (see $build/fuzz-$harness.log)"
    done
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/fuzz-$harness.log" | sed "s/^/$harness: /" || true
done
exit $status
