"""Files the member area receives, stored as Wagtail documents."""

from __future__ import annotations

from django.core.files.base import File
from wagtail.documents import get_document_model
from wagtail.models import Collection

from home.core.uploads import generated_filename, sniff_document_type


def store_document(*, uploaded_file, title: str, collection: Collection, user):
    """A Wagtail document in ``collection``, under a random name whose extension follows the content.

    Never the uploaded name: Wagtail derives the served Content-Type from the extension (the
    forms check the content), and a draft's document must not be found by guessing its address.
    """
    Document = get_document_model()
    document = Document(title=title, collection=collection, uploaded_by_user=user)
    kind = sniff_document_type(uploaded_file) or "bin"
    document.file.save(generated_filename(kind), File(uploaded_file), save=False)
    document.file_size = uploaded_file.size
    document.save()
    return document
