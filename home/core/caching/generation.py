"""The content generation: one value that every public change replaces, read by every cache.

:func:`invalidate` starts a new generation; everything cached for the public is keyed by, or
checked against, :func:`current_generation`, so one change makes all of it stale at once, in
every process sharing Django's cache. A request reads the generation once (a request is one
snapshot of the content: :func:`request_snapshot`); outside a request, e.g. in a management
command, every call reads the cache.

Two kinds of per-generation values are built on it:

* :class:`GenerationMemo`: values this process computes once per generation (the most recently
  used kept), emptied by a new generation;
* :class:`SharedPerGeneration`: values computed once per generation for every worker (kept in
  Django's cache under the generation) and memoised in each process.
"""

from __future__ import annotations

import contextlib
import contextvars
import pickle
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "pagecache:generation"

# The generation read once per request; outside a request, every call reads the cache.
_OUTSIDE_A_REQUEST = object()
_request_generation: contextvars.ContextVar = contextvars.ContextVar(
    "page_cache_generation", default=_OUTSIDE_A_REQUEST
)


def invalidate() -> None:
    """Make every cached page stale, now and again once the current transaction commits.

    Starting a new generation at once covers readers of this process; starting another when
    the transaction commits covers a page rendered by another process from the data as it
    was before the commit and stored in between.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation() -> None:
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    remember_for_this_request(generation)


def remember_for_this_request(generation: str | None) -> None:
    """Keep ``generation`` as the one the current request reads (nothing outside a request)."""
    if _request_generation.get() is not _OUTSIDE_A_REQUEST:
        _request_generation.set(generation)


@contextlib.contextmanager
def request_snapshot() -> Iterator[None]:
    """Within this block (one request), the generation is read from the cache at most once."""
    scope = _request_generation.set(None)
    try:
        yield
    finally:
        _request_generation.reset(scope)


def shared_generation() -> str | None:
    """The generation as the shared cache holds it now (None before the first one), remembered
    for the current request."""
    generation = cache.get(GENERATION_KEY)
    remember_for_this_request(generation)
    return generation


def current_generation() -> str:
    """The content generation: it changes with every public change."""
    remembered = _request_generation.get()
    if remembered is not _OUTSIDE_A_REQUEST and remembered is not None:
        return remembered
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    remember_for_this_request(generation)
    return generation


_MISSING = object()


class GenerationMemo:
    """Values this process computes once per content generation, the most recently used kept.

    A new generation (any public change, in any process) empties it: what it holds can never be
    older than the content. Values must not be changed by whoever reads them.
    """

    def __init__(self, size: int):
        self.size = size
        self._generation: str | None = None
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compute: Callable[[], object]):
        generation = current_generation()
        with self._lock:
            if generation != self._generation:
                self._values.clear()
                self._generation = generation
            value = self._values.get(key, _MISSING)
            if value is not _MISSING:
                self._values.move_to_end(key)
                return value
        value = compute()
        with self._lock:
            if generation == self._generation:
                self._values[key] = value
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
        return value

    def get_copy(self, key, compute: Callable[[], object]):
        """``compute()``'s value, kept pickled: each caller gets an object of its own (e.g. a model
        instance that a request may change)."""
        pickled = self.get(key, lambda: pickle.dumps(compute(), pickle.HIGHEST_PROTOCOL))
        return pickle.loads(pickled)  # noqa: S301 (pickled by this process)


class SharedPerGeneration:
    """Values computed once per content generation for all the workers, memoised in each.

    The first worker to need a value in a generation computes it and stores it in Django's
    cache (``<prefix>:<generation>:<key>``); the others read it from there once, then from their
    own :class:`GenerationMemo`. Values must not be changed by whoever reads them.
    """

    def __init__(self, prefix: str, size: int):
        self.prefix = prefix
        self._memo = GenerationMemo(size=size)

    def get(self, key: str, compute: Callable[[], object]):
        def shared():
            cache_key = f"{self.prefix}:{current_generation()}:{key}"
            found = cache.get(cache_key)
            if found is None:
                found = compute()
                cache.set(cache_key, found, settings.PAGE_CACHE_TIMEOUT * 6)
            return found

        return self._memo.get(key, shared)
