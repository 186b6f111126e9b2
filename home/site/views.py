"""Views of the site that are not pages: serving pages, search, robots.txt, the health check, error pages."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.core.links import site_url
from home.core.pagination import paginate
from home.core.search import clean_query
from home.core.tree import active_locale, live_not_restricted
from home.directory.models import Association

from .routing import route_for_request

SEARCH_PAGE_SIZE = 15
HEALTH_PROBE_NAME = "healthz-probe"

logger = logging.getLogger(__name__)


def serve_page(request, path):
    """Wagtail's page view, with the page found in two queries (``routing.route_for_request``)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_views.serve(request, path)


@require_GET
def search(request):
    query = clean_query(request.GET.get("q"))
    results = None
    associations = []
    if query:
        locale = active_locale()
        pages = live_not_restricted(Page).filter(locale=locale).exclude(depth__lte=1).specific()
        results = paginate(pages.search(query, operator="and"), request.GET.get("page"), SEARCH_PAGE_SIZE)
        # Association is a snippet: its queryset has no .search(), the search backend does.
        associations = list(
            get_search_backend().search(query, Association.objects.filter(live=True), operator="and")[:10]
        )
    return TemplateResponse(
        request,
        "home/search.html",
        {"query": query, "search_results": results, "matching_associations": associations},
    )


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
