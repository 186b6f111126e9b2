"""Member associations: their profiles, contacts and activity reports.

An association is a snippet, not a translated page: its French and English
texts live side by side on one object (see ``home.core.bilingual``), it keeps
revisions and goes through Wagtail's moderation workflow, so that a
self-edited profile goes live in both languages at once when approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from home.core.bilingual import BilingualMixin, active_language, localized_value
from home.core.compare import BilingualFieldRowPanel
from home.core.fields import optional_link
from home.core.search import LANGUAGES, STEMS_FIELD, stems_of

PROFILE_RICH_TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]


def observer_year_end(start):
    """One year after ``start`` (an observer's year; 29 February ends on 28 February)."""
    try:
        return start.replace(year=start.year + 1)
    except ValueError:
        return start.replace(year=start.year + 1, day=28)


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    LEFT = "left", _("Former member")


class Association(
    BilingualMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    logo = optional_link("wagtailimages.Image", _("logo"))
    status = models.CharField(
        _("membership status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.MEMBER
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    status_until = models.DateField(
        _("observer year ends on"),
        null=True,
        blank=True,
        help_text=_("For an observer: the day its observer year ends and the collective votes on its admission."),
    )
    fields_of_action = ParentalManyToManyField(
        "home.Topic", verbose_name=_("fields of action"), blank=True, related_name="associations"
    )

    summary_fr = models.CharField(_("short presentation (French)"), max_length=300, blank=True)
    summary_en = models.CharField(_("short presentation (English)"), max_length=300, blank=True)
    description_fr = RichTextField(_("description (French)"), blank=True, features=PROFILE_RICH_TEXT_FEATURES)
    description_en = RichTextField(_("description (English)"), blank=True, features=PROFILE_RICH_TEXT_FEATURES)

    website_fr = models.URLField(_("website for French-speaking visitors"), blank=True)
    website_en = models.URLField(_("website for English-speaking visitors"), blank=True)

    network_name = models.CharField(_("international network"), max_length=200, blank=True)
    network_url = models.URLField(_("network website"), blank=True)
    network_description_fr = models.TextField(_("network presentation (French)"), blank=True)
    network_description_en = models.TextField(_("network presentation (English)"), blank=True)

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("acronym", boost=3),
        index.SearchField("summary_fr"),
        index.SearchField("summary_en"),
        index.SearchField("description_fr"),
        index.SearchField("description_en"),
        index.SearchField(STEMS_FIELD),
        index.FilterField("live"),
        index.FilterField("status"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("logo")]),
        FieldRowPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("status_since", read_only=True),
                FieldPanel("status_until", read_only=True),
            ]
        ),
        FieldPanel("fields_of_action", widget=forms.CheckboxSelectMultiple),
        BilingualFieldRowPanel([FieldPanel("summary_fr"), FieldPanel("summary_en")], heading=_("Short presentation")),
        BilingualFieldRowPanel([FieldPanel("description_fr"), FieldPanel("description_en")], heading=_("Description")),
        BilingualFieldRowPanel([FieldPanel("website_fr"), FieldPanel("website_en")], heading=_("Websites")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("network_name"), FieldPanel("network_url")]),
                BilingualFieldRowPanel(
                    [FieldPanel("network_description_fr"), FieldPanel("network_description_en")],
                    heading=_("Network presentation"),
                ),
            ],
            heading=_("International network"),
        ),
        InlinePanel("contacts", heading=_("Contacts"), label=_("contact")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def search_stems(self) -> str:
        """Its words folded and stemmed in both languages: a profile has no locale (``home.core.search``)."""
        return stems_of(self, LANGUAGES)

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym and self.acronym != self.name else self.name

    @property
    def summary(self):
        return self.localized("summary")

    @property
    def description(self):
        return self.localized("description")

    @property
    def network_description(self):
        return self.localized("network_description")

    @property
    def is_observer(self) -> bool:
        return self.status == MembershipStatus.OBSERVER

    @property
    def observer_year_ends_on(self):  # shown in the admin's list of associations
        """The day an observer's year ends (with a vote on its admission); None for the others."""
        if not self.is_observer:
            return None
        if self.status_until is not None:
            return self.status_until
        return observer_year_end(self.status_since) if self.status_since else None

    @property
    def observer_year_ended(self) -> bool:
        """An observer whose year has ended (on or before today): the collective votes on its admission."""
        ends_on = self.observer_year_ends_on
        return ends_on is not None and ends_on <= timezone.localdate()

    @property
    def is_former_member(self) -> bool:
        return self.status == MembershipStatus.LEFT

    def with_content_json(self, content):
        """A revision as an object, with the membership status of the live row.

        The status changes through ``home.directory.membership`` (a ballot, a coordinator), never
        through a profile's draft: publishing a draft written before an admission must not undo it.
        """
        obj = super().with_content_json(content)
        names = ("status", "status_since", "status_until")
        # Read from the database: ``self`` may be an object held in memory since before the change.
        live = Association.objects.filter(pk=self.pk).values(*names).first() if self.pk else None
        for name in names:
            setattr(obj, name, live[name] if live else getattr(self, name))
        return obj

    @property
    def website(self) -> str:
        """The website for a visitor of the active language (English falls back to French)."""
        if active_language() == "en" and self.website_en:
            return self.website_en
        return self.website_fr or self.website_en

    # Preview in the admin shows the public profile.
    def get_preview_template(self, request, mode_name):
        return "home/association_detail.html"

    def get_preview_context(self, request, mode_name):
        return {
            "association": self,
            "page": None,
            "profile": AssociationProfile(public_contacts=self.public_contacts()),
        }

    def public_contacts(self):
        return [contact for contact in self.contacts.all() if contact.is_public]


class AssociationContact(Orderable):
    association = ParentalKey(Association, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    role_fr = models.CharField(_("role (French)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public site. Otherwise visible to members only.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("is_public")]),
        BilingualFieldRowPanel([FieldPanel("role_fr"), FieldPanel("role_en")], heading=_("Role")),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name

    @property
    def role(self):
        return localized_value(self, "role")


class ReportVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


class AssociationReport(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A yearly activity report; public ones are listed on the association's page.

    Its title is in both languages. It keeps revisions and goes through the profiles' moderation
    workflow: a title a member corrects from the extranet goes live once a coordinator approves it.
    """

    association = models.ForeignKey(
        Association, verbose_name=_("association"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title_fr = models.CharField(_("title (French)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=ReportVisibility.choices, default=ReportVisibility.PUBLIC
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added on"), auto_now_add=True)

    panels = [
        FieldPanel("association"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("visibility")]),
        BilingualFieldRowPanel([FieldPanel("title_fr"), FieldPanel("title_en")], heading=_("Title")),
        FieldPanel("document"),
    ]

    class Meta:
        ordering = ["-year", "association__name"]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")

    def __str__(self) -> str:
        return str(self.title) or f"{self.association} — {self.year}"

    @property
    def title(self):
        return localized_value(self, "title")


class StatusPeriod(models.Model):
    """One period of an association in the collective (observer, member, former member): its history.

    The association's ``status``, ``status_since`` and ``status_until`` are the current period's,
    kept on the association for the lists and badges; ``home.directory.membership`` changes both.
    """

    association = models.ForeignKey(
        Association, verbose_name=_("association"), on_delete=models.CASCADE, related_name="status_periods"
    )
    status = models.CharField(_("membership status"), max_length=20, choices=MembershipStatus.choices)
    starts_on = models.DateField(_("from"), null=True, blank=True, help_text=_("Empty when not known."))
    ends_on = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty while it lasts."))
    note_fr = models.CharField(_("note (French)"), max_length=300, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)
    recorded_by = optional_link(settings.AUTH_USER_MODEL, _("recorded by"))
    recorded_at = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        ordering = ["association__name", "-recorded_at", "-pk"]
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")

    def __str__(self) -> str:
        return f"{self.association.name}: {self.get_status_display()}"

    @property
    def note(self):
        return localized_value(self, "note")


@dataclass(frozen=True)
class AssociationProfile:
    """What an association's public profile lists besides the association itself (a cached fragment)."""

    public_contacts: list[AssociationContact] = field(default_factory=list)
    reports: list[AssociationReport] = field(default_factory=list)
    carried_declarations: list = field(default_factory=list)
