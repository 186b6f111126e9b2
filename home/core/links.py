"""Absolute links of the site, from its configured address (``SITE_URL``), never from the request.

A link sent by email (password reset, address confirmation, invitation, signature confirmation)
built from the request's ``Host`` header would go wherever the sender of the request chose: Django
checks the host name against ``ALLOWED_HOSTS`` but not its port, and behind a proxy the header is
the client's. ``SITE_URL`` (e.g. ``https://contrelatraite.org``) is the one address of the site.
"""

from __future__ import annotations

import urllib.parse

from django.conf import settings


def site_url(path: str = "/") -> str:
    """The absolute address of ``path`` (which starts with "/") on the site."""
    return settings.SITE_URL.rstrip("/") + path


def on_site(url: str) -> str:
    """``url`` (absolute, whatever its host, or a path) under ``SITE_URL``: its path, query and fragment kept."""
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return site_url(path)
