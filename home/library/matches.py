"""Why a legal resource matched a search: a snippet of its summary or reference, or of the page of one
of its documents where the words are, with a link that opens the document at that page.

Shared by the library's listing and the site search; two queries at most for any number of
resources shown (the matching pages of their documents, then those documents), none when the
summaries tell why.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from html import unescape
from operator import or_

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from wagtail.documents import get_document_model

from home.core.search import WORD, StemmedQuery

from .models import DocumentTextPage

# The pages of documents read to find where the words are, for one page of results.
MAX_DOCUMENT_PAGES_READ = 400


@dataclass(frozen=True)
class SearchMatch:
    """Where a resource matched: ``snippet`` (escaped, words in ``<mark>``), and for a match inside a
    document its title, URL and page number."""

    snippet: SafeString
    document_title: str = ""
    document_url: str = ""
    page_number: int | None = None

    @property
    def in_document(self) -> bool:
        return self.page_number is not None

    @property
    def page_url(self) -> str:
        """The document opened at the page (PDF viewers read ``#page=N``)."""
        return f"{self.document_url}#page={self.page_number}" if self.document_url else ""


def _plain(html: str) -> str:
    return unescape(strip_tags(html or ""))


def _candidate_filter(query: StemmedQuery) -> Q:
    """Pages of text that may hold a word of the query (the database's ``icontains`` keeps it cheap;
    the match is then checked in Python, folded and stemmed): each stem, and each word as typed."""
    needles = dict.fromkeys([*query.terms, *(word.casefold() for word in WORD.findall(query.text))])
    needles = [needle for needle in needles if len(needle) >= 2] or list(needles)
    return reduce(or_, (Q(text__icontains=needle) for needle in needles))


def search_matches(resources, query: StemmedQuery) -> dict[int, SearchMatch]:
    """For each resource of ``resources`` that ``query`` matched, where it did (see the module)."""
    matches: dict[int, SearchMatch] = {}
    if not query:
        return matches
    in_documents: dict[int, list[int]] = {}
    for resource in resources:
        for text in (_plain(resource.summary), resource.official_reference, resource.introduction):
            snippet = query.highlight(text)
            if snippet:
                matches[resource.pk] = SearchMatch(snippet=snippet)
                break
        else:
            ids = resource.document_ids()
            if ids:
                in_documents[resource.pk] = ids
    if not in_documents:
        return matches

    wanted = {document_id for ids in in_documents.values() for document_id in ids}
    first_page: dict[int, tuple[int, SafeString]] = {}
    pages = (
        DocumentTextPage.objects.filter(document_text__document_id__in=wanted)
        .filter(_candidate_filter(query))
        .order_by("document_text_id", "number")
        .values_list("document_text_id", "number", "text")[:MAX_DOCUMENT_PAGES_READ]
    )
    for document_id, number, text in pages:
        if document_id in first_page:
            continue
        snippet = query.highlight(text)
        if snippet:
            first_page[document_id] = (number, snippet)
    if not first_page:
        return matches

    documents = {document.pk: document for document in get_document_model().objects.filter(pk__in=first_page)}
    for resource_pk, ids in in_documents.items():
        for document_id in ids:
            if document_id in first_page and document_id in documents:
                number, snippet = first_page[document_id]
                document = documents[document_id]
                matches[resource_pk] = SearchMatch(
                    snippet=snippet, document_title=document.title, document_url=document.url, page_number=number
                )
                break
    return matches
