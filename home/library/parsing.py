"""Read the text of a PDF, DOCX or ODT file, page by page, in a child process with limits.

``home.library.extraction`` runs ``python -m home.library.parsing KIND LIMITS_JSON`` with the file's
bytes on standard input and reads one JSON object on standard output::

    {"status": "extracted" | "no_text" | "too_large" | "failed", "code": "...", "pages": ["...", ...],
     "page_count": N, "values": {...}}

This module imports nothing of Django or of the site: it starts fast, and a hostile file it cannot
read costs only this process, which caps its own memory and CPU time (``resource``) before it
parses anything; the parent also kills it after its timeout. DOCX and ODT are read with zipfile
and defusedxml (no DTD, no entity expansion), streamed, after checks against zip bombs.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
READ_CHUNK = 64 * 1024
RATIO_CHECKED_FROM = 1024 * 1024  # small members may compress very well without being bombs


class LimitReached(Exception):
    def __init__(self, code: str, **values):
        super().__init__(code)
        self.code = code
        self.values = values


class Pages:
    """The text read so far, page by page, within the character limit."""

    def __init__(self, max_characters: int):
        self.max_characters = max_characters
        self.pages: list[str] = []
        self.current: list[str] = []
        self.length = 0

    def add(self, text: str) -> None:
        if not text:
            return
        room = self.max_characters - self.length
        if len(text) > room:
            self.current.append(text[:room])
            self.length = self.max_characters
            raise LimitReached("too_many_characters", limit=self.max_characters)
        self.current.append(text)
        self.length += len(text)

    def new_page(self) -> None:
        self.pages.append("".join(self.current))
        self.current = []

    def finish(self) -> list[str]:
        self.new_page()
        while len(self.pages) > 1 and not self.pages[-1].strip():
            self.pages.pop()  # a break at the very end makes no page
        return self.pages


def has_text(pages: list[str]) -> bool:
    return any(character.isalnum() for page in pages for character in page)


def read_pdf(data: bytes, limits: dict) -> dict:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        return {"status": "failed", "code": "encrypted"}
    page_count = len(reader.pages)
    if page_count > limits["max_pages"]:
        return {
            "status": "too_large",
            "code": "too_many_pages",
            "page_count": page_count,
            "values": {"count": page_count, "limit": limits["max_pages"]},
        }
    pages = Pages(limits["max_characters"])
    try:
        for number, page in enumerate(reader.pages):
            if number:
                pages.new_page()
            pages.add(page.extract_text() or "")
    except LimitReached as limit:
        return {
            "status": "too_large",
            "code": limit.code,
            "pages": pages.finish(),
            "page_count": page_count,
            "values": limit.values,
        }
    text = pages.finish()
    if not has_text(text):
        return {"status": "no_text", "code": "no_text_layer", "page_count": page_count}
    return {"status": "extracted", "pages": text, "page_count": page_count}


def check_archive(archive: zipfile.ZipFile, limits: dict) -> None:
    """Refuse an archive that would expand too far, in total or member by member (zip bomb)."""
    members = archive.infolist()
    if len(members) > limits["max_zip_members"]:
        raise LimitReached("too_many_members", count=len(members), limit=limits["max_zip_members"])
    total = sum(member.file_size for member in members)
    if total > limits["max_uncompressed_size"]:
        raise LimitReached("expands_too_far", size=total, limit_size=limits["max_uncompressed_size"])
    for member in members:
        if member.file_size >= RATIO_CHECKED_FROM:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits["max_compression_ratio"]:
                raise LimitReached("compression_ratio", ratio=int(ratio), limit=limits["max_compression_ratio"])


def iter_xml(archive: zipfile.ZipFile, name: str):
    from defusedxml.ElementTree import iterparse

    # zipfile never returns more than the member's declared size (checked above).
    with archive.open(name) as stream:
        yield from iterparse(stream, events=("end",), forbid_dtd=True, forbid_entities=True, forbid_external=True)


def read_docx(archive: zipfile.ZipFile, limits: dict) -> list[str]:
    """Paragraphs of word/document.xml; explicit page breaks (break, "page break before") start a page."""
    pages = Pages(limits["max_characters"])
    started = False
    for _event, element in iter_xml(archive, "word/document.xml"):
        tag = element.tag
        if tag == f"{W}t":
            pages.add(element.text or "")
            started = True
        elif tag == f"{W}tab":
            pages.add("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            if element.get(f"{W}type") == "page":
                pages.new_page()
            else:
                pages.add("\n")
        elif tag == f"{W}pPr":
            before = element.find(f"{W}pageBreakBefore")
            if before is not None and before.get(f"{W}val", "true") not in ("false", "0") and started:
                pages.new_page()
        elif tag == f"{W}p":
            pages.add("\n")
            element.clear()
    return pages.finish()


def odf_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1") or 1))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_odt(archive: zipfile.ZipFile, limits: dict) -> list[str]:
    """Paragraphs and headings of content.xml, as one page (page breaks come from styles there)."""
    pages = Pages(limits["max_characters"])
    for _event, element in iter_xml(archive, "content.xml"):
        if element.tag in (f"{TEXT}p", f"{TEXT}h"):
            pages.add(odf_text(element) + "\n")
            element.clear()
    return pages.finish()


def read_office(data: bytes, kind: str, limits: dict) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            check_archive(archive, limits)
            text = read_docx(archive, limits) if kind == "docx" else read_odt(archive, limits)
        except LimitReached as limit:
            if limit.code == "too_many_characters":
                return {"status": "too_large", "code": limit.code, "pages": [], "values": limit.values}
            return {"status": "too_large", "code": limit.code, "values": limit.values}
    if not has_text(text):
        return {"status": "no_text", "code": "empty_document", "page_count": len(text)}
    return {"status": "extracted", "pages": text, "page_count": len(text)}


def limit_resources(limits: dict) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: the parent's timeout still applies
        return
    memory = limits["max_memory"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = max(1, int(limits["timeout"]))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def parse(kind: str, data: bytes, limits: dict) -> dict:
    try:
        if kind == "pdf":
            return read_pdf(data, limits)
        if kind in ("docx", "odt"):
            return read_office(data, kind, limits)
        return {"status": "failed", "code": "unsupported"}
    except MemoryError:
        return {"status": "too_large", "code": "memory"}
    except RecursionError:
        return {"status": "failed", "code": "unreadable"}
    except Exception as error:  # noqa: BLE001 (any parser error: the file cannot be read)
        return {"status": "failed", "code": "unreadable", "values": {"error": type(error).__name__}}


def main() -> int:
    kind = sys.argv[1]
    limits = json.loads(sys.argv[2])
    data = sys.stdin.buffer.read(limits["max_file_size"] + 1)
    limit_resources(limits)
    result = parse(kind, data, limits)
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
