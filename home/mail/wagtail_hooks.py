"""The outbox in the admin: coordinators see what was sent, what waits, what failed and why.

Listing and inspecting only (an email is never written in the admin); a failed or interrupted
email can be sent again by someone allowed to change emails. The message itself (its links:
confirmations, password resets) is never shown.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem

from . import outbox
from .models import RESENDABLE, EmailStatus, OutgoingEmail

CHANGE_PERMISSION = "home.change_outgoingemail"


class OutgoingEmailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=capfirst(_("status")), choices=EmailStatus.choices)

    class Meta:
        model = OutgoingEmail
        fields = ["status"]


class OutgoingEmailIndexView(IndexView):
    def get_add_url(self):
        return None  # emails are written by the site

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in RESENDABLE and self.request.user.has_perm(CHANGE_PERMISSION):
            buttons.append(
                MenuItem(
                    pgettext_lazy("outbox", "Send again"),
                    url=reverse("outbox:resend", args=[instance.pk]),
                    icon_name="mail",
                    priority=40,
                )
            )
        return buttons


class OutgoingEmailInspectView(InspectView):
    edit_url_name = None
    delete_url_name = None

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None


def resend_view(request, pk):
    """Ask (GET) and send again (POST) a failed or interrupted email."""
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    email = get_object_or_404(OutgoingEmail, pk=pk)
    index_url = reverse("outbox:index")
    if request.method == "POST":
        if outbox.resend(email):
            messages.success(
                request, gettext("The email to %(recipients)s is queued again.") % {"recipients": email.recipients}
            )
        else:
            messages.error(request, gettext("This email cannot be sent again: it was sent or is already queued."))
        return redirect(index_url)
    return TemplateResponse(request, "mail/resend.html", {"email": email, "index_url": index_url})


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Emails")
    add_to_settings_menu = True
    index_view_class = OutgoingEmailIndexView
    filterset_class = OutgoingEmailFilterSet
    inspect_view_enabled = True
    inspect_view_class = OutgoingEmailInspectView
    inspect_view_fields = [
        "created_at",
        "status",
        "recipients",
        "subject",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
    ]
    copy_view_enabled = False
    search_fields = ["recipients", "subject"]
    search_backend_name = None  # the database's own search: no index of people's addresses
    list_display = [
        "subject",  # the title column: links to the inspect view, carries the "Send again" button
        Column("recipients", label=capfirst(_("recipients"))),
        DateColumn("created_at", label=capfirst(_("queued at")), sort_key="created_at"),
        Column("get_status_display", label=capfirst(_("status")), sort_key="status"),
        Column("attempts", label=capfirst(_("attempts")), sort_key="attempts"),
        Column("last_error", label=capfirst(_("last error"))),
    ]
    ordering = ["-created_at"]

    def get_urlpatterns(self):
        # No add, edit, copy or delete: emails are written by the site, kept as a record.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
            path("resend/<int:pk>/", resend_view, name="resend"),
        ]

    def get_permissions_to_register(self):
        content_type = ContentType.objects.get_for_model(OutgoingEmail)
        return Permission.objects.filter(
            content_type=content_type, codename__in=["view_outgoingemail", "change_outgoingemail"]
        )


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutgoingEmailViewSet("outbox")


class FailedEmailsPanel(Component):
    """On the admin's home page, only when emails could not be sent."""

    name = "failed_emails"
    template_name = "mail/failed_panel.html"
    order = 80

    def __init__(self, count: int):
        self.count = count

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["count"] = self.count
        context["url"] = reverse("outbox:index")
        return context


@hooks.register("construct_homepage_panels")
def add_failed_emails_panel(request, panels):
    if request.user.has_perm("home.view_outgoingemail"):
        count = outbox.failed_count()
        if count:
            panels.append(FailedEmailsPanel(count))
