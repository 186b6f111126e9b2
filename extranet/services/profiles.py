"""The association's public profile: edited by its members, published after moderation."""

from __future__ import annotations

from wagtail.models import WorkflowState

from home.models import Association

from .moderation import editable_version, moderation_state, submit_for_moderation


def editable_profile(association: Association) -> Association:
    """The profile as last saved (a pending revision if any), so that nothing typed is lost."""
    return editable_version(association)


def submit_profile(*, association: Association, user) -> None:
    """Save the edited profile as a new revision and submit it to moderation."""
    submit_for_moderation(association, user=user)


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
