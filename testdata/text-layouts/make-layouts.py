#!/usr/bin/env python3
"""Write the fixture documents (testdata/fixtures/NAME.tsv.txt) in every text
layout that web pages, office previews and exports give (see README.md here).

  python3 testdata/layouts/make-layouts.py                 write every layout
  python3 testdata/layouts/make-layouts.py --only LAYOUT…  some layouts
  python3 testdata/layouts/make-layouts.py --outdir DIR    somewhere else

Each NAME.LAYOUT.txt (NAME.csv for csv) holds the same tables as the
tab-separated fixture, so the fixture's NAME.gold.jsonl is its answer. Python
3 standard library only; the output is byte-identical from run to run.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")


# ------------------------------------------------------------------ reading
# A document is a list of blocks: ("text", line) for a paragraph, ("header",
# cells) for a row of the project header, ("columns", cells) for the
# indicator table's column header and ("row", cells) for an indicator row.
# Blank cells are kept: they are where merged cells were.


def is_column_header(cells):
    first = "".join(cells[:2])
    return "一级" in first or "绩效类型" in first


def read_tsv(path):
    blocks, in_tree = [], False
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if "\t" not in line:
                in_tree = False
                blocks.append(("text", line))
                continue
            cells = line.split("\t")
            if is_column_header(cells):
                in_tree = True
                blocks.append(("columns", cells))
            else:
                blocks.append(("row" if in_tree else "header", cells))
    while blocks and blocks[-1] == ("text", ""):
        blocks.pop()
    return blocks


def shown(kind, cells):
    """The cells an HTML-to-text converter writes: a merged cell is one cell,
    so the blanks under it (leading, in indicator rows) and beside it
    (trailing, in header rows) are missing; an empty value cell stays."""
    cells = list(cells)
    if kind == "row":
        while cells and not cells[0]:
            cells.pop(0)
    else:
        while cells and not cells[-1]:
            cells.pop()
    return cells


def filled(cells):
    return [c for c in cells if c]


# ------------------------------------------------------------------ layouts


def pipe(blocks):
    """`a | b | |`: pipe rows without a leading pipe, merged cells missing."""
    out = []
    for kind, x in blocks:
        out.append(x if kind == "text" else " | ".join(shown(kind, x)) + " |")
    return out


def markdown(blocks):
    """`| a | b |  |` with every cell, and a `|---|` line under the first row."""
    out, first = [], True
    for kind, x in blocks:
        if kind == "text":
            out.append(x)
            first = True
            continue
        out.append("| " + " | ".join(x) + " |")
        if first:
            out.append("|" + "---|" * len(x))
            first = False
    return out


def cell_lines(blocks):
    """One cell per line ending in ` |`, a line of only pipes ending the row."""
    out = []
    for kind, x in blocks:
        if kind == "text":
            out.append(x)
            continue
        out += [c + " |" for c in filled(shown(kind, x))]
        out.append("||")
    return out


def cell_bars(blocks):
    """Each cell on its line followed by a line holding `|`; a blank line
    between rows."""
    out = []
    for kind, x in blocks:
        if kind == "text":
            out.append(x)
            continue
        for c in filled(shown(kind, x)):
            out += [c, "|"]
        out.append("")
    return out


LABEL_TAIL = re.compile(r"^(.{2,}?)(指标)$")


def paragraphs(blocks):
    """One cell per paragraph, a blank line between cells; level labels of
    more than four characters wrapped before their last two (`经济效益` /
    `指标`)."""
    out = []
    for kind, x in blocks:
        if kind == "text":
            out += [x, ""] if x else []
            continue
        for c in filled(x):
            m = LABEL_TAIL.match(c)
            if kind in ("row", "columns") and m and len(c) > 4 and len(c) <= 8:
                out += [m.group(1), "", m.group(2), ""]
            else:
                out += [c, ""]
    return out


def single_spaces(blocks):
    """Single spaces between cells, one row per line (.doc/.docx text)."""
    return [x if kind == "text" else " ".join(filled(x)) for kind, x in blocks]


def one_line(blocks):
    """The whole document on one line, cells and paragraphs separated by a
    space."""
    return [" ".join(single_spaces(b for b in blocks if b != ("text", "")))]


def run_together(blocks):
    """Cells run together, no separator, one row per line."""
    return [x if kind == "text" else "".join(filled(x)) for kind, x in blocks]


def csv_quote(cell):
    if any(c in cell for c in ',"\n\r'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv(blocks):
    """RFC 4180, as Excel and WPS save a sheet: every row as wide as the
    widest, a paragraph in the first cell; a long cell broken after its first
    sentence (a line break inside a quoted cell)."""
    width = max(len(x) for kind, x in blocks if kind != "text")
    out = []
    for kind, x in blocks:
        cells = [x] if kind == "text" else list(x)
        cells = [re.sub(r"^(.{20,}?。)(.)", r"\1\n\2", c, count=1) for c in cells]
        cells += [""] * (width - len(cells))
        out.append(",".join(csv_quote(c) for c in cells))
    return out


def header_pairs(cells):
    """A header row as `label：value` lines: a lone leading label (the funds
    grid's `年度资金总额（万元）`) on its own line."""
    cells = filled(cells)
    out = []
    if len(cells) % 2:
        out.append(cells.pop(0))
    for k in range(0, len(cells), 2):
        out.append(cells[k] + "：" + cells[k + 1])
    return out


def tree_rows(blocks):
    """Indicator rows with their level labels carried down (merged cells
    filled): yields (level1, level2, name, value, kind-column) per row."""
    level1 = level2 = None
    kind_col = None
    for kind, x in blocks:
        if kind == "columns":
            kind_col = 1 if "绩效类型" in x[0] else 0
            level1 = level2 = None
            continue
        if kind != "row":
            yield kind, x, None
            continue
        cells = x[kind_col:] + [""] * 4
        if cells[0]:
            level1 = cells[0]
        if cells[1]:
            level2 = cells[1]
        yield "row", (level1, level2, cells[2], cells[3]), cells[0] or cells[1]


def indented_tree(blocks):
    """Leading spaces give the level; the value in the next paragraph."""
    out, last1, last2 = [], None, None
    for kind, x, _ in tree_rows(blocks):
        if kind == "text":
            out.append(x)
            last1 = last2 = None
        elif kind == "header":
            out += header_pairs(x)
        elif kind == "row":
            l1, l2, name, value = x
            if l1 != last1:
                out.append(l1)
                last1, last2 = l1, None
            if l2 != last2:
                out.append("  " + l2)
                last2 = l2
            if name:
                out.append("    " + name)
                out.append("      " + value if value else "")
    return out


CN = "一二三四五六七八九十"
# The table's own numbering of its names (`指标1：`, `1.`): a notice numbers
# its items itself.
NUMBERING = re.compile(r"^(?:指标\d+[：:]|\d+[.、])\s*")


def prose(blocks):
    """A notice: `一、产出指标` / `（一）数量指标` / `1.培训人数：≥100人；`."""
    out, last1, last2 = [], None, None
    n1 = n2 = n3 = 0
    for kind, x, _ in tree_rows(blocks):
        if kind == "text":
            out.append(x)
            last1 = last2 = None
            n1 = 0
        elif kind == "header":
            out += header_pairs(x)
        elif kind == "row":
            l1, l2, name, value = x
            if l1 != last1:
                out.append(CN[n1 % 10] + "、" + l1)
                n1, n2 = n1 + 1, 0
                last1, last2 = l1, None
            if l2 != last2:
                out.append("（" + CN[n2 % 10] + "）" + l2)
                n2, n3 = n2 + 1, 0
                last2 = l2
            if name:
                n3 += 1
                name = NUMBERING.sub("", name)
                out.append(f"{n3}.{name}：{value}；" if value else f"{n3}.{name}；")
    return out


LAYOUTS = {
    "pipe": pipe,
    "markdown": markdown,
    "cell-lines": cell_lines,
    "cell-bars": cell_bars,
    "paragraphs": paragraphs,
    "single-spaces": single_spaces,
    "one-line": one_line,
    "run-together": run_together,
    "csv": csv,
    "tree": indented_tree,
    "prose": prose,
}


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", choices=sorted(LAYOUTS), default=sorted(LAYOUTS))
    ap.add_argument("--outdir", default=HERE)
    args = ap.parse_args(argv)
    names = sorted(n[: -len(".tsv.txt")] for n in os.listdir(FIXTURES) if n.endswith(".tsv.txt"))
    for name in names:
        blocks = read_tsv(os.path.join(FIXTURES, name + ".tsv.txt"))
        for layout in args.only:
            lines = LAYOUTS[layout](blocks)
            ext = ".csv" if layout == "csv" else ".txt"
            path = os.path.join(args.outdir, f"{name}.{layout}{ext}")
            newline = "\r\n" if layout == "csv" else "\n"
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(newline.join(lines) + newline)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
