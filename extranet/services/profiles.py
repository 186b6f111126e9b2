"""The association's public profile: edited by its members, published after moderation."""

from __future__ import annotations

from home.models import Association

from .moderation import editable_version, moderation_status, submit_for_moderation


def editable_profile(association: Association) -> Association:
    """The profile as last saved (a pending revision if any), so that nothing typed is lost."""
    return editable_version(association)


def submit_profile(*, association: Association, user) -> None:
    """Save the edited profile as a new revision and submit it to moderation."""
    submit_for_moderation(association, user=user)


def profile_status(association: Association) -> dict:
    """What a member sees about the moderation of the profile."""
    return {
        **moderation_status(association),
        "has_unpublished_changes": association.has_unpublished_changes,
        "last_published_at": association.last_published_at,
    }
