"""With the mail server down, nobody's request fails and no email is lost; once it is back, the real
worker (``manage.py db_worker``, the database task backend of production) delivers each email once.

The mail server is a real SMTP server (aiosmtpd) on a loopback port: first closed, then listening.
"""

import datetime
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from extranet.models import Invitation
from home.mail.models import EmailStatus, OutgoingEmail
from home.models import Association

from ..factories import MembershipFactory, UserFactory

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is in requirements-dev.txt")

SIGNER, MEMBER, INVITEE = "marie@example.org", "ccem@example.org", "invitee@example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Collector:
    """What the SMTP server received: one (recipients, message) per delivery."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.received.append((list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def run_the_worker():
    """The production worker, once over what is due (``--batch``), in this test's database."""
    call_command(
        "db_worker",
        "--backend",
        "email",
        "--queue-name",
        "email",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )


def time_passes():
    """The retry delay has passed (the worker waits for the task's run_after)."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    OutgoingEmail.objects.filter(status=EmailStatus.RETRYING).update(next_attempt_at=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)


@pytest.fixture
def mail_server_port():
    return free_port()


@pytest.fixture
def production_mail(settings, mail_server_port):
    settings.TASKS = {
        **settings.TASKS,
        "email": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["email"]},
    }
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = mail_server_port
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_USE_TLS = False


# serialized_rollback: the migrations' data is there even after tests that flushed it (browser tests).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signing_password_reset_and_invitation_answer_normally_and_each_email_goes_once_the_server_is_back(
    client, content, coordinator, production_mail, mail_server_port
):
    association = Association.objects.get(slug="ccem")
    MembershipFactory(association=association, user=UserFactory(username=MEMBER))

    # The mail server is down: every request gets its normal answer.
    signed = client.post(
        content.declaration.url,
        {
            "first_name": "Marie",
            "last_name": "Curie",
            "email": SIGNER,
            "organisation": "",
            "country": "FR",
            "consent": "on",
            "website_url": "",
        },
    )
    assert signed.status_code == 302
    reset = client.post("/en/accounts/password/reset/", {"email": MEMBER})
    assert reset.status_code == 302
    coordination = client.__class__()
    coordination.force_login(coordinator)
    invited = coordination.post(
        "/admin/snippets/extranet/invitation/add/",
        {"email": INVITEE, "association": association.pk, "language": "en"},
    )
    assert invited.status_code == 302, invited.text[:2000]
    assert Invitation.objects.filter(email=INVITEE).exists()
    assert OutgoingEmail.objects.count() == 3

    # The worker tries: the server refuses; nothing is lost, everything is kept with its reason.
    run_the_worker()
    emails = list(OutgoingEmail.objects.all())
    assert {email.status for email in emails} == {EmailStatus.RETRYING}
    assert all(email.attempts == 1 and "refused" in email.last_error.lower() for email in emails), [
        email.last_error for email in emails
    ]

    # The server is back; once the retry delay has passed, the worker delivers each email, once.
    collector = Collector()
    server = aiosmtpd_controller.Controller(collector, hostname="127.0.0.1", port=mail_server_port)
    server.start()
    try:
        time_passes()
        run_the_worker()
        run_the_worker()  # a second pass sends nothing more
        call_command("send_queued_emails", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
        run_the_worker()
    finally:
        server.stop()

    recipients = sorted(rcpt for rcpts, _ in collector.received for rcpt in rcpts)
    assert recipients == sorted([SIGNER, MEMBER, INVITEE])
    assert {email.status for email in OutgoingEmail.objects.all()} == {EmailStatus.SENT}
    by_recipient = {rcpts[0]: content for rcpts, content in collector.received}
    assert "/confirm/" in by_recipient[SIGNER]
    assert "/en/accounts/password/reset/key/" in by_recipient[MEMBER]
    assert "/en/extranet/invitation/" in by_recipient[INVITEE]
    assert mail.outbox == []  # nothing went round the real path


# serialized_rollback: the migrations' data is there even after tests that flushed it (browser tests).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(EMAIL_RETRY_FOR=0)
def test_when_the_server_stays_down_the_email_is_failed_and_shown_to_the_coordinators(
    client, member_a, coordinator, production_mail
):
    client.post("/en/accounts/password/reset/", {"email": MEMBER})
    run_the_worker()

    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.FAILED
    coordination = client.__class__()
    coordination.force_login(coordinator)
    listing = coordination.get("/admin/outbox/?status=failed")
    assert MEMBER in listing.text
    assert email.last_error.split(":")[0] in listing.text
