"""Security middleware of the whole site: policy headers, private caching, two-factor admin.

* :class:`SecurityHeadersMiddleware` adds ``Content-Security-Policy`` and
  ``Permissions-Policy`` (settings ``CONTENT_SECURITY_POLICY``, ``PERMISSIONS_POLICY``). It sits
  before WhiteNoise so that static files get them too. A view that sets its own policy keeps its
  directives; the site's fill the gaps (``frame-ancestors *`` of the embeddable counter stays).
  The Wagtail admin (``CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES``) gets no policy: it needs its
  inline scripts and styles, and its previews.
* :class:`RequestBodyLimitMiddleware` refuses a request body larger than ``REQUEST_BODY_MAX_BYTES``
  (``REQUEST_BODY_MAX_BYTES_ADMIN`` under the Wagtail admin) with a 413 page, from its declared
  ``Content-Length``, before anything reads it; a chunked body without a length gets a 411.
* :class:`PrivateCacheMiddleware` keeps pages of logged-in people and account pages out of any cache.
* :class:`AdminRequiresTwoFactorMiddleware` guards the Wagtail admin: coordinators without an
  authenticator app are sent to enrol one; other logged-in users (members) get a 403 page in the
  site's layout pointing to the extranet (Wagtail would send them to the login, which sends them
  back: a redirect loop). Anonymous visitors go on to Wagtail, which sends them to the login.
"""

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from extranet.permissions import is_coordinator

# Directives that do not fall back to default-src: added even when a view sets its own policy.
NAVIGATION_DIRECTIVES = ("frame-ancestors", "base-uri", "form-action")


def parse_policy(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _sep, value = part.strip().partition(" ")
        if name:
            directives.setdefault(name.lower(), value.strip())
    return directives


def merge_policy(own: str, site: dict[str, str]) -> str:
    """The view's ``own`` policy, completed by the ``site`` directives it does not set.

    A view that sets ``default-src`` has chosen its fetch rules: only navigation directives are added.
    """
    directives = parse_policy(own)
    names = site if "default-src" not in directives else NAVIGATION_DIRECTIVES
    for name in names:
        if name in site:
            directives.setdefault(name, site[name])
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


class CompressedTextMiddleware(GZipMiddleware):
    """Pages, feeds, JSON and exports compressed for clients that accept it, with Django's BREACH
    mitigation (random padding, "Heal the Breach"); documents and images, compressed already, are
    sent as they are (and static files come compressed from WhiteNoise)."""

    COMPRESSIBLE = (
        "text/",
        "application/json",
        "application/xml",
        "application/atom+xml",
        "application/rss+xml",
        "application/javascript",
        "image/svg+xml",
    )

    def process_response(self, request, response):
        if response.get("Content-Encoding") == "None":
            # Wagtail's streaming document backend writes the missing encoding of a file as "None".
            del response["Content-Encoding"]
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.policy = dict(settings.CONTENT_SECURITY_POLICY)
        self.exempt_prefixes = tuple(settings.CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES)
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if not request.path_info.startswith(self.exempt_prefixes):
            response["Content-Security-Policy"] = merge_policy(
                response.headers.get("Content-Security-Policy", ""), self.policy
            )
        return response


class RequestBodyLimitMiddleware:
    """Refuse request bodies over the limit from their declared length, before anything reads them.

    Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` does not count the files of a multipart body: without
    this, an anonymous form would read (and spool to disk) a body of any size. The answer is a
    short page in the site's layout, in the language of the address; the body is never read.
    The reverse proxy in front should refuse the same sizes first (nginx ``client_max_body_size``).
    """

    UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    @staticmethod
    def limit_for(request: HttpRequest) -> int:
        if request.path_info.startswith(tuple(settings.REQUEST_BODY_ADMIN_PREFIXES)):
            return settings.REQUEST_BODY_MAX_BYTES_ADMIN
        return settings.REQUEST_BODY_MAX_BYTES

    @staticmethod
    def declared_length(request: HttpRequest) -> int | None:
        value = request.META.get("CONTENT_LENGTH")
        if value in (None, ""):
            return None
        try:
            return max(int(value), 0)
        except ValueError:
            return 0  # what Django reads of such a body: nothing

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = self.declared_length(request)
        if length is None:
            chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
            if chunked and request.method in self.UNSAFE_METHODS:
                return self.refuse(request, status=411)
        elif length > self.limit_for(request):
            return self.refuse(request, status=413)
        return self.get_response(request)

    def refuse(self, request: HttpRequest, status: int) -> HttpResponse:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {"status": status, "limit": self.limit_for(request)}
            return render(request, "413.html", context, status=status)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` for logged-in people and for the account pages."""

    ACCOUNT_URL_NAME_PREFIXES = ("account_", "mfa_")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        is_account_page = bool(match and (match.url_name or "").startswith(self.ACCOUNT_URL_NAME_PREFIXES))
        if is_account_page or request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response


def has_authenticator_app(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class AdminRequiresTwoFactorMiddleware:
    """Coordinators reach the Wagtail admin only once an authenticator app is enrolled; members never."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/admin/") or request.path_info.startswith("/admin/logout/"):
            return self.get_response(request)
        if request.user.is_authenticated and not is_coordinator(request.user):
            return render(request, "403_admin.html", status=403)
        if is_coordinator(request.user) and not has_authenticator_app(request.user):
            messages.warning(
                request,
                _("The administration requires two-factor authentication: set up an authenticator app first."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
