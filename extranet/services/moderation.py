"""Where a profile, a report or a page stands in moderation, as members see it, and sending them to it."""

from __future__ import annotations

import logging

from django.db import transaction
from wagtail.models import TaskState, WorkflowState

logger = logging.getLogger(__name__)


def editable_version(obj):
    """The object as last saved (a pending revision if any), so that nothing typed is lost."""
    return obj.get_latest_revision_as_object() if obj.latest_revision_id else obj


@transaction.atomic
def submit_for_moderation(obj, *, user) -> None:
    """Save the edited ``obj`` (a profile, a report) as a new revision and submit it to moderation.

    The published version stays what the public site shows until a coordinator approves.
    """
    revision = obj.save_revision(user=user, log_action=True)
    workflow_state = obj.current_workflow_state
    workflow = obj.get_workflow()
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
    elif workflow_state is not None:
        # A new version replaces the one under review.
        workflow_state.cancel(user=user)
        workflow.start(obj, user)
    elif workflow is not None:
        workflow.start(obj, user)
    else:
        # No workflow configured: coordinators publish from the admin's history.
        logger.warning("No workflow for %s; revision %s waits unpublished", obj._meta.label, revision.pk)


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


def moderation_status(obj) -> dict:
    """What a member sees about the moderation of ``obj`` (a profile, a report): under review, sent
    back for changes, and the coordinator's last comment."""
    state, comment = moderation_state(obj)
    return {
        "in_moderation": state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
        "needs_changes": state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES,
        "comment": comment,
    }


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
