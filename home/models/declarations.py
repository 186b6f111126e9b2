"""Declarations the public can read and sign (a signature counts in every language)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
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

from ..blocks import BodyStreamBlock, DocumentBlock, RecommendationBlock
from ..navigation import tree
from .base import BasePage

SIGNATORIES_PER_PAGE = 50
SIGNATURE_PENDING_MESSAGE = _(
    "Thank you! We have sent you an email: please follow the link in it to confirm your signature. "
    "It only counts once confirmed."
)


class DeclarationIndexPage(BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.DeclarationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("declarations index")

    def get_context(self, request, *args, **kwargs):
        from ..signing import counts_by_declaration

        context = super().get_context(request, *args, **kwargs)
        declarations = list(
            DeclarationPage.objects.live().filter(tree().public_q()).child_of(self).order_by("-first_published_at")
        )
        counts = counts_by_declaration(declaration.translation_key for declaration in declarations)
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
        from allauth.account.adapter import get_adapter

        from .. import signing
        from ..forms import HONEYPOT_FIELD, SignatureForm

        page_url = self.get_url(request)
        if not self.is_open_for_signature:
            messages.error(request, _("This declaration is no longer open for signature: nothing was recorded."))
            return HttpResponseRedirect(page_url)
        if request.POST.get(HONEYPOT_FIELD):
            # A bot: pretend success so that it learns nothing; store nothing, send nothing.
            messages.success(request, SIGNATURE_PENDING_MESSAGE)
            return HttpResponseRedirect(page_url)
        form = SignatureForm(request.POST)
        if not form.is_valid():
            return self.render(request, context_overrides={"signature_form": form})
        data = form.cleaned_data
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
            self.send_confirmation_email(request, result.signature, result.raw_token)
            messages.success(request, SIGNATURE_PENDING_MESSAGE)
        elif result.outcome == signing.SigningOutcome.ALREADY_SIGNED:
            # The same answer as for a new signature: whether an address signed is told to its mailbox only.
            self.send_already_signed_email(request, result.signature)
            messages.success(request, SIGNATURE_PENDING_MESSAGE)
        elif result.outcome == signing.SigningOutcome.CLOSED:
            messages.error(request, _("This declaration is no longer open for signature: nothing was recorded."))
        else:
            messages.error(
                request, _("Too many signatures were sent from here or for this email address. Please try again later.")
            )
        return HttpResponseRedirect(page_url)

    def link_url(self, request, route: str, raw_token: str) -> str:
        """Absolute URL of a confirmation or withdrawal link, under this page's own language."""
        return request.build_absolute_uri(self.get_url(request) + self.reverse_subpage(route, args=[raw_token]))

    def send_confirmation_email(self, request, signature, raw_token: str) -> None:
        from .signatures import CONFIRMATION_LIFETIME

        context = {
            "declaration": self,
            "signature": signature,
            "confirm_url": self.link_url(request, "confirm", raw_token),
            "withdraw_url": self.link_url(request, "withdraw", raw_token),
            "lifetime_days": CONFIRMATION_LIFETIME.days,
        }
        with translation.override(signature.language):
            subject = render_to_string("home/email/signature_confirmation_subject.txt", context)
            body = render_to_string("home/email/signature_confirmation.txt", context)
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [signature.email])

    def send_already_signed_email(self, request, signature) -> None:
        """Tell the owner of an address that signed that someone asked to sign with it again."""
        context = {"declaration": self, "signature": signature}
        with translation.override(self.locale.language_code):
            subject = render_to_string("home/email/signature_already_signed_subject.txt", context)
            body = render_to_string("home/email/signature_already_signed.txt", context)
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [signature.email])

    def link_context(self, request, route: str, token: str) -> dict:
        return {
            "routable_subpath": self.reverse_subpage(route, args=[token]),
            "signature_count": self.signature_figures()["signature_count"],
        }

    @path("confirm/<str:token>/", name="confirm")
    def confirm_view(self, request, token):
        """GET asks (mail scanners follow links); POST confirms."""
        from .. import signing
        from .signatures import SignatureStatus

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
        from .. import signing
        from .signatures import SignatureKind

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
        from .. import signing

        data = {"declaration": self.title, "signature": signing.personal_data(signature)}
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = 'attachment; filename="my-signature.json"'
        add_never_cache_headers(response)
        response["Cache-Control"] = "private, no-store, max-age=0"
        return response

    # --- What the page shows ------------------------------------------------------

    def signature_figures(self) -> dict:
        """The confirmed count and the progress towards the goal (memoised on the page)."""
        if not hasattr(self, "_signature_figures"):
            from ..signing import signature_count

            count = signature_count(self)
            goal = self.signature_goal or 0
            self._signature_figures = {
                "signature_count": count,
                "signature_goal_reached": bool(goal) and count >= goal,
                "signature_progress": min(count, goal),
                "signature_percent": min(100, round(100 * count / goal)) if goal else None,
            }
        return self._signature_figures

    def public_signatories(self):
        """Associations first, then people who chose to be shown; newest first."""
        from .signatures import Signature, SignatureKind

        return (
            Signature.objects.for_declaration(self)
            .public()
            .select_related("association")
            .annotate(
                person_rank=Case(
                    When(kind=SignatureKind.PERSON, then=Value(1)), default=Value(0), output_field=IntegerField()
                )
            )
            .order_by("person_rank", "-confirmed_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from ..charts import cumulative_chart
        from ..forms import SignatureForm
        from ..services import deferred, paginate
        from ..signing import daily_counts

        context = super().get_context(request, *args, **kwargs)

        def figures():
            return {
                **self.signature_figures(),
                "signatories": paginate(
                    self.public_signatories(), request.GET.get("signatories"), SIGNATORIES_PER_PAGE
                ),
                "signature_chart": cumulative_chart(daily_counts(self)),
            }

        keys = ["signature_count", "signature_goal_reached", "signature_progress", "signature_percent"]
        context.update(deferred(figures, [*keys, "signatories", "signature_chart"]))
        if self.is_open_for_signature:
            context["signature_form"] = SignatureForm()
        return context
