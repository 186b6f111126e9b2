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

from django.core.cache import cache
from django.db.models import F, Q, Subquery
from django.http.request import split_domain_port
from wagtail.models import Page, Site, get_page_models
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

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
    # What Wagtail's ``Site.get_site_root_paths()`` returns, for this generation.
    site_root_paths: list[SiteRootPath] | None = None

    def use_root_paths(self, request) -> None:
        """Make ``page.get_url(request)`` read the site root paths from here (Wagtail keeps them on the request)."""
        if request is not None and self.site_root_paths is not None:
            request._wagtail_cached_site_root_paths = self.site_root_paths

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
        if not hasattr(request, "_wagtail_cached_site_root_paths"):
            found.use_root_paths(request)  # nor page.get_url(request)
    return found


def host_of(request) -> str:
    return request.get_host() if request is not None else ""


def link_to(page, request) -> Link:
    return Link(pk=page.pk, title=page.title, url=page.get_url(request) or "", path=page.path, url_path=page.url_path)


def section_models() -> dict[type, str]:
    """{page type: section name} of the page types that are sections of the site."""
    return {model: model.site_section for model in get_page_models() if getattr(model, "site_section", "")}


def _site_for(sites: list[Site], request) -> Site | None:
    """What ``Site.find_for_request()`` finds (``wagtail.models.sites.get_site_for_hostname``), among ``sites``."""
    if request is None:
        return next((site for site in sites if site.is_default_site), None)
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def match(site: Site) -> int:
        if site.hostname == hostname and str(site.port) == str(port):
            return MATCH_HOSTNAME_PORT
        if site.hostname == hostname and site.is_default_site:
            return MATCH_HOSTNAME_DEFAULT
        return MATCH_DEFAULT if site.is_default_site else MATCH_HOSTNAME

    candidates = sorted((site for site in sites if site.hostname == hostname or site.is_default_site), key=match)
    if not candidates:
        return None
    best = match(candidates[0])
    if len(candidates) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if best == MATCH_DEFAULT:
        return candidates[len(candidates) == 2]
    return None


def _collective_column(name: str):
    return Subquery(CollectiveSettings.objects.order_by("pk").values(name)[:1])


def build(request) -> Skeleton:
    """The skeleton in two queries: the sites (with the collective's settings), then every page it shows.

    The root paths of the sites (what Wagtail's ``Site.get_site_root_paths()`` reads to make a
    page's URL) come from the same two queries and are kept with the skeleton.
    """
    locales = tree().locales
    language_of = {locale.pk: code for code, locale in locales.items()}
    sites = list(
        Site.objects.select_related("root_page")
        .annotate(
            collective_pk=_collective_column("pk"),
            coordination_email=_collective_column("coordination_email"),
            coordination_name=_collective_column("coordination_name"),
            postal_address=_collective_column("postal_address"),
            privacy_key=_collective_column("privacy_page__translation_key"),
        )
        .order_by("-root_page__url_path", "-is_default_site", "hostname")
    )
    site = _site_for(sites, request)
    result = Skeleton(site=site)
    if site is None:
        return result
    if request is not None and not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site  # what Site.find_for_request() finds, without its query

    root = site.root_page
    sections_of = section_models()
    section_types = {(model._meta.app_label, model._meta.model_name): name for model, name in sections_of.items()}
    wanted = Q(translation_key__in={each.root_page.translation_key for each in sites})  # the roots, in every language
    wanted |= Q(live=True, show_in_menus=True, depth=root.depth + 1)
    for app_label, model_name in section_types:
        wanted |= Q(live=True, content_type__app_label=app_label, content_type__model=model_name)
    if site.privacy_key:
        wanted |= Q(live=True, translation_key=site.privacy_key)
    pages = list(
        Page.objects.filter(wanted)
        .annotate(type_app=F("content_type__app_label"), type_model=F("content_type__model"))
        .order_by("path")
    )

    # Wagtail's ``Site.get_site_root_paths()``, from what was read.
    translations_of: dict[object, list[Page]] = {}
    for page in pages:
        translations_of.setdefault(page.translation_key, []).append(page)
    result.site_root_paths = [
        SiteRootPath(each.pk, translated.url_path, each.root_url, language_of.get(translated.locale_id, ""))
        for each in sites
        for translated in translations_of.get(each.root_page.translation_key, [])
    ]
    result.use_root_paths(request)
    # Where Wagtail keeps them between requests (``page.url`` without a request reads them there):
    # the value its own ``get_site_root_paths()`` would store, read from the same rows.
    cache.set(
        SITE_ROOT_PATHS_CACHE_KEY,
        [tuple(path) for path in result.site_root_paths],
        3600,
        version=SITE_ROOT_PATHS_CACHE_VERSION,
    )

    def url_of(page: Page) -> Link:
        page._wagtail_cached_site_root_paths = result.site_root_paths  # get_url() reads no cache
        return link_to(page, request)

    restricted = tree().restricted_paths
    roots = translations_of.get(root.translation_key, [])
    for page in roots:
        result.roots[language_of.get(page.locale_id, "")] = url_of(page)
    in_roots = tuple(page.path for page in roots)
    for page in pages:
        if not page.live or not page.path.startswith(in_roots) or (restricted and page.path.startswith(restricted)):
            continue
        language = language_of.get(page.locale_id, "")
        if page.show_in_menus and page.depth == root.depth + 1:
            result.menus.setdefault(language, []).append(url_of(page))
        section = section_types.get((page.type_app, page.type_model))
        if section:
            result.sections.setdefault(language, {}).setdefault(section, url_of(page))

    if site.collective_pk is None:
        CollectiveSettings.load(request_or_site=site)  # created as ``load()`` does, empty
    result.collective = {
        "coordination_email": site.coordination_email or "",
        "coordination_name": site.coordination_name or "",
        "postal_address": site.postal_address or "",
    }
    if site.privacy_key:
        for page in pages:
            if page.live and page.translation_key == site.privacy_key:
                result.privacy_pages[language_of.get(page.locale_id, "")] = url_of(page)
    return result
