"""Small shared vocabularies: topics (fields of action) and issuing bodies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from home.core.bilingual import BilingualMixin


class Term(BilingualMixin, models.Model):
    """An entry of a vocabulary: a slug, and a name in French and English (the English one may wait)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        abstract = True
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name_fr

    @property
    def name(self):
        return self.localized("name")


class Topic(Term):
    """A theme: an association's field of action and a legal resource's topic."""

    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)

    panels = [FieldPanel("slug"), FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_en")])]

    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class IssuingBody(Term):
    """An institution that issues legal texts (UNODC, GRETA, the EU, …)."""

    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("slug"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_en")]),
        FieldPanel("website"),
    ]

    class Meta(Term.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
