"""Declarations the public can read and sign (a signature counts in every language).

The page types, their routes (sign, confirm, withdraw) and the queries of live declarations
that other parts of the site show (home page, association profiles, open data).
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django import forms
from django.contrib import messages
from django.core.paginator import Page as PaginatorPage
from django.db import models, transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.core import honeypot
from home.core.base_page import BasePage, SectionPage
from home.core.blocks import BodyStreamBlock, DocumentBlock, RecommendationBlock
from home.core.caching.fragments import deferred
from home.core.charts import CumulativeChart, cumulative_chart
from home.core.links import on_site
from home.core.pagination import paginate
from home.core.tree import live_not_restricted

from . import handover, signing
from .emails import send_already_signed_email, send_confirmation_email
from .forms import SignatureForm
from .models import Signature, SignatureKind, SignatureStatus

SIGNATORIES_PER_PAGE = 50
SIGNATURE_PENDING_MESSAGE = _(
    "Thank you! We have sent you an email: please follow the link in it to confirm your signature. "
    "It only counts once confirmed."
)


class DeclarationIndexPage(SectionPage):
    site_section = "declarations"
    subpage_types = ["home.DeclarationPage"]

    class Meta:
        verbose_name = _("declarations index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        declarations = list(live_not_restricted(DeclarationPage).child_of(self).order_by("-first_published_at"))
        counts = signing.counts_by_declaration(declaration.translation_key for declaration in declarations)
        for declaration in declarations:
            declaration.signature_total = counts.get(declaration.translation_key, 0)
        context["open_declarations"] = [d for d in declarations if d.is_open_for_signature]
        context["closed_declarations"] = [d for d in declarations if not d.is_open_for_signature]
        return context


class DeclarationPage(RoutablePageMixin, BasePage):
    summary = RichTextField(_("summary"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("full text"))
    recommendations = StreamField(
        [("recommendation", RecommendationBlock())], blank=True, verbose_name=_("recommendations")
    )
    documents = StreamField([("document", DocumentBlock())], blank=True, verbose_name=_("documents"))
    external_url = models.URLField(_("link"), blank=True)
    carried_by = ParentalManyToManyField(
        "home.Association", verbose_name=_("carried by"), blank=True, related_name="declarations"
    )
    signatures_open = models.BooleanField(_("open for signature"), default=True)
    signature_goal = models.PositiveIntegerField(_("signature goal"), null=True, blank=True)
    signature_deadline = models.DateField(_("signature deadline"), null=True, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("recommendations"),
        FieldPanel("documents"),
        FieldPanel("external_url"),
        FieldPanel("carried_by", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("signatures_open"),
                FieldRowPanel([FieldPanel("signature_goal"), FieldPanel("signature_deadline")]),
            ],
            heading=_("Signatures"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("recommendations"),
    ]
    parent_page_types = ["home.DeclarationIndexPage"]
    # wagtail-localize skips many-to-many fields unless told: the carriers are the same in every language.
    override_translatable_fields = [SynchronizedField("carried_by")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    @property
    def is_open_for_signature(self) -> bool:
        if not self.signatures_open:
            return False
        if self.signature_deadline and self.signature_deadline < timezone.localdate():
            return False
        return True

    # --- Signing -----------------------------------------------------------------

    @path("", name="declaration")
    @method_decorator(sensitive_post_parameters("email", "first_name", "last_name", "organisation"))
    def declaration_view(self, request):
        if request.method == "POST":
            return self.sign_view(request)
        return self.render(request)

    def sign_view(self, request):
        page_url = self.get_url(request)
        if not self.is_open_for_signature:
            messages.error(request, _("This declaration is no longer open for signature: nothing was recorded."))
            return HttpResponseRedirect(page_url)
        if honeypot.is_caught(request.POST):
            # A bot: pretend success so that it learns nothing; store nothing, send nothing.
            messages.success(request, SIGNATURE_PENDING_MESSAGE)
            return HttpResponseRedirect(page_url)
        form = SignatureForm(request.POST)
        if not form.is_valid():
            return self.render(request, context_overrides={"signature_form": form})
        data = form.cleaned_data
        # The signature and its email are one transaction: the email is queued (home/mail/outbox.py), so
        # the answer never waits for the mail server, and a pending signature never lacks its email.
        with transaction.atomic():
            result = signing.sign(
                declaration=self,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                organisation=data["organisation"],
                country=data["country"],
                show_publicly=data["show_publicly"],
                consent_text=form.consent_text,
                language=self.locale.language_code,
                ip_address=get_adapter(request).get_client_ip(request),  # the proxies in front are settings
            )
            if result.outcome == signing.SigningOutcome.PENDING:
                send_confirmation_email(
                    declaration=self,
                    signature=result.signature,
                    confirm_url=self.link_url(request, "confirm", result.raw_token),
                    withdraw_url=self.link_url(request, "withdraw", result.raw_token),
                )
            elif result.outcome == signing.SigningOutcome.ALREADY_SIGNED:
                # The same answer as for a new signature: whether an address signed is told to its mailbox only.
                send_already_signed_email(declaration=self, signature=result.signature)
        if result.outcome in (signing.SigningOutcome.PENDING, signing.SigningOutcome.ALREADY_SIGNED):
            messages.success(request, SIGNATURE_PENDING_MESSAGE)
        elif result.outcome == signing.SigningOutcome.CLOSED:
            messages.error(request, _("This declaration is no longer open for signature: nothing was recorded."))
        else:
            messages.error(
                request, _("Too many signatures were sent from here or for this email address. Please try again later.")
            )
        return HttpResponseRedirect(page_url)

    def link_url(self, request, route: str, raw_token: str) -> str:
        """Absolute URL (under SITE_URL, never the request's host) of a confirmation or withdrawal link,
        under this page's own language."""
        return on_site(self.get_url(request) + self.reverse_subpage(route, args=[raw_token]))

    def link_context(self, request, route: str, token: str) -> dict:
        return {
            "routable_subpath": self.reverse_subpage(route, args=[token]),
            "signature_count": signing.signature_count(self),
        }

    @path("confirm/<str:token>/", name="confirm")
    def confirm_view(self, request, token):
        """GET asks (mail scanners follow links); POST confirms."""
        if request.method == "POST":
            outcome = signing.confirm(declaration=self, raw_token=token)
        else:
            signature = signing.find_by_token(self, token)
            if signature is None:
                outcome = signing.ConfirmOutcome.INVALID
            elif signature.status == SignatureStatus.CONFIRMED:
                outcome = signing.ConfirmOutcome.ALREADY_CONFIRMED
            elif signature.confirmation_expired:
                outcome = signing.ConfirmOutcome.EXPIRED
            elif not self.is_open_for_signature:
                outcome = signing.ConfirmOutcome.CLOSED
            else:
                outcome = "ask"
        context = {**self.link_context(request, "confirm", token), "outcome": outcome}
        response = self.render(request, template="home/signing/confirm.html", context_overrides=context)
        if outcome == signing.ConfirmOutcome.INVALID:
            response.status_code = 404
        add_never_cache_headers(response)
        return response

    @path("withdraw/<str:token>/", name="withdraw")
    def withdraw_view(self, request, token):
        """GET shows the signer's data and asks "are you sure?" (``?format=json`` downloads the data);
        POST erases the signature and the signer's data."""
        signature = None
        if request.method == "POST":
            outcome = "withdrawn" if signing.withdraw(declaration=self, raw_token=token) else "invalid"
        else:
            signature = signing.find_by_token(self, token)
            outcome = "ask" if signature is not None and signature.kind == SignatureKind.PERSON else "invalid"
        context = {**self.link_context(request, "withdraw", token), "outcome": outcome}
        if outcome == "ask":
            context["signature"] = signature
            if request.GET.get("format") == "json":
                return self.personal_data_response(signature)
            context["data_url"] = (
                self.get_url(request) + self.reverse_subpage("withdraw", args=[token]) + "?format=json"
            )
        response = self.render(request, template="home/signing/withdraw.html", context_overrides=context)
        if outcome == "invalid":
            response.status_code = 404
        add_never_cache_headers(response)
        return response

    def personal_data_response(self, signature):
        """The signer's personal data as a JSON download (the right of access), never cached."""
        data = {"declaration": self.title, "signature": signing.personal_data(signature)}
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = 'attachment; filename="my-signature.json"'
        add_never_cache_headers(response)
        response["Cache-Control"] = "private, no-store, max-age=0"
        return response

    # --- What the page shows ------------------------------------------------------

    def public_signatories(self):
        """Associations first, then people who chose to be shown; newest first."""
        return (
            Signature.objects.for_declaration(self)
            .shown_publicly()
            .select_related("association")
            .annotate(
                person_rank=Case(
                    When(kind=SignatureKind.PERSON, then=Value(1)), default=Value(0), output_field=IntegerField()
                )
            )
            .order_by("person_rank", "-confirmed_at", "-pk")
        )

    def signatures(self, signatories_page) -> DeclarationSignatures:
        """What the page shows of the signatures, in a cached fragment."""
        return DeclarationSignatures(
            progress=signing.signature_progress(self),
            signatories=paginate(self.public_signatories(), signatories_page, SIGNATORIES_PER_PAGE),
            chart=cumulative_chart(signing.daily_counts(self)),
            countries=handover.country_figures(self),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["signatures"] = deferred(lambda: self.signatures(request.GET.get("signatories")))
        if self.is_open_for_signature:
            context["signature_form"] = SignatureForm()
        return context


@dataclass(frozen=True)
class DeclarationSignatures:
    progress: signing.SignatureProgress
    signatories: PaginatorPage
    chart: CumulativeChart | None
    countries: handover.CountryFigures


# --- Live declarations, as the rest of the site shows them -----------------------------


def live_declarations():
    """Live declarations outside restricted parts of the tree, in every language, with their locale."""
    return live_not_restricted(DeclarationPage).select_related("locale").order_by("-first_published_at", "pk")


def open_declarations(locale_id, limit: int | None = None) -> list[DeclarationPage]:
    """Live declarations of a locale that still take signatures, newest first."""
    pages = live_not_restricted(DeclarationPage).filter(locale_id=locale_id).order_by("-first_published_at", "pk")
    return [page for page in pages if page.is_open_for_signature][:limit]


def declarations_carried_by(association, locale) -> list[DeclarationPage]:
    """The live declarations an association carries, in one language, by title."""
    return list(live_not_restricted(DeclarationPage).filter(carried_by=association, locale=locale).order_by("title"))


def total_confirmed_signatures() -> int:
    """Confirmed signatures of every published declaration (each counted once, whatever the language)."""
    published = live_not_restricted(DeclarationPage).values("translation_key")
    return Signature.objects.confirmed().filter(declaration_key__in=published).count()
