#!/usr/bin/env bash
# Regenerates every testdata/NAME.expected.json from testdata/NAME.txt, every
# testdata/{fixtures,tables,producers}/NAME.pdftext.txt from NAME.pdf (the rows jixiao rebuilds),
# and every testdata/values/NAME.expected.jsonl from testdata/values/NAME.txt, with
# the built jixiao. Review the diff (git diff testdata/) before committing: each
# change must be one you meant.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${JIXIAO:-build/cmd/jixiao}
cmake --build "$(dirname "$(dirname "$bin")")" --target jixiao >/dev/null
for input in testdata/*.txt testdata/tables/*.tsv.txt; do
  expected=${input%.txt}.expected.json
  "$bin" convert --quiet --pretty "$input" -o "$expected" || true
  echo "wrote $expected"
done
for input in testdata/fixtures/*.pdf testdata/tables/*.pdf testdata/producers/*.pdf; do
  expected=${input%.pdf}.pdftext.txt
  "$bin" pdftext "$input" -o "$expected"
  echo "wrote $expected"
done
for input in testdata/values/*.txt; do
  args=${input%.txt}.args
  expected=${input%.txt}.expected.jsonl
  # shellcheck disable=SC2046
  "$bin" value --quiet $( [ -f "$args" ] && cat "$args" ) - <"$input" >"$expected"
  echo "wrote $expected"
done
for input in testdata/*.txt testdata/tables/*.tsv.txt; do
  relative=${input#testdata/}
  report=testdata/audit/${relative%.txt}.audit.txt
  mkdir -p "$(dirname "$report")"
  "$bin" audit "$input" >"$report" || true
  echo "wrote $report"
done
git --no-pager diff --stat -- testdata/ || true
