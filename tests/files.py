"""The bytes of files to upload: small but real documents and images, built in memory."""

import io
import zipfile

from PIL import Image

MACROS = b"\xd0\xcf\x11\xe0macro"  # what an office document's VBA part starts with

DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def zip_bytes(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(*, macros: bool = False, extra_parts: dict[str, bytes] | None = None) -> bytes:
    """A Word document; ``macros`` adds a VBA project, ``extra_parts`` more files to the archive."""
    parts = {"[Content_Types].xml": DOCX_CONTENT_TYPES, "word/document.xml": "<w:document/>", **(extra_parts or {})}
    if macros:
        parts["word/vbaProject.bin"] = MACROS
    return zip_bytes(parts)


def odt_bytes() -> bytes:
    return zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document/>"})


def png_bytes(size=(20, 20), colour="red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()
