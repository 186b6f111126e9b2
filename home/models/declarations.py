"""Declarations the public can read (and, from the declarations issue on, sign)."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..blocks import BodyStreamBlock, DocumentBlock, RecommendationBlock
from .base import BasePage


class DeclarationIndexPage(BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.DeclarationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("declarations index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        declarations = list(DeclarationPage.objects.live().public().child_of(self).order_by("-first_published_at"))
        context["open_declarations"] = [d for d in declarations if d.is_open_for_signature]
        context["closed_declarations"] = [d for d in declarations if not d.is_open_for_signature]
        return context


class DeclarationPage(BasePage):
    summary = RichTextField(_("summary"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("full text"))
    recommendations = StreamField(
        [("recommendation", RecommendationBlock())], blank=True, verbose_name=_("recommendations")
    )
    documents = StreamField([("document", DocumentBlock())], blank=True, verbose_name=_("documents"))
    external_url = models.URLField(_("link"), blank=True)
    carried_by = ParentalManyToManyField(
        "home.Association", verbose_name=_("carried by"), blank=True, related_name="declarations"
    )
    signatures_open = models.BooleanField(_("open for signature"), default=True)
    signature_goal = models.PositiveIntegerField(_("signature goal"), null=True, blank=True)
    signature_deadline = models.DateField(_("signature deadline"), null=True, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("recommendations"),
        FieldPanel("documents"),
        FieldPanel("external_url"),
        FieldPanel("carried_by", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("signatures_open"),
                FieldRowPanel([FieldPanel("signature_goal"), FieldPanel("signature_deadline")]),
            ],
            heading=_("Signatures"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("recommendations"),
    ]
    parent_page_types = ["home.DeclarationIndexPage"]
    # wagtail-localize skips many-to-many fields unless told: the carriers are the same in every language.
    override_translatable_fields = [SynchronizedField("carried_by")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    @property
    def is_open_for_signature(self) -> bool:
        if not self.signatures_open:
            return False
        if self.signature_deadline and self.signature_deadline < timezone.localdate():
            return False
        return True
