"""The website check never reaches the server's own network, not even through a redirect (issue 16, finding 2).

No internet: local servers on 127.0.0.1 / 127.0.0.2, and names resolved by a patched ``socket.getaddrinfo``.
"""

import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django.urls import reverse

from extranet.models import WebsiteCheck
from extranet.services import websites
from extranet.services.websites import MAX_REDIRECTS, PinnedHTTPSConnection, Reason, check_website

REAL_GETADDRINFO = socket.getaddrinfo


class RecordingHandler(BaseHTTPRequestHandler):
    """``/hop/<n>`` redirects to ``/hop/<n-1>``, ``/hop/0`` answers 200; ``/away`` redirects to ``server.away``."""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.server.seen.append(SimpleNamespace(path=self.path, host=self.headers.get("Host")))
        if self.path.startswith("/hop/") and self.path != "/hop/0":
            self.redirect(f"/hop/{int(self.path.rsplit('/', 1)[1]) - 1}")
        elif self.path == "/away":
            self.redirect(self.server.away)
        else:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def serve(monkeypatch):
    servers = []

    def start(host="127.0.0.1", away=""):
        server = ThreadingHTTPServer((host, 0), RecordingHandler)
        server.seen, server.away = [], away
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        server.base = f"http://{host}:{server.server_address[1]}"
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def any_port(settings):
    """The default address rules, but the test servers' random ports allowed."""
    settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS = False
    settings.WEBSITE_CHECK_PORTS = None


@pytest.fixture
def allow_only_127_0_0_1(monkeypatch, any_port):
    """The address check lets 127.0.0.1 through (standing for a public server), nothing else."""
    default = websites.is_allowed_address
    monkeypatch.setattr(
        websites, "is_allowed_address", lambda address: address == ipaddress.ip_address("127.0.0.1") or default(address)
    )


def resolve_as(monkeypatch, names: dict[str, list[str]]):
    """``socket.getaddrinfo`` answers these addresses for these names; the calls are recorded."""
    calls = []

    def fake(host, port, *args, **kwargs):
        calls.append(host)
        if host not in names:
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        return [
            (
                socket.AF_INET6 if ":" in address else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (address, port, 0, 0) if ":" in address else (address, port),
            )
            for address in names[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return calls


def never_connect(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the check connected to a refused address")

    monkeypatch.setattr(websites, "connect_to", refuse)


# --- The addresses ----------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2001:4860:4860::8888", "2a00:1450:4007:80e::200e"])
def test_public_addresses_are_public(address):
    assert websites.is_public_ip(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.1.2.3",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",  # noqa: S104 (the address tested, not one listened on)
        "224.0.0.1",  # multicast: is_global says True
        "240.0.0.1",
        "255.255.255.255",
        "192.0.2.10",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
    ],
)
def test_private_reserved_and_mapped_addresses_are_not_public(address):
    assert not websites.is_public_ip(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "addresses",
    [["10.1.2.3"], ["127.0.0.1"], ["::1"], ["::ffff:127.0.0.1"], ["169.254.169.254"], ["93.184.216.34", "10.0.0.7"]],
)
def test_a_name_resolving_to_any_private_address_is_refused_without_connecting(monkeypatch, settings, addresses):
    settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS = False
    resolve_as(monkeypatch, {"intranet.example.org": addresses})
    never_connect(monkeypatch)
    assert check_website("https://intranet.example.org/") == (False, None, Reason.ADDRESS_NOT_ALLOWED)


def test_loopback_server_is_refused_by_default(serve, any_port):
    server = serve()
    assert check_website(f"{server.base}/hop/0", timeout=2) == (False, None, Reason.ADDRESS_NOT_ALLOWED)
    assert server.seen == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/", Reason.SCHEME),
        ("http://example.org:8080/", Reason.PORT),
        ("https://example.org:22/", Reason.PORT),
        ("http://example.org:99999/", Reason.PORT),
    ],
)
def test_other_schemes_and_ports_are_refused_before_resolving(monkeypatch, settings, url, reason):
    settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS = False
    calls = resolve_as(monkeypatch, {})
    never_connect(monkeypatch)
    assert check_website(url) == (False, None, reason)
    assert calls == []


# --- Every hop --------------------------------------------------------------------------------


def test_redirects_are_followed_and_each_hop_is_checked(serve, allow_only_127_0_0_1, monkeypatch):
    server = serve()
    checked = []
    allowed = websites.is_allowed_address
    monkeypatch.setattr(websites, "is_allowed_address", lambda address: checked.append(address) or allowed(address))
    assert check_website(f"{server.base}/hop/3", timeout=2) == (True, 200, "")
    assert [seen.path for seen in server.seen] == ["/hop/3", "/hop/2", "/hop/1", "/hop/0"]
    assert len(checked) == 4  # the address checked anew at every hop


def test_a_redirect_from_an_allowed_server_to_loopback_is_refused(serve, allow_only_127_0_0_1):
    inner = serve("127.0.0.2")
    outer = serve(away=f"{inner.base}/hop/0")
    assert check_website(f"{outer.base}/away", timeout=2) == (False, None, Reason.ADDRESS_NOT_ALLOWED)
    assert [seen.path for seen in outer.seen] == ["/away"]
    assert inner.seen == []  # never asked


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://intranet.example.org/", Reason.ADDRESS_NOT_ALLOWED),  # resolves to 10.0.0.1
        ("http://[::1]/", Reason.ADDRESS_NOT_ALLOWED),
        ("http://169.254.169.254/latest/meta-data/", Reason.ADDRESS_NOT_ALLOWED),
        ("http://127.0.0.1:6379/", Reason.PORT),  # the default ports again
        ("file:///etc/passwd", Reason.SCHEME),
        ("gopher://127.0.0.1:6379/_INFO", Reason.SCHEME),
    ],
)
def test_redirects_to_private_networks_other_ports_or_schemes_are_refused(
    serve, allow_only_127_0_0_1, monkeypatch, settings, target, reason
):
    resolve_as(monkeypatch, {"intranet.example.org": ["10.0.0.1"]})
    server = serve(away=target)
    settings.WEBSITE_CHECK_PORTS = [80, 443, server.server_address[1]]
    assert check_website(f"{server.base}/away", timeout=2) == (False, None, reason)
    assert [seen.path for seen in server.seen] == ["/away"]


def test_at_most_five_redirects(serve, allow_only_127_0_0_1):
    server = serve()
    assert check_website(f"{server.base}/hop/{MAX_REDIRECTS}", timeout=2) == (True, 200, "")
    server.seen.clear()
    assert check_website(f"{server.base}/hop/{MAX_REDIRECTS + 1}", timeout=2) == (
        False,
        302,
        Reason.TOO_MANY_REDIRECTS,
    )
    assert len(server.seen) == MAX_REDIRECTS + 1  # the seventh address is never asked


def test_the_connection_goes_to_the_checked_address_under_the_host_name(serve, allow_only_127_0_0_1, monkeypatch):
    """One resolution per hop (nothing to rebind in between); the Host header keeps the name."""
    server = serve()
    port = server.server_address[1]
    calls = resolve_as(monkeypatch, {"association.example.org": ["127.0.0.1"]})
    assert check_website(f"http://association.example.org:{port}/hop/1", timeout=2) == (True, 200, "")
    assert calls == ["association.example.org", "association.example.org"]
    assert [seen.host for seen in server.seen] == [f"association.example.org:{port}"] * 2


def test_https_keeps_the_host_name_for_sni_and_the_certificate(monkeypatch):
    connected, wrapped = [], []
    monkeypatch.setattr(websites, "connect_to", lambda *args: connected.append(args) or "socket")
    connection = PinnedHTTPSConnection(
        "association.example.org", 443, family=socket.AF_INET, sockaddr=("93.184.216.34", 443), timeout=3
    )
    monkeypatch.setattr(
        connection.tls_context, "wrap_socket", lambda sock, server_hostname: wrapped.append((sock, server_hostname))
    )
    connection.connect()
    assert connected == [(socket.AF_INET, ("93.184.216.34", 443), 3)]
    assert wrapped == [("socket", "association.example.org")]
    assert connection.tls_context.check_hostname


# --- The reason, where results are shown ------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "mène à un réseau privé ou réservé"),
        ("en", "leads to a private or reserved network"),
    ],
)
def test_the_dashboard_says_why_a_website_was_not_checked(client, member_a, association_a, language, text):
    WebsiteCheck.objects.create(
        association=association_a, url="http://10.0.0.1/", ok=False, error=Reason.ADDRESS_NOT_ALLOWED
    )
    WebsiteCheck.objects.create(
        association=association_a, url="http://example.org/", ok=False, status_code=503, error=Reason.HTTP_STATUS
    )
    client.force_login(member_a)
    body = client.get(f"/{language}/extranet/").text
    assert text in body
    assert "503" in body


def test_the_dashboard_button_records_the_refusal(client, member_a, association_a, settings):
    settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS = False
    association_a.website_fr = "http://127.0.0.1:9/"
    association_a.save()
    client.force_login(member_a)
    client.post(reverse("extranet:website_check", args=[association_a.slug]))
    check = WebsiteCheck.objects.get(association=association_a)
    assert (check.ok, check.error) == (False, Reason.PORT)
