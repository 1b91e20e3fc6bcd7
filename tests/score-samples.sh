#!/usr/bin/env bash
# Converts the shared samples and checks the shared scorer's figures:
# exact_f1 >= 0.98 and header_acc = 1.000. Skips (77) where the shared folder
# or python3 is absent.
set -euo pipefail
bin=$1
shared=$2
if [ ! -x "$shared/tools/score" ] || ! command -v python3 >/dev/null; then
  echo "skipped: no shared scorer at $shared/tools/score"
  exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for sample in "$shared"/samples/*.txt; do
  "$bin" convert --quiet "$sample" -o "$out/$(basename "$sample" .txt).json"
done
result=$(python3 "$shared/tools/score" --gold-dir "$shared/gold" --out-dir "$out")
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
