"""The admin's compare view of two revisions of a profile: French and English side by side, word by word."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from home.models import Association, AssociationReport

from ..factories import AssociationContactFactory, AssociationFactory, DocumentFactory
from ..html import elements, text


@pytest.fixture
def revisions(locales):
    """Two revisions of a profile: the French description reworded, a contact made public."""
    association = AssociationFactory(
        name="Comité contre l'esclavage moderne",
        slug="ccem",
        description_fr="<p>Le comité aide les victimes.</p><p>Il agit depuis 1994.</p>",
        description_en="<p>The committee helps victims.</p><p>It has acted since 1994.</p>",
    )
    AssociationContactFactory(association=association, name="Paul Public", is_public=False)
    association = Association.objects.get(pk=association.pk)
    first = association.save_revision()
    association.description_fr = "<p>Le comité accompagne les victimes.</p><p>Il agit depuis 1994.</p>"
    contact = association.contacts.get()
    contact.is_public = True
    association.contacts = [contact]
    second = association.save_revision()
    return association, first, second


def admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def compare_page(client, user, revisions, language="en"):
    association, first, second = revisions
    admin_language(user, language)
    client.force_login(user)
    url = reverse("wagtailsnippets_home_association:revisions_compare", args=[association.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def comparison_rows(html):
    return elements(html, "tr")


def row_with(html, label):
    rows = [row for row in comparison_rows(html) if text(row).strip().startswith(label)]
    assert rows, f"no comparison row {label!r}"
    return rows[0]


def test_the_changed_words_are_highlighted_and_paragraphs_kept(client, coordinator, revisions):
    html = compare_page(client, coordinator, revisions)
    assert '<span class="deletion">aide</span>' in html
    assert '<span class="addition">accompagne</span>' in html
    # The two paragraphs stay apart: not one flattened line.
    assert "victimes.<br><br>Il agit depuis 1994." in html


def test_french_and_english_of_a_field_are_in_one_row_side_by_side(client, coordinator, revisions):
    html = compare_page(client, coordinator, revisions)
    row = row_with(html, "Description")
    french = elements(row, "div", lang="fr")
    english = elements(row, "div", lang="en")
    assert french and english
    assert "Il agit depuis 1994." in text(french[0])
    assert "It has acted since 1994." in text(english[0])
    # No separate row for each language.
    assert not [r for r in comparison_rows(html) if text(r).strip().startswith("Description (French)")]


def test_booleans_read_yes_or_no_in_the_admins_language(client, coordinator, revisions):
    english = compare_page(client, coordinator, revisions, "en")
    assert '<span class="deletion">No</span>' in english and '<span class="addition">Yes</span>' in english
    assert "True" not in text(row_with(english, "Contacts"))
    french = compare_page(client, coordinator, revisions, "fr")
    assert '<span class="deletion">Non</span>' in french and '<span class="addition">Oui</span>' in french


def test_coordinators_edit_a_reports_titles_side_by_side_and_compare_them(client, coordinator, locales):
    report = AssociationReport.objects.create(
        association=AssociationFactory(), year=2013, title_fr="Rapport 2013", document=DocumentFactory()
    )
    first = report.save_revision()
    report.title_en = "2013 report"
    second = report.save_revision()
    admin_language(coordinator, "en")
    client.force_login(coordinator)
    assert client.get(reverse("wagtailsnippets_home_associationreport:list")).status_code == 200
    edit = client.get(reverse("wagtailsnippets_home_associationreport:edit", args=[report.pk]))
    assert edit.status_code == 200
    assert 'name="title_fr"' in edit.text and 'name="title_en"' in edit.text
    url = reverse("wagtailsnippets_home_associationreport:revisions_compare", args=[report.pk, first.pk, second.pk])
    html = client.get(url).text
    row = row_with(html, "Title")
    assert text(elements(row, "div", lang="fr")[0]).endswith("Rapport 2013")
    assert '<span class="addition">2013 report</span>' in html
