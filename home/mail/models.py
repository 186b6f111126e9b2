"""The outbox: every email the site sends, kept until it is delivered or known to have failed.

A row holds the message as it was rendered (in its reader's language) when the request asked
for it; the worker delivers it. The row's status is the only lock: a row is claimed (``sending``)
before its message is handed to the mail server, so a worker that dies mid-send leaves a row
that is never sent again by itself (it is flagged for a coordinator instead, see ``outbox``).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EmailStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("email status", "Waiting to be sent")
    SENDING = "sending", pgettext_lazy("email status", "Being sent")
    RETRYING = "retrying", pgettext_lazy("email status", "Will be retried")
    SENT = "sent", pgettext_lazy("email status", "Sent")
    FAILED = "failed", pgettext_lazy("email status", "Failed")
    # The worker stopped between handing the message to the mail server and writing down that it
    # did: the email may or may not have gone out, so it is not sent again without a person deciding.
    INTERRUPTED = "interrupted", pgettext_lazy("email status", "Interrupted: may have been sent")


# What a row may be claimed from: nothing else is ever handed to the mail server.
CLAIMABLE = (EmailStatus.PENDING, EmailStatus.RETRYING)
# What a coordinator may send again (a sent email's message is not kept).
RESENDABLE = (EmailStatus.FAILED, EmailStatus.INTERRUPTED)


class OutgoingEmail(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING, db_index=True
    )
    recipients = models.TextField(_("recipients"), help_text=_("Every address the email is sent to."))
    subject = models.CharField(_("subject"), max_length=998, blank=True)
    # The whole message (sender, headers, text, HTML alternatives, attachments); emptied once it is
    # sent, so that the links it carried (confirmations, password resets) are not kept.
    message = models.JSONField(_("message"), default=dict, blank=True, editable=False)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipients}"
