"""The translations' state in the Wagtail admin: a menu item, its dashboard, a home panel, the page items.

The dashboard ("Translation status") lists every item the domains contribute through the
``TRANSLATION_ITEMS_HOOK`` (pages from here, association profiles from the directory), filtered
by status, section and language. The restore view puts back, on a segment whose source text
changed, the translation made for its previous text (see ``freshness.previous_wordings``).

What this extends of wagtail-localize, and how (nothing of it is patched):

* its **translation editor** and its **"Sync translated pages" confirmation** are rendered from
  templates we override by name (``templates/wagtail_localize/admin/edit_translation.html`` and
  ``update_translations.html``), each extending the original and adding one block of ours
  through the ``translation_tags`` library: the banner saying what changed in the source (with
  the previous English wording to restore), and the list of the English wording a sync leaves to
  re-translate. Wagtail-localize offers no hook there; overriding templates is what Django offers.
* the **restore** action is a small admin view of ours (``register_admin_urls``): it writes the
  segment's ``StringTranslation`` as wagtail-localize's own editor does.
* the **items** of pages are given to the dashboard through the ``TRANSLATION_ITEMS_HOOK`` of
  :mod:`home.core.freshness`, as any other domain gives its own.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home.core.freshness import TRANSLATION_ITEMS_HOOK, Freshness

from .freshness import all_items, counts, is_coordinator, page_freshness, readable_changes

LANGUAGES = (("fr", gettext_lazy("French")), ("en", gettext_lazy("English")))


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label=pgettext_lazy("translation", "Status"), required=False)
    section = forms.ChoiceField(label=gettext_lazy("Section"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        # With a context of their own: a plain "All" would also rename Wagtail's in the French admin.
        self.fields["status"].choices = [("", pgettext("any status", "All"))] + list(Freshness.choices)
        self.fields["section"].choices = [("", pgettext("any section", "All"))] + [(s, s) for s in sections]
        self.fields["language"].choices = [("", pgettext("any language", "All"))] + list(LANGUAGES)


def dashboard(request):
    if not is_coordinator(request.user):
        raise PermissionDenied
    items = all_items(request)
    sections = sorted({item.section for item in items if item.section})
    form = StatusFilterForm(request.GET or None, sections=sections)
    shown = items
    if form.is_valid():
        wanted = form.cleaned_data
        shown = [
            item
            for item in items
            if (not wanted["status"] or item.status == wanted["status"])
            and (not wanted["section"] or item.section == wanted["section"])
            and (not wanted["language"] or item.language == wanted["language"])
        ]
    order = {Freshness.OUT_OF_DATE: 0, Freshness.MISSING: 1, Freshness.UP_TO_DATE: 2}
    shown = sorted(shown, key=lambda item: (order[item.status], item.section, item.title))
    language_names = dict(LANGUAGES)
    rows = [
        {
            "item": item,
            "language_name": language_names.get(item.language, item.language),
            "changes": readable_changes(item.changes),
        }
        for item in shown
    ]
    return render(
        request,
        "translations/dashboard.html",
        {"rows": rows, "form": form, "counts": counts(items), "shown": len(rows), "total": len(items)},
    )


@require_POST
def restore_previous(request, translation_id: int):
    """Set a translation made for an earlier text as the translation of a segment's new text."""
    translation = get_object_or_404(Translation.objects.select_related("source", "target_locale"), pk=translation_id)
    target = Page.objects.filter(
        translation_key=translation.source.object_id, locale_id=translation.target_locale_id
    ).first()
    if target is None or not target.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    segment = get_object_or_404(StringSegment, pk=request.POST.get("segment"), source_id=translation.source_id)
    previous = get_object_or_404(
        StringTranslation,
        pk=request.POST.get("previous"),
        locale_id=translation.target_locale_id,
        context_id=segment.context_id,
    )
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale_id=translation.target_locale_id,
        context_id=segment.context_id,
        defaults={
            "data": previous.data,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            "tool_name": "",
            "last_translated_by": request.user,
            "has_error": False,
            "field_error": "",
        },
    )
    messages.success(request, _("The previous translation was restored: check it, then publish the translation."))
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[target.pk]))


@hooks.register(TRANSLATION_ITEMS_HOOK)
def page_items(request):
    return [entry.item for entry in page_freshness()]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("translation-status/", dashboard, name="translation_status"),
        path(
            "translation-status/restore/<int:translation_id>/",
            restore_previous,
            name="translation_restore_previous",
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return TranslationStatusMenuItem(
        gettext_lazy("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="globe",
        order=850,
    )


class TranslationSummaryPanel(Component):
    name = "translation_summary"
    template_name = "translations/summary_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["counts"] = counts(all_items(self.request))
        context["dashboard_url"] = reverse("translation_status")
        return context


@hooks.register("insert_global_admin_css")
def translations_css():
    # The dashboard's filters and diffs, the editor's banner (no inline style: the CSP forbids them).
    return format_html('<link rel="stylesheet" href="{}">', static("css/translations-admin.css"))


@hooks.register("construct_homepage_panels")
def add_summary_panel(request, panels):
    if is_coordinator(request.user):
        panels.append(TranslationSummaryPanel(request))
