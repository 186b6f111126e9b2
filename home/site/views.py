"""Views of the site that are not pages: serving pages, search, robots.txt, the health check, error pages."""

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.core.bilingual import active_language
from home.core.links import site_url
from home.core.pagination import paginate
from home.core.search import StemmedQuery, clean_query, snippet_of, stemmed_query
from home.core.tree import active_locale, live_not_restricted
from home.directory.models import Association
from home.library.matches import SearchMatch, search_matches
from home.library.models import LegalResourcePage

from .routing import route_for_request

SEARCH_PAGE_SIZE = 15
# The pages a search ranks (in relevance order from the backend, then re-ranked here): beyond that, a
# visitor refines the query. Bounds the work of a common word, whatever the amount of content.
SEARCH_CANDIDATES = 300
HEALTH_PROBE_NAME = "healthz-probe"

logger = logging.getLogger(__name__)


def serve_page(request, path):
    """Wagtail's page view, with the page found in two queries (``routing.route_for_request``)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_views.serve(request, path)


# What a visitor is told each kind of page is (never a class name); a legal text says its own type.
PAGE_KINDS = {
    "homepage": _("Home page"),
    "standardpage": _("Page"),
    "contactpage": _("Contact"),
    "newspage": _("News"),
    "newsindexpage": _("News"),
    "eventpage": _("Event"),
    "eventindexpage": _("Events"),
    "declarationpage": _("Declaration"),
    "declarationindexpage": _("Declarations"),
    "libraryindexpage": _("Legal library"),
    "membersindexpage": _("Member associations"),
}


@dataclass
class SearchResult:
    page: object  # the specific page
    kind: str
    snippet: SafeString | str = ""
    match: SearchMatch | None = None

    @property
    def is_legal_text(self) -> bool:
        return isinstance(self.page, LegalResourcePage)


def _ranked(candidates: list, legal: dict[int, str], query: StemmedQuery) -> list:
    """The candidates re-ranked the same way on every database: the words in the title count most,
    then in a legal text's official reference and issuing body, and a legal text comes before a site
    page that matches as well; the backend's relevance order breaks ties."""

    def score(item):
        position, page = item
        value = 3 * query.coverage(page.title)
        if page.pk in legal:
            value += 2 + 2 * query.coverage(legal[page.pk])
        return (-value, position)

    return [page for _position, page in sorted(enumerate(candidates), key=score)]


def _specific_pages(pages: list) -> dict[int, object]:
    """The specific pages of ``pages``: one query for each kind of page among them (legal texts with their body)."""
    by_type: dict[int, list[int]] = defaultdict(list)
    for page in pages:
        by_type[page.content_type_id].append(page.pk)
    found = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        queryset = model.objects.filter(pk__in=pks)
        if model is LegalResourcePage:
            queryset = queryset.select_related("issuing_body")
        found.update((page.pk, page) for page in queryset)
    return found


def _results(shown: list, query: StemmedQuery) -> list[SearchResult]:
    specific = _specific_pages(shown)
    legal_texts = [page for page in specific.values() if isinstance(page, LegalResourcePage)]
    matches = search_matches(legal_texts, query)
    results = []
    for page in shown:
        page = specific.get(page.pk)
        if page is None:
            continue
        if isinstance(page, LegalResourcePage):
            match = matches.get(page.pk)
            results.append(SearchResult(page, page.get_resource_type_display(), match=match))
        else:
            kind = PAGE_KINDS.get(page._meta.model_name) or capfirst(page._meta.verbose_name)
            results.append(SearchResult(page, kind, snippet=snippet_of(page, query)))
    return results


@require_GET
def search(request):
    """Pages of the reader's language and member associations, found by their words folded and stemmed
    (``home.core.search``), legal texts first, each with why it matched.

    A bounded number of queries whatever the amount of content: the ranked candidates, the
    references of the legal texts among them, one query for each kind of page shown, two for the
    pages of documents that matched, one for the associations.
    """
    query = clean_query(request.GET.get("q"))
    results = None
    shown: list[SearchResult] = []
    associations = []
    if query:
        stemmed = stemmed_query(query, active_language())
        candidates = []
        if stemmed:
            locale = active_locale()
            pages = (
                live_not_restricted(Page)
                .filter(locale=locale)
                .exclude(depth__lte=1)
                .only("id", "title", "content_type_id", "url_path", "depth", "path", "locale_id")
            )
            candidates = list(pages.search(stemmed.backend_query, operator="and")[:SEARCH_CANDIDATES])
        legal_ids = [page.pk for page in candidates if page.content_type_id == _legal_content_type_id()]
        legal = (
            {
                pk: " ".join(filter(None, values))
                for pk, *values in LegalResourcePage.objects.filter(pk__in=legal_ids).values_list(
                    "pk",
                    "official_reference",
                    "issuing_body__acronym",
                    "issuing_body__name_fr",
                    "issuing_body__name_en",
                )
            }
            if legal_ids
            else {}
        )
        results = paginate(_ranked(candidates, legal, stemmed), request.GET.get("page"), SEARCH_PAGE_SIZE)
        shown = _results(list(results.object_list), stemmed)
        # Association is a snippet: its queryset has no .search(), the search backend does.
        if stemmed:
            associations = list(
                get_search_backend().search(
                    stemmed.backend_query, Association.objects.filter(live=True), operator="and"
                )[:10]
            )
    return TemplateResponse(
        request,
        "home/search.html",
        {"query": query, "search_results": results, "shown_results": shown, "matching_associations": associations},
    )


def _legal_content_type_id() -> int:
    return ContentType.objects.get_for_model(LegalResourcePage).pk


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /documents/"]
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            lines.append(f"Disallow: {reverse('search')}")
            lines.append(f"Disallow: /{language_code}/extranet/")
            lines.append(f"Disallow: {reverse('account_login')}")
    lines.append(f"Sitemap: {site_url(reverse('sitemap'))}")  # SITE_URL, never the request's host
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _database_is_reachable() -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_is_reachable() -> bool:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def _storage_is_reachable() -> bool:
    default_storage.exists(HEALTH_PROBE_NAME)  # an answer, whichever, is what counts (a bucket: one HEAD)
    return True


HEALTH_CHECKS = {"database": _database_is_reachable, "cache": _cache_is_reachable, "storage": _storage_is_reachable}


@never_cache
@require_safe
def healthz(request):
    """For the proxy or the monitoring: 200 when the database, the cache and the media storage answer, else 503.

    The body says only which of them failed (``{"database": "ok", "cache": "failed", …}``): the error
    itself goes to the log, never to whoever asks. No session, no cookie, no language, never cached.
    """
    results = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            reachable = check()
        except Exception:  # whatever the failure, the answer is the same
            logger.exception("Health check: the %s is not reachable.", name)
            reachable = False
        results[name] = "ok" if reachable else "failed"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(results, status=200 if healthy else 503)


def page_not_found(request, exception):
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
    """The 500 page, in the language of the URL, rendered without touching the database."""
    template = loader.get_template("500.html")
    context = {"LANGUAGE_CODE": translation.get_language() or settings.LANGUAGE_CODE, "request": request}
    return HttpResponseServerError(template.render(context))
