"""Base forms of Wagtail's document and image admin (``WAGTAILDOCS_DOCUMENT_FORM_BASE``,
``WAGTAILIMAGES_IMAGE_FORM_BASE``).

Wagtail builds its single and multiple upload forms on them, so every admin upload is checked by
its content (``home.core.uploads``) and stored under a generated name; images lose their metadata.
The uploaded file is changed in place (name, and content for images) because Wagtail's multiple
uploader may keep the very file object of the request for later.
"""

from __future__ import annotations

import io
import os

import willow
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .uploads import (
    IMAGE_FORMATS,
    MAX_DOCUMENT_SIZE,
    generated_filename,
    strip_image_metadata,
    validate_document,
    validate_image,
)

ADMIN_DOCUMENT_KINDS = {"pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "txt"}


def _replace_upload(uploaded: UploadedFile, data: bytes) -> None:
    """Put ``data`` in place of the uploaded bytes, whether they are in memory or on disk."""
    if hasattr(uploaded, "temporary_file_path"):
        handle = uploaded.file
        handle.seek(0)
        handle.truncate()
        handle.write(data)
        handle.flush()
        handle.seek(0)
    else:
        uploaded.file = io.BytesIO(data)
    uploaded.size = len(data)


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile):
            return uploaded  # editing without a new file
        max_size = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or MAX_DOCUMENT_SIZE
        kind = validate_document(uploaded, ADMIN_DOCUMENT_KINDS, max_size=max_size)
        if kind == "txt" and os.path.splitext(uploaded.name)[1].lower() == ".csv":
            kind = "csv"
        uploaded.name = generated_filename(kind)  # the extension follows the content
        return uploaded


class ImageForm(BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile):
            return uploaded  # editing without a new file
        image_format = validate_image(
            uploaded,
            max_size=getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None),
            max_pixels=getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None),
        )
        stripped = strip_image_metadata(uploaded)
        if stripped is not None:
            _replace_upload(uploaded, stripped)
            uploaded.image = willow.Image.open(io.BytesIO(stripped))
        uploaded.name = generated_filename(IMAGE_FORMATS[image_format])
        return uploaded
