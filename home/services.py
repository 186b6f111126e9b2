"""Queries behind the public pages, kept out of models and views.

Every function here runs a bounded number of SQL queries whatever the number
of associations, resources or articles (the tests assert it).
"""

from __future__ import annotations

import datetime
import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from site_cms import page_cache

from . import navigation
from .models import (
    Association,
    AssociationContact,
    AssociationReport,
    DeclarationPage,
    DocumentLanguage,
    EventPage,
    IssuingBody,
    LegalResourceLanguage,
    LegalResourcePage,
    MembershipStatus,
    MembersIndexPage,
    NewsPage,
    ReportVisibility,
    ResourceType,
    Signature,
    Topic,
)

MAX_QUERY_LENGTH = 200
LIBRARY_PAGE_SIZE = 20


def deferred(compute: Callable[[], dict], keys) -> dict:
    """``compute()``'s values under ``keys``, computed when a template first uses one.

    Pages put their heavy parts in cached fragments (``{% cache %}`` keyed by the content
    generation): when the fragment is in the cache, the queries behind it never run.
    """
    memo = functools.cache(compute)
    return {key: SimpleLazyObject(functools.partial(lambda name: memo()[name], key)) for key in keys}


def paginate(queryset, page_number, per_page: int):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page_number or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def clean_query(raw: str | None) -> str:
    """A search query trimmed to a sane length (huge queries get a normal answer)."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def active_locale() -> Locale:
    return navigation.active_locale()


# --- Members -----------------------------------------------------------------


def members_index_for_active_locale(request=None) -> MembersIndexPage | None:
    """The "Our members" page of the active locale, memoised on the request."""
    # Keyed by the active language so that a memoised answer costs no query (not even the locale's).
    cache_name = f"_members_index_{translation.get_language()}"
    if request is not None and hasattr(request, cache_name):
        return getattr(request, cache_name)
    if request is not None:
        sections = navigation.skeleton(request).sections
        link = sections.get(translation.get_language(), {}).get("members") or next(
            (found["members"] for found in sections.values() if "members" in found), None
        )
        setattr(request, cache_name, link)
        return link
    locale = active_locale()
    page = MembersIndexPage.objects.live().filter(locale=locale).first()
    if page is None:
        page = MembersIndexPage.objects.live().first()
    if request is not None:
        setattr(request, cache_name, page)
    return page


def public_associations():
    return Association.objects.filter(live=True).select_related("logo").prefetch_related("fields_of_action")


MEMBER_DIRECTORY_KEYS = [
    "associations",
    "status_choices",
    "selected_status",
    "fields_of_action",
    "selected_field",
    "is_filtered",
]


def member_directory(params: QueryDict) -> dict:
    """Associations of the directory, filtered by status and field of action."""
    associations = public_associations().prefetch_related(
        Prefetch("contacts", queryset=AssociationContact.objects.filter(is_public=True), to_attr="public_contact_list")
    )
    status = params.get("status", "")
    if status not in MembershipStatus.values:
        status = ""
    field_slug = params.get("field", "")
    if status:
        associations = associations.filter(status=status)
    if field_slug:
        associations = associations.filter(fields_of_action__slug=field_slug)
    fields = (
        Topic.objects.filter(associations__live=True)
        .annotate(n=Count("associations", distinct=True))
        .order_by("name_fr")
    )
    associations = list(associations.distinct())
    return {
        "associations": associations,
        "status_choices": MembershipStatus.choices,
        "selected_status": status,
        "fields_of_action": list(fields),
        "selected_field": field_slug,
        "is_filtered": bool(status or field_slug),
    }


# The published associations this process read in the current generation (a copy for each request).
_live_associations = page_cache.GenerationMemo(size=500)


def association_profile(slug: str) -> dict | None:
    """An association's public profile; its lists are read only if the cached fragment is not there."""
    association = _live_associations.get_copy(
        slug,
        lambda: (
            Association.objects.filter(live=True, slug=slug)
            .select_related("logo")
            .prefetch_related("fields_of_action")
            .first()
        ),
    )
    if association is None:
        return None
    locale = active_locale()  # the language of the request, not of whenever the lists are read

    def lists() -> dict:
        reports = (
            AssociationReport.objects.filter(association=association, visibility=ReportVisibility.PUBLIC)
            .select_related("document")
            .order_by("-year")
        )
        declarations = (
            DeclarationPage.objects.live()
            .filter(navigation.tree().public_q())
            .filter(carried_by=association, locale=locale)
            .order_by("title")
        )
        return {
            "public_contacts": list(association.contacts.filter(is_public=True)),
            "reports": list(reports),
            "carried_declarations": list(declarations),
        }

    return {"association": association, **deferred(lists, ["public_contacts", "reports", "carried_declarations"])}


# --- Legal library -------------------------------------------------------------


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
    lang: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)


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


def library_index(index_page) -> LibraryIndex:
    """The resources of a library page, reduced to what filtering needs, read once per content generation.

    Four queries when a change has started a new generation, none otherwise: counting the
    facets costs nothing more whatever the number of resources, topics or languages.
    """
    key = f"library-index:{page_cache.current_generation()}:{index_page.pk}"
    found = cache.get(key)
    if found is not None:
        return found
    pages = (
        LegalResourcePage.objects.live()
        .filter(navigation.tree().public_q())
        .child_of(index_page)
        .values_list("pk", "title", "date", "year", "issuing_body__slug", "resource_type")
    )
    ids = [row[0] for row in pages]
    topics_of: dict[int, set[str]] = {}
    for page_id, slug in LegalResourcePage.topics.through.objects.filter(legalresourcepage_id__in=ids).values_list(
        "legalresourcepage_id", "topic__slug"
    ):
        topics_of.setdefault(page_id, set()).add(slug)
    languages_of: dict[int, set[str]] = {}
    for page_id, language in LegalResourceLanguage.objects.filter(page_id__in=ids).values_list("page_id", "language"):
        languages_of.setdefault(page_id, set()).add(language)
    found = LibraryIndex(
        rows=[
            ResourceRow(
                pk=pk,
                title=title,
                date=date,
                year=year,
                body=body,
                type=resource_type,
                topics=frozenset(topics_of.get(pk, ())),
                languages=frozenset(languages_of.get(pk, ())),
            )
            for pk, title, date, year, body, resource_type in pages
        ],
        bodies={body.slug: body for body in IssuingBody.objects.all()},
        topics={topic.slug: topic for topic in Topic.objects.all()},
    )
    cache.set(key, found, settings.PAGE_CACHE_TIMEOUT * 6)
    return found


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


LIBRARY_LISTING_KEYS = [
    "resources",
    "facets",
    "query",
    "sort",
    "sort_options",
    "active_filter_count",
    "querystring_without_page",
]


def library_listing(index_page, params: QueryDict) -> dict:
    """Resources of a library page with combinable facets (counts), search, sort and pages.

    Within a facet the chosen values are alternatives (OR); facets combine (AND).
    Each facet's counts take every other facet into account, so a count is the
    number of results that choosing that value would add. Filtering and counting work on
    the page's :func:`library_index`; only the search and the shown page of results query.
    """
    index = library_index(index_page)
    rows = index.rows
    query = clean_query(params.get("q"))
    if query:
        matching_ids = {
            page.pk
            for page in LegalResourcePage.objects.live()
            .filter(locale_id=index_page.locale_id)
            .search(query, operator="and", order_by_relevance=False)
        }
        rows = [row for row in rows if row.pk in matching_ids]

    bodies, topics = index.bodies, index.topics
    type_labels = dict(ResourceType.choices)
    language_labels = dict(DocumentLanguage.choices)
    years_available = {str(row.year) for row in index.rows if row.year is not None}

    selected = {
        "body": _selected(params, "body", set(bodies)),
        "type": _selected(params, "type", set(type_labels)),
        "topic": _selected(params, "topic", set(topics)),
        "year": _selected(params, "year", years_available),
        "language": _selected(params, "language", set(language_labels)),
    }
    values_of = {
        "body": lambda row: {row.body} if row.body else set(),
        "type": lambda row: {row.type},
        "topic": lambda row: row.topics,
        "year": lambda row: {str(row.year)} if row.year is not None else set(),
        "language": lambda row: row.languages,
    }

    def matches(row: ResourceRow, excluding: str | None = None) -> bool:
        return all(
            not chosen or not values_of[name](row).isdisjoint(chosen)
            for name, chosen in selected.items()
            if name != excluding
        )

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
    ordered_ids = [row.pk for row in _sorted_rows([row for row in rows if matches(row)], sort)]
    page = paginate(ordered_ids, params.get("page"), LIBRARY_PAGE_SIZE)
    shown = {
        resource.pk: resource
        for resource in LegalResourcePage.objects.filter(pk__in=list(page.object_list))
        .select_related("issuing_body")
        .prefetch_related("topics", "languages")
    }
    page.object_list = [shown[pk] for pk in page.object_list if pk in shown]

    # Query string without the page number, for pagination and sort links.
    kept = params.copy()
    kept.pop("page", None)
    return {
        "resources": page,
        "facets": facets,
        "query": query,
        "sort": sort,
        "sort_options": list(SORTS.items()),
        "active_filter_count": sum(len(values) for values in selected.values()) + (1 if query else 0),
        "querystring_without_page": kept.urlencode(),
    }


# --- News, events, declarations, home --------------------------------------------


def upcoming_and_past_events(index_page, page_number) -> dict:
    now = timezone.now()
    events = EventPage.objects.live().filter(navigation.tree().public_q()).child_of(index_page)
    upcoming = events.filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now)).order_by("start")
    past = events.exclude(pk__in=upcoming.values("pk")).order_by("-start")
    return {"upcoming_events": list(upcoming), "past_events": paginate(past, page_number, 10)}


def total_confirmed_signatures() -> int:
    """Confirmed signatures of every published declaration (each counted once, whatever the language)."""
    published = DeclarationPage.objects.live().filter(navigation.tree().public_q()).values("translation_key")
    return Signature.objects.confirmed().filter(declaration_key__in=published).count()


HOME_PAGE_KEYS = ["latest_news", "next_events", "open_declarations", "key_figures"]


def home_page_context(home_page) -> dict:
    locale_id = home_page.locale_id
    now = timezone.now()
    news = (
        NewsPage.objects.live()
        .filter(navigation.tree().public_q())
        .filter(locale_id=locale_id)
        .select_related("image")
        .order_by("-date")[:3]
    )
    events = (
        EventPage.objects.live()
        .filter(navigation.tree().public_q())
        .filter(locale_id=locale_id)
        .filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now))
        .order_by("start")[:3]
    )
    declarations = [
        declaration
        for declaration in DeclarationPage.objects.live()
        .filter(navigation.tree().public_q())
        .filter(locale_id=locale_id)
        .order_by("-first_published_at")[:10]
        if declaration.is_open_for_signature
    ][:3]
    association_counts = dict(
        Association.objects.filter(live=True).values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {
        "latest_news": list(news),
        "next_events": list(events),
        "open_declarations": declarations,
        "key_figures": {
            "members": association_counts.get(MembershipStatus.MEMBER, 0),
            "observers": association_counts.get(MembershipStatus.OBSERVER, 0),
            "resources": LegalResourcePage.objects.live().filter(locale_id=locale_id).count(),
            "signatures": total_confirmed_signatures(),
        },
    }
