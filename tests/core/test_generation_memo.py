"""What each worker keeps for the content generation: found once, never older than the content.

The page of a URL, its translations, its parent and the published associations are read once
per content generation by each process (``home.core.caching.generation.GenerationMemo``). These tests
go around the page cache (a logged-in member, or the page cache off) to show that what the
memo gives follows every public change at once, and that no request sees what another one did
to its objects.
"""

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, _unmask_cipher_token
from django.test import Client
from django.utils.html import escape
from wagtail.models import Page, PageViewRestriction

from home.core.caching import generation as page_cache
from home.core.caching.generation import GenerationMemo
from home.models import Association, LegalResourcePage, NewsPage

# --- The memo itself ------------------------------------------------------------------------------


def test_a_value_is_computed_once_per_generation(db):
    memo = GenerationMemo(size=10)
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.get("key", compute) == 1
    assert memo.get("key", compute) == 1
    page_cache.invalidate()
    assert memo.get("key", compute) == 2
    assert len(calls) == 2


def test_none_is_remembered_and_the_oldest_values_go_first():
    memo = GenerationMemo(size=2)
    calls = []

    def compute(value):
        def inner():
            calls.append(value)
            return value

        return inner

    assert memo.get("missing", compute(None)) is None
    assert memo.get("missing", compute("other")) is None
    memo.get("b", compute("b"))
    memo.get("missing", compute(None))  # used again: the most recent
    memo.get("c", compute("c"))  # "b" is dropped
    assert memo.get("b", compute("b again")) == "b again"
    assert calls == [None, "b", "c", "b again"]


def test_get_copy_gives_each_caller_an_object_of_its_own():
    memo = GenerationMemo(size=10)
    first = memo.get_copy("page", lambda: {"title": "Accueil"})
    first["title"] = "Changed by one request"
    assert memo.get_copy("page", lambda: {"title": "never computed again"}) == {"title": "Accueil"}


# --- Pages found for a URL, as members (no page cache) get them --------------------------------


def test_a_published_title_is_seen_at_once_by_a_member(member_client, content):
    url = content.resource.url
    assert escape(content.resource.title) in member_client.get(url).text
    resource = LegalResourcePage.objects.get(pk=content.resource.pk)
    resource.title = "Titre publié à l'instant"
    resource.save_revision().publish()
    assert "Titre publié à l&#x27;instant" in member_client.get(url).text


def test_a_page_moved_or_unpublished_is_found_where_it_is_now(member_client, content, site_tree):
    old_url = content.news.url
    assert member_client.get(old_url).status_code == 200
    page = Page.objects.get(pk=content.news.pk)
    page.move(site_tree.fr.events, pos="last-child")
    page.refresh_from_db()
    assert member_client.get(old_url).status_code == 301  # Wagtail's redirect, not the page found before
    assert member_client.get(page.url).status_code == 200

    NewsPage.objects.get(pk=content.news.pk).unpublish()
    assert member_client.get(page.url).status_code == 404


def test_the_breadcrumb_follows_its_parent(member_client, content, site_tree):
    url = content.resource.url
    assert f'<a href="{site_tree.fr.library.url}">Droit</a>' in member_client.get(url).text
    library = Page.objects.get(pk=site_tree.fr.library.pk).specific
    library.title = "Textes de droit"
    library.save_revision().publish()
    assert f'<a href="{site_tree.fr.library.url}">Textes de droit</a>' in member_client.get(url).text


def test_the_language_switcher_follows_a_new_translation(member_client, content, site_tree):
    url = content.news.url
    english = [link for link in member_client.get(url).context["alternates"] if link["code"] == "en"][0]
    assert english["url"] == NewsPage.objects.get(pk=content.news_en.pk).url
    assert english["exact"]

    NewsPage.objects.get(pk=content.news_en.pk).unpublish()
    english = [link for link in member_client.get(url).context["alternates"] if link["code"] == "en"][0]
    assert english["url"] == site_tree.en.home.url
    assert not english["exact"]


def test_a_new_view_restriction_applies_at_once_to_a_page_already_found(content, page_cache_off, client):
    url = content.resource.url
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(page=Page.objects.get(pk=content.resource.pk), restriction_type="login")
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_what_a_request_does_to_its_page_is_not_seen_by_the_next(member_client, content, monkeypatch):
    seen = []
    original = LegalResourcePage.get_context

    def get_context(self, request, *args, **kwargs):
        seen.append(getattr(self, "_touched", False))
        self._touched = True
        self.title = "Changed by this request only"
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(LegalResourcePage, "get_context", get_context)
    member_client.get(content.resource.url)
    response = member_client.get(content.resource.url)
    assert seen == [False, False]
    assert "Changed by this request only" in response.text  # this request's own change shows
    assert LegalResourcePage.objects.get(pk=content.resource.pk).title == content.resource.title


def test_a_published_association_is_seen_at_once_by_a_member(member_client, content):
    profile = "/fr/nos-membres/ccem/"
    assert "Comité contre l&#x27;esclavage moderne" in member_client.get(profile).text
    association = Association.objects.get(slug="ccem")
    association.name = "Comité au nom neuf"
    association.save_revision().publish()
    assert "Comité au nom neuf" in member_client.get(profile).text
    association.unpublish()
    assert member_client.get(profile).status_code == 404


def test_a_page_found_once_is_not_looked_for_again(content, page_cache_off, monkeypatch):
    from home.site import routing

    client = Client()
    url = content.resource.url
    client.get(url)
    calls = []
    original = routing._find_page

    def counting(*args):
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(routing, "_find_page", counting)
    assert client.get(url).status_code == 200
    assert calls == []
    page_cache.invalidate()
    assert client.get(url).status_code == 200
    assert len(calls) == 1


# --- Tokens of cached forms -------------------------------------------------------------------


def test_tokens_of_cached_forms_are_django_csrf_tokens():
    from home.core.caching.middleware import _masked_csrf_token, _random_csrf_string

    secrets = {_random_csrf_string() for _ in range(300)}
    assert len(secrets) == 300
    assert all(len(secret) == CSRF_SECRET_LENGTH and set(secret) <= set(CSRF_ALLOWED_CHARS) for secret in secrets)
    assert set("".join(secrets)) == set(CSRF_ALLOWED_CHARS)  # every character can come out

    secret = next(iter(secrets))
    tokens = {_masked_csrf_token(secret) for _ in range(20)}
    assert len(tokens) == 20  # a new mask each time
    assert all(_unmask_cipher_token(token) == secret for token in tokens)
