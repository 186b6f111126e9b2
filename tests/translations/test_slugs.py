"""Translated pages get a translated slug: the demo's English pages and the translations editors make."""

from django.core.management import call_command
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from ..factories import StandardPageFactory
from .conftest import publish, save_translation, translate_strings

# Pages whose slug is the same word in both languages (or an official reference).
SAME_IN_BOTH = {"contact", "declarations"}


def test_the_demo_english_pages_have_english_urls(db):
    call_command("load_demo_content")
    english = Locale.objects.get(language_code="en")

    pages = list(Page.objects.filter(locale=english, depth__gte=3).select_related("locale"))
    assert len(pages) > 40
    french_slugs = {
        page.translation_key: page.slug for page in Page.objects.filter(locale__language_code="fr", depth__gte=3)
    }
    kept_french = [page.url_path for page in pages if page.slug == french_slugs[page.translation_key]]
    assert {path.rstrip("/").rsplit("/", 1)[-1] for path in kept_french} <= SAME_IN_BOTH
    news = Page.objects.get(locale=english, depth=3, slug="news")
    assert news.url_path == "/home/news/"


def test_a_translation_made_through_wagtail_localize_gets_a_slug_from_its_english_title(site_tree, locales):
    french = StandardPageFactory(parent=site_tree.fr.standard, title="Nos engagements", slug="nos-engagements")
    source, _ = TranslationSource.get_or_create_from_instance(french)
    translation = Translation.objects.create(source=source, target_locale=locales.en)
    # The translator translates the title and leaves the slug as it is (wagtail-localize shows it as a text).
    translate_strings(translation, {"Nos engagements": "Our commitments", "nos-engagements": "nos-engagements"})

    english = save_translation(translation)

    assert english.title == "Our commitments"
    assert english.slug == "our-commitments"
    assert english.url_path == "/home/the-collective/our-commitments/"


def test_a_slug_the_translator_chose_is_kept(site_tree, locales):
    french = StandardPageFactory(parent=site_tree.fr.standard, title="Nos engagements", slug="nos-engagements")
    source, _ = TranslationSource.get_or_create_from_instance(french)
    translation = Translation.objects.create(source=source, target_locale=locales.en)
    translate_strings(translation, {"Nos engagements": "Our commitments", "nos-engagements": "pledges"})

    assert save_translation(translation).slug == "pledges"


def test_a_synchronised_translation_gets_an_english_slug_unique_among_its_siblings(site_tree, locales):
    StandardPageFactory(parent=site_tree.en.standard, title="Taken", slug="our-commitments", locale=locales.en)
    french = StandardPageFactory(parent=site_tree.fr.standard, title="Nos engagements", slug="nos-engagements")
    source, _ = TranslationSource.get_or_create_from_instance(french)
    translation = Translation.objects.create(source=source, target_locale=locales.en)
    translate_strings(translation, {"Nos engagements": "Nos engagements", "nos-engagements": "nos-engagements"})
    english = save_translation(translation)
    assert english.slug == "nos-engagements"  # an untranslated title gives nothing better

    french = publish(french, title="Nos engagements pour 2015")
    source.update_from_db()
    translate_strings(
        translation, {"Nos engagements pour 2015": "Our commitments", "nos-engagements": "nos-engagements"}
    )
    english = save_translation(translation)

    assert english.slug == "our-commitments-1"
    assert slugify(english.title) == "our-commitments"
