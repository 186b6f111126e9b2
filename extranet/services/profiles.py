"""The association's public profile: edited by its members, published after moderation."""

from __future__ import annotations

import logging

from django.db import transaction
from wagtail.models import WorkflowState

from home.models import Association

from .moderation import moderation_state

logger = logging.getLogger(__name__)


def editable_profile(association: Association) -> Association:
    """The profile as last saved (a pending revision if any), so that nothing typed is lost."""
    return association.get_latest_revision_as_object() if association.latest_revision_id else association


@transaction.atomic
def submit_profile(*, association: Association, user) -> None:
    """Save the edited profile as a new revision and submit it to moderation."""
    revision = association.save_revision(user=user, log_action=True)
    workflow_state = association.current_workflow_state
    workflow = association.get_workflow()
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
    elif workflow_state is not None:
        # A new version replaces the one under review.
        workflow_state.cancel(user=user)
        workflow.start(association, user)
    elif workflow is not None:
        workflow.start(association, user)
    else:
        # No workflow configured: coordinators publish from the admin's history.
        logger.warning("No workflow for association profiles; revision %s waits unpublished", revision.pk)


def profile_status(association: Association) -> dict:
    """What a member sees about the moderation of the profile."""
    state, comment = moderation_state(association)
    return {
        "in_moderation": state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
        "needs_changes": state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES,
        "has_unpublished_changes": association.has_unpublished_changes,
        "last_published_at": association.last_published_at,
        "comment": comment,
    }
