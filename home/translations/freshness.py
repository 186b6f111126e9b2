"""Whether each page's translation is up to date, out of date or missing.

Pages are translated with wagtail-localize: a :class:`TranslationSource` keeps the segments
(the texts, one per field or block, rich text split in sentences) extracted from the source
page when its translation was last synchronised, and the translators' strings are kept per
segment. A translation is:

* **missing** when the page has no live translation in the other language (or only an alias,
  which shows the source's text);
* **out of date** when the source was published after the last synchronisation *with
  different texts*: the segments extracted from the live source differ from the stored ones
  (republishing unchanged content changes nothing);
* **up to date** otherwise.

Reading the freshness of the whole tree is a few queries (pages, sources, translations); only
the sources published since their last synchronisation are read and extracted again, one by
one, to compare their texts. Translations made without wagtail-localize (a copy edited by
hand) are compared by date: out of date if the source was published after them.

The previous English wording of segments that changed is kept by wagtail-localize (a string's
translation is never deleted, only left unused once its source string is gone):
:func:`previous_wordings` finds it, so that a synchronisation loses nothing that was
translated by hand.
"""

from __future__ import annotations

import datetime
import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from home.core.caching.generation import GenerationMemo
from home.core.freshness import TRANSLATION_ITEMS_HOOK, Freshness, FreshnessItem, SegmentChange
from home.core.tree import tree
from home.site.routing import all_translations

SOURCE_LANGUAGE = "fr"


@dataclass(frozen=True)
class PageFreshness:
    """The freshness of one page's translation into one language, with what the admin needs."""

    item: FreshnessItem
    source_page_id: int
    target_page_id: int | None
    translation_id: int | None = None  # the wagtail-localize Translation, if any
    translation_source_id: int | None = None
    sync_url: str = ""  # wagtail-localize's "Sync translated pages" (update) view


@dataclass(frozen=True)
class PreviousWording:
    """A translation made for an earlier version of a segment, that may be restored on the new one."""

    label: str
    segment_id: int  # the StringSegment of the current source
    source_text: str  # the source text today
    previous_source: str  # the source text it was translated from
    previous_translation: str
    string_translation_id: int


@dataclass
class _PageRow:
    id: int
    translation_key: object
    locale_id: int
    title: str
    live: bool
    alias_of_id: int | None
    last_published_at: datetime.datetime | None
    path: str
    depth: int
    content_type_id: int


@dataclass
class _Segments:
    """The texts of a source by path (in order), as extracted or as stored."""

    by_path: dict[str, list[str]] = field(default_factory=dict)

    def add(self, path: str, text: str) -> None:
        self.by_path.setdefault(path, []).append(text)


def _readable(texts: list[str]) -> str:
    return " ".join(strip_tags(text) for text in texts).strip()


# --- Labels ------------------------------------------------------------------------------------


def segment_label(instance, path: str) -> str:
    """A readable name for the segment at ``path`` of ``instance``: its field, then its block."""
    components = path.split(".")
    try:
        model_field = instance._meta.get_field(components[0])
    except Exception:  # noqa: BLE001 (a path wagtail-localize made up: show it as it is)
        return path
    label = capfirst(str(getattr(model_field, "verbose_name", components[0])))
    if isinstance(model_field, StreamField) and len(components) > 1:
        stream = getattr(instance, model_field.name)
        for child in stream:
            if str(child.id) == components[1]:
                parts = [label, capfirst(str(child.block.label))]
                if len(components) > 2 and hasattr(child.block, "child_blocks"):
                    sub = child.block.child_blocks.get(components[2])
                    if sub is not None:
                        parts.append(capfirst(str(sub.label)))
                return " › ".join(parts)
    return label


# --- Comparing a source with its last synchronisation ------------------------------------------


def _extracted(instance) -> _Segments:
    segments = _Segments()
    for value in extract_segments(instance):
        if isinstance(value, StringSegmentValue):
            segments.add(value.path, value.string.data)
    return segments


def _stored(source_id: int) -> tuple[_Segments, dict[str, list[tuple[int, int]]]]:
    """The stored texts of a source by path, and (string id, context id) of each."""
    segments = _Segments()
    ids: dict[str, list[tuple[int, int]]] = defaultdict(list)
    rows = (
        StringSegment.objects.filter(source_id=source_id)
        .order_by("order")
        .values_list("context__path", "string__data", "string_id", "context_id")
    )
    for path, data, string_id, context_id in rows:
        segments.add(path, data)
        ids[path].append((string_id, context_id))
    return segments, ids


def source_changes(source: TranslationSource, instance, target_locale_id: int) -> list[SegmentChange]:
    """What changed in ``instance`` (the live source) since ``source`` was last synchronised."""
    now = _extracted(instance)
    before, ids = _stored(source.pk)
    if now.by_path == before.by_path:
        return []
    changed_paths = [
        path
        for path in [*before.by_path, *(p for p in now.by_path if p not in before.by_path)]
        if before.by_path.get(path) != now.by_path.get(path)
    ]
    wanted = [pair for path in changed_paths for pair in ids.get(path, [])]
    translated: dict[tuple[int, int], str] = {}
    if wanted:
        query = Q()
        for string_id, context_id in wanted:
            query |= Q(translation_of_id=string_id, context_id=context_id)
        for string_id, context_id, data in StringTranslation.objects.filter(
            query, locale_id=target_locale_id
        ).values_list("translation_of_id", "context_id", "data"):
            translated[(string_id, context_id)] = data
    earlier = None  # the source as it was synchronised, to name the blocks removed since
    changes = []
    for path in changed_paths:
        translation = [translated[pair] for pair in ids.get(path, []) if pair in translated]
        if path in now.by_path:
            label = segment_label(instance, path)
        else:
            earlier = earlier or source.as_instance()
            label = segment_label(earlier, path)
        changes.append(
            SegmentChange(
                label=label,
                before=_readable(before.by_path.get(path, [])),
                after=_readable(now.by_path.get(path, [])),
                translation=_readable(translation),
            )
        )
    return changes


# --- The whole tree ------------------------------------------------------------------------------


def _translation_edit_url(page_id: int) -> str:
    # wagtail-localize shows its translation editor in place of the page editor.
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def page_freshness(*, with_changes: bool = True) -> list[PageFreshness]:
    """The freshness of every translated (or translatable) page, into each other language."""
    locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    rows = [
        _PageRow(*values)
        for values in Page.objects.filter(depth__gte=2)
        .order_by("path")
        .values_list(
            "id",
            "translation_key",
            "locale_id",
            "title",
            "live",
            "alias_of_id",
            "last_published_at",
            "path",
            "depth",
            "content_type_id",
        )
    ]
    by_key: dict[object, dict[str, _PageRow]] = defaultdict(dict)
    for row in rows:
        by_key[row.translation_key][locales.get(row.locale_id, "")] = row
    sections = {row.path[: Page.steplen * 3]: row.title for row in rows if row.depth == 3}

    page_types = {ct.pk for ct in ContentType.objects.filter(app_label__in=["home"])}
    sources = {
        (source.object_id, source.locale_id): source
        for source in TranslationSource.objects.filter(specific_content_type_id__in=page_types)
    }
    translations = {
        (translation.source_id, translation.target_locale_id): translation
        for translation in Translation.objects.filter(source__in=list(sources.values()), enabled=True)
    }

    results = []
    for row in rows:
        language = locales.get(row.locale_id, "")
        source = sources.get((row.translation_key, row.locale_id))
        if source is None and language != SOURCE_LANGUAGE:
            continue  # a translation, not a source (or an untracked page in another language)
        if row.alias_of_id:
            continue
        section = sections.get(row.path[: Page.steplen * 3], row.title)
        for locale_id, target_language in locales.items():
            if locale_id == row.locale_id:
                continue
            target = by_key[row.translation_key].get(target_language)
            if target is not None and target.id == row.id:
                continue
            translation = translations.get((source.pk, locale_id)) if source is not None else None
            results.append(_one(row, target, target_language, section, source, translation, locale_id, with_changes))
    return results


def _one(row, target, target_language, section, source, translation, locale_id, with_changes) -> PageFreshness:
    changes: list[SegmentChange] = []
    if target is None or not target.live or target.alias_of_id:
        status = Freshness.MISSING
    elif translation is not None:
        status = Freshness.UP_TO_DATE
        if row.last_published_at and row.last_published_at > source.last_updated_at:
            instance = Page.objects.get(pk=row.id).specific
            changes = source_changes(source, instance, locale_id)
            if changes:
                status = Freshness.OUT_OF_DATE
        if not with_changes:
            changes = []
    elif row.last_published_at and target.last_published_at and row.last_published_at > target.last_published_at:
        status = Freshness.OUT_OF_DATE
    else:
        status = Freshness.UP_TO_DATE

    if target is not None and not target.alias_of_id:
        edit_url = _translation_edit_url(target.id)
    elif source is not None:
        edit_url = reverse("wagtail_localize:submit_page_translation", args=[row.id])
    else:
        edit_url = reverse("wagtail_localize:submit_page_translation", args=[row.id])
    item = FreshnessItem(
        kind=_("Page"),
        title=row.title,
        section=section,
        language=target_language,
        status=status,
        source_changed_at=row.last_published_at,
        translated_at=target.last_published_at if target is not None and target.live else None,
        edit_url=edit_url,
        source_url=reverse("wagtailadmin_pages:edit", args=[row.id]),
        changes=changes,
    )
    return PageFreshness(
        item=item,
        source_page_id=row.id,
        target_page_id=target.id if target is not None else None,
        translation_id=translation.pk if translation is not None else None,
        translation_source_id=source.pk if source is not None else None,
        sync_url=reverse("wagtail_localize:update_translations", args=[source.pk]) if source is not None else "",
    )


def freshness_of_translation(translation: Translation) -> PageFreshness | None:
    """The freshness of one wagtail-localize translation of a page (None for a snippet)."""
    source = translation.source
    try:
        instance = source.get_source_instance()
    except Exception:  # noqa: BLE001 (the source was deleted)
        return None
    if not isinstance(instance, Page):
        return None
    target = Page.objects.filter(translation_key=source.object_id, locale_id=translation.target_locale_id).first()
    changes: list[SegmentChange] = []
    status = Freshness.UP_TO_DATE
    if target is None or not target.live:
        status = Freshness.MISSING
    elif instance.last_published_at and instance.last_published_at > source.last_updated_at:
        changes = source_changes(source, instance, translation.target_locale_id)
        if changes:
            status = Freshness.OUT_OF_DATE
    item = FreshnessItem(
        kind=_("Page"),
        title=instance.title,
        section="",
        language=translation.target_locale.language_code,
        status=status,
        source_changed_at=instance.last_published_at,
        translated_at=target.last_published_at if target is not None else None,
        edit_url=_translation_edit_url(target.pk) if target is not None else "",
        source_url=reverse("wagtailadmin_pages:edit", args=[instance.pk]),
        changes=changes,
    )
    return PageFreshness(
        item=item,
        source_page_id=instance.pk,
        target_page_id=target.pk if target is not None else None,
        translation_id=translation.pk,
        translation_source_id=source.pk,
        sync_url=reverse("wagtail_localize:update_translations", args=[source.pk]),
    )


# --- What the public notice reads, once per generation ------------------------------------------

_stale = GenerationMemo(size=500)


@dataclass(frozen=True)
class StaleTranslation:
    source_page_id: int
    source_language: str
    source_changed_at: datetime.datetime


def stale_translation(request, page: Page) -> StaleTranslation | None:
    """Whether ``page`` is a live translation whose source changed since (as :func:`page_freshness`
    finds it), from its translations as routing read them: no query, except to compare the texts
    of a source published since its last synchronisation (once per generation)."""
    translations = all_translations(request, page)
    language = next((code for code, found in translations.items() if found.page_id == page.pk), None)
    target = translations.get(language) if language is not None else None
    if target is None or not target.live or target.is_alias:
        return None
    stale = None
    for code, row in translations.items():
        if row.page_id == target.page_id or row.is_alias:
            continue
        if row.source_pk is None and code != SOURCE_LANGUAGE:
            continue  # a translation, not a source
        if row.source_pk is not None and language in row.translated_into:
            out_of_date = bool(
                row.last_published_at
                and row.last_published_at > row.source_synced_at
                and _source_changed(row.source_pk, row.page_id, tree().locales[language].pk)
            )
        else:
            out_of_date = bool(
                row.last_published_at and target.last_published_at and row.last_published_at > target.last_published_at
            )
        if out_of_date:
            stale = StaleTranslation(
                source_page_id=row.page_id,
                source_language=SOURCE_LANGUAGE if language != SOURCE_LANGUAGE else "en",
                source_changed_at=row.last_published_at,
            )
    return stale


def _source_changed(source_pk: int, page_id: int, target_locale_id: int) -> bool:
    def compare() -> bool:
        source = TranslationSource.objects.get(pk=source_pk)
        return bool(source_changes(source, Page.objects.get(pk=page_id).specific, target_locale_id))

    return _stale.get((source_pk, page_id, target_locale_id), compare)


# --- Previous translations of changed segments ------------------------------------------------------


def previous_wordings(translation: Translation) -> list[PreviousWording]:
    """Translations made for an earlier version of the segments that are untranslated today.

    wagtail-localize keeps a string's translation per context (the segment's place in the page);
    when a synchronisation brings a new source string to that place, the old translation stays
    in the database, unused. These are they, for each current segment that has no translation.
    """
    source = translation.source
    locale_id = translation.target_locale_id
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order"))
    if not segments:
        return []
    current_strings = {segment.string_id for segment in segments}
    context_ids = {segment.context_id for segment in segments}
    translated = set(
        StringTranslation.objects.filter(
            locale_id=locale_id, context_id__in=context_ids, translation_of_id__in=current_strings
        ).values_list("translation_of_id", "context_id")
    )
    earlier: dict[int, list[StringTranslation]] = defaultdict(list)
    for old in (
        StringTranslation.objects.filter(locale_id=locale_id, context_id__in=context_ids)
        .exclude(translation_of_id__in=current_strings)
        .select_related("translation_of")
        .order_by("-updated_at")
    ):
        earlier[old.context_id].append(old)
    if not earlier:
        return []
    try:
        instance = source.get_source_instance()
    except Exception:  # noqa: BLE001
        instance = source.as_instance()
    found = []
    for segment in segments:
        if (segment.string_id, segment.context_id) in translated:
            continue
        for old in earlier.get(segment.context_id, []):
            found.append(
                PreviousWording(
                    label=segment_label(instance, segment.context.path),
                    segment_id=segment.pk,
                    source_text=strip_tags(segment.string.data),
                    previous_source=strip_tags(old.translation_of.data),
                    previous_translation=strip_tags(old.data),
                    string_translation_id=old.pk,
                )
            )
    return found


# --- For the admin: who sees it, every domain's items, a readable diff ------------------------------


def is_coordinator(user) -> bool:
    """Who sees the translations' state: anyone who may edit pages."""
    return bool(user.is_authenticated and PagePermissionPolicy().user_has_any_permission(user, ["change", "publish"]))


def all_items(request) -> list[FreshnessItem]:
    items: list[FreshnessItem] = []
    for contribute in hooks.get_hooks(TRANSLATION_ITEMS_HOOK):
        items.extend(contribute(request))
    return items


def counts(items) -> dict[str, int]:
    return {
        "out_of_date": sum(1 for item in items if item.status == Freshness.OUT_OF_DATE),
        "missing": sum(1 for item in items if item.status == Freshness.MISSING),
        "up_to_date": sum(1 for item in items if item.status == Freshness.UP_TO_DATE),
    }


def word_diff(before: str, after: str) -> tuple[str, str]:
    """``before`` and ``after`` as HTML, the removed words in ``<del>``, the added ones in ``<ins>``."""
    old, new = before.split(), after.split()
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        removed = escape(" ".join(old[i1:i2]))
        added = escape(" ".join(new[j1:j2]))
        if tag == "equal":
            left.append(removed)
            right.append(added)
        else:
            if removed:
                left.append(f"<del>{removed}</del>")
            if added:
                right.append(f"<ins>{added}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))  # noqa: S308 (every word escaped above)


def readable_changes(changes) -> list[dict]:
    rows = []
    for change in changes:
        before, after = word_diff(change.before, change.after)
        rows.append({"change": change, "before": before, "after": after})
    return rows
