"""The skeleton of the public site: what every page shows around its own content.

The site, the home page of each language, the main menu, the index page of each section, the
coordination's contact details and the privacy page are the same for every page of a language.
They are read once per *content generation* (``home.core.caching``: every public change starts
a new one) into a :class:`Skeleton`, shared by the workers and memoised in each, so that
rendering a page costs no query for them, and the number of queries of a page does not grow
with the site.

A page type is a section of the site when it names itself one (``site_section = "news"``):
its index page of each language is then in :attr:`Skeleton.sections`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Page, Site, get_page_models

from home.core.bilingual import active_language
from home.core.caching.generation import SharedPerGeneration
from home.core.tree import tree

from .models import CollectiveSettings

REQUEST_ATTRIBUTE = "_site_skeleton"


@dataclass(frozen=True)
class Link:
    """A page as navigation shows it: no query to read its address or its title."""

    pk: int
    title: str
    url: str
    path: str
    url_path: str = ""


@dataclass
class Skeleton:
    site: Site | None
    roots: dict[str, Link] = field(default_factory=dict)
    menus: dict[str, list[Link]] = field(default_factory=dict)
    sections: dict[str, dict[str, Link]] = field(default_factory=dict)
    privacy_pages: dict[str, Link] = field(default_factory=dict)
    collective: dict[str, str] = field(default_factory=dict)

    def root(self) -> Link | None:
        return self.roots.get(active_language())

    def menu(self) -> list[Link]:
        return self.menus.get(active_language(), [])

    def section(self, name: str) -> Link | None:
        """The index page of a section in the active language."""
        return self.sections.get(active_language(), {}).get(name)

    def section_in_any_language(self, name: str) -> Link | None:
        """The index page of a section in the active language, else in the first language that has one."""
        return self.section(name) or next((found[name] for found in self.sections.values() if name in found), None)

    def privacy_page(self) -> Link | None:
        return self.privacy_pages.get(active_language()) or next(iter(self.privacy_pages.values()), None)


# The skeleton of each host, for the current generation.
_skeletons = SharedPerGeneration("skeleton", size=16)


def skeleton(request) -> Skeleton:
    """The skeleton of the request's site for the current content generation (memoised on the request)."""
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    found = _skeletons.get(host_of(request), lambda: build(request))
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, found)
        if found.site is not None and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = found.site  # Site.find_for_request() needs no query either
    return found


def host_of(request) -> str:
    return request.get_host() if request is not None else ""


def link_to(page, request) -> Link:
    return Link(pk=page.pk, title=page.title, url=page.get_url(request) or "", path=page.path, url_path=page.url_path)


def section_models() -> dict[type, str]:
    """{page type: section name} of the page types that are sections of the site."""
    return {model: model.site_section for model in get_page_models() if getattr(model, "site_section", "")}


def build(request) -> Skeleton:
    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    result = Skeleton(site=site)
    not_restricted = tree().not_restricted_q()
    if site is None:
        return result

    roots = list(site.root_page.get_translations(inclusive=True).select_related("locale"))
    result.roots = {root.locale.language_code: link_to(root, request) for root in roots}
    in_roots = Q()
    for root in roots:
        in_roots |= Q(path__startswith=root.path)

    menu_pages = (
        Page.objects.live()
        .in_menu()
        .filter(in_roots, depth=site.root_page.depth + 1)
        .filter(not_restricted)
        .select_related("locale")
        .order_by("path")
    )
    for page in menu_pages:
        result.menus.setdefault(page.locale.language_code, []).append(link_to(page, request))

    sections_of = section_models()
    sections = (
        Page.objects.live()
        .type(*sections_of)
        .filter(in_roots)
        .filter(not_restricted)
        .select_related("locale")
        .order_by("path")
    )
    for page in sections:
        language_sections = result.sections.setdefault(page.locale.language_code, {})
        language_sections.setdefault(sections_of[page.specific_class], link_to(page, request))

    collective = CollectiveSettings.load(request_or_site=site)
    result.collective = {
        "coordination_email": collective.coordination_email,
        "coordination_name": collective.coordination_name,
        "postal_address": collective.postal_address,
    }
    if collective.privacy_page_id:
        for page in (
            Page.objects.live().filter(translation_key=collective.privacy_page.translation_key).select_related("locale")
        ):
            result.privacy_pages[page.locale.language_code] = link_to(page, request)
    return result
