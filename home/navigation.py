"""The skeleton of the public site: what every page shows around its own content.

The site, its locales, the home page of each language, the main menu, the index page of each
section, the coordination's contact details, the privacy page and the restricted parts of the
tree are the same for every page of a language. They are read once per *content generation*
(``site_cms.page_cache``: every public change starts a new one) into a :class:`Skeleton`,
shared through Django's cache and memoised in each process, so that rendering a page costs no
query for them, and the number of queries of a page does not grow with the site.

``route_for_request`` uses it to find the page of a URL in two queries, whatever its depth;
each process then keeps what it found for the generation, as it keeps a page's translations
(the language switcher) and its parent (the breadcrumb).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from site_cms import page_cache

SECTION_MODELS = {
    "news": "home.NewsIndexPage",
    "events": "home.EventIndexPage",
    "declarations": "home.DeclarationIndexPage",
    "members": "home.MembersIndexPage",
    "library": "home.LibraryIndexPage",
}
CACHE_PREFIX = "skeleton:"
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
    news_feeds: dict[str, str] = field(default_factory=dict)
    privacy_pages: dict[str, Link] = field(default_factory=dict)
    collective: dict[str, str] = field(default_factory=dict)

    def language(self) -> str:
        return translation.get_language() or "fr"

    def root(self) -> Link | None:
        return self.roots.get(self.language())

    def menu(self) -> list[Link]:
        return self.menus.get(self.language(), [])

    def section(self, name: str) -> Link | None:
        return self.sections.get(self.language(), {}).get(name)


# What this process read for the current generation (the skeleton of each host, the tree, the
# pages found for a URL and the translations of a page), so that most pages cost no query for them.
_skeletons = page_cache.GenerationMemo(size=16)
_trees = page_cache.GenerationMemo(size=1)
_routes = page_cache.GenerationMemo(size=500)
_page_links = page_cache.GenerationMemo(size=2000)


def skeleton(request) -> Skeleton:
    """The skeleton of the request's site for the current content generation."""
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    host = _host(request)

    def shared() -> Skeleton:
        cache_key = f"{CACHE_PREFIX}{page_cache.current_generation()}:{host}"
        found = cache.get(cache_key)
        if found is None:
            found = build(request)
            cache.set(cache_key, found, settings.PAGE_CACHE_TIMEOUT * 6)
        return found

    found = _skeletons.get(host, shared)
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, found)
        if found.site is not None and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = found.site  # Site.find_for_request() needs no query either
    return found


def _link(page, request) -> Link:
    return Link(pk=page.pk, title=page.title, url=page.get_url(request) or "", path=page.path, url_path=page.url_path)


def build(request) -> Skeleton:
    from django.apps import apps

    from home.models import CollectiveSettings, NewsIndexPage

    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    result = Skeleton(site=site)
    public_q = tree().public_q()
    if site is None:
        return result

    roots = list(site.root_page.get_translations(inclusive=True).select_related("locale"))
    result.roots = {root.locale.language_code: _link(root, request) for root in roots}
    in_roots = Q()
    for root in roots:
        in_roots |= Q(path__startswith=root.path)

    menu_pages = (
        Page.objects.live()
        .in_menu()
        .filter(in_roots, depth=site.root_page.depth + 1)
        .filter(public_q)
        .select_related("locale")
        .order_by("path")
    )
    for page in menu_pages:
        result.menus.setdefault(page.locale.language_code, []).append(_link(page, request))

    section_models = {apps.get_model(label): name for name, label in SECTION_MODELS.items()}
    sections = (
        Page.objects.live()
        .type(*section_models)
        .filter(in_roots)
        .filter(public_q)
        .select_related("locale")
        .order_by("path")
    )
    for page in sections:
        name = section_models[page.specific_class]
        language_sections = result.sections.setdefault(page.locale.language_code, {})
        if name not in language_sections:
            link = language_sections[name] = _link(page, request)
            if page.specific_class is NewsIndexPage:
                result.news_feeds[page.locale.language_code] = link.url + NewsIndexPage.get_resolver().reverse("feed")

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
            result.privacy_pages[page.locale.language_code] = _link(page, request)
    return result


@dataclass
class Tree:
    """What every site shares: the locales, and the parts of the tree restricted to some visitors."""

    locales: dict[str, Locale]
    restricted_paths: tuple[str, ...]
    # Restricted pages and the aliases of restricted pages: a restriction can only apply below them.
    guarded_paths: tuple[str, ...] = ()

    def may_restrict(self, path: str) -> bool:
        return any(path.startswith(guarded) for guarded in self.guarded_paths)

    def public_q(self) -> Q:
        """Pages outside every restricted part of the tree (``PageQuerySet.public()`` without its query)."""
        q = Q()
        for path in self.restricted_paths:
            q &= ~Q(path__startswith=path)
        return q


def tree() -> Tree:
    return _trees.get("tree", _read_tree)


def _read_tree() -> Tree:
    restricted = {
        restriction.page_id: restriction.page.path for restriction in PageViewRestriction.objects.select_related("page")
    }
    aliases = Page.objects.filter(alias_of_id__in=list(restricted)).values_list("path", flat=True) if restricted else []
    return Tree(
        locales={locale.language_code: locale for locale in Locale.objects.all()},
        restricted_paths=tuple(sorted(set(restricted.values()))),
        guarded_paths=tuple(sorted({*restricted.values(), *aliases})),
    )


def active_locale() -> Locale:
    """The locale of the active language, without a query once the generation's tree is read."""
    locales = tree().locales
    found = locales.get(translation.get_language() or "")
    if found is not None:
        return found
    try:
        return Locale.get_default()
    except Locale.DoesNotExist:
        return next(iter(locales.values()))


def route_for_request(request, path: str):
    """Wagtail's ``Page.route_for_request``: the deepest page whose URL starts the path routes the rest.

    The page found (one query, whatever its depth, then one for its specific fields) routes what
    remains of the path itself (a routable page's sub-URL, or a 404), exactly as Wagtail's own
    walk down the tree would. What was found is kept for the generation, pickled: each request
    gets a page object of its own, without a query.
    """
    from django.http import Http404

    root = skeleton(request).root()
    if root is None:
        return Page.route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    found = _routes.get_copy((request.get_host(), root.pk, tuple(components)), lambda: _find_page(root, components))
    if found is None:
        return None
    page, remaining = found
    try:
        return page.route(request, list(remaining))
    except Http404:
        return None


def _find_page(root: Link, components: list[str]) -> tuple[Page, tuple[str, ...]] | None:
    candidates = {
        root.url_path + "".join(f"{part}/" for part in components[:depth]): depth
        for depth in range(len(components) + 1)
    }
    found = Page.objects.filter(path__startswith=root.path, url_path__in=list(candidates)).order_by("-depth").first()
    if found is None:
        return None
    return found.specific, tuple(components[candidates[found.url_path] :])


@dataclass(frozen=True)
class Translation:
    url: str
    is_alias: bool


def page_translations(request, page: Page) -> dict[str, Translation]:
    """The live translations of a page (itself included) by language code, read once per generation."""

    def read() -> dict[str, Translation]:
        return {
            translated.locale.language_code: Translation(
                url=translated.get_url(request), is_alias=bool(translated.alias_of_id)
            )
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        }

    return _page_links.get(("translations", _host(request), page.pk), read)


def parent_link(request, page: Page) -> Link | None:
    """The parent of a page (for a breadcrumb), read once per generation."""

    def read() -> Link | None:
        parent = page.get_parent()
        return _link(parent, request) if parent is not None else None

    return _page_links.get(("parent", _host(request), page.pk), read)


def _host(request) -> str:
    return request.get_host() if request is not None else ""
