#!/usr/bin/env python3
"""Prints what an XLSX workbook holds, for the tests: its sheet names, and for
each sheet part its number of rows and the length of its longest text.

  tests/xlsx_sheets.py FILE.xlsx [SHEET ROW]
"""
import html
import re
import sys
import zipfile

book = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
print("sheets:", " | ".join(names))
for part in sorted(n for n in book.namelist() if n.startswith("xl/worksheets/sheet")):
    xml = book.read(part).decode()
    texts = re.findall(r"<t[^>]*>([^<]*)</t>", xml)
    print(part, "rows", len(re.findall(r"<row ", xml)), "longest", max(map(len, texts), default=0))
# With a sheet part's number and a row, also that row's cells: `n:42` for a
# number, `s:text` for a string (its XML escapes undone: `s:>=`).
if len(sys.argv) > 3:
    xml = book.read(f"xl/worksheets/sheet{sys.argv[2]}.xml").decode()
    row = re.search(rf'<row r="{sys.argv[3]}"[^>]*>(.*?)</row>', xml, re.S)
    cells = re.findall(r'<c r="[A-Z]+\d+"([^>]*)>(.*?)</c>', row.group(1) if row else "", re.S)
    out = []
    for attributes, body in cells:
        if 't="inlineStr"' in attributes or 't="s"' in attributes:
            out.append("s:" + html.unescape("".join(re.findall(r"<t[^>]*>([^<]*)</t>", body))))
        else:
            out.append("n:" + "".join(re.findall(r"<v>([^<]*)</v>", body)))
    print("row:", " ".join(out))
