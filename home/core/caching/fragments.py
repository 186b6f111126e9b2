"""Cached fragments of heavy listings, for everyone (logged-in people included).

A page puts its heavy part in a ``{% cache fragment_timeout "<name>" content_generation … %}``
block, whose key holds the content generation: a public change empties every fragment. The
data behind a fragment is a typed object (a dataclass) handed to the template through
:func:`deferred`: it is computed only when the template first reads it, so when the fragment is
in the cache, the queries behind it never run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .generation import current_generation

T = TypeVar("T")


def deferred(compute: Callable[[], T]) -> T:
    """``compute()``'s value, computed when a template first reads one of its attributes."""
    return SimpleLazyObject(compute)  # type: ignore[return-value]


def fragment_context(request) -> dict:
    """Template context for ``{% cache %}`` fragments that a content change must empty.

    ``content_generation`` (read only if a fragment asks) goes into every fragment's key;
    ``fragment_timeout`` bounds the life of time-dependent fragments as pages are bounded
    (0, which stores nothing, when ``FRAGMENT_CACHE_ENABLED`` is off).
    """
    timeout = settings.PAGE_CACHE_TIMEOUT if settings.FRAGMENT_CACHE_ENABLED else 0
    return {"content_generation": SimpleLazyObject(current_generation), "fragment_timeout": timeout}
