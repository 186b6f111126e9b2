"""The associations' yearly reports, uploaded from the extranet."""

from __future__ import annotations

from django.db import transaction
from wagtail.log_actions import log as log_action

from home.models import Association, AssociationReport, ReportVisibility

from .collections import members_only_collection, public_reports_collection
from .documents import store_document


@transaction.atomic
def upload_report(*, association: Association, user, year: int, visibility: str, uploaded_file, title: str = ""):
    """Store a yearly report as a Wagtail document in the collection that matches its visibility."""
    collection = public_reports_collection() if visibility == ReportVisibility.PUBLIC else members_only_collection()
    report_title = title or f"{association.acronym or association.name} — {year}"
    document = store_document(uploaded_file=uploaded_file, title=report_title, collection=collection, user=user)
    report = AssociationReport.objects.create(
        association=association, year=year, title=title, document=document, visibility=visibility, uploaded_by=user
    )
    log_action(instance=report, action="extranet.report_upload", user=user)
    return report
