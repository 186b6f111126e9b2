"""The text of documents, page by page: read when a document is uploaded or its file replaced, in the background.

- **When**: saving a Wagtail document whose file is new or changed marks its ``DocumentText`` pending and,
  once the transaction commits, queues ``extract_text`` on the ``documents`` task backend (the worker:
  ``manage.py db_worker --backend documents --queue-name documents``; development and the tests read
  at once). The task hashes the file (SHA-256, ``DocumentText.file_hash``): the same bytes are not read twice.
- **How**: PDF (pypdf), DOCX and ODT (zipfile and defusedxml) are parsed by ``home.library.parsing`` in a
  child process that caps its memory and CPU time and is killed after ``DOCUMENT_TEXT_TIMEOUT`` seconds.
  Limits (``DOCUMENT_TEXT_*`` settings): file size, pages, characters, uncompressed size and compression
  ratio of DOCX/ODT. A limit reached gives a status (too large, could not be read) and a reason shown
  in the admin, never an error in a request. Other formats are "unsupported".
- **Scans**: a PDF without a text layer is "no text: OCR needed"; ``manage.py ocr_documents`` rasterises it
  (poppler's ``pdftoppm``) and recognises it (``tesseract -l fra+eng``), within the same limits.
- **Search**: once the text is stored, the live legal resources (every language) that use the document
  are indexed again, so that their search fields can include it.

The file is always read through its storage (local folder or S3 bucket), never from a local path.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.search.index import insert_or_update_object

from home.core.caching.generation import invalidate

from .models import DocumentText, DocumentTextPage, LegalResourcePage, TextStatus

logger = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
PARSER_COMMAND = [sys.executable, "-m", "home.library.parsing"]  # then the kind and the limits (JSON)
TASK_BACKEND = "documents"
DEFAULTS = {
    "DOCUMENT_TEXT_MAX_FILE_SIZE": 50 * 1024 * 1024,
    "DOCUMENT_TEXT_MAX_PAGES": 1000,
    "DOCUMENT_TEXT_MAX_CHARACTERS": 5_000_000,
    "DOCUMENT_TEXT_TIMEOUT": 60,  # seconds, for reading one document (OCR: for each page)
    "DOCUMENT_TEXT_MAX_MEMORY": 1024 * 1024 * 1024,  # address space of the reading process
    "DOCUMENT_TEXT_MAX_UNCOMPRESSED_SIZE": 100 * 1024 * 1024,
    "DOCUMENT_TEXT_MAX_COMPRESSION_RATIO": 100,
    "DOCUMENT_TEXT_MAX_ZIP_MEMBERS": 2000,
    "DOCUMENT_TEXT_OCR_RESOLUTION": 300,  # dots per inch of the page images tesseract reads
    "DOCUMENT_TEXT_TESSERACT": "tesseract",  # command names (or paths) of OCR's programs
    "DOCUMENT_TEXT_PDFTOPPM": "pdftoppm",
}
OCR_LANGUAGES = "fra+eng"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
STATUS_BY_RESULT = {
    "extracted": TextStatus.EXTRACTED,
    "no_text": TextStatus.NO_TEXT,
    "too_large": TextStatus.TOO_LARGE,
    "failed": TextStatus.FAILED,
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])


def limits() -> dict:
    return {
        "max_file_size": setting("DOCUMENT_TEXT_MAX_FILE_SIZE"),
        "max_pages": setting("DOCUMENT_TEXT_MAX_PAGES"),
        "max_characters": setting("DOCUMENT_TEXT_MAX_CHARACTERS"),
        "timeout": setting("DOCUMENT_TEXT_TIMEOUT"),
        "max_memory": setting("DOCUMENT_TEXT_MAX_MEMORY"),
        "max_uncompressed_size": setting("DOCUMENT_TEXT_MAX_UNCOMPRESSED_SIZE"),
        "max_compression_ratio": setting("DOCUMENT_TEXT_MAX_COMPRESSION_RATIO"),
        "max_zip_members": setting("DOCUMENT_TEXT_MAX_ZIP_MEMBERS"),
    }


def detail(code: str, **values) -> str:
    """What ``DocumentText.detail`` keeps: a code and its values, translated when shown."""
    return json.dumps({"code": code, **values})[:255]


@dataclass
class Result:
    status: str
    code: str = ""
    pages: list[str] = field(default_factory=list)
    page_count: int | None = None
    values: dict = field(default_factory=dict)


# --- Reading the file -------------------------------------------------------------------------


class FileTooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def read_file(document, max_size: int) -> bytes:
    """The document's bytes, read through its storage (local or S3), at most ``max_size``."""
    storage = document.file.storage
    with storage.open(document.file.name, "rb") as handle:
        data = handle.read(max_size + 1)
    if len(data) > max_size:
        try:
            size = storage.size(document.file.name)
        except (OSError, NotImplementedError):
            size = len(data)
        raise FileTooLarge(size)
    return data


def document_kind(data: bytes) -> str | None:
    """'pdf', 'docx' or 'odt' from the bytes, or None for every other format."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names and "content.xml" in names:
                    info = archive.getinfo("mimetype")
                    if info.file_size < 100 and archive.read(info).strip() == ODT_MIMETYPE:
                        return "odt"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            return None
    return None


def child_environment() -> dict:
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "PYTHONPATH": str(PROJECT_ROOT)}
    environment["OMP_THREAD_LIMIT"] = "1"  # tesseract: one core, the site's other work goes on
    return environment


def parse_in_child(kind: str, data: bytes) -> Result:
    """Run ``home.library.parsing`` on ``data`` in a child process, killed after the timeout."""
    current = limits()
    try:
        completed = subprocess.run(  # noqa: S603 (our own interpreter and module, no shell)
            [*PARSER_COMMAND, kind, json.dumps(current)],
            input=data,
            capture_output=True,
            timeout=current["timeout"],
            cwd=PROJECT_ROOT,
            env=child_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Result("failed", "timeout", values={"limit": current["timeout"]})
    if completed.returncode != 0:
        # Killed for its CPU time (SIGXCPU) or its memory: the same as a timeout for the reader.
        return Result("failed", "crashed")
    try:
        answer = json.loads(completed.stdout)
    except ValueError:
        return Result("failed", "crashed")
    return Result(
        status=answer["status"],
        code=answer.get("code", ""),
        pages=answer.get("pages") or [],
        page_count=answer.get("page_count"),
        values=answer.get("values") or {},
    )


# --- Storing the text -------------------------------------------------------------------------


def store(document, status: str, *, file_hash: str, pages=(), page_count=None, detail_text: str = "") -> DocumentText:
    pages = [text.replace("\x00", "") for text in pages]  # PostgreSQL keeps no NUL character
    with transaction.atomic():
        document_text, _created = DocumentText.objects.select_for_update().get_or_create(document=document)
        document_text.status = status
        document_text.file_hash = file_hash
        document_text.page_count = page_count if page_count is not None else (len(pages) or None)
        document_text.detail = detail_text
        document_text.save()
        document_text.pages.all().delete()
        DocumentTextPage.objects.bulk_create(
            DocumentTextPage(document_text=document_text, number=number, text=text)
            for number, text in enumerate(pages, start=1)
            if text.strip()
        )
    reindex_resources(document)
    return document_text


def read_or_status(document, current: dict) -> tuple[bytes, DocumentText | None]:
    """The document's bytes, or the status stored when they cannot be had (too large, missing)."""
    try:
        return read_file(document, current["max_file_size"]), None
    except FileTooLarge as too_large:
        return b"", store(
            document,
            TextStatus.TOO_LARGE,
            file_hash="",
            detail_text=detail("file_too_large", size=too_large.size, limit_size=current["max_file_size"]),
        )
    except Exception:  # noqa: BLE001 (whatever the storage raises: a missing file, a bucket that does not answer)
        logger.warning("The file of document %s could not be read", document.pk, exc_info=True)
        return b"", store(document, TextStatus.FAILED, file_hash="", detail_text=detail("missing_file"))


def extract(document, *, force: bool = False) -> DocumentText:
    """Read ``document``'s text (unless the same file was read already) and store it, page by page."""
    current = limits()
    existing = DocumentText.objects.filter(document=document).first()
    data, unreadable = read_or_status(document, current)
    if unreadable is not None:
        return unreadable
    file_hash = hashlib.sha256(data).hexdigest()
    if existing and not force and existing.file_hash == file_hash and existing.status != TextStatus.PENDING:
        return existing
    kind = document_kind(data)
    if kind is None:
        return store(document, TextStatus.UNSUPPORTED, file_hash=file_hash, detail_text=detail("unsupported"))
    result = parse_in_child(kind, data)
    return store(
        document,
        STATUS_BY_RESULT.get(result.status, TextStatus.FAILED),
        file_hash=file_hash,
        pages=result.pages,
        page_count=result.page_count,
        detail_text=detail(result.code, **result.values) if result.code else "",
    )


@task(backend=TASK_BACKEND, queue_name="documents")
def extract_text(document_id: int, force: bool = False) -> str:
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "deleted"
    return extract(document, force=force).status


def documents_to_read():
    """Documents whose text was never read or is still pending (a lost task, a document older than the feature)."""
    return documents_with_status(TextStatus.PENDING)


def documents_with_status(*statuses: str):
    """Documents whose text has one of ``statuses`` or was never read."""
    unread = Q(extracted_text__isnull=True) | Q(extracted_text__status__in=statuses)
    return get_document_model().objects.filter(unread).order_by("pk")


def extract_pending() -> dict[str, int]:
    """Read, in this process, every document ``documents_to_read`` gives; the count of each resulting status."""
    counts: dict[str, int] = {}
    for document in documents_to_read().iterator():
        status = extract(document).status
        counts[status] = counts.get(status, 0) + 1
    return counts


# --- The legal resources that show the document -----------------------------------------------


def resources_using(document) -> list[LegalResourcePage]:
    """The live legal resources, in every language, whose ``documents`` include ``document``."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            content_type=ContentType.objects.get_for_model(LegalResourcePage),
        )
        .values_list("object_id", flat=True)
    )
    keys = LegalResourcePage.objects.filter(pk__in=[int(pk) for pk in page_ids]).values_list(
        "translation_key", flat=True
    )
    return list(LegalResourcePage.objects.live().filter(translation_key__in=list(keys)))


def reindex_resources(document) -> None:
    """Index the new text with the resources that show the document, and let cached pages and
    listings go (a search of the library may now find them)."""
    pages = resources_using(document)
    for page in pages:
        insert_or_update_object(page)
    if pages:
        invalidate()


# --- When a document is saved -----------------------------------------------------------------


def note_file_change(sender, instance, raw=False, **kwargs) -> None:
    """Before a document is saved: is its file new or another one?"""
    if raw:
        return
    if instance.pk is None:
        instance._text_file_changed = True
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    instance._text_file_changed = stored != instance.file.name


def queue_extraction(sender, instance, created=False, raw=False, update_fields=None, **kwargs) -> None:
    """After a document is saved with a new file: its text is read once the transaction commits.

    A new document's text is "being read" until then; a replaced file keeps the status of the
    previous one until the worker has compared the hashes (the same bytes are not read again).
    """
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    changed = getattr(instance, "_text_file_changed", created)
    exists = DocumentText.objects.filter(document=instance).exists()
    if exists and not changed:
        return
    if not exists:
        DocumentText.objects.create(document=instance, status=TextStatus.PENDING)
    document_id = instance.pk
    transaction.on_commit(lambda: extract_text.enqueue(document_id))


def connect_document_text() -> None:
    Document = get_document_model()
    pre_save.connect(note_file_change, sender=Document, dispatch_uid="library_note_document_file_change")
    post_save.connect(queue_extraction, sender=Document, dispatch_uid="library_queue_document_text")


# --- OCR ---------------------------------------------------------------------------------------


class OCRUnavailable(Exception):
    """tesseract, its French or English data, or pdftoppm is missing: the message says which."""


def ocr_programs() -> tuple[str, str]:
    """The paths of tesseract and pdftoppm, or OCRUnavailable with a clear message."""
    tesseract = shutil.which(setting("DOCUMENT_TEXT_TESSERACT"))
    pdftoppm = shutil.which(setting("DOCUMENT_TEXT_PDFTOPPM"))
    missing = []
    if tesseract is None:
        missing.append("tesseract (Debian: apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng)")
    if pdftoppm is None:
        missing.append("pdftoppm (Debian: apt-get install poppler-utils)")
    if missing:
        raise OCRUnavailable("OCR is not available, nothing was changed. Missing: " + "; ".join(missing) + ".")
    listed = subprocess.run(  # noqa: S603 (a program found on PATH, no shell)
        [tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False, env=child_environment()
    )
    languages = set(listed.stdout.split())
    absent = [code for code in OCR_LANGUAGES.split("+") if code not in languages]
    if absent:
        raise OCRUnavailable(
            "OCR is not available, nothing was changed: tesseract has no data for "
            + ", ".join(absent)
            + " (Debian: apt-get install "
            + " ".join(f"tesseract-ocr-{code}" for code in absent)
            + ")."
        )
    return tesseract, pdftoppm


def _limiter(memory: int, cpu: int):
    def limit() -> None:  # runs in the child, before it becomes the program
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    return limit


def _run_limited(command: list[str], timeout: int) -> subprocess.CompletedProcess:
    limit = _limiter(setting("DOCUMENT_TEXT_MAX_MEMORY"), max(1, int(timeout)))
    return subprocess.run(  # noqa: S603 (programs found on PATH, no shell)
        command,
        capture_output=True,
        timeout=timeout,
        check=False,
        env=child_environment(),
        preexec_fn=limit if os.name == "posix" else None,  # noqa: PLW1509 (sets limits only)
    )


def ocr(document, programs: tuple[str, str] | None = None) -> DocumentText:
    """Recognise the text of a PDF without a text layer, page by page; status OCR when words were found."""
    tesseract, pdftoppm = programs or ocr_programs()
    current = limits()
    data, unreadable = read_or_status(document, current)
    if unreadable is not None:
        return unreadable
    file_hash = hashlib.sha256(data).hexdigest()
    if document_kind(data) != "pdf":
        return store(document, TextStatus.UNSUPPORTED, file_hash=file_hash, detail_text=detail("unsupported"))
    existing = DocumentText.objects.filter(document=document).first()
    page_count = existing.page_count if existing and existing.file_hash == file_hash else None
    if page_count is None:
        page_count = parse_in_child("pdf", data).page_count
    if not page_count:
        return store(document, TextStatus.FAILED, file_hash=file_hash, detail_text=detail("unreadable"))
    if page_count > current["max_pages"]:
        return store(
            document,
            TextStatus.TOO_LARGE,
            file_hash=file_hash,
            page_count=page_count,
            detail_text=detail("too_many_pages", count=page_count, limit=current["max_pages"]),
        )
    timeout = current["timeout"]
    resolution = str(setting("DOCUMENT_TEXT_OCR_RESOLUTION"))
    pages: list[str] = []
    length = 0
    with tempfile.TemporaryDirectory(prefix="ocr-") as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(data)
        for number in range(1, page_count + 1):
            image = Path(folder) / f"page-{number}"
            try:
                rendered = _run_limited(
                    [pdftoppm, "-r", resolution, "-gray", "-png", "-singlefile", "-f", str(number), "-l", str(number)]
                    + [str(source), str(image)],
                    timeout,
                )
                if rendered.returncode != 0:
                    return store(document, TextStatus.FAILED, file_hash=file_hash, detail_text=detail("unreadable"))
                png = image.with_suffix(".png")
                recognised = _run_limited([tesseract, str(png), "stdout", "-l", OCR_LANGUAGES], timeout)
                png.unlink(missing_ok=True)
            except subprocess.TimeoutExpired:
                return store(
                    document, TextStatus.FAILED, file_hash=file_hash, detail_text=detail("timeout", limit=timeout)
                )
            if recognised.returncode != 0:
                return store(document, TextStatus.FAILED, file_hash=file_hash, detail_text=detail("crashed"))
            text = recognised.stdout.decode("utf-8", "replace")
            room = current["max_characters"] - length
            if len(text) > room:
                pages.append(text[:room])
                return store(
                    document,
                    TextStatus.TOO_LARGE,
                    file_hash=file_hash,
                    pages=pages,
                    page_count=page_count,
                    detail_text=detail("too_many_characters", limit=current["max_characters"]),
                )
            pages.append(text)
            length += len(text)
    if not any(character.isalnum() for text in pages for character in text):
        no_text = detail("no_text_layer")
        return store(document, TextStatus.NO_TEXT, file_hash=file_hash, page_count=page_count, detail_text=no_text)
    return store(
        document, TextStatus.OCR, file_hash=file_hash, pages=pages, page_count=page_count, detail_text=detail("ocr")
    )


def documents_needing_ocr(everything: bool = False):
    """Documents whose text is "no text: OCR needed" (with ``everything``: those already recognised too)."""
    statuses = [TextStatus.NO_TEXT, TextStatus.OCR] if everything else [TextStatus.NO_TEXT]
    return get_document_model().objects.filter(extracted_text__status__in=statuses).order_by("pk")
