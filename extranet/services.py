"""The work of the member area, as typed functions the views call."""

from __future__ import annotations

import ipaddress
import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, WorkflowState

from home.models import Association, AssociationReport, ReportVisibility
from home.uploads import sniff_document_type

from .models import FollowUpAction, Invitation, Meeting, Membership, Minutes, WebsiteCheck, hash_token
from .permissions import MEMBERS_ONLY_COLLECTION

logger = logging.getLogger(__name__)
User = get_user_model()

PUBLIC_REPORTS_COLLECTION = "Rapports des associations"  # a name in the database, read by coordinators
WEBSITE_CHECK_TIMEOUT = 8


# --- Invitations -----------------------------------------------------------------


def send_invitation(*, invitation: Invitation, request=None) -> None:
    """Give the invitation a new token and email the link, in the invitation's language."""
    raw_token = invitation.issue_token()
    invitation.accepted_at = None
    invitation.save()
    with translation.override(invitation.language):
        path = reverse("extranet:accept_invitation", args=[raw_token])
        base = request.build_absolute_uri("/")[:-1] if request is not None else settings.WAGTAILADMIN_BASE_URL
        context = {"invitation": invitation, "url": f"{base}{path}", "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string("extranet/email/invitation_subject.txt", context).strip()
        body = render_to_string("extranet/email/invitation_message.txt", context)
    EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email]).send()


def find_usable_invitation(raw_token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("association").filter(token_hash=hash_token(raw_token)).first()
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


@transaction.atomic
def existing_account_for(invitation: Invitation):
    return User.objects.filter(email__iexact=invitation.email).first()


@transaction.atomic
def accept_invitation(
    *, invitation: Invitation, password: str | None = None, first_name: str = "", last_name: str = ""
):
    """Join the association; create the invitee's account (verified email) if there is none.

    An existing account keeps its password: the link proves access to the mailbox, not the
    right to replace a password (nor to skip two-factor authentication).
    """
    from allauth.account.models import EmailAddress

    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValueError("invitation no longer usable")
    email = invitation.email.lower()
    user = existing_account_for(invitation)
    if user is None:
        if not password:
            raise ValueError("a new account needs a password")
        user = User(username=email[:150], email=email, first_name=first_name, last_name=last_name)
        user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    Membership.objects.get_or_create(user=user, association=invitation.association)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


# --- Profile ---------------------------------------------------------------------


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
    state = association.current_workflow_state
    last_state = (
        WorkflowState.objects.for_instance(association).order_by("-created_at").first() if state is None else state
    )
    comment = ""
    if last_state is not None:
        task_state = last_state.task_states.order_by("-started_at").first()
        comment = task_state.get_comment() if task_state is not None else ""
    return {
        "in_moderation": state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
        "needs_changes": state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES,
        "has_unpublished_changes": association.has_unpublished_changes,
        "last_published_at": association.last_published_at,
        "comment": comment,
    }


# --- Reports ---------------------------------------------------------------------


def _collection(name: str) -> Collection:
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def members_only_collection() -> Collection:
    """The collection of members-only files, restricted to logged-in users in Wagtail too."""
    collection = _collection(MEMBERS_ONLY_COLLECTION)
    if not collection.view_restrictions.exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


@transaction.atomic
def upload_report(*, association: Association, user, year: int, visibility: str, uploaded_file, title: str = ""):
    """Store a yearly report as a Wagtail document in the collection that matches its visibility."""
    Document = get_document_model()
    collection = (
        _collection(PUBLIC_REPORTS_COLLECTION) if visibility == ReportVisibility.PUBLIC else members_only_collection()
    )
    report_title = title or f"{association.acronym or association.name} — {year}"
    document = Document(title=report_title, collection=collection, uploaded_by_user=user)
    # The stored name's extension follows the content (checked by the form), never the uploaded
    # name: Wagtail derives the served Content-Type from it.
    kind = sniff_document_type(uploaded_file) or "bin"
    document.file.save(f"{association.slug}-{year}.{kind}", File(uploaded_file), save=False)
    document.file_size = uploaded_file.size
    document.save()
    return AssociationReport.objects.create(
        association=association, year=year, title=title, document=document, visibility=visibility, uploaded_by=user
    )


# --- Actions and meetings ----------------------------------------------------------


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


def upcoming_meetings():
    return Meeting.objects.filter(starts_at__gte=timezone.now()).prefetch_related("delegation").order_by("starts_at")


def published_minutes():
    return Minutes.objects.filter(is_published=True).select_related("meeting")


# --- What an association still owes ------------------------------------------------


def missing_items(association: Association, today: date | None = None) -> list[str]:
    """Keys of what the association still has to provide (see the dashboard template for texts)."""
    from home.models import AssociationContact

    today = today or timezone.localdate()
    missing = []
    if not AssociationContact.objects.filter(association=association, is_public=True).exists():
        missing.append("public_contact")
    if not AssociationReport.objects.filter(association=association, year=today.year - 1).exists():
        missing.append("last_year_report")
    french_without_english = [
        (association.description_fr, association.description_en),
        (association.summary_fr, association.summary_en),
    ]
    if any(french.strip() and not english.strip() for french, english in french_without_english):
        missing.append("english_texts")
    if not association.website_fr and not association.website_en:
        missing.append("website")
    return missing


def is_public_address(url: str) -> bool:
    """True when every address the URL's host resolves to is a public one.

    The check runs on our server: it must not become a way to probe the server's own
    network (loopback, private ranges, cloud metadata addresses).
    """
    host = urllib.parse.urlsplit(url).hostname
    if not host:
        return False
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return True  # unknown hosts fail the request itself, with a clear error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            return False
    return True


def check_website(url: str, timeout: float = WEBSITE_CHECK_TIMEOUT) -> tuple[bool, int | None, str]:
    """Ask a website for its home page: (answers, HTTP status, error)."""
    if not url.startswith(("http://", "https://")):
        return False, None, "not an http(s) address"
    if not settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS and not is_public_address(url):
        return False, None, "address not allowed"
    headers = {"User-Agent": "contrelatraite-link-check/1.0"}
    request = urllib.request.Request(url, method="GET", headers=headers)  # noqa: S310 (http/https only, checked above)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only, checked above)
            return 200 <= response.status < 400, response.status, ""
    except urllib.error.HTTPError as error:
        return False, error.code, ""
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        return False, None, str(getattr(error, "reason", error))[:250]


def check_association_websites(association: Association, timeout: float = WEBSITE_CHECK_TIMEOUT) -> list[WebsiteCheck]:
    results = []
    for url in dict.fromkeys(u for u in (association.website_fr, association.website_en) if u):
        if not url.startswith(("http://", "https://")):
            continue
        ok, status_code, error = check_website(url, timeout)
        check, _created = WebsiteCheck.objects.update_or_create(
            association=association,
            url=url,
            defaults={"ok": ok, "status_code": status_code, "error": error, "checked_at": timezone.now()},
        )
        results.append(check)
    WebsiteCheck.objects.filter(association=association).exclude(url__in=[c.url for c in results]).delete()
    return results
