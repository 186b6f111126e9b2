"""The library's views that are not pages: the stable permalink of a resource and its citation files."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from home.core.tree import active_locale, live_not_restricted

from .citations import EXPORTERS, EXPORTS, citation_for
from .models import LegalResourcePage


def _public_resource(pk: int) -> LegalResourcePage:
    """The live, public resource ``pk``, in the active language when it has a public translation (404 otherwise)."""
    public = live_not_restricted(LegalResourcePage)
    page = public.filter(pk=pk).select_related("locale").first()
    if page is None:
        raise Http404
    locale = active_locale()
    if page.locale_id != locale.pk:
        translated = public.filter(translation_key=page.translation_key, locale=locale).first()
        if translated is not None:
            return translated
    return page


@require_safe
def resource_permalink(request, pk: int):
    """``/<lang>/r/<id>/``: to the resource's current address in that language, whatever its slug became."""
    page = _public_resource(pk)
    url = page.get_url(request=request)
    if url is None:
        raise Http404
    return redirect(url)


@require_safe
def resource_citation(request, pk: int, export: str):
    """The citation of a resource as a file: RIS, BibTeX or CSL-JSON, UTF-8, named after its title."""
    if export not in EXPORTS:
        raise Http404
    page = _public_resource(pk)
    citation = citation_for(page, request)
    extension, content_type = EXPORTS[export]
    response = HttpResponse(EXPORTERS[export](citation).encode(), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{citation.file_stem}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
