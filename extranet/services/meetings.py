"""Meetings of the collective, their published minutes and the follow-up actions they leave."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log as log_action

from home.models import Association

from ..models import FollowUpAction, Meeting, Minutes


def open_actions_for(association: Association):
    return (
        FollowUpAction.objects.filter(done_at__isnull=True)
        .filter(Q(association=association) | Q(association__isnull=True))
        .select_related("minutes__meeting", "association")
        .order_by("due_date", "pk")
    )


def all_open_actions():
    """Open actions of every association: listed again at the next meeting."""
    return (
        FollowUpAction.objects.filter(done_at__isnull=True)
        .select_related("minutes__meeting", "association")
        .order_by("due_date", "association__name", "pk")
    )


def mark_action_done(*, action: FollowUpAction, user) -> None:
    if action.done_at is None:
        action.done_at = timezone.now()
        action.done_by = user
        action.save(update_fields=["done_at", "done_by"])
        log_action(instance=action, action="extranet.action_done", user=user)


def upcoming_meetings():
    return Meeting.objects.filter(starts_at__gte=timezone.now()).prefetch_related("delegation").order_by("starts_at")


def published_minutes():
    return Minutes.objects.filter(is_published=True).select_related("meeting")
