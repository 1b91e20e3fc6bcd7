#!/usr/bin/env python3
"""Write the form documents of testdata/forms/ (see README.md here): small
made-up tables, each in a shape seen on real published pages that the
fixtures do not have (projects as columns, a comparator in a cell of its own,
a header label mid-line …), rendered as several text extractions, with the
answers typed by hand.

  python3 testdata/forms/make-forms.py               write every form
  python3 testdata/forms/make-forms.py --only NAME…  some forms
  python3 testdata/forms/make-forms.py --outdir DIR  somewhere else
  python3 testdata/forms/make-forms.py --list        the forms, a line each

The forms are in the modules forms_*.py beside this script, each a list
FORMS of Form(...) (a new shape is a new entry, or a new module). Python 3
standard library only; the output is byte-identical from run to run.
"""
import argparse
import glob
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


# ================================================================ the model
# A document is a list of lines: a str is a paragraph (a line of text), a
# list of str is a table row, one cell each ("" for a blank or merged cell).
# The gold is a list of Project(...), each with its indicators.


class Ind:
    """An indicator as the gold expects it (value: fixtures' Q/R/D/P/T/E, or
    None when ambiguous: only its levels are scored)."""

    def __init__(self, level1, level2, name, value):
        self.level1, self.level2, self.name, self.value = level1, level2, name, value


class Project:
    def __init__(self, name, indicators, year=None, department=None, implementer=None,
                 attribute=None, period=None, amount_yuan=None):
        self.name, self.indicators = name, indicators
        self.header = {"year": year, "department": department, "implementer": implementer,
                       "attribute": attribute, "period": period, "amount_yuan": amount_yuan}


class Form:
    """name: the file names' stem; what: one line for the README's table;
    doc: the document; gold: [Project]; renderings: which of RENDERERS."""

    def __init__(self, name, what, doc, gold, renderings=("tsv", "pipe", "layout", "layout-middle")):
        self.name, self.what, self.doc, self.gold = name, what, doc, gold
        self.renderings = renderings


# ============================================================ value helpers
# The expected values, in the gold format of the fixtures (shared/gold).


def Q(op, number, unit, base=None, subject=None):
    """A quantity; base is the number in the base unit (36 万元 -> 360000)."""
    v = {"kind": "quantity", "op": op, "number": number, "unit": unit}
    if base is not None:
        v["base"] = base
    if subject is not None:
        v["subject"] = subject
    return v


def R(op, lo, hi, unit):
    return {"kind": "range", "op": op, "min": lo, "max": hi, "unit": unit}


def D(op, date):
    return {"kind": "date", "op": op, "date": date}


def P(start, end):
    return {"kind": "period", "from": start, "to": end}


T = {"kind": "text"}
E = {"kind": "empty"}


# ================================================================ renderers


def width(text):
    """Places on pdftotext's grid: one a character, a wide one too (pdftotext
    -layout writes `产出指标` in four places; counting a wide character as two,
    a terminal's width, put a line's later cells left of those of a line whose
    first cells are blank, a drift pdftotext never makes)."""
    return len(text)


def tsv(doc):
    """Word/WPS copy-paste: cells parted by tabs, blank cells kept."""
    return [line if isinstance(line, str) else "\t".join(line) for line in doc]


def pipe(doc):
    """Markdown-like rows as web-page converters write them: `| a | b |`."""
    return [line if isinstance(line, str) else "| " + " | ".join(line) + " |" for line in doc]


def spanned(row):
    """The index of a row's last filled cell when blanks follow it (a cell
    merged across the rest of the row, which sets no column's width), else
    the row's length."""
    filled = [c for c, cell in enumerate(row) if cell]
    if filled and filled[-1] < len(row) - 1:
        return filled[-1]
    return len(row)


def layout(doc):
    """pdftotext -layout of a PDF whose cells hold their text at the top (Word's
    default), so a level's label is on its block's first row: each table's columns padded with spaces to
    its widest cell, at least three spaces apart; a table is a run of rows,
    and a cell merged across the rest of its row runs on past its column."""
    out, k = [], 0
    while k < len(doc):
        if isinstance(doc[k], str):
            out.append(doc[k])
            k += 1
            continue
        end = k
        while end < len(doc) and not isinstance(doc[end], str):
            end += 1
        rows = doc[k:end]
        n = max(len(r) for r in rows)
        widths = [max([width(r[c]) for r in rows if c < spanned(r)] or [0]) for c in range(n)]
        for r in rows:
            cells = [(r[c] if c < len(r) else "") for c in range(n)]
            line = "".join(cell + " " * (widths[c] - width(cell) + 3) for c, cell in enumerate(cells))
            out.append(line.rstrip())
        k = end
    return out


def moved_to_middle(rows):
    """The rows as a producer that centres text in merged cells draws them:
    a cell with blank cells under it (and blanks left of those) spans those
    rows, and its text is on the span's middle row, not its first."""
    rows = [list(r) for r in rows]
    n = max(len(r) for r in rows)
    for r in rows:
        r.extend([""] * (n - len(r)))
    for c in range(n):
        top = 0
        while top < len(rows):
            if not rows[top][c]:
                top += 1
                continue
            end = top + 1
            while end < len(rows) and not any(rows[end][:c + 1]):
                end += 1
            middle = top + (end - top - 1) // 2
            if middle != top:
                rows[middle][c], rows[top][c] = rows[top][c], ""
            top = end
    return rows


def layout_middle(doc):
    """-layout of a PDF whose merged cells centre their text (WPS, Excel,
    LibreOffice's default for these tables): a level's label on the middle
    row of its block."""
    out, k = [], 0
    while k < len(doc):
        if isinstance(doc[k], str):
            out.append(doc[k])
            k += 1
            continue
        end = k
        while end < len(doc) and not isinstance(doc[end], str):
            end += 1
        out.extend(moved_to_middle(doc[k:end]))
        k = end
    return layout(out)


RENDERERS = {"tsv": tsv, "pipe": pipe, "layout": layout, "layout-middle": layout_middle}


# =================================================================== output


def gold_lines(form):
    records = []
    for i, project in enumerate(form.gold):
        head = {"t": "project", "i": i, "name": project.name}
        head.update({k: v for k, v in project.header.items() if v is not None})
        records.append(head)
        for ind in project.indicators:
            records.append({"t": "ind", "p": i, "level1": ind.level1, "level2": ind.level2,
                            "name": ind.name, "value": ind.value})
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def load_forms():
    forms = []
    for path in sorted(glob.glob(os.path.join(HERE, "forms_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        forms.extend(module.FORMS)
    names = [f.name for f in forms]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        sys.exit(f"make-forms.py: forms named twice: {', '.join(twice)}")
    return forms


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="NAME")
    parser.add_argument("--outdir", default=HERE)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    forms = load_forms()
    if args.list:
        for form in forms:
            print(f"{form.name}\t{', '.join(form.renderings)}\t{form.what}")
        return 0
    if args.only:
        unknown = set(args.only) - {f.name for f in forms}
        if unknown:
            sys.exit(f"make-forms.py: no form named {', '.join(sorted(unknown))}")
        forms = [f for f in forms if f.name in args.only]
    os.makedirs(args.outdir, exist_ok=True)
    for form in forms:
        for kind in form.renderings:
            write(os.path.join(args.outdir, f"{form.name}.{kind}.txt"),
                  "\n".join(RENDERERS[kind](form.doc)) + "\n")
        write(os.path.join(args.outdir, f"{form.name}.gold.jsonl"), gold_lines(form))
    return 0


if __name__ == "__main__":
    sys.exit(main())
