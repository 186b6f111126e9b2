"""What a demo page is made of, independent of the database."""

import uuid
from dataclasses import dataclass, field

from .text import T

# Translation keys and block ids derive from this namespace, so that they are the
# same on every database the demo content is loaded into.
DEMO_NAMESPACE = uuid.UUID("5f0c2a8e-9a3e-4c1b-8d4e-2014092900aa")


def demo_uuid(*parts: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, "/".join(parts))


@dataclass
class PageSpec:
    """A page in French and English.

        ``fields`` hold model field values, either shared (dates, choices, foreign keys)
        or ``T(fr, en)``; ``streams`` hold StreamField content as ``(block_type, value)``
        pairs whose values may contain ``T``; ``m2m`` hold shared related objects (by
        slug, resolved by the builder); ``identifiers`` and ``relations`` the official identifiers
    and the links to other pages (by key) of a legal resource; ``keep`` names fields set only when the page is
        created (e.g. a deadline computed from the load date).
    """

    model: str
    key: str
    slug: T
    title: T
    fields: dict = field(default_factory=dict)
    streams: dict = field(default_factory=dict)
    m2m: dict = field(default_factory=dict)
    languages: list[str] | None = None
    identifiers: list[tuple[str, str]] | None = None  # (scheme, value) of a legal resource
    relations: list[tuple[str, str]] | None = None  # (kind, key of the other page) of a legal resource
    form_fields: list[dict] | None = None
    show_in_menus: bool = False
    keep: tuple[str, ...] = ()
    children: list["PageSpec"] = field(default_factory=list)


@dataclass(frozen=True)
class Ref:
    """A foreign key to a shared (untranslated) object, by its slug."""

    model: str
    slug: str
