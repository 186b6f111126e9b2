"""The work of the member area, as typed functions the views call."""

from __future__ import annotations

import ipaddress
import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
from datetime import date

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model
from wagtail.log_actions import log as log_action
from wagtail.models import Collection, CollectionViewRestriction, Locale, WorkflowState
from wagtail.rich_text import RichText

from home.models import (
    Association,
    AssociationContact,
    AssociationReport,
    DeclarationIndexPage,
    DeclarationPage,
    ReportVisibility,
    Signature,
    SignatureKind,
)
from home.signing import sign_as_association
from home.uploads import generated_filename, sniff_document_type

from .forms import plain_to_rich_text, rich_text_to_plain
from .models import (
    DeclarationProposal,
    FollowUpAction,
    Invitation,
    Meeting,
    Membership,
    Minutes,
    WebsiteCheck,
    hash_token,
)
from .permissions import MEMBERS_ONLY_COLLECTION

logger = logging.getLogger(__name__)
User = get_user_model()

PUBLIC_REPORTS_COLLECTION = "Rapports des associations"  # a name in the database, read by coordinators
PROPOSED_DECLARATIONS_COLLECTION = "Déclarations proposées"  # a name in the database, read by coordinators
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
    document.file.save(generated_filename(kind), File(uploaded_file), save=False)
    document.file_size = uploaded_file.size
    document.save()
    report = AssociationReport.objects.create(
        association=association, year=year, title=title, document=document, visibility=visibility, uploaded_by=user
    )
    log_action(instance=report, action="extranet.report_upload", user=user)
    return report


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
        log_action(instance=action, action="extranet.action_done", user=user)


def upcoming_meetings():
    return Meeting.objects.filter(starts_at__gte=timezone.now()).prefetch_related("delegation").order_by("starts_at")


def published_minutes():
    return Minutes.objects.filter(is_published=True).select_related("meeting")


# --- What an association still owes ------------------------------------------------


def missing_items(association: Association, today: date | None = None) -> list[str]:
    """Keys of what the association still has to provide (see the dashboard template for texts)."""
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


# --- Declarations: signing as an association ---------------------------------------


def active_locale() -> Locale:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def open_declarations(language_code: str | None = None) -> list[DeclarationPage]:
    """Live, public declarations of the active language that still take signatures, newest first."""
    pages = DeclarationPage.objects.live().filter(locale__language_code=language_code or translation.get_language())
    pages = [page for page in pages.order_by("-first_published_at", "pk") if page.is_open_for_signature]
    if pages:  # view restrictions are only looked up when there is something to show
        public = set(
            DeclarationPage.objects.filter(pk__in=[page.pk for page in pages]).public().values_list("pk", flat=True)
        )
        pages = [page for page in pages if page.pk in public]
    return pages


def association_signatures(declarations, associations) -> dict[tuple, Signature]:
    """{(translation_key, association pk): signature} for these declarations and associations."""
    signatures = Signature.objects.filter(
        kind=SignatureKind.ORGANISATION,
        declaration_key__in=[declaration.translation_key for declaration in declarations],
        association__in=list(associations),
    ).select_related("signed_by")
    return {(signature.declaration_key, signature.association_id): signature for signature in signatures}


def declarations_to_sign(associations) -> list[dict]:
    """For the dashboard: each open declaration with, per association, its signature or None."""
    associations = list(associations)
    declarations = open_declarations()
    signatures = association_signatures(declarations, associations)
    return [
        {
            "declaration": declaration,
            "rows": [
                {"association": association, "signature": signatures.get((declaration.translation_key, association.pk))}
                for association in associations
            ],
        }
        for declaration in declarations
    ]


def find_declaration(translation_key) -> DeclarationPage | None:
    """The live declaration with this translation key, in the active language when it exists."""
    pages = list(DeclarationPage.objects.live().public().filter(translation_key=translation_key))
    locale = active_locale()
    return next((page for page in pages if page.locale_id == locale.pk), pages[0] if pages else None)


class DeclarationClosed(Exception):
    """The declaration no longer takes signatures."""


def sign_for_association(*, declaration: DeclarationPage, association: Association, user) -> tuple[Signature, bool]:
    """The association signs (once; signing again changes nothing). The caller checks the user's right."""
    if not declaration.is_open_for_signature:
        raise DeclarationClosed
    signature, created = sign_as_association(declaration=declaration, association=association, user=user)
    if created:
        log_action(instance=signature, action="extranet.association_sign", user=user)
    return signature, created


# --- Declarations: proposals ---------------------------------------------------------


class NoModerationWorkflow(Exception):
    """No moderation workflow covers the declarations: a proposal would reach nobody."""


def declarations_index() -> DeclarationIndexPage | None:
    """The declarations index of the default (French) language, where proposals are created."""
    return DeclarationIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()


def proposed_declarations_collection() -> Collection:
    return _collection(PROPOSED_DECLARATIONS_COLLECTION)


def store_proposal_document(*, uploaded_file, title: str, user):
    """A Wagtail document; the stored name's extension follows the content, never the uploaded name."""
    Document = get_document_model()
    document = Document(title=title, collection=proposed_declarations_collection(), uploaded_by_user=user)
    kind = sniff_document_type(uploaded_file) or "bin"
    # A random name: the draft's document must not be found by guessing its address before approval.
    document.file.save(generated_filename(kind), File(uploaded_file), save=False)
    document.file_size = uploaded_file.size
    document.save()
    return document


def _set_proposed_texts(page, *, author, title_fr, summary_fr, text_fr, document, external_url) -> None:
    """The French texts, link and document an association typed, on its draft declaration page (escaped)."""
    page.title = title_fr.strip()
    page.introduction = strip_tags(summary_fr).strip()[:600]
    page.summary = plain_to_rich_text(summary_fr)
    page.body = [("paragraph", RichText(plain_to_rich_text(text_fr)))]
    page.external_url = external_url
    if document is not None:  # else the document already sent stays
        stored = store_proposal_document(uploaded_file=document, title=page.title, user=author)
        page.documents = [("document", {"document": stored, "title": "", "language": ""})]


@transaction.atomic
def propose_declaration(
    *,
    association: Association,
    author,
    title_fr: str,
    summary_fr: str,
    text_fr: str,
    title_en: str = "",
    summary_en: str = "",
    text_en: str = "",
    document=None,
    external_url: str = "",
) -> DeclarationProposal:
    """Create a draft declaration page carried by the association and submit it to moderation.

    Association users have no admin rights: nothing here asks for any. The typed texts are
    escaped (nothing becomes markup); the English texts wait in the proposal for the
    coordinators, who translate the page with wagtail-localize before publishing it.
    """
    index = declarations_index()
    workflow = index.get_workflow() if index is not None else None
    if workflow is None:
        raise NoModerationWorkflow
    title_fr = title_fr.strip()
    slug = find_available_slug(index, slugify(title_fr)[:80].strip("-") or "declaration")
    page = DeclarationPage(
        slug=slug,
        locale=index.locale,
        live=False,
        owner=author,
        signatures_open=False,  # a coordinator opens it once published
    )
    _set_proposed_texts(
        page,
        author=author,
        title_fr=title_fr,
        summary_fr=summary_fr,
        text_fr=text_fr,
        document=document,
        external_url=external_url,
    )
    page.carried_by = [association]
    index.add_child(instance=page)
    page.save_revision(user=author, log_action=True)
    workflow.start(page, author)
    proposal = DeclarationProposal.objects.create(
        association=association,
        proposer=author,
        page=page,
        title=title_fr,
        title_en=title_en.strip(),
        summary_en=summary_en.strip(),
        text_en=text_en.strip(),
    )
    log_action(instance=proposal, action="extranet.declaration_propose", user=author)
    return proposal


def proposal_initial(proposal: DeclarationProposal) -> dict:
    """The proposal's texts as its latest draft holds them (a coordinator may have corrected them)."""
    page = proposal.page.get_latest_revision_as_object()
    body = "".join(block.value.source for block in page.body if block.block_type == "paragraph")
    return {
        "title_fr": page.title,
        "summary_fr": page.introduction,
        "text_fr": rich_text_to_plain(body),
        "title_en": proposal.title_en,
        "summary_en": proposal.summary_en,
        "text_en": proposal.text_en,
        "external_url": page.external_url,
    }


class ProposalNotRevisable(Exception):
    """Only a proposal the coordination sent back for changes can be revised."""


@transaction.atomic
def revise_proposal(
    proposal: DeclarationProposal,
    *,
    author,
    title_fr: str,
    summary_fr: str,
    text_fr: str,
    title_en: str = "",
    summary_en: str = "",
    text_en: str = "",
    document=None,
    external_url: str = "",
) -> DeclarationProposal:
    """Save the revised texts as a new draft of the page and send it back to moderation."""
    if proposal.page is None or proposal_status(proposal)["state"] != ProposalState.NEEDS_CHANGES:
        raise ProposalNotRevisable
    state, _comment = moderation_state(proposal.page)
    page = proposal.page.get_latest_revision_as_object()
    _set_proposed_texts(
        page,
        author=author,
        title_fr=title_fr,
        summary_fr=summary_fr,
        text_fr=text_fr,
        document=document,
        external_url=external_url,
    )
    page.save_revision(user=author, log_action=True)
    state.resume(user=author)
    proposal.title = page.title
    proposal.title_en = title_en.strip()
    proposal.summary_en = summary_en.strip()
    proposal.text_en = text_en.strip()
    proposal.save(update_fields=["title", "title_en", "summary_en", "text_en"])
    log_action(instance=proposal, action="extranet.declaration_revise", user=author)
    return proposal


class ProposalState:
    AWAITING = "awaiting"
    PUBLISHED = "published"
    NEEDS_CHANGES = "needs_changes"
    NOT_PUBLISHED = "not_published"  # moderation cancelled, or unpublished later
    DELETED = "deleted"


def proposal_status(proposal: DeclarationProposal) -> dict:
    """What the proposing association sees: the state, the coordinator's comment, the public address."""
    page = proposal.page
    if page is None:
        return {"state": ProposalState.DELETED, "comment": "", "url": ""}
    if page.live:
        translation = page.get_translation_or_none(active_locale())
        shown = translation if translation is not None and translation.live else page
        return {"state": ProposalState.PUBLISHED, "comment": "", "url": shown.get_url() or ""}
    state, comment = moderation_state(page)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return {"state": ProposalState.AWAITING, "comment": "", "url": ""}
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return {"state": ProposalState.NEEDS_CHANGES, "comment": comment, "url": ""}
    return {"state": ProposalState.NOT_PUBLISHED, "comment": comment, "url": ""}


def proposals_of(association: Association) -> list[tuple[DeclarationProposal, dict]]:
    proposals = association.declaration_proposals.select_related("page", "proposer").order_by("-created_at")
    return [(proposal, proposal_status(proposal)) for proposal in proposals]
