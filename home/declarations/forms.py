"""The signature form of a declaration."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from home.core.honeypot import honeypot_field
from home.core.text import validate_one_line
from home.core.widgets import LongSelect

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
