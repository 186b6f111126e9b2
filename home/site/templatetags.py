"""Template tags of the public pages (``{% load site_tags %}``): navigation, languages, small helpers.

Registered as the ``site_tags`` library in the settings (``TEMPLATES[...]["OPTIONS"]["libraries"]``).
Everything they show comes from the site's skeleton and the per-generation routing memos: no query.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import Page

from home.core.bilingual import active_language
from home.core.links import kept_parameters, on_site
from home.directory.pages import association_url as association_profile_url
from home.news.pages import NewsIndexPage

from .routing import page_translations
from .routing import parent_link as read_parent_link
from .skeleton import skeleton

register = template.Library()


def _skeleton(context):
    """The skeleton of the request's site, or None when the template has no request (emails)."""
    request = context.get("request")
    return skeleton(request) if request is not None else None


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
            url += _kept_query(request, page)
            exact = not translated.is_alias or code == current
        elif page is None and request is not None:
            url = translate_url(request.get_full_path(), code)
            exact = True
        else:
            root = _skeleton(context).roots.get(code) if request is not None else None
            url = root.url if root else f"/{code}/"
            exact = False
        links.append({"code": code, "name": name, "url": url, "is_current": code == current, "exact": exact})
    return links


def _kept_query(request, page) -> str:
    """The part of the query string a page keeps in its other language (``language_switch_parameters``:
    the library's search and filters), so that switching language shows the same view of it."""
    names = getattr(page, "language_switch_parameters", ())
    if request is None or not names:
        return ""
    kept = kept_parameters(request.GET, names)
    return f"?{kept}" if kept else ""


@register.simple_tag(takes_context=True)
def parent_link(context, page):
    """The parent of ``page`` as a ``home.site.skeleton.Link`` (no query once read in this generation)."""
    return read_parent_link(context.get("request"), page)


@register.simple_tag(takes_context=True)
def site_skeleton(context):
    """The site's skeleton (``home.site.skeleton.Skeleton``), or None without a request (emails).

    In templates: ``site.root`` (the home page of the active language), ``site.menu``,
    ``site.collective`` (the coordination's contact details), ``site.privacy_page``; each a
    ``Link`` or a list of them, without a query.
    """
    return _skeleton(context)


@register.simple_tag(takes_context=True)
def news_feed_url(context):
    """The Atom feed of the news of the active language ("" without a news page)."""
    found = _skeleton(context)
    news = found.section("news") if found else None
    return news.url + NewsIndexPage.feed_subpath() if news is not None else ""


@register.filter
def is_ancestor_or_self(menu_page, current_page) -> bool:
    if not isinstance(current_page, Page):
        return False
    return current_page.path.startswith(menu_page.path)


@register.simple_tag(takes_context=True)
def association_url(context, association):
    """The public profile URL of an association in the active language."""
    return association_profile_url(context.get("request"), association)


@register.simple_tag(takes_context=True)
def section_page(context, name):
    """The index page of a section ("news", "events", …) in the active language, as a ``Link``, or None."""
    found = _skeleton(context)
    return found.section(name) if found else None


@register.filter(name="on_site")
def on_site_filter(url) -> str:
    """``url`` (a path, or absolute on any host) under ``SITE_URL``: absolute links never name the request's host."""
    return on_site(str(url))


@register.filter
def squash_whitespace(value) -> str:
    """Collapse runs of white space (for titles built from indented template blocks)."""
    return " ".join(str(value).split())


@register.filter
def lang_attr(text) -> str:
    """`` lang="fr"`` when ``text`` (a ``LocalizedText``) is shown in another language than the page's."""
    if getattr(text, "is_fallback", False):
        return format_html(' lang="{}"', text.lang)
    return ""


@register.simple_tag
def fallback_notice(text) -> str:
    """A discreet "in French only" after a text shown in the other language because the page's is missing."""
    if not getattr(text, "is_fallback", False):
        return ""
    label = {"fr": _("in French only"), "en": _("in English only")}.get(text.lang, _("not translated"))
    return format_html(
        ' <span class="fallback-notice" lang="{}">({})</span>', text.requested or active_language(), label
    )
