"""Coordinators see, search, filter, export and remove signatures in the Wagtail admin."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from wagtail.models import ModelLogEntry

from extranet.models import Membership
from home.declarations.signing import sign_as_association, signature_count
from home.declarations.wagtail_hooks import SignatureIndexView
from home.models import Signature, SignatureKind, SignatureStatus

from ..factories import DeclarationPageFactory, SignatureFactory, UserFactory, enrol_authenticator_app
from ..html import body, texts

LIST_URL = "signatures:index"


def signature_label(pk) -> str:
    """How the admin (in French, the default) names a signature without naming the signer."""
    with translation.override("fr"):
        return translation.gettext("Signature #%(id)s") % {"id": pk}


@pytest.fixture
def signatures(content, site_tree):
    """Two declarations; Alice (confirmed) and Bruno (pending) on the Balkans one, Chloé on the other."""
    other = DeclarationPageFactory(parent=site_tree.fr.declarations, title="Appel pour les mineurs", slug="appel")
    alice = SignatureFactory(
        declaration=content.declaration, email="alice.martin@example.org", organisation="Paroisse Saint-Paul"
    )
    bruno = SignatureFactory(
        declaration=content.declaration,
        status=SignatureStatus.PENDING,
        first_name="Bruno",
        last_name="Durand",
        email="bruno.durand@example.org",
    )
    chloe = SignatureFactory(
        declaration=other, first_name="Chloé", last_name="Petit", email="chloe.petit@example.org", organisation="Mairie"
    )
    ccem, _created = sign_as_association(declaration=content.declaration, association=content.ccem, user=None)
    return alice, bruno, chloe, ccem, other


def staff_with_permissions(username, *codenames):
    """An admin user (Wagtail admin access) with the given permissions on signatures."""
    group = Group.objects.create(name=f"Group of {username}")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(content_type__app_label="home", codename=codename))
    user = UserFactory(username=username)
    user.groups.add(group)
    enrol_authenticator_app(user)
    return user


def column(header: list[str], field: str) -> int:
    """Where a field is in an export (headings are in the admin's language, French here)."""
    return header.index(capfirst(str(SignatureIndexView.export_headings[field])))


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(body(response).decode())))


def test_coordinators_list_signatures_with_declaration_titles(client, coordinator, signatures):
    alice, bruno, chloe, ccem, other = signatures
    client.force_login(coordinator)
    response = client.get(reverse(LIST_URL))
    html = response.text
    assert response.status_code == 200
    for text in ("alice.martin@example.org", "Bruno Durand", "Chloé Petit", "Comité contre l&#x27;esclavage moderne"):
        assert text in html
    assert "Déclaration des Balkans" in html and "Appel pour les mineurs" in html
    assert str(alice.declaration_key) not in html.replace(f'value="{alice.declaration_key}"', "")


def test_the_list_costs_the_same_queries_whatever_the_number_of_signatures(
    client, coordinator, signatures, content, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get(reverse(LIST_URL))
    for n in range(30):
        SignatureFactory(declaration=content.declaration, email=f"person{n}@example.org")
    sign_as_association(declaration=content.declaration, association=content.ecpat, user=None)
    with django_assert_max_num_queries(25):
        assert client.get(reverse(LIST_URL)).status_code == 200


def test_filter_by_declaration_kind_and_status(client, coordinator, signatures, content):
    alice, bruno, chloe, ccem, other = signatures
    client.force_login(coordinator)

    html = client.get(reverse(LIST_URL), {"declaration_key": str(other.translation_key)}).text
    assert "Chloé Petit" in html and "Alice Martin" not in html and "Bruno Durand" not in html

    html = client.get(reverse(LIST_URL), {"status": SignatureStatus.PENDING}).text
    assert "Bruno Durand" in html and "Alice Martin" not in html and "Chloé Petit" not in html

    html = client.get(reverse(LIST_URL), {"kind": SignatureKind.ORGANISATION}).text
    assert "Comité contre l&#x27;esclavage moderne" in html and "Alice Martin" not in html


@pytest.mark.parametrize("query", ["chloe.petit@", "Petit", "Mairie"])
def test_search_by_name_email_or_organisation(client, coordinator, signatures, query):
    client.force_login(coordinator)
    html = client.get(reverse(LIST_URL), {"q": query}).text
    assert "Chloé Petit" in html
    assert "Alice Martin" not in html and "Bruno Durand" not in html


def test_csv_export_of_a_declaration(client, coordinator, signatures, content):
    client.force_login(coordinator)
    rows = csv_rows(
        client.get(reverse(LIST_URL), {"export": "csv", "declaration_key": str(content.declaration.translation_key)})
    )
    header, *lines = rows
    assert {line[column(header, "email")] for line in lines} == {
        "alice.martin@example.org",
        "bruno.durand@example.org",
        "",  # the CCEM's signature
    }
    assert {line[column(header, "declaration")] for line in lines} == {"Déclaration des Balkans"}
    assert {line[column(header, "status")] for line in lines} == {"Confirmée", "En attente de confirmation"} or len(
        {line[column(header, "status")] for line in lines}
    ) == 2


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("http://evil")', "+33 6 12 34 56 78", "-1+2", "@SUM(A1)", "\tTab", "\rReturn"],
)
def test_csv_export_neutralises_spreadsheet_formulas(client, coordinator, content, typed):
    SignatureFactory(declaration=content.declaration, last_name=typed, organisation=typed)
    client.force_login(coordinator)
    header, line = csv_rows(client.get(reverse(LIST_URL), {"export": "csv"}))
    assert line[column(header, "last_name")] == "'" + typed
    assert line[column(header, "organisation")] == "'" + typed


def test_personal_data_is_hidden_without_the_permission(client, signatures, content):
    """Admin users who may view signatures, but not signers' personal data, see counts and dates only."""
    alice, bruno, chloe, ccem, other = signatures
    editor = staff_with_permissions("editor", "view_signature")
    client.force_login(editor)

    response = client.get(reverse(LIST_URL))
    html = response.text
    assert response.status_code == 200
    assert "Déclaration des Balkans" in html
    assert "Comité contre l&#x27;esclavage moderne" in html  # an association's signature is public
    for personal in ("alice.martin@example.org", "Alice", "Martin", "Bruno", "Chloé", "Paroisse Saint-Paul"):
        assert personal not in html

    # Searching by email would tell whether someone signed: the search is off.
    html = client.get(reverse(LIST_URL), {"q": "chloe.petit@example.org"}).text
    titles = texts(html, "td", class_="title")
    assert signature_label(alice.pk) in titles and signature_label(bruno.pk) in titles  # no search
    assert "Chloé" not in html

    header, *lines = csv_rows(client.get(reverse(LIST_URL), {"export": "csv"}))
    export = "\n".join(",".join(line) for line in [header, *lines])
    assert len(lines) == 4
    for personal in ("alice.martin@example.org", "Martin", "Paroisse Saint-Paul", "Chloé"):
        assert personal not in export


def test_personal_data_is_shown_with_the_permission(client, signatures):
    client.force_login(staff_with_permissions("data-officer", "view_signature", "view_signer_personal_data"))
    html = client.get(reverse(LIST_URL)).text
    assert "alice.martin@example.org" in html and "Chloé Petit" in html
    html = client.get(reverse(LIST_URL), {"q": "chloe.petit@example.org"}).text
    assert "Chloé Petit" in html and "Alice Martin" not in html


def test_deleting_a_spam_signature_is_audit_logged_and_uncounted(client, coordinator, signatures, content):
    alice, *_others = signatures
    assert signature_count(content.declaration) == 2  # Alice and the CCEM; Bruno is pending
    client.force_login(coordinator)
    delete_url = reverse("signatures:delete", args=[alice.pk])

    assert "Alice Martin" in client.get(delete_url).text
    response = client.post(delete_url)

    assert response.status_code == 302
    assert not Signature.objects.filter(pk=alice.pk).exists()
    assert signature_count(content.declaration) == 1
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(alice.pk))
    assert entry.user == coordinator
    assert entry.content_type.model_class() is Signature
    assert entry.data["declaration_key"] == str(content.declaration.translation_key)
    # The audit log keeps who removed which signature, not the signer's personal data.
    assert "Déclaration des Balkans" in entry.label
    assert "Alice" not in entry.label and "alice" not in str(entry.data)


def test_view_only_users_cannot_delete(client, signatures):
    alice, *_others = signatures
    client.force_login(staff_with_permissions("viewer", "view_signature"))
    response = client.post(reverse("signatures:delete", args=[alice.pk]))
    assert response.status_code in (302, 403)
    assert Signature.objects.filter(pk=alice.pk).exists()


def test_signatures_cannot_be_added_or_edited_in_the_admin(coordinator):
    from django.urls import NoReverseMatch

    for name, args in (("signatures:add", []), ("signatures:edit", [1])):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)


def test_admin_users_without_signature_permissions_get_no_access(client, signatures):
    client.force_login(staff_with_permissions("news-editor"))
    response = client.get(reverse(LIST_URL))
    assert response.status_code in (302, 403)
    assert "alice.martin" not in response.text


@pytest.mark.parametrize("params", [{}, {"export": "csv"}])
def test_association_users_never_see_signatures(client, signatures, content, params):
    alice, *_others = signatures
    member = UserFactory(username="ccem-member")
    Membership.objects.create(user=member, association=content.ccem)
    client.force_login(member)

    response = client.get(reverse(LIST_URL), params)
    assert response.status_code in (302, 403)
    assert b"alice.martin" not in body(response)
    response = client.post(reverse("signatures:delete", args=[alice.pk]))
    assert response.status_code in (302, 403)
    assert Signature.objects.filter(pk=alice.pk).exists()


def test_deleting_without_the_personal_data_permission_names_no_one(client, signatures, content):
    alice, *_others = signatures
    client.force_login(staff_with_permissions("moderator", "view_signature", "delete_signature"))

    listing = client.get(reverse(LIST_URL)).text
    assert reverse("signatures:delete", args=[alice.pk]) in listing  # the row's "Delete" button
    assert "Alice" not in listing and "Martin" not in listing  # nor in the buttons' labels
    page = client.get(reverse("signatures:delete", args=[alice.pk])).text
    assert signature_label(alice.pk) in page and "Alice" not in page

    client.post(reverse("signatures:delete", args=[alice.pk]))
    assert not Signature.objects.filter(pk=alice.pk).exists()
    assert ModelLogEntry.objects.filter(action="wagtail.delete", object_id=str(alice.pk)).exists()
