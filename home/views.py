"""Public views that are not Wagtail pages: search, robots.txt, open data and the embeddable counter."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from . import navigation
from .exports import declaration_figures, live_declarations
from .models import Association
from .services import active_locale, clean_query, paginate
from .signing import signature_count

SEARCH_PAGE_SIZE = 15


def serve_page(request, path):
    """Wagtail's page view, with the page found in two queries (``navigation.route_for_request``)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = navigation.route_for_request(request, path)
    return wagtail_views.serve(request, path)


@require_GET
def search(request):
    query = clean_query(request.GET.get("q"))
    results = None
    associations = []
    if query:
        locale = active_locale()
        pages = Page.objects.live().public().filter(locale=locale).exclude(depth__lte=1).specific()
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
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=60)
def declarations_json(request):
    """Open data: each live declaration once, its titles and links in every language, its counts.

    Counts only, never a name or an email.
    """
    payload = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "declarations": [figures.as_json(request) for figures in declaration_figures()],
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public figures, no cookies: any site may read them
    return response


@require_GET
@xframe_options_exempt
@cache_control(public=True, max_age=60)
def declaration_counter(request, translation_key):
    """The one page other sites may frame: a declaration's count and a link to sign it.

    Shown in the language of the URL, or in French while the translation is missing.
    """
    pages = {page.locale.language_code: page for page in live_declarations().filter(translation_key=translation_key)}
    page = pages.get(translation.get_language()) or pages.get(settings.LANGUAGE_CODE)
    if page is None:
        raise Http404
    # Goal, deadline and opening are the source's (as in the open data), whatever the language.
    source = pages.get(settings.LANGUAGE_CODE) or page
    count = signature_count(page)
    goal = source.signature_goal
    context = {
        "declaration": page,
        "is_open": source.is_open_for_signature,
        "count": count,
        "goal": goal,
        "progress_percent": min(100, round(100 * count / goal)) if goal else None,
        "sign_url": page.get_full_url(request),
    }
    response = TemplateResponse(request, "home/embed/declaration_counter.html", context)
    response["Content-Security-Policy"] = "frame-ancestors *"
    return response


def page_not_found(request, exception):
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
    """The 500 page, in the language of the URL, rendered without touching the database."""
    template = loader.get_template("500.html")
    context = {"LANGUAGE_CODE": translation.get_language() or settings.LANGUAGE_CODE, "request": request}
    return HttpResponseServerError(template.render(context))
