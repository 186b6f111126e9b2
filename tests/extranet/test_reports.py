"""Yearly reports: type read from the content, size and year checked, visibility respected."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import WorkflowState

from home.models import AssociationReport

from ..files import docx_bytes, odt_bytes, pdf_bytes
from ..html import body

Document = get_document_model()
LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def upload_url(client, member_a, association_a, collections):
    client.force_login(member_a)
    with translation.override("en"):
        return reverse("extranet:report_upload", args=[association_a.slug])


def post_report(client, url, content, name="report.pdf", year=LAST_YEAR, visibility="public"):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(url, {"year": year, "visibility": visibility, "title": "", "file": upload})


@pytest.mark.parametrize(
    "name,content,kind",
    [("rapport.pdf", pdf_bytes(), "pdf"), ("rapport.docx", docx_bytes(), "docx"), ("rapport.odt", odt_bytes(), "odt")],
)
def test_valid_reports_are_stored(client, upload_url, association_a, name, content, kind):
    response = post_report(client, upload_url, content, name=name)
    assert response.status_code == 302
    report = AssociationReport.objects.get(association=association_a)
    assert report.year == LAST_YEAR
    assert report.document.file_extension == kind
    assert report.document.file.read() == content


def test_stored_name_follows_the_content_not_the_uploaded_name(client, upload_url, association_a):
    """A real PDF sent as "rapport.html" is stored as a .pdf: never served with an HTML type."""
    assert post_report(client, upload_url, pdf_bytes(), name="rapport.html").status_code == 302
    document = AssociationReport.objects.get().document
    assert document.file_extension == "pdf"
    assert document.content_type == "application/pdf"


def field_errors(response, field="file"):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def assert_nothing_saved():
    assert not AssociationReport.objects.exists()
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("report.pdf", b"<html><body><script>alert(1)</script></body></html>", "not an accepted document"),
        ("report.docx", docx_bytes(macros=True), "not an accepted document"),
        ("report.pdf", b"", "empty"),
        ("report.pdf", b"PK\x03\x04 not really a zip", "not an accepted document"),
    ],
    ids=["html-named-pdf", "macro-docx", "empty", "broken-zip"],
)
def test_bad_files_are_refused_next_to_the_field(client, upload_url, name, content, message):
    response = post_report(client, upload_url, content, name=name)
    assert response.status_code == 200
    errors = field_errors(response)
    assert errors and message in errors[0]
    body = response.text
    assert errors[0].split("(")[0].split(":")[0] in body.replace("&#x27;", "'")
    assert_nothing_saved()


def test_oversized_file_is_refused(client, upload_url, monkeypatch):
    monkeypatch.setattr("home.core.uploads.MAX_DOCUMENT_SIZE", 1000)
    response = post_report(client, upload_url, pdf_bytes() + b"0" * 2000)
    assert response.status_code == 200
    assert "too large" in field_errors(response)[0]
    assert_nothing_saved()


@pytest.mark.parametrize("year", [timezone.localdate().year + 1, 1800, "abc", ""])
def test_wrong_years_are_refused(client, upload_url, year):
    response = post_report(client, upload_url, pdf_bytes(), year=year)
    assert response.status_code == 200
    assert field_errors(response, "year")
    assert "year" in response.text.lower() or "number" in response.text.lower()
    assert_nothing_saved()


def test_the_french_form_answers_in_french_when_translated(client, member_a, association_a, collections):
    """The error is Django-translated; French only once locale/fr has the message."""
    client.force_login(member_a)
    url = reverse("extranet:report_upload", args=[association_a.slug])
    response = post_report(client, url, b"<html></html>")
    errors = field_errors(response)
    with translation.override("fr"):
        from django.utils.translation import gettext

        expected = gettext("This file is not an accepted document. Accepted formats: %(formats)s.")
    assert errors[0].startswith(expected.split("%")[0])
    assert_nothing_saved()


def approve(report, user, action="approve"):
    """What a coordinator's click on "Approve" (or "Request changes") does in the admin."""
    report.refresh_from_db()
    task_state = report.current_workflow_state.current_task_state
    report.current_workflow_task.on_action(task_state, user, action)
    report.refresh_from_db()


def test_public_report_is_on_the_public_page_once_approved_and_members_only_one_never(
    client, site_tree, upload_url, association_a, member_b, coordinator
):
    post_report(client, upload_url, pdf_bytes(), name="public.pdf", year=LAST_YEAR, visibility="public")
    internal = docx_bytes()
    post_report(client, upload_url, internal, name="interne.docx", year=LAST_YEAR - 1, visibility="members")
    public_report = AssociationReport.objects.get(visibility="public")
    private_report = AssociationReport.objects.get(visibility="members")
    approve(public_report, coordinator)

    anonymous = client.__class__()
    for url in (f"/fr/nos-membres/{association_a.slug}/", f"/en/our-members/{association_a.slug}/"):
        page = anonymous.get(url).text
        assert public_report.document.url in page
        assert private_report.document.url not in page
        assert str(LAST_YEAR - 1) not in page

    # The public file is public; the members-only one is served to members only.
    assert anonymous.get(public_report.document.url).status_code == 200
    refused = anonymous.get(private_report.document.url)
    assert refused.status_code == 302 and "/login/" in refused["Location"]
    anonymous.force_login(member_b)
    served = anonymous.get(private_report.document.url, follow=True)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert body(served) == internal


def test_a_members_only_report_needs_no_moderation(client, upload_url, association_a):
    post_report(client, upload_url, docx_bytes(), name="interne.docx", visibility="members")
    report = AssociationReport.objects.get()
    assert report.live and report.current_workflow_state is None
    assert "The report was added." in client.get(reverse("extranet:dashboard")).text


def test_a_new_public_report_waits_for_a_coordinators_approval(
    client, site_tree, upload_url, association_a, member_a, member_b, coordinator
):
    response = post_report(client, upload_url, pdf_bytes(), name="public.pdf", visibility="public")
    assert response.status_code == 302
    report = AssociationReport.objects.get()
    assert not report.live
    assert report.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # The member is told, on the dashboard and the upload page.
    dashboard = client.get(reverse("extranet:dashboard")).text
    assert "it will be on the public profile once approved" in dashboard
    assert "Awaiting approval: not on the public profile yet" in dashboard
    assert "Awaiting approval: not on the public profile yet" in client.get(upload_url).text
    # Its document is the association's (and the coordinators'), not the public's nor another association's.
    assert client.get(report.document.url, follow=True).status_code == 200
    anonymous = client.__class__()
    profile = f"/en/our-members/{association_a.slug}/"
    assert report.document.url not in anonymous.get(profile).text
    refused = anonymous.get(report.document.url)
    assert refused.status_code == 302 and "/login/" in refused["Location"]
    other = client.__class__()
    other.force_login(member_b)
    assert other.get(report.document.url).status_code == 404
    assert other.get(reverse("extranet:document_download", args=[report.document.pk])).status_code == 404

    # The coordinator finds it to moderate in the admin.
    admin = client.__class__()
    admin.force_login(coordinator)
    awaiting = admin.get(reverse("wagtailadmin_home")).text
    assert reverse("wagtailsnippets_home_associationreport:edit", args=[report.pk]) in awaiting

    approve(report, coordinator)
    assert report.live
    assert report.document.url in anonymous.get(profile).text
    assert anonymous.get(report.document.url).status_code == 200
    assert "Awaiting approval" not in client.get(reverse("extranet:dashboard")).text


def test_a_public_report_sent_back_stays_off_the_profile(client, site_tree, upload_url, association_a, coordinator):
    post_report(client, upload_url, pdf_bytes(), visibility="public")
    report = AssociationReport.objects.get()
    approve(report, coordinator, "reject")
    assert not report.live
    anonymous = client.__class__()
    assert report.document.url not in anonymous.get(f"/fr/nos-membres/{association_a.slug}/").text
    assert anonymous.get(report.document.url).status_code == 302


def test_report_is_listed_on_the_dashboard(client, upload_url, association_a):
    post_report(client, upload_url, pdf_bytes(), visibility="members")
    dashboard = client.get(reverse("extranet:dashboard")).text
    assert str(LAST_YEAR) in dashboard
