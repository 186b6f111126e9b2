"""The site tree as every page needs it: the locales, and the parts restricted to some visitors.

Read once per content generation in each process (``home.core.caching``), so that checking a
page's view restrictions, listing public pages or finding the active locale costs no query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Locale, Page, PageViewRestriction

from .bilingual import active_language
from .caching.generation import GenerationMemo


@dataclass
class Tree:
    """What every site shares: the locales, and the parts of the tree restricted to some visitors."""

    locales: dict[str, Locale]
    restricted_paths: tuple[str, ...]
    # Restricted pages and the aliases of restricted pages: a restriction can only apply below them.
    guarded_paths: tuple[str, ...] = ()

    def may_restrict(self, path: str) -> bool:
        return any(path.startswith(guarded) for guarded in self.guarded_paths)

    def not_restricted_q(self) -> Q:
        """Pages outside every view-restricted part of the tree (``PageQuerySet.public()`` without its query)."""
        q = Q()
        for path in self.restricted_paths:
            q &= ~Q(path__startswith=path)
        return q


_trees = GenerationMemo(size=1)


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


def live_not_restricted(model=Page):
    """The live pages of ``model`` outside every view-restricted part of the tree (no query to know which)."""
    return model.objects.live().filter(tree().not_restricted_q())


def active_locale() -> Locale:
    """The locale of the active language, without a query once the generation's tree is read."""
    locales = tree().locales
    found = locales.get(active_language())
    if found is not None:
        return found
    try:
        return Locale.get_default()
    except Locale.DoesNotExist:
        return next(iter(locales.values()))
