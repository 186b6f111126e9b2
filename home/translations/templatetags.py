"""Template tags of translation freshness (``{% load translation_tags %}``).

Registered as the ``translation_tags`` library in the settings. ``translation_notice`` is used by
the public pages (it reads a per-generation memo: no query once computed); ``translation_banner``
and ``sync_preview`` by our overrides of wagtail-localize's editor and sync templates.
"""

from django import template
from django.template.loader import render_to_string
from django.utils import translation as translation_utils
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from home.core.freshness import Freshness
from home.site.routing import page_translations

from .freshness import freshness_of_translation, is_coordinator, previous_wordings, readable_changes, stale_translation

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_notice(context):
    """A notice on a translated page whose source changed since it was translated (else nothing)."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return ""
    stale = stale_translation(request, page)
    if stale is None:
        return ""
    source = page_translations(request, page).get(stale.source_language)
    return render_to_string(
        "translations/public_notice.html",
        {
            "source_language": stale.source_language,
            "changed_at": stale.source_changed_at,
            "source_url": source.url if source is not None and not source.is_alias else "",
            "LANGUAGE_CODE": translation_utils.get_language(),
        },
    )


@register.simple_tag(takes_context=True)
def translation_banner(context):
    """In wagtail-localize's editor: what changed in the source since the last sync, and what can be restored."""
    translation = context.get("translation")
    request = context.get("request")
    if not isinstance(translation, Translation) or request is None or not is_coordinator(request.user):
        return ""
    freshness = freshness_of_translation(translation)
    if freshness is None:
        return ""
    previous = previous_wordings(translation)
    if freshness.item.status != Freshness.OUT_OF_DATE and not previous:
        return ""
    return render_to_string(
        "translations/editor_banner.html",
        {
            "item": freshness.item,
            "out_of_date": freshness.item.status == Freshness.OUT_OF_DATE,
            "changes": readable_changes(freshness.item.changes),
            "sync_url": freshness.sync_url,
            "previous": previous,
            "translation": translation,
        },
        request=request,
    )


@register.simple_tag(takes_context=True)
def sync_preview(context, source):
    """In wagtail-localize's sync confirmation: the translated wording that the sync leaves to re-translate."""
    request = context.get("request")
    if not isinstance(source, TranslationSource) or request is None:
        return ""
    entries = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale", "source"):
        freshness = freshness_of_translation(translation)
        if freshness is None:
            continue
        lost = [change for change in freshness.item.changes if change.translation]
        if lost:
            entries.append({"locale": translation.target_locale, "changes": readable_changes(lost)})
    if not entries:
        return ""
    return render_to_string("translations/sync_preview.html", {"entries": entries}, request=request)
