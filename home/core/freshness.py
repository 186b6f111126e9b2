"""Whether a text's translation is up to date: the vocabulary every domain shares.

Pages are translated with wagtail-localize (``home.translations`` knows how to
tell their freshness); association profiles and reports keep a French and an
English column (``home.directory`` knows theirs). Both describe what they find
with the classes below, and the translations dashboard lists them side by side.

A domain contributes its items to the dashboard through the Wagtail hook
``TRANSLATION_ITEMS_HOOK``: a callable taking ``(request)`` and returning an
iterable of :class:`FreshnessItem`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

TRANSLATION_ITEMS_HOOK = "translation_freshness_items"


class Freshness(models.TextChoices):
    UP_TO_DATE = "up_to_date", _("Up to date")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    MISSING = "missing", _("Missing")


@dataclass(frozen=True)
class SegmentChange:
    """One text of the source that changed since the translation was last synchronised."""

    label: str  # the field (or block) it belongs to, readable by an editor
    before: str  # the source text the translation was made from ("" if the text is new)
    after: str  # the source text today ("" if it was removed)
    translation: str = ""  # the translation made from ``before``, if any


@dataclass(frozen=True)
class FreshnessItem:
    """One object in one language, as the translations dashboard lists it."""

    kind: str  # what it is, translated: "Page", "Association profile", "Activity report"…
    title: str
    section: str  # where it lives, translated, for the dashboard's filter
    language: str  # the language of the translation concerned ("en" or "fr")
    status: Freshness
    source_changed_at: datetime.datetime | None  # when the source text last changed
    translated_at: datetime.datetime | None = None  # when the translation was last synchronised or edited
    edit_url: str = ""  # where to bring the translation up to date
    source_url: str = ""  # the source, to compare
    changes: list[SegmentChange] = field(default_factory=list)

    @property
    def needs_work(self) -> bool:
        return self.status != Freshness.UP_TO_DATE
