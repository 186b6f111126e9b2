"""Error reports (the emails Django sends when a request fails) never carry a signer's token or personal data."""

from home.models import SignatureStatus

from ..factories import SignatureFactory


def _error_report(client, monkeypatch, url, data, failing):
    """The text of the error report Django would mail for a POST to ``url`` that fails in ``failing``."""
    import sys

    from django.core.signals import got_request_exception
    from django.views.debug import ExceptionReporter

    reports = []

    def report(sender, request, **kwargs):
        reports.append(ExceptionReporter(request, *sys.exc_info()).get_traceback_text())

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(failing[0], failing[1], boom)
    got_request_exception.connect(report)
    client.raise_request_exception = False
    try:
        client.post(url, data)
    finally:
        got_request_exception.disconnect(report)
    return reports[0]


def test_an_error_report_on_a_confirmation_link_hides_the_token(client, content, monkeypatch):
    from home.declarations import signing

    token = SignatureFactory(
        declaration=content.declaration, status=SignatureStatus.PENDING, email="marie@example.org"
    ).raw_token

    text = _error_report(
        client,
        monkeypatch,
        f"{content.declaration.url}confirm/{token}/",
        {"email": "marie@example.org"},
        (signing, "confirm", None),
    )

    assert "RuntimeError" in text and "/confirm/" in text
    assert token not in text
    assert "marie@example.org" not in text


def test_an_error_report_on_the_signature_form_hides_the_email(client, content, monkeypatch):
    from home.declarations import signing

    text = _error_report(
        client,
        monkeypatch,
        content.declaration.url,
        {
            "first_name": "Marie",
            "last_name": "Curieuse",
            "email": "marie.secret@example.org",
            "country": "FR",
            "consent": "on",
            "website_url": "",
        },
        (signing, "sign", None),
    )

    assert "RuntimeError" in text and "POST:" in text
    assert "marie.secret@example.org" not in text
    assert "Curieuse" not in text
