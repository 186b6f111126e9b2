"""Whether the associations' websites answer, for the dashboards' to-do lists.

The check runs on our server: it must never become a way to reach the server's own network
(loopback, private ranges, cloud metadata addresses), neither directly nor through a redirect.
So every hop is checked the same way:

* only ``http``/``https``, only the ports of ``WEBSITE_CHECK_PORTS`` (80 and 443);
* the host name is resolved once, and refused if *any* of its addresses is not a public one
  (:func:`is_public_ip`);
* the connection goes to the address that was checked (:class:`PinnedHTTPConnection`,
  :class:`PinnedHTTPSConnection`): no second resolution between the check and the connection,
  while the ``Host`` header, TLS's SNI and the certificate check keep the host name;
* redirects are followed here, at most :data:`MAX_REDIRECTS`, each one checked as above.

The reason of a failure is a code (:class:`extranet.models.WebsiteCheck.Reason`), translated
where the result is shown.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.parse

from django.conf import settings
from django.utils import timezone

from home.models import Association

from ..models import WebsiteCheck

WEBSITE_CHECK_TIMEOUT = 8
MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
USER_AGENT = "contrelatraite-link-check/1.0"
Reason = WebsiteCheck.Reason


class CheckRefused(Exception):
    """The check stops here; ``reason`` says why (a :class:`Reason`)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def is_public_ip(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address of the public internet, never one of the server's own networks."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None and not is_public_ip(embedded):
            return False
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def is_allowed_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether the check may connect to this address (tests allow loopback through the setting)."""
    return settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS or is_public_ip(address)


def resolve(host: str, port: int) -> tuple[int, tuple]:
    """The (family, socket address) to connect to, once every address of ``host`` is allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as error:
        raise CheckRefused(Reason.UNKNOWN_HOST) from error
    if not infos:
        raise CheckRefused(Reason.UNKNOWN_HOST)
    for _family, _type, _proto, _name, sockaddr in infos:
        try:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        except ValueError as error:
            raise CheckRefused(Reason.ADDRESS_NOT_ALLOWED) from error
        if not is_allowed_address(address):
            raise CheckRefused(Reason.ADDRESS_NOT_ALLOWED)
    family, _type, _proto, _name, sockaddr = infos[0]
    return family, sockaddr


def connect_to(family: int, sockaddr: tuple, timeout: float) -> socket.socket:
    """A TCP connection to exactly this socket address (no name resolution)."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(sockaddr)
    except BaseException:
        sock.close()
        raise
    return sock


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to the address that was checked; the Host header keeps the name."""

    def __init__(self, host: str, port: int, *, family: int, sockaddr: tuple, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.pinned = (family, sockaddr)

    def connect(self) -> None:
        self.sock = connect_to(*self.pinned, self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to the address that was checked; SNI and the certificate check keep the name."""

    def __init__(self, host: str, port: int, *, family: int, sockaddr: tuple, timeout: float):
        self.tls_context = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls_context)
        self.pinned = (family, sockaddr)

    def connect(self) -> None:
        sock = connect_to(*self.pinned, self.timeout)
        try:
            self.sock = self.tls_context.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def allowed_ports() -> set[int] | None:
    ports = settings.WEBSITE_CHECK_PORTS
    return None if ports is None else set(ports)


def request_once(url: str, timeout: float) -> tuple[int, str]:
    """Ask ``url`` (one hop, never following a redirect): (HTTP status, Location header)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise CheckRefused(Reason.SCHEME)
    host = parts.hostname
    if not host:
        raise CheckRefused(Reason.UNKNOWN_HOST)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:  # a port that is not a number, or out of range
        raise CheckRefused(Reason.PORT) from error
    ports = allowed_ports()
    if ports is not None and port not in ports:
        raise CheckRefused(Reason.PORT)
    family, sockaddr = resolve(host, port)
    connection_class = PinnedHTTPSConnection if parts.scheme == "https" else PinnedHTTPConnection
    connection = connection_class(host, port, family=family, sockaddr=sockaddr, timeout=timeout)
    path = urllib.parse.quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + urllib.parse.quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        return response.status, response.getheader("Location", "")
    except ssl.SSLError as error:
        raise CheckRefused(Reason.TLS) from error
    except TimeoutError as error:
        raise CheckRefused(Reason.TIMEOUT) from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise CheckRefused(Reason.CONNECTION) from error
    finally:
        connection.close()


def check_website(url: str, timeout: float = WEBSITE_CHECK_TIMEOUT) -> tuple[bool, int | None, str]:
    """Ask a website for its home page: (answers, HTTP status, reason code of a failure).

    Redirects are followed here, at most :data:`MAX_REDIRECTS`, every hop checked anew.
    """
    status = None
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            status, location = request_once(url, timeout)
            if status not in REDIRECT_STATUSES or not location:
                break
            url = urllib.parse.urljoin(url, location)
        else:
            return False, status, Reason.TOO_MANY_REDIRECTS
    except CheckRefused as refusal:
        return False, None, refusal.reason
    if 200 <= status < 400:
        return True, status, ""
    return False, status, Reason.HTTP_STATUS


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
