#!/usr/bin/env bash
# Converts every rendering of the fixtures in testdata/fixtures/ and scores it
# against their gold records with the shared scorer, failing when a rendering
# falls below its floor. The floors are the figures reached so far (raise
# them as the readers improve): tab-separated 0.97, the PDFs themselves 0.97,
# pdftotext -layout 0.93, plain pdftotext (reading order) 0.80.
# Skips (77) where the shared scorer or python3 is absent.
set -euo pipefail
bin=$1
source_dir=$2
score=$3
if [ ! -x "$score" ] || ! command -v python3 >/dev/null; then
  echo "skipped: no shared scorer at $score"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gold"
for gold in "$source_dir"/testdata/fixtures/*.gold.jsonl; do
  cp "$gold" "$work/gold/$(basename "$gold" .gold.jsonl).jsonl"
done
status=0
for rendering in tsv:0.97 pdf:0.97 layout:0.93 plain:0.80; do
  kind=${rendering%%:*}
  floor=${rendering##*:}
  mkdir -p "$work/$kind"
  for gold in "$work"/gold/*.jsonl; do
    name=$(basename "$gold" .jsonl)
    input=$source_dir/testdata/fixtures/$name.$kind.txt
    [ "$kind" = pdf ] && input=$source_dir/testdata/fixtures/$name.pdf
    "$bin" convert --quiet --fail-on never "$input" -o "$work/$kind/$name.json"
  done
  line=$(python3 "$score" --gold-dir "$work/gold" --out-dir "$work/$kind" | tail -n 1)
  echo "$kind: $line"
  python3 -c "import re,sys; f=float(re.search(r'exact_f1=([0-9.]+)', sys.argv[1]).group(1)); sys.exit(0 if f >= float(sys.argv[2]) else 1)" "$line" "$floor" ||
    { echo "$kind: exact_f1 below $floor"; status=1; }
done
exit $status
