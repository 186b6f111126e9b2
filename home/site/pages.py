"""The home page of each language, and the contact page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.core import honeypot
from home.core.base_page import BasePage
from home.core.blocks import BodyStreamBlock
from home.core.caching.fragments import deferred
from home.core.spreadsheets import formula_safe
from home.core.tree import live_not_restricted
from home.declarations.pages import DeclarationPage, open_declarations, total_confirmed_signatures
from home.directory.models import MembershipStatus
from home.directory.queries import association_counts
from home.library.models import LegalResourcePage
from home.news.models import NewsPage
from home.news.pages import EventPage, next_events

HIGHLIGHTS_PER_SECTION = 3


@dataclass(frozen=True)
class KeyFigures:
    members: int
    observers: int
    resources: int
    signatures: int


@dataclass(frozen=True)
class HomeHighlights:
    """What the home page shows of the whole site (a cached fragment)."""

    latest_news: list[NewsPage]
    next_events: list[EventPage]
    open_declarations: list[DeclarationPage]
    key_figures: KeyFigures


def home_highlights(locale_id) -> HomeHighlights:
    counts = association_counts()
    return HomeHighlights(
        latest_news=list(
            live_not_restricted(NewsPage)
            .filter(locale_id=locale_id)
            .select_related("image")
            .order_by("-date")[:HIGHLIGHTS_PER_SECTION]
        ),
        next_events=next_events(locale_id, HIGHLIGHTS_PER_SECTION),
        open_declarations=open_declarations(locale_id, HIGHLIGHTS_PER_SECTION),
        key_figures=KeyFigures(
            members=counts.get(MembershipStatus.MEMBER, 0),
            observers=counts.get(MembershipStatus.OBSERVER, 0),
            resources=LegalResourcePage.objects.live().filter(locale_id=locale_id).count(),
            signatures=total_confirmed_signatures(),
        ),
    )


class HomePage(BasePage):
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["highlights"] = deferred(lambda: home_highlights(self.locale_id))
        return context


class ContactPage(AbstractEmailForm, BasePage):
    """The contact form: submissions go by email to the coordination."""

    body = RichTextField(_("text above the form"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("body"),
        InlinePanel("form_fields", heading=_("Form fields"), label=_("form field")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types: list[str] = []
    override_translatable_fields = [SynchronizedField("to_address"), SynchronizedField("from_address")]

    class Meta:
        verbose_name = _("contact page")

    def get_to_address(self) -> str:
        return self.to_address or settings.COORDINATION_EMAIL

    def get_submissions_list_view_class(self):
        # The export of submissions: a visitor's "=HYPERLINK(...)" never runs in a spreadsheet.
        return formula_safe(super().get_submissions_list_view_class())

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.fields[honeypot.HONEYPOT_FIELD] = honeypot.honeypot_field()
        return form

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and honeypot.is_caught(request.POST):
            # Pretend success so that bots learn nothing; send nothing, store nothing.
            return TemplateResponse(request, self.get_landing_page_template(request), self.get_context(request))
        return super().serve(request, *args, **kwargs)

    def in_coordination_language(self) -> ContactPage:
        """This form page in the coordination's language (itself when it has no such translation)."""
        locale = Locale.objects.filter(language_code=settings.COORDINATION_LANGUAGE).first()
        if locale is None or locale.pk == self.locale_id:
            return self
        return self.get_translation_or_none(locale) or self

    def send_mail(self, form):
        """The message to the coordination, in its language whatever the language of the visitor's page."""
        form.cleaned_data.pop(honeypot.HONEYPOT_FIELD, None)
        page = self.in_coordination_language()
        labels = {field.clean_name: field.label for field in page.form_fields.all()}
        with translation.override(settings.COORDINATION_LANGUAGE):
            subject = page.subject or translation.gettext("Message from the website")
            body = self.render_email(form, labels=labels)
        send_mail(subject, body, [self.get_to_address()], self.from_address or settings.DEFAULT_FROM_EMAIL)

    def render_email(self, form, labels: dict | None = None) -> str:
        """Wagtail's "label: value" lines, with the labels given (by field name) where there are."""
        labels = labels or {}
        lines = []
        for field in form:
            if field.name not in form.cleaned_data:
                continue
            value = form.cleaned_data[field.name]
            if isinstance(value, list):
                value = ", ".join(value)
            elif isinstance(value, datetime.datetime):
                value = date_format(value, "SHORT_DATETIME_FORMAT")
            elif isinstance(value, datetime.date):
                value = date_format(value, "SHORT_DATE_FORMAT")
            lines.append(f"{labels.get(field.name, field.label)}: {value}")
        return "\n".join(lines)

    def process_form_submission(self, form):
        form.cleaned_data.pop(honeypot.HONEYPOT_FIELD, None)
        submission = self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)
        self.send_mail(form)
        return submission
