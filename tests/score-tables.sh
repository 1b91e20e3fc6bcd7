#!/usr/bin/env bash
# Converts the documents of testdata/tables/ (self-evaluations, department
# tables, provincial column layouts) and scores them: the shared scorer on
# names, levels, values and header (floor 0.95 for the tab-separated copy and
# the PDF), and testdata/tables/check-fields.py on the fields the scorer does
# not see (budget, tasks, actual, weight, score, …: all must be right). The
# pdftotext renderings are scored for information only (see README.md there).
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
for gold in "$source_dir"/testdata/tables/*.gold.jsonl; do
  cp "$gold" "$work/gold/$(basename "$gold" .gold.jsonl).jsonl"
done
status=0
for rendering in tsv:0.95 pdf:0.95 layout:0 plain:0; do
  kind=${rendering%%:*}
  floor=${rendering##*:}
  mkdir -p "$work/$kind"
  for gold in "$work"/gold/*.jsonl; do
    name=$(basename "$gold" .jsonl)
    input=$source_dir/testdata/tables/$name.$kind.txt
    [ "$kind" = pdf ] && input=$source_dir/testdata/tables/$name.pdf
    "$bin" convert --quiet --fail-on never "$input" -o "$work/$kind/$name.json"
  done
  line=$(python3 "$score" --gold-dir "$work/gold" --out-dir "$work/$kind" | tail -n 1)
  echo "$kind: $line"
  python3 -c "import re,sys; f=float(re.search(r'exact_f1=([0-9.]+)', sys.argv[1]).group(1)); sys.exit(0 if f >= float(sys.argv[2]) else 1)" "$line" "$floor" ||
    { echo "$kind: exact_f1 below $floor"; status=1; }
  if [ "$floor" != 0 ]; then
    python3 "$source_dir/testdata/tables/check-fields.py" --gold-dir "$source_dir/testdata/tables" \
      --out-dir "$work/$kind" | sed "s/^/$kind: /" || status=1
  fi
done
exit $status
