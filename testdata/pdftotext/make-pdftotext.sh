#!/usr/bin/env bash
# The text users get from the producers' PDFs (testdata/producers) with
# poppler's pdftotext, the tool most batch scripts call: NAME.layout.txt
# (`pdftotext -layout`, columns kept as runs of spaces, each page laid out
# anew) and NAME.plain.txt (plain `pdftotext`, cells in reading order). Gold
# is the producers' own NAME.gold.jsonl. Run after make-producers.py; the
# files are inputs (no expected output to regenerate); the ctest
# pdftotext_score scores them.
#
#   bash testdata/pdftotext/make-pdftotext.sh
#
# Needs poppler-utils.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for pdf in "$here"/../producers/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftotext -layout "$pdf" "$here/$name.layout.txt"
  pdftotext "$pdf" "$here/$name.plain.txt"
done
pdftotext -v 2>&1 | head -n 1
