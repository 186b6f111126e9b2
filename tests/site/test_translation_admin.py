"""Editors translate pages in the Wagtail admin with wagtail-localize; shared data stays in sync."""

from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from home.models import LegalResourcePage, ResourceType

from ..factories import LegalResourcePageFactory


def test_an_editor_submits_a_page_for_translation_into_english(client, content, site_tree, coordinator):
    client.force_login(coordinator)
    resource = LegalResourcePageFactory(
        parent=site_tree.fr.library,
        title="Loi n° 2013-711 du 5 août 2013",
        slug="loi-2013-711",
        issuing_body=content.coe,
        resource_type=ResourceType.LAW,
        topics=[content.minors],
        languages=["fr"],
    )

    url = reverse("wagtail_localize:submit_page_translation", args=[resource.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [site_tree.en.locale.pk]})

    assert response.status_code == 302
    english = LegalResourcePage.objects.get(translation_key=resource.translation_key, locale=site_tree.en.locale)
    assert english.get_parent().specific == site_tree.en.library
    assert Translation.objects.filter(source__object_id=resource.translation_key).exists()
    # Classification is shared by both languages: it comes along with the translation.
    assert english.issuing_body == content.coe
    assert list(english.topics.all()) == [content.minors]
    assert english.language_codes() == ["fr"]


def test_a_sync_carries_the_topics_to_the_english_page(content):
    """wagtail-localize skips many-to-many fields unless they are declared synchronised."""
    resource = content.resource
    source, _created = TranslationSource.get_or_create_from_instance(resource)
    translation = Translation.objects.create(source=source, target_locale=content.resource_en.locale)
    resource.topics.set([content.labour])
    resource.save_revision().publish()

    source.update_from_db()
    translation.save_target(publish=True)

    english = LegalResourcePage.objects.get(pk=content.resource_en.pk)
    assert list(english.topics.all()) == [content.labour]
