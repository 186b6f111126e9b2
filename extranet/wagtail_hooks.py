"""Admin for coordinators: memberships, invitations, meetings, minutes, internal documents."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import services
from .models import InternalDocument, Invitation, Meeting, Membership, Minutes
from .permissions import can_read_document, is_members_only


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "association", "created_at"]
    list_filter = ["association"]
    search_fields = ["user__email", "association__name"]
    panels = [FieldPanel("user"), FieldPanel("association")]


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    list_display = ["email", "association", "created_at", "expires_at", "accepted_at"]
    list_filter = ["association"]
    search_fields = ["email"]
    panels = [FieldPanel("email"), FieldPanel("association"), FieldPanel("language")]


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    list_display = ["title", "kind", "starts_at", "place"]
    list_filter = ["kind"]
    search_fields = ["title", "place"]


class MinutesViewSet(SnippetViewSet):
    model = Minutes
    icon = "doc-full-inverse"
    menu_label = _("Minutes")
    list_display = ["__str__", "written_on", "is_published"]
    list_filter = ["is_published"]


class InternalDocumentViewSet(SnippetViewSet):
    model = InternalDocument
    icon = "folder-inverse"
    menu_label = _("Internal documents")
    list_display = ["title", "category", "created_at"]
    list_filter = ["category"]


class ExtranetViewSetGroup(SnippetViewSetGroup):
    items = (MembershipViewSet, InvitationViewSet, MeetingViewSet, MinutesViewSet, InternalDocumentViewSet)
    menu_icon = "lock"
    menu_label = _("Extranet")
    menu_name = "extranet"


register_snippet(ExtranetViewSetGroup)


@hooks.register("after_create_snippet")
def send_new_invitation(request, instance):
    if isinstance(instance, Invitation):
        if instance.invited_by_id is None:
            instance.invited_by = request.user
        services.send_invitation(invitation=instance, request=request)


@hooks.register("before_serve_document")
def protect_members_only_documents(document, request):
    """Wagtail's own document URLs refuse members-only files to anyone but members.

    Members are sent to the extranet's download view: Wagtail's own response carries no
    ``Cache-Control: private``, so a shared cache could keep a members-only file and hand it
    to the next anonymous visitor (and the hook can only return a non-streaming response).
    """
    if not is_members_only(document):
        return None
    if not can_read_document(request.user, document):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return HttpResponseForbidden()
    return redirect("extranet:document_download", pk=document.pk)
