"""Ballots of the collective: an admission ballot at the end of an observer year, or any other question.

Secrecy (README, "Ballot secrecy"): a ``BallotParticipation`` says that an association voted, never
how. Until the close it carries a *seal*, HMAC(key, association + choice) with a key derived from
SECRET_KEY and the ballot's random ``salt``; nothing else records a choice. At the close the seals are
matched against every choice, the counts are written on the ``BallotChoice`` rows (which name no
association) and the seals and the salt are erased, in one transaction.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from home.core.bilingual import BilingualMixin

from .meetings import side_by_side


class BallotKind(models.TextChoices):
    ADMISSION = "admission", _("Admission of an observer")
    OTHER = "other", _("Other question")


class MajorityRule(models.TextChoices):
    SIMPLE = "simple", _("Simple majority of the votes cast")
    TWO_THIRDS = "two_thirds", _("Two-thirds of the votes cast")


class IfRejected(models.TextChoices):
    END = "end", _("End its observer status")
    EXTEND = "extend", _("Extend its observer year")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    NO_QUORUM = "no_quorum", _("Quorum not reached: no outcome")


class ResultSource(models.TextChoices):
    ONLINE = "online", _("Online vote")
    ROOM = "room", _("Vote held in the room")


class ChoiceCode(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstention")
    CUSTOM = "", _("Its own choice")


# The fixed choices of an admission ballot (and of any ballot given none): code, French, English.
YES_NO_ABSTAIN = [
    (ChoiceCode.YES, "Oui", "Yes"),
    (ChoiceCode.NO, "Non", "No"),
    (ChoiceCode.ABSTAIN, "Abstention", "Abstention"),
]


def new_salt() -> str:
    return secrets.token_hex(32)


class Ballot(BilingualMixin, ClusterableModel):
    """A secret vote of the member associations, one vote each, recorded in a meeting's minutes."""

    kind = models.CharField(_("kind"), max_length=20, choices=BallotKind.choices, default=BallotKind.ADMISSION)
    question_fr = models.CharField(_("question (French)"), max_length=300)
    question_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    opens_at = models.DateTimeField(_("opens on"))
    closes_at = models.DateTimeField(_("closes on"))
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (%)"),
        default=50,
        help_text=_("The minimum share of the eligible associations that must vote, in percent."),
    )
    majority = models.CharField(
        _("majority rule"),
        max_length=20,
        choices=MajorityRule.choices,
        default=MajorityRule.SIMPLE,
        help_text=_("Abstentions are not counted among the votes cast."),
    )
    meeting = models.ForeignKey(
        "extranet.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="ballots",
        null=True,
        blank=True,
        help_text=_("The meeting whose minutes record the ballot and its result."),
    )
    concerned_association = models.ForeignKey(
        "home.Association",
        verbose_name=_("association concerned"),
        on_delete=models.PROTECT,
        related_name="admission_ballots",
        null=True,
        blank=True,
        help_text=_("For an admission: the observer whose admission is voted on."),
    )
    if_rejected = models.CharField(
        _("if rejected"), max_length=20, choices=IfRejected.choices, default=IfRejected.EXTEND, blank=True
    )
    extend_until = models.DateField(_("extend the observer year until"), null=True, blank=True)
    extend_months = models.PositiveSmallIntegerField(
        _("or extend it by (months)"), null=True, blank=True, help_text=_("Counted from the closing date.")
    )

    # Set by the site, never typed.
    salt = models.CharField(max_length=64, blank=True, default=new_salt, editable=False)
    opened_at = models.DateTimeField(_("roll taken on"), null=True, blank=True, editable=False)
    eligible_count = models.PositiveIntegerField(_("eligible associations"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True, editable=False)
    turnout = models.PositiveIntegerField(_("associations that voted"), null=True, blank=True, editable=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True, editable=False)
    result_source = models.CharField(
        _("result from"), max_length=10, choices=ResultSource.choices, blank=True, editable=False
    )
    applied_fr = models.CharField(_("effect (French)"), max_length=300, blank=True, editable=False)
    applied_en = models.CharField(_("effect (English)"), max_length=300, blank=True, editable=False)

    panels = [
        FieldPanel("kind"),
        side_by_side("question", _("Question")),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Voting period")),
        FieldRowPanel([FieldPanel("quorum_percent"), FieldPanel("majority")], heading=_("Rules")),
        FieldPanel("meeting"),
        MultiFieldPanel(
            [
                FieldPanel("concerned_association"),
                FieldPanel("if_rejected"),
                FieldRowPanel([FieldPanel("extend_until"), FieldPanel("extend_months")]),
            ],
            heading=_("Admission"),
        ),
        InlinePanel(
            "choices",
            heading=_("Choices"),
            label=_("choice"),
            help_text=_("An admission ballot always has Yes, No and Abstention; another question may have its own."),
        ),
    ]

    # What no one may change once an association has voted (nor after the close).
    LOCKED_FIELDS = ("kind", "question_fr", "question_en", "opens_at", "quorum_percent", "majority")
    LOCKED_FIELDS += ("concerned_association", "if_rejected", "extend_until", "extend_months")

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return str(self.question)

    @property
    def question(self):
        return self.localized("question")

    @property
    def applied(self):
        return self.localized("applied")

    @property
    def is_admission(self) -> bool:
        return self.kind == BallotKind.ADMISSION

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return not self.is_closed and self.opens_at <= now < self.closes_at

    def is_due(self, now=None) -> bool:
        """Its closing time has come but it is not closed yet."""
        return not self.is_closed and self.closes_at <= (now or timezone.now())

    @property
    def has_votes(self) -> bool:
        return self.pk is not None and self.participations.filter(voted=True).exists()

    @property
    def is_locked(self) -> bool:
        return self.pk is not None and (self.is_closed or self.has_votes)

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The ballot must close after it opens.")
        if self.quorum_percent is not None and self.quorum_percent > 100:
            errors["quorum_percent"] = _("The quorum is a share of the eligible associations: 100% at most.")
        if self.is_admission and not self.is_closed:
            association = self.concerned_association
            if association is None:
                errors["concerned_association"] = _("An admission ballot is about an association.")
            elif not association.is_observer and not self.has_votes:
                errors["concerned_association"] = _("Only an observer's admission is voted on.")
            if self.if_rejected == IfRejected.EXTEND and not (self.extend_until or self.extend_months):
                errors["extend_until"] = _("Give the date the observer year is extended to, or a number of months.")
            if not self.if_rejected:
                errors["if_rejected"] = _("Choose what happens if the admission is rejected.")
        if self.extend_until and self.extend_months:
            errors["extend_months"] = _("Give a date or a number of months, not both.")
        if self.is_locked and self.pk:
            names = (*self.LOCKED_FIELDS, "closes_at") if self.is_closed else self.LOCKED_FIELDS
            stored = Ballot.objects.filter(pk=self.pk).values(*names).first() or {}
            changed = [
                name for name in names if comparable(stored.get(name)) != comparable(getattr(self, attname(name)))
            ]
            if changed:
                raise ValidationError(locked_message(self))
        if errors:
            raise ValidationError(errors)


def attname(name: str) -> str:
    return f"{name}_id" if name == "concerned_association" else name


def comparable(value):
    """Times to the minute, as the admin's date and time fields give them."""
    return value.replace(second=0, microsecond=0) if isinstance(value, datetime.datetime) else value


def locked_message(ballot: Ballot) -> str:
    if ballot.is_closed:
        return str(_("This ballot is closed: nothing in it can be changed any more."))
    return str(
        _(
            "Associations have already voted: the question, the choices and the rules of this ballot can no "
            "longer be changed (only its closing time and its meeting)."
        )
    )


class BallotChoice(BilingualMixin, Orderable):
    """One answer of a ballot; ``votes`` stays empty until the close (and names no association)."""

    ballot = ParentalKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    code = models.CharField(_("kind of choice"), max_length=10, choices=ChoiceCode.choices, blank=True, default="")
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True, editable=False)

    panels = [side_by_side("label", _("Label")), FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self):
        return self.localized("label")

    @property
    def is_abstention(self) -> bool:
        return self.code == ChoiceCode.ABSTAIN


class BallotParticipation(models.Model):
    """An association on a ballot's roll (a full member when it opened): whether it voted, never how.

    ``seal`` lets the association change its vote until the close (see the module's docstring); it is
    erased at the close. No timestamp: when a vote was cast is not kept.
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="participations")
    association = models.ForeignKey(
        "home.Association", verbose_name=_("association"), on_delete=models.CASCADE, related_name="+"
    )
    voted = models.BooleanField(_("voted"), default=False)
    seal = models.CharField(max_length=64, blank=True, default="", editable=False)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["ballot", "association"], name="unique_ballot_participation")]

    def __str__(self) -> str:
        return f"{self.ballot} — {self.association}"
