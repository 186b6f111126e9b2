"""Admin for coordinators: memberships, invitations, meetings, minutes, internal documents, proposals."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import BallotAdminForm, RoomResultForm
from .models import Ballot, DeclarationProposal, InternalDocument, Invitation, Meeting, Membership, Minutes
from .permissions import Audience, can_read_document, document_access
from .services import ballots, declarations, invitations


class DeclarationProposalPermissionPolicy(ModelPermissionPolicy):
    """Proposals come from the extranet only: coordinators read and annotate them, never add them here."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_permission(self, action):
        if action == "add":
            return super().users_with_permission(action).none()
        return super().users_with_permission(action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action != "add"])


# Registered before any view asks for the model's policy (Wagtail would create a fallback one).
register_permission_policy(DeclarationProposal, DeclarationProposalPermissionPolicy(DeclarationProposal))


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    list_display = ["user", "association", "created_at"]
    list_filter = ["association"]
    search_fields = ["user__email", "association__name"]
    panels = [FieldPanel("user"), FieldPanel("association")]


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    list_display = ["email", "association", "created_at", "expires_at", "accepted_at"]
    list_filter = ["association"]
    search_fields = ["email"]
    panels = [FieldPanel("email"), FieldPanel("association"), FieldPanel("language")]


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    list_display = ["title_fr", "kind", "starts_at", "place_fr"]
    list_filter = ["kind"]
    search_fields = ["title_fr", "title_en", "place_fr", "place_en"]


class MinutesViewSet(SnippetViewSet):
    model = Minutes
    icon = "doc-full-inverse"
    list_display = ["__str__", "written_on", "is_published"]
    list_filter = ["is_published"]


class InternalDocumentViewSet(SnippetViewSet):
    model = InternalDocument
    icon = "folder-inverse"
    list_display = ["title_fr", "category", "created_at"]
    list_filter = ["category"]


def proposal_page_link(proposal):
    """The declaration page in the admin, where coordinators review, translate and publish it."""
    if proposal.page_id is None:
        return "—"
    return format_html('<a href="{}">{}</a>', reverse("wagtailadmin_pages:edit", args=[proposal.page_id]), _("Edit"))


def proposal_english(proposal):
    """Where the English version stands: its page, made on approval from the member's texts, or missing."""
    state = declarations.english_state(proposal)
    if state == declarations.EnglishState.TRANSLATED:
        page = declarations.english_translation(proposal)
        return format_html('<a href="{}">{}</a>', reverse("wagtailadmin_pages:edit", args=[page.pk]), _("English page"))
    if state == declarations.EnglishState.ON_APPROVAL:
        return _("Translated on approval")
    return format_html('<strong class="w-text-critical-200">{}</strong>', _("English translation missing"))


class DeclarationProposalViewSet(SnippetViewSet):
    """Coordinators read what associations proposed, with the English texts that become the translation
    once the page is approved (a coordinator may correct them before)."""

    model = DeclarationProposal
    icon = "doc-full"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        *("association", "proposer", "created_at", "page"),
        *("title", "title_en", "summary_en", "text_en"),
    ]
    list_display = [
        "title",
        "association",
        "proposer",
        "created_at",
        Column("page", label=_("Declaration page"), accessor=proposal_page_link),
        Column("english", label=_("English"), accessor=proposal_english),
    ]
    list_filter = ["association"]
    search_fields = ["title", "title_en"]
    panels = [
        FieldRowPanel([FieldPanel("association", read_only=True), FieldPanel("proposer", read_only=True)]),
        FieldPanel("page", read_only=True),
        FieldPanel("title", read_only=True),
        FieldPanel("title_en"),
        FieldPanel("summary_en"),
        FieldPanel("text_en"),
    ]


def ballot_state(ballot):
    """Open, closed (with its result) or waiting; never a count of choices before the close."""
    ballot = ballots.refresh(ballot)  # a due ballot is closed by whoever reads it
    if ballot.is_closed:
        return format_html(
            "<strong>{}</strong> — {}",
            ballot.get_outcome_display(),
            gettext("%(turnout)s of %(eligible)s voted")
            % {"turnout": ballot.turnout or 0, "eligible": ballot.eligible_count or 0},
        )
    room_url = reverse("extranet_ballot_room_result", args=[ballot.pk])
    room = format_html('<a href="{}">{}</a>', room_url, _("Record a vote held in the room"))
    if ballot.opened_at is None:
        return format_html("{} · {}", _("Not open yet"), room)
    voted = ballot.participations.filter(voted=True).count()
    return format_html(
        "{} · {} · {}",
        ngettext(
            "%(voted)s of %(eligible)s association voted",
            "%(voted)s of %(eligible)s associations voted",
            ballot.eligible_count or 0,
        )
        % {"voted": voted, "eligible": ballot.eligible_count or 0},
        _("Results hidden until the close"),
        room,
    )


class BallotViewSet(SnippetViewSet):
    """Coordinators open ballots; the results appear here only once a ballot is closed."""

    model = Ballot
    icon = "tasks"
    copy_view_enabled = False
    list_display = [
        "question_fr",
        "kind",
        "opens_at",
        "closes_at",
        Column("state", label=_("State"), accessor=ballot_state),
    ]
    list_filter = ["kind"]
    search_fields = ["question_fr", "question_en"]

    def get_edit_handler(self):
        return ObjectList(Ballot.panels, base_form_class=BallotAdminForm).bind_to_model(Ballot)


class ExtranetViewSetGroup(SnippetViewSetGroup):
    items = (
        MembershipViewSet,
        InvitationViewSet,
        MeetingViewSet,
        MinutesViewSet,
        InternalDocumentViewSet,
        DeclarationProposalViewSet,
        BallotViewSet,
    )
    menu_icon = "lock"
    menu_label = _("Extranet")
    menu_name = "extranet"


register_snippet(ExtranetViewSetGroup)


@hooks.register("after_create_snippet")
def send_new_invitation(request, instance):
    if isinstance(instance, Invitation):
        if instance.invited_by_id is None:
            instance.invited_by = request.user
        invitations.send_invitation(invitation=instance)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def fix_ballot_choices(request, instance):
    """An admission ballot has Yes, No and Abstention whatever was typed; a ballot given no choice too."""
    if isinstance(instance, Ballot):
        ballots.ensure_choices(instance)


def room_result(request, pk):
    """A coordinator records the counts of a vote held in the room: it closes the ballot with them."""
    if not request.user.has_perm("extranet.change_ballot"):
        raise PermissionDenied
    ballot = ballots.refresh(get_object_or_404(Ballot, pk=pk))
    list_url = reverse("wagtailsnippets_extranet_ballot:list")
    if ballot.is_closed:
        messages.info(request, _("This ballot is already closed."))
        return redirect(list_url)
    eligible = ballot.eligible_count if ballot.opened_at else ballots.eligible_associations(ballot).count()
    form = RoomResultForm(request.POST or None, ballot=ballot, eligible=eligible)
    if request.method == "POST" and form.is_valid():
        ballots.record_room_result(ballot=ballot, counts=form.counts, user=request.user)
        messages.success(request, _("The vote held in the room is recorded and the ballot is closed."))
        return redirect(list_url)
    return TemplateResponse(
        request,
        "extranet/admin/room_result.html",
        {"ballot": ballot, "form": form, "list_url": list_url, "eligible": eligible},
    )


@hooks.register("register_admin_urls")
def register_ballot_urls():
    return [path("extranet/ballots/<int:pk>/room-result/", room_result, name="extranet_ballot_room_result")]


@hooks.register("before_serve_document")
def protect_documents(document, request):
    """Wagtail's own document URLs serve only public documents; the others go through the extranet.

    Who may read a document is decided in one place (``permissions.document_access``). Those
    allowed are sent to the extranet's download view: Wagtail's own response carries no
    ``Cache-Control: private``, so a shared cache could keep a non-public file and hand it to the
    next anonymous visitor (and the hook can only return a non-streaming response). Anonymous
    visitors are asked to log in; logged-in users not allowed get a 404, as in the extranet.
    """
    access = document_access(document)
    if access.audience == Audience.PUBLIC:
        return None
    if can_read_document(request.user, document, access):
        return redirect("extranet:document_download", pk=document.pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


# --- Audit: what associations change from the extranet -----------------------------------


@hooks.register("register_log_actions")
def register_extranet_log_actions(actions):
    # A ballot's entries say who voted (its users) and when it closed, never how anyone voted.
    actions.register_action("extranet.ballot_vote", _("Vote in a ballot"), _("An association voted"))
    actions.register_action("extranet.ballot_close", _("Close a ballot"), _("Ballot closed"))
    actions.register_action(
        "extranet.ballot_room_result", _("Record a vote held in the room"), _("Vote held in the room recorded")
    )
    actions.register_action("extranet.report_upload", _("Upload a report"), _("Report uploaded from the extranet"))
    actions.register_action("extranet.action_done", _("Mark an action as done"), _("Action marked as done"))
    actions.register_action("extranet.association_sign", _("Sign for an association"), _("Signed for the association"))
    actions.register_action(
        "extranet.declaration_propose", _("Propose a declaration"), _("Declaration proposed from the extranet")
    )
    actions.register_action(
        "extranet.declaration_revise",
        _("Revise a proposed declaration"),
        _("Proposed declaration revised from the extranet"),
    )
