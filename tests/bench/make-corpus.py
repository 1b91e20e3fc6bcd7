#!/usr/bin/env python3
"""Writes a benchmark corpus of realistic input, made from testdata/.

    make-corpus.py big OUT.txt MEGABYTES      one tab-separated file of ~N MB
    make-corpus.py small OUT_DIR COUNT        COUNT small files, one document each
    make-corpus.py rendering OUT.txt MEGABYTES KIND
                                              ~N MB of the fixtures' pdftotext text,
                                              KIND `layout` (-layout) or `plain`

The big file is budget-target documents (the samples and the fixtures) one
after another, as a year of a province's disclosures merged into one text. The
small files also take the other table types (testdata/tables), each file a
whole document, so that each picks its own grammar as a real batch would.

Every copy gets its own project names and numbers (a seeded random generator:
the same arguments give the same bytes), so that no stage can profit from
having seen a line before.
"""
import os
import random
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

BUDGET_TARGET = [
    "testdata/pingluo-2026-kexie.txt",
    "testdata/ningxia-2021-kexie.txt",
    "testdata/national-2021-template.txt",
] + sorted(
    os.path.join("testdata/fixtures", f)
    for f in os.listdir(os.path.join(ROOT, "testdata/fixtures"))
    if f.endswith(".tsv.txt")
)
OTHER_TABLES = sorted(
    os.path.join("testdata/tables", f)
    for f in os.listdir(os.path.join(ROOT, "testdata/tables"))
    if f.endswith(".tsv.txt")
)

NAME_LABEL = re.compile(r"^(项目名称|部门（单位）名称|部门\(单位\)名称)(\t+)([^\t]+)")
# A number in a value cell: after a comparator or at the cell's start, before
# a unit or the end. Years (4 digits then 年) are left alone so dates stay
# dates.
NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})*|\d+)(\.\d+)?(?![\d.]|\s*[年月日]|-\d)")
# Funding lines keep their figures, which must add up (the audit checks them).
FUNDS = re.compile(r"资金|拨款|金额|结转|结余|预算|合计")
PLACES = "东西南北中"
WORDS = ["城乡", "基层", "重点", "专项", "综合", "示范", "提升", "保障", "改造", "建设"]


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read().splitlines()


def vary_number(match, rng):
    whole, fraction = match.group(1), match.group(2) or ""
    digits = whole.replace(",", "")
    if digits.startswith("0") and len(digits) > 1:
        return match.group(0)
    value = int(digits)
    if value == 0:
        return match.group(0)
    new = max(1, int(value * rng.uniform(0.5, 1.5)))
    # Keep the digit count so percentages stay below 100 where they were.
    new = min(new, 10 ** len(digits) - 1)
    text = f"{new:,}" if "," in whole else str(new)
    if fraction:
        text += "." + "".join(rng.choice("0123456789") for _ in fraction[1:])
    return text


def vary(lines, copy, rng):
    out = []
    for line in lines:
        m = NAME_LABEL.match(line)
        if m:
            prefix = f"{rng.choice(PLACES)}{rng.choice(WORDS)}"
            line = f"{m.group(1)}{m.group(2)}{prefix}{m.group(3)}（第{copy}批）" + line[m.end():]
        elif "\t" in line and not FUNDS.search(line):
            cells = line.split("\t")
            cells[-1] = NUMBER.sub(lambda mm: vary_number(mm, rng), cells[-1])
            line = "\t".join(cells)
        out.append(line)
    return "\n".join(out) + "\n"


def big(out_path, megabytes):
    rng = random.Random(20261123)
    sources = [read(p) for p in BUDGET_TARGET]
    write_copies(out_path, megabytes, sources, vary, rng)


def write_copies(out_path, megabytes, sources, vary_copy, rng):
    """Writes the sources in turn, each copy varied by vary_copy, a blank
    line after each, until the file holds `megabytes`."""
    target = int(megabytes * 1024 * 1024)
    written, copy = 0, 0
    with open(out_path, "w", encoding="utf-8") as out:
        while written < target:
            copy += 1
            text = vary_copy(sources[copy % len(sources)], copy, rng)
            out.write(text)
            out.write("\n")
            written += len(text.encode("utf-8")) + 1
    print(f"{out_path}: {written / 1048576:.1f} MB, {copy} documents")


# A project's name in pdftotext's text: after its label, up to the next gap.
NAME_IN_TEXT = re.compile(r"^(\s*项目名称\s+)(\S+)")


def vary_text(lines, copy, rng):
    """vary() for text without tabs: every number of a line that holds no
    funding figure, and each project's name."""
    out = []
    for line in lines:
        m = NAME_IN_TEXT.match(line)
        if m:
            prefix = f"{rng.choice(PLACES)}{rng.choice(WORDS)}"
            line = f"{m.group(1)}{prefix}{m.group(2)}（第{copy}批）" + line[m.end():]
        elif not FUNDS.search(line):
            line = NUMBER.sub(lambda mm: vary_number(mm, rng), line)
        out.append(line)
    return "\n".join(out) + "\n"


def rendering(out_path, megabytes, kind):
    rng = random.Random(20261205)
    folder = os.path.join(ROOT, "testdata/fixtures")
    sources = [read(os.path.join("testdata/fixtures", f))
               for f in sorted(os.listdir(folder)) if f.endswith(f".{kind}.txt")]
    if not sources:
        sys.exit(f"make-corpus.py: no testdata/fixtures/*.{kind}.txt")
    write_copies(out_path, megabytes, sources, vary_text, rng)


def small(out_dir, count):
    rng = random.Random(1123)
    paths = BUDGET_TARGET + OTHER_TABLES
    sources = [read(p) for p in paths]
    os.makedirs(out_dir, exist_ok=True)
    total = 0
    for i in range(count):
        text = vary(sources[i % len(sources)], i + 1, rng)
        with open(os.path.join(out_dir, f"doc-{i:05d}.txt"), "w", encoding="utf-8") as out:
            out.write(text)
        total += len(text.encode("utf-8"))
    print(f"{out_dir}: {count} files, {total / 1048576:.1f} MB")


def main(argv):
    if len(argv) == 5 and argv[1] == "rendering" and argv[4] in ("layout", "plain"):
        rendering(argv[2], float(argv[3]), argv[4])
        return
    if len(argv) != 4 or argv[1] not in ("big", "small"):
        sys.exit(__doc__)
    if argv[1] == "big":
        big(argv[2], float(argv[3]))
    else:
        small(argv[2], int(argv[3]))


if __name__ == "__main__":
    main(sys.argv)
