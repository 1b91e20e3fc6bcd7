#!/usr/bin/env python3
"""Writes the small bad PDFs that tests feed to jixiao, byte for byte the same
on every run. Run from the repository root:

    python3 testdata/pdf/make-pdfs.py

- no-text.pdf   a page with a ruled table and no text at all, as a scan
                without OCR would be (the picture left out to keep it small)
- damaged.pdf   a PDF header followed by bytes that are not a PDF
- encrypted.pdf a one-line PDF locked with a user password (`secret`), RC4;
                needs qpdf (Debian: qpdf)
- borders.pdf   six small tables, each with its borders drawn another way:
                0.1 pt grey strokes, filled 0.75 pt rectangles, a rectangle
                stroked round each cell in blue, a 3 pt frame round 0.5 pt
                inner lines, a double outer border, and text clipped away
                (drawn outside the clip: not on the page)
- huge-page.pdf one line of text on a 20,000 pt square page (over the PDF
                limit of 14,400 pt a side)

The good PDFs are the fixtures in testdata/fixtures/.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def pdf(objects):
    """A PDF file from its objects (bodies without `N 0 obj`), with a correct
    cross-reference table; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def page_objects(content, resources=b"<< >>"):
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
        + resources + b" >>",
        stream,
    ]


def ruled_grid():
    """A 4-column, 5-row table drawn with 0.5 pt lines."""
    ops = [b"0.5 w"]
    for row in range(6):
        y = 700 - row * 20
        ops.append(b"56 %d m 539 %d l S" % (y, y))
    for x in (56, 120, 200, 420, 539):
        ops.append(b"%d 600 m %d 700 l S" % (x, x))
    return b"\n".join(ops)


HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
COLUMNS = (60, 160, 300, 420)  # x of each table's vertical sides
ROW = 20                        # row height


def cell_texts(top, name):
    """The words of a 2 x 3 table whose top side is at y = top."""
    ops = []
    for row in range(2):
        for col in range(3):
            x = COLUMNS[col] + 5
            y = top - row * ROW - 14
            ops.append(b"BT /F1 10 Tf %d %d Td (%s%d%d) Tj ET" % (x, y, name, row + 1, col + 1))
    return ops


def grid_lines(top):
    """Each horizontal and vertical side of a 2 x 3 table, as (x0, y0, x1, y1)."""
    lines = [(COLUMNS[0], top - r * ROW, COLUMNS[-1], top - r * ROW) for r in range(3)]
    lines += [(x, top, x, top - 2 * ROW) for x in COLUMNS]
    return lines


def borders_page():
    ops = []
    # 1. LibreOffice from a web page: 0.1 pt mid-grey strokes.
    top = 780
    ops.append(b"0.1 w 0.5 0.5 0.5 RG")
    ops += [b"%d %d m %d %d l S" % line for line in grid_lines(top)]
    ops += cell_texts(top, b"G")
    # 2. Excel, WPS, Chromium: each side a filled rectangle 0.75 pt thick.
    top = 680
    ops.append(b"0 0 0 rg")
    for x0, y0, x1, y1 in grid_lines(top):
        if y0 == y1:
            ops.append(b"%d %.3f %d 0.75 re f" % (x0, y0 - 0.375, x1 - x0))
        else:
            ops.append(b"%.3f %d 0.75 %d re f" % (x0 - 0.375, y1, y0 - y1))
    ops += cell_texts(top, b"F")
    # 3. A blue rectangle stroked round each cell.
    top = 580
    ops.append(b"0.5 w 0 0 1 RG")
    for r in range(2):
        for c in range(3):
            ops.append(b"%d %d %d %d re S" % (COLUMNS[c], top - (r + 1) * ROW,
                                              COLUMNS[c + 1] - COLUMNS[c], ROW))
    ops += cell_texts(top, b"R")
    # 4. A 3 pt black frame round 0.5 pt inner lines.
    top = 480
    ops.append(b"0 0 0 RG 0.5 w")
    ops.append(b"%d %d m %d %d l S" % (COLUMNS[0], top - ROW, COLUMNS[-1], top - ROW))
    ops += [b"%d %d m %d %d l S" % (x, top, x, top - 2 * ROW) for x in COLUMNS[1:-1]]
    ops.append(b"3 w %d %d %d %d re S" % (COLUMNS[0], top - 2 * ROW, COLUMNS[-1] - COLUMNS[0], 2 * ROW))
    ops += cell_texts(top, b"T")
    # 5. A double outer border: two 0.5 pt lines 2 pt apart.
    top = 380
    ops.append(b"0.5 w")
    ops += [b"%d %d m %d %d l S" % line for line in grid_lines(top)]
    ops.append(b"%d %d %d %d re S" % (COLUMNS[0] - 2, top - 2 * ROW - 2,
                                      COLUMNS[-1] - COLUMNS[0] + 4, 2 * ROW + 4))
    ops += cell_texts(top, b"D")
    # 6. Ruled like 1, with a word drawn outside the clip: it is not on the page.
    top = 280
    ops.append(b"0.5 w")
    ops += [b"%d %d m %d %d l S" % line for line in grid_lines(top)]
    ops += cell_texts(top, b"C")
    ops.append(b"q %d %d %d %d re W n BT /F1 10 Tf %d %d Td (HIDDEN) Tj ET Q" % (
        COLUMNS[0], top - 2 * ROW, COLUMNS[-1] - COLUMNS[0], 2 * ROW, COLUMNS[1] + 5, top - 2 * ROW - 30))
    return b"\n".join(ops)


def main():
    with open(os.path.join(HERE, "borders.pdf"), "wb") as f:
        f.write(pdf(page_objects(borders_page(), HELVETICA)))
    huge = page_objects(b"BT /F1 12 Tf 72 720 Td (Project name: huge) Tj ET", HELVETICA)
    huge[2] = huge[2].replace(b"[0 0 595 842]", b"[0 0 20000 20000]")
    with open(os.path.join(HERE, "huge-page.pdf"), "wb") as f:
        f.write(pdf(huge))
    with open(os.path.join(HERE, "no-text.pdf"), "wb") as f:
        f.write(pdf(page_objects(ruled_grid())))
    with open(os.path.join(HERE, "damaged.pdf"), "wb") as f:
        f.write(b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"\n%%EOF\n")
    hello = page_objects(
        b"BT /F1 12 Tf 72 720 Td (Project name: locked) Tj ET",
        b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>")
    with tempfile.TemporaryDirectory() as work:
        plain = os.path.join(work, "plain.pdf")
        with open(plain, "wb") as f:
            f.write(pdf(hello))
        # --static-id and RC4 (no random AES salt) keep the output the same on every
        # run; the lock, not its strength, is what the test needs.
        subprocess.run(["qpdf", "--static-id", "--allow-weak-crypto", "--encrypt", "secret", "owner", "128", "--use-aes=n", "--",
                        plain, os.path.join(HERE, "encrypted.pdf")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
