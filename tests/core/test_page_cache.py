"""The page cache of anonymous visitors: fast, emptied by every public change, never personal."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from home.core.caching.middleware import CSRF_PLACEHOLDER, ENTRY_PREFIX, STATUS_HEADER
from home.models import Association, DeclarationPage, LegalResourcePage

from ..factories import UserFactory
from ..html import element, text


def _token(page) -> str:
    """The CSRF token of the (first) form of a page."""
    return element(page.text, "input", name="csrfmiddlewaretoken")["value"]


def _count(page) -> int:
    return int(text(element(page.text, class_="signature-count__number")))


def _get(url, client=None):
    return (client or Client()).get(url)


def _stored_entries() -> list[dict]:
    store = getattr(cache, "_cache", {})  # local-memory backend: its keys carry the cache's prefix
    return [cache.get(key.split(":", 2)[-1]) for key in list(store) if ENTRY_PREFIX in key]


def test_an_anonymous_page_is_served_from_the_cache_without_a_query(content, django_assert_num_queries):
    url = content.resource.url
    first = _get(url)
    assert first.status_code == 200
    assert first[STATUS_HEADER] == "miss"

    with django_assert_num_queries(0):
        second = _get(url)
    assert second[STATUS_HEADER] == "hit"
    assert second.text == first.text
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second  # security headers on cached pages too
    assert second["Content-Language"] == "fr"


def test_query_strings_are_cached_apart_in_any_order(content, site_tree):
    library = site_tree.fr.library.url
    _get(library + "?topic=mineurs&body=conseil-europe")
    assert _get(library + "?body=conseil-europe&topic=mineurs")[STATUS_HEADER] == "hit"
    searched = _get(library + "?q=nothing-matches-this")
    assert searched[STATUS_HEADER] == "miss"
    assert "Convention du Conseil" not in searched.text


def test_a_published_change_is_visible_at_once(content):
    resource = LegalResourcePage.objects.get(pk=content.resource.pk)
    _get(resource.url)
    assert _get(resource.url)[STATUS_HEADER] == "hit"

    resource.title = "Convention révisée"
    resource.save_revision().publish()

    response = _get(resource.url)
    assert response[STATUS_HEADER] == "miss"
    assert "Convention révisée" in response.text


def test_a_published_change_updates_the_listings_that_show_the_page(content, site_tree):
    library = site_tree.fr.library.url
    assert "Convention du Conseil" in _get(library).text
    resource = LegalResourcePage.objects.get(pk=content.resource.pk)
    resource.title = "Un titre tout neuf"
    resource.save_revision().publish()
    assert "Un titre tout neuf" in _get(library).text


def test_a_draft_leaves_the_public_page_and_the_cache_alone(content):
    resource = LegalResourcePage.objects.get(pk=content.resource.pk)
    _get(resource.url)
    resource.title = "Brouillon jamais publié"
    resource.save_revision()
    response = _get(resource.url)
    assert response[STATUS_HEADER] == "hit"
    assert "Brouillon jamais publié" not in response.text


def test_an_unpublished_page_is_gone_at_once(content, site_tree):
    url = content.news.url
    assert _get(url).status_code == 200
    assert _get(site_tree.fr.news.url).status_code == 200
    Page.objects.get(pk=content.news.pk).specific.unpublish()
    assert _get(url).status_code == 404
    assert content.news.title not in _get(site_tree.fr.news.url).text


def test_a_moved_page_answers_at_its_new_address_at_once(content, site_tree):
    old_url = content.news.url
    assert _get(old_url).status_code == 200
    page = Page.objects.get(pk=content.news.pk)
    page.move(site_tree.fr.events, pos="last-child")
    page.refresh_from_db()
    moved = _get(old_url)  # Wagtail leaves a redirect behind
    assert moved.status_code == 301
    assert moved["Location"] == page.url
    assert _get(page.url).status_code == 200
    assert content.news.title not in _get(site_tree.fr.news.url).text


def test_a_translation_sync_is_visible_at_once_in_english(content):
    resource = LegalResourcePage.objects.get(pk=content.resource.pk)
    source, _created = TranslationSource.get_or_create_from_instance(resource)
    translation = Translation.objects.create(source=source, target_locale=content.resource_en.locale)
    translation.save_target(publish=True)
    english_url = LegalResourcePage.objects.get(pk=content.resource_en.pk).url
    assert english_url.startswith("/en/")
    assert "Minors" in _get(english_url).text
    assert _get(english_url)[STATUS_HEADER] == "hit"

    resource.topics.set([content.labour])
    resource.save_revision().publish()
    source.update_from_db()
    translation.save_target(publish=True)

    after = _get(english_url)
    assert after[STATUS_HEADER] == "miss"
    assert "Minors" not in after.text
    assert "Labour exploitation" in after.text


def test_a_published_association_profile_is_visible_at_once(content, site_tree):
    directory = site_tree.fr.members.url
    profile = "/fr/nos-membres/ccem/"
    assert "Comité contre l&#x27;esclavage moderne" in _get(directory).text
    _get(profile)
    association = Association.objects.get(slug="ccem")
    association.name = "Comité renommé"
    association.save_revision().publish()
    assert "Comité renommé" in _get(directory).text
    assert "Comité renommé" in _get(profile).text


def test_a_confirmed_signature_updates_the_count_at_once(content):
    declaration = content.declaration
    before = _count(_get(declaration.url))
    visitor = Client()
    page = visitor.get(declaration.url)
    visitor.post(
        declaration.url,
        {
            "first_name": "Marie",
            "last_name": "Curieuse",
            "email": "marie@example.org",
            "country": "FR",
            "consent": "on",
            "csrfmiddlewaretoken": _token(page),
        },
    )
    assert _count(_get(declaration.url)) == before  # pending: not counted
    link = re.search(r"(/[^\s]*/confirm/[^/\s]+/)", mail.outbox[-1].body).group(1)
    confirm_page = visitor.get(link)
    visitor.post(link, {"csrfmiddlewaretoken": _token(confirm_page)})
    assert _count(_get(declaration.url)) == before + 1


# --- Forms and CSRF tokens --------------------------------------------------------------


def test_a_cached_form_gives_each_visitor_a_token_of_their_own(content):
    url = content.declaration.url
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get(url)
    second_page = second.get(url)
    assert second_page[STATUS_HEADER] == "hit"

    first_token = _token(first_page)
    second_token = _token(second_page)
    assert first_token != second_token
    assert CSRF_PLACEHOLDER not in second_page.text
    assert second_page.cookies["csrftoken"].value  # the cookie that goes with the token
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value

    stored = b"".join(entry["content"] for entry in _stored_entries() if entry)
    assert CSRF_PLACEHOLDER.encode() in stored
    assert first_token.encode() not in stored
    assert first.cookies["csrftoken"].value.encode() not in stored

    response = second.post(
        url,
        {
            "first_name": "Ana",
            "last_name": "Lyse",
            "email": "ana@example.org",
            "country": "FR",
            "consent": "on",
            "csrfmiddlewaretoken": second_token,
        },
    )
    assert response.status_code in (200, 302)
    assert response.status_code != 403
    assert mail.outbox and mail.outbox[-1].to == ["ana@example.org"]


def test_a_visitor_with_a_csrf_cookie_gets_a_token_for_that_cookie(content):
    url = content.declaration.url
    Client().get(url)  # stored
    returning = Client(enforce_csrf_checks=True)
    returning.get(content.resource.url)
    returning.get(url)
    cookie = returning.cookies["csrftoken"].value
    page = returning.get(url)
    assert page[STATUS_HEADER] == "hit"
    assert returning.cookies["csrftoken"].value == cookie
    response = returning.post(url, {"first_name": "", "csrfmiddlewaretoken": _token(page)})
    assert response.status_code == 200  # the form's errors, not a CSRF refusal


def test_a_form_with_errors_is_never_cached(content):
    url = content.declaration.url
    visitor = Client()
    page = visitor.get(url)
    errors = visitor.post(url, {"email": "not an email", "csrfmiddlewaretoken": _token(page)})
    assert errors.status_code == 200
    assert STATUS_HEADER not in errors
    assert "not an email" not in _get(url).text


# --- Never personal -----------------------------------------------------------------------


def test_a_logged_in_page_is_never_stored_nor_served_to_anyone_else(content, site_tree, coordinator):
    member = Client()
    member.force_login(coordinator)
    url = site_tree.fr.standard.url

    logged_in = member.get(url)
    assert STATUS_HEADER not in logged_in
    assert "private" in logged_in["Cache-Control"]
    assert 'id="wagtail-userbar' in logged_in.text or "wagtail-userbar" in logged_in.text

    anonymous = _get(url)
    assert anonymous[STATUS_HEADER] == "miss"  # nothing was stored by the logged-in request
    assert "wagtail-userbar" not in anonymous.text
    assert _get(url)[STATUS_HEADER] == "hit"

    again = member.get(url)  # a cached anonymous page is never served to someone logged in
    assert STATUS_HEADER not in again
    assert "wagtail-userbar" in again.text


def test_a_request_with_a_session_skips_the_cache(content):
    url = content.resource.url
    _get(url)
    visitor = Client()
    visitor.cookies["sessionid"] = "whatever"
    assert STATUS_HEADER not in visitor.get(url)
    visitor = Client()
    visitor.cookies["messages"] = "whatever"
    assert STATUS_HEADER not in visitor.get(url)


def test_a_page_that_starts_a_session_is_not_stored(content, site_tree, monkeypatch):
    from home.models import StandardPage

    def serve_with_session(self, request, *args, **kwargs):
        request.session["visited"] = True
        return original(self, request, *args, **kwargs)

    original = StandardPage.serve
    monkeypatch.setattr(StandardPage, "serve", serve_with_session)
    response = _get(site_tree.fr.standard.url)
    assert response.status_code == 200
    assert STATUS_HEADER not in response
    assert response.cookies["sessionid"].value
    assert STATUS_HEADER not in _get(site_tree.fr.standard.url)


@pytest.mark.parametrize("method", ["post", "head"])
def test_only_get_requests_use_the_cache(content, method):
    url = content.resource.url
    _get(url)
    response = getattr(Client(), method)(url)
    assert STATUS_HEADER not in response


def test_private_and_error_responses_are_not_stored(content, client):
    assert _get("/fr/nexiste-pas/").status_code == 404
    assert STATUS_HEADER not in _get("/fr/nexiste-pas/")
    assert STATUS_HEADER not in _get("/fr/accounts/login/")  # account pages are no-store
    assert STATUS_HEADER not in _get("/admin/login/")


def test_the_page_cache_can_be_turned_off(content, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = content.resource.url
    _get(url)
    assert STATUS_HEADER not in _get(url)


def test_the_embeddable_counter_keeps_its_framing_headers_when_cached(content):
    declaration = DeclarationPage.objects.get(pk=content.declaration.pk)
    url = f"/fr/embed/declarations/{declaration.translation_key}/"
    first = _get(url)
    second = _get(url)
    assert second[STATUS_HEADER] == "hit"
    assert "frame-ancestors *" in second["Content-Security-Policy"]
    assert second.get("X-Frame-Options") == first.get("X-Frame-Options")


# --- Redis, as in production ------------------------------------------------------------


def _redis_reachable() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings):
    """The production cache backend against the local Redis, under keys of this test only."""
    import uuid

    if not _redis_reachable():
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",  # as in site_cms/settings/production.py
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    import redis

    connection = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    keys = list(connection.scan_iter(f"{prefix}:*"))
    if keys:
        connection.delete(*keys)


def test_with_redis_pages_are_shared_and_a_publish_empties_them(redis_cache, content, site_tree):
    from django.core.cache import caches

    assert "Redis" in type(caches["default"]).__name__
    url = content.resource.url
    _get(url)
    assert _get(url)[STATUS_HEADER] == "hit"

    resource = LegalResourcePage.objects.get(pk=content.resource.pk)
    resource.title = "Titre servi par Redis"
    resource.save_revision().publish()
    response = _get(url)
    assert response[STATUS_HEADER] == "miss"
    assert "Titre servi par Redis" in response.text
    assert _get(url)[STATUS_HEADER] == "hit"


def test_a_token_outside_a_form_field_is_never_stored(content, site_tree, monkeypatch):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from home.models import StandardPage

    monkeypatch.setattr(
        StandardPage, "serve", lambda self, request, *args, **kwargs: HttpResponse(f"<p>{get_token(request)}</p>")
    )
    url = site_tree.fr.standard.url
    first = _get(url)
    assert first.status_code == 200
    assert STATUS_HEADER not in first
    assert STATUS_HEADER not in _get(url)


# --- Cached fragments: what logged-in people and first renderings reuse ---------------------


def test_listings_rendered_for_a_member_follow_every_published_change(member_client, content, site_tree):
    directory, library = site_tree.fr.members.url, site_tree.fr.library.url
    assert "Comité contre l&#x27;esclavage moderne" in member_client.get(directory).text
    assert "Convention du Conseil" in member_client.get(library).text

    association = Association.objects.get(slug="ccem")
    association.name = "Comité au nom neuf"
    association.save_revision().publish()
    resource = LegalResourcePage.objects.get(pk=content.resource.pk)
    resource.title = "Convention au titre neuf"
    resource.save_revision().publish()

    assert "Comité au nom neuf" in member_client.get(directory).text
    assert "Convention au titre neuf" in member_client.get(library).text


def test_a_cached_listing_runs_none_of_its_queries(member_client, content, site_tree, page_cache_off):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = site_tree.fr.members.url + "?status=member"
    member_client.get(url)
    with CaptureQueriesContext(connection) as captured:
        again = member_client.get(url)
    assert again.status_code == 200
    assert "Comité contre l&#x27;esclavage moderne" in again.text
    assert not [query for query in captured if "home_association" in query["sql"]]


def test_filters_and_languages_are_cached_apart(member_client, content, site_tree):
    directory = site_tree.fr.members.url
    everyone = member_client.get(directory).text
    observers = member_client.get(directory + "?status=observer").text
    assert "ECPAT France" in everyone and "ECPAT France" not in observers
    assert 'lang="en"' in member_client.get(site_tree.en.members.url).text


def test_signatories_rendered_for_a_member_follow_a_confirmation(member_client, content):
    from home.declarations.signing import sign_as_association

    declaration = content.declaration
    assert "ECPAT France" not in member_client.get(declaration.url).text.split("signatories-title")[-1]
    sign_as_association(declaration=declaration, association=content.ecpat, user=UserFactory())
    assert "ECPAT France" in member_client.get(declaration.url).text.split("signatories-title")[-1]


def test_a_workers_own_copy_of_a_page_goes_stale_with_the_generation(content):
    """One client, one handler: the pages its middleware holds in memory follow every change too."""
    visitor = Client()
    url = content.resource.url
    visitor.get(url)
    assert visitor.get(url)[STATUS_HEADER] == "hit"
    cache.delete_many([key.split(":", 2)[-1] for key in list(getattr(cache, "_cache", {})) if ENTRY_PREFIX in key])
    assert visitor.get(url)[STATUS_HEADER] == "hit"  # from the worker's memory, same generation

    resource = LegalResourcePage.objects.get(pk=content.resource.pk)
    resource.title = "Titre revu"
    resource.save_revision().publish()
    response = visitor.get(url)
    assert response[STATUS_HEADER] == "miss"
    assert "Titre revu" in response.text


def test_a_workers_own_copy_of_a_page_expires_with_the_shared_cache(content, monkeypatch):
    """A page in a worker's memory is not served after PAGE_CACHE_TIMEOUT either (its signed image
    URLs, with media on S3, are made to outlive the caches, not to live for ever)."""
    from django.conf import settings

    from home.core.caching import middleware

    visitor = Client()
    url = content.resource.url
    visitor.get(url)
    cache.delete_many([key.split(":", 2)[-1] for key in list(getattr(cache, "_cache", {})) if ENTRY_PREFIX in key])
    assert visitor.get(url)[STATUS_HEADER] == "hit"  # from the worker's memory

    now = middleware.time.time()
    monkeypatch.setattr(middleware.time, "time", lambda: now + settings.PAGE_CACHE_TIMEOUT + 1)
    assert visitor.get(url)[STATUS_HEADER] == "miss"
