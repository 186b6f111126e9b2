"""Real wagtail-localize translations made from texts we already have in the other language.

The demo content and the declarations members propose both come with their English texts. They
become a wagtail-localize translation like one a translator would make in the editor: the texts
are stored as the translation's strings (so that a later "sync" from the French page keeps them and
the freshness of the translation is tracked), then the translated page is saved and published.

The English texts are given as an unsaved *twin* of the source page (the same page with its English
texts set, same block ids, so that segments pair up by path); ``english_strings`` reads its strings.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    SegmentOverride,
    String,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class StructureMismatch(ValueError):
    """The translated texts do not pair up with the source's strings."""


def strings_by_path(segments) -> dict[str, list[str]]:
    """{segment path: its strings, in order} (a rich text gives one string per paragraph)."""
    found = defaultdict(list)
    for segment in segments:
        if isinstance(segment, StringSegmentValue):
            found[segment.path].append(segment.string.data)
    return dict(found)


def english_strings(twin) -> dict[str, list[str]]:
    """The strings of an unsaved twin of the source, by path."""
    return strings_by_path(extract_segments(twin))


def store_strings(translation: Translation, source_segments, translated: dict[str, list[str]], *, user=None) -> bool:
    """Store ``translated`` (path → strings, as many as the source has at that path) as the strings of
    ``translation``; True if any changed. An empty string is stored too (a paragraph left empty)."""
    source = strings_by_path(source_segments)
    for path, strings in source.items():
        if len(translated.get(path, [])) != len(strings):
            raise StructureMismatch(f"the translation of {path!r} does not match the source's structure")

    po = translation.export_po()
    seen: Counter[str] = Counter()
    changed = False
    empty = []
    for entry in po:
        if entry.obsolete:
            continue
        index = seen[entry.msgctxt]
        seen[entry.msgctxt] += 1
        if source[entry.msgctxt][index] != entry.msgid:
            raise StructureMismatch(f"unexpected source string at {entry.msgctxt!r}")
        wanted = translated[entry.msgctxt][index]
        if not wanted:
            empty.append(entry)  # a PO file cannot say "translated as empty"
        elif entry.msgstr != wanted:
            entry.msgstr = wanted
            changed = True
    if changed:
        translation.import_po(po, user=user)
    for entry in empty:
        changed |= _store_empty_string(translation, entry.msgid, entry.msgctxt, user=user)
    return changed


def _store_empty_string(translation: Translation, source_string: str, path: str, *, user) -> bool:
    context = TranslationContext.objects.get(object_id=translation.source.object_id, path=path)
    string = String.objects.get(locale_id=translation.source.locale_id, data_hash=String._get_data_hash(source_string))
    string_translation, created = StringTranslation.objects.get_or_create(
        translation_of=string,
        locale=translation.target_locale,
        context=context,
        defaults={"data": "", "translation_type": "manual", "last_translated_by": user},
    )
    if not created and string_translation.data:
        string_translation.data = ""
        string_translation.save(update_fields=["data"])
        return True
    return created


def store_overrides(source: TranslationSource, locale: Locale, source_segments, twin_segments) -> bool:
    """Overridable segments (links, images…) that differ in the twin become overrides; True if any changed."""
    translated = {s.path: s.data for s in twin_segments if isinstance(s, OverridableSegmentValue)}
    changed = False
    for segment in source_segments:
        if not isinstance(segment, OverridableSegmentValue):
            continue
        context = TranslationContext.objects.get(object_id=source.object_id, path=segment.path)
        existing = SegmentOverride.objects.filter(locale=locale, context=context).first()
        wanted = translated.get(segment.path, segment.data)
        if wanted == segment.data:
            if existing is not None:
                existing.delete()
                changed = True
        elif existing is None:
            SegmentOverride.objects.create(locale=locale, context=context, data_json=json.dumps(wanted))
            changed = True
        elif existing.data != wanted:
            existing.data_json = json.dumps(wanted)
            existing.save(update_fields=["data_json", "updated_at"])
            changed = True
    return changed


def save_and_publish(source: TranslationSource, locale: Locale, *, user=None) -> tuple[Page, bool]:
    """Save the translated page from the stored strings and publish it now; (the page, whether it is new).

    ``publish=False`` saves a draft revision without deferring the publication to the end of the
    transaction (wagtail-localize publishes "on commit"); it is published right away, so that a
    translated child finds a live parent and the caller sees a live page.
    """
    translated, created = source.create_or_update_translation(locale, user=user, publish=False, fallback=False)
    translated = type(translated).objects.get(pk=translated.pk)
    translated.get_latest_revision().publish(user=user)
    return type(translated).objects.get(pk=translated.pk), created


def publish_translation(page: Page, twin: Page, locale: Locale, translated: dict[str, list[str]], *, user=None):
    """Translate ``page`` into ``locale`` with wagtail-localize: its strings from ``translated``
    (path → strings), its overridable segments from ``twin``; the translation published. Returns the
    translated page."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    source_segments = extract_segments(page)
    store_strings(translation, source_segments, translated, user=user)
    store_overrides(source, locale, source_segments, extract_segments(twin))
    translated_page, _created = save_and_publish(source, locale, user=user)
    return translated_page
