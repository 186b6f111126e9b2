"""The legal library's admin: the text status of documents, in Wagtail's documents listing."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.documents.views import documents as wagtail_documents

from .models import TextStatus

# Statuses an editor should act on (shown highlighted): a scan to recognise, a file that could not be read.
NEEDS_ATTENTION = {TextStatus.NO_TEXT, TextStatus.TOO_LARGE, TextStatus.FAILED}


def text_status(document) -> str:
    document_text = getattr(document, "extracted_text", None)
    return document_text.get_status_display() if document_text else _("Text not read yet")


def text_needs_attention(document) -> bool:
    document_text = getattr(document, "extracted_text", None)
    return bool(document_text and document_text.status in NEEDS_ATTENTION)


class DocumentIndexView(wagtail_documents.IndexView):
    """Wagtail's listing of documents, with a "Text" column (extracted, no text: OCR needed, …)."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("extracted_text")

    @cached_property
    def columns(self):
        columns = list(super().columns)
        status = StatusTagColumn(
            "text_status", label=_("Text"), accessor=text_status, primary=text_needs_attention, width="16%"
        )
        columns.insert(len(columns) - 1, status)  # before "Usage"
        return columns


@hooks.register("register_admin_urls")
def documents_listing_with_text_status():
    # Registered before wagtail.documents' own (the "home" app comes first): the same addresses and names.
    return [
        path("documents/", DocumentIndexView.as_view(), name="library_documents_index"),
        path("documents/results/", DocumentIndexView.as_view(results_only=True), name="library_documents_results"),
    ]
