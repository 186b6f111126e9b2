"""The legal library ("Droit" / "Law"): legal resources and how they are classified."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel, Panel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.core.base_page import BasePage
from home.core.bilingual import active_language
from home.core.blocks import DocumentBlock

from . import identifiers as identifier_formats


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


class LegalStatus(models.TextChoices):
    """Where a text stands in law (empty for what is not a norm: reports, guides, opinions)."""

    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("In force, amended")
    SUPERSEDED = "superseded", _("Superseded")
    REPEALED = "repealed", _("Repealed")


class IdentifierScheme(models.TextChoices):
    """The official identifiers a legal text is known by; each scheme has its own format and link."""

    CELEX = "celex", _("CELEX number")
    ELI = "eli", _("European Legislation Identifier (ELI)")
    CETS = "cets", _("Council of Europe Treaty Series (CETS) number")
    UNTC = "untc", _("UN Treaty Collection reference")
    ILO = "ilo", _("ILO instrument code")
    ECLI = "ecli", _("European Case Law Identifier (ECLI)")
    APPLICATION = "application", _("Application number")
    NOR = "nor", _("NOR number")
    JORF = "jorf", _("JORF reference")
    TEXT_NUMBER = "text_number", _("Number of a French text")
    DOCUMENT_SYMBOL = "symbol", _("Document symbol")


class RelationKind(models.TextChoices):
    """How one text stands to another, read from the text that holds the relation (its reverse wording
    is shown on the other text: ``REVERSE_WORDING``)."""

    AMENDS = "amends", _("Amends")
    TRANSPOSES = "transposes", _("Transposes")
    EVALUATES = "evaluates", _("Evaluates")
    IMPLEMENTS = "implements", _("Implements")
    SUPPLEMENTS = "supplements", _("Supplements")
    SUPERSEDES = "supersedes", _("Supersedes")


# The wording of each relation seen from the other text.
REVERSE_WORDING = {
    RelationKind.AMENDS: _("Amended by"),
    RelationKind.TRANSPOSES: _("Transposed by"),
    RelationKind.EVALUATES: _("Evaluated by"),
    RelationKind.IMPLEMENTS: _("Implemented by"),
    RelationKind.SUPPLEMENTS: _("Supplemented by"),
    RelationKind.SUPERSEDES: _("Superseded by"),
}


SELF_LINK_ERROR = _("A text cannot be linked to itself: choose another text.")


class LegalResourceForm(WagtailAdminPageForm):
    """The admin's form of a legal resource: a link from a text to itself (in any language) is refused on its row."""

    def clean(self):
        cleaned_data = super().clean()
        relations = self.formsets.get("relations")
        if relations is not None and relations.is_valid():
            for form in relations.forms:
                target = form.cleaned_data.get("target")
                if form in relations.deleted_forms or target is None:
                    continue
                if target.translation_key == self.instance.translation_key:
                    form.add_error("target", SELF_LINK_ERROR)
        return cleaned_data


class DocumentTextsPanel(Panel):
    """Under a resource's documents in the admin: the text status of each (extracted, no text: OCR needed, …)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Text of the documents"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "library/admin/document_texts_panel.html"

        def documents(self) -> list:
            return [
                block.value.get("document")
                for block in getattr(self.instance, "documents", None) or []
                if block.block_type == "document" and block.value.get("document")
            ]

        def is_shown(self) -> bool:
            return super().is_shown() and bool(self.documents())

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            documents = self.documents()
            texts = {text.document_id: text for text in DocumentText.objects.filter(document__in=documents)}
            context["document_texts"] = [(document, texts.get(document.pk)) for document in documents]
            return context


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
    legal_status = models.CharField(
        _("legal status"),
        max_length=20,
        choices=LegalStatus.choices,
        blank=True,
        help_text=_("Leave empty for what is not a norm (reports, guides, opinions)."),
    )
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)

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
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("legal_status"), FieldPanel("entry_into_force")]),
                InlinePanel("identifiers", heading=_("Official identifiers"), label=_("identifier")),
                InlinePanel("relations", heading=_("Links to other texts"), label=_("link to another text")),
            ],
            heading=_("Legal status and links"),
        ),
        FieldPanel("external_url"),
        FieldPanel("documents"),
        DocumentTextsPanel(),
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
    base_form_class = LegalResourceForm
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

    @cached_property
    def identifier_list(self) -> list:
        """The official identifiers, read once for the page's details, its official link and its citation."""
        return list(self.identifiers.all())

    @property
    def official_url(self) -> str:
        """The link to the official text: the page's own, else the best one its identifiers give (reader's language)."""
        if self.external_url:
            return self.external_url
        pairs = [(item.scheme, item.value) for item in self.identifier_list]
        return identifier_formats.best_link(pairs, active_language())

    def document_ids(self) -> list[int]:
        """The documents attached in ``documents``, read from the stream's raw data (no query)."""
        ids = []
        for block in self.documents.raw_data:
            value = block.get("value") if isinstance(block, dict) else None
            document = value.get("document") if isinstance(value, dict) else None
            if isinstance(document, int) and document not in ids:
                ids.append(document)
        return ids

    def extra_search_texts(self) -> list[str]:
        """The text read from its documents, page by page (``DocumentTextPage``): a resource is found by
        what its PDFs say. Whoever stores new text re-indexes the resources using the document."""
        ids = self.document_ids()
        if not ids:
            return []
        return list(
            DocumentTextPage.objects.filter(document_text__document_id__in=ids)
            .order_by("document_text_id", "number")
            .values_list("text", flat=True)
        )


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


class LegalIdentifier(Orderable):
    """An official identifier of a resource (CELEX, ELI, CETS number, ECLI, …): the same in every language."""

    page = ParentalKey(LegalResourcePage, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(_("identifier"), max_length=20, choices=IdentifierScheme.choices)
    value = models.CharField(_("value"), max_length=255)

    class Meta(Orderable.Meta):
        verbose_name = _("official identifier")
        verbose_name_plural = _("official identifiers")
        constraints = [models.UniqueConstraint(fields=["page", "scheme", "value"], name="unique_resource_identifier")]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} {self.value}"

    def clean(self):
        super().clean()
        if not self.scheme or not self.value:
            return
        self.value = identifier_formats.normalize(self.scheme, self.value)
        error = identifier_formats.format_error(self.scheme, self.value)
        if error is not None:
            raise ValidationError({"value": error})

    @property
    def link(self) -> str:
        """The official address this identifier gives, in the reader's language ("" where none is certain)."""
        return identifier_formats.official_link(self.scheme, self.value, active_language())


class ResourceRelation(Orderable):
    """A typed link from one resource to another ("amends", "transposes", …), shown on both: on this
    resource with its wording, on the target with the reverse wording (``REVERSE_WORDING``).

    The target may be a page of either language: a translation keeps its source's rows, so the
    relation is matched by the target's ``translation_key`` and shown in the reader's language.
    """

    page = ParentalKey(LegalResourcePage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        LegalResourcePage,
        verbose_name=_("other text"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), PageChooserPanel("target", "home.LegalResourcePage")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("link to another text")
        verbose_name_plural = _("links to other texts")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target}"

    def clean(self):
        super().clean()
        page = getattr(self, "page", None)  # None in the admin, whose form checks it (LegalResourceForm)
        target = self.target if self.target_id else None
        if page is not None and target is not None and target.translation_key == page.translation_key:
            raise ValidationError({"target": SELF_LINK_ERROR})

    @property
    def reverse_wording(self) -> str:
        return str(REVERSE_WORDING[RelationKind(self.kind)])


class TextStatus(models.TextChoices):
    """Where the extraction of a document's text stands (shown in the admin)."""

    PENDING = "pending", _("Text being read")
    EXTRACTED = "extracted", _("Text extracted")
    OCR = "ocr", _("Text recognised by OCR")
    NO_TEXT = "no_text", _("No text: OCR needed")
    TOO_LARGE = "too_large", _("Too large to read")
    FAILED = "failed", _("Could not be read")
    UNSUPPORTED = "unsupported", _("No text to read in this format")


class DocumentText(models.Model):
    """What was read of a document's file: its status and, in ``pages``, the text page by page."""

    document = models.OneToOneField(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="extracted_text",
    )
    status = models.CharField(_("text"), max_length=20, choices=TextStatus.choices, default=TextStatus.PENDING)
    file_hash = models.CharField(_("file hash"), max_length=64, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("read on"), auto_now=True)

    class Meta:
        verbose_name = _("text of a document")
        verbose_name_plural = _("texts of documents")

    def __str__(self) -> str:
        return f"{self.document}: {self.get_status_display()}"

    @property
    def needs_ocr(self) -> bool:
        return self.status == TextStatus.NO_TEXT

    @property
    def detail_message(self) -> str:
        """Why the text is what it is, in the reader's language (``detail`` keeps a code and its values)."""
        return text_detail_message(self.detail)


def text_detail_message(detail: str) -> str:
    if not detail:
        return ""
    try:
        values = json.loads(detail)
        message = TEXT_DETAIL_MESSAGES[values.pop("code")]
    except (ValueError, KeyError, TypeError, AttributeError):
        return ""
    values = {name: _size(value) if name in ("size", "limit_size") else value for name, value in values.items()}
    try:
        return str(message) % values
    except (KeyError, TypeError, ValueError):
        return str(message).split(" (%")[0]


def _size(value) -> str:
    return filesizeformat(value)


# What ``DocumentText.detail`` may say (a JSON code and values, so that each reader gets their language).
TEXT_DETAIL_MESSAGES = {
    "no_text_layer": _("This PDF has no text layer (a scan?): run OCR (manage.py ocr_documents)."),
    "empty_document": _("The document contains no text."),
    "too_many_pages": _("%(count)s pages: only documents of up to %(limit)s pages are read."),
    "too_many_characters": _("The text is longer than %(limit)s characters: only its beginning is kept."),
    "file_too_large": _("The file is too large to be read (%(size)s; the limit is %(limit_size)s)."),
    "too_many_members": _("The document holds too many files (%(count)s; the limit is %(limit)s)."),
    "expands_too_far": _("The document expands too far once uncompressed (%(size)s; the limit is %(limit_size)s)."),
    "compression_ratio": _("The document is compressed suspiciously well (%(ratio)s to 1; the limit is %(limit)s)."),
    "memory": _("Reading the document needed too much memory."),
    "timeout": _("Reading the document took too long (the limit is %(limit)s s): it was stopped."),
    "encrypted": _("The PDF is protected by a password."),
    "unreadable": _("The file could not be read: it may be damaged."),
    "missing_file": _("The file could not be found in the storage."),
    "crashed": _("The program reading the document stopped before the end."),
    "unsupported": _("Only the text of PDF, DOCX and ODT documents is read."),
    "ocr": _("Text recognised by OCR (tesseract, French and English): it may contain errors."),
}


class DocumentTextPage(models.Model):
    """The text of one page of a document (the whole text for formats without pages: page 1)."""

    document_text = models.ForeignKey(DocumentText, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField(_("page"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("page of text")
        verbose_name_plural = _("pages of text")
        ordering = ["document_text", "number"]
        constraints = [models.UniqueConstraint(fields=["document_text", "number"], name="unique_document_text_page")]

    def __str__(self) -> str:
        return f"{self.document_text.document} p. {self.number}"
