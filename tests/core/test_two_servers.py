"""Two application servers, one site: what one server does, the other sees at once.

Two gunicorn servers (A and B) run the production settings on two loopback ports against the
same PostgreSQL database, Redis cache and S3 bucket, with the same SECRET_KEY, as behind a proxy
(README, "Several application servers"). Driven over HTTP like browsers:

- a page whose new version a coordinator publishes in A's admin is served fresh by B at once,
  though both had it in their page cache (the content generation is in Redis);
- a member logged in on A is logged in on B (sessions are in the database, and the session's
  authentication hash is made with the shared SECRET_KEY); a report the member uploads
  through A is downloaded through B (the file is in the bucket), and by nobody else;
- a signature made on A is confirmed on B and counted once, on both servers' open data;
- the rate limits (signatures per address, failed logins per address) count the attempts made
  on both servers together (they are in Redis).

The test makes its own PostgreSQL database (dropped at the end) whatever database the suite runs
on, and uses Redis database 15, emptied first, which no other test uses: the whole story is one
test, so that one test process at a time uses it, even under pytest-xdist. Skipped, with the
reason, when PostgreSQL, Redis, gunicorn or the local S3 endpoint is missing.
"""

from __future__ import annotations

import json
import secrets
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from extranet.adapters import TOO_MANY_ATTEMPTS_FROM_ADDRESS, ClosedAccountAdapter
from home.management.commands.load_demo_content import DEMO_PASSWORD
from tests.benchmarks._harness import (
    HOST,
    PYTHON,
    Browser,
    confirmation_links,
    flushed_redis_url,
    free_ports,
    manage,
    running_servers,
    site_environment,
)
from tests.databases import throwaway_postgres_database
from tests.files import pdf_bytes

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_DB = 15  # this test's own: emptied when it starts
COORDINATOR = "coordination@example.org"
MEMBER, MEMBER_FIRST_NAME, MEMBER_ASSOCIATION = "ccem@example.org", "Bénédicte", "ccem"
PAGE_PATH, PAGE_SLUG = "/fr/le-collectif/", "le-collectif"
SIGNATURES_PER_ADDRESS = 3  # SIGNATURE_RATE_LIMIT_IP of both servers
LOGIN_FAILURES_PER_ADDRESS = 5  # ACCOUNT_RATE_LIMITS["login_failed"]: 5/5m/ip

# Run once the demo is loaded, with the servers' environment: the coordinator's authenticator
# app (the admin asks for it) and a new version of a page, saved as a draft (nothing public yet).
PREPARE = """
import json
from html import unescape
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from wagtail.models import Page

secret = generate_totp_secret()
TOTP.activate(get_user_model().objects.get(email={coordinator!r}), secret)
page = Page.objects.get(locale__language_code="fr", slug={slug!r}).specific
page.title = {title!r}
page.save_revision()
print(json.dumps({{"secret": secret, "page": page.pk}}))
"""


@dataclass
class Site:
    a: str  # base URLs of the two servers
    b: str
    workdir: Path
    database_url: str
    redis_url: str
    s3: object  # tests.s3.S3Endpoint
    bucket: str
    totp_secret: str
    draft_page: int
    draft_title: str

    def sql(self, query: str, *params) -> list[tuple]:
        import psycopg  # the suite's own database may be SQLite

        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(query, params).fetchall()


@pytest.fixture
def postgres_database():
    """A new PostgreSQL database with a random name, dropped afterwards: its URL."""
    with throwaway_postgres_database(POSTGRES_URL, "two_servers", "the two-server test") as (server, name):
        yield server.url_of(name)


@pytest.fixture
def two_servers(postgres_database, s3, tmp_path):
    gunicorn = Path(PYTHON).with_name("gunicorn")
    if not gunicorn.exists():
        pytest.skip(f"gunicorn is not installed next to {PYTHON}")
    redis_url = flushed_redis_url(REDIS_DB)
    if redis_url is None:
        pytest.skip("no Redis on 127.0.0.1:6379 for the two-server test")
    bucket = s3.new_bucket()
    port_a, port_b = free_ports(2)
    site_url = f"http://{HOST}:{port_a}"  # the proxy's address, as both servers know it
    env = site_environment(
        tmp_path,
        database_url=postgres_database,
        REDIS_URL=redis_url,
        SITE_URL=site_url,
        CSRF_TRUSTED_ORIGINS=f"{site_url},http://{HOST}:{port_b}",
        SIGNATURE_RATE_LIMIT_IP=str(SIGNATURES_PER_ADDRESS),
        **s3.environment(bucket),
    )
    title = f"Le collectif, version {secrets.token_hex(3)}"
    with ThreadPoolExecutor(max_workers=1) as pool:
        static = pool.submit(manage, env, "collectstatic", "--noinput")  # meanwhile, the database
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        _seconds, output = manage(
            env, "shell", "-c", PREPARE.format(coordinator=COORDINATOR, slug=PAGE_SLUG, title=title)
        )
        static.result()
    prepared = json.loads(output.strip().splitlines()[-1])
    with running_servers(env, tmp_path, [port_a, port_b], workers=2) as (a, b):
        yield Site(
            a, b, tmp_path, postgres_database, redis_url, s3, bucket, prepared["secret"], prepared["page"], title
        )


# --- Browsing ---------------------------------------------------------------------------------


def _get(browser: Browser, path: str) -> tuple[int, str, dict]:
    status, body, headers = browser.request_raw(path)
    return status, body.decode("utf-8", "replace"), headers


def _post_form(browser: Browser, path: str, fields: dict, files: dict | None = None) -> tuple[int, str, dict]:
    """GET the form's page, then POST ``fields`` with its CSRF token: (status, body, headers)."""
    status, html = browser.request(path)
    assert status == 200, f"GET {path} answered {status}"
    status, body, headers = browser.request_raw(
        path, {"csrfmiddlewaretoken": browser.csrf_token(html), **fields}, files
    )
    return status, body.decode("utf-8", "replace"), headers


def _log_in(browser: Browser, email: str, password: str, next_path: str = "") -> tuple[int, str, dict]:
    path = "/fr/comptes/login/" + (f"?next={urllib.parse.quote(next_path)}" if next_path else "")
    return _post_form(browser, path, {"login": email, "password": password})


def _totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    remaining = 30 - time.time() % 30
    if remaining < 5:  # as tests/e2e/browser.py: never a code about to expire
        time.sleep(remaining + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _confirmed_count(base_url: str, translation_key: str) -> int:
    status, body = Browser(base_url).request("/api/declarations.json")
    assert status == 200
    for entry in json.loads(body)["declarations"]:
        if entry["translation_key"] == translation_key:
            return entry["signatures"]["confirmed"]
    raise AssertionError("the declaration is not in the open data")


def _sign(base_url: str, page_path: str, address: str) -> tuple[int, str]:
    browser = Browser(base_url)
    status, _body, headers = _post_form(
        browser,
        page_path,
        {
            "first_name": "Deux",
            "last_name": "Serveurs",
            "email": address,
            "organisation": "",
            "country": "FR",
            "consent": "on",
            "website_url": "",  # the honeypot, left empty as people do
        },
    )
    assert status == 302, f"the signature form answered {status}"
    # The outcome is a message on the page the visitor is sent back to.
    return browser.request(urllib.parse.urlsplit(headers["Location"]).path)


# --- The story ------------------------------------------------------------------------------------


def test_two_servers_serve_one_site(two_servers):
    site = two_servers
    a, b = site.a, site.b

    # 1. A page published in A's admin is served fresh by B at once.
    for base_url in (a, b):
        Browser(base_url).request(PAGE_PATH)
        status, html, headers = _get(Browser(base_url), PAGE_PATH)
        assert (status, headers.get("X-Page-Cache")) == (200, "hit")
        assert site.draft_title not in html
    coordinator = Browser(a)
    status, _html, headers = _log_in(coordinator, COORDINATOR, DEMO_PASSWORD, next_path="/admin/")
    assert status == 302, "the coordinator's password was refused"
    second_factor = urllib.parse.urlsplit(headers["Location"]).path
    status, _html, headers = _post_form(coordinator, second_factor, {"code": _totp_code(site.totp_secret)})
    assert status == 302, "the coordinator's authenticator code was refused"
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={site.draft_page}"
    status, _html, _headers = _post_form(coordinator, publish, {})
    assert status == 302, f"publishing through A's admin answered {status}"
    for base_url in (b, a):
        status, html, headers = _get(Browser(base_url), PAGE_PATH)
        assert status == 200 and headers.get("X-Page-Cache") == "miss"
        assert site.draft_title in html
    assert _redis_keys(site.redis_url, "*pagecache:generation")  # what both servers read

    # 2. A member logged in on A is logged in on B: the same cookies, one session.
    member_on_a = Browser(a)
    status, _html, headers = _log_in(member_on_a, MEMBER, DEMO_PASSWORD)
    assert status == 302 and "/extranet/" in headers["Location"]
    member_on_b = Browser(b, cookies=member_on_a.cookies)
    status, html = member_on_b.request("/fr/extranet/")
    assert status == 200 and MEMBER_FIRST_NAME in html
    assert Browser(b).request("/fr/extranet/")[0] == 302  # without the cookies: to the login form

    # 3. A members-only report uploaded through A is downloaded through B, by members only.
    report_title = f"Rapport deux serveurs {secrets.token_hex(3)}"
    content = pdf_bytes()
    status, _html, _headers = _post_form(
        member_on_a,
        f"/fr/extranet/associations/{MEMBER_ASSOCIATION}/reports/",
        {"year": "2024", "visibility": "members", "title_fr": report_title, "title_en": ""},
        files={"file": ("rapport.pdf", content, "application/pdf")},
    )
    assert status == 302, f"the report upload answered {status}"
    [(document_id, file_key)] = site.sql("SELECT id, file FROM wagtaildocs_document WHERE title = %s", report_title)
    download = f"/fr/extranet/files/{document_id}/"
    status, body, headers = member_on_b.request_raw(download)
    assert status == 200 and body == content
    assert headers["Content-Disposition"].startswith("attachment")
    assert Browser(b).request_raw(download)[0] == 302  # anonymous: to the login form
    status, body, _headers = Browser(b).request_raw(f"/documents/{document_id}/rapport.pdf")
    assert status != 200 and content not in body
    stored = site.s3.client().list_objects_v2(Bucket=site.bucket).get("Contents", [])
    assert file_key in [item["Key"] for item in stored]  # in the shared bucket, not on A's disk

    # 4. A signature made on A is confirmed on B and counted once, on both servers.
    status, body = Browser(a).request("/api/declarations.json")
    [declaration] = [entry for entry in json.loads(body)["declarations"] if entry["open"]]
    key, page_path = declaration["translation_key"], urllib.parse.urlsplit(declaration["url"]["fr"]).path
    before = _confirmed_count(b, key)
    assert _confirmed_count(a, key) == before
    signer = f"deux-serveurs-{secrets.token_hex(3)}@example.org"
    _sign(a, page_path, signer)  # signature 1 from this address
    link = confirmation_links(site.workdir / "mail", {signer})[signer]
    assert _confirmed_count(a, key) == _confirmed_count(b, key) == before  # not confirmed yet
    status, html, _headers = _post_form(Browser(b), link, {})
    assert status == 200 and "signing-result--confirmed" in html
    assert _confirmed_count(a, key) == _confirmed_count(b, key) == before + 1
    # The link again, on the other server: already used, counted once.
    again = Browser(a)
    status, html = again.request(link)
    assert status == 200 and "signing-result--already_confirmed" in html
    _status, page = again.request(page_path)
    status, html = again.request(link, {"csrfmiddlewaretoken": again.csrf_token(page)})
    assert status == 200 and "signing-result--already_confirmed" in html
    assert _confirmed_count(a, key) == _confirmed_count(b, key) == before + 1
    rows = site.sql("SELECT status FROM home_signature WHERE email = %s", signer)
    assert rows == [("confirmed",)]

    # 5. Rate limits count the attempts made on both servers together.
    # Signatures: SIGNATURES_PER_ADDRESS per address and hour; the first one was made on A above.
    extra = [f"limite-{index}-{secrets.token_hex(3)}@example.org" for index in range(SIGNATURES_PER_ADDRESS)]
    answers = [_sign(base_url, page_path, address) for base_url, address in zip((b, a, b), extra, strict=True)]
    refused = "Too many signatures were sent from here or for this email address. Please try again later."
    assert [_in_french(refused) in unescape(page) for _status, page in answers] == [False, False, True]
    counted = site.sql("SELECT email FROM home_signature WHERE email = ANY(%s)", extra)
    assert sorted(email for (email,) in counted) == sorted(extra[:-1])  # the last one, on B, refused
    assert _redis_keys(site.redis_url, "*signing-rate:ip:*")
    # Failed logins: LOGIN_FAILURES_PER_ADDRESS per address, then even the right password is refused.
    for attempt in range(LOGIN_FAILURES_PER_ADDRESS):
        status, _html, _headers = _log_in(Browser((a, b)[attempt % 2]), f"nobody-{attempt}@example.org", "wrong")
        assert status == 200  # the form again, with its error
    late = Browser(b if LOGIN_FAILURES_PER_ADDRESS % 2 == 0 else a)
    status, page, _headers = _log_in(late, MEMBER, DEMO_PASSWORD)
    assert status == 200 and _in_french(ClosedAccountAdapter.error_messages[TOO_MANY_ATTEMPTS_FROM_ADDRESS]) in (
        unescape(page)
    )
    assert late.request("/fr/extranet/")[0] == 302  # not logged in


def _in_french(message) -> str:
    with translation.override("fr"):
        return str(gettext(message))


def _redis_keys(redis_url: str, pattern: str) -> list[bytes]:
    import redis

    return list(redis.Redis.from_url(redis_url).scan_iter(pattern))
