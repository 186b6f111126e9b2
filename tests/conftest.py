"""Fixtures shared by the whole suite: the site's tree in both languages, its content, people.

The test database is built by the migrations (Wagtail's root page and collection, welcome page
and default site, our locales, the moderation workflows and groups are there); fixtures build on that.
"""

import datetime
import itertools
import logging
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site, Workflow

from home.core.caching.generation import invalidate
from home.models import (
    Association,
    AssociationContact,
    CollectiveSettings,
    FormField,
    MembershipStatus,
    ResourceType,
    Signature,
    SignatureKind,
    SignatureStatus,
)

from .factories import (
    AssociationContactFactory,
    AssociationFactory,
    ContactPageFactory,
    DeclarationIndexPageFactory,
    DeclarationPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    IssuingBodyFactory,
    LegalResourcePageFactory,
    LibraryIndexPageFactory,
    MembersIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SignatureFactory,
    StandardPageFactory,
    TopicFactory,
    UserFactory,
    enrol_authenticator_app,
)

# Wagtail logs every page action, django-tasks every index update and the extranet every refused
# access: keep test output readable.
for _noisy in ("wagtail", "django_tasks", "extranet.security"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


@pytest.fixture(autouse=True)
def _emails_through_the_outbox(settings):
    """Django's test set-up puts its locmem backend in EMAIL_BACKEND: the site's is the outbox, which
    delivers to locmem (EMAIL_DELIVERY_BACKEND in the test settings) through the immediate task backend."""
    settings.EMAIL_BACKEND = "home.mail.backends.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: pages cached by an earlier test's data never show."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_cache_off(settings):
    """Every request renders its page (query counts measure the rendering, not the cache)."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def full_rendering(settings):
    """No page cache and no cached fragment: every part of every page is rendered."""
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts in French (the default) whatever the previous one activated."""
    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with the authenticator app the admin requires."""
    enrol_authenticator_app(admin_user)
    return admin_user


@pytest.fixture
def coordinator(db):
    """The collective's coordinator: staff and superuser, with the authenticator app the admin requires."""
    user = UserFactory(username="coordination@example.org", is_staff=True, is_superuser=True)
    enrol_authenticator_app(user)
    return user


@pytest.fixture
def member_client(db):
    """A client logged in as someone (no page cache for them: pages are rendered, fragments reused)."""
    client = Client()
    client.force_login(UserFactory())
    return client


@pytest.fixture
def locales(db):
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return SimpleNamespace(fr=fr, en=en)


@pytest.fixture
def root_page(locales):
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales.fr))
    for child in root.get_children():
        if child.specific_class is Page:  # Wagtail's "Welcome to your new Wagtail site!"
            child.delete()
    return Page.objects.get(pk=root.pk)


def translate_page(page, locale, *, publish=True, **fields):
    """The translation of ``page`` into ``locale`` (parents copied as needed), changed and published."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    revision = translated.save_revision()
    if publish:
        revision.publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def site_tree(root_page, locales):
    """The French tree of the public site, its English translation, the default Site, and the moderation
    workflows the migrations set up (association profiles; pages, from the root)."""
    fr = SimpleNamespace(locale=locales.fr)
    fr.home = HomePageFactory(parent=root_page, title="Accueil", slug="accueil", locale=locales.fr)
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname="testserver", port=80, root_page=fr.home, is_default_site=True, site_name="Contre la traite"
    )
    fr.members = MembersIndexPageFactory(parent=fr.home, title="Nos membres", slug="nos-membres")
    fr.library = LibraryIndexPageFactory(parent=fr.home, title="Droit", slug="droit")
    fr.news = NewsIndexPageFactory(parent=fr.home, title="Actualités", slug="actualites")
    fr.events = EventIndexPageFactory(parent=fr.home, title="Agenda", slug="agenda")
    fr.declarations = DeclarationIndexPageFactory(parent=fr.home, title="Déclarations", slug="declarations")
    fr.standard = StandardPageFactory(parent=fr.home, title="Le collectif", slug="le-collectif", show_in_menus=True)
    fr.contact = ContactPageFactory(
        parent=fr.home,
        title="Contact",
        slug="contact",
        form_fields=[
            FormField(label="Nom", field_type="singleline", required=True, locale=locales.fr, sort_order=0),
            FormField(label="Courriel", field_type="email", required=True, locale=locales.fr, sort_order=1),
            FormField(label="Message", field_type="multiline", required=True, locale=locales.fr, sort_order=2),
        ],
    )

    CollectiveSettings.load()  # created on first use otherwise, which would empty the page cache
    en = SimpleNamespace(locale=locales.en)
    en.home = translate_page(fr.home, locales.en, title="Home", slug="home")
    en.members = translate_page(fr.members, locales.en, title="Our members", slug="our-members")
    en.library = translate_page(fr.library, locales.en, title="Law", slug="law")
    en.news = translate_page(fr.news, locales.en, title="News", slug="news")
    en.events = translate_page(fr.events, locales.en, title="Events", slug="events")
    en.declarations = translate_page(fr.declarations, locales.en, title="Declarations", slug="declarations")
    en.standard = translate_page(fr.standard, locales.en, title="The collective", slug="the-collective")
    en.contact = translate_page(fr.contact, locales.en, title="Contact us", slug="contact")

    workflows = SimpleNamespace(
        # Migration home/0003: a coordination approval of association profiles.
        profiles=Workflow.objects.get(
            workflow_content_types__content_type=ContentType.objects.get_for_model(Association)
        ),
        # Wagtail's migrations: "Moderators approval" of every page, from the root.
        pages=Workflow.objects.get(workflow_pages__page=root_page),
    )
    assert workflows.profiles.tasks.filter(groupapprovaltask__groups__name="Moderators").exists()
    assert (
        workflows.pages.active and workflows.pages.tasks.filter(groupapprovaltask__groups__name="Moderators").exists()
    )
    return SimpleNamespace(fr=fr, en=en, site=site, root=root_page, workflows=workflows)


@pytest.fixture
def translate():
    return translate_page


@pytest.fixture
def content(site_tree, translate):
    """A little of everything, in French and English: associations, a resource, news, an event, a declaration."""
    fr, en = site_tree.fr, site_tree.en
    minors = TopicFactory(slug="mineurs", name_fr="Mineurs", name_en="Minors")
    labour = TopicFactory(
        slug="exploitation-travail", name_fr="Exploitation par le travail", name_en="Labour exploitation"
    )
    coe = IssuingBodyFactory(
        slug="conseil-europe", acronym="CoE", name_fr="Conseil de l'Europe", name_en="Council of Europe"
    )

    ccem = AssociationFactory(
        name="Comité contre l'esclavage moderne", acronym="CCEM", slug="ccem", fields_of_action=[labour]
    )
    ecpat = AssociationFactory(name="ECPAT France", acronym="ECPAT", slug="ecpat-france", fields_of_action=[minors])
    sos = AssociationFactory(
        name="SOS Esclaves",
        acronym="SOS",
        slug="sos-esclaves",
        status=MembershipStatus.OBSERVER,
        fields_of_action=[labour, minors],
    )
    AssociationContactFactory(association=ccem, name="Paul Public", is_public=True)
    AssociationContactFactory(
        association=ccem, name="Jeanne Secrète", email="jeanne.secrete@example.org", is_public=False
    )

    resource = LegalResourcePageFactory(
        parent=fr.library,
        title="Convention du Conseil de l'Europe sur la lutte contre la traite",
        slug="convention-varsovie",
        issuing_body=coe,
        resource_type=ResourceType.CONVENTION,
        topics=[minors, labour],
        languages=["fr", "en"],
    )
    resource_en = translate(
        resource,
        en.locale,
        title="Council of Europe Convention on Action against Trafficking",
        slug="warsaw-convention",
    )
    news = NewsPageFactory(parent=fr.news, title="Réunion du collectif", slug="reunion-du-collectif")
    news_en = translate(news, en.locale, title="Meeting of the collective", slug="meeting-of-the-collective")
    event = EventPageFactory(parent=fr.events, title="Journée européenne", slug="journee-europeenne")
    event_en = translate(event, en.locale, title="European day", slug="european-day")
    declaration = DeclarationPageFactory(
        parent=fr.declarations, title="Déclaration des Balkans", slug="declaration-balkans", carried_by=[ccem, ecpat]
    )
    declaration_en = translate(declaration, en.locale, title="Balkans declaration", slug="balkans-declaration")
    return SimpleNamespace(
        minors=minors,
        labour=labour,
        coe=coe,
        ccem=ccem,
        ecpat=ecpat,
        sos=sos,
        resource=resource,
        resource_en=resource_en,
        news=news,
        news_en=news_en,
        event=event,
        event_en=event_en,
        declaration=declaration,
        declaration_en=declaration_en,
    )


# --- Ten times the demo (query counts) ------------------------------------------------------


def _add_ten_times_the_demo(content, site_tree):
    """≈140 associations, ≈250 legal resources with topics and languages, ≈60 news, ≈30 events, 600 signatures."""
    topics = [content.minors, content.labour] + [TopicFactory() for _ in range(8)]
    bodies = [content.coe] + [IssuingBodyFactory() for _ in range(9)]

    associations = Association.objects.bulk_create(
        AssociationFactory.build(
            status=MembershipStatus.OBSERVER if number % 7 == 0 else MembershipStatus.MEMBER,
        )
        for number in range(137)
    )
    through = Association.fields_of_action.through
    through.objects.bulk_create(
        through(association_id=association.pk, topic_id=topic.pk)
        for association, topic in zip(associations, itertools.cycle(topics), strict=False)
    )
    AssociationContact.objects.bulk_create(
        AssociationContact(association=association, name=f"Contact {association.pk}", is_public=public, sort_order=n)
        for association in associations
        for n, public in enumerate((True, False))
    )

    types = list(ResourceType.values)
    languages = ["fr", "en", "es", "de", "ru"]
    for number in range(250):
        LegalResourcePageFactory(
            parent=site_tree.fr.library,
            title=f"Convention n° {number}" if number % 3 else f"Rapport n° {number}",
            issuing_body=bodies[number % len(bodies)],
            resource_type=types[number % len(types)],
            date=None if number % 11 == 0 else datetime.date(1990 + number % 30, 1 + number % 12, 1),
            topics=[topics[number % len(topics)], topics[(number + 3) % len(topics)]],
            languages=languages[: 1 + number % len(languages)],
            revision=False,
        )
    for number in range(60):
        NewsPageFactory(
            parent=site_tree.fr.news, date=datetime.date(2014, 1, 1) + datetime.timedelta(days=number), revision=False
        )
    now = timezone.now().replace(microsecond=0)
    for number in range(30):
        start = now + datetime.timedelta(days=number - 15)
        EventPageFactory(
            parent=site_tree.fr.events, start=start, end=start + datetime.timedelta(hours=2), revision=False
        )
    Signature.objects.bulk_create(
        SignatureFactory.build(
            declaration=content.declaration,
            first_name=f"Personne {number}",
            last_name="Nom",
            email=f"personne{number}@example.org",
            show_publicly=number % 3 != 0,
            confirmed_at=now - datetime.timedelta(hours=number),
        )
        for number in range(600)
    )
    Signature.objects.bulk_create(
        Signature(
            declaration_key=content.declaration.translation_key,
            kind=SignatureKind.ORGANISATION,
            status=SignatureStatus.CONFIRMED,
            association=association,
            confirmed_at=now,
        )
        for association in associations[:40]
    )
    invalidate()  # bulk inserts send no signal
    return content


@pytest.fixture
def add_ten_times_the_demo(content, site_tree):
    """``add_ten_times_the_demo()`` adds ten times the demo to ``content``, when the test asks for it."""
    return lambda: _add_ten_times_the_demo(content, site_tree)


@pytest.fixture
def ten_times_the_demo(add_ten_times_the_demo):
    return add_ten_times_the_demo()


@pytest.fixture(scope="session")
def s3():
    """A local S3 endpoint (moto's server mode on a loopback port), for this test process."""
    from .s3 import s3_endpoint

    return s3_endpoint()


@pytest.fixture
def s3_media(s3, settings, monkeypatch):
    """Uploaded files go to a new private bucket of the local S3 endpoint, with the settings production
    builds from the same variables (``media_storage()``); Django's storages are rebuilt on the way in
    and out (its ``setting_changed`` handler for ``STORAGES``). Gives (endpoint, bucket)."""
    from site_cms.settings.base import media_storage

    bucket = s3.new_bucket()
    for name, value in {**s3.environment(bucket), "AWS_S3_ADDRESSING_STYLE": "path"}.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}
    return SimpleNamespace(endpoint=s3, bucket=bucket)
