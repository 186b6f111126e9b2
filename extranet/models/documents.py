"""Members-only documents of the collective: press-release templates, logos, tools."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.core.bilingual import BilingualMixin

from .meetings import side_by_side


class InternalDocumentCategory(models.TextChoices):
    PRESS = "press", _("Press release templates")
    LOGOS = "logos", _("Logos")
    TOOLS = "tools", _("Tools of the collective")
    OTHER = "other", _("Other documents")


class InternalDocument(BilingualMixin, models.Model):
    """A members-only document: press-release template, logos, earlier tools."""

    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    category = models.CharField(
        _("category"), max_length=10, choices=InternalDocumentCategory.choices, default=InternalDocumentCategory.OTHER
    )
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("added on"), auto_now_add=True)

    panels = [
        side_by_side("title", _("Title")),
        FieldPanel("category"),
        side_by_side("description", _("Description")),
        FieldPanel("document"),
    ]

    class Meta:
        ordering = ["category", "title_fr"]
        verbose_name = _("internal document")
        verbose_name_plural = _("internal documents")

    def __str__(self) -> str:
        return str(self.title)

    @property
    def title(self):
        return self.localized("title")

    @property
    def description(self):
        return self.localized("description")
