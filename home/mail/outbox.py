"""Queue an email, deliver it in the background, retry it with backoff, never send it twice.

Every email of the site goes through here: ``backends.QueuedEmailBackend`` is Django's
``EMAIL_BACKEND``, so allauth's and Wagtail's emails are queued like ours. A request only writes
a row (and, with the database task backend, a task row in the same transaction): its answer
never depends on the mail server. The worker (``manage.py db_worker --backend email``) runs ``deliver_email``,
which hands the message to ``EMAIL_DELIVERY_BACKEND`` (SMTP in production).

- **Retries**: a failed attempt is tried again after ``EMAIL_RETRY_DELAYS`` (the last delay
  repeats) until ``EMAIL_RETRY_FOR`` has passed since the email was queued; then it is
  ``failed``, with the reason, in the admin's "Emails" for the coordinators.
- **Idempotency**: a row is claimed (``pending``/``retrying`` → ``sending``, one UPDATE that only
  one worker can win, committed before the mail server is contacted) before it is sent; a
  second task for the same row, or a second worker, finds nothing to claim. A worker killed
  after the mail server accepted the message but before the row says ``sent`` leaves it
  ``sending``: ``flag_interrupted`` marks it ``interrupted`` and a coordinator decides whether to
  send it again. Each row has its own Message-ID, kept across attempts.
"""

from __future__ import annotations

import base64
import datetime
from email import message_from_bytes
from email.mime.base import MIMEBase
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .models import CLAIMABLE, RESENDABLE, EmailStatus, OutgoingEmail

ERROR_LENGTH = 2000


# --- Messages as rows ---------------------------------------------------------------------------


def _text(content) -> dict:
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": str(content)}


def _untext(stored: dict):
    return base64.b64decode(stored["base64"]) if "base64" in stored else stored["text"]


def serialize(message: EmailMessage) -> dict:
    """Everything Django needs to build ``message`` again, as JSON."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            attachments.append({"mime": base64.b64encode(attachment.as_bytes()).decode("ascii")})
        else:
            filename, content, mimetype = attachment
            attachments.append({"filename": filename, "content": _text(content), "mimetype": mimetype})
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "content_subtype": message.content_subtype,
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [
            {"content": _text(content), "mimetype": mimetype}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def deserialize(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for alternative in data["alternatives"]:
        message.attach_alternative(_untext(alternative["content"]), alternative["mimetype"])
    for attachment in data["attachments"]:
        if "mime" in attachment:
            message.attach(message_from_bytes(base64.b64decode(attachment["mime"])))
        else:
            message.attach(attachment["filename"], _untext(attachment["content"]), attachment["mimetype"])
    return message


def _message_id(key, from_email: str) -> str:
    domain = parseaddr(from_email)[1].rpartition("@")[2] or "localhost"
    return make_msgid(idstring=str(key), domain=domain)


# --- Queueing -----------------------------------------------------------------------------------


def queue(message: EmailMessage) -> OutgoingEmail:
    """Keep ``message`` in the outbox and ask the worker to deliver it.

    In the caller's transaction: if the request that asked for the email is rolled back, the
    email is not sent (with the database task backend; the immediate one of development sends
    at once).
    """
    email = OutgoingEmail(recipients=", ".join(message.recipients()), subject=str(message.subject)[:998])
    data = serialize(message)
    if not any(name.lower() == "message-id" for name in data["headers"]):
        data["headers"]["Message-ID"] = _message_id(email.key, data["from_email"])
    email.message = data
    email.save()
    deliver_email.enqueue(email.pk)
    return email


# --- Delivery -----------------------------------------------------------------------------------


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed attempt (the last delay repeats)."""
    delays = settings.EMAIL_RETRY_DELAYS
    return datetime.timedelta(seconds=delays[min(max(attempts, 1), len(delays)) - 1])


def claim(email_id: int) -> bool:
    """Take the row for one delivery attempt; False when it is not due or another worker has it."""
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    return bool(
        OutgoingEmail.objects.filter(due, pk=email_id, status__in=CLAIMABLE).update(
            status=EmailStatus.SENDING, attempts=F("attempts") + 1, updated_at=now
        )
    )


def deliver(email_id: int) -> str:
    """One delivery attempt of a queued email; what became of it."""
    if not claim(email_id):
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        connection.send_messages([deserialize(email.message)])
    except Exception as error:  # noqa: BLE001 (whatever the mail server says, the email is kept and retried)
        return record_failure(email, error)
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.next_attempt_at = None
    email.last_error = ""
    email.message = {}  # the links it carried are not kept
    email.save(update_fields=["status", "sent_at", "next_attempt_at", "last_error", "message", "updated_at"])
    return EmailStatus.SENT


def record_failure(email: OutgoingEmail, error: BaseException) -> str:
    now = timezone.now()
    email.last_error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    if now - email.created_at >= datetime.timedelta(seconds=settings.EMAIL_RETRY_FOR):
        email.status = EmailStatus.FAILED
        email.next_attempt_at = None
    else:
        email.status = EmailStatus.RETRYING
        email.next_attempt_at = now + retry_delay(email.attempts)
    email.save(update_fields=["status", "next_attempt_at", "last_error", "updated_at"])
    if email.status == EmailStatus.RETRYING:
        schedule(email)
    return email.status


def schedule(email: OutgoingEmail) -> None:
    """A task for the next attempt, at its time when the task backend can wait (else ``send_queued_emails``)."""
    if deliver_email.get_backend().supports_defer:
        deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)


@task(backend="email", queue_name="email")
def deliver_email(email_id: int) -> str:
    return deliver(email_id)


# --- What the worker cannot do by itself ----------------------------------------------------------


def flag_interrupted(now: datetime.datetime | None = None) -> int:
    """Rows left ``sending`` by a worker that stopped: ``interrupted``, for a coordinator to decide."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.EMAIL_SENDING_TIMEOUT)
    return OutgoingEmail.objects.filter(status=EmailStatus.SENDING, updated_at__lt=stale).update(
        status=EmailStatus.INTERRUPTED, next_attempt_at=None, updated_at=now
    )


def enqueue_due(now: datetime.datetime | None = None) -> int:
    """A task for every email due and not sent (a task backend that cannot wait, a lost task row)."""
    now = now or timezone.now()
    due = OutgoingEmail.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), status__in=CLAIMABLE
    ).values_list("pk", flat=True)
    count = 0
    for email_id in due.iterator():
        deliver_email.enqueue(email_id)
        count += 1
    return count


def resend(email: OutgoingEmail) -> bool:
    """A coordinator's decision to send a failed or interrupted email again; False when it cannot be."""
    updated = OutgoingEmail.objects.filter(pk=email.pk, status__in=RESENDABLE)
    if not updated.update(status=EmailStatus.PENDING, next_attempt_at=None, updated_at=timezone.now()):
        return False
    deliver_email.enqueue(email.pk)
    return True


def prune_sent(now: datetime.datetime | None = None) -> int:
    """Forget the sent emails after ``EMAIL_KEEP_SENT_DAYS``: their rows name their recipients."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.EMAIL_KEEP_SENT_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(status=EmailStatus.SENT, sent_at__lt=cutoff).delete()
    return deleted


def failed_count() -> int:
    return OutgoingEmail.objects.filter(status__in=RESENDABLE).count()
