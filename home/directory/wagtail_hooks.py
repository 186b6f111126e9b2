"""Admin of the collective: associations and their reports, with the shared vocabularies, in one menu.

An association's membership (status, its dates, its history) is not edited in the profile's form:
its "Membership history" view lists the periods and records a change through
``home.directory.membership``, as a ballot does.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from home.core.freshness import TRANSLATION_ITEMS_HOOK
from home.taxonomy.wagtail_hooks import IssuingBodyViewSet, TopicViewSet

from . import freshness, membership
from .forms import StatusChangeForm
from .models import Association, AssociationReport, StatusPeriod


class ObserverYearColumn(Column):
    """The end of an observer's year, flagged once it has passed (the collective's vote is due)."""

    cell_template_name = "directory/admin/observer_year_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["ended"] = instance.observer_year_ended
        return context


class AssociationEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Membership history"),
                url=reverse(AssociationViewSet.membership_url_name, args=[self.object.pk]),
                icon_name="history",
                priority=30,
            )
        )
        return buttons


class AssociationViewSet(SnippetViewSet):
    model = Association
    icon = "group"
    list_display = [
        "name",
        "acronym",
        "status",
        "status_since",
        ObserverYearColumn("observer_year_ends_on", label=_("observer year ends on")),
        "live",
    ]
    list_filter = ["status", "live"]
    search_fields = ["name", "acronym"]
    ordering = ["name"]
    edit_view_class = AssociationEditView
    membership_url_name = "wagtailsnippets_home_association:membership"

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("membership/<int:pk>/", self.membership_view, name="membership")]

    def membership_view(self, request, pk):
        """The association's periods, newest first, and the form recording a change of status."""
        association = get_object_or_404(Association, pk=pk)
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        form = StatusChangeForm(request.POST or None, association=association)
        if request.method == "POST" and form.is_valid():
            form.save(request.user)
            messages.success(request, gettext("The new status of %(name)s is recorded.") % {"name": association.name})
            return redirect(self.membership_url_name, association.pk)
        association.refresh_from_db()
        return TemplateResponse(
            request,
            "directory/admin/membership.html",
            {
                "association": association,
                "periods": membership.history(association),
                "form": form,
                "edit_url": reverse(self.get_url_name("edit"), args=[association.pk]),
            },
        )


class AssociationReportViewSet(SnippetViewSet):
    model = AssociationReport
    icon = "doc-full"
    list_display = ["__str__", "association", "year", "visibility", "live"]
    list_filter = ["visibility", "live", "year"]


class ReadOnlyPeriodsPolicy(ModelPermissionPolicy):
    """Periods are read here; a change is recorded from an association's history (``home.directory.membership``)."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action) or user.has_perm("home.change_association")


class StatusPeriodViewSet(SnippetViewSet):
    """Every association's periods, the latest recorded first (read only)."""

    model = StatusPeriod
    icon = "history"
    menu_label = _("Membership periods")
    list_display = [
        "association",
        "status",
        "starts_on",
        "ends_on",
        Column("note", label=_("note"), accessor=lambda period: period.note.value),
        "recorded_by",
        "recorded_at",
    ]
    list_filter = ["status"]
    ordering = ["-recorded_at", "-pk"]
    inspect_view_enabled = True


register_permission_policy(StatusPeriod, ReadOnlyPeriodsPolicy(StatusPeriod), exact_class=True)


class CollectiveViewSetGroup(SnippetViewSetGroup):
    items = (AssociationViewSet, StatusPeriodViewSet, AssociationReportViewSet, TopicViewSet, IssuingBodyViewSet)
    menu_icon = "group"
    menu_label = _("Collective")
    menu_name = "collective"


register_snippet(CollectiveViewSetGroup)


@hooks.register(TRANSLATION_ITEMS_HOOK)
def association_translation_items(request):
    """Each association's profile and reports, in each language, on the translations dashboard."""
    return freshness.translation_items()


@hooks.register("register_snippet_listing_buttons")
def membership_history_button(snippet, user, next_url=None):
    """In the list of associations, each row's "More" menu leads to its membership history."""
    if isinstance(snippet, Association) and user.has_perm("home.change_association"):
        yield Button(
            _("Membership history"),
            url=reverse(AssociationViewSet.membership_url_name, args=[snippet.pk]),
            icon_name="history",
            priority=30,
        )
