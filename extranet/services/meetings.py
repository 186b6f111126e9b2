"""Meetings of the collective, their published minutes and the follow-up actions they leave."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone
from wagtail.log_actions import log as log_action

from home.models import Association

from ..models import FollowUpAction, Meeting, MeetingAttendance, MeetingKind, Minutes
from ..permissions import attendance_refusal


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


def next_plenary():
    """The next plenary meeting to come: its agenda lists the open follow-up actions of earlier meetings."""
    return Meeting.objects.filter(kind=MeetingKind.PLENARY, starts_at__gte=timezone.now()).order_by("starts_at").first()


def meeting_with_details(pk: int) -> Meeting:
    """A meeting with what its page shows (the caller turns ``Meeting.DoesNotExist`` into a 404)."""
    return (
        Meeting.objects.prefetch_related("delegation", "attendances__association").select_related("minutes").get(pk=pk)
    )


def published_minutes_of(meeting: Meeting) -> Minutes | None:
    try:
        minutes = meeting.minutes
    except Minutes.DoesNotExist:
        return None
    return minutes if minutes.is_published else None


# --- Attendance ----------------------------------------------------------------------------


class AttendanceClosed(Exception):
    """The association may no longer answer (the meeting started, or it left the collective)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def attendance_of(meeting: Meeting, association: Association) -> MeetingAttendance | None:
    return MeetingAttendance.objects.filter(meeting=meeting, association=association).first()


def answer_attendance(
    *, meeting: Meeting, association: Association, user, attends: bool, people: str
) -> MeetingAttendance:
    """Record (or change) whether ``association`` comes to ``meeting``, and who; logged in the audit log."""
    reason = attendance_refusal(association, meeting)
    if reason:
        raise AttendanceClosed(reason)
    attendance, _created = MeetingAttendance.objects.update_or_create(
        meeting=meeting,
        association=association,
        defaults={
            "attends": attends,
            "people": people.strip() if attends else "",
            "answered_by": user,
            "answered_at": timezone.now(),
        },
    )
    log_action(instance=meeting, action="extranet.attendance", user=user, data={"association": association.pk})
    return attendance


@dataclass(frozen=True)
class AttendanceRow:
    association: Association
    attendance: MeetingAttendance | None

    @property
    def state(self) -> str:
        if self.attendance is None:
            return "unknown"
        return "yes" if self.attendance.attends else "no"


def attendance_report(meeting: Meeting) -> list[AttendanceRow]:
    """Every live association with its answer for ``meeting`` (or none), by name; two queries."""
    answers = {
        attendance.association_id: attendance
        for attendance in MeetingAttendance.objects.filter(meeting=meeting).select_related("answered_by")
    }
    return [
        AttendanceRow(association, answers.get(association.pk))
        for association in Association.objects.filter(live=True).order_by("name")
    ]


def with_attendance_counts(queryset):
    """Meetings annotated with ``attending_count`` and ``not_attending_count`` (the admin's listing)."""
    return queryset.annotate(
        attending_count=Count("attendances", filter=Q(attendances__attends=True), distinct=True),
        not_attending_count=Count("attendances", filter=Q(attendances__attends=False), distinct=True),
    )
