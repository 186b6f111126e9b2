"""Checks on uploaded files: the type is read from the content, never from the name.

Every upload path uses these functions: Wagtail's admin forms (``home.core.upload_forms``), the
extranet's reports, logos and declaration documents. A file is stored under a generated name
(``generated_filename``) so that its address says nothing about it and cannot be guessed.
"""

from __future__ import annotations

import codecs
import io
import secrets
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, JpegImagePlugin
from wagtail.utils.file import hash_filelike

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
MAX_IMAGE_SIZE = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
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

# Plain text is accepted only when a browser could never take it for a page or a program.
TEXT_SNIFF_BYTES = 1024
MARKUP_MARKERS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<iframe", b"<?xml", b"<object")

IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}  # Pillow's name: stored extension


def generated_filename(extension: str) -> str:
    """A random name with the given extension: stored names carry no title, date or author."""
    return f"{secrets.token_urlsafe(18)}.{extension}"


# --- Documents ------------------------------------------------------------------------


def _sniff_zip_document(uploaded_file) -> str | None:
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_ZIP_EXPANDED_SIZE:
                return None  # an archive that expands too far (zip bomb)
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
                        if "macroenabled" in content_types.lower():
                            return None
                        return kind
    # zipfile raises NotImplementedError for compression methods it cannot read: not a document we accept.
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    return None


def _is_plain_text(uploaded_file) -> bool:
    """UTF-8 text without NUL bytes that starts like neither a web page nor a script."""
    head = uploaded_file.read(TEXT_SNIFF_BYTES)
    uploaded_file.seek(0)
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if not start or start.startswith((b"<", b"#!")) or any(marker in head.lower() for marker in MARKUP_MARKERS):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in iter(lambda: uploaded_file.read(64 * 1024), b""):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff_document_type(uploaded_file) -> str | None:
    """Return 'pdf', 'odt', 'docx', … or 'txt' from the file's bytes, or None when it is none of those.

    Web pages, SVG, executables (ELF, PE, Mach-O, scripts), documents with macros and archives
    that would expand too far are all None.
    """
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            return _sniff_zip_document(uploaded_file)
        if _is_plain_text(uploaded_file):
            return "txt"
        return None
    finally:
        uploaded_file.seek(0)


def check_size(uploaded_file, max_size: int) -> None:
    """Raise a translated ValidationError for an empty file or one larger than ``max_size`` bytes."""
    if uploaded_file is None or uploaded_file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded_file.size > max_size:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(max_size)},
            code="too_large",
        )


def validate_document(uploaded_file, allowed: set[str], max_size: int | None = None) -> str:
    """Raise a translated ValidationError unless the file is one of ``allowed``; return its kind."""
    if max_size is None:
        max_size = MAX_DOCUMENT_SIZE  # read when called, so that settings/tests can change the limit
    check_size(uploaded_file, max_size)
    kind = sniff_document_type(uploaded_file)
    if kind not in allowed:
        raise ValidationError(
            _("This file is not an accepted document. Accepted formats: %(formats)s.")
            % {"formats": ", ".join(sorted(kind.upper() for kind in allowed))},
            code="bad_type",
        )
    return kind


# --- Images ---------------------------------------------------------------------------


def validate_image(
    uploaded_file,
    *,
    formats: set[str] | frozenset[str] = frozenset(IMAGE_FORMATS),
    max_size: int | None = None,
    max_pixels: int | None = None,
) -> str:
    """Raise a translated ValidationError unless Pillow reads one of ``formats``; return the format.

    ``formats`` are Pillow's names (PNG, JPEG, GIF, WEBP). SVG, which can carry scripts, is
    never an image here. The pixel count covers every frame of an animation.
    """
    max_size = MAX_IMAGE_SIZE if max_size is None else max_size
    max_pixels = MAX_IMAGE_PIXELS if max_pixels is None else max_pixels
    check_size(uploaded_file, max_size)
    bad_type = ValidationError(
        _("This file is not an accepted image. Accepted formats: %(formats)s.")
        % {"formats": ", ".join(sorted(formats))},
        code="bad_type",
    )
    too_many_pixels = ValidationError(
        _("The image has too many pixels; the limit is %(limit)s megapixels.")
        % {"limit": f"{max_pixels / 1_000_000:g}"},
        code="too_many_pixels",
    )
    uploaded_file.seek(0)
    try:
        with Image.open(uploaded_file, formats=sorted(formats)) as image:
            if image.width * image.height * getattr(image, "n_frames", 1) > max_pixels:
                raise too_many_pixels
            image_format = image.format
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on broken files
        raise bad_type from None
    finally:
        uploaded_file.seek(0)
    return image_format


# Only these survive in a stored image: colours and animation, nothing about who, where or when.
KEPT_IMAGE_INFO = {"icc_profile", "transparency", "duration", "loop", "background", "disposal", "blend"}
HARMLESS_IMAGE_INFO = KEPT_IMAGE_INFO | {
    "dpi", "gamma", "srgb", "chromaticity", "aspect", "interlace", "progressive", "progression",
    "jfif", "jfif_version", "jfif_unit", "jfif_density", "adobe", "adobe_transform", "version",
    "default_image", "extension", "palette", "compression", "lossless", "bbox",
}  # fmt: skip


def image_has_metadata(image: Image.Image) -> bool:
    """Whether the image carries EXIF (GPS, camera, date), XMP, IPTC, comments or text chunks."""
    if image.getexif():
        return True
    if any(key not in HARMLESS_IMAGE_INFO for key in image.info):
        return True
    return any(marker not in {"APP0", "APP2", "APP14"} for marker, _data in getattr(image, "applist", []))


def _encode(image: Image.Image, image_format: str, original: Image.Image) -> bytes:
    options = {key: value for key, value in original.info.items() if key in KEPT_IMAGE_INFO}
    if image_format == "JPEG":
        options["qtables"] = original.quantization  # the same quality as the camera's file
        options["subsampling"] = JpegImagePlugin.get_sampling(original)
        if options["subsampling"] == -1:
            del options["subsampling"]
    elif image_format == "WEBP":
        options["lossless"] = bool(original.info.get("lossless"))
        options.setdefault("quality", 90)
    if getattr(original, "n_frames", 1) > 1:
        options["save_all"] = True
    output = io.BytesIO()
    image.save(output, format=image_format, **options)
    return output.getvalue()


def strip_image_metadata(file) -> bytes | None:
    """The image re-encoded without metadata, its EXIF orientation applied; None when it has none.

    Photos taken by phones record where they were taken: a stored image never keeps it, nor
    does any rendition made from it.
    """
    file.seek(0)
    try:
        with Image.open(file) as original:
            if original.format not in IMAGE_FORMATS or not image_has_metadata(original):
                return None
            if getattr(original, "n_frames", 1) > 1:
                cleaned = original  # animations: frames are re-encoded as they are
                original.info = {key: value for key, value in original.info.items() if key in KEPT_IMAGE_INFO}
            else:
                cleaned = ImageOps.exif_transpose(original)
                cleaned.info = {}
            data = _encode(cleaned, original.format, original)
    finally:
        file.seek(0)
    return data


def image_extension(file) -> str | None:
    """The stored extension of a PNG, JPEG, GIF or WebP file, read from its content."""
    file.seek(0)
    try:
        with Image.open(file, formats=list(IMAGE_FORMATS)) as image:
            return IMAGE_FORMATS[image.format]
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on broken files
        return None
    finally:
        file.seek(0)


def stripped_image_file(file) -> ContentFile | None:
    """``strip_image_metadata`` as a file under a generated name, for a model's file field."""
    data = strip_image_metadata(file)
    if data is None:
        return None
    return ContentFile(data, name=generated_filename(image_extension(file)))


def strip_metadata_of_new_image_file(sender, instance, **kwargs):
    """``pre_save`` of the image model: a new image file is stored without EXIF/GPS/XMP/comments,
    under a generated name, whatever path stored it (admin, extranet logos, demo content).

    Files saved through ``home.core.upload_forms.ImageForm`` are already clean: they pass unchanged.
    """
    file = instance.file
    if not file or file._committed:
        return
    stripped = stripped_image_file(file)
    if stripped is None:
        extension = image_extension(file)
        if extension:
            file.name = generated_filename(extension)
        return
    instance.file = stripped  # Django's ImageField updates width and height
    instance.file_size = stripped.size
    instance.file_hash = hash_filelike(stripped)
