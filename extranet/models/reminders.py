"""What the member area reminded of, so that each reminder is sent once (see ``services.reminders``)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MembershipReminder(models.Model):
    """A reminder of the end of an observer year, sent (to the coordination and the association) once.

    ``for_date`` is the end it is about: an observer year extended to another day gets its own reminders.
    """

    class Kind(models.TextChoices):
        MONTH_BEFORE = "month_before", _("One month before the end of the observer year")
        ON_THE_DAY = "on_the_day", _("The day the observer year ends")

    association = models.ForeignKey(
        "home.Association",
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="membership_reminders",
    )
    kind = models.CharField(_("reminder"), max_length=20, choices=Kind.choices)
    for_date = models.DateField(_("end of the observer year"))
    sent_at = models.DateTimeField(_("sent on"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("membership reminder")
        verbose_name_plural = _("membership reminders")
        constraints = [
            models.UniqueConstraint(fields=["association", "kind", "for_date"], name="unique_membership_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.association} — {self.get_kind_display()} ({self.for_date})"
