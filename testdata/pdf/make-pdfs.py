#!/usr/bin/env python3
"""Writes the small bad PDFs that tests feed to jixiao, byte for byte the same
on every run. Run from the repository root:

    python3 testdata/pdf/make-pdfs.py

- no-text.pdf   a page with a ruled table and no text at all, as a scan
                without OCR would be (the picture left out to keep it small)
- damaged.pdf   a PDF header followed by bytes that are not a PDF
- encrypted.pdf a one-line PDF locked with a user password (`secret`), RC4;
                needs qpdf (Debian: qpdf)

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


def main():
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
