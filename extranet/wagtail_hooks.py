"""Admin for coordinators: memberships, invitations, meetings, minutes, internal documents."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import services
from .models import InternalDocument, Invitation, Meeting, Membership, Minutes
from .permissions import can_read_document


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
    """Wagtail's own document URLs refuse members-only files to anyone but members."""
    if not can_read_document(request.user, document):
        from django.contrib.auth.views import redirect_to_login

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        from django.http import HttpResponseForbidden

        return HttpResponseForbidden()
    return None
