"""The private calendar feed of each member: its address holds a token that only this user knows."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's subscription address to the collective's meetings (``/extranet/calendar/<token>.ics``).

    The token is kept as it is (not hashed, unlike invitations): the "My calendar" page shows the
    address again at each visit. It is unguessable (256 random bits) and a reset replaces it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("created on"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
