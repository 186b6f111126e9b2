"""Wagtail's database search backend, with the last word of a query matched as a prefix.

The same backend as ``wagtail.search.backends.database`` (FTS5 on SQLite, tsvector on PostgreSQL),
chosen by the default database the same way, with one change to ``search()``: the last term of a
plain-text query, when it has at least ``MIN_PREFIX_LENGTH`` characters, is a prefix ("expl" finds
"exploitation"); the other terms and shorter last terms are whole words, so a query never costs
more than one prefix range of the index. The language work (folding, stemming) is done before
the query reaches it (``home.core.search``); PostgreSQL's ``SEARCH_CONFIG`` defaults to ``simple``
here for that reason (the stems are not stemmed again, stop words are not dropped behind our back).
"""

from django.db import connection
from modelsearch.query import PlainText

from .search import MIN_PREFIX_LENGTH


class _LastTermPrefix:
    """A query compiler whose last term is a prefix when it is long enough."""

    @property
    def LAST_TERM_IS_PREFIX(self) -> bool:  # noqa: N802 - the attribute the compilers read
        query = self.query
        if not isinstance(query, PlainText):
            return False
        terms = query.query_string.split()
        return bool(terms) and len(terms[-1]) >= MIN_PREFIX_LENGTH


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The backend for the default database (Wagtail's choice), its search compiler with the prefix."""
    params = dict(params)
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import (
            PostgresSearchBackend,
            PostgresSearchQueryCompiler,
        )

        params.setdefault("SEARCH_CONFIG", "simple")

        class PrefixPostgresCompiler(_LastTermPrefix, PostgresSearchQueryCompiler):
            pass

        class PrefixPostgresBackend(PostgresSearchBackend):
            query_compiler_class = PrefixPostgresCompiler

        return PrefixPostgresBackend(params)

    from wagtail.search.backends.database import SearchBackend as database_backend

    backend = database_backend(params)
    compiler = backend.query_compiler_class
    if getattr(compiler, "LAST_TERM_IS_PREFIX", None) is False:  # SQLite's FTS5 compiler (MySQL's too)
        backend.query_compiler_class = type(f"Prefix{compiler.__name__}", (_LastTermPrefix, compiler), {})
    return backend
