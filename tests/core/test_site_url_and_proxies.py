"""What the site believes of the network (issue 16, finding 10): absolute links from SITE_URL, never
from the Host header; X-Forwarded-Proto only when a proxy in front is declared."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from home.core.links import on_site, site_url
from site_cms.settings.base import checked_site_url, proxy_ssl_header

from ..factories import SIGNATURE_FORM as SIGNATURE
from ..settings_process import load_settings

BASE_DIR = Path(__file__).resolve().parents[2]


# --- Links ------------------------------------------------------------------------------------


def test_links_are_built_from_site_url(settings):
    settings.SITE_URL = "https://contrelatraite.example.org"
    assert site_url("/fr/") == "https://contrelatraite.example.org/fr/"
    assert on_site("http://evil.example:6666/fr/x/?a=1#b") == "https://contrelatraite.example.org/fr/x/?a=1#b"
    assert on_site("/en/y/") == "https://contrelatraite.example.org/en/y/"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_signature_links_ignore_the_host_header(client, content, settings, language):
    settings.SITE_URL = "https://contrelatraite.example.org"
    page = content.declaration if language == "fr" else content.declaration_en
    response = client.post(page.url, SIGNATURE, HTTP_HOST="testserver:6666")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert f"https://contrelatraite.example.org{page.url}confirm/" in message.body
    assert f"https://contrelatraite.example.org{page.url}withdraw/" in message.body
    assert "testserver" not in message.body


def test_the_dev_and_test_sites_link_to_themselves():
    code = (
        "import site_cms.settings.dev as s; print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL, s.ACCOUNT_DEFAULT_HTTP_PROTOCOL)"
    )
    result = load_settings(code)
    assert result.stdout.split() == ["http://127.0.0.1:8000", "http://127.0.0.1:8000", "http"], result.stderr


# --- SITE_URL in production -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "hosts", "expected"),
    [
        ("https://contrelatraite.org/", ["contrelatraite.org"], "https://contrelatraite.org"),
        ("https://www.contrelatraite.org", [".contrelatraite.org"], "https://www.contrelatraite.org"),
        ("http://127.0.0.1:8000", ["127.0.0.1"], "http://127.0.0.1:8000"),
        ("", ["contrelatraite.org", "www.contrelatraite.org"], "https://contrelatraite.org"),
    ],
)
def test_site_url_setting(value, hosts, expected):
    assert checked_site_url(value, hosts) == expected


@pytest.mark.parametrize(
    ("value", "hosts"),
    [
        ("https://evil.example", ["contrelatraite.org"]),  # not a host of the site
        ("contrelatraite.org", ["contrelatraite.org"]),  # no scheme
        ("ftp://contrelatraite.org", ["contrelatraite.org"]),
        ("https://contrelatraite.org/fr/", ["contrelatraite.org"]),  # a path
        ("", [".contrelatraite.org"]),  # nothing to take it from
    ],
)
def test_site_url_setting_refuses_what_is_not_the_sites_address(value, hosts):
    with pytest.raises(ImproperlyConfigured):
        checked_site_url(value, hosts)


# --- X-Forwarded-Proto ------------------------------------------------------------------------


def test_x_forwarded_proto_from_a_direct_client_is_not_believed_by_default(monkeypatch, settings):
    monkeypatch.delenv("TRUST_X_FORWARDED_PROTO", raising=False)
    settings.SECURE_PROXY_SSL_HEADER = proxy_ssl_header()
    assert settings.SECURE_PROXY_SSL_HEADER is None
    request = RequestFactory().get("/fr/", HTTP_X_FORWARDED_PROTO="https")
    assert request.is_secure() is False


def test_x_forwarded_proto_is_believed_behind_a_declared_proxy(monkeypatch, settings):
    monkeypatch.setenv("TRUST_X_FORWARDED_PROTO", "1")
    settings.SECURE_PROXY_SSL_HEADER = proxy_ssl_header()
    assert RequestFactory().get("/fr/", HTTP_X_FORWARDED_PROTO="https").is_secure() is True
    assert RequestFactory().get("/fr/").is_secure() is False


def production(**env):
    code = (
        "import site_cms.settings.production as s; print(s.SECURE_PROXY_SSL_HEADER, s.USE_X_FORWARDED_HOST, "
        "s.USE_X_FORWARDED_PORT, s.SITE_URL, s.WAGTAILADMIN_BASE_URL, s.ACCOUNT_DEFAULT_HTTP_PROTOCOL)"
    )
    return load_settings(code, SECRET_KEY="a-real-secret", ALLOWED_HOSTS="contrelatraite.example.org", **env)


def test_production_believes_no_proxy_header_unless_told():
    result = production()
    assert result.returncode == 0, result.stderr
    site = "https://contrelatraite.example.org"
    assert result.stdout.split() == ["None", "False", "False", site, site, "https"]
    result = production(TRUST_X_FORWARDED_PROTO="1", SITE_URL="https://contrelatraite.example.org/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["('HTTP_X_FORWARDED_PROTO',", "'https')"]


def test_production_refuses_a_site_url_on_another_host():
    result = production(SITE_URL="https://evil.example")
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr
