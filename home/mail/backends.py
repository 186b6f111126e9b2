"""Django's ``EMAIL_BACKEND`` for the whole site: it queues, the worker delivers (see ``outbox``)."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend

from .outbox import queue


class QueuedEmailBackend(BaseEmailBackend):
    """Every email (ours, allauth's, Wagtail's) becomes a row of the outbox; none is sent in the request."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages or ():
            if message.recipients():
                queue(message)
                count += 1
        return count
