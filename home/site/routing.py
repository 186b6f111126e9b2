"""Finding the page of a URL, and what navigation shows around a page, once per content generation.

:func:`route_for_request` finds the page of a URL in two queries whatever its depth (Wagtail
walks down the tree, one query a level), the second also reading the page's translations (the
language switcher, and whether a translation is out of date) and the first its parent (the
breadcrumb); each process then keeps what it found for the generation.

A path longer or deeper than any page of the tree can be (plus the few components of a routable
page's sub-URL) is answered "not found" at once, without a query: the candidates of the lookup
are the prefixes of the path, so their size grows with the square of its depth.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from wagtail.models import Page
from wagtail_localize.models import Translation as LocalizeTranslation
from wagtail_localize.models import TranslationSource

from home.core.caching.generation import GenerationMemo
from home.core.tree import tree

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

    The page found (one query, whatever its depth, then one for its specific fields and its
    translations) routes what remains of the path itself (a routable page's sub-URL, or a 404),
    exactly as Wagtail's own walk down the tree would. What was found is kept for the generation,
    pickled: each request gets a page object of its own, without a query; its translations and
    its parent, read with it, are kept too.
    """
    if len(path) > MAX_PATH_LENGTH or path.count("/") > DEEPEST_PAGE + SUB_URL_MARGIN:
        return None
    root = skeleton(request).root()
    if root is None:
        return Page.route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    if len(components) > DEEPEST_PAGE - len(root.path) // Page.steplen + SUB_URL_MARGIN:
        return None
    found = _routes.get_copy(
        (request.get_host(), root.pk, tuple(components)), lambda: _find_page(request, root, components)
    )
    if found is None:
        return None
    page, remaining = found
    try:
        return page.route(request, list(remaining))
    except Http404:
        return None


def _find_page(request, root: Link, components: list[str]) -> tuple[Page, tuple[str, ...]] | None:
    candidates = {root.url_path: 0}
    prefix = root.url_path
    for depth, part in enumerate(components, start=1):
        prefix += f"{part}/"
        candidates[prefix] = depth
    # The page of the URL and its ancestors below the root: its parent is among them.
    found = list(Page.objects.filter(path__startswith=root.path, url_path__in=list(candidates)).order_by("-depth"))
    if not found:
        return None
    page = found[0]
    host = host_of(request)
    parent = next((ancestor for ancestor in found[1:] if ancestor.depth == page.depth - 1), None)
    if parent is not None and page.path.startswith(parent.path):
        _page_links.get(("parent", host, page.pk), lambda: link_to(parent, request))
    # Its specific fields and its translations (pages of the same type), in one query.
    model = page.specific_class or Page
    rows = list(model.objects.filter(translation_key=page.translation_key).annotate(**_translation_columns()))
    specific = next((row for row in rows if row.pk == page.pk), None)
    if specific is None:  # a translation of another type: Wagtail's way
        specific, rows = page.specific, list(_translation_query(page))
    _page_links.get(("translations", host, page.pk), lambda: _translation_rows(request, rows))
    return specific, tuple(components[candidates[page.url_path] :])


@dataclass(frozen=True)
class Translation:
    """A translation of a page (the page itself included), as the language switcher and the
    notice of an out-of-date translation read it."""

    url: str
    is_alias: bool
    page_id: int = 0
    live: bool = True
    last_published_at: datetime.datetime | None = None
    # wagtail-localize's source of this page, if it is one: its pk and when it was last synchronised.
    source_pk: int | None = None
    source_synced_at: datetime.datetime | None = None
    # The languages this page (as a source) is translated into by wagtail-localize.
    translated_into: frozenset[str] = frozenset()


def _translation_columns() -> dict:
    """What a page's row tells of wagtail-localize: the source it is (if any), where it is translated."""
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id"), specific_content_type__app_label="home"
    )
    columns = {
        "localize_source_pk": Subquery(sources.values("pk")[:1]),
        "localize_synced_at": Subquery(sources.values("last_updated_at")[:1]),
    }
    for locale in tree().locales.values():
        columns[f"localize_into_{locale.pk}"] = Exists(
            LocalizeTranslation.objects.filter(
                source__object_id=OuterRef("translation_key"),
                source__locale_id=OuterRef("locale_id"),
                source__specific_content_type__app_label="home",
                target_locale_id=locale.pk,
                enabled=True,
            )
        )
    return columns


def _translation_query(page: Page):
    return Page.objects.filter(translation_key=page.translation_key).annotate(**_translation_columns())


def _translation_rows(request, rows) -> dict[str, Translation]:
    """Every translation of a page (live or not), by language code, in the order of the tree."""
    locales = tree().locales
    language_of = {locale.pk: code for code, locale in locales.items()}
    found = {}
    for row in sorted(rows, key=lambda row: row.path):
        found[language_of.get(row.locale_id, "")] = Translation(
            url=row.get_url(request) if row.live else "",
            is_alias=bool(row.alias_of_id),
            page_id=row.pk,
            live=row.live,
            last_published_at=row.last_published_at,
            source_pk=row.localize_source_pk,
            source_synced_at=row.localize_synced_at,
            translated_into=frozenset(
                code for code, locale in locales.items() if getattr(row, f"localize_into_{locale.pk}", False)
            ),
        )
    return found


def all_translations(request, page: Page) -> dict[str, Translation]:
    """Every translation of a page (itself included, live or not) by language code, read once per generation."""
    return _page_links.get(
        ("translations", host_of(request), page.pk), lambda: _translation_rows(request, _translation_query(page))
    )


def page_translations(request, page: Page) -> dict[str, Translation]:
    """The live translations of a page (itself included) by language code, read once per generation."""
    return {code: found for code, found in all_translations(request, page).items() if found.live}


def parent_link(request, page: Page) -> Link | None:
    """The parent of a page (for a breadcrumb), read once per generation."""

    def read() -> Link | None:
        parent = page.get_parent()
        return link_to(parent, request) if parent is not None else None

    return _page_links.get(("parent", host_of(request), page.pk), read)
