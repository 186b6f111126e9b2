"""What every search box shares: the query as the search backend receives it."""

import unicodedata

MAX_QUERY_LENGTH = 200

# Characters the search backends read as syntax: a lone double quote is an unterminated string to
# SQLite's full-text search, a NUL byte is refused by PostgreSQL. Visitors' queries are words.
_SYNTAX = str.maketrans(dict.fromkeys('"', " "))


def clean_query(raw: str | None) -> str:
    """A search query of words: no control characters nor quotes, trimmed to a sane length (huge
    or hostile queries get a normal answer, never an error)."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in (raw or ""))
    return " ".join(text.translate(_SYNTAX).split())[:MAX_QUERY_LENGTH]
