"""Admin for coordinators: memberships, invitations, meetings, minutes, follow-up actions, internal documents,
proposals."""

import django_filters
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import BallotAdminForm, MeetingAdminForm, RoomResultForm
from .models import (
    Ballot,
    DeclarationProposal,
    FollowUpAction,
    InternalDocument,
    Invitation,
    Meeting,
    Membership,
    Minutes,
    side_by_side,
)
from .permissions import Audience, can_read_document, document_access
from .services import ballots, declarations, invitations, meetings


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


def meeting_attendance_link(meeting):
    """The listing's count of answers (annotated: ``meetings.with_attendance_counts``), to the meeting's report."""
    label = _("%(yes)s attending, %(no)s not attending") % {
        "yes": getattr(meeting, "attending_count", 0),
        "no": getattr(meeting, "not_attending_count", 0),
    }
    return format_html('<a href="{}">{}</a>', reverse("extranet_meeting_attendance", args=[meeting.pk]), label)


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    list_display = [
        "title_fr",
        "kind",
        "starts_at",
        "place_fr",
        Column("attendance", label=_("Attendance"), accessor=meeting_attendance_link),
    ]
    list_filter = ["kind"]
    search_fields = ["title_fr", "title_en", "place_fr", "place_en"]
    # The form refuses observers and former members in a delegation (``permissions.may_represent_collective``).
    edit_handler = ObjectList(Meeting.panels, base_form_class=MeetingAdminForm)

    def get_queryset(self, request):
        return meetings.with_attendance_counts(Meeting.objects.all())


class MinutesViewSet(SnippetViewSet):
    model = Minutes
    icon = "doc-full-inverse"
    list_display = ["__str__", "written_on", "is_published"]
    list_filter = ["is_published"]


# --- Follow-up actions: open, overdue, done -------------------------------------------------------


class ActionState(models.TextChoices):
    OPEN = "open", _("Open")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")


class FollowUpActionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionState.choices, method="filter_state", empty_label=_("All")
    )

    class Meta:
        model = FollowUpAction
        fields = ["association"]

    def filter_state(self, queryset, name, value):
        # The states as the model's queryset defines them (overdue: in the site's time zone).
        return {
            ActionState.OPEN: queryset.open,
            ActionState.OVERDUE: queryset.overdue,
            ActionState.DONE: queryset.done,
        }[value]()


def action_by(action):
    return action.association.name if action.association_id else gettext("Every association")


def action_due(action):
    return date_format(action.due_date, "DATE_FORMAT") if action.due_date else "—"


def action_status(action):
    """Done (when), overdue (since when, flagged in words and in colour), or open."""
    if action.is_done:
        return gettext("Done on %(date)s") % {"date": date_format(action.done_at, "DATE_FORMAT")}
    if action.is_overdue:
        return format_html(
            '<strong class="w-text-critical-200">{}</strong>',
            gettext("Overdue since %(date)s") % {"date": date_format(action.overdue_since, "DATE_FORMAT")},
        )
    return gettext("Open")


def action_note(action):
    note = action.progress_note
    return format_html('<span lang="{}">{}</span>', note.lang, note.value) if note else ""


class FollowUpActionViewSet(SnippetViewSet):
    """Every follow-up action of every meeting, overdue ones first; still edited in their minutes too."""

    model = FollowUpAction
    icon = "tasks"
    sort_order_field = None  # ordered within their minutes, not in this listing
    copy_view_enabled = False
    filterset_class = FollowUpActionFilterSet
    search_fields = ["description_fr", "description_en"]
    list_display = [
        TitleColumn(
            "description",
            label=_("What"),
            accessor=lambda action: str(action)[:80],
            get_url=lambda action: reverse("wagtailsnippets_extranet_followupaction:edit", args=[action.pk]),
        ),
        Column("by", label=_("By"), accessor=action_by),
        Column("due", label=_("Due"), accessor=action_due),
        Column("status", label=_("Status"), accessor=action_status),
        Column("note", label=_("Progress note"), accessor=action_note),
    ]
    panels = [
        FieldPanel("minutes"),
        side_by_side("description", _("What")),
        FieldRowPanel([FieldPanel("association"), FieldPanel("due_date")]),
        FieldRowPanel([FieldPanel("done_at"), FieldPanel("done_by", read_only=True)]),
        side_by_side("progress_note", _("Progress note")),
    ]

    def get_queryset(self, request):
        return (
            FollowUpAction.objects.with_overdue()
            .select_related("association", "minutes__meeting")
            .order_by("-overdue", models.F("done_at").desc(nulls_first=True), models.F("due_date").asc(nulls_last=True))
        )


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
        FollowUpActionViewSet,
        InternalDocumentViewSet,
        DeclarationProposalViewSet,
        BallotViewSet,
    )
    menu_icon = "lock"
    menu_label = _("Extranet")
    menu_name = "extranet"


register_snippet(ExtranetViewSetGroup)


def meeting_attendance_report(request, pk):
    """Every live association and its answer for one meeting: attending (who), not attending, no answer."""
    if not request.user.has_perm("extranet.view_meeting") and not request.user.has_perm("extranet.change_meeting"):
        raise PermissionDenied
    meeting = get_object_or_404(Meeting, pk=pk)
    rows = meetings.attendance_report(meeting)
    return render(
        request,
        "extranet/admin/meeting_attendance.html",
        {
            "meeting": meeting,
            "rows": rows,
            "counts": {state: sum(1 for row in rows if row.state == state) for state in ("yes", "no", "unknown")},
            "edit_url": reverse("wagtailsnippets_extranet_meeting:edit", args=[meeting.pk]),
            "list_url": reverse("wagtailsnippets_extranet_meeting:list"),
        },
    )


@hooks.register("register_admin_urls")
def register_extranet_admin_urls():
    return [
        path("extranet/meetings/<int:pk>/attendance/", meeting_attendance_report, name="extranet_meeting_attendance")
    ]


@hooks.register("after_create_snippet")
def send_new_invitation(request, instance):
    if isinstance(instance, Invitation):
        if instance.invited_by_id is None:
            instance.invited_by = request.user
        invitations.send_invitation(invitation=instance)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_who_marked_done(request, instance):
    """An action a coordinator marks done in the admin is recorded as done by them (if nobody else did)."""
    if isinstance(instance, FollowUpAction) and instance.done_at is not None and instance.done_by_id is None:
        FollowUpAction.objects.filter(pk=instance.pk, done_by__isnull=True).update(done_by=request.user)
    elif isinstance(instance, FollowUpAction) and instance.done_at is None and instance.done_by_id is not None:
        FollowUpAction.objects.filter(pk=instance.pk).update(done_by=None)  # reopened


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
    actions.register_action(
        "extranet.attendance", _("Answer for a meeting"), _("Attendance answered from the extranet")
    )
    actions.register_action("extranet.association_sign", _("Sign for an association"), _("Signed for the association"))
    actions.register_action(
        "extranet.association_withdraw",
        _("Withdraw an association's signature"),
        _("Signature of the association withdrawn"),
    )
    actions.register_action(
        "extranet.declaration_propose", _("Propose a declaration"), _("Declaration proposed from the extranet")
    )
    actions.register_action(
        "extranet.declaration_revise",
        _("Revise a proposed declaration"),
        _("Proposed declaration revised from the extranet"),
    )
