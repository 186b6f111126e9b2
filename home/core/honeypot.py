"""The one honeypot of the site's public forms (contact, signatures): a field bots fill, people never see.

The field is hidden by CSS and ``aria-hidden`` and out of the tab order. A form sent with it
filled is answered as if it had succeeded, so that bots learn nothing, and nothing is stored
or sent.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website_url"


def honeypot_field() -> forms.CharField:
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def is_caught(data) -> bool:
    """Whether submitted ``data`` (``request.POST``) filled the honeypot: a bot."""
    return bool(data.get(HONEYPOT_FIELD))
