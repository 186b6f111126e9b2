"""Fixtures of the member-area tests.

The suite runs with ``--no-migrations``: what data migrations create (the root page and
collection, the locales, the "Association profile approval" workflow) is created here.
"""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import translation
from wagtail.models import (
    Locale,
    Page,
    Site,
    Workflow,
)

from extranet import services
from home.models import Association, HomePage, MembershipStatus, MembersIndexPage

from ..factories import (
    AssociationContactFactory,
    AssociationFactory,
    DocumentFactory,
    MembershipFactory,
    UserFactory,
    enrol_authenticator_app,
    root_collection,
)

for _noisy in ("wagtail", "django_tasks", "extranet.security"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


# --- Database ------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Uploaded files go to a temporary folder; rate limits and language start afresh."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    translation.activate("fr")
    yield
    cache.clear()
    translation.activate("fr")


# --- Wagtail basics --------------------------------------------------------------


@pytest.fixture
def ext_locales(db):
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return SimpleNamespace(fr=fr, en=en)


@pytest.fixture
def collections(db):
    root = root_collection()
    return SimpleNamespace(root=root, members_only=services.members_only_collection())


@pytest.fixture
def public_site(ext_locales, collections):
    """Home page and "Our members" in French, their English translations, the default Site."""
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=ext_locales.fr))
    for child in root.get_children():
        if child.specific_class is Page:
            child.delete()
    root = Page.objects.get(pk=root.pk)

    home = root.add_child(instance=HomePage(title="Accueil", slug="accueil", locale=ext_locales.fr))
    home.save_revision().publish()
    Site.objects.all().delete()
    site = Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")
    members = home.add_child(instance=MembersIndexPage(title="Nos membres", slug="nos-membres"))
    members.save_revision().publish()

    def translate(page, **fields):
        translated = page.copy_for_translation(ext_locales.en, copy_parents=True)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
        translated.refresh_from_db()
        return translated

    home_en = translate(home, title="Home", slug="home")
    members_en = translate(members, title="Our members", slug="our-members")
    return SimpleNamespace(site=site, home=home, members=members, home_en=home_en, members_en=members_en)


@pytest.fixture
def moderation_workflow(db):
    """The workflow migration home/0003 assigns to association profiles (a coordination approval)."""
    workflow = Workflow.objects.get(workflow_content_types__content_type=ContentType.objects.get_for_model(Association))
    assert workflow.tasks.filter(groupapprovaltask__groups__name="Moderators").exists()
    return workflow


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
def association_a(ext_locales):
    association = AssociationFactory(**PROFILE, name="Comité contre l'esclavage moderne", acronym="CCEM", slug="ccem")
    AssociationContactFactory(association=association, name="Paul Public", is_public=True)
    return association


@pytest.fixture
def association_b(ext_locales):
    association = AssociationFactory(
        **{**PROFILE, "website_fr": "http://127.0.0.1:9/"}, name="ECPAT France", acronym="ECPAT", slug="ecpat-france"
    )
    AssociationContactFactory(association=association, name="Béatrice Interne", email="b.interne@example.org")
    return association


@pytest.fixture
def observer_association(ext_locales):
    import datetime

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
def coordinator(db):
    user = UserFactory(username="coordination@example.org")
    user.is_staff = user.is_superuser = True
    user.save()
    enrol_authenticator_app(user)
    return user


@pytest.fixture
def members_only_document(collections):
    return DocumentFactory(title="Annexe confidentielle", collection=collections.members_only)


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


def publish_translation(page, locale, **fields):
    """The translation of ``page`` into ``locale`` with ``fields`` changed, published."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def declarations(public_site, ext_locales):
    """The declarations index, an open declaration and a closed one, in French and English."""
    from home.models import DeclarationIndexPage, DeclarationPage

    index = public_site.home.add_child(instance=DeclarationIndexPage(title="Déclarations", slug="declarations"))
    index.save_revision().publish()
    index_en = publish_translation(index, ext_locales.en, title="Declarations", slug="declarations")

    def declaration(title, title_en, slug, **fields):
        page = index.add_child(instance=DeclarationPage(title=title, slug=slug, summary="<p>Résumé.</p>", **fields))
        page.save_revision().publish()
        page.refresh_from_db()
        return page, publish_translation(page, ext_locales.en, title=title_en, slug=slug)

    open_fr, open_en = declaration("Déclaration des Balkans", "Balkans Declaration", "balkans", signatures_open=True)
    closed_fr, closed_en = declaration("Appel de 2010", "Call of 2010", "appel-2010", signatures_open=False)
    return SimpleNamespace(
        index=index, index_en=index_en, open=open_fr, open_en=open_en, closed=closed_fr, closed_en=closed_en
    )


@pytest.fixture
def page_moderation_workflow(db):
    """The "Moderators approval" workflow Wagtail's migrations assign to the root page."""
    root = Page.get_first_root_node()
    workflow = Workflow.objects.get(workflow_pages__page=root)
    assert workflow.active and workflow.tasks.filter(groupapprovaltask__groups__name="Moderators").exists()
    return workflow
