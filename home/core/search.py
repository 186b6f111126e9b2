"""What every search box shares: the query as the search backend receives it."""

MAX_QUERY_LENGTH = 200


def clean_query(raw: str | None) -> str:
    """A search query trimmed to a sane length (huge queries get a normal answer)."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]
