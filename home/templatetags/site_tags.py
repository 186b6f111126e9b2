"""Navigation, language switching and small helpers for the public templates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from home import navigation
from home.navigation import page_translations, skeleton

register = template.Library()


def _locale_root(request, language_code: str):
    """The home page of a language, as a ``home.navigation.Link``."""
    if request is None:
        return None
    return skeleton(request).roots.get(language_code)


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language: the same page in that language (or its home page), and whether it is current."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    subpath = context.get("routable_subpath", "")
    translations = page_translations(request, page) if isinstance(page, Page) and page.pk else {}
    links = []
    for code, name in settings.LANGUAGES:
        translated = translations.get(code)
        if translated is not None:
            url = translated.url + subpath.lstrip("/") if subpath else translated.url
            exact = not translated.is_alias or code == current
        elif page is None and request is not None:
            url = translate_url(request.get_full_path(), code)
            exact = True
        else:
            root = _locale_root(request, code)
            url = root.url if root else f"/{code}/"
            exact = False
        links.append({"code": code, "name": name, "url": url, "is_current": code == current, "exact": exact})
    return links


@register.simple_tag(takes_context=True)
def parent_link(context, page):
    """The parent of ``page`` as a ``home.navigation.Link`` (no query once read in this generation)."""
    return navigation.parent_link(context.get("request"), page)


@register.simple_tag(takes_context=True)
def locale_home(context):
    request = context.get("request")
    return _locale_root(request, translation.get_language())


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The pages shown in the menu of the active language, as ``home.navigation.Link``."""
    request = context.get("request")
    return skeleton(request).menu() if request is not None else []


@register.simple_tag(takes_context=True)
def collective_settings(context):
    """The coordination's contact details (name, email, postal address) without a query."""
    request = context.get("request")
    return skeleton(request).collective if request is not None else {}


@register.simple_tag(takes_context=True)
def privacy_page(context):
    """The privacy page in the active language (or None)."""
    request = context.get("request")
    if request is None:
        return None
    pages = skeleton(request).privacy_pages
    return pages.get(translation.get_language()) or next(iter(pages.values()), None)


@register.simple_tag(takes_context=True)
def news_feed_url(context):
    request = context.get("request")
    return skeleton(request).news_feeds.get(translation.get_language(), "") if request is not None else ""


@register.filter
def is_ancestor_or_self(menu_page, current_page) -> bool:
    if not isinstance(current_page, Page):
        return False
    return current_page.path.startswith(menu_page.path)


@register.simple_tag(takes_context=True)
def querystring_with(context, **changes):
    """The current query string with some parameters replaced (None removes them)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def querystring_toggle(context, name, value):
    """The current query string with ``value`` added to or removed from list parameter ``name``."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    values = params.getlist(name)
    value = str(value)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    params.setlist(name, values)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def active_locale_code():
    code = translation.get_language()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def association_url(context, association):
    """The public profile URL of an association in the active language."""
    return association.get_url(context.get("request")) or ""


@register.simple_tag(takes_context=True)
def section_page(context, name):
    """The index page of a section ("news", "events", …) in the active language, as a ``Link``, or None."""
    request = context.get("request")
    return skeleton(request).section(name) if request is not None else None


@register.filter
def squash_whitespace(value) -> str:
    """Collapse runs of white space (for titles built from indented template blocks)."""
    return " ".join(str(value).split())
