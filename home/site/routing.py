"""Finding the page of a URL, and what navigation shows around a page, once per content generation.

:func:`route_for_request` finds the page of a URL in two queries whatever its depth (Wagtail
walks down the tree, one query a level); each process then keeps what it found for the
generation, as it keeps a page's translations (the language switcher) and its parent (the
breadcrumb).

A path longer or deeper than any page of the tree can be (plus the few components of a routable
page's sub-URL) is answered "not found" at once, without a query: the candidates of the lookup
are the prefixes of the path, so their size grows with the square of its depth.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from wagtail.models import Page

from home.core.caching.generation import GenerationMemo

from .skeleton import Link, host_of, link_to, skeleton

# Wagtail's tree paths are at most 255 characters, ``Page.steplen`` a level: no page is deeper.
DEEPEST_PAGE = Page._meta.get_field("path").max_length // Page.steplen
# The components a routable page's sub-URL adds below its page (``confirm/<token>/``...), with room.
SUB_URL_MARGIN = 8
MAX_PATH_LENGTH = 1000

# What this process read for the current generation: the pages found for a URL, and the
# translations and parent of a page.
_routes = GenerationMemo(size=500)
_page_links = GenerationMemo(size=2000)


def route_for_request(request, path: str):
    """Wagtail's ``Page.route_for_request``: the deepest page whose URL starts the path routes the rest.

    The page found (one query, whatever its depth, then one for its specific fields) routes what
    remains of the path itself (a routable page's sub-URL, or a 404), exactly as Wagtail's own
    walk down the tree would. What was found is kept for the generation, pickled: each request
    gets a page object of its own, without a query.
    """
    if len(path) > MAX_PATH_LENGTH or path.count("/") > DEEPEST_PAGE + SUB_URL_MARGIN:
        return None
    root = skeleton(request).root()
    if root is None:
        return Page.route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    if len(components) > DEEPEST_PAGE - len(root.path) // Page.steplen + SUB_URL_MARGIN:
        return None
    found = _routes.get_copy((request.get_host(), root.pk, tuple(components)), lambda: _find_page(root, components))
    if found is None:
        return None
    page, remaining = found
    try:
        return page.route(request, list(remaining))
    except Http404:
        return None


def _find_page(root: Link, components: list[str]) -> tuple[Page, tuple[str, ...]] | None:
    candidates = {root.url_path: 0}
    prefix = root.url_path
    for depth, part in enumerate(components, start=1):
        prefix += f"{part}/"
        candidates[prefix] = depth
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

    return _page_links.get(("translations", host_of(request), page.pk), read)


def parent_link(request, page: Page) -> Link | None:
    """The parent of a page (for a breadcrumb), read once per generation."""

    def read() -> Link | None:
        parent = page.get_parent()
        return link_to(parent, request) if parent is not None else None

    return _page_links.get(("parent", host_of(request), page.pk), read)
