"""The translations' state in the admin: the dashboard, its summary panel, the editor's banner, the sync, restoring."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation

from home.core.freshness import Freshness
from home.translations.freshness import page_freshness, previous_wordings

from ..factories import StandardPageFactory, UserFactory
from ..html import element, elements, text, texts
from .conftest import reword

NEW_SECOND = "<p>Le collectif réunit trente associations.</p>"


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def admin_only_user(db):
    """Someone who may open the admin but edits no page (an association's member with admin access)."""
    user = UserFactory(username="membre@example.org")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def rows(response):
    return {
        text(element(row, "div", class_="title-wrapper")): row["data-status"]
        for row in elements(response.text, "tr", class_="translation-status__row")
    }


def sync(client, localized):
    """wagtail-localize's "Sync translated pages", without publishing."""
    url = reverse("wagtail_localize:update_translations", args=[localized.source.pk])
    return client.post(url, {})


def test_the_dashboard_lists_an_out_of_date_translation_with_what_changed(coordinator_client, localized):
    reword(localized.fr, 1, NEW_SECOND)

    response = coordinator_client.get(reverse("translation_status"))

    assert response.status_code == 200
    row = next(
        row for row in elements(response.text, "tr", class_="translation-status__row") if "Le collectif" in text(row)
    )
    assert row["data-status"] == Freshness.OUT_OF_DATE
    assert f"/admin/pages/{localized.en.pk}/edit/" in [a["href"] for a in elements(row, "a")]
    changes = element(response.text, "tr", data_changes_of=row["data-row"])
    diff = element(changes, "table", class_="translation-diff")
    assert texts(diff, "del") == ["vingt-huit"]
    assert texts(diff, "ins") == ["trente"]
    assert "The collective brings together twenty-eight associations." in text(diff)
    assert rows(response)["Accueil"] == Freshness.UP_TO_DATE


def test_the_dashboard_filters_by_status_section_and_language(coordinator_client, localized, site_tree):
    reword(localized.fr, 1, NEW_SECOND)
    StandardPageFactory(parent=site_tree.fr.standard, title="Seulement en français", slug="seul")
    url = reverse("translation_status")

    assert set(rows(coordinator_client.get(url, {"status": "out_of_date"}))) == {"Le collectif"}
    assert set(rows(coordinator_client.get(url, {"status": "missing"}))) == {"Seulement en français"}
    in_section = rows(coordinator_client.get(url, {"section": "Le collectif"}))
    assert set(in_section) == {"Le collectif", "Seulement en français"}
    assert rows(coordinator_client.get(url, {"language": "fr"})) == {}
    assert len(rows(coordinator_client.get(url, {"language": "en"}))) == len(page_freshness())
    # A wrong value is said next to its field, and nothing is filtered.
    wrong = coordinator_client.get(url, {"status": "stale"})
    assert "stale" in text(element(wrong.text, class_="w-field__errors")) or "Select a valid choice" in wrong.text
    assert len(rows(wrong)) == len(page_freshness())


def test_the_admin_home_sums_up_the_translations(coordinator_client, localized, site_tree, coordinator):
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "en"})
    reword(localized.fr, 1, NEW_SECOND)
    StandardPageFactory(parent=site_tree.fr.standard, title="Seule", slug="seule")
    StandardPageFactory(parent=site_tree.fr.standard, title="Seule aussi", slug="seule-aussi")

    response = coordinator_client.get(reverse("wagtailadmin_home"))

    panel = element(response.text, id="translation-summary-section")
    assert "1 out of date, 2 missing" in " ".join(text(panel).split())
    links = [a["href"] for a in elements(panel, "a")]
    assert reverse("translation_status") + "?status=out_of_date" in links
    assert reverse("translation_status") + "?status=missing" in links


def test_the_menu_has_the_translation_status_in_both_languages(coordinator_client, localized, coordinator):
    profile = UserProfile.get_for_user(coordinator)
    for language, label in (("en", "Translation status"), ("fr", "État des traductions")):
        profile.preferred_language = language
        profile.save()
        response = coordinator_client.get(reverse("wagtailadmin_home"))
        # The sidebar menu is given to Wagtail's JavaScript as JSON.
        assert json.dumps(label) in response.text
        assert reverse("translation_status") in response.text


def test_the_editor_of_an_out_of_date_translation_says_what_changed(coordinator_client, localized):
    french = reword(localized.fr, 1, NEW_SECOND)

    response = coordinator_client.get(reverse("wagtailadmin_pages:edit", args=[localized.en.pk]))

    assert response.status_code == 200
    banner = next(e for e in elements(response.text, "div") if "data-translation-banner" in e)
    assert "vingt-huit" in texts(banner, "del")
    assert "trente" in texts(banner, "ins")
    assert french.last_published_at.strftime("%Y") in text(banner)
    sync_url = reverse("wagtail_localize:update_translations", args=[localized.source.pk])
    assert any(a["href"].startswith(sync_url) for a in elements(banner, "a"))


def test_the_editor_of_an_up_to_date_translation_has_no_banner(coordinator_client, localized):
    response = coordinator_client.get(reverse("wagtailadmin_pages:edit", args=[localized.en.pk]))

    assert response.status_code == 200
    assert "data-translation-banner" not in response.text


def test_the_sync_shows_first_the_english_that_will_need_retranslation(coordinator_client, localized):
    reword(localized.fr, 1, NEW_SECOND)

    response = coordinator_client.get(reverse("wagtail_localize:update_translations", args=[localized.source.pk]))

    preview = element(response.text, class_="translation-sync-preview")
    assert "The collective brings together twenty-eight associations." in text(preview)
    assert texts(preview, "ins") == ["trente"]


def test_after_a_sync_the_previous_english_can_be_restored(coordinator_client, localized):
    reword(localized.fr, 1, NEW_SECOND)
    assert sync(coordinator_client, localized).status_code == 302
    assert next(e for e in page_freshness() if e.source_page_id == localized.fr.pk).item.status == "up_to_date"

    editor = coordinator_client.get(reverse("wagtailadmin_pages:edit", args=[localized.en.pk]))
    banner = next(e for e in elements(editor.text, "div") if "data-translation-banner" in e)
    assert "The collective brings together twenty-eight associations." in text(banner)
    form = element(banner, "form")
    fields = {i["name"]: i["value"] for i in elements(form, "input")}

    restored = coordinator_client.post(form["action"], fields)

    assert restored.status_code == 302
    segment = StringSegment.objects.get(pk=fields["segment"])
    assert StringTranslation.objects.get(
        translation_of=segment.string, context=segment.context, locale=localized.translation.target_locale
    ).data == ("The collective brings together twenty-eight associations.")
    assert previous_wordings(localized.translation) == []
    after = coordinator_client.get(reverse("wagtailadmin_pages:edit", args=[localized.en.pk]))
    assert "data-translation-banner" not in after.text


def test_the_restore_view_refuses_a_get_and_foreign_segments(coordinator_client, localized):
    url = reverse("translation_restore_previous", args=[localized.translation.pk])

    assert coordinator_client.get(url).status_code == 405
    [string] = StringTranslation.objects.filter(data="Trafficking in human beings is a crime.")
    assert coordinator_client.post(url, {"segment": 999999, "previous": string.pk}).status_code in (302, 404)
    other = StringSegment.objects.exclude(context=string.context).filter(source=localized.source).first()
    assert coordinator_client.post(url, {"segment": other.pk, "previous": string.pk}).status_code in (302, 404)
    assert not StringTranslation.objects.filter(translation_of=other.string, data=string.data).exists()


def test_a_member_without_page_permissions_sees_no_translation_status(client, localized, admin_only_user):
    reword(localized.fr, 1, NEW_SECOND)
    localized.source.update_from_db()
    [wording] = previous_wordings(localized.translation)
    client.force_login(admin_only_user)

    assert client.get(reverse("translation_status")).status_code in (302, 403)
    home = client.get(reverse("wagtailadmin_home"))
    assert "translation-summary" not in home.text
    assert reverse("translation_status") not in home.text
    restore = client.post(
        reverse("translation_restore_previous", args=[localized.translation.pk]),
        {"segment": wording.segment_id, "previous": wording.string_translation_id},
    )
    assert restore.status_code in (302, 403)
    assert previous_wordings(localized.translation) == [wording]


def test_an_anonymous_visitor_is_sent_to_the_login(client, localized):
    response = client.get(reverse("translation_status"))

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert Page.objects.filter(pk=localized.en.pk).exists()
