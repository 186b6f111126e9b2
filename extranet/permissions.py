"""Who may see and change what in the member area: the one place views, templates and tests ask."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex

from home.core.tree import live_not_restricted
from home.models import Association, AssociationReport, MembershipStatus, ReportVisibility

from .models import DeclarationProposal, FollowUpAction, InternalDocument, Meeting, MinutesAnnex

MEMBERS_ONLY_COLLECTION = "Réservé aux membres"  # a name in the database, read by coordinators
PUBLIC_DOCUMENTS_COLLECTION = "Documents publics"  # a name in the database, read by coordinators


def is_coordinator(user) -> bool:
    """Coordinators work in the Wagtail admin and may read everything in the extranet."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def coordinators():
    """The active coordinators (as :func:`is_coordinator` decides), those the coordination's emails go to."""
    permission = Permission.objects.filter(codename="access_admin", content_type__app_label="wagtailadmin")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct()
        .order_by("pk")
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
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return association.pk in acting_for(user)


def acting_for(user) -> frozenset[int]:
    """The pks of the associations the user acts for, read once per user object (one request)."""
    cache_name = "_acting_for"
    cached = getattr(user, cache_name, None)
    if cached is None:
        cached = frozenset(user.memberships.values_list("association_id", flat=True))
        setattr(user, cache_name, cached)
    return cached


# --- What an association may do in the collective's name -----------------------------------------
# The minutes' rules: an observer takes part for a year but does not vote and does not represent the
# collective; one vote per full member association; a former member does neither.


def is_full_member(association: Association) -> bool:
    return association.status == MembershipStatus.MEMBER


def vote_refusal(association: Association, ballot=None) -> str:
    """Why ``association`` may not vote (on ``ballot``), in the reader's language; "" when it may."""
    if association.status == MembershipStatus.OBSERVER:
        return _("Observers take part in the collective's work but do not vote during their observer year.")
    if association.status != MembershipStatus.MEMBER:
        return _("Only member associations vote; %(association)s is no longer a member.") % {
            "association": association.name
        }
    if ballot is not None and getattr(ballot, "concerned_association_id", None) == association.pk:
        return _("An association does not vote on its own admission.")
    return ""


def may_vote(association: Association, ballot=None) -> bool:
    """One vote per full member association; not the association a ballot is about."""
    return not vote_refusal(association, ballot)


def ballot_vote_refusal(association: Association, ballot, now=None) -> str:
    """Why ``association`` may not vote on ``ballot`` now (its status, the ballot's period, its roll); "" if it may.

    The roll is taken when the ballot opens: the full members of that moment, less the association
    concerned (``BallotParticipation``); an association admitted afterwards votes on the next ballot.
    """
    reason = vote_refusal(association, ballot)
    if reason:
        return reason
    if ballot.is_closed or ballot.is_due(now):
        return _("This ballot is closed.")
    if not ballot.is_open(now):
        return _("This ballot is not open yet.")
    if ballot.opened_at is not None and not ballot.participations.filter(association=association).exists():
        return _("%(association)s was not a full member when this ballot opened: it does not vote on it.") % {
            "association": association.name
        }
    return ""


def may_represent_collective(association: Association) -> bool:
    """Speak or sit in a delegation in the collective's name: full members only, not observers."""
    return is_full_member(association)


def representation_refusal(association: Association) -> str:
    """Why ``association`` may not represent the collective (sit in a delegation), in the reader's language."""
    if may_represent_collective(association):
        return ""
    if association.status == MembershipStatus.OBSERVER:
        return _("%(association)s is an observer: observers do not represent the collective.") % {
            "association": association.name
        }
    return _("%(association)s is no longer a member of the collective.") % {"association": association.name}


def may_sign_for_association(user, association: Association) -> bool:
    """Sign a declaration in the association's name, or withdraw that signature: its own users, observers
    included (they take part), unless it has left the collective."""
    return association.status != MembershipStatus.LEFT and can_edit_association(user, association)


def attendance_refusal(association: Association, meeting: Meeting, now=None) -> str:
    """Why ``association`` may no longer say whether it attends ``meeting``, in the reader's language; "" when it may.

    Who acts for the association is asked separately (``can_edit_association``)."""
    now = now or timezone.now()
    if meeting.starts_at <= now:
        return _("The meeting has started: attendance can no longer be changed.")
    if association.status == MembershipStatus.LEFT:
        return _("%(association)s has left the collective.") % {"association": association.name}
    return ""


def may_follow_calendar(user) -> bool:
    """Read the collective's meetings from a calendar feed: an active extranet member, as for the extranet."""
    return user is not None and user.is_active and is_extranet_member(user)


def may_mark_action_done(user, action: FollowUpAction) -> bool:
    """Mark a follow-up action done: the users of the association it names.

    An action of every association is not closed by one of them (the others would lose it from their
    dashboards): the coordination marks it done in the admin, once each association has done its part.
    """
    return action.association_id is not None and can_edit_association(user, action.association)


class Audience(StrEnum):
    """Who may read a document, from what it belongs to (``document_access``)."""

    PUBLIC = "public"  # anyone: what it belongs to is published
    MEMBERS = "members"  # every extranet member: members-only files, minutes' annexes, internal documents
    PRIVATE = "private"  # coordinators, and the associations it belongs to before publication


@dataclass(frozen=True)
class DocumentAccess:
    audience: Audience
    associations: frozenset[int] = frozenset()  # pks of the associations whose members read a private one


def can_read_document(user, document, access: DocumentAccess | None = None) -> bool:
    """The one rule for every URL that serves a document (the extranet's download, Wagtail's /documents/)."""
    access = access or document_access(document)
    if access.audience == Audience.PUBLIC:
        return True
    if access.audience == Audience.MEMBERS:
        return is_extranet_member(user)
    if is_coordinator(user):
        return True
    return bool(access.associations) and member_associations(user).filter(pk__in=access.associations).exists()


def is_members_only(document) -> bool:
    """For extranet members only (see ``document_access``)."""
    return document_access(document).audience == Audience.MEMBERS


def document_access(document) -> DocumentAccess:
    """Who may read ``document``, decided by what it belongs to, in a bounded number of queries.

    - Members-only: in the members-only collection, or attached to minutes, internal documents or
      members-only reports. What a document is attached to counts as much as where it was filed: an
      annex uploaded to the wrong collection must not become public, even if a page links it.
    - Public: in the public documents collection, or linked by something published: a live page
      outside every view-restricted part of the tree (by a document field, a StreamField block or a
      link in rich text: Wagtail's reference index) or an approved public report of a published
      association.
    - Private otherwise: a file the coordination uploaded and no published page links yet, a
      public report awaiting approval, a proposed declaration's document. Coordinators read it,
      and the members of the association whose report or proposal it is.
    """
    collections = [document.collection, *document.collection.get_ancestors()]
    if any(collection.name == MEMBERS_ONLY_COLLECTION for collection in collections):
        return DocumentAccess(Audience.MEMBERS)
    reports = list(
        AssociationReport.objects.filter(document=document).values_list(
            "association_id", "visibility", "live", "association__live", named=True
        )
    )
    if (
        any(report.visibility == ReportVisibility.MEMBERS for report in reports)
        or MinutesAnnex.objects.filter(document=document).exists()
        or InternalDocument.objects.filter(document=document).exists()
    ):
        return DocumentAccess(Audience.MEMBERS)
    if any(collection.name == PUBLIC_DOCUMENTS_COLLECTION for collection in collections):
        return DocumentAccess(Audience.PUBLIC)
    if any(report.live and report.association__live for report in reports):  # public, approved
        return DocumentAccess(Audience.PUBLIC)
    page_ids = referencing_page_ids(document)
    if page_ids and live_not_restricted().filter(pk__in=page_ids).exists():
        return DocumentAccess(Audience.PUBLIC)
    owners = {report.association_id for report in reports} | proposing_associations(document, page_ids)
    return DocumentAccess(Audience.PRIVATE, frozenset(owners))


def referencing_page_ids(document) -> list[int]:
    """The pages (live or not) whose saved content links ``document``, from Wagtail's reference index."""
    return [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
        .distinct()
    ]


def proposing_associations(document, page_ids) -> set[int]:
    """The associations that proposed a declaration with ``document``.

    A proposal's page links it (in the reference index), or, once revised, only its latest draft
    does: a revision is not in the index, so the proposals of the document's uploader are read.
    """
    found = set(DeclarationProposal.objects.filter(page_id__in=page_ids).values_list("association_id", flat=True))
    if document.uploaded_by_user_id is None:
        return found
    revised = DeclarationProposal.objects.filter(proposer_id=document.uploaded_by_user_id, page__isnull=False)
    for proposal in revised.exclude(association_id__in=found).select_related("page"):
        draft = proposal.page.get_latest_revision_as_object()
        if any(
            block.block_type == "document" and getattr(block.value.get("document"), "pk", None) == document.pk
            for block in getattr(draft, "documents", [])
        ):
            found.add(proposal.association_id)
    return found
