"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

One browser per test session (per xdist worker), a fresh context per test. Every request the
pages make is recorded; anything not addressed to the live server is blocked, and the test
fails afterwards (nothing from elsewhere: no CDN, no font service, no tracker).

The live server needs transactional tests: the database is emptied after each of them, so
each test asks for a serialized rollback, which restores what the migrations created
(locales, root page and collection, moderation workflows and groups) before it runs.
"""

import datetime
import os
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

from ..factories import (
    IssuingBodyFactory,
    LegalResourcePageFactory,
    MembershipFactory,
    TopicFactory,
    UserFactory,
    enrol_authenticator_app,
)
from .browser import CHROMIUM, CHROMIUM_FLAGS, NAVIGATION_TIMEOUT_MS

E2E_DIR = Path(__file__).parent
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Playwright's sync API runs an event loop in the test thread, so Django refuses ORM calls there
    (building content, flushing the database after a test) unless told otherwise: only during the
    browser tests, never leaking into the other tests or the commands they start."""
    if E2E_DIR not in item.path.parents:
        return (yield)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        return (yield)
    finally:
        os.environ.pop(ASYNC_UNSAFE, None)


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not found: `apt-get install chromium` to run the browser tests")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


# --- Browser -----------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests, stopped when they are done (package scope): Playwright's
    event loop must not outlive them, or Django would refuse the later tests' database calls."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class RequestLog:
    """Every URL a context asked for; those off the live server are aborted and kept apart."""

    def __init__(self, origin: str):
        self.origin = urlsplit(origin)
        self.foreign: list[str] = []

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            return True
        return (parts.scheme, parts.hostname, parts.port) == (
            self.origin.scheme,
            self.origin.hostname,
            self.origin.port,
        )

    def route(self, route):
        url = route.request.url
        if self.is_local(url):
            route.fallback()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")


@pytest.fixture
def new_context(browser, live_server):
    """``new_context(**options)``: a fresh browser context (no cookies) on the live server."""
    contexts = []
    log = RequestLog(live_server.url)

    def make(**options):
        options = {
            "base_url": live_server.url,
            "viewport": {"width": 1280, "height": 900},
            "locale": "fr-FR",
            **options,
        }
        context = browser.new_context(**options)
        context.set_default_timeout(NAVIGATION_TIMEOUT_MS)
        context.route("**/*", log.route)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not log.foreign, "pages asked for other hosts than the site itself:\n" + "\n".join(log.foreign)


@pytest.fixture
def page(new_context):
    return new_context().new_page()


# --- Database and isolation ---------------------------------------------------------------


@pytest.fixture(scope="session")
def _migrations_data(django_db_setup):
    """What the migrations created, restored before each test (a serialized rollback).

    Django keeps the serialized data on the connection object of the test database. Once
    Playwright has started, the test thread is handed another connection object (to the same
    in-memory database) that lacks it: keep it on the connection class for every object.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    contents = getattr(connection, "_test_serialized_contents", None)
    assert contents, "the test database was not serialized: e2e tests need django_db_serialized_rollback"
    type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _e2e_isolation(_migrations_data, django_db_serialized_rollback, live_server, settings, tmp_path):
    """Migrations' data restored, uploads in a temporary folder, rate limits and outbox empty; the links
    of emails to the live server (SITE_URL)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = live_server.url
    cache.clear()
    mail.outbox = []
    yield
    cache.clear()


# --- Content and people ---------------------------------------------------------------------


@pytest.fixture
def site(content, site_tree):
    """The public site in both languages (tests/conftest.py's ``content``), its sections in the menu,
    a library worth filtering, a member of the CCEM and a coordinator."""
    from wagtail.models import Page

    from home.models import ResourceType

    Page.objects.filter(depth=3, locale__language_code__in=["fr", "en"]).update(show_in_menus=True)
    library = site_tree.fr.library
    sexual = TopicFactory(slug="exploitation-sexuelle", name_fr="Exploitation sexuelle", name_en="Sexual exploitation")
    eu = IssuingBodyFactory(slug="union-europeenne", acronym="UE", name_fr="Union européenne", name_en="European Union")
    unodc = IssuingBodyFactory(slug="onudc", acronym="ONUDC", name_fr="ONUDC", name_en="UNODC")
    directive = LegalResourcePageFactory(
        parent=library,
        title="Directive 2011/36/UE concernant la prévention de la traite des êtres humains",
        slug="directive-2011-36-ue",
        issuing_body=eu,
        resource_type=ResourceType.DIRECTIVE,
        date=datetime.date(2011, 4, 5),
        topics=[content.minors, sexual],
        languages=["fr", "en"],
    )
    report = LegalResourcePageFactory(
        parent=library,
        title="Rapport mondial sur la traite des personnes",
        slug="rapport-mondial-onudc",
        issuing_body=unodc,
        resource_type=ResourceType.REPORT,
        date=datetime.date(2014, 11, 24),
        topics=[content.labour, sexual],
        languages=["en"],
    )
    member = MembershipFactory(association=content.ccem, user=UserFactory(username="ccem@example.org")).user
    coordinator = UserFactory(username="coordination@example.org", is_staff=True, is_superuser=True)
    authenticator = enrol_authenticator_app(coordinator)
    return SimpleNamespace(
        tree=site_tree,
        content=content,
        directive=directive,
        report=report,
        sexual=sexual,
        eu=eu,
        member=member,
        coordinator=coordinator,
        authenticator=authenticator,
    )
