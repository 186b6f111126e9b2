"""What an association still has to provide, for its dashboard."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from home.models import Association, AssociationContact, AssociationReport


def missing_items(association: Association, today: date | None = None) -> list[str]:
    """Keys of what the association still has to provide (see the dashboard template for texts)."""
    today = today or timezone.localdate()
    missing = []
    if not AssociationContact.objects.filter(association=association, is_public=True).exists():
        missing.append("public_contact")
    if not AssociationReport.objects.filter(association=association, year=today.year - 1).exists():
        missing.append("last_year_report")
    french_without_english = [
        (association.description_fr, association.description_en),
        (association.summary_fr, association.summary_en),
    ]
    if any(french.strip() and not english.strip() for french, english in french_without_english):
        missing.append("english_texts")
    if not association.website_fr and not association.website_en:
        missing.append("website")
    return missing
