"""Admin of the signatures of declarations: list, filter, export, delete (never add or edit); the
handover pack of a declaration (PDF and CSV of its public signatories)."""

import csv
import datetime
import io
from collections import OrderedDict

import django_filters
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.models import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.log_actions import log

from home.core.links import page_url, site_url
from home.core.pdf import html_to_pdf
from home.core.spreadsheets import FormulaSafeExportMixin, neutralise_formula

from . import abuse, handover
from .forms import InvalidationForm
from .models import Signature, SignatureInvalidation, SignatureKind, SignatureStatus
from .open_data import declaration_titles
from .pages import DeclarationPage

PERSONAL_DATA_PERMISSION = "home.view_signer_personal_data"


# Who sees what:
# - coordinators (superusers) and anyone given "Can see signers' personal data" see the
#   signers' names, emails and organisations, search them and export them as CSV/XLSX;
# - other admin users given "Can view" (or "Can delete") signatures see the same list with the
#   personal columns left out: declaration, kind, status, country and dates only; no search
#   (a search by email would tell whether someone signed), and exports without personal columns.
#   They may delete a signature if they have "Can delete", the page naming it "Signature #id";
# - association users have no Wagtail admin access at all, so they never see signatures.
# Signatures are never added or edited in the admin: people sign on the site, associations
# in the extranet.


def can_see_personal_data(user) -> bool:
    return user.has_perm(PERSONAL_DATA_PERMISSION)


def signature_label(signature, *, personal: bool) -> str:
    """How the admin names a signature: the signer's name only for those allowed to see it."""
    if signature.kind == SignatureKind.ORGANISATION or personal:
        return signature.display_name or gettext("Signature #%(id)s") % {"id": signature.pk}
    return gettext("Signature #%(id)s") % {"id": signature.pk}


def declaration_choices():
    return sorted(declaration_titles().items(), key=lambda item: item[1].lower())


class SignatureFilterSet(WagtailFilterSet):
    declaration_key = django_filters.ChoiceFilter(label=_("declaration"), choices=declaration_choices)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=SignatureKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=SignatureStatus.choices)

    class Meta:
        model = Signature
        fields = ["declaration_key", "kind", "status"]


class SignatureIndexView(FormulaSafeExportMixin, IndexView):
    """Signatures of every declaration, filtered by declaration, kind and status; exportable."""

    filterset_class = SignatureFilterSet
    search_fields = ["first_name", "last_name", "email", "organisation"]
    personal_fields = ("first_name", "last_name", "email", "organisation")
    export_fields = (
        "id",
        "declaration",
        "declaration_key",
        "kind",
        "status",
        "first_name",
        "last_name",
        "email",
        "organisation",
        "association",
        "country",
        "show_publicly",
        "language",
        "created_at",
        "confirmed_at",
        "consent_version",
    )
    export_headings = {
        "id": _("ID"),
        "declaration": _("declaration"),
        "declaration_key": _("declaration key"),
        "kind": _("kind"),
        "status": _("status"),
        "first_name": _("first name"),
        "last_name": _("last name"),
        "email": _("email"),
        "organisation": _("organisation"),
        "association": _("association"),
        "country": _("country"),
        "show_publicly": _("name shown publicly"),
        "language": _("language"),
        "created_at": _("signed on"),
        "confirmed_at": _("confirmed on"),
        "consent_version": _("consent version"),
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.personal = can_see_personal_data(request.user)
        if self.personal:
            self.list_export = list(self.export_fields)
        else:
            self.search_fields = None  # no search form, and ?q= is ignored
            self.list_export = [field for field in self.export_fields if field not in self.personal_fields]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("association")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("home.delete_signature"):
            buttons += [
                HeaderButton(_("Invalidate signatures"), reverse("signatures:invalidate"), icon_name="warning"),
                HeaderButton(_("Invalidations"), reverse("signatures:invalidations"), icon_name="history"),
            ]
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.request.user.has_perm("home.delete_signature"):
            context["bursts"] = self.bursts()
        return context

    def bursts(self) -> list[dict]:
        """Suspicious bursts, each with its declaration and the link that previews their invalidation."""
        titles = self.declaration_titles
        found = []
        for burst in abuse.bursts()[:20]:
            query = {"declaration": str(burst.declaration_key), burst.kind: burst.value}
            query["starts_at"] = timezone.localtime(burst.hour).strftime("%Y-%m-%dT%H:%M")
            query["ends_at"] = timezone.localtime(burst.ends_at).strftime("%Y-%m-%dT%H:%M")
            found.append(
                {
                    "burst": burst,
                    "declaration": titles.get(burst.declaration_key, ""),
                    "url": f"{reverse('signatures:invalidate')}?{urlencode(query)}",
                }
            )
        return found

    @cached_property
    def declaration_titles(self):
        """{translation_key: title}, one query for the whole page."""
        return declaration_titles()

    def declaration_title(self, signature) -> str:
        return self.declaration_titles.get(signature.declaration_key) or str(signature.declaration_key)

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        columns = [
            title_column_class(
                "signer",
                label=_("Signer"),
                accessor=lambda signature: signature_label(signature, personal=self.personal),
                get_url=lambda signature: None,
                sort_key="last_name" if self.personal else None,
            )
        ]
        if self.personal:
            columns += [
                Column("email", label=capfirst(_("email")), sort_key="email"),
                Column("organisation", label=capfirst(_("organisation")), sort_key="organisation"),
            ]
        columns += [
            Column("declaration", label=capfirst(_("declaration")), accessor=self.declaration_title),
            Column("kind", label=capfirst(_("kind")), accessor="get_kind_display", sort_key="kind"),
            Column("status", label=capfirst(_("status")), accessor="get_status_display", sort_key="status"),
            Column("country", label=capfirst(_("country")), accessor="country.name"),
            DateColumn("created_at", label=capfirst(_("signed on")), sort_key="created_at"),
            DateColumn("confirmed_at", label=capfirst(_("confirmed on")), sort_key="confirmed_at"),
        ]
        return columns

    def get_edit_url(self, instance):
        return None  # signatures are never edited in the admin

    def get_copy_url(self, instance):
        return None

    def get_add_url(self):
        return None

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        label = signature_label(instance, personal=self.personal)
        for button in buttons:  # the dropdown's aria-label names the object with str(instance)
            if "aria-label" in getattr(button, "attrs", {}):
                button.attrs["aria-label"] = gettext("More options for '%(title)s'") % {"title": label}
        return buttons

    def get_heading(self, queryset, field):
        return capfirst(super().get_heading(queryset, field))

    def to_row_dict(self, item):
        values = {
            "declaration": self.declaration_title(item),
            "kind": item.get_kind_display(),
            "status": item.get_status_display(),
            "association": item.association.name if item.association_id else "",
            "country": item.country.code,
        }
        return OrderedDict(
            (field, values[field] if field in values else getattr(item, field)) for field in self.list_export
        )

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).replace(microsecond=0)
            if export_format == self.FORMAT_CSV:
                return value.isoformat()
        # Then FormulaSafeExportMixin: no CSV cell typed by a signer runs as a formula.
        return super().preprocess_field_value(field, value, export_format)


class SignatureDeleteView(DeleteView):
    """Remove a spam signature; the audit log records who removed which one, without personal data."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.personal = can_see_personal_data(request.user)

    def get_usage_url(self):
        return None  # nothing refers to a signature

    def get_page_subtitle(self):
        return signature_label(self.object, personal=self.personal)

    def get_success_message(self):
        return gettext("Signature deleted.")

    def audit_title(self) -> str:
        signature = self.object
        title = declaration_titles().get(signature.declaration_key) or str(signature.declaration_key)
        return f"{gettext('Signature #%(id)s') % {'id': signature.pk}} · {title}"

    def delete_action(self):
        signature = self.object
        with transaction.atomic():
            log(
                instance=signature,
                action="wagtail.delete",
                user=self.request.user,
                title=self.audit_title(),
                deleted=True,
                data={
                    "declaration_key": str(signature.declaration_key),
                    "kind": signature.kind,
                    "status": signature.status,
                },
            )
            signature.delete()


class SignatureViewSet(ModelViewSet):
    model = Signature
    icon = "form"
    menu_label = _("Signatures")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SignatureIndexView
    index_template_name = "home/declarations/admin/signature_index.html"
    delete_view_class = SignatureDeleteView
    copy_view_enabled = False
    export_filename = "signatures"

    def get_urlpatterns(self):
        # No add, edit, copy, history or usage views: listing, export and delete only.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
            path("invalidate/", invalidate_view, name="invalidate"),
            path("invalidations/", invalidations_view, name="invalidations"),
            path("invalidations/<int:pk>/undo/", undo_invalidation_view, name="undo_invalidation"),
        ]

    def get_permissions_to_register(self):
        """View, delete and see personal data; adding or changing signatures is not a thing."""
        content_type = ContentType.objects.get_for_model(Signature)
        return Permission.objects.filter(content_type=content_type).exclude(
            codename__in=["add_signature", "change_signature"]
        )


@hooks.register("register_admin_viewset")
def register_signature_viewset():
    return SignatureViewSet("signatures")


# --- The handover pack -------------------------------------------------------------------------


def _editable_declaration(request, page_id: int):
    """The declaration ``page_id`` in the language of its own page, if the admin user may edit it."""
    page = get_object_or_404(DeclarationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def _download(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


def handover_pdf(request, page_id: int):
    """The declaration's handover pack as a PDF, in the declaration's language: its text, the counts
    by country, the public signatories (associations, then people who agreed to be shown) and the date."""
    page = _editable_declaration(request, page_id)
    with translation.override(page.locale.language_code):
        context = {
            "page": page,
            "figures": handover.country_figures(page),
            "signatories": handover.public_signatories(page),
            "generated_at": timezone.localtime(),
            "page_url": page_url(page),
        }
        html = render_to_string("home/declarations/handover_pdf.html", context)
        name = pgettext("file name", "signatories-%(slug)s-%(date)s.pdf") % {
            "slug": page.slug,
            "date": timezone.localdate().isoformat(),
        }
    return _download(HttpResponse(html_to_pdf(html, base_url=site_url("/")), content_type="application/pdf"), name)


def handover_csv(request, page_id: int):
    """The public signatories as a CSV file (UTF-8 with a byte order mark, for spreadsheet programs),
    in the declaration's language; no cell can start a formula."""
    page = _editable_declaration(request, page_id)
    with translation.override(page.locale.language_code):
        rows = handover.csv_rows(page)
        name = pgettext("file name", "signatories-%(slug)s-%(date)s.csv") % {
            "slug": page.slug,
            "date": timezone.localdate().isoformat(),
        }
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([neutralise_formula(value) for value in row])
    return _download(HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8"), name)


@hooks.register("register_admin_urls")
def register_handover_urls():
    return [
        path("declarations/<int:page_id>/handover.pdf", handover_pdf, name="declaration_handover_pdf"),
        path("declarations/<int:page_id>/signatories.csv", handover_csv, name="declaration_handover_csv"),
    ]


def handover_buttons(page, user, priority: int):
    """The downloads of a declaration's handover pack, for those who may edit it."""
    is_declaration = issubclass(page.specific_class or type(None), DeclarationPage)
    if not is_declaration or not page.permissions_for_user(user).can_edit():
        return []
    return [
        Button(
            _("Handover pack (PDF)"),
            reverse("declaration_handover_pdf", args=[page.pk]),
            icon_name="download",
            priority=priority,
        ),
        Button(
            _("Public signatories (CSV)"),
            reverse("declaration_handover_csv", args=[page.pk]),
            icon_name="download",
            priority=priority + 1,
        ),
    ]


@hooks.register("register_page_header_buttons")
def declaration_header_buttons(page, user, view_name=None, next_url=None):
    return handover_buttons(page, user, priority=80)


@hooks.register("register_page_listing_more_buttons")
def declaration_listing_buttons(page, user, next_url=None):
    return handover_buttons(page, user, priority=80)


# --- Abuse: bursts and bulk invalidation -----------------------------------------------------------


def require_invalidation_permission(request) -> None:
    """Invalidating signatures is for those who may delete them (it is less: it can be undone)."""
    if not request.user.has_perm("home.delete_signature"):
        raise PermissionDenied


def invalidate_view(request):
    """Preview, then apply, the invalidation of the signatures a rule selects."""
    require_invalidation_permission(request)
    titles = declaration_titles()
    data = request.POST if request.method == "POST" else (request.GET if "declaration" in request.GET else None)
    form = InvalidationForm(data, declarations=declaration_choices())
    found = None
    if data is not None and form.is_valid():
        rule = form.rule()
        found = abuse.preview(rule)
        if request.method == "POST" and "apply" in request.POST:
            if not form.cleaned_data["reason"]:
                form.add_error("reason", _("Say why these signatures are invalidated (it stays in the log)."))
            elif found.total == 0:
                form.add_error(None, _("No signature matches this rule: nothing was invalidated."))
            else:
                batch = abuse.invalidate_signatures(rule, reason=form.cleaned_data["reason"], user=request.user)
                log(
                    instance=batch,
                    action="home.invalidate_signatures",
                    user=request.user,
                    title=f"{titles.get(batch.declaration_key, '')} · {batch.count}",
                    data={"rule": invalidation_rule_text(batch), "count": batch.count},
                )
                messages.success(
                    request,
                    ngettext(
                        "%(count)s signature invalidated. You can undo it below.",
                        "%(count)s signatures invalidated. You can undo it below.",
                        batch.count,
                    )
                    % {"count": batch.count},
                )
                return redirect("signatures:invalidations")
    return TemplateResponse(
        request,
        "home/declarations/admin/invalidate.html",
        {
            "form": form,
            "found": found,
            "personal": can_see_personal_data(request.user),
            "header_title": _("Invalidate signatures"),
            "page_title": _("Invalidate signatures"),
            "header_icon": "form",
            "list_url": reverse("signatures:index"),
        },
    )


def moment(value) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def invalidation_rule_text(batch) -> str:
    """The rule of an invalidation in words, in the active language."""
    parts = []
    if batch.email_domain:
        parts.append(gettext("email domain %(domain)s") % {"domain": batch.email_domain})
    if batch.network:
        parts.append(gettext("address range %(network)s") % {"network": batch.network})
    if batch.starts_at:
        parts.append(gettext("signed from %(moment)s") % {"moment": moment(batch.starts_at)})
    if batch.ends_at:
        parts.append(gettext("signed until %(moment)s") % {"moment": moment(batch.ends_at)})
    return ", ".join(parts)


def invalidations_view(request):
    """Past invalidations, newest first, each with its rule and a way to undo it."""
    require_invalidation_permission(request)
    titles = declaration_titles()
    batches = list(SignatureInvalidation.objects.select_related("created_by", "undone_by")[:100])
    rows = [
        {"batch": batch, "declaration": titles.get(batch.declaration_key, ""), "rule": invalidation_rule_text(batch)}
        for batch in batches
    ]
    return TemplateResponse(
        request,
        "home/declarations/admin/invalidations.html",
        {
            "rows": rows,
            "header_title": _("Invalidations of signatures"),
            "page_title": _("Invalidations of signatures"),
            "header_icon": "form",
            "invalidate_url": reverse("signatures:invalidate"),
            "list_url": reverse("signatures:index"),
        },
    )


@require_POST
def undo_invalidation_view(request, pk: int):
    require_invalidation_permission(request)
    batch = get_object_or_404(SignatureInvalidation, pk=pk)
    result = abuse.undo(batch, user=request.user)
    if result.restored or result.kept:
        log(
            instance=batch,
            action="home.undo_invalidation",
            user=request.user,
            title=f"#{batch.pk}",
            data={"restored": result.restored, "kept": result.kept},
        )
    message = ngettext("%(count)s signature restored.", "%(count)s signatures restored.", result.restored) % {
        "count": result.restored
    }
    if result.kept:
        message += " " + ngettext(
            "%(count)s stays invalidated: the same address has signed again since.",
            "%(count)s stay invalidated: the same addresses have signed again since.",
            result.kept,
        ) % {"count": result.kept}
    messages.success(request, message)
    return redirect("signatures:invalidations")


@hooks.register("register_log_actions")
def register_invalidation_log_actions(actions):
    actions.register_action("home.invalidate_signatures", _("Invalidate signatures"), _("Signatures invalidated"))
    actions.register_action("home.undo_invalidation", _("Undo an invalidation"), _("Invalidation undone"))
