"""The legal library ("Droit" / "Law"): legal resources and how they are classified."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.core.base_page import BasePage
from home.core.blocks import DocumentBlock


class ResourceType(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    PROTOCOL = "protocol", _("Protocol")
    DIRECTIVE = "directive", _("Directive")
    LAW = "law", _("Law")
    CODE_ARTICLE = "code_article", _("Code article")
    CASE_LAW = "case_law", _("Case law")
    REPORT = "report", _("Report")
    EVALUATION_REPORT = "evaluation_report", _("Evaluation report")
    RECOMMENDATION = "recommendation", _("Recommendation")
    OPINION = "opinion", _("Opinion")
    STRATEGY = "strategy", _("Strategy")
    ACTION_PLAN = "action_plan", _("Action plan")
    GUIDE = "guide", _("Guide")


class Jurisdiction(models.TextChoices):
    INTERNATIONAL = "international", _("International")
    EUROPE = "europe", _("European")
    FRANCE = "france", _("France")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact date")
    YEAR = "year", _("Year only")


class DocumentLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    GERMAN = "de", _("German")
    RUSSIAN = "ru", _("Russian")
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")


class LegalResourcePage(BasePage):
    summary = RichTextField(_("summary"), blank=True, features=["bold", "italic", "link", "ul"])
    issuing_body = models.ForeignKey(
        "home.IssuingBody",
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="resources",
    )
    resource_type = models.CharField(_("type"), max_length=30, choices=ResourceType.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=4, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False, db_index=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=20, choices=Jurisdiction.choices)
    topics = ParentalManyToManyField("home.Topic", verbose_name=_("topics"), blank=True, related_name="resources")
    official_reference = models.CharField(_("official reference"), max_length=255, blank=True)
    external_url = models.URLField(_("link to the official text"), blank=True, max_length=500)
    documents = StreamField([("document", DocumentBlock())], blank=True, verbose_name=_("documents"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("resource_type")]),
                FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision"), FieldPanel("jurisdiction")]),
                FieldPanel("official_reference"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                InlinePanel("languages", heading=_("Available languages"), label=_("language")),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("external_url"),
        FieldPanel("documents"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("official_reference"),
        index.RelatedFields(
            "issuing_body", [index.SearchField("name_fr"), index.SearchField("name_en"), index.SearchField("acronym")]
        ),
        index.FilterField("resource_type"),
        index.FilterField("year"),
    ]
    parent_page_types = ["home.LibraryIndexPage"]
    subpage_types: list[str] = []
    # wagtail-localize skips many-to-many fields unless told: topics are the same in every language.
    override_translatable_fields = [SynchronizedField("topics")]

    class Meta:
        verbose_name = _("legal resource")
        verbose_name_plural = _("legal resources")

    def save(self, *args, **kwargs):
        self.year = self.date.year if self.date else None
        super().save(*args, **kwargs)

    def language_codes(self) -> list[str]:
        return [item.language for item in self.languages.all()]


class LegalResourceLanguage(Orderable):
    """A language in which a resource is available (one row each, so it can be faceted)."""

    page = ParentalKey(LegalResourcePage, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=5, choices=DocumentLanguage.choices)

    class Meta(Orderable.Meta):
        verbose_name = _("available language")
        verbose_name_plural = _("available languages")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="unique_resource_language")]

    def __str__(self) -> str:
        return self.get_language_display()
