"""load_demo_content fills a fresh database with the seed's content, and can run twice."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Locale, Page, ReferenceIndex, Revision, Site

from extranet.models import FollowUpAction, Meeting, Membership, Minutes
from extranet.permissions import is_members_only
from home.demo.associations import ASSOCIATIONS
from home.demo.scale import SIGNATURES_PER_STEP
from home.models import (
    Association,
    AssociationContact,
    AssociationReport,
    DeclarationPage,
    EventPage,
    LegalResourcePage,
    MembershipStatus,
    NewsPage,
    Signature,
)

DEMO_PASSWORD = "demo-collectif-2014"
DEMO_ACCOUNTS = [
    "coordination@example.org",
    "ccem@example.org",
    "ecpat@example.org",
    "sos-esclaves@example.org",
]


@pytest.fixture
def migrated_database(db):
    """A new database as the migrations leave it: Wagtail's welcome page is the site's root."""
    assert Site.objects.get(is_default_site=True).root_page.title.startswith("Welcome")
    return db


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "associations": Association.objects.count(),
        "resources": LegalResourcePage.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "meetings": Meeting.objects.count(),
        "minutes": Minutes.objects.count(),
        "actions": FollowUpAction.objects.count(),
        "documents": Document.objects.count(),
    }


def test_demo_content_is_idempotent(migrated_database):
    call_command("load_demo_content")
    first = _counts()
    call_command("load_demo_content")

    assert _counts() == first


def test_demo_content_has_the_seed(migrated_database, locales):
    call_command("load_demo_content")

    assert LegalResourcePage.objects.filter(locale=locales.fr).live().count() >= 20
    assert LegalResourcePage.objects.filter(locale=locales.en).live().count() >= 20
    assert Association.objects.filter(live=True).count() == 14
    sos = Association.objects.get(name__icontains="SOS Esclaves")
    assert sos.status == MembershipStatus.OBSERVER
    assert Association.objects.filter(status=MembershipStatus.OBSERVER).count() == 1


def test_demo_reports_have_their_titles_in_both_languages(client, migrated_database):
    call_command("load_demo_content")
    report = AssociationReport.objects.get(association__slug="ccem", year=2013)
    assert (report.title_fr, report.title_en) == ("Rapport d'activité 2013", "2013 activity report")
    assert report.document.file.read().startswith(b"%PDF")
    assert "2013 activity report" in client.get("/en/our-members/ccem/").text
    assert "Rapport d&#x27;activité 2013" in client.get("/fr/nos-membres/ccem/").text


def test_demo_accounts_can_log_in(migrated_database):
    call_command("load_demo_content")

    for email in DEMO_ACCOUNTS:
        assert authenticate(None, email=email, password=DEMO_PASSWORD) is not None, email


def test_demo_site_serves_both_languages(client, migrated_database):
    call_command("load_demo_content")

    assert client.get("/fr/").status_code == 200
    assert client.get("/en/").status_code == 200


def test_demo_content_has_the_minutes_of_29_september_2014(migrated_database):
    call_command("load_demo_content")

    minutes = Minutes.objects.get(meeting__starts_at__date="2014-09-29")
    assert minutes.is_published
    assert minutes.items.count() == 9  # the nine points of the agenda
    assert minutes.participants.filter(association__slug="sos-esclaves").exists()
    actions = minutes.actions.all()
    assert actions.filter(association__slug="ccem").exists()  # the Balkans declaration documents
    assert actions.filter(association__isnull=True).exists()  # what every association owes
    assert all(is_members_only(annex.document) for annex in minutes.annexes.all())
    # The meetings the minutes announce, and one still to come for the dashboards.
    starts = {meeting.starts_at.date().isoformat() for meeting in Meeting.objects.all()}
    assert {"2014-10-23", "2014-11-07", "2015-01-20"} <= starts
    assert Meeting.objects.filter(starts_at__gte=timezone.now()).exists()


def test_demo_accounts_belong_to_their_associations(client, migrated_database):
    call_command("load_demo_content")

    memberships = dict(Membership.objects.values_list("user__email", "association__slug"))
    assert memberships["ccem@example.org"] == "ccem"
    assert memberships["ecpat@example.org"] == "ecpat-france"
    assert memberships["sos-esclaves@example.org"] == "sos-esclaves"
    assert client.login(username="sos-esclaves@example.org", password=DEMO_PASSWORD)
    dashboard = client.get("/en/extranet/")
    assert dashboard.status_code == 200
    assert "SOS Esclaves" in dashboard.text
    coordinator = get_user_model().objects.get(email="coordination@example.org")
    assert coordinator.is_superuser


def test_the_privacy_page_is_linked_from_every_footer_in_both_languages(client, migrated_database):
    call_command("load_demo_content")

    french = client.get("/fr/").text
    english = client.get("/en/").text
    assert 'href="/fr/donnees-personnelles/"' in french
    assert 'href="/en/privacy/"' in english
    privacy = client.get("/en/privacy/").text
    assert "anonymised after 3 years" in privacy


def _scaled_counts():
    return {
        "associations": Association.objects.filter(live=True).count(),
        "contacts": AssociationContact.objects.count(),
        "resources (fr)": LegalResourcePage.objects.live().filter(locale__language_code="fr").count(),
        "resources (en)": LegalResourcePage.objects.live().filter(locale__language_code="en").count(),
        "news (fr)": NewsPage.objects.live().filter(locale__language_code="fr").count(),
        "news (en)": NewsPage.objects.live().filter(locale__language_code="en").count(),
        "events (fr)": EventPage.objects.live().filter(locale__language_code="fr").count(),
        "events (en)": EventPage.objects.live().filter(locale__language_code="en").count(),
        "confirmed signatures": Signature.objects.confirmed().count(),
        "public signatures": Signature.objects.shown_publicly().count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_scaled_demo_content_doubles_the_demo_once(client, migrated_database):
    call_command("load_demo_content")
    demo = _scaled_counts()

    call_command("load_demo_content", scale=2)
    scaled = _scaled_counts()
    call_command("load_demo_content", scale=2)

    assert _scaled_counts() == scaled  # a second run adds nothing, not even a revision
    for label in ("associations", "contacts", "resources (fr)", "news (fr)", "events (fr)"):
        assert scaled[label] == 2 * demo[label], label
    for kind in ("resources", "news", "events"):
        assert scaled[f"{kind} (en)"] == scaled[f"{kind} (fr)"], kind  # every copy is translated
    assert scaled["confirmed signatures"] >= demo["confirmed signatures"] + SIGNATURES_PER_STEP
    assert 0 < scaled["public signatures"] < scaled["confirmed signatures"]

    copy = LegalResourcePage.objects.get(slug="protocole-de-palerme-2")
    english = copy.get_translation(Locale.objects.get(language_code="en"))
    assert english.title.endswith("(copy no. 2)")
    assert english.slug == "palermo-protocol-2"
    assert copy.topics.count() >= 1 and copy.languages.count() >= 1
    declaration = DeclarationPage.objects.live().get(locale__language_code="fr")
    urls = [
        "/fr/",
        "/en/",
        "/fr/nos-membres/",
        "/fr/nos-membres/ccem-2/",
        "/en/our-members/ccem-2/",
        "/fr/droit/?q=exemplaire",
        "/fr/droit/?topic=minors&type=convention",
        copy.url,
        english.url,
        "/fr/actualites/",
        "/fr/agenda/",
        declaration.url,
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    library = client.get("/fr/droit/?q=exemplaire").text
    assert "(exemplaire n° 2)" in library  # the copies are in the search index


def test_demo_contacts_keep_the_order_of_the_data(migrated_database):
    """Contacts get a sort order, as the admin's form gives them: without one their order, and so
    whether a second load sees a change, would be left to the database."""
    call_command("load_demo_content")

    for data in ASSOCIATIONS:
        contacts = AssociationContact.objects.filter(association__slug=data["slug"]).order_by("sort_order")
        assert [contact.sort_order for contact in contacts] == list(range(len(data["contacts"])))
        assert [contact.name for contact in contacts] == [contact["name"] for contact in data["contacts"]]


def test_every_document_the_demos_public_pages_link_is_downloadable_anonymously(migrated_database, client):
    """The demo's public reports, and whatever its live pages link, stay public; the rest does not leak."""
    call_command("load_demo_content")

    public_reports = AssociationReport.objects.filter(visibility="public", live=True)
    assert public_reports.exists()
    linked_by_pages = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Document),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in Page.objects.live().values_list("pk", flat=True)],
    ).values_list("to_object_id", flat=True)
    public_ids = {*public_reports.values_list("document_id", flat=True), *map(int, linked_by_pages)}
    for document in Document.objects.filter(pk__in=public_ids):
        response = client.get(document.url)
        assert response.status_code == 200, document.title
    for document in Document.objects.exclude(pk__in=public_ids):
        assert client.get(document.url).status_code in (302, 404), document.title
    profile = client.get(f"/fr/nos-membres/{public_reports.first().association.slug}/").text
    assert public_reports.first().document.url in profile
