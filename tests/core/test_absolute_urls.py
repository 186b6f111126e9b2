"""Every absolute link of the site is under SITE_URL (issue 17, part 1), whatever Host the request names.

The requests below are sent to ``testserver`` (the client's Host), which Wagtail's Site holds too, while
SITE_URL names another address, on https: every absolute URL of the sitemap, the feeds, the calendars,
the open data, the counter, robots.txt, the pages' heads and each kind of email must start with
SITE_URL. The default Site follows SITE_URL after ``migrate`` and in the demo loader.
"""

import datetime
import re
import urllib.parse

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from extranet.services import invitations
from home.core.links import default_site_follows_site_url, page_url, site_hostname_and_port
from home.demo.builder import DemoContentBuilder

from ..factories import SIGNATURE_FORM as SIGNATURE
from ..factories import AssociationFactory, InvitationFactory, MembershipFactory, UserFactory

SITE = "https://contrelatraite.example"
URL = re.compile(r"https?://[^\s\"'<>\\]+")
# Addresses that are names, not links: XML namespaces and the doctype of Wagtail's HTML emails.
NAMES = {"www.w3.org", "www.sitemaps.org"}
# The request's own host names: never in an absolute link.
REQUEST_HOSTS = {"testserver", "localhost", "127.0.0.1"}


@pytest.fixture
def site_address(settings):
    """The site at SITE, as production configures it (the admin's emails at the same address)."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "contrelatraite.example"]
    return SITE


def absolute_urls(text: str) -> list[str]:
    return [url for url in URL.findall(text) if urllib.parse.urlsplit(url).hostname not in NAMES]


def assert_under_site_url(text: str, *, at_least: int = 1) -> list[str]:
    urls = absolute_urls(text)
    assert len(urls) >= at_least, text
    assert [url for url in urls if not url.startswith(SITE + "/")] == []
    return urls


def email_texts(message) -> str:
    return "\n".join([message.body] + [content for content, _type in getattr(message, "alternatives", [])])


# --- Responses ------------------------------------------------------------------------------


def test_sitemap_links_are_under_site_url(client, content, site_address):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = assert_under_site_url(response.text, at_least=20)
    assert f"{SITE}{content.resource_en.url}" in urls
    assert f"{SITE}/fr/nos-membres/ccem/" in urls  # an association's profile, a sub-page of the index


@pytest.mark.parametrize("language", ["fr", "en"])
def test_feed_links_are_under_site_url(client, content, site_tree, site_address, language):
    index = site_tree.fr.news if language == "fr" else site_tree.en.news
    article = content.news if language == "fr" else content.news_en
    response = client.get(index.url + "feed/")
    assert response.status_code == 200
    urls = assert_under_site_url(response.text, at_least=3)
    assert f"{SITE}{index.url}" in urls  # the index
    assert f"{SITE}{index.url}feed/" in urls  # the feed itself
    assert f"{SITE}{article.url}" in urls  # its article


def test_calendar_links_are_under_site_url(client, content, site_tree, site_address):
    calendars = [(content.event.url + "event.ics", content.event), (site_tree.en.events.url + "agenda.ics", None)]
    for url, event in calendars:
        response = client.get(url)
        assert response.status_code == 200
        unfolded = response.text.replace("\r\n ", "")  # iCalendar folds lines of more than 75 octets
        urls = assert_under_site_url(unfolded)
        if event is not None:
            assert urls == [f"{SITE}{event.url}"]
        else:
            assert f"{SITE}{content.event_en.url}" in urls


def test_open_data_links_are_under_site_url(client, content, site_address):
    response = client.get("/api/declarations.json")
    assert response.status_code == 200
    urls = assert_under_site_url(response.text, at_least=2)
    assert set(urls) == {f"{SITE}{content.declaration.url}", f"{SITE}{content.declaration_en.url}"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_counter_links_are_under_site_url(client, content, site_address, language):
    with translation.override(language):
        url = reverse("declaration_counter", args=[content.declaration.translation_key])
    response = client.get(url)
    assert response.status_code == 200
    declaration = content.declaration if language == "fr" else content.declaration_en
    assert set(assert_under_site_url(response.text)) == {f"{SITE}{declaration.url}"}


def test_robots_txt_names_the_sitemap_under_site_url(client, site_tree, site_address):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert assert_under_site_url(response.text) == [f"{SITE}/sitemap.xml"]


@pytest.mark.parametrize("host", ["testserver", "localhost:6666"])
def test_page_heads_link_under_site_url(client, content, site_tree, site_address, host):
    for page in (
        site_tree.fr.home,
        site_tree.en.home,
        content.resource,
        content.resource_en,
        content.news_en,
        content.event,
        content.declaration_en,
    ):
        response = client.get(page.url, HTTP_HOST=host)
        assert response.status_code == 200, page.url
        head = response.text.partition("</head>")[0]
        urls = assert_under_site_url(head, at_least=2)  # the page in both languages (hreflang)
        assert f"{SITE}{page.url}" in urls
        # Nowhere in the page an absolute link to the host the request named.
        hosts = {urllib.parse.urlsplit(url).hostname for url in absolute_urls(response.text)}
        assert hosts.isdisjoint(REQUEST_HOSTS), page.url
    response = client.get("/fr/nos-membres/ccem/", HTTP_HOST=host)  # a sub-page of a routable page
    assert f"{SITE}/en/our-members/ccem/" in assert_under_site_url(response.text.partition("</head>")[0])


def test_full_url_of_pages_is_under_site_url(content, site_address):
    assert content.resource.full_url == f"{SITE}{content.resource.url}"
    assert page_url(content.news_en) == f"{SITE}{content.news_en.url}"


# --- Emails ---------------------------------------------------------------------------------


def test_signature_emails_link_under_site_url(client, content, site_address):
    response = client.post(content.declaration_en.url, SIGNATURE)
    assert response.status_code == 302
    (message,) = mail.outbox
    urls = assert_under_site_url(email_texts(message), at_least=2)
    assert any(url.startswith(f"{SITE}{content.declaration_en.url}confirm/") for url in urls)
    assert any(url.startswith(f"{SITE}{content.declaration_en.url}withdraw/") for url in urls)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_invitation_emails_link_under_site_url(db, site_address, language):
    invitations.send_invitation(invitation=InvitationFactory(association=AssociationFactory(), language=language))
    (message,) = mail.outbox
    urls = assert_under_site_url(email_texts(message))
    assert any(url.startswith(f"{SITE}/{language}/extranet/invitation/") for url in urls)


def test_password_reset_emails_link_under_site_url(client, site_tree, site_address):
    MembershipFactory(association=AssociationFactory(), user=UserFactory(username="membre@example.org"))
    response = client.post("/en/accounts/password/reset/", {"email": "membre@example.org"})
    assert response.status_code == 302
    (message,) = mail.outbox
    urls = assert_under_site_url(email_texts(message))
    assert any(url.startswith(f"{SITE}/en/accounts/password/reset/key/") for url in urls)


def test_moderation_emails_link_under_site_url(site_tree, coordinator, site_address):
    submitter = UserFactory(username="redaction@example.org")
    site_tree.workflows.pages.start(site_tree.fr.standard, submitter)
    messages = [message for message in mail.outbox if message.to == [coordinator.email]]
    assert len(messages) == 1, [(m.to, m.subject) for m in mail.outbox]
    urls = assert_under_site_url(email_texts(messages[0]), at_least=2)
    assert f"{SITE}/admin/pages/{site_tree.fr.standard.pk}/edit/" in urls


# --- Wagtail's Site follows SITE_URL --------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://contrelatraite.example", ("contrelatraite.example", 443)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("http://contrelatraite.example", ("contrelatraite.example", 80)),
        ("https://contrelatraite.example:8443", ("contrelatraite.example", 8443)),
        ("http://[::1]:8000", ("[::1]", 8000)),
    ],
)
def test_site_hostname_and_port_come_from_site_url(settings, address, expected):
    settings.SITE_URL = address
    assert site_hostname_and_port() == expected


def test_migrate_points_the_default_site_at_site_url(site_tree, site_address, settings):
    call_command("migrate", verbosity=0, interactive=False)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("contrelatraite.example", 443)
    assert site.root_page_id == site_tree.fr.home.pk  # nothing else changed

    settings.SITE_URL = "http://127.0.0.1:8000"  # `make run`
    default_site_follows_site_url()
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)


def test_the_default_site_keeps_its_address_when_another_site_holds_that_of_site_url(site_tree, site_address):
    Site.objects.create(hostname="contrelatraite.example", port=443, root_page=site_tree.en.home)
    default_site_follows_site_url()
    assert Site.objects.filter(is_default_site=True, hostname="testserver", port=80).exists()


def test_the_demo_loader_puts_the_site_at_site_url(site_tree, site_address):
    builder = DemoContentBuilder(today=datetime.date(2026, 12, 1), password="unused", log=lambda line: None)
    builder.ensure_site(site_tree.fr.home)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("contrelatraite.example", 443, site_tree.fr.home.pk)
