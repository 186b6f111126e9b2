"""Declarations the associations propose from the member area."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .members import acting_user


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
