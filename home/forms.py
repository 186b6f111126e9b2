"""Public forms of the site."""

from django import forms
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class LongSelect(forms.Select):
    """A select of many flat options (the 250 countries) written in Python, not one template per option.

    Same markup as Django's ``Select`` for flat choices, about twenty times faster: the
    declaration page renders its form for every visitor.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in self.format_value(value) if item not in ("", None)}
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>\n{}\n</select>", flatatt(final_attrs), self._options(selected))

    def _options(self, selected: set[str]):
        # Without a choice made, the options depend only on the language (names and their order).
        key = translation.get_language() if not selected else None
        if key is not None and key in self._unselected_options:
            return self._unselected_options[key]
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) in selected else "", label)
                for option_value, label in self.choices
            ),
        )
        if key is not None:
            self._unselected_options[key] = options
        return options

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unselected_options: dict[str, str] = {}

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied._unselected_options = self._unselected_options  # shared by the form's copies
        return copied


# The field bots fill and people never see (same name as on the contact page).
HONEYPOT_FIELD = "website_url"

# What the signer agrees to, shown as the label of the consent box. The exact text shown
# (in the signer's language) is stored with the signature, with signing.CONSENT_VERSION.
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
        error_messages={"max_length": NAME_TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
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
    website_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def consent_text(self) -> str:
        """The consent text as shown, in the active language."""
        return str(CONSENT_TEXT)
