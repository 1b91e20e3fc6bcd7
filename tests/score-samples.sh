#!/usr/bin/env bash
# Converts the two sample documents (testdata/NAME.txt beside their gold
# records, testdata/NAME.gold.jsonl, copied from the shared folder) and
# checks the repository's scorer's figures: exact_f1 >= 0.98 and
# header_acc = 1.000. Runs from the repository alone.
#
#   score-samples.sh BIN SOURCE_DIR [SHARED_DIR]
#
# Where the shared folder is there too (SHARED_DIR, ../shared on the
# developers' machines), it is an extra check: the copies must still be the
# shared samples and gold, and its scorer must print the same summary.
set -euo pipefail
bin=$1
source_dir=$2
shared=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gold" "$work/out"
for gold in "$source_dir"/testdata/*.gold.jsonl; do
  name=$(basename "$gold" .gold.jsonl)
  cp "$gold" "$work/gold/$name.jsonl"
  "$bin" convert --quiet "$source_dir/testdata/$name.txt" -o "$work/out/$name.json"
done
result=$(python3 "$source_dir/tests/score_gold.py" --gold-dir "$work/gold" --out-dir "$work/out")
echo "$result"
last=$(echo "$result" | tail -n 1)
python3 - "$last" <<'PY'
import re, sys
line = sys.argv[1]
f1 = float(re.search(r"exact_f1=([0-9.]+)", line).group(1))
header = float(re.search(r"header_acc=([0-9.]+)", line).group(1))
if f1 < 0.98 or header < 1.0:
    sys.exit(f"below target: exact_f1={f1} (>= 0.98) header_acc={header} (= 1.000)")
PY
if [ -n "$shared" ] && [ -x "$shared/tools/score" ]; then
  for gold in "$work"/gold/*.jsonl; do
    name=$(basename "$gold" .jsonl)
    cmp "$gold" "$shared/gold/$name.jsonl" && cmp "$source_dir/testdata/$name.txt" "$shared/samples/$name.txt" ||
      { echo "testdata's copy of $name differs from $shared: copy it again"; exit 1; }
  done
  theirs=$(python3 "$shared/tools/score" --gold-dir "$work/gold" --out-dir "$work/out" | tail -n 1)
  echo "shared scorer: $theirs"
  [ "$theirs" = "$last" ] || { echo "the shared scorer disagrees: $theirs"; exit 1; }
fi
