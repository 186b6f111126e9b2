"""Checks on uploaded files: the type is read from the content, never from the name."""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
MAX_ZIP_MEMBERS = 2_000
MAX_ZIP_EXPANDED_SIZE = 200 * 1024 * 1024

OPENDOCUMENT_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_MAIN_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
MACRO_FILE = "vbaproject.bin"  # VBA macros of office documents
MACRO_FOLDERS = ("basic/", "scripts/")  # macros of OpenDocument files


def sniff_document_type(uploaded_file) -> str | None:
    """Return 'pdf', 'odt', 'docx', … from the file's bytes, or None when it is none of those."""
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_ZIP_EXPANDED_SIZE:
                return None
            names = {member.filename for member in members}
            lowered = {name.lower() for name in names}
            if any(name.endswith(MACRO_FILE) or name.startswith(MACRO_FOLDERS) for name in lowered):
                return None  # documents carrying macros are refused
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return OPENDOCUMENT_MIMETYPES.get(mimetype)
            if "[Content_Types].xml" in names:
                for part, kind in OOXML_MAIN_PARTS.items():
                    if part in names:
                        content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
                        if "macroEnabled" in content_types:
                            return None
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded_file.seek(0)
    return None


def validate_document(uploaded_file, allowed: set[str], max_size: int | None = None) -> str:
    """Raise a translated ValidationError unless the file is one of ``allowed``; return its kind."""
    if max_size is None:
        max_size = MAX_DOCUMENT_SIZE  # read when called, so that settings/tests can change the limit
    if uploaded_file is None or uploaded_file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded_file.size > max_size:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(max_size)},
            code="too_large",
        )
    kind = sniff_document_type(uploaded_file)
    if kind not in allowed:
        raise ValidationError(
            _("This file is not an accepted document. Accepted formats: %(formats)s.")
            % {"formats": ", ".join(sorted(kind.upper() for kind in allowed))},
            code="bad_type",
        )
    return kind
