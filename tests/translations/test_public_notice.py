"""On the public site, an English page whose French source changed since its translation says so."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail_localize.models import Translation, TranslationSource

from home.core.caching.middleware import STATUS_HEADER

from ..factories import StandardPageFactory
from ..html import element, elements, text
from .conftest import reword, save_translation, translate_strings


def notices(response):
    return elements(response.text, class_="notice--outdated")


def test_an_up_to_date_translation_has_no_notice(localized):
    response = Client().get(localized.en.url)

    assert response.status_code == 200
    assert notices(response) == []


def test_an_out_of_date_english_page_says_so_with_the_date_and_a_link_to_the_french(localized):
    french = reword(localized.fr, 1, "<p>Le collectif réunit trente associations.</p>")

    response = Client().get(localized.en.url)

    [notice] = notices(response)
    assert "The French version of this page was updated on" in text(notice)
    assert "this English translation may be out of date" in text(notice)
    time = element(notice, "time")
    assert time["datetime"].startswith(timezone.localtime(french.last_published_at).date().isoformat())
    link = element(notice, "a")
    assert link["href"] == french.url
    assert link["hreflang"] == "fr"
    # The French page itself carries no notice.
    assert notices(Client().get(french.url)) == []


def test_the_notice_goes_once_synchronised_even_from_the_page_cache(localized, coordinator):
    reword(localized.fr, 1, "<p>Le collectif réunit trente associations.</p>")
    visitor = Client()
    assert notices(visitor.get(localized.en.url))
    cached = visitor.get(localized.en.url)
    assert cached[STATUS_HEADER] == "hit" and notices(cached)

    admin = Client()
    admin.force_login(coordinator)
    assert admin.post(reverse("wagtail_localize:update_translations", args=[localized.source.pk])).status_code == 302

    after = visitor.get(localized.en.url)
    assert after[STATUS_HEADER] == "miss"
    assert notices(after) == []


def test_publishing_the_french_page_again_brings_the_notice_on_a_cached_english_page(localized):
    visitor = Client()
    assert notices(visitor.get(localized.en.url)) == []
    assert visitor.get(localized.en.url)[STATUS_HEADER] == "hit"

    reword(localized.fr, 0, "<p>La traite est un crime.</p>")

    assert notices(visitor.get(localized.en.url))


def test_a_french_translation_of_an_english_page_says_so_the_other_way(localized, site_tree, locales):
    english = StandardPageFactory(
        parent=site_tree.en.standard, title="Only in English", slug="only-in-english", locale=locales.en
    )
    source, _ = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(source=source, target_locale=locales.fr)
    translate_strings(translation, {"Only in English": "Seulement en anglais", "only-in-english": "seulement-anglais"})
    french = save_translation(translation)
    assert notices(Client().get(french.url)) == []

    reword(english, 0, "<p>A new English text.</p>")

    [notice] = notices(Client().get(french.url))
    assert "La version anglaise de cette page a été mise à jour le" in text(notice)
    assert element(notice, "a")["hreflang"] == "en"
