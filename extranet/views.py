"""Member area views: thin, the work is in services/ (a module per flow), the rules in permissions.py."""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_info, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.documents import get_document_model

from home.core.links import site_url
from home.core.notifications import recipient_language
from home.core.pdf import html_to_pdf
from home.models import Association, AssociationContact, AssociationReport
from home.news.calendar import ics_response

from .forms import (
    AcceptInvitationForm,
    ActionDoneForm,
    AttendanceForm,
    DeclarationProposalForm,
    ProfileForm,
    ReportForm,
    ReportTitlesForm,
    SignForAssociationForm,
)
from .models import Ballot, BallotChoice, FollowUpAction, InternalDocument, Meeting, Minutes
from .permissions import (
    attendance_refusal,
    ballot_vote_refusal,
    can_edit_association,
    can_read_document,
    is_extranet_member,
    may_mark_action_done,
    may_sign_for_association,
    member_associations,
)
from .services import (
    ballots,
    calendar,
    checklist,
    declarations,
    invitations,
    meetings,
    profiles,
    reports,
    websites,
)

security_logger = logging.getLogger("extranet.security")


def private(response):
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def bound_data(request) -> tuple:
    """(data, files) for a POST, even an empty one (which must show "required" errors), else (None, None)."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def member_required(view):
    """Logged-in extranet members only; anonymous visitors go to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_extranet_member(request.user):
            raise PermissionDenied
        return private(view(request, *args, **kwargs))

    return wrapper


def own_association(request, slug: str) -> Association:
    """The association named in the URL, if the user acts for it; 403 otherwise (and logged)."""
    association = get_object_or_404(Association, slug=slug)
    if not can_edit_association(request.user, association):
        security_logger.warning(
            "refused: user %s on association %s (%s %s)", request.user.pk, association.pk, request.method, request.path
        )
        raise PermissionDenied
    return association


@member_required
def dashboard(request):
    return render_dashboard(request)


def render_dashboard(request, *, action_forms: dict | None = None):
    """The dashboard; ``action_forms`` ({action pk: bound form}) shows a "done" form again with its errors."""
    action_forms = action_forms or {}
    associations = list(member_associations(request.user).select_related("logo"))
    to_translate = checklist.texts_to_translate(associations)
    cards = []
    for association in associations:
        cards.append(
            {
                "association": association,
                "missing": checklist.missing_items(association),
                "to_translate": to_translate[association.pk],
                "broken_websites": list(association.website_checks.filter(ok=False)),
                "profile_status": profiles.profile_status(association),
                "actions": with_done_forms(meetings.open_actions_for(association)[:20], action_forms),
                "reports": list(association.reports.select_related("document").order_by("-year")[:5]),
                "proposals": declarations.proposals_of(association),
            }
        )
    return render(
        request,
        "extranet/dashboard.html",
        {
            "cards": cards,
            "declarations": declarations.declarations_to_sign(associations) if associations else [],
            "meetings": list(meetings.upcoming_meetings()[:5]),
            "latest_minutes": list(meetings.published_minutes()[:3]),
            "open_ballots": [ballot for ballot in ballots.current_ballots() if ballot.is_open()],
        },
    )


def with_done_forms(actions, action_forms: dict) -> list:
    """Each action with its "done" form (``action.done_form``): the bound one given, else an empty one."""
    actions = list(actions)
    for action in actions:
        action.done_form = action_forms.get(action.pk) or ActionDoneForm(prefix=ActionDoneForm.prefix_for(action))
    return actions


@member_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, slug):
    association = own_association(request, slug)
    profile = profiles.editable_profile(association)
    form = ProfileForm(*bound_data(request), instance=profile)
    if request.method == "POST":
        if form.is_valid():
            edited = form.save(commit=False)
            form.save_logo(request.user)
            profiles.submit_profile(association=edited, user=request.user)
            messages.success(request, _("Your changes were sent to the coordination for approval."))
            return redirect("extranet:dashboard")
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    return render(
        request,
        "extranet/profile_edit.html",
        {"association": association, "form": form, "profile_status": profiles.profile_status(association)},
    )


@member_required
@require_http_methods(["GET", "POST"])
def report_upload(request, slug):
    association = own_association(request, slug)
    form = ReportForm(*bound_data(request))
    if request.method == "POST" and form.is_valid():
        report = reports.upload_report(
            association=association,
            user=request.user,
            year=form.cleaned_data["year"],
            visibility=form.cleaned_data["visibility"],
            uploaded_file=form.cleaned_data["file"],
            title_fr=form.cleaned_data["title_fr"],
            title_en=form.cleaned_data["title_en"],
        )
        if report.live:
            messages.success(request, _("The report was added."))
        else:
            messages.success(
                request, _("The report was sent to the coordination: it will be on the public profile once approved.")
            )
        return redirect("extranet:dashboard")
    earlier = association.reports.select_related("document").order_by("-year")
    return render(
        request, "extranet/report_upload.html", {"association": association, "form": form, "reports": earlier}
    )


@member_required
@require_http_methods(["GET", "POST"])
def report_edit(request, slug, pk):
    """The titles of one of the association's reports, in both languages, sent for approval."""
    association = own_association(request, slug)
    report = get_object_or_404(AssociationReport, pk=pk, association=association)
    form = ReportTitlesForm(*bound_data(request)[:1], instance=reports.editable_report(report))
    if request.method == "POST":
        if form.is_valid():
            reports.submit_titles(
                report=report,
                user=request.user,
                title_fr=form.cleaned_data["title_fr"],
                title_en=form.cleaned_data["title_en"],
            )
            messages.success(request, _("Your changes were sent to the coordination for approval."))
            return redirect("extranet:dashboard")
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    return render(
        request,
        "extranet/report_edit.html",
        {"association": association, "report": report, "form": form, "status": reports.report_status(report)},
    )


def signing_association(request, slug: str) -> Association:
    """The association named in the URL, if the user may sign in its name; 403 otherwise (and logged)."""
    association = own_association(request, slug)
    if not may_sign_for_association(request.user, association):
        security_logger.warning(
            "refused: user %s signing for association %s (%s %s)",
            request.user.pk,
            association.pk,
            request.method,
            request.path,
        )
        raise PermissionDenied
    return association


def dashboard_declarations():
    return redirect(f"{reverse('extranet:dashboard')}#declarations")


@member_required
@require_http_methods(["GET", "POST"])
def declaration_sign(request, translation_key, slug):
    """Sign in the association's name, once the user confirmed it (the name is shown publicly)."""
    association = signing_association(request, slug)
    declaration = declarations.find_declaration(translation_key)
    if declaration is None:
        raise Http404
    if not declaration.is_open_for_signature:
        messages.error(request, _("This declaration no longer takes signatures."))
        return dashboard_declarations()
    if declarations.association_signatures([declaration], [association]):
        messages.info(request, _("%(association)s had already signed.") % {"association": association.name})
        return dashboard_declarations()
    form = SignForAssociationForm(bound_data(request)[0], association=association)
    if request.method == "POST" and form.is_valid():
        try:
            _signature, created = declarations.sign_for_association(
                declaration=declaration, association=association, user=request.user
            )
        except declarations.DeclarationClosed:
            messages.error(request, _("This declaration no longer takes signatures."))
        else:
            if created:
                messages.success(
                    request,
                    _("%(association)s signed « %(declaration)s ».")
                    % {"association": association.name, "declaration": declaration.title},
                )
            else:
                messages.info(request, _("%(association)s had already signed.") % {"association": association.name})
        return dashboard_declarations()
    return render(
        request,
        "extranet/declaration_sign.html",
        {"association": association, "declaration": declaration, "form": form},
    )


@member_required
@require_POST
def declaration_withdraw(request, translation_key, slug):
    """Withdraw the association's signature, while the declaration still takes signatures."""
    association = signing_association(request, slug)
    declaration = declarations.find_declaration(translation_key)
    if declaration is None:
        raise Http404
    names = {"association": association.name, "declaration": declaration.title}
    try:
        withdrawn = declarations.withdraw_for_association(
            declaration=declaration, association=association, user=request.user
        )
    except declarations.DeclarationClosed:
        messages.error(
            request,
            _("« %(declaration)s » is closed: the signature of %(association)s can no longer be withdrawn.") % names,
        )
    else:
        if withdrawn:
            message = _("The signature of %(association)s was withdrawn from « %(declaration)s ».")
            messages.success(request, message % names)
        else:
            messages.info(request, _("%(association)s had not signed « %(declaration)s ».") % names)
    return dashboard_declarations()


@member_required
@require_http_methods(["GET", "POST"])
def declaration_propose(request, slug):
    association = own_association(request, slug)
    form = DeclarationProposalForm(*bound_data(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                declarations.propose_declaration(
                    association=association,
                    author=request.user,
                    texts=declarations.ProposedTexts(**form.cleaned_data),
                )
            except declarations.NoModerationWorkflow:
                messages.error(
                    request,
                    _("Proposals cannot be received at the moment; please contact the coordination."),
                )
            else:
                messages.success(request, _("Your proposal was sent to the coordination for approval."))
                return redirect(f"{reverse('extranet:dashboard')}#proposals-{association.pk}")
    return render(request, "extranet/declaration_propose.html", {"association": association, "form": form})


@member_required
@require_http_methods(["GET", "POST"])
def declaration_revise(request, slug, pk):
    """A proposal the coordination sent back for changes: corrected, then sent for approval again."""
    association = own_association(request, slug)
    proposal = get_object_or_404(association.declaration_proposals.select_related("page"), pk=pk)
    status = declarations.proposal_status(proposal)
    if status["state"] != declarations.ProposalState.NEEDS_CHANGES:
        messages.info(request, _("This proposal is not waiting for changes: there is nothing to revise."))
        return redirect(f"{reverse('extranet:dashboard')}#proposals-{association.pk}")
    form = DeclarationProposalForm(*bound_data(request), initial=declarations.proposal_initial(proposal))
    if request.method == "POST" and form.is_valid():
        try:
            declarations.revise_proposal(
                proposal, author=request.user, texts=declarations.ProposedTexts(**form.cleaned_data)
            )
        except declarations.ProposalNotRevisable:
            messages.error(request, _("This proposal can no longer be revised: it was handled in the meantime."))
        else:
            messages.success(request, _("Your revised proposal was sent to the coordination for approval."))
        return redirect(f"{reverse('extranet:dashboard')}#proposals-{association.pk}")
    return render(
        request,
        "extranet/declaration_propose.html",
        {"association": association, "form": form, "proposal": proposal, "comment": status["comment"]},
    )


@member_required
@require_POST
def website_check(request, slug):
    association = own_association(request, slug)
    results = websites.check_association_websites(association, timeout=5)
    if results and all(check.ok for check in results):
        messages.success(request, _("Your websites answer."))
    elif results:
        messages.warning(request, _("At least one of your websites does not answer."))
    else:
        messages.info(request, _("Your profile has no website to check."))
    return redirect("extranet:dashboard")


@member_required
@require_POST
def action_done(request, pk):
    """Mark an action done, with an optional progress note; a note too long shows the dashboard again
    with the typed text and the error next to its field."""
    action = get_object_or_404(FollowUpAction.objects.select_related("association"), pk=pk, done_at__isnull=True)
    if not may_mark_action_done(request.user, action):
        security_logger.warning("refused: user %s on action %s", request.user.pk, action.pk)
        raise PermissionDenied
    form = ActionDoneForm(request.POST, prefix=ActionDoneForm.prefix_for(action))
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
        return render_dashboard(request, action_forms={action.pk: form})
    meetings.mark_action_done(
        action=action, user=request.user, note_fr=form.cleaned_data["note_fr"], note_en=form.cleaned_data["note_en"]
    )
    messages.success(request, _("The action is marked as done."))
    return redirect("extranet:dashboard")


@member_required
def meeting_list(request):
    return render(
        request,
        "extranet/meetings.html",
        {
            "upcoming": list(meetings.upcoming_meetings()),
            "open_actions": list(meetings.all_open_actions()),
            "minutes_list": list(meetings.published_minutes()),
        },
    )


def meeting_page(request, meeting: Meeting, bound_forms: dict | None = None, status: int = 200):
    """The meeting's page: what it is, its agenda (with the open actions, for the next plenary) and,
    before it starts, an attendance form for each of the user's associations."""
    bound_forms = bound_forms or {}
    answers = {attendance.association_id: attendance for attendance in meeting.attendances.all()}
    forms = []
    for association in member_associations(request.user):
        refusal = attendance_refusal(association, meeting)
        form = bound_forms.get(association.pk)
        if form is None and not refusal:
            form = AttendanceForm(association=association, attendance=answers.get(association.pk))
        forms.append(
            {"association": association, "form": form, "answer": answers.get(association.pk), "refusal": refusal}
        )
    next_plenary = meetings.next_plenary()
    is_next_plenary = next_plenary is not None and next_plenary.pk == meeting.pk
    return render(
        request,
        "extranet/meeting_detail.html",
        {
            "meeting": meeting,
            "attendance_forms": forms,
            "attending": [answer for answer in answers.values() if answer.attends],
            "not_attending": [answer for answer in answers.values() if not answer.attends],
            "open_actions": list(meetings.all_open_actions()) if is_next_plenary else None,
            "minutes": meetings.published_minutes_of(meeting),
        },
        status=status,
    )


def find_meeting(pk) -> Meeting:
    try:
        return meetings.meeting_with_details(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


@member_required
def meeting_detail(request, pk):
    return meeting_page(request, find_meeting(pk))


@member_required
@require_POST
def meeting_attendance(request, pk, slug):
    """One association's answer: whether it comes, and who; changeable until the meeting starts."""
    meeting = find_meeting(pk)
    association = own_association(request, slug)
    form = AttendanceForm(request.POST, association=association)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
        return meeting_page(request, meeting, {association.pk: form}, status=400)
    try:
        meetings.answer_attendance(
            meeting=meeting,
            association=association,
            user=request.user,
            attends=form.cleaned_data["attends"] == "yes",
            people=form.cleaned_data["people"],
        )
    except meetings.AttendanceClosed as closed:
        messages.error(request, closed.reason)
    else:
        messages.success(request, _("The answer of %(association)s is recorded.") % {"association": association.name})
    return redirect(f"{reverse('extranet:meeting_detail', args=[meeting.pk])}#attendance")


def published_minutes_or_404(pk) -> Minutes:
    return get_object_or_404(
        Minutes.objects.select_related("meeting").prefetch_related(
            "participants__association", "items", "annexes__document", "actions__association"
        ),
        pk=pk,
        is_published=True,
    )


@member_required
def minutes_detail(request, pk):
    minutes = published_minutes_or_404(pk)
    return render(
        request,
        "extranet/minutes_detail.html",
        {"minutes": minutes, "ballots": ballots.ballots_of_meeting(minutes.meeting)},
    )


@member_required
def minutes_pdf(request, pk):
    """The minutes as a PDF download, in the language of the address."""
    minutes = published_minutes_or_404(pk)
    html = render_to_string(
        "extranet/minutes_pdf.html",
        {
            "minutes": minutes,
            "ballots": ballots.ballots_of_meeting(minutes.meeting),
            "site_url": site_url("").rstrip("/"),
        },
        request=request,
    )
    content = html_to_pdf(html, base_url=site_url(request.path))
    response = HttpResponse(content, content_type="application/pdf")
    date = timezone.localdate(minutes.meeting.starts_at).isoformat()
    name = pgettext("file name", "minutes-%(date)s.pdf") % {"date": date}
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@member_required
def my_calendar(request):
    """The address of the user's private calendar feed (made on the first visit), and how to subscribe."""
    feed = calendar.feed_of(request.user)
    language = get_language_info(recipient_language(request.user))["name_translated"]
    return render(request, "extranet/calendar.html", {"feed_url": calendar.feed_url(feed), "feed_language": language})


# --- Ballots -------------------------------------------------------------------------------


@member_required
def ballot_list(request):
    return render(request, "extranet/ballots.html", {"ballots": ballots.current_ballots()})


@member_required
def ballot_detail(request, pk):
    """A ballot: the vote of the reader's associations (or why they may not), its result once closed."""
    ballot = get_object_or_404(Ballot.objects.select_related("meeting", "concerned_association"), pk=pk)
    ballot = ballots.refresh(ballot)
    associations = list(member_associations(request.user))
    return render(
        request,
        "extranet/ballot_detail.html",
        {
            "ballot": ballot,
            "choices": list(ballot.choices.all()),
            "rows": ballots.voter_rows(ballot, associations),
            "result": ballots.result_of(ballot),
        },
    )


@member_required
@require_POST
def calendar_reset(request):
    calendar.reset_feed(request.user)
    messages.success(request, _("Your calendar has a new address: the previous one no longer works."))
    return redirect("extranet:calendar")


def calendar_feed(request, token):
    """The private feed, for calendar applications (no session): the token is the key, a wrong or old
    one, or that of a user who may no longer read the meetings, is a plain 404."""
    user = calendar.user_of_token(token)
    if user is None:
        raise Http404
    response = ics_response(calendar.calendar_for(user), "contrelatraite.ics")
    response["X-Robots-Tag"] = "noindex, nofollow"
    return private(response)


@member_required
@require_POST
def ballot_vote(request, pk, slug):
    """The association's vote (a new one, or a change): its users only, full members on the roll only.

    Neither the message shown afterwards nor any log line names the choice (README, "Ballot secrecy").
    """
    association = own_association(request, slug)
    ballot = ballots.refresh(get_object_or_404(Ballot, pk=pk))
    reason = ballot_vote_refusal(association, ballot)
    if reason:
        security_logger.warning(
            "refused: user %s voting for association %s on ballot %s", request.user.pk, association.pk, ballot.pk
        )
        raise PermissionDenied
    picked = request.POST.get("choice", "")
    choice = BallotChoice.objects.filter(ballot=ballot, pk=int(picked)).first() if picked.isdigit() else None
    if choice is None:
        messages.error(request, _("Please choose an answer; nothing was recorded."))
        return redirect("extranet:ballot_detail", pk=ballot.pk)
    try:
        ballots.cast_vote(ballot=ballot, association=association, choice=choice, user=request.user)
    except ballots.VoteRefused as refused:
        messages.error(request, refused.reason)
    else:
        messages.success(
            request,
            _("The vote of %(association)s is recorded. It may be changed until the ballot closes.")
            % {"association": association.name},
        )
    return redirect("extranet:ballot_detail", pk=ballot.pk)


@member_required
def documents(request):
    internal = InternalDocument.objects.select_related("document").order_by("category", "title_fr")
    return render(request, "extranet/documents.html", {"documents": internal})


@member_required
def document_download(request, pk):
    """Files for those allowed to read them (``can_read_document``), always as downloads, never cached by a
    shared cache; a 404 for the others, so that ids cannot be probed."""
    document = get_object_or_404(get_document_model().objects.select_related("collection"), pk=pk)
    if not can_read_document(request.user, document):
        raise Http404
    return download_response(document)


def download_response(document):
    """A file as a download only, never sniffed nor rendered, never kept by a shared cache."""
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return private(response)


@member_required
def directory(request):
    associations = Association.objects.filter(live=True).prefetch_related("contacts").order_by("name")
    return render(
        request, "extranet/directory.html", {"associations": associations, "contact_model": AssociationContact}
    )


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = invitations.find_usable_invitation(token)
    if invitation is None:
        return private(render(request, "extranet/invitation_invalid.html", status=410))
    if invitations.existing_account_for(invitation) is not None:
        # Already has an account: join the association, then log in as usual.
        if request.method == "POST":
            invitations.accept_invitation(invitation=invitation)
            messages.success(request, _("The association was added to your account. Please log in."))
            return redirect("account_login")
        return private(render(request, "extranet/accept_invitation.html", {"form": None, "invitation": invitation}))
    form = AcceptInvitationForm(*bound_data(request)[:1], email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = invitations.accept_invitation(
            invitation=invitation,
            password=form.cleaned_data["password1"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(request, _("Welcome! Your account is ready."))
        return redirect("extranet:dashboard")
    return private(render(request, "extranet/accept_invitation.html", {"form": form, "invitation": invitation}))
