"""Who reaches what: anonymous visitors, outsiders, members of another association."""

import pytest
from django.urls import reverse

from extranet.models import FollowUpAction, WebsiteCheck
from home.models import AssociationReport

from ..factories import DocumentFactory, FollowUpActionFactory, MinutesFactory
from ..files import pdf_bytes
from ..html import body


@pytest.mark.parametrize("language,login_prefix", [("fr", "/fr/comptes/login/"), ("en", "/en/accounts/login/")])
def test_anonymous_visitors_are_sent_to_login_for_every_extranet_url(
    client, private_content, association_b, language, login_prefix
):
    urls = private_content.urls(language)
    assert all(url.startswith(f"/{language}/extranet/") for _method, url in urls)
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(login_prefix), url
        assert "next=" in response["Location"]
        body = response.text
        assert private_content.secret not in body and "Béatrice" not in body and "%PDF" not in body, url
    private_content.action.refresh_from_db()
    assert private_content.action.done_at is None
    assert not WebsiteCheck.objects.exists()


def test_a_user_of_no_association_is_refused_everywhere(client, outsider, private_content, association_b):
    client.force_login(outsider)
    for method, url in private_content.urls("en"):
        response = getattr(client, method)(url)
        assert response.status_code in (403, 404), url
        assert private_content.secret not in response.text


def test_members_only_file_is_not_served_by_wagtail_to_anonymous_visitors(client, members_only_document):
    response = client.get(members_only_document.url)
    assert members_only_document.url.startswith("/documents/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert b"%PDF" not in body(response)


def test_members_only_file_is_not_served_to_a_logged_in_non_member(client, outsider, members_only_document):
    client.force_login(outsider)
    response = client.get(members_only_document.url)
    assert response.status_code in (403, 404)
    assert "%PDF" not in response.text


def test_members_only_file_is_served_to_members_as_a_private_download(client, member_a, members_only_document):
    client.force_login(member_a)
    response = client.get(members_only_document.url, follow=True)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert body(response).startswith(b"%PDF")
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control


def test_extranet_download_is_an_attachment_and_private(client, member_a, members_only_document):
    client.force_login(member_a)
    response = client.get(reverse("extranet:document_download", args=[members_only_document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_extranet_pages_are_never_cached_by_shared_caches(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("extranet:dashboard"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_minutes_annex_outside_the_members_collection_is_still_members_only(client, collections, member_a):
    """A coordinator may upload an annex anywhere: being attached to minutes makes it members-only."""
    from extranet.models import MinutesAnnex

    annex = DocumentFactory(title="Annexe du compte rendu", collection=collections.root)
    MinutesAnnex.objects.create(minutes=MinutesFactory(), title_fr="Annexe", document=annex)
    assert client.get(annex.url).status_code == 302
    client.force_login(member_a)
    assert client.get(annex.url, follow=True).status_code == 200


def test_documents_are_not_reachable_from_a_public_media_url(client, members_only_document):
    response = client.get(f"/media/{members_only_document.file.name}")
    assert response.status_code == 404


# --- A user of association A on the URLs of association B ------------------------------------


def test_member_of_a_cannot_edit_the_profile_of_b(client, member_a, association_b, site_tree):
    client.force_login(member_a)
    url = reverse("extranet:profile_edit", args=[association_b.slug])
    assert client.get(url).status_code == 403
    response = client.post(url, {"description_fr": "Piraté", "summary_fr": "Piraté"})
    assert response.status_code == 403
    association_b.refresh_from_db()
    assert association_b.latest_revision is None
    assert not association_b.revisions.exists()
    assert association_b.current_workflow_state is None
    assert "Piraté" not in association_b.summary_fr


def test_member_of_a_cannot_upload_a_report_for_b(client, member_a, association_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(member_a)
    url = reverse("extranet:report_upload", args=[association_b.slug])
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {"year": 2013, "visibility": "public", "file": SimpleUploadedFile("r.pdf", pdf_bytes(), "application/pdf")},
    )
    assert response.status_code == 403
    assert not AssociationReport.objects.exists()


def test_member_of_a_cannot_check_the_websites_of_b(client, member_a, association_b):
    client.force_login(member_a)
    url = reverse("extranet:website_check", args=[association_b.slug])
    assert client.get(url).status_code in (403, 405)
    assert client.post(url).status_code == 403
    assert not WebsiteCheck.objects.exists()


def test_member_of_a_cannot_mark_an_action_of_b_done(client, member_a, association_b):
    action = FollowUpActionFactory(association=association_b)
    client.force_login(member_a)
    url = reverse("extranet:action_done", args=[action.pk])
    assert client.get(url).status_code in (403, 405)
    assert client.post(url).status_code == 403
    action.refresh_from_db()
    assert action.done_at is None and action.done_by is None


def test_unknown_association_is_a_404(client, member_a):
    client.force_login(member_a)
    assert client.get(reverse("extranet:profile_edit", args=["no-such-association"])).status_code == 404


def test_association_users_have_no_access_to_the_wagtail_admin(client, member_a):
    client.force_login(member_a)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_login"))
    assert client.get("/admin/snippets/home/association/").status_code in (302, 403)


def test_action_done_is_refused_for_actions_concerning_everyone(client, member_a):
    action = FollowUpActionFactory(association=None)
    client.force_login(member_a)
    assert client.post(reverse("extranet:action_done", args=[action.pk])).status_code == 403
    assert FollowUpAction.objects.get(pk=action.pk).done_at is None
