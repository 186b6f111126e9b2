"""Declarations outside their pages: the open-data JSON and the counter other sites may frame."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from home.core.links import page_url

from .open_data import declaration_figures
from .pages import live_declarations
from .signing import SignatureProgress, signature_count


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
    context = {
        "declaration": page,
        "is_open": source.is_open_for_signature,
        "progress": SignatureProgress(count=signature_count(page), goal=source.signature_goal),
        "sign_url": page_url(page, request),  # under SITE_URL, whatever site frames it
    }
    response = TemplateResponse(request, "home/embed/declaration_counter.html", context)
    response["Content-Security-Policy"] = "frame-ancestors *"
    return response
