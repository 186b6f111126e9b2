"""Member area: who belongs to which association, invitations, meetings, minutes and actions."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from home.core.bilingual import BilingualMixin
from home.core.fields import optional_link
from home.declarations.models import hash_token  # one way of hashing link tokens, re-exported for services

INVITATION_LIFETIME = timedelta(days=7)
MINUTES_RICH_TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]


def acting_user(verbose_name) -> models.ForeignKey:
    """The user who did something (invited, proposed, marked done): emptied if the account is deleted."""
    return optional_link(settings.AUTH_USER_MODEL, verbose_name)


class Membership(models.Model):
    """A user acts for an association (a user may act for several)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    association = models.ForeignKey(
        "home.Association", verbose_name=_("association"), on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "association"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} → {self.association}"


class Invitation(models.Model):
    """An invitation to join the extranet for an association; only the token's hash is stored."""

    email = models.EmailField(_("email"))
    association = models.ForeignKey(
        "home.Association", verbose_name=_("association"), on_delete=models.CASCADE, related_name="invitations"
    )
    language = models.CharField(_("language of the email"), max_length=5, choices=settings.LANGUAGES, default="fr")
    invited_by = acting_user(_("invited by"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent on"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires on"), editable=False)
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.association})"

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.issue_token()  # a placeholder token nobody knows; sending issues the real one
        super().save(*args, **kwargs)

    def issue_token(self) -> str:
        """Give the invitation a fresh token and expiry; return the raw token (sent once, never stored)."""
        raw_token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(raw_token)
        self.created_at = timezone.now()
        self.expires_at = self.created_at + INVITATION_LIFETIME
        return raw_token

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and not self.is_expired


class WebsiteCheck(models.Model):
    """The last answer of an association's website, for the dashboard's to-do list.

    ``error`` holds a :class:`Reason` code (extranet/services/websites.py), translated by :attr:`reason`.
    """

    class Reason(models.TextChoices):
        HTTP_STATUS = "http_status", _("The website answered with an error.")
        SCHEME = "scheme", _("Only http:// and https:// addresses are checked.")
        PORT = "port", _("Only websites on the usual ports (80 and 443) are checked.")
        UNKNOWN_HOST = "unknown_host", _("This host name does not exist.")
        ADDRESS_NOT_ALLOWED = (
            "address_not_allowed",
            _("The address, or one it redirects to, leads to a private or reserved network: it is not checked."),
        )
        TOO_MANY_REDIRECTS = "too_many_redirects", _("The website redirects too many times (more than 5).")
        TIMEOUT = "timeout", _("The website did not answer in time.")
        TLS = "tls", _("The secure connection (HTTPS certificate) failed.")
        CONNECTION = "connection", _("The connection to the website failed.")

    association = models.ForeignKey("home.Association", on_delete=models.CASCADE, related_name="website_checks")
    url = models.URLField(_("address"), max_length=500)
    ok = models.BooleanField(_("answers"), default=False)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    checked_at = models.DateTimeField(_("checked on"), default=timezone.now)

    class Meta:
        verbose_name = _("website check")
        verbose_name_plural = _("website checks")
        constraints = [models.UniqueConstraint(fields=["association", "url"], name="unique_website_check")]

    def __str__(self) -> str:
        return self.url

    @property
    def reason(self) -> str:
        """Why the website does not answer, in the reader's language ("" when it answers)."""
        if self.ok:
            return ""
        if self.error == self.Reason.HTTP_STATUS and self.status_code:
            return _("The website answered with the HTTP status %(status)s.") % {"status": self.status_code}
        if self.error in self.Reason.values:
            return str(self.Reason(self.error).label)
        return self.error  # a check recorded before the reasons had codes


class MeetingKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary meeting")
    DELEGATION = "delegation", _("Delegation")
    WORKING_GROUP = "working_group", _("Working group")
    OTHER = "other", _("Other")


def side_by_side(name: str, heading) -> FieldRowPanel:
    """The French and English columns of ``name`` edited next to each other."""
    return FieldRowPanel([FieldPanel(f"{name}_fr"), FieldPanel(f"{name}_en")], heading=heading)


class Meeting(BilingualMixin, ClusterableModel):
    """A meeting of the collective: a plenary, or a delegation to a ministry, a union, …

    Its texts are kept in French and English (``home.core.bilingual``); the English ones are optional.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.PLENARY)
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"), null=True, blank=True)
    place_fr = models.CharField(_("place (French)"), max_length=255, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    counterparts_fr = models.TextField(_("who we meet (French)"), blank=True)
    counterparts_en = models.TextField(_("who we meet (English)"), blank=True)
    delegation = ParentalManyToManyField(
        "home.Association", verbose_name=_("delegation"), blank=True, related_name="delegations"
    )
    agenda_fr = RichTextField(_("agenda (French)"), blank=True, features=MINUTES_RICH_TEXT_FEATURES)
    agenda_en = RichTextField(_("agenda (English)"), blank=True, features=MINUTES_RICH_TEXT_FEATURES)

    panels = [
        FieldPanel("kind"),
        side_by_side("title", _("Title")),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        side_by_side("place", _("Place")),
        FieldPanel("address"),
        side_by_side("counterparts", _("Who we meet")),
        FieldPanel("delegation"),
        side_by_side("agenda", _("Agenda")),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    @property
    def title(self):
        return self.localized("title")

    @property
    def place(self):
        return self.localized("place")

    @property
    def counterparts(self):
        return self.localized("counterparts")

    @property
    def agenda(self):
        return self.localized("agenda")

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})


class Minutes(BilingualMixin, ClusterableModel):
    """The minutes of a meeting; members read them once a coordinator publishes them."""

    meeting = models.OneToOneField(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes")
    written_on = models.DateField(_("written on"), null=True, blank=True)
    summary_fr = RichTextField(_("summary (French)"), blank=True, features=MINUTES_RICH_TEXT_FEATURES)
    summary_en = RichTextField(_("summary (English)"), blank=True, features=MINUTES_RICH_TEXT_FEATURES)
    is_published = models.BooleanField(_("published to members"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("meeting"), FieldPanel("written_on"), FieldPanel("is_published")]),
        side_by_side("summary", _("Summary")),
        InlinePanel("participants", heading=_("Participants"), label=_("participant")),
        InlinePanel("items", heading=_("Agenda items"), label=_("agenda item")),
        InlinePanel("annexes", heading=_("Annexes"), label=_("annex")),
        InlinePanel("actions", heading=_("Follow-up actions"), label=_("follow-up action")),
    ]

    class Meta:
        ordering = ["-meeting__starts_at"]
        verbose_name = pgettext_lazy("singular", "minutes")
        verbose_name_plural = pgettext_lazy("plural", "minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def summary(self):
        return self.localized("summary")


class MinutesParticipant(Orderable):
    minutes = ParentalKey(Minutes, on_delete=models.CASCADE, related_name="participants")
    association = models.ForeignKey(
        "home.Association", verbose_name=_("association"), on_delete=models.CASCADE, related_name="+"
    )
    people = models.CharField(_("people"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("association"), FieldPanel("people")])]

    class Meta(Orderable.Meta):
        verbose_name = _("participant")
        verbose_name_plural = _("participants")


class AgendaItem(BilingualMixin, Orderable):
    minutes = ParentalKey(Minutes, on_delete=models.CASCADE, related_name="items")
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    discussion_fr = RichTextField(_("discussion (French)"), blank=True, features=MINUTES_RICH_TEXT_FEATURES)
    discussion_en = RichTextField(_("discussion (English)"), blank=True, features=MINUTES_RICH_TEXT_FEATURES)
    decisions_fr = RichTextField(_("decisions (French)"), blank=True, features=MINUTES_RICH_TEXT_FEATURES)
    decisions_en = RichTextField(_("decisions (English)"), blank=True, features=MINUTES_RICH_TEXT_FEATURES)

    panels = [
        side_by_side("title", _("Title")),
        side_by_side("discussion", _("Discussion")),
        side_by_side("decisions", _("Decisions")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return str(self.title)

    @property
    def title(self):
        return self.localized("title")

    @property
    def discussion(self):
        return self.localized("discussion")

    @property
    def decisions(self):
        return self.localized("decisions")


class MinutesAnnex(BilingualMixin, Orderable):
    minutes = ParentalKey(Minutes, on_delete=models.CASCADE, related_name="annexes")
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [side_by_side("title", _("Title")), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")

    def __str__(self) -> str:
        return str(self.title)

    @property
    def title(self):
        return self.localized("title")


class FollowUpAction(BilingualMixin, Orderable):
    """Something to do after a meeting, by one association or by the whole collective."""

    minutes = ParentalKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="actions", null=True, blank=True
    )
    description_fr = models.TextField(_("what (French)"))
    description_en = models.TextField(_("what (English)"), blank=True)
    association = models.ForeignKey(
        "home.Association",
        verbose_name=_("by"),
        on_delete=models.CASCADE,
        related_name="follow_up_actions",
        null=True,
        blank=True,
        help_text=_("Leave empty when every association is concerned."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    done_by = acting_user(_("done by"))

    panels = [
        side_by_side("description", _("What")),
        FieldRowPanel([FieldPanel("association"), FieldPanel("due_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return str(self.description)[:80]

    @property
    def description(self):
        return self.localized("description")

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


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


class DeclarationProposal(models.Model):
    """A declaration an association proposed from the extranet: a draft page in moderation.

    The page holds the French texts; the English texts the association typed are kept here
    until the page is approved, then become its English translation (wagtail-localize).
    """

    association = models.ForeignKey(
        "home.Association",
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="declaration_proposals",
    )
    proposer = acting_user(_("proposed by"))
    page = models.ForeignKey(
        "home.DeclarationPage",
        verbose_name=_("declaration page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when a coordinator deleted the page."),
    )
    title = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    created_at = models.DateTimeField(_("proposed on"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("declaration proposal")
        verbose_name_plural = _("declaration proposals")

    def __str__(self) -> str:
        return self.title

    @property
    def has_english_texts(self) -> bool:
        """The member gave the English title, summary and text (the form asks for all three or none)."""
        return bool(self.title_en.strip() and self.summary_en.strip() and self.text_en.strip())
