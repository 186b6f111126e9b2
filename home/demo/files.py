"""Files of the demo content."""

from __future__ import annotations

import io
import textwrap

from django.utils.html import strip_tags

LINE_WIDTH = 80  # characters a line of the demo documents
LINES_PER_PAGE = 45


def _pdf_string(text: str) -> bytes:
    """``text`` as a PDF literal string in WinAnsi (Latin-1 for French), brackets and backslashes escaped."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", "replace")


def demo_pdf_pages(pages: list[str]) -> bytes:
    """A small valid PDF with one page for each text of ``pages`` (French accents included), wrapped in lines."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]  # the page tree is written once known
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for text in pages:
        lines = [line for paragraph in text.split("\n") for line in (textwrap.wrap(paragraph, LINE_WIDTH) or [""])]
        stream = (
            b"BT /F1 12 Tf 16 TL 56 780 Td "
            + b" ".join(b"(" + _pdf_string(line) + b") Tj T*" for line in lines[:LINES_PER_PAGE])
            + b" ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        contents = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (contents, font)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def demo_text_pdf(sections: list[tuple[str, str]]) -> bytes:
    """A PDF of a page or more for each (title, HTML text) of ``sections``, the text repeated to fill a page."""
    pages = []
    for title, html in sections:
        text = " ".join(strip_tags(html).split())
        pages.append(f"{title}\n\n{text}\n\n" + "\n".join([text] * 3))
    return demo_pdf_pages(pages)


def demo_pdf(text: str) -> bytes:
    """A small valid one-page PDF showing ``text``, for demo documents."""
    return demo_pdf_pages([text])
