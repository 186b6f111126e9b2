"""The outbox: every email is queued, delivered by a task, retried with backoff, never sent twice."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from home.mail import outbox
from home.mail.models import EmailStatus, OutgoingEmail

from ..factories import UserFactory

FAILING = "tests.mail.test_outbox.MailServerDown"


class MailServerDown(BaseEmailBackend):
    """A delivery backend whose mail server refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def queue_one(**kwargs) -> OutgoingEmail:
    send_mail("Bonjour", "Le texte.", None, ["alice@example.org"], **kwargs)
    return OutgoingEmail.objects.get()


# --- Queued, then delivered -----------------------------------------------------------------------


def test_every_email_is_a_row_of_the_outbox_delivered_by_the_task(db):
    message = EmailMultiAlternatives(
        "Objet", "Texte", "from@example.org", ["alice@example.org"], cc=["bob@example.org"]
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    message.attach("note.txt", "pièce jointe", "text/plain")
    message.send()

    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.SENT
    assert email.recipients == "alice@example.org, bob@example.org"
    assert email.attempts == 1
    assert email.message == {}, "the message (its links) is not kept once sent"
    [delivered] = mail.outbox
    assert (delivered.subject, delivered.body, delivered.to, delivered.cc) == (
        "Objet",
        "Texte",
        ["alice@example.org"],
        ["bob@example.org"],
    )
    assert delivered.alternatives[0].content == "<p>Texte</p>"
    assert delivered.attachments[0][:2] == ("note.txt", "pièce jointe")
    assert f".{email.key}@example.org>" in delivered.extra_headers["Message-ID"], "one Message-ID per email"


def test_a_message_survives_the_round_trip_through_json(db):
    message = EmailMultiAlternatives(
        "Sujet", "Corps", "a@example.org", ["b@example.org"], bcc=["c@example.org"], reply_to=["r@example.org"]
    )
    message.attach("data.bin", b"\x00\xff", "application/octet-stream")
    again = outbox.deserialize(outbox.serialize(message))
    assert again.recipients() == ["b@example.org", "c@example.org"]
    assert again.reply_to == ["r@example.org"]
    assert again.attachments[0][1] == b"\x00\xff"


# --- Failures: retried with backoff, then failed, with the reason ---------------------------------------


@override_settings(EMAIL_DELIVERY_BACKEND=FAILING)
def test_a_failed_send_is_kept_with_its_reason_and_retried_later(db):
    before = timezone.now()
    email = queue_one()
    email.refresh_from_db()

    assert email.status == EmailStatus.RETRYING
    assert email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert email.next_attempt_at >= before + datetime.timedelta(seconds=60)
    assert email.message["body"] == "Le texte.", "kept for the next attempt"
    assert mail.outbox == []


@override_settings(EMAIL_DELIVERY_BACKEND=FAILING)
def test_retries_go_on_for_at_least_a_day_then_the_email_is_failed(db):
    """Each attempt at the time the previous failure set: the email is failed only a day after it was queued."""
    email = queue_one()
    email.refresh_from_db()
    queued_at = email.created_at
    attempts = [email.next_attempt_at]
    while email.status == EmailStatus.RETRYING:
        with mock.patch("home.mail.outbox.timezone.now", return_value=email.next_attempt_at):
            outbox.deliver(email.pk)
        email.refresh_from_db()
        attempts.append(email.next_attempt_at)
        assert email.attempts < 30, "backoff: a handful of attempts a day, not a loop"

    assert email.status == EmailStatus.FAILED
    last_attempt = attempts[-2]
    assert last_attempt - queued_at >= datetime.timedelta(hours=24)
    gaps = [later - earlier for earlier, later in zip(attempts[:-2], attempts[1:-1], strict=True)]
    assert gaps == sorted(gaps), "the wait grows, then stays"


def test_nothing_is_sent_again_once_failed_unless_a_coordinator_decides(db):
    with override_settings(EMAIL_DELIVERY_BACKEND=FAILING):
        email = queue_one()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED, next_attempt_at=None)

    assert outbox.deliver(email.pk) == "skipped"
    call_command("send_queued_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert mail.outbox == []


# --- Idempotency: one delivery per email, whatever runs twice ------------------------------------


def test_a_second_task_for_the_same_email_sends_nothing(db):
    email = queue_one()
    assert len(mail.outbox) == 1

    assert outbox.deliver(email.pk) == "skipped"
    outbox.deliver_email.enqueue(email.pk)
    call_command("send_queued_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert len(mail.outbox) == 1


def test_an_email_another_worker_is_sending_is_not_taken(db):
    with override_settings(EMAIL_DELIVERY_BACKEND=FAILING):
        email = queue_one()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENDING, next_attempt_at=None)

    assert outbox.deliver(email.pk) == "skipped"
    assert mail.outbox == []


def test_a_worker_killed_mid_send_leaves_an_interrupted_email_that_is_not_resent_by_itself(db):
    """Between the mail server's "accepted" and the row's "sent", nobody knows: a person decides."""
    with override_settings(EMAIL_DELIVERY_BACKEND=FAILING):
        email = queue_one()
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENDING, next_attempt_at=None)
    OutgoingEmail.objects.filter(pk=email.pk).update(updated_at=long_ago)  # auto_now only on save()

    call_command("send_queued_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    email.refresh_from_db()

    assert email.status == EmailStatus.INTERRUPTED
    assert mail.outbox == []
    assert outbox.resend(email)
    assert len(mail.outbox) == 1
    assert not outbox.resend(email), "sent: it cannot be sent again"


def test_an_email_due_whose_task_was_lost_is_queued_again_by_the_command(db):
    with override_settings(EMAIL_DELIVERY_BACKEND=FAILING):
        email = queue_one()
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))

    call_command("send_queued_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


# --- The coordinators see failures, and only they ------------------------------------------------------


@pytest.fixture
def failed_email(db):
    with override_settings(EMAIL_DELIVERY_BACKEND=FAILING):
        email = queue_one()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED, next_attempt_at=None)
    return email


@pytest.mark.parametrize(
    ("language", "status", "action"), [("fr", "Échec", "Renvoyer"), ("en", "Failed", "Send again")]
)
def test_coordinators_see_failed_emails_with_the_reason_in_their_language(
    client, coordinator, failed_email, language, status, action
):
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = language
    profile.save()
    client.force_login(coordinator)

    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("outbox:index") in home.text
    listing = client.get(reverse("outbox:index") + "?status=failed")
    assert listing.status_code == 200
    assert "alice@example.org" in listing.text
    assert status in listing.text
    assert "SMTPServerDisconnected" in listing.text
    assert action in listing.text
    inspect = client.get(reverse("outbox:inspect", args=[failed_email.pk]))
    assert "SMTPServerDisconnected" in inspect.text
    assert "Le texte." not in inspect.text, "the message itself is never shown"


def test_a_coordinator_sends_a_failed_email_again(client, coordinator, failed_email):
    client.force_login(coordinator)
    url = reverse("outbox:resend", args=[failed_email.pk])
    assert client.get(url).status_code == 200
    assert mail.outbox == []

    response = client.post(url)

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    failed_email.refresh_from_db()
    assert failed_email.status == EmailStatus.SENT


def test_the_outbox_is_not_for_admin_users_without_the_permission(client, failed_email):
    editor = UserFactory(username="editor@example.org")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in (reverse("outbox:index"), reverse("outbox:resend", args=[failed_email.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "alice@example.org" not in response.text
    assert client.post(reverse("outbox:resend", args=[failed_email.pk])).status_code in (302, 403)
    assert mail.outbox == []


def test_sent_emails_are_forgotten_after_a_while_failed_ones_are_kept(db, settings):
    sent = queue_one()
    with override_settings(EMAIL_DELIVERY_BACKEND=FAILING):
        send_mail("Autre", "Texte", None, ["bob@example.org"])
        failing = OutgoingEmail.objects.exclude(pk=sent.pk).get()
    long_ago = timezone.now() - datetime.timedelta(days=settings.EMAIL_KEEP_SENT_DAYS + 1)
    OutgoingEmail.objects.update(sent_at=long_ago, created_at=long_ago)

    call_command("send_queued_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123

    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [failing.pk]
