"""What every search box shares: the query cleaned, and French and English made searchable alike.

**Why the language work is done here, in Python, and not by the database.** The site runs on SQLite
(development, tests, small hosts) and PostgreSQL. Wagtail's database backend hands text to FTS5 on
SQLite, whose tokenizer folds accents but has no stemmer, and to ``to_tsvector`` on PostgreSQL, with a
single ``SEARCH_CONFIG`` for every object: no per-language configuration, and neither ``french`` nor
``english`` folds accents (that needs ``unaccent`` and a custom configuration, which SQLite cannot
mirror). So each object also indexes a ``search_stems`` field (:func:`stems_of`): every word of its
searchable text folded (case, accents, ligatures) and reduced by the Snowball stemmer of the
object's language (a page's locale; both languages for what has no locale), and each query is
reduced the same way (:func:`stemmed_query`) before it reaches the backend. Both databases then
match "mineurs" with "mineur", "traité" with "traite", "exploitations" with "exploitation" and
"children" with "child", identically; PostgreSQL runs with the ``simple`` configuration
(``site_cms.settings``), which stems nothing twice. The folded whole words are indexed next to the
stems, and the last stem of a query, when it has at least ``MIN_PREFIX_LENGTH`` letters, is matched
as a prefix (``home.core.search_backend``): "expl" and "exploitat" find "exploitation". Only the last
word is a prefix, and never a one- or two-letter one: a prefix costs a range scan of the index.

The same functions tell which words of a text matched, for the snippets with ``<mark>``
(:meth:`StemmedQuery.highlight`, escaped) and for ranking (:meth:`StemmedQuery.coverage`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from html import unescape

import snowballstemmer
from django.utils.encoding import force_str
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
# A last word shorter than this is matched whole: a prefix of one or two letters would match most of the index.
MIN_PREFIX_LENGTH = 3
STEMS_FIELD = "search_stems"
LANGUAGES = ("fr", "en")

# Characters the search backends read as syntax: a lone double quote is an unterminated string to
# SQLite's full-text search, a NUL byte is refused by PostgreSQL, ``* ( ) : ^ +`` are FTS5 or tsquery
# operators. Visitors' queries are words.
_SYNTAX = str.maketrans(dict.fromkeys('"*()^:+\\{}[]<>|&!~', " "))
_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "NEAR"})

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
WORD = re.compile(r"\w+")

# Words too common to tell texts apart, in either language (queries are often typed in the other).
STOP_WORDS = frozenset(
    """a au aux ce ces cet cette d dans de des du elle en et est il ils l la le les leur leurs lui ma mais me
    mes mon ne ni nos notre nous on ou par pas pour qu que qui s sa se ses son sont sur ta te tes ton un une
    vos votre vous y an and are as at be by for from has have in is it its of on or that the this to was were
    with""".split()
)

# Plurals the Snowball stemmers leave alone.
_IRREGULAR = {
    "en": {"children": "child", "women": "woman", "men": "man", "people": "person", "lives": "life"},
    "fr": {"travaux": "travail", "yeux": "oeil", "baux": "bail"},
}
_STEMMER_NAMES = {"fr": "french", "en": "english"}


def clean_query(raw: str | None) -> str:
    """A search query of words: no control characters, quotes nor operators, trimmed to a sane length
    (huge or hostile queries get a normal answer, never an error)."""
    text = "".join(
        " " if unicodedata.category(char)[0] == "C" else char for char in (raw or "")[: MAX_QUERY_LENGTH * 4]
    )
    words = []
    for word in text.translate(_SYNTAX).split():
        word = word.strip("-'")
        if word and word not in _OPERATOR_WORDS:
            words.append(word)
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def fold(text: str) -> str:
    """``text`` without case, accents nor ligatures: "Traité" and "traite", "Œuvre" and "oeuvre" are the same."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(_STEMMER_NAMES.get(language, "french"))


@cache
def stem(folded_word: str, language: str) -> str:
    """The Snowball stem of an already folded word in ``language`` (French for any other)."""
    language = language if language in _STEMMER_NAMES else "fr"
    word = _IRREGULAR[language].get(folded_word, folded_word)
    return _stemmer(language).stemWord(word)


def _words(text: str) -> Iterator[str]:
    for word in WORD.findall(fold(text)):
        if word not in STOP_WORDS:
            yield word


def normalise(texts: Iterable[str], languages: Iterable[str]) -> str:
    """What the index holds of ``texts``: each distinct folded word and its stem in each language."""
    languages = tuple(languages)
    seen: dict[str, None] = {}
    for text in texts:
        for word in _words(text):
            if word in seen:
                continue
            seen[word] = None
            for language in languages:
                seen.setdefault(stem(word, language), None)
    return " ".join(seen)


def _plain(value) -> str:
    """A value of a search field as text: lists and dicts joined, rich text without its tags."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    return unescape(strip_tags(force_str(value)))


def searchable_texts(obj) -> Iterator[str]:
    """The texts ``obj`` gives its search fields (the stems field apart), then its ``extra_search_texts()``."""
    from wagtail.search import index

    def walk(target, fields):
        for field in fields:
            if isinstance(field, index.SearchField) and field.field_name != STEMS_FIELD:
                text = _plain(field.get_value(target))
                if text:
                    yield text
            elif isinstance(field, index.RelatedFields):
                related = field.get_value(target)
                if related is None:
                    continue
                items = related.all() if hasattr(related, "all") else [related() if callable(related) else related]
                for item in items:
                    yield from walk(item, field.fields)

    yield from walk(obj, obj.get_search_fields())
    extra = getattr(obj, "extra_search_texts", None)
    if extra is not None:
        yield from (text for text in extra() if text)


def stems_of(obj, languages: Iterable[str]) -> str:
    """The ``search_stems`` of an indexed object: its searchable text normalised in ``languages``."""
    return normalise(searchable_texts(obj), languages)


@dataclass(frozen=True)
class StemmedQuery:
    """A visitor's query reduced as the index is (:func:`normalise`), in the reader's language."""

    text: str  # the cleaned query, as shown back
    language: str
    terms: tuple[str, ...]  # stems, in the order typed
    prefix: str  # the last stem, matched as a prefix when long enough ("" otherwise)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def backend_query(self) -> str:
        """What the search backend receives: the stems (the backend matches the last one as a prefix
        when it is long enough, ``home.core.search_backend``)."""
        return " ".join(self.terms)

    def _matches(self, word: str) -> int | None:
        """Which term a word of a text matches (its index), or None."""
        folded = fold(word)
        if folded in STOP_WORDS:
            return None
        stemmed = stem(folded, self.language)
        for number, term in enumerate(self.terms):
            if stemmed == term or folded == term:
                return number
        if self.prefix and (folded.startswith(self.prefix) or stemmed.startswith(self.prefix)):
            return len(self.terms) - 1
        return None

    def coverage(self, text: str) -> float:
        """The share of the query's terms found in ``text`` (0 to 1), to rank."""
        if not self.terms or not text:
            return 0.0
        found = {self._matches(word) for word in WORD.findall(text)}
        found.discard(None)
        return len(found) / len(self.terms)

    def highlight(self, text: str, *, words: int = 30) -> SafeString:
        """A passage of ``text`` around its first match, HTML-escaped, the matched words in ``<mark>``
        ("" when nothing matches)."""
        text = " ".join((text or "").split())
        tokens = list(WORD.finditer(text))
        hits = [number for number, token in enumerate(tokens) if self._matches(token.group()) is not None]
        if not hits:
            return mark_safe("")
        start = max(0, hits[0] - words // 3)
        end = min(len(tokens), start + words)
        begin_at = tokens[start].start() if start else 0
        end_at = tokens[end - 1].end() if end < len(tokens) else len(text)
        pieces = ["…" if start else ""]
        position = begin_at
        for token in tokens[start:end]:
            pieces.append(escape(text[position : token.start()]))
            if self._matches(token.group()) is not None:
                pieces.append(f"<mark>{escape(token.group())}</mark>")
            else:
                pieces.append(escape(token.group()))
            position = token.end()
        pieces.append(escape(text[position:end_at]))
        if end < len(tokens):
            pieces.append("…")
        return mark_safe("".join(pieces).strip())  # noqa: S308 - every piece of the visitor's or the page's text is escaped


def stemmed_query(query: str, language: str) -> StemmedQuery:
    """``query`` (already :func:`clean_query`-ed) as the index holds words, in ``language``.

    Stop words are dropped unless the query has nothing else.
    """
    words = WORD.findall(fold(query))
    kept = [word for word in words if word not in STOP_WORDS] or words
    terms = list(dict.fromkeys(stem(word, language) for word in kept))[:MAX_QUERY_TERMS]
    prefix = terms[-1] if terms and len(terms[-1]) >= MIN_PREFIX_LENGTH else ""
    return StemmedQuery(text=query, language=language, terms=tuple(terms), prefix=prefix)


def snippet_of(obj, query: StemmedQuery, *, skip: Iterable[str] = ("title",)) -> SafeString:
    """The first passage of ``obj``'s own search fields (no related object, no query) where ``query``
    matched, highlighted; "" when none did."""
    from wagtail.search import index

    skipped = {STEMS_FIELD, *skip}
    for field in obj.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in skipped:
            snippet = query.highlight(_plain(field.get_value(obj)))
            if snippet:
                return snippet
    return mark_safe("")
