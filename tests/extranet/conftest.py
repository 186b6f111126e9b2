"""Fixtures of the member-area tests (the shared ones, the site's tree among them, are in tests/conftest.py)."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from extranet.services.collections import members_only_collection
from home.models import AssociationReport, MembershipStatus, ReportVisibility

from ..factories import (
    AssociationContactFactory,
    AssociationFactory,
    DeclarationPageFactory,
    DocumentFactory,
    FollowUpActionFactory,
    InternalDocumentFactory,
    MembershipFactory,
    MinutesFactory,
    UserFactory,
    root_collection,
)


@pytest.fixture(autouse=True)
def _private_media(media_root):
    """Uploaded files go to a temporary folder."""


@pytest.fixture
def collections(db):
    root = root_collection()
    return SimpleNamespace(root=root, members_only=members_only_collection())


# --- People and associations -------------------------------------------------------

# The member area's associations start with the same plain texts and no website (the dashboard asks for one).
PROFILE = {
    "summary_fr": "Une association du collectif.",
    "summary_en": "An association of the collective.",
    "description_fr": "<p>Description en français.</p>",
    "description_en": "<p>Description in English.</p>",
    "website_fr": "",
    "website_en": "",
}


@pytest.fixture
def association_a(locales):
    association = AssociationFactory(**PROFILE, name="Comité contre l'esclavage moderne", acronym="CCEM", slug="ccem")
    AssociationContactFactory(association=association, name="Paul Public", is_public=True)
    return association


@pytest.fixture
def association_b(locales):
    association = AssociationFactory(
        **{**PROFILE, "website_fr": "http://127.0.0.1:9/"}, name="ECPAT France", acronym="ECPAT", slug="ecpat-france"
    )
    AssociationContactFactory(association=association, name="Béatrice Interne", email="b.interne@example.org")
    return association


@pytest.fixture
def observer_association(locales):
    return AssociationFactory(
        **PROFILE,
        name="SOS Esclaves",
        acronym="SOS",
        slug="sos-esclaves",
        status=MembershipStatus.OBSERVER,
        status_since=datetime.date(2014, 9, 29),
    )


@pytest.fixture
def member_a(association_a):
    return MembershipFactory(association=association_a, user=UserFactory(username="ccem@example.org")).user


@pytest.fixture
def member_b(association_b):
    return MembershipFactory(association=association_b, user=UserFactory(username="ecpat@example.org")).user


@pytest.fixture
def observer_user(observer_association):
    return MembershipFactory(association=observer_association, user=UserFactory(username="sos@example.org")).user


@pytest.fixture
def outsider(db):
    """Logged-in, but a user of no association and no coordinator."""
    return UserFactory(username="outsider@example.org")


@pytest.fixture
def members_only_document(collections):
    return DocumentFactory(title="Annexe confidentielle", collection=collections.members_only)


@pytest.fixture
def private_content(association_a, association_b, members_only_document):
    """One of everything the extranet shows, each carrying a recognisable ``secret``; ``urls(language)``
    gives (method, url) of every extranet URL in that language (those of association B for its slug)."""
    secret = "Secret-du-collectif-4217"
    minutes = MinutesFactory(meeting__title_fr=f"Plénière {secret}")
    action = FollowUpActionFactory(minutes=minutes, association=association_b, description_fr=f"Relancer {secret}")
    InternalDocumentFactory(title_fr=f"Logos {secret}", document=members_only_document)
    report = AssociationReport.objects.create(
        association=association_b,
        year=2013,
        title_fr=f"Rapport {secret}",
        document=members_only_document,
        visibility=ReportVisibility.MEMBERS,
    )
    slug = association_b.slug

    def urls(language):
        with translation.override(language):
            return [
                ("get", reverse("extranet:dashboard")),
                ("get", reverse("extranet:profile_edit", args=[slug])),
                ("post", reverse("extranet:profile_edit", args=[slug])),
                ("get", reverse("extranet:report_upload", args=[slug])),
                ("post", reverse("extranet:report_upload", args=[slug])),
                ("get", reverse("extranet:report_edit", args=[slug, report.pk])),
                ("post", reverse("extranet:report_edit", args=[slug, report.pk])),
                ("post", reverse("extranet:website_check", args=[slug])),
                ("post", reverse("extranet:action_done", args=[action.pk])),
                ("get", reverse("extranet:meetings")),
                ("get", reverse("extranet:minutes_detail", args=[minutes.pk])),
                ("get", reverse("extranet:minutes_pdf", args=[minutes.pk])),
                ("get", reverse("extranet:meeting_detail", args=[minutes.meeting.pk])),
                ("post", reverse("extranet:meeting_attendance", args=[minutes.meeting.pk, slug])),
                ("get", reverse("extranet:calendar")),
                ("post", reverse("extranet:calendar_reset")),
                ("get", reverse("extranet:documents")),
                ("get", reverse("extranet:document_download", args=[members_only_document.pk])),
                ("get", reverse("extranet:directory")),
            ]

    return SimpleNamespace(
        secret=secret, minutes=minutes, action=action, document=members_only_document, report=report, urls=urls
    )


# --- A local web server for website checks -------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        status = 500 if self.path.startswith("/broken") else 200
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"ok" if status == 200 else b"error")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_http_server(monkeypatch, settings):
    """A web server on 127.0.0.1 (never the internet): /ok answers 200, /broken answers 500."""
    settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS = True
    settings.WEBSITE_CHECK_PORTS = None
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield SimpleNamespace(ok=f"{base}/ok", broken=f"{base}/broken", closed=closed_port_url())
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


# --- Declarations ------------------------------------------------------------------------


@pytest.fixture
def declarations(site_tree, translate):
    """An open declaration and a closed one in the site's declarations index, in French and English."""

    def declaration(title, title_en, slug, **fields):
        page = DeclarationPageFactory(
            parent=site_tree.fr.declarations, title=title, slug=slug, summary="<p>Résumé.</p>", **fields
        )
        return page, translate(page, site_tree.en.locale, title=title_en, slug=slug)

    open_fr, open_en = declaration("Déclaration des Balkans", "Balkans Declaration", "balkans", signatures_open=True)
    closed_fr, closed_en = declaration("Appel de 2010", "Call of 2010", "appel-2010", signatures_open=False)
    return SimpleNamespace(open=open_fr, open_en=open_en, closed=closed_fr, closed_en=closed_en)
