"""A report's title in both languages: given at upload, corrected by the association through moderation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from home.models import AssociationReport

from ..factories import DocumentFactory
from ..files import pdf_bytes
from ..html import element, elements, text

LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def report(association_a, collections):
    return AssociationReport.objects.create(
        association=association_a, year=LAST_YEAR, title_fr="Rapport d'activité", document=DocumentFactory()
    )


def edit_url(association, report):
    return reverse("extranet:report_edit", args=[association.slug, report.pk])


def approve(report, user, action="approve"):
    report.refresh_from_db()
    task_state = report.current_workflow_state.current_task_state
    report.current_workflow_task.on_action(task_state, user, action)
    report.refresh_from_db()


def public_report_title(client, association, language="en"):
    url = f"/en/our-members/{association.slug}/" if language == "en" else f"/fr/nos-membres/{association.slug}/"
    item = element(client.get(url).text, "ul", **{"class": "document-list"})
    return element(item, "span", **{"class": "document-link__title"}), item


def test_the_upload_form_has_both_titles_side_by_side(client, member_a, association_a, collections):
    client.force_login(member_a)
    url = reverse("extranet:report_upload", args=[association_a.slug])
    page = client.get(url).text
    pair = element(page, "div", **{"class": "side-by-side"})
    assert elements(element(pair, "div", lang="fr"), "input", name="title_fr")
    assert elements(element(pair, "div", lang="en"), "input", name="title_en")
    upload = SimpleUploadedFile("rapport.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(
        url,
        {
            "year": LAST_YEAR,
            "visibility": "public",
            "title_fr": "Rapport 2025",
            "title_en": "2025 report",
            "file": upload,
        },
    )
    assert response.status_code == 302
    stored = AssociationReport.objects.get()
    assert (stored.title_fr, stored.title_en) == ("Rapport 2025", "2025 report")


def test_the_english_profile_marks_a_french_only_report_title(client, site_tree, report, association_a):
    title, item = public_report_title(client, association_a, "en")
    assert text(title) == "Rapport d'activité"
    assert title.get("lang") == "fr"
    assert "in French only" in text(item)
    french, _item = public_report_title(client, association_a, "fr")
    assert text(french) == "Rapport d'activité" and french.get("lang") is None


def test_a_members_english_title_goes_live_only_once_approved(
    client, site_tree, member_a, association_a, report, coordinator
):
    client.force_login(member_a)
    page = client.get(edit_url(association_a, report)).text
    assert element(page, "input", name="title_fr").get("value") == "Rapport d'activité"

    response = client.post(
        edit_url(association_a, report), {"title_fr": "Rapport d'activité", "title_en": "Activity report"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title_en == ""  # the published version is unchanged
    assert report.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    anonymous = client.__class__()
    title, _item = public_report_title(anonymous, association_a, "en")
    assert text(title) == "Rapport d'activité"
    assert "Changes awaiting approval" in client.get("/en/extranet/").text
    # The form shows what was sent, not the published version.
    assert element(client.get(edit_url(association_a, report)).text, "input", name="title_en").get("value") == (
        "Activity report"
    )

    approve(report, coordinator)
    assert report.title_en == "Activity report" and not report.has_unpublished_changes
    title, item = public_report_title(anonymous, association_a, "en")
    assert text(title) == "Activity report" and title.get("lang") is None
    assert "in French only" not in text(item)


def test_a_rejected_title_stays_unpublished(client, site_tree, member_a, association_a, report, coordinator):
    client.force_login(member_a)
    client.post(edit_url(association_a, report), {"title_fr": "Rapport modifié", "title_en": "Changed report"})
    approve(report, coordinator, "reject")
    report.refresh_from_db()
    assert (report.title_fr, report.title_en) == ("Rapport d'activité", "")
    title, _item = public_report_title(client.__class__(), association_a, "fr")
    assert text(title) == "Rapport d'activité"


def test_a_title_too_long_is_refused_next_to_its_field(client, member_a, association_a, report):
    client.force_login(member_a)
    response = client.post(edit_url(association_a, report), {"title_fr": "x" * 300, "title_en": ""})
    assert response.status_code == 200
    errors = elements(response.text, "ul", **{"class": "field__errors"})
    assert errors and "255" in text(errors[0])
    assert not report.revisions.exists()


def test_members_of_another_association_cannot_edit_its_report(client, member_b, association_a, association_b, report):
    client.force_login(member_b)
    assert client.get(edit_url(association_a, report)).status_code == 403
    assert client.post(edit_url(association_a, report), {"title_fr": "Piraté", "title_en": "Hacked"}).status_code == 403
    # Nor through their own association's address.
    assert client.post(edit_url(association_b, report), {"title_fr": "Piraté", "title_en": "Hacked"}).status_code == 404
    report.refresh_from_db()
    assert not report.revisions.exists() and report.title_fr == "Rapport d'activité"


def test_anonymous_visitors_are_sent_to_the_login_page(client, association_a, report):
    response = client.get(edit_url(association_a, report))
    assert response.status_code == 302 and "login" in response["Location"]
