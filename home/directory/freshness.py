"""Whether the associations' English (or French) texts are complete and up to date.

An association's profile and its reports keep a French and an English column for each text
(summary, description, network presentation, contacts' roles, report titles). For each text,
the language filled first is its source (French, unless the association wrote English first)
and the other its translation, which is:

- missing when the source is filled and the translation is not;
- out of date when the source was last changed after the translation (the dates come from
  the revisions: walking them in order tells when each column last changed);
- up to date otherwise.

The texts read are the last saved ones (a version awaiting approval included), as the
members and the coordinators edit them. Revisions of every association (and of every report)
are read in one query each, whatever the number of associations.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Revision

from home.core.freshness import Freshness, FreshnessItem, SegmentChange
from home.core.text import rich_text_to_plain

from .models import Association, AssociationContact, AssociationReport

LANGUAGES = ("fr", "en")
PROFILE_FIELDS = ("summary", "description", "network_description")
RICH_TEXT_FIELDS = {"description"}


def _profile_label(name: str) -> str:
    return {
        "summary": _("Short presentation"),
        "description": _("Description"),
        "network_description": _("Network presentation"),
    }[name]


@dataclass(frozen=True)
class TextFreshness:
    """One text of a profile or a report, in the language of its translation."""

    key: str  # unique within the association: "description", "contact:12:role", "report:3:title"
    label: str
    language: str  # the translation's language ("en", or "fr" when English is the source)
    status: Freshness
    source_changed_at: datetime.datetime | None
    translated_at: datetime.datetime | None
    before: str  # the source text the translation was made from (when the source changed since)
    after: str  # the source text today
    translation: str  # the translation today ("" when missing)
    form_field: str  # the field of the member's form: "description_en", "contacts-0-role_en", "title_en"
    report_id: int | None = None

    @property
    def needs_work(self) -> bool:
        return self.status != Freshness.UP_TO_DATE


@dataclass
class AssociationFreshness:
    """Every bilingual text of one association (its profile and its reports)."""

    association: Association
    texts: list[TextFreshness] = field(default_factory=list)

    @property
    def to_do(self) -> list[TextFreshness]:
        return [text for text in self.texts if text.needs_work]

    def status(self, language: str) -> Freshness:
        statuses = {text.status for text in self.texts if text.language == language}
        if Freshness.MISSING in statuses:
            return Freshness.MISSING
        if Freshness.OUT_OF_DATE in statuses:
            return Freshness.OUT_OF_DATE
        return Freshness.UP_TO_DATE

    def item(self, language: str) -> FreshnessItem:
        """The association in one language, as the translations dashboard lists it."""
        concerned = [text for text in self.texts if text.language == language]
        source_dates = [text.source_changed_at for text in concerned if text.source_changed_at]
        translated_dates = [text.translated_at for text in concerned if text.translated_at]
        return FreshnessItem(
            kind=_("Association profile"),
            title=str(self.association),
            section=_("Member associations"),
            language=language,
            status=self.status(language),
            source_changed_at=max(source_dates, default=None),
            translated_at=max(translated_dates, default=None),
            edit_url=reverse("wagtailsnippets_home_association:edit", args=[self.association.pk]),
            # Both languages live on one object: its history compares them, side by side, revision by revision.
            source_url=reverse("wagtailsnippets_home_association:history", args=[self.association.pk]),
            changes=[
                SegmentChange(label=text.label, before=text.before, after=text.after, translation=text.translation)
                for text in concerned
                if text.needs_work
            ],
        )


# --- Reading the history ----------------------------------------------------------------------


def _plain(name: str, value) -> str:
    text = str(value or "")
    return rich_text_to_plain(text) if name in RICH_TEXT_FIELDS else text.strip()


def _profile_snapshot(content: dict) -> dict[str, tuple[str, str]]:
    """{text key: (French, English)} of a profile as a revision (or the object) holds it."""
    texts = {name: tuple(_plain(name, content.get(f"{name}_{lang}")) for lang in LANGUAGES) for name in PROFILE_FIELDS}
    for position, contact in enumerate(content.get("contacts") or []):
        key = f"contact:{contact.get('pk') or contact.get('name')}:role"
        texts[key] = (str(contact.get("role_fr") or "").strip(), str(contact.get("role_en") or "").strip())
        texts[f"{key}:meta"] = (str(contact.get("name") or ""), str(position))
    return texts


def _object_content(association: Association) -> dict:
    content = {
        f"{name}_{lang}": getattr(association, f"{name}_{lang}") for name in PROFILE_FIELDS for lang in LANGUAGES
    }
    content["contacts"] = [
        {"pk": contact.pk, "name": contact.name, "role_fr": contact.role_fr, "role_en": contact.role_en}
        for contact in association.contacts.all()
    ]
    return content


def _revisions_by_object(model, pks) -> dict[str, list[tuple[datetime.datetime, dict]]]:
    """{object pk: [(created_at, content), …] in order}: one query for all the objects."""
    revisions = (
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks]
        )
        .order_by("created_at", "pk")
        .values_list("object_id", "created_at", "content")
    )
    history = defaultdict(list)
    for object_id, created_at, content in revisions:
        history[object_id].append((created_at, content))
    return history


def _text_freshness(key, label, snapshots, form_field, report_id=None) -> TextFreshness | None:
    """The freshness of one text from its successive (date, French, English) values, or None if empty."""
    if not snapshots:
        return None
    last_changed: dict[str, datetime.datetime | None] = {}
    first_filled: dict[str, datetime.datetime | None] = {}
    for index, lang in enumerate(LANGUAGES):
        previous = None
        last_changed[lang] = first_filled[lang] = None
        for date, *values in snapshots:
            value = values[index]
            if previous is None or value != previous:
                last_changed[lang] = date
            if value and first_filled[lang] is None:
                first_filled[lang] = date
            previous = value
    current = dict(zip(LANGUAGES, snapshots[-1][1:], strict=True))
    if not current["fr"] and not current["en"]:
        return None
    english_first = first_filled["en"] is not None and (
        first_filled["fr"] is None or (first_filled["en"] < first_filled["fr"])
    )
    source, translation = ("en", "fr") if english_first else ("fr", "en")
    source_index = LANGUAGES.index(source)
    before = ""
    if not current[source]:
        # The source was emptied: the remaining text is now the only one.
        source, translation = translation, source
        source_index = LANGUAGES.index(source)
    if not current[translation]:
        status = Freshness.MISSING
    elif last_changed[source] and last_changed[translation] and (last_changed[source] > last_changed[translation]):
        status = Freshness.OUT_OF_DATE
        made_from = [values for date, *values in snapshots if date <= last_changed[translation]]
        before = made_from[-1][source_index] if made_from else ""
    else:
        status = Freshness.UP_TO_DATE
    return TextFreshness(
        key=key,
        label=label,
        language=translation,
        status=status,
        source_changed_at=last_changed[source],
        translated_at=last_changed[translation] if current[translation] else None,
        before=before,
        after=current[source],
        translation=current[translation],
        form_field=form_field.format(lang=translation),
        report_id=report_id,
    )


def _profile_texts(association: Association, history) -> list[TextFreshness]:
    if history:
        snapshots = [(date, _profile_snapshot(content)) for date, content in history]
    else:
        snapshots = [(None, _profile_snapshot(_object_content(association)))]
    latest = snapshots[-1][1]
    texts = []
    for name in PROFILE_FIELDS:
        values = [(date, *snapshot[name]) for date, snapshot in snapshots]
        texts.append(_text_freshness(name, _profile_label(name), values, f"{name}_{{lang}}"))
    for key in latest:
        if not key.startswith("contact:") or key.endswith(":meta"):
            continue
        name, position = latest[f"{key}:meta"]
        values = [(date, *snapshot[key]) for date, snapshot in snapshots if key in snapshot]
        label = _("Role of %(name)s") % {"name": name}
        texts.append(_text_freshness(key, label, values, f"contacts-{position}-role_{{lang}}"))
    return [text for text in texts if text is not None]


def _report_texts(reports, history) -> list[TextFreshness]:
    texts = []
    for report in reports:
        revisions = history.get(str(report.pk))
        if revisions:
            values = [
                (date, content.get("title_fr") or "", content.get("title_en") or "") for date, content in revisions
            ]
        else:
            values = [(report.created_at, report.title_fr, report.title_en)]
        values = [(date, fr.strip(), en.strip()) for date, fr, en in values]
        label = _("Title of the %(year)s report") % {"year": report.year}
        text = _text_freshness(f"report:{report.pk}:title", label, values, "title_{lang}", report_id=report.pk)
        if text is not None:
            texts.append(text)
    return texts


def associations_freshness(associations=None) -> list[AssociationFreshness]:
    """The freshness of every text of these associations (a queryset or a list; all by default).

    Four queries whatever the number of associations: their contacts, their reports, the
    revisions of the profiles and those of the reports.
    """
    if associations is None:
        associations = Association.objects.all()
    associations = list(associations)
    prefetch_related_objects(
        associations,
        Prefetch("contacts", queryset=AssociationContact.objects.order_by("sort_order", "pk")),
        Prefetch("reports", queryset=AssociationReport.objects.order_by("-year", "pk")),
    )
    profiles = _revisions_by_object(Association, [association.pk for association in associations])
    reports = [report for association in associations for report in association.reports.all()]
    report_history = _revisions_by_object(AssociationReport, [report.pk for report in reports]) if reports else {}
    return [
        AssociationFreshness(
            association=association,
            texts=_profile_texts(association, profiles.get(str(association.pk)))
            + _report_texts(association.reports.all(), report_history),
        )
        for association in associations
    ]


def association_freshness(association: Association) -> AssociationFreshness:
    """The freshness of one association's texts."""
    return associations_freshness([association])[0]


def translation_items() -> list[FreshnessItem]:
    """Every association in each language, for the translations dashboard (``TRANSLATION_ITEMS_HOOK``)."""
    return [entry.item(language) for entry in associations_freshness() for language in LANGUAGES]
