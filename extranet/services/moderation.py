"""Where a profile or a page stands in moderation, as members see it."""

from __future__ import annotations

from wagtail.models import TaskState, WorkflowState


def moderation_state(obj) -> tuple[WorkflowState | None, str]:
    """(the workflow state in progress or needing changes, or None; the last task's comment), in two queries.

    An object has at most one active workflow state, and a new one starts only once the previous
    one ended: the newest state is the active one, if any.
    """
    last_state = WorkflowState.objects.for_instance(obj).order_by("-created_at", "-pk").first()
    if last_state is None:
        return None, ""
    task_state = last_state.task_states.order_by("-started_at", "-pk").first()
    comment = task_state.get_comment() if task_state is not None else ""
    active = last_state.status in (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)
    return (last_state if active else None), comment


def last_approver(obj):
    """The user who approved the last approved task of ``obj``'s moderation, or None."""
    task_state = (
        TaskState.objects.filter(
            workflow_state__in=WorkflowState.objects.for_instance(obj), status=TaskState.STATUS_APPROVED
        )
        .order_by("-finished_at", "-pk")
        .select_related("finished_by")
        .first()
    )
    return task_state.finished_by if task_state is not None else None
