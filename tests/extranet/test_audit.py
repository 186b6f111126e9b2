"""Audit: logins by user id only, and a Wagtail log entry for each change made from the extranet."""

import logging

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from extranet.models import FollowUpAction
from extranet.services import meetings, reports
from extranet.services.declarations import sign_for_association
from home.directory.models import ReportVisibility

from ..factories import FollowUpActionFactory
from ..files import pdf_bytes


def _entries(instance, action):
    return ModelLogEntry.objects.for_instance(instance).filter(action=action)


def test_marking_an_action_done_is_logged_with_the_user(client, member_a, association_a):
    action = FollowUpActionFactory(association=association_a)
    client.force_login(member_a)

    client.post(reverse("extranet:action_done", args=[action.pk]))

    assert _entries(action, "extranet.action_done").get().user_id == member_a.pk


def test_an_action_done_stays_done_by_whoever_did_it_first(member_a, member_b, association_a):
    """The view finds open actions only; the service does not mark one done twice either."""
    action = FollowUpActionFactory(association=association_a)
    meetings.mark_action_done(action=action, user=member_a)
    done_at = FollowUpAction.objects.get(pk=action.pk).done_at

    meetings.mark_action_done(action=FollowUpAction.objects.get(pk=action.pk), user=member_b)

    action.refresh_from_db()
    assert (action.done_by, action.done_at) == (member_a, done_at)
    assert _entries(action, "extranet.action_done").get().user_id == member_a.pk


def test_uploading_a_report_is_logged_with_the_user(member_a, association_a, collections):
    upload = SimpleUploadedFile("report.pdf", pdf_bytes(), content_type="application/pdf")

    report = reports.upload_report(
        association=association_a, user=member_a, year=2025, visibility=ReportVisibility.PUBLIC, uploaded_file=upload
    )

    assert _entries(report, "extranet.report_upload").get().user_id == member_a.pk


def test_signing_for_an_association_is_logged_once(member_a, association_a, declarations):
    declaration = declarations.open

    signature, _ = sign_for_association(declaration=declaration, association=association_a, user=member_a)
    sign_for_association(declaration=declaration, association=association_a, user=member_a)

    assert _entries(signature, "extranet.association_sign").get().user_id == member_a.pk


def test_logins_and_failed_logins_are_audited_by_user_id_only(client, member_a, caplog):
    caplog.set_level(logging.INFO, logger="audit")

    client.post(reverse("account_login"), {"login": member_a.email, "password": "not the password"})
    client.force_login(member_a)

    lines = [record.getMessage() for record in caplog.records if record.name == "audit"]
    assert "login failed" in lines
    assert f"login: user {member_a.pk}" in lines
    assert not any(member_a.email in line or member_a.username in line for line in lines)
