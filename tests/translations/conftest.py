"""A French page translated into English with wagtail-localize, as editors do it."""

from types import SimpleNamespace

import pytest
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

FRENCH_BODY = [
    ("paragraph", "<p>La traite des êtres humains est un crime.</p>"),
    ("paragraph", "<p>Le collectif réunit vingt-huit associations.</p>"),
]
ENGLISH = {
    "Le collectif": "The collective",
    "le-collectif": "the-collective",
    "Une page d'information.": "An information page.",
    "La traite des êtres humains est un crime.": "Trafficking in human beings is a crime.",
    "Le collectif réunit vingt-huit associations.": "The collective brings together twenty-eight associations.",
}


def publish(page, **fields):
    """Set ``fields`` on the live page and publish it, as an editor does."""
    page = Page.objects.get(pk=page.pk).specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def translate_strings(translation, english: dict, *, user=None):
    """Give each string segment of the translation's source its English (``english[french]``)."""
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        text = segment.string.data
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": english.get(text, f"EN {text}"),
                "translation_type": "manual",
                "last_translated_by": user,
            },
        )


def save_translation(translation):
    """Save and publish the English page from the translation's strings (publish at once, not on commit)."""
    page, _ = translation.source.create_or_update_translation(translation.target_locale, publish=False, fallback=True)
    page = Page.objects.get(pk=page.pk)
    page.get_latest_revision().publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def localized(site_tree, locales):
    """« Le collectif » in French, translated into English through wagtail-localize and published."""
    french = publish(site_tree.fr.standard, body=FRENCH_BODY)
    source, _ = TranslationSource.get_or_create_from_instance(french)
    translation = Translation.objects.create(source=source, target_locale=locales.en)
    translate_strings(translation, ENGLISH)
    english = save_translation(translation)
    return SimpleNamespace(fr=french, en=english, source=source, translation=translation, tree=site_tree)


def reword(page, index: int, html: str):
    """Publish ``page`` with its ``index``-th body block reworded (same block, as the editor keeps it)."""
    page = Page.objects.get(pk=page.pk).specific
    raw = page.body.get_prep_value()
    raw[index]["value"] = html
    return publish(page, body=raw)
