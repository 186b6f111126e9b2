"""Small helpers shared by the demo data modules."""

from typing import NamedTuple


class T(NamedTuple):
    """A text in French and English."""

    fr: str
    en: str


def pick(value, lang: str):
    """``value`` with every ``T`` replaced by its ``lang`` text (recursively)."""
    if isinstance(value, T):
        return getattr(value, lang)
    if isinstance(value, dict):
        return {key: pick(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [pick(item, lang) for item in value]
    if isinstance(value, tuple):
        return tuple(pick(item, lang) for item in value)
    return value


def p(fr: str, en: str) -> T:
    """One rich-text paragraph in both languages."""
    return T(f"<p>{fr}</p>", f"<p>{en}</p>")


def paragraph(*pairs: T) -> tuple:
    """A paragraph block made of one or more ``p(...)`` pairs."""
    return ("paragraph", T("".join(pair.fr for pair in pairs), "".join(pair.en for pair in pairs)))


def heading(fr: str, en: str, level: str = "h2") -> tuple:
    return ("heading", {"text": T(fr, en), "level": level})
