"""Home, standard and contact pages."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..blocks import BodyStreamBlock
from .base import BasePage


class HomePage(BasePage):
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from ..services import HOME_PAGE_KEYS, deferred, home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(deferred(lambda: home_page_context(self), HOME_PAGE_KEYS))
        return context


class StandardPage(BasePage):
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.ContactPage"]

    class Meta:
        verbose_name = _("standard page")


class FormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")


HONEYPOT_FIELD = "website_url"


class ContactPage(AbstractEmailForm, BasePage):
    """The contact form: submissions go by email to the coordination."""

    body = RichTextField(_("text above the form"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("body"),
        InlinePanel("form_fields", label=_("Form fields")),
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

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        # Honeypot: invisible to people (hidden by CSS and aria-hidden), filled by bots.
        form.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return form

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
            # Pretend success so that bots learn nothing; send nothing, store nothing.
            from django.template.response import TemplateResponse

            return TemplateResponse(request, self.get_landing_page_template(request), self.get_context(request))
        return super().serve(request, *args, **kwargs)

    def send_mail(self, form):
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        addresses = [self.get_to_address()]
        from wagtail.admin.mail import send_mail

        send_mail(
            self.subject or str(_("Message from the website")),
            self.render_email(form),
            addresses,
            self.from_address or settings.DEFAULT_FROM_EMAIL,
        )

    def process_form_submission(self, form):
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        submission = self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)
        self.send_mail(form)
        return submission
