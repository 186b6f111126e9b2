"""The links between legal texts as a resource page shows them: on both ends, in the reader's language.

A relation is held by one text (its ``relations``) and shown on the other with its reverse
wording. A translation keeps its source's rows, and a row's target may be the page of either
language: texts are matched by ``translation_key``, and each is shown by its page in the reader's
language, or by its page in another language (marked as such) when it has none in this one.
Two queries whatever the number of relations (the tests assert it): the rows of both ends, then
the pages they name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from home.core.bilingual import LocalizedText, active_language
from home.core.tree import live_not_restricted

from .models import REVERSE_WORDING, LegalResourcePage, RelationKind, ResourceRelation

# Relations are grouped in this order on a page: what the text does, then what is done to it.
KIND_ORDER = list(RelationKind)


@dataclass(frozen=True)
class RelatedText:
    title: LocalizedText
    url: str
    note: str = ""


@dataclass
class RelationGroup:
    kind: str
    label: str
    reverse: bool  # the other text holds the relation ("Amended by")
    texts: list[RelatedText] = field(default_factory=list)


def resource_relations(page: LegalResourcePage, request=None) -> list[RelationGroup]:
    """The texts ``page`` is linked to, grouped by the wording seen from ``page``, in the active language."""
    key = page.translation_key
    rows = (
        ResourceRelation.objects.filter(Q(page=page) | Q(target__translation_key=key))
        .filter(page__live=True)
        .order_by("sort_order", "pk")
        .values_list("page_id", "page__translation_key", "kind", "target__translation_key", "note")
    )
    wanted: dict[tuple[str, bool], dict] = {}  # (kind, reverse) -> {other text's key: note}
    for holder_id, holder_key, kind, target_key, note in rows:
        if holder_id == page.pk:  # the page's own rows (a translation's are its source's, synced)
            if target_key != key:
                wanted.setdefault((kind, False), {}).setdefault(target_key, note)
        elif target_key == key and holder_key != key:  # another text's row, on any of its translations
            wanted.setdefault((kind, True), {}).setdefault(holder_key, note)
    if not wanted:
        return []

    lang = active_language()
    keys = {other for others in wanted.values() for other in others}
    candidates = (
        live_not_restricted(LegalResourcePage)
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("id", "title", "url_path", "path", "depth", "translation_key", "locale__language_code")
    )
    shown: dict = {}
    for candidate in candidates:
        current = shown.get(candidate.translation_key)
        if current is None or (candidate.locale.language_code == lang and current.locale.language_code != lang):
            shown[candidate.translation_key] = candidate

    groups = []
    for reverse in (False, True):
        for kind in KIND_ORDER:
            others = wanted.get((kind.value, reverse))
            if not others:
                continue
            label = REVERSE_WORDING[kind] if reverse else kind.label
            group = RelationGroup(kind=kind.value, label=str(label), reverse=reverse)
            for other_key, note in others.items():
                other = shown.get(other_key)
                if other is None:  # not published, or not public
                    continue
                title = LocalizedText(other.title, other.locale.language_code, lang)
                group.texts.append(RelatedText(title=title, url=other.get_url(request) or "", note=note))
            if group.texts:
                groups.append(group)
    return groups
