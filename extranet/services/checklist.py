"""What an association still has to provide, for its dashboard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from home.core.freshness import Freshness
from home.directory.freshness import TextFreshness, associations_freshness
from home.models import Association, AssociationContact, AssociationReport


def missing_items(association: Association, today: date | None = None) -> list[str]:
    """Keys of what the association still has to provide (see the dashboard template for texts).

    Its texts missing or out of date in one language are listed apart (``texts_to_translate``).
    """
    today = today or timezone.localdate()
    missing = []
    if not AssociationContact.objects.filter(association=association, is_public=True).exists():
        missing.append("public_contact")
    if not AssociationReport.objects.filter(association=association, year=today.year - 1).exists():
        missing.append("last_year_report")
    if not association.website_fr and not association.website_en:
        missing.append("website")
    return missing


@dataclass(frozen=True)
class TextToTranslate:
    """A text of the profile or of a report whose English (or French) version is missing or out of date."""

    label: str
    language: str  # the version to write: "en" or "fr"
    missing: bool  # else out of date
    source_changed_at: datetime.datetime | None
    translated_at: datetime.datetime | None
    url: str  # straight to the field


def _field_url(association: Association, text: TextFreshness) -> str:
    if text.report_id is not None:
        url = reverse("extranet:report_edit", args=[association.slug, text.report_id])
    else:
        url = reverse("extranet:profile_edit", args=[association.slug])
    return f"{url}#id_{text.form_field}"


def texts_to_translate(associations) -> dict[int, list[TextToTranslate]]:
    """{association pk: each text whose version in one language is missing or older than the other's,
    with a link straight to its field}, in a few queries whatever the number of associations."""
    return {
        entry.association.pk: [
            TextToTranslate(
                label=text.label,
                language=text.language,
                missing=text.status == Freshness.MISSING,
                source_changed_at=text.source_changed_at,
                translated_at=text.translated_at,
                url=_field_url(entry.association, text),
            )
            for text in entry.to_do
        ]
        for entry in associations_freshness(associations)
    }
