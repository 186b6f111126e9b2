"""Who may see and change what in the member area: the one place views, templates and tests ask."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from home.models import Association, AssociationReport, ReportVisibility

from .models import InternalDocument, MinutesAnnex

MEMBERS_ONLY_COLLECTION = "Réservé aux membres"  # a name in the database, read by coordinators


def is_coordinator(user) -> bool:
    """Coordinators work in the Wagtail admin and may read everything in the extranet."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def member_associations(user):
    """The associations a user acts for (none for anonymous users)."""
    if isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return Association.objects.none()
    return Association.objects.filter(memberships__user=user).order_by("name")


def is_extranet_member(user) -> bool:
    """May read the extranet: a user of at least one association, or a coordinator."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_coordinator(user):
        return True
    cache_name = "_is_extranet_member"
    cached = getattr(user, cache_name, None)
    if cached is None:
        cached = user.memberships.exists()
        setattr(user, cache_name, cached)
    return cached


def can_edit_association(user, association: Association) -> bool:
    """Only the association's own users change its profile, reports and actions."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.memberships.filter(association=association).exists()


def can_read_document(user, document) -> bool:
    """Documents in the members-only collection are for extranet members; others are public."""
    if is_members_only(document):
        return is_extranet_member(user)
    return True


def is_members_only(document) -> bool:
    """In the members-only collection, or attached to minutes, internal documents or members-only reports.

    What a document is attached to counts as much as where it was filed: an annex uploaded to
    the wrong collection must not become public.
    """
    collection = document.collection
    if collection.name == MEMBERS_ONLY_COLLECTION or any(
        ancestor.name == MEMBERS_ONLY_COLLECTION for ancestor in collection.get_ancestors()
    ):
        return True
    return (
        MinutesAnnex.objects.filter(document=document).exists()
        or InternalDocument.objects.filter(document=document).exists()
        or AssociationReport.objects.filter(document=document, visibility=ReportVisibility.MEMBERS).exists()
    )
