"""The library's faceted listing: combinable filters with counts, search, sorts and pages.

The resources of a library page are reduced to what filtering needs (:class:`LibraryIndex`),
read once per content generation for all the workers: filtering, counting and sorting work on
it in memory, whatever the number of resources, topics or languages; only the search and the
page of results shown query the database.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.db.models import CharField, Value
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from home.core.bilingual import active_language
from home.core.caching.generation import SharedPerGeneration
from home.core.links import kept_parameters
from home.core.pagination import paginate
from home.core.search import clean_query, stemmed_query
from home.core.tree import live_not_restricted
from home.taxonomy.models import IssuingBody, Topic

from .matches import search_matches
from .models import DocumentLanguage, LegalResourcePage, ResourceType

LIBRARY_PAGE_SIZE = 20

SORTS = {
    "-date": _("Newest first"),
    "date": _("Oldest first"),
    "title": _("Title (A–Z)"),
}
DEFAULT_SORT = "-date"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    lang: str = ""  # the language of the label, when it is a fallback to the other language

    @property
    def is_fallback(self) -> bool:
        return bool(self.lang) and self.lang != active_language()


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


def _selected(params: QueryDict, name: str, allowed: set[str]) -> list[str]:
    return [value for value in dict.fromkeys(params.getlist(name)) if value in allowed]


@dataclass(frozen=True)
class ResourceRow:
    """What the facets, the filters and the sorts need of one resource: no page object."""

    pk: int
    title: str
    date: datetime.date | None
    year: int | None
    body: str | None
    type: str
    topics: frozenset[str]
    languages: frozenset[str]


@dataclass
class LibraryIndex:
    rows: list[ResourceRow]
    bodies: dict[str, IssuingBody]
    topics: dict[str, Topic]


_indexes = SharedPerGeneration("library-index", size=8)


def library_index(index_page) -> LibraryIndex:
    """The resources of a library page, reduced to what filtering needs, read once per content generation.

    Two queries when a change has started a new generation, none otherwise: counting the
    facets costs nothing more whatever the number of resources, topics or languages.
    """
    return _indexes.get(str(index_page.pk), lambda: _read_index(index_page))


def _read_index(index_page) -> LibraryIndex:
    """Two queries: the resources with their topics and languages (a row for each pair), then the
    issuing bodies and the topics together."""
    rows = (
        live_not_restricted(LegalResourcePage)
        .child_of(index_page)
        .order_by("path")
        .values_list(
            "pk", "title", "date", "year", "issuing_body__slug", "resource_type", "topics__slug", "languages__language"
        )
    )
    resources: dict[int, tuple] = {}
    topics_of: dict[int, set[str]] = {}
    languages_of: dict[int, set[str]] = {}
    for *values, topic, language in rows:
        resources.setdefault(values[0], tuple(values))
        if topic is not None:
            topics_of.setdefault(values[0], set()).add(topic)
        if language is not None:
            languages_of.setdefault(values[0], set()).add(language)
    bodies, topics = _terms()
    return LibraryIndex(
        rows=[
            # The values come in the order of the row's first fields: pk, title, date, year, body, type.
            ResourceRow(
                *values,
                topics=frozenset(topics_of.get(pk, ())),
                languages=frozenset(languages_of.get(pk, ())),
            )
            for pk, values in resources.items()
        ],
        bodies=bodies,
        topics=topics,
    )


_BODY_FIELDS = ("id", "slug", "acronym", "name_fr", "name_en", "website")
_TOPIC_FIELDS = ("id", "slug", "name_fr", "name_en")


def _terms() -> tuple[dict[str, IssuingBody], dict[str, Topic]]:
    """The issuing bodies and the topics by slug, each in its own order (by French name), in one UNION."""
    text = CharField()
    bodies = IssuingBody.objects.annotate(kind=Value("body", output_field=text)).values_list("kind", *_BODY_FIELDS)
    topics = Topic.objects.annotate(
        kind=Value("topic", output_field=text),
        acronym_=Value("", output_field=text),
        website_=Value("", output_field=text),
    ).values_list("kind", "id", "slug", "acronym_", "name_fr", "name_en", "website_")
    found_bodies: dict[str, IssuingBody] = {}
    found_topics: dict[str, Topic] = {}
    db = IssuingBody.objects.db
    for kind, *values in bodies.order_by().union(topics.order_by(), all=True).order_by("kind", "name_fr"):
        if kind == "body":
            found_bodies[values[1]] = IssuingBody.from_db(db, _BODY_FIELDS, values)
        else:
            pk, slug, _acronym, name_fr, name_en, _website = values
            found_topics[slug] = Topic.from_db(db, _TOPIC_FIELDS, [pk, slug, name_fr, name_en])
    return found_bodies, found_topics


def _title_key(title: str) -> str:
    """Titles sorted as a French reader expects: accents and case do not move a title."""
    return unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()


def _sorted_rows(rows: list[ResourceRow], sort: str) -> list[ResourceRow]:
    by_title = sorted(rows, key=lambda row: _title_key(row.title))
    if sort == "title":
        return by_title
    dated = [row for row in by_title if row.date is not None]
    undated = [row for row in by_title if row.date is None]  # undated texts last, whatever the order
    dated.sort(key=lambda row: row.date, reverse=(sort == "-date"))
    return dated + undated


# The query string of a filtered view of the library: its search and its facets (the feed's too).
FILTER_PARAMETERS = ("q", "body", "type", "topic", "year", "language")


def filter_querystring(params: QueryDict) -> str:
    """The search and the facets of ``params`` (no sort, no page), URL-encoded: what a feed of this view needs."""
    return kept_parameters(params, FILTER_PARAMETERS)


@dataclass
class LibrarySelection:
    """What a view of the library asks for: its search, its chosen facet values, and the rows they keep."""

    index: LibraryIndex
    query: str
    searched: list[ResourceRow]  # the rows matching the search, before the facets
    selected: dict[str, list[str]]
    values_of: dict
    stemmed: object = None  # the query folded and stemmed in the reader's language (home.core.search)

    def matches(self, row: ResourceRow, excluding: str | None = None) -> bool:
        return all(
            not chosen or not self.values_of[name](row).isdisjoint(chosen)
            for name, chosen in self.selected.items()
            if name != excluding
        )

    def sorted_ids(self, sort: str = DEFAULT_SORT) -> list[int]:
        """The resources of this view (search and facets), in the order of ``sort``."""
        return [row.pk for row in _sorted_rows([row for row in self.searched if self.matches(row)], sort)]

    @property
    def active_filter_count(self) -> int:
        return sum(len(values) for values in self.selected.values()) + (1 if self.query else 0)


def library_selection(index_page, params: QueryDict) -> LibrarySelection:
    """The search and the facet values of ``params`` that exist in this library (others are ignored)."""
    index = library_index(index_page)
    rows = index.rows
    query = clean_query(params.get("q"))
    # Folded and stemmed in the reader's language, as the resources of this locale are indexed (home.core.search).
    stemmed = stemmed_query(query, active_language())
    if query:
        matching_ids = (
            {
                page.pk
                for page in LegalResourcePage.objects.live()
                .filter(locale_id=index_page.locale_id)
                .only("pk")
                .search(stemmed.backend_query, operator="and", order_by_relevance=False)
            }
            if stemmed
            else set()
        )
        rows = [row for row in rows if row.pk in matching_ids]

    years_available = {str(row.year) for row in index.rows if row.year is not None}
    selected = {
        "body": _selected(params, "body", set(index.bodies)),
        "type": _selected(params, "type", set(dict(ResourceType.choices))),
        "topic": _selected(params, "topic", set(index.topics)),
        "year": _selected(params, "year", years_available),
        "language": _selected(params, "language", set(dict(DocumentLanguage.choices))),
    }
    values_of = {
        "body": lambda row: {row.body} if row.body else set(),
        "type": lambda row: {row.type},
        "topic": lambda row: row.topics,
        "year": lambda row: {str(row.year)} if row.year is not None else set(),
        "language": lambda row: row.languages,
    }
    return LibrarySelection(
        index=index, query=query, searched=rows, selected=selected, values_of=values_of, stemmed=stemmed
    )


def filtered_resource_ids(index_page, params: QueryDict, sort: str = DEFAULT_SORT) -> list[int]:
    """The ids of the resources a view of the library shows (search and facets of ``params``), sorted."""
    return library_selection(index_page, params).sorted_ids(sort)


def selection_labels(selection: LibrarySelection) -> list[str]:
    """What a view of the library is about, in the active language: its chosen values, then its search."""
    index = selection.index
    labels_of = {
        "body": lambda slug: str(index.bodies[slug].name),
        "type": lambda value: str(dict(ResourceType.choices)[value]),
        "topic": lambda slug: str(index.topics[slug].name),
        "year": str,
        "language": lambda code: str(dict(DocumentLanguage.choices)[code]),
    }
    labels = [labels_of[name](value) for name, values in selection.selected.items() for value in values]
    if selection.query:
        labels.append(_("“%(text)s”") % {"text": selection.query})
    return labels


@dataclass(frozen=True)
class LibraryListing:
    """What a visitor sees of the library: the results, the facets, the search and the sort (a cached fragment)."""

    resources: PaginatorPage
    facets: list[Facet]
    query: str
    sort: str
    sort_options: list[tuple[str, str]]
    active_filter_count: int
    querystring_without_page: str


def library_listing(index_page, params: QueryDict) -> LibraryListing:
    """Resources of a library page with combinable facets (counts), search, sort and pages.

    Within a facet the chosen values are alternatives (OR); facets combine (AND).
    Each facet's counts take every other facet into account, so a count is the
    number of results that choosing that value would add. Filtering and counting work on
    the page's :func:`library_index`; only the search and the shown page of results query.
    """
    selection = library_selection(index_page, params)
    index, rows, query, selected = selection.index, selection.searched, selection.query, selection.selected
    values_of, matches = selection.values_of, selection.matches
    stemmed = selection.stemmed
    bodies, topics = index.bodies, index.topics
    type_labels = dict(ResourceType.choices)
    language_labels = dict(DocumentLanguage.choices)
    years_available = {str(row.year) for row in index.rows if row.year is not None}

    def counts(name: str) -> dict:
        counted: dict[str, int] = {}
        for row in rows:
            if matches(row, excluding=name):
                for value in values_of[name](row):
                    counted[value] = counted.get(value, 0) + 1
        return counted

    body_counts = counts("body")
    type_counts = counts("type")
    topic_counts = counts("topic")
    year_counts = counts("year")
    language_counts = counts("language")

    def options(name, labels: dict, counted: dict, sort_by_label=True, lang_of=None):
        values = [value for value in labels if counted.get(value) or value in selected[name]]
        built = [
            FacetOption(
                value=value,
                label=str(labels[value]),
                count=counted.get(value, 0),
                selected=value in selected[name],
                lang=lang_of(value) if lang_of else "",
            )
            for value in values
        ]
        if sort_by_label:
            built.sort(key=lambda option: option.label.casefold())
        return built

    facets = [
        Facet(
            "body",
            _("Issuing body"),
            options("body", {s: b.name for s, b in bodies.items()}, body_counts, lang_of=lambda s: bodies[s].name.lang),
        ),
        Facet("type", _("Type"), options("type", type_labels, type_counts)),
        Facet(
            "topic",
            _("Topic"),
            options(
                "topic", {s: t.name for s, t in topics.items()}, topic_counts, lang_of=lambda s: topics[s].name.lang
            ),
        ),
        Facet(
            "year",
            _("Year"),
            options("year", {y: y for y in sorted(years_available, reverse=True)}, year_counts, sort_by_label=False),
        ),
        Facet("language", _("Language"), options("language", language_labels, language_counts)),
    ]

    sort = params.get("sort", DEFAULT_SORT)
    if sort not in SORTS:
        sort = DEFAULT_SORT
    ordered_ids = selection.sorted_ids(sort)
    page = paginate(ordered_ids, params.get("page"), LIBRARY_PAGE_SIZE)
    shown = {
        resource.pk: resource
        for resource in LegalResourcePage.objects.filter(pk__in=list(page.object_list))
        .select_related("issuing_body")
        .prefetch_related("topics", "languages")
    }
    page.object_list = [shown[pk] for pk in page.object_list if pk in shown]
    # Why each shown resource matched (a snippet, the page of a document): two queries at most.
    matches = search_matches(page.object_list, stemmed) if query else {}
    for resource in page.object_list:
        resource.search_match = matches.get(resource.pk)

    # Query string without the page number, for pagination and sort links.
    kept = params.copy()
    kept.pop("page", None)
    return LibraryListing(
        resources=page,
        facets=facets,
        query=query,
        sort=sort,
        sort_options=list(SORTS.items()),
        active_filter_count=selection.active_filter_count,
        querystring_without_page=kept.urlencode(),
    )
