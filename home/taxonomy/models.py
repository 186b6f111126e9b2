"""Small shared vocabularies: topics (fields of action) and issuing bodies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from home.core.bilingual import BilingualMixin


class Topic(BilingualMixin, models.Model):
    """A theme: an association's field of action and a legal resource's topic."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)

    panels = [FieldPanel("slug"), FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_en")])]

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name_fr

    @property
    def name(self):
        return self.localized("name")


class IssuingBody(BilingualMixin, models.Model):
    """An institution that issues legal texts (UNODC, GRETA, the EU, …)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("slug"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_en")]),
        FieldPanel("website"),
    ]

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")

    def __str__(self) -> str:
        return self.name_fr

    @property
    def name(self):
        return self.localized("name")
