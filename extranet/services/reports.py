"""The associations' yearly reports, uploaded from the extranet."""

from __future__ import annotations

from django.db import transaction
from wagtail.log_actions import log as log_action

from home.models import Association, AssociationReport, ReportVisibility

from .collections import members_only_collection, public_reports_collection
from .documents import store_document
from .moderation import editable_version, moderation_status, submit_for_moderation


@transaction.atomic
def upload_report(
    *,
    association: Association,
    user,
    year: int,
    visibility: str,
    uploaded_file,
    title_fr: str = "",
    title_en: str = "",
):
    """Store a yearly report as a Wagtail document in the collection that matches its visibility.

    A members-only report is published at once (only members read it). A public one goes through
    the profiles' moderation: it stays off the public profile, and its document private to the
    association and the coordinators, until a coordinator approves it. Later corrections of the
    titles go through moderation too (``submit_titles``).
    """
    collection = public_reports_collection() if visibility == ReportVisibility.PUBLIC else members_only_collection()
    report_title = title_fr or title_en or f"{association.acronym or association.name} — {year}"
    document = store_document(uploaded_file=uploaded_file, title=report_title, collection=collection, user=user)
    report = AssociationReport.objects.create(
        association=association,
        year=year,
        title_fr=title_fr,
        title_en=title_en,
        document=document,
        visibility=visibility,
        uploaded_by=user,
        live=visibility != ReportVisibility.PUBLIC,
    )
    log_action(instance=report, action="extranet.report_upload", user=user)
    if not report.live:
        submit_for_moderation(report, user=user)
    return report


def editable_report(report: AssociationReport) -> AssociationReport:
    """The report as last saved (titles awaiting approval included)."""
    return editable_version(report)


def submit_titles(*, report: AssociationReport, user, title_fr: str, title_en: str) -> None:
    """A member's correction of a report's titles: a revision in the profiles' moderation.

    The public site keeps the published titles until a coordinator approves.
    """
    edited = editable_report(report)
    edited.title_fr = title_fr
    edited.title_en = title_en
    submit_for_moderation(edited, user=user)


def report_status(report: AssociationReport) -> dict:
    """What a member sees about the moderation of a report (a new public one, or its titles)."""
    return moderation_status(report)
