"""The site tree as every page needs it: the locales, and the parts restricted to some visitors.

Read once per content generation in each process (``home.core.caching``), in one query, so
that checking a page's view restrictions, listing public pages or finding the active locale
costs no query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, F, IntegerField, Q, Value
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


def _rows(queryset, kind: str, key: str, text: str):
    """``(kind, key, text)`` rows of ``queryset``, to be read together with others in one UNION."""
    return queryset.annotate(
        row_kind=Value(kind, output_field=CharField()),
        row_key=F(key) if key else Value(0, output_field=IntegerField()),
        row_text=F(text),
    ).values_list("row_kind", "row_key", "row_text")


def _read_tree() -> Tree:
    """The locales, the restricted pages and the aliases of restricted pages: one query."""
    rows = (
        _rows(Locale.objects.order_by(), "locale", "pk", "language_code")
        .union(
            _rows(PageViewRestriction.objects.order_by(), "restricted", "", "page__path"),
            _rows(Page.objects.filter(alias_of__view_restrictions__isnull=False).order_by(), "alias", "", "path"),
            all=True,
        )
        .order_by()
    )
    locale_ids: dict[str, int] = {}
    restricted: set[str] = set()
    aliases: set[str] = set()
    for kind, key, text in rows:
        if kind == "locale":
            locale_ids[text] = key
        elif kind == "restricted":
            restricted.add(text)
        else:
            aliases.add(text)
    return Tree(
        # Locales as ``Locale.objects.all()`` gives them (the id and the language code are all there is).
        locales={
            code: Locale.from_db(rows.db, ["id", "language_code"], [pk, code])
            for code, pk in sorted(locale_ids.items())
        },
        restricted_paths=tuple(sorted(restricted)),
        guarded_paths=tuple(sorted(restricted | aliases)),
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
