"""The associations' yearly reports, uploaded from the extranet."""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.log_actions import log as log_action

from home.models import Association, AssociationReport, ReportVisibility
from home.uploads import generated_filename, sniff_document_type

from .collections import members_only_collection, public_reports_collection


@transaction.atomic
def upload_report(*, association: Association, user, year: int, visibility: str, uploaded_file, title: str = ""):
    """Store a yearly report as a Wagtail document in the collection that matches its visibility."""
    Document = get_document_model()
    collection = public_reports_collection() if visibility == ReportVisibility.PUBLIC else members_only_collection()
    report_title = title or f"{association.acronym or association.name} — {year}"
    document = Document(title=report_title, collection=collection, uploaded_by_user=user)
    # The stored name's extension follows the content (checked by the form), never the uploaded
    # name: Wagtail derives the served Content-Type from it.
    kind = sniff_document_type(uploaded_file) or "bin"
    document.file.save(generated_filename(kind), File(uploaded_file), save=False)
    document.file_size = uploaded_file.size
    document.save()
    report = AssociationReport.objects.create(
        association=association, year=year, title=title, document=document, visibility=visibility, uploaded_by=user
    )
    log_action(instance=report, action="extranet.report_upload", user=user)
    return report
