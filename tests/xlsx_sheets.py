#!/usr/bin/env python3
"""Prints what an XLSX workbook holds, for the tests: its sheet names, and for
each sheet part its number of rows and the length of its longest text.

  tests/xlsx_sheets.py FILE.xlsx
"""
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
