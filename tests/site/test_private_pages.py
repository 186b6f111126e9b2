"""Pages restricted to logged-in visitors stay private with the skeleton and the page cache; no shared passwords."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.core.caching.middleware import STATUS_HEADER

from ..factories import StandardPageFactory, UserFactory


@pytest.fixture
def private_section(site_tree, translate):
    section = StandardPageFactory(parent=site_tree.fr.home, title="Espace réservé", slug="reserve", show_in_menus=True)
    child = StandardPageFactory(parent=section, title="Compte rendu interne", slug="compte-rendu")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    english_alias = Page.objects.get(pk=section.pk).copy_for_translation(site_tree.en.locale, alias=True)
    return section, child, english_alias


def test_a_restricted_page_its_children_and_its_alias_ask_anonymous_visitors_to_log_in(client, private_section):
    section, child, english_alias = private_section
    for url in (section.url, child.url, english_alias.url):
        for _attempt in range(2):  # the second time too: nothing was cached
            response = Client().get(url)
            assert response.status_code == 302, url
            assert "login" in response["Location"]


def test_restricted_pages_are_left_out_of_menus_and_listings(client, site_tree, private_section):
    section, _child, _alias = private_section
    home = client.get(site_tree.fr.home.url).text
    assert "Espace réservé" not in home
    assert "Compte rendu interne" not in client.get("/fr/recherche/", {"q": "interne"}).text


def test_a_member_reads_a_restricted_page_which_is_never_cached(private_section):
    section, child, _alias = private_section
    member = Client()
    member.force_login(UserFactory())
    response = member.get(child.url)
    assert response.status_code == 200
    assert STATUS_HEADER not in response
    assert Client().get(child.url).status_code == 302


def test_unrestricted_pages_skip_the_restriction_queries(client, content, private_section, page_cache_off):
    client.get(content.resource.url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(content.resource.url).status_code == 200
    assert not [query for query in captured if "wagtailcore_pageviewrestriction" in query["sql"]]

    section, child, _alias = private_section
    with CaptureQueriesContext(connection) as captured:
        assert client.get(child.url).status_code == 302
    assert [query for query in captured if "wagtailcore_pageviewrestriction" in query["sql"]]


def test_restricting_a_page_takes_effect_at_once_despite_the_caches(site_tree):
    page = StandardPageFactory(parent=site_tree.fr.home, title="Bientôt privé", slug="bientot-prive")
    assert Client().get(page.url).status_code == 200
    assert Client().get(page.url)[STATUS_HEADER] == "hit"

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert Client().get(page.url).status_code == 302


def test_no_shared_passwords_for_private_pages_and_collections():
    from wagtail.admin.forms.collections import CollectionViewRestrictionForm
    from wagtail.admin.forms.pages import PageViewRestrictionForm

    for form in (PageViewRestrictionForm(), CollectionViewRestrictionForm()):
        assert "password" not in [value for value, _label in form.fields["restriction_type"].choices]
