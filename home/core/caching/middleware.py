"""The page cache of anonymous visitors (see ``home.core.caching``): :class:`PageCacheMiddleware`.

It keeps the public pages that anonymous visitors get (status 200, GET) in Django's cache and
serves them again without running the view, as long as the content generation they were made
in is the current one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.cache import patch_vary_headers

from .generation import current_generation, request_snapshot, shared_generation

ENTRY_PREFIX = "pagecache:page:"
CSRF_PLACEHOLDER = "@@csrf-token-placeholder-0f3c9a@@"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]*)(")')
# What a masked CSRF token looks like (64 letters and digits), anywhere else in a page.
TOKEN_LIKE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
STATUS_HEADER = "X-Page-Cache"
# Headers added again on every response by the middleware above this one, or per visitor.
UNSTORED_HEADERS = {"set-cookie", "date", "content-length", STATUS_HEADER.lower()}


def harmless_cookie_names() -> set[str]:
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def _entry_key(request: HttpRequest) -> str:
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return ENTRY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


# Django's CSRF tokens, made as ``django.middleware.csrf`` makes them (a secret of 32 allowed
# characters; a token is a random mask followed by the secret shifted by the mask), but from
# one call to the system's random source instead of one per character: on a cached form, every
# visitor's token is the only work there is.
_CSRF_CHARS = frozenset(CSRF_ALLOWED_CHARS)
_CSRF_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
# Random bytes below this bound map evenly onto the allowed characters (the others are dropped).
_CSRF_BYTE_BOUND = 256 - 256 % len(CSRF_ALLOWED_CHARS)


def _random_csrf_string() -> str:
    chars: list[str] = []
    while len(chars) < CSRF_SECRET_LENGTH:
        chars += [
            CSRF_ALLOWED_CHARS[byte % len(CSRF_ALLOWED_CHARS)]
            for byte in secrets.token_bytes(CSRF_SECRET_LENGTH + 8)
            if byte < _CSRF_BYTE_BOUND
        ]
    return "".join(chars[:CSRF_SECRET_LENGTH])


def _masked_csrf_token(secret: str) -> str:
    """What ``django.middleware.csrf.get_token()`` returns for ``secret``."""
    mask = _random_csrf_string()
    size = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_CSRF_INDEX[s] + _CSRF_INDEX[m]) % size] for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher


class PageCacheMiddleware:
    """Serve and store anonymous public pages (see the module's documentation).

    It sits right below WhiteNoise and the security headers, above everything else: a page
    served from the cache costs one cache round trip and no other middleware. It stores the
    response as the middleware below left it (language, framing and caching headers), and does
    for a cached form what the CSRF middleware would: a token of the visitor's own, and the
    cookie that goes with it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_TIMEOUT
        self.excluded_prefixes = tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        self.harmless_cookies = harmless_cookie_names()
        # The pages this worker served last, checked against the shared generation on every request.
        self._recent: OrderedDict[str, dict] = OrderedDict()
        self._recent_size = settings.PAGE_CACHE_RECENT_PAGES
        self._recent_lock = threading.Lock()

    def _remember(self, key: str, entry: dict) -> None:
        if not self._recent_size:
            return
        with self._recent_lock:
            self._recent[key] = entry
            self._recent.move_to_end(key)
            while len(self._recent) > self._recent_size:
                self._recent.popitem(last=False)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_snapshot():  # the generation is read at most once during this request
            return self._serve(request)

    def _serve(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or not self._request_is_cacheable(request):
            return self.get_response(request)
        key = _entry_key(request)
        # The generation always comes from the shared cache (a change is seen at once by every
        # worker); a page of that generation this worker already holds is not fetched again.
        generation = shared_generation()
        entry = self._recent.get(key)
        if entry is not None and entry.get("expires", 0) <= time.time():
            entry = None  # as old as the shared cache lets a page be (signed image URLs expire too)
        if entry is None or generation is None or entry["generation"] != generation:
            entry = cache.get(key) if generation is not None else None
        if entry is not None and generation is not None and entry["generation"] == generation:
            self._remember(key, entry)
            return self._response_from(entry, request)

        response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            if generation is None:
                generation = current_generation()
            stored = self._entry_for(response, request, generation)
            if stored is not None:
                cache.set(key, stored, self.timeout)
                self._remember(key, stored)
                response[STATUS_HEADER] = "miss"
        return response

    def _request_is_cacheable(self, request: HttpRequest) -> bool:
        if request.method != "GET":
            return False
        if request.path_info.startswith(self.excluded_prefixes):
            return False
        return all(name in self.harmless_cookies for name in request.COOKIES)

    def _response_is_cacheable(self, request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if any(name != settings.CSRF_COOKIE_NAME for name in response.cookies):
            return False  # a session, messages, a language choice: this visitor's own
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        # Reading the empty session of a cookie-less request (``request.user`` does) is harmless;
        # storing something in it starts a session of this visitor's own.
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        user = getattr(request, "_cached_user", None)  # set only if the view looked at the user
        return user is None or not user.is_authenticated

    def _entry_for(self, response: HttpResponse, request: HttpRequest, generation: str) -> dict | None:
        content = response.content
        # The CSRF middleware, below, has already set its cookie and cleared CSRF_COOKIE_NEEDS_UPDATE:
        # a page holds a token if the middleware handed one out or the form field is in it.
        uses_csrf = settings.CSRF_COOKIE_NAME in response.cookies or b"csrfmiddlewaretoken" in content
        if uses_csrf:
            if settings.CSRF_USE_SESSIONS:
                return None
            text = content.decode(response.charset)
            text, replaced = CSRF_INPUT.subn(rf"\g<1>{CSRF_PLACEHOLDER}\g<3>", text)
            secret = request.META.get("CSRF_COOKIE", "")
            if not replaced or (secret and secret in text) or TOKEN_LIKE.search(text):
                return None  # a token somewhere we cannot replace it: never stored
            content = text.encode(response.charset)
        headers = [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]
        return {
            "generation": generation,
            "expires": time.time() + self.timeout,
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "csrf": uses_csrf,
        }

    def _response_from(self, entry: dict, request: HttpRequest) -> HttpResponse:
        content = entry["content"]
        new_secret = False
        if entry["csrf"]:
            secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
            if len(secret) != CSRF_SECRET_LENGTH or not set(secret) <= _CSRF_CHARS:
                secret, new_secret = _random_csrf_string(), True
            request.META["CSRF_COOKIE"] = secret  # what CsrfViewMiddleware.process_request does
            content = content.replace(CSRF_PLACEHOLDER.encode(), _masked_csrf_token(secret).encode())
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(content))
        if new_secret:
            # What CsrfViewMiddleware does when a token is handed out to a visitor without a cookie.
            response.set_cookie(
                settings.CSRF_COOKIE_NAME,
                request.META["CSRF_COOKIE"],
                max_age=settings.CSRF_COOKIE_AGE,
                domain=settings.CSRF_COOKIE_DOMAIN,
                path=settings.CSRF_COOKIE_PATH,
                secure=settings.CSRF_COOKIE_SECURE,
                httponly=settings.CSRF_COOKIE_HTTPONLY,
                samesite=settings.CSRF_COOKIE_SAMESITE,
            )
            patch_vary_headers(response, ("Cookie",))
        response[STATUS_HEADER] = "hit"
        return response
