"""The "Our members" directory: filters by status and field of action, counts, and private contacts."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from home.directory.pages import association_profile
from home.directory.queries import live_association, member_directory
from home.models import Association

from ..factories import AssociationContactFactory


def _names(directory):
    return sorted(association.name for association in directory.associations)


def test_directory_lists_every_live_association(content):
    content.ecpat.live = False
    content.ecpat.save()

    directory = member_directory(QueryDict())

    assert _names(directory) == ["Comité contre l'esclavage moderne", "SOS Esclaves"]
    assert directory.is_filtered is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=observer", ["SOS Esclaves"]),
        ("status=member", ["Comité contre l'esclavage moderne", "ECPAT France"]),
        ("field=mineurs", ["ECPAT France", "SOS Esclaves"]),
        ("field=exploitation-travail", ["Comité contre l'esclavage moderne", "SOS Esclaves"]),
        ("status=member&field=mineurs", ["ECPAT France"]),
        ("status=observer&field=exploitation-travail", ["SOS Esclaves"]),
        ("status=nonsense", ["Comité contre l'esclavage moderne", "ECPAT France", "SOS Esclaves"]),
    ],
)
def test_directory_filters(content, query, expected):
    directory = member_directory(QueryDict(query))

    assert _names(directory) == expected


def test_unknown_status_is_ignored(content):
    directory = member_directory(QueryDict("status=nonsense"))

    assert directory.selected_status == ""
    assert directory.is_filtered is False


def test_field_of_action_counts_live_associations_once(content):
    content.ecpat.live = False
    content.ecpat.save()

    counts = {topic.slug: topic.n for topic in member_directory(QueryDict()).fields_of_action}

    assert counts == {"mineurs": 1, "exploitation-travail": 2}


def test_directory_page_filters_by_status_and_field(client, content):
    observers = client.get("/fr/nos-membres/", {"status": "observer"})
    combined = client.get("/en/our-members/", {"status": "member", "field": "mineurs"})

    assert observers.status_code == 200
    assert "SOS Esclaves" in observers.text
    assert "ECPAT France" not in observers.text
    assert combined.status_code == 200
    assert "ECPAT France" in combined.text
    assert "SOS Esclaves" not in combined.text
    assert "Comité contre" not in combined.text


def test_directory_page_shows_field_counts(client, content):
    response = client.get("/fr/nos-membres/")

    assert response.status_code == 200
    assert "Exploitation par le travail" in response.text
    assert "Mineurs" in response.text


def test_private_contact_never_reaches_public_pages(client, content):
    secret = "Jeanne Secrète"
    secret_email = "jeanne.secrete@example.org"

    pages = [
        client.get("/fr/nos-membres/"),
        client.get("/en/our-members/"),
        client.get("/fr/nos-membres/ccem/"),
        client.get("/en/our-members/ccem/"),
        client.get(reverse("search"), {"q": "CCEM"}),
        client.get(reverse("search"), {"q": "Jeanne"}),
    ]

    for response in pages:
        assert response.status_code == 200
        assert secret not in response.text
        assert secret_email not in response.text
    assert "Paul Public" in pages[2].text


def test_profile_gives_only_public_contacts(content):
    AssociationContactFactory(association=content.ecpat, name="Autre secret", is_public=False)

    profile = association_profile(live_association("ccem"))

    assert [contact.name for contact in profile.public_contacts] == ["Paul Public"]
    assert association_profile(live_association("ecpat-france")).public_contacts == []


def test_profile_lists_declarations_carried_in_the_active_language(content):
    from django.utils import translation

    with translation.override("en"):
        profile = association_profile(live_association("ecpat-france"))

    assert [page.pk for page in profile.carried_declarations] == [content.declaration_en.pk]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_members_index_renders(client, content, site_tree, language):
    response = client.get(getattr(site_tree, language).members.url)

    assert response.status_code == 200
    assert "ECPAT France" in response.text
    assert "SOS Esclaves" in response.text


def test_members_directory_does_not_query_per_association(client, ten_times_the_demo, site_tree, full_rendering):
    """The directory's queries do not depend on the number of associations (no N+1)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(site_tree.fr.members.url)  # warm the per-process caches (content types, locales)
    with CaptureQueriesContext(connection) as many:
        client.get(site_tree.fr.members.url)
    Association.objects.exclude(slug__in=["ccem", "ecpat-france", "sos-esclaves"]).delete()
    client.get(site_tree.fr.members.url)  # the deletion started a new content generation: read it again
    with CaptureQueriesContext(connection) as few:
        client.get(site_tree.fr.members.url)

    assert len(many) == len(few)
