"""Whether the associations' websites answer, for the dashboards' to-do lists."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils import timezone

from home.models import Association

from ..models import WebsiteCheck

WEBSITE_CHECK_TIMEOUT = 8


def is_public_address(url: str) -> bool:
    """True when every address the URL's host resolves to is a public one.

    The check runs on our server: it must not become a way to probe the server's own
    network (loopback, private ranges, cloud metadata addresses).
    """
    host = urllib.parse.urlsplit(url).hostname
    if not host:
        return False
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return True  # unknown hosts fail the request itself, with a clear error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            return False
    return True


def check_website(url: str, timeout: float = WEBSITE_CHECK_TIMEOUT) -> tuple[bool, int | None, str]:
    """Ask a website for its home page: (answers, HTTP status, error)."""
    if not url.startswith(("http://", "https://")):
        return False, None, "not an http(s) address"
    if not settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS and not is_public_address(url):
        return False, None, "address not allowed"
    headers = {"User-Agent": "contrelatraite-link-check/1.0"}
    request = urllib.request.Request(url, method="GET", headers=headers)  # noqa: S310 (http/https only, checked above)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only, checked above)
            return 200 <= response.status < 400, response.status, ""
    except urllib.error.HTTPError as error:
        return False, error.code, ""
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        return False, None, str(getattr(error, "reason", error))[:250]


def check_association_websites(association: Association, timeout: float = WEBSITE_CHECK_TIMEOUT) -> list[WebsiteCheck]:
    results = []
    for url in dict.fromkeys(u for u in (association.website_fr, association.website_en) if u):
        if not url.startswith(("http://", "https://")):
            continue
        ok, status_code, error = check_website(url, timeout)
        check, _created = WebsiteCheck.objects.update_or_create(
            association=association,
            url=url,
            defaults={"ok": ok, "status_code": status_code, "error": error, "checked_at": timezone.now()},
        )
        results.append(check)
    WebsiteCheck.objects.filter(association=association).exclude(url__in=[c.url for c in results]).delete()
    return results
