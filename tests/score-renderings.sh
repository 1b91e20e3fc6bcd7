#!/usr/bin/env bash
# Converts every rendering of the documents in a testdata folder and scores
# it against their gold records with the repository's scorer
# (tests/score_gold.py), failing when a rendering falls below its floor (0:
# printed for information only). With --check-fields, the folder's
# check-fields.py must also find every field the scorer does not see right,
# for each rendering with a floor. Runs from the repository alone.
#
#   score-renderings.sh BIN SOURCE_DIR FOLDER "KIND:FLOOR ..." [--check-fields] [--shared SCORER]
#
# KIND is the file name's part before .txt (tsv, layout, plain) or pdf for
# NAME.pdf. The ctests fixtures_score and tables_score call it. With
# --shared, where that scorer exists (../shared/tools/score on the
# developers' machines), it scores each rendering too and must print the same
# summary as ours.
set -euo pipefail
bin=$1
source_dir=$2
folder=$3
renderings=$4
shift 4
check_fields=
shared=
while [ $# -gt 0 ]; do
  case $1 in
    --check-fields) check_fields=1 ;;
    --shared) shared=$2; shift ;;
    *) echo "score-renderings.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$shared" ] && [ ! -x "$shared" ] && shared=
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gold"
for gold in "$source_dir/$folder"/*.gold.jsonl; do
  cp "$gold" "$work/gold/$(basename "$gold" .gold.jsonl).jsonl"
done
status=0
for rendering in $renderings; do
  kind=${rendering%%:*}
  floor=${rendering##*:}
  mkdir -p "$work/$kind"
  for gold in "$work"/gold/*.jsonl; do
    name=$(basename "$gold" .jsonl)
    input=$source_dir/$folder/$name.$kind.txt
    [ "$kind" = pdf ] && input=$source_dir/$folder/$name.pdf
    "$bin" convert --quiet --fail-on never "$input" -o "$work/$kind/$name.json"
  done
  line=$(python3 "$source_dir/tests/score_gold.py" --gold-dir "$work/gold" --out-dir "$work/$kind" | tail -n 1)
  echo "$kind: $line"
  python3 -c "import re,sys; f=float(re.search(r'exact_f1=([0-9.]+)', sys.argv[1]).group(1)); sys.exit(0 if f >= float(sys.argv[2]) else 1)" "$line" "$floor" ||
    { echo "$kind: exact_f1 below $floor"; status=1; }
  if [ -n "$shared" ]; then
    theirs=$(python3 "$shared" --gold-dir "$work/gold" --out-dir "$work/$kind" | tail -n 1)
    if [ "$theirs" = "$line" ]; then
      echo "$kind: the shared scorer agrees"
    else
      echo "$kind: the shared scorer disagrees: $theirs"
      status=1
    fi
  fi
  if [ -n "$check_fields" ] && [ "$floor" != 0 ]; then
    python3 "$source_dir/$folder/check-fields.py" --gold-dir "$source_dir/$folder" \
      --out-dir "$work/$kind" | sed "s/^/$kind: /" || status=1
  fi
done
exit $status
