#!/usr/bin/env python3
"""PDF fixtures from several producers and border styles, with gold.

The documents are those of testdata/fixtures (their specs and gold come from
make-fixtures.py); this script prints them again the ways published PDFs are
made, so that the PDF reader is tested on more than one generator's habits:

  writer-*    LibreOffice Writer from a flat ODT, in several border styles
  docx-*      the same ODT saved as .docx, and that .docx printed by Writer
  calc-*      LibreOffice Calc from a flat spreadsheet (.fods): merged cells,
              cell borders, numbers as numbers (thousands separators,
              right-aligned), all projects on one sheet, landscape
  chromium-*  headless Chromium printing an HTML table with CSS borders

Each variant writes NAME.pdf and NAME.gold.jsonl here. Run from the
repository root:

    python3 testdata/producers/make-producers.py [--only NAME...]

Needs LibreOffice (libreoffice-writer-nogui, libreoffice-calc-nogui),
Chromium and fonts-noto-cjk (Debian packages of those names). The PDFs are
made reproducible the way make-fixtures.py makes its own (fixed dates, IDs
from the content). To add a producer or a style, add a line to VARIANTS and,
for a new producer, a function that writes its source and prints it.
"""
import argparse
import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")

spec = importlib.util.spec_from_file_location("fixtures", os.path.join(FIXTURES, "make-fixtures.py"))
fx = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fx)
DOC = {d["name"]: d for d in fx.DOCS}

# Cell borders in ODF terms (Writer and Calc).
ODF_BORDERS = {
    "hairline-grey": 'fo:border="0.05pt solid #999999"',
    "thick": 'fo:border="2pt solid #000000"',
    "blue": 'fo:border="0.75pt solid #1f4e79"',
    "double": 'fo:border="1.1pt double #000000" style:border-line-width="0.02cm 0.03cm 0.02cm"',
    # Horizontal rules only: no vertical line anywhere in the table.
    "rows-only": ('fo:border-top="0.5pt solid #000000" fo:border-bottom="0.5pt solid #000000" '
                  'fo:border-left="none" fo:border-right="none"'),
}

# (variant, producer, document, style, options)
VARIANTS = [
    ("writer-grey-nongye", "writer", "nongye-2024", "hairline-grey", {}),
    ("writer-thick-weijian", "writer", "weijian-2024", "thick", {}),
    ("writer-double-jiaotong", "writer", "jiaotong-2025", "double", {}),
    ("writer-rows-only-shuili", "writer", "shuili-2023", "rows-only", {}),
    ("docx-blue-jiaoyu", "docx", "jiaoyu-2025", "blue", {}),
    ("docx-thick-hunhe", "docx", "hunhe-2023", "thick", {}),
    ("calc-grid-wenhua", "calc", "wenhua-2022", "hairline-grey", {"landscape": True}),
    ("calc-thin-kepu", "calc", "kepu-2026", "blue", {}),
    ("chromium-grey-weijian", "chromium", "weijian-2024", "1px solid #888", {}),
    ("chromium-frame-nongye", "chromium", "nongye-2024", "frame", {}),
    ("chromium-fills-shuili", "chromium", "shuili-2023", "1px solid #000", {"narrow": True}),
    # Rows allowed to break across pages: a cell's lines partly on each page.
    ("chromium-split-jiaoyu", "chromium", "jiaoyu-2025", "0.5px solid #333", {"split_rows": True, "narrow": True}),
    # No rule at all, and rules only above, below and under the column header.
    ("chromium-unruled-hunhe", "chromium", "hunhe-2023", "none", {}),
    ("chromium-booktabs-kepu", "chromium", "kepu-2026", "booktabs", {}),
    # Projects one after another on one sheet: merged cells cut by page breaks.
    ("calc-flow-jiaotong", "calc", "jiaotong-2025", "thick", {"flow": True}),
    # A sheet per project.
    ("calc-sheets-weijian", "calc", "weijian-2024", "hairline-grey", {"sheets": True}),
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def soffice_convert(source, fmt, outdir, profile):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
         "--outdir", outdir, source])


# ------------------------------------------------------------------ Writer

def writer_source(doc, style):
    fodt, _ = fx.render(doc)
    return fodt.replace('fo:border="0.5pt solid #000000"', ODF_BORDERS[style])


def make_writer(doc, style, opts, out_pdf, tmp, via_docx=False):
    src = os.path.join(tmp, doc["name"] + ".fodt")
    with open(src, "w", encoding="utf-8") as f:
        f.write(writer_source(doc, style))
    profile = os.path.join(tmp, "profile")
    if via_docx:
        soffice_convert(src, "docx", tmp, profile)
        src = os.path.join(tmp, doc["name"] + ".docx")
    soffice_convert(src, "pdf", tmp, profile)
    shutil.move(os.path.join(tmp, doc["name"] + ".pdf"), out_pdf)


# ------------------------------------------------------------------ Calc

def fods_cell(c, number_style):
    if c is fx.COVER:
        return "<table:covered-table-cell/>"
    attrs = ""
    if c.cs > 1:
        attrs += f' table:number-columns-spanned="{c.cs}"'
    if c.rs > 1:
        attrs += f' table:number-rows-spanned="{c.rs}"'
    text = c.text
    if re.fullmatch(r"\d+(\.\d+)?", text) and len(text) >= 4:
        # A figure is a number in a spreadsheet: shown with separators, right-aligned.
        return (f'<table:table-cell table:style-name="{number_style}" office:value-type="float" '
                f'office:value="{text}"{attrs}><text:p>{format(float(text), ",.2f")}</text:p></table:table-cell>')
    style = "CB" if c.bold else ("CL" if c.align == "l" else "CC")
    return (f'<table:table-cell table:style-name="{style}" office:value-type="string"{attrs}>'
            f'<text:p>{fx.x(text)}</text:p></table:table-cell>')


def calc_source(doc, style, opts):
    border = ODF_BORDERS[style]
    rows = []  # (cells, is_break_before)
    ncols = max(fx.ncols_of(p) for p in doc["projects"])
    for i, p in enumerate(doc["projects"]):
        n = fx.ncols_of(p)
        assert n == ncols, "one sheet holds tables of one width"
        title = [fx.Cell(p["title"], cs=n, bold=True)] + [fx.COVER] * (n - 1)
        rows.append(("T", title, i > 0 and not opts.get("flow")))
        if p.get("year_line"):
            rows.append(("Y", [fx.Cell(p["year_line"], cs=n)] + [fx.COVER] * (n - 1), False))
        for r in fx.header_grid(p, n):
            rows.append(("G", r, False))
        head, irows = fx.indicator_grid(p, n)
        rows.append(("G", head, False))
        rows += [("G", r, False) for r in irows]
    widths = {4: (2.6, 3.2, 8.2, 4.6), 5: (2.0, 2.4, 2.8, 7.2, 4.2)}[ncols]
    landscape = opts.get("landscape")
    pw, ph = (29.7, 21.0) if landscape else (21.0, 29.7)
    scale = (pw - 3.2) / sum(widths)  # the table fits the page width, as a user sets it up
    font = doc.get("font", "Noto Serif CJK SC")
    tp = (f'<style:text-properties style:font-name="{font}" style:font-name-asian="{font}" fo:font-size="10pt" '
          'style:font-size-asian="10pt"/>')
    cell = lambda name, align, extra="": (
        f'<style:style style:name="{name}" style:family="table-cell"{extra}><style:table-cell-properties '
        f'{border} fo:wrap-option="wrap" style:vertical-align="middle" fo:padding="0.05cm"/>'
        f'<style:paragraph-properties fo:text-align="{align}"/>{tp}</style:style>')
    plain = lambda name, size, bold: (
        f'<style:style style:name="{name}" style:family="table-cell"><style:table-cell-properties '
        f'fo:wrap-option="wrap" style:vertical-align="middle"/><style:paragraph-properties fo:text-align="center"/>'
        f'<style:text-properties style:font-name="{font}" style:font-name-asian="{font}" fo:font-size="{size}" '
        f'style:font-size-asian="{size}"' + (' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else "")
        + '/></style:style>')
    styles = [
        '<office:font-face-decls>'
        f'<style:font-face style:name="{font}" svg:font-family="&apos;{font}&apos;"/></office:font-face-decls>',
        '<office:automatic-styles>',
        '<number:number-style style:name="N1"><number:number number:decimal-places="2" '
        'number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>',
        cell("CC", "center"), cell("CL", "start"), cell("CB", "center"),
        cell("CN", "end", ' style:data-style-name="N1"'),
        plain("CT", "15pt", True), plain("CY", "11pt", False),
        '<style:style style:name="RO" style:family="table-row"><style:table-row-properties '
        'style:use-optimal-row-height="true"/></style:style>',
        '<style:style style:name="RB" style:family="table-row"><style:table-row-properties '
        'style:use-optimal-row-height="true" fo:break-before="page"/></style:style>',
    ]
    for k, w in enumerate(widths):
        styles.append(f'<style:style style:name="CO{k}" style:family="table-column"><style:table-column-properties '
                      f'style:column-width="{w * scale:.2f}cm"/></style:style>')
    styles.append('<style:style style:name="TA" style:family="table" style:master-page-name="PM">'
                  '<style:table-properties table:display="true"/></style:style>')
    styles.append(f'<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="{pw}cm" '
                  f'fo:page-height="{ph}cm" style:print-orientation="{"landscape" if landscape else "portrait"}" '
                  'fo:margin="1.5cm" style:print="grid" style:scale-to="100%"/></style:page-layout>')
    styles.append('</office:automatic-styles>')
    styles.append('<office:master-styles><style:master-page style:name="PM" style:page-layout-name="PL">'
                  '<style:header style:display="false"/><style:footer style:display="false"/>'
                  '</style:master-page></office:master-styles>')
    def sheet(name):
        return ([f'<table:table table:name="{name}" table:style-name="TA">']
                + [f'<table:table-column table:style-name="CO{k}"/>' for k in range(ncols)])

    body = sheet("绩效目标表")
    sheets = 1
    for kind, cells, brk in rows:
        if kind == "T" and opts.get("sheets") and len(body) > ncols + 1:
            # A sheet of its own for each project, as a workbook per department has.
            sheets += 1
            body.append("</table:table>")
            body += sheet(f"项目{sheets}")
            brk = False
        out = []
        for c in cells:
            if kind == "T" and c is not fx.COVER:
                out.append(f'<table:table-cell table:style-name="CT" office:value-type="string" '
                           f'table:number-columns-spanned="{c.cs}"><text:p>{fx.x(c.text)}</text:p></table:table-cell>')
            elif kind == "Y" and c is not fx.COVER:
                out.append(f'<table:table-cell table:style-name="CY" office:value-type="string" '
                           f'table:number-columns-spanned="{c.cs}"><text:p>{fx.x(c.text)}</text:p></table:table-cell>')
            else:
                out.append(fods_cell(c, "CN"))
        body.append(f'<table:table-row table:style-name="{"RB" if brk else "RO"}">' + "".join(out)
                    + "</table:table-row>")
    body.append("</table:table>")
    ns = fx.NS + (' xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document {ns} office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">\n'
            + "\n".join(styles) + "\n<office:body><office:spreadsheet>\n" + "\n".join(body)
            + "\n</office:spreadsheet></office:body></office:document>\n")


def make_calc(doc, style, opts, out_pdf, tmp):
    src = os.path.join(tmp, doc["name"] + ".fods")
    with open(src, "w", encoding="utf-8") as f:
        f.write(calc_source(doc, style, opts))
    soffice_convert(src, "pdf", tmp, os.path.join(tmp, "profile"))
    shutil.move(os.path.join(tmp, doc["name"] + ".pdf"), out_pdf)


# ------------------------------------------------------------------ Chromium

def html_table(rows, head=None):
    out = ["<table>"]
    if head is not None:
        out.append("<thead><tr>" + "".join(f"<th>{html.escape(c.text)}</th>" for c in head) + "</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        cells = []
        for c in row:
            if c is fx.COVER:
                continue
            span = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
            cls = ' class="l"' if c.align == "l" else ""
            cells.append(f"<td{span}{cls}>{html.escape(c.text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def chromium_source(doc, style, opts):
    if style == "frame":  # a double frame round the table, row rules, no inner verticals
        css_border = ("table { border: 3px double #000; } td, th { border-top: 1px solid #000; "
                      "border-left: none; border-right: none; }")
    elif style == "none":
        css_border = "td, th { border: none; }"
    elif style == "booktabs":  # a rule above and below each table, and under its column header
        css_border = ("td, th { border: none; } table { border-top: 1.5px solid #000; "
                      "border-bottom: 1.5px solid #000; } thead th { border-bottom: 0.75px solid #000; }")
    else:
        css_border = f"td, th {{ border: {style}; }}"
    font = doc.get("font", "Noto Serif CJK SC")
    narrow = "max-width: 15cm;" if opts.get("narrow") else "width: 100%;"
    css = (f"@page {{ size: A4; margin: 1.8cm 1.5cm; }} body {{ font-family: '{font}'; font-size: 10.5pt; }}"
           f" table {{ border-collapse: collapse; {narrow} margin: 0 auto 12pt; }}"
           f" td, th {{ padding: 3px 5px; text-align: center; vertical-align: middle; }} td.l {{ text-align: left; }}"
           f" {css_border} h1 {{ font-size: 16pt; text-align: center; margin: 6pt 0; }}"
           " p.y { text-align: center; margin: 0 0 6pt; } p { margin: 4pt 0; } .brk { break-before: page; }"
           + ("" if opts.get("split_rows") else " tr { break-inside: avoid; }"))
    body = []
    for kind, line in doc.get("preamble", []):
        tag = "h1" if kind == "heading" else "p"
        body.append(f"<{tag}>{html.escape(line)}</{tag}>")
    for i, p in enumerate(doc["projects"]):
        n = fx.ncols_of(p)
        brk = ' class="brk"' if i > 0 and doc.get("page_break", True) else ""
        body.append(f"<h1{brk}>{html.escape(p['title'])}</h1>")
        if p.get("year_line"):
            body.append(f'<p class="y">{html.escape(p["year_line"])}</p>')
        head, irows = fx.indicator_grid(p, n)
        body.append(html_table(fx.header_grid(p, n)))
        body.append(html_table(irows, head))
    for line in doc.get("notes", []):
        body.append(f"<p>{html.escape(line)}</p>")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head>'
            f'<body>{"".join(body)}</body></html>\n')


def make_chromium(doc, style, opts, out_pdf, tmp):
    src = os.path.join(tmp, doc["name"] + ".html")
    with open(src, "w", encoding="utf-8") as f:
        f.write(chromium_source(doc, style, opts))
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={os.path.join(tmp, 'chrome')}", "--no-pdf-header-footer",
         "--print-to-pdf-no-header", f"--print-to-pdf={out_pdf}", "file://" + src])


def normalize_chromium_pdf(path):
    """Chromium writes its creation time; make it fixed (same length)."""
    with open(path, "rb") as f:
        data = f.read()
    data = re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)",
                  lambda m: b"/" + m.group(1) + b" (D:20000101000000" + b" " * (len(m.group(0)) - len(m.group(1)) - 22)
                  + b")", data)
    with open(path, "wb") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these variants")
    args = ap.parse_args()
    chosen = [v for v in VARIANTS if not args.only or v[0] in args.only]
    for name, producer, docname, style, opts in chosen:
        doc = DOC[docname]
        out_pdf = os.path.join(HERE, name + ".pdf")
        with tempfile.TemporaryDirectory(prefix="jixiao-producers-") as tmp:
            if producer == "writer":
                make_writer(doc, style, opts, out_pdf, tmp)
            elif producer == "docx":
                make_writer(doc, style, opts, out_pdf, tmp, via_docx=True)
            elif producer == "calc":
                make_calc(doc, style, opts, out_pdf, tmp)
            else:
                make_chromium(doc, style, opts, out_pdf, tmp)
        if producer == "chromium":
            normalize_chromium_pdf(out_pdf)
        else:
            fx.normalize_pdf(out_pdf)
        with open(os.path.join(HERE, name + ".gold.jsonl"), "w", encoding="utf-8", newline="\n") as f:
            f.write(fx.gold(doc))
        print(f"{name:28} {producer:9} {docname:14} {fx.pdf_pages(out_pdf) or '-':>3} pages "
              f"{os.path.getsize(out_pdf):8} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
