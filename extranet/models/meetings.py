"""Meetings of the collective, their minutes (participants, agenda items, annexes) and follow-up actions."""

from __future__ import annotations

import datetime

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

from .members import acting_user

MINUTES_RICH_TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]


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


PROGRESS_NOTE_MAX_LENGTH = 500


def today() -> datetime.date:
    """Today in the site's time zone (``TIME_ZONE``): the date against which due dates are read."""
    return timezone.localdate()


class FollowUpActionQuerySet(models.QuerySet):
    """The one rule of an action's state: done once marked done; overdue when open past its due date."""

    def open(self):
        return self.filter(done_at__isnull=True)

    def done(self):
        return self.filter(done_at__isnull=False)

    def overdue(self, on: datetime.date | None = None):
        """Open actions whose due date has passed (on ``on``, today in the site's time zone by default)."""
        return self.open().filter(due_date__lt=on or today())

    def with_overdue(self, on: datetime.date | None = None):
        """Annotated with ``overdue`` (a boolean), to list the overdue ones first."""
        return self.annotate(
            overdue=models.Case(
                models.When(done_at__isnull=True, due_date__lt=on or today(), then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )


class FollowUpAction(BilingualMixin, Orderable):
    """Something to do after a meeting, by one association or by the whole collective.

    Whoever marks it done may leave a short progress note, in French and (optionally) English.
    """

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
    progress_note_fr = models.CharField(_("progress note (French)"), max_length=PROGRESS_NOTE_MAX_LENGTH, blank=True)
    progress_note_en = models.CharField(_("progress note (English)"), max_length=PROGRESS_NOTE_MAX_LENGTH, blank=True)

    objects = FollowUpActionQuerySet.as_manager()

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
    def progress_note(self):
        return self.localized("progress_note")

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue_on(self, day: datetime.date) -> bool:
        """The rule of ``FollowUpActionQuerySet.overdue``, for one action."""
        return self.done_at is None and self.due_date is not None and self.due_date < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(today())

    @property
    def overdue_since(self) -> datetime.date | None:
        """The first day the action was overdue (the day after its due date); None when it is not overdue."""
        return self.due_date + datetime.timedelta(days=1) if self.is_overdue else None


class MeetingAttendance(models.Model):
    """Whether an association comes to a meeting, and who: one answer per association, changeable until it starts."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    association = models.ForeignKey(
        "home.Association", verbose_name=_("association"), on_delete=models.CASCADE, related_name="attendances"
    )
    attends = models.BooleanField(_("attends"))
    people = models.CharField(_("who comes"), max_length=255, blank=True)
    answered_by = acting_user(_("answered by"))
    answered_at = models.DateTimeField(_("answered on"), default=timezone.now)

    class Meta:
        ordering = ["association__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "association"], name="unique_attendance_per_association")
        ]

    def __str__(self) -> str:
        return f"{self.association} → {self.meeting}"
