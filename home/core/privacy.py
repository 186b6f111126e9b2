"""Error reports that carry no secrets: no tokens from links, no email addresses, no passwords.

Django already hides settings and the POST fields marked with ``sensitive_post_parameters``;
this filter also hides the token in the path of confirmation, withdrawal, invitation,
email-confirmation and password-reset links, every email address, and POST fields and
frame variables whose name says they are secret.
"""

from __future__ import annotations

import re

from django.views.debug import SafeExceptionReporterFilter
from django.views.debug import pprint as debug_pprint

# The segment after these words in a path is a secret (a token or a key).
TOKEN_IN_PATH = re.compile(r"(/(?:confirm|withdraw|invitation|confirm-email|key)/)(?!done/)[^/?#\s'\"]+")
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SENSITIVE_NAMES = re.compile(r"pass|token|key|secret|signature|email|login|code|otp|cookie", flags=re.IGNORECASE)


def mask(text: str) -> str:
    """``text`` without the tokens of links and without email addresses."""
    text = TOKEN_IN_PATH.sub(rf"\g<1>{SafeExceptionReporterFilter.cleansed_substitute}", text)
    return EMAIL_ADDRESS.sub(SafeExceptionReporterFilter.cleansed_substitute, text)


class _Masked:
    """A frame variable shown by its masked representation."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile("API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|EMAIL_HOST_USER", flags=re.I)

    def mask_request_path(self, request) -> None:
        """Hide the token in the request's own path: the report prints ``request.path_info`` and the URL.

        The request is failing and only the report still reads it; its path is masked in place
        because the reporter reads these attributes directly.
        """
        if request is None or getattr(request, "_path_masked", False):
            return
        for attribute in ("path", "path_info"):
            if isinstance(getattr(request, attribute, None), str):
                setattr(request, attribute, mask(getattr(request, attribute)))
        request._path_masked = True

    def get_safe_request_meta(self, request):
        self.mask_request_path(request)
        meta = super().get_safe_request_meta(request)
        return {name: mask(value) if isinstance(value, str) else value for name, value in meta.items()}

    def get_post_parameters(self, request):
        self.mask_request_path(request)
        parameters = super().get_post_parameters(request)
        if request is None or not self.is_active(request):
            return parameters
        cleansed = parameters.copy()
        for name in cleansed:
            values = cleansed.getlist(name)
            if SENSITIVE_NAMES.search(name) or any(EMAIL_ADDRESS.search(str(value)) for value in values):
                cleansed.setlist(name, [self.cleansed_substitute])
        return cleansed

    def get_traceback_frame_variables(self, request, tb_frame):
        self.mask_request_path(request)
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if not self.is_active(request):
            return variables
        items = variables.items() if isinstance(variables, dict) else variables
        cleansed = []
        for name, value in items:
            if isinstance(value, str) and value == self.cleansed_substitute:
                pass
            elif SENSITIVE_NAMES.search(str(name)):
                value = self.cleansed_substitute
            else:
                text = debug_pprint(value)
                masked = mask(text)
                if masked != text:
                    value = _Masked(masked)
            cleansed.append((name, value))
        return cleansed
