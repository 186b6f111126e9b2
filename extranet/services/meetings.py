"""Meetings of the collective, their published minutes and the follow-up actions they leave."""

from __future__ import annotations

from django.db.models import F, Q
from django.utils import timezone
from wagtail.log_actions import log as log_action

from home.models import Association

from ..models import FollowUpAction, Meeting, Minutes


def open_actions_for(association: Association):
    """The association's open actions and those of every association: overdue first, then by due date."""
    return (
        FollowUpAction.objects.open()
        .with_overdue()
        .filter(Q(association=association) | Q(association__isnull=True))
        .select_related("minutes__meeting", "association")
        .order_by("-overdue", F("due_date").asc(nulls_last=True), "pk")
    )


def all_open_actions():
    """Open actions of every association: listed again at the next meeting."""
    return (
        FollowUpAction.objects.open()
        .select_related("minutes__meeting", "association")
        .order_by(F("due_date").asc(nulls_last=True), "association__name", "pk")
    )


def mark_action_done(*, action: FollowUpAction, user, note_fr: str = "", note_en: str = "") -> bool:
    """Mark the action done, with the progress note typed (if any); False if it was done already.

    The caller checks the user's right (``permissions.may_mark_action_done``).
    """
    if action.done_at is not None:
        return False
    changes = {
        "done_at": timezone.now(),
        "done_by": user,
        "progress_note_fr": note_fr.strip(),
        "progress_note_en": note_en.strip(),
    }
    # Conditional: of two users marking it done at once, the first one counts.
    if not FollowUpAction.objects.open().filter(pk=action.pk).update(**changes):
        return False
    for name, value in changes.items():
        setattr(action, name, value)
    log_action(instance=action, action="extranet.action_done", user=user)
    return True


def upcoming_meetings():
    return Meeting.objects.filter(starts_at__gte=timezone.now()).prefetch_related("delegation").order_by("starts_at")


def published_minutes():
    return Minutes.objects.filter(is_published=True).select_related("meeting")
