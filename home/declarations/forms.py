"""The signature form of a declaration; the rule of a bulk invalidation in the admin."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from home.core.honeypot import honeypot_field
from home.core.text import validate_one_line
from home.core.widgets import LongSelect

from .abuse import Rule, parse_network, stored_networks_within

# What the signer agrees to, shown as the label of the consent box. The exact text shown
# (in the signer's language) is stored with the signature, with ``signing.CONSENT_VERSION``.
CONSENT_TEXT = _(
    "I agree that the collective “Ensemble contre la traite des êtres humains” keeps my name, "
    "email address, organisation and country to count my signature of this declaration and, "
    "if I choose so below, to show my name among the signatories. My email address is only used "
    "to confirm or withdraw my signature: it is never shown or shared. I can withdraw my signature, "
    "and erase these data, at any time with the link in the confirmation email."
)

NAME_TOO_LONG = _("This is too long: %(limit_value)d characters at most (you typed %(show_value)d).")


class SignatureForm(forms.Form):
    """Signing a declaration as a person (confirmed afterwards from the email)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        validators=[validate_one_line],
        error_messages={"max_length": NAME_TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        validators=[validate_one_line],
        error_messages={"max_length": NAME_TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send you a link to confirm your signature. It is never shown."),
        error_messages={"invalid": _("Enter a valid email address, such as name@example.org.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        validators=[validate_one_line],
        error_messages={"max_length": NAME_TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    country = CountryField(blank_label=_("Choose a country")).formfield(
        label=_("Country"), widget=LongSelect(attrs={"autocomplete": "country"})
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Your signature can only be recorded with your agreement to this use.")},
    )
    show_publicly = forms.BooleanField(
        label=_("Show my name publicly among the signatories"),
        help_text=_("Your first name, last name, organisation and country; never your email address."),
        required=False,
    )
    website_url = honeypot_field()  # home.core.honeypot.HONEYPOT_FIELD

    @property
    def consent_text(self) -> str:
        """The consent text as shown, in the active language."""
        return str(CONSENT_TEXT)


class InvalidationForm(forms.Form):
    """The rule of a bulk invalidation (admin): a declaration and at least one criterion; all must match."""

    declaration = forms.ChoiceField(label=_("Declaration"))
    email_domain = forms.CharField(
        label=_("Email domain"), required=False, max_length=255, help_text=_("For example: example.org")
    )
    network = forms.CharField(
        label=_("Address range"),
        required=False,
        max_length=50,
        help_text=_("An address or a range, for example 198.51.100.0/24 (ranges of /24 and /48 are recorded)."),
    )
    starts_at = forms.DateTimeField(
        label=_("Signed from"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Signed until"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=255)

    def __init__(self, *args, declarations: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].choices = [(str(key), title) for key, title in declarations]

    def clean_email_domain(self):
        domain = self.cleaned_data["email_domain"].strip().lower().lstrip("@")
        if domain and ("." not in domain or "@" in domain or any(char.isspace() for char in domain)):
            raise forms.ValidationError(_("Enter a domain such as example.org, without the part before the @."))
        return domain

    def clean_network(self):
        text = self.cleaned_data["network"].strip()
        if not text:
            return ""
        try:
            stored_networks_within(parse_network(text))
        except ValueError:
            raise forms.ValidationError(
                _("Enter an address or a range such as 198.51.100.0/24 (at most 65,536 recorded ranges).")
            ) from None
        return text

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end of the window must come after its start."))
        criteria = ("email_domain", "network", "starts_at", "ends_at")
        if not self.errors and not any(cleaned.get(name) for name in criteria):
            raise forms.ValidationError(
                _("Give at least one rule: an email domain, an address range or a time window.")
            )
        return cleaned

    def rule(self) -> Rule:
        data = self.cleaned_data
        return Rule(
            declaration_key=uuid.UUID(data["declaration"]),
            email_domain=data["email_domain"],
            network=data["network"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        )
