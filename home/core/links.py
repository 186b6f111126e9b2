"""Absolute links of the site, from its configured address (``SITE_URL``), never from the request.

A link sent by email (password reset, address confirmation, invitation, signature confirmation)
built from the request's ``Host`` header would go wherever the sender of the request chose: Django
checks the host name against ``ALLOWED_HOSTS`` but not its port, and behind a proxy the header is
the client's. ``SITE_URL`` (e.g. ``https://contrelatraite.org``) is the one address of the site.

Wagtail's own absolute page URLs (``Page.get_full_url``) come from the matching ``Site``'s
``root_url``, which cannot say https on a port other than 443: every absolute link of a page
(sitemap, feeds, calendars, open data, the counter, the head's alternates) is ``SITE_URL`` and
the page's path instead (:func:`page_url`). The default ``Site`` follows ``SITE_URL`` too
(:func:`default_site_follows_site_url`, after each ``migrate``), so that Wagtail finds it for
requests to that address.
"""

from __future__ import annotations

import urllib.parse

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import QueryDict


def site_url(path: str = "/") -> str:
    """The absolute address of ``path`` (which starts with "/") on the site."""
    return settings.SITE_URL.rstrip("/") + path


def on_site(url: str) -> str:
    """``url`` (absolute, whatever its host, or a path) under ``SITE_URL``: its path, query and fragment kept."""
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return site_url(path)


def kept_parameters(params, names) -> str:
    """The values of ``params`` (a ``QueryDict``) named in ``names``, URL-encoded in that order (blank ones dropped)."""
    kept = QueryDict(mutable=True)
    for name in names:
        values = [value for value in params.getlist(name) if value.strip()]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


def page_url(page, request=None) -> str | None:
    """The absolute address of a Wagtail ``page`` under ``SITE_URL`` (None when it is not routable)."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    return site_url(parts[2])


def site_hostname_and_port() -> tuple[str, int]:
    """The host name and port of ``SITE_URL``, as Wagtail's ``Site`` holds them (443 or 80 when not given)."""
    parts = urllib.parse.urlsplit(settings.SITE_URL)
    hostname = parts.hostname or ""
    if ":" in hostname:  # an IPv6 address: Django's request.get_host() keeps its brackets
        hostname = f"[{hostname}]"
    return hostname, parts.port or (443 if parts.scheme == "https" else 80)


def default_site_follows_site_url(*, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Give the default Wagtail ``Site`` the host name and port of ``SITE_URL`` (a ``post_migrate`` receiver).

    Nothing is done before Wagtail's tables exist, without a default site, or when another site
    already holds that address.
    """
    from wagtail.models import Site

    if Site._meta.db_table not in connections[using].introspection.table_names():
        return
    sites = Site.objects.using(using)
    site = sites.filter(is_default_site=True).first()
    hostname, port = site_hostname_and_port()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    if sites.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
