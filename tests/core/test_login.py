"""One login for everyone (allauth), two factors for the admin, strong passwords, account pages never cached."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ..factories import PASSWORD, UserFactory, enrol_authenticator_app
from ..html import element, hrefs, text


def test_wagtail_logins_redirect_to_allauth_keeping_next(client, db):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/comptes/login/?next=/admin/pages/"
    response = client.get("/en/_util/login/?next=/en/private/")
    assert response["Location"] == "/en/accounts/login/?next=/en/private/"


def test_anonymous_admin_visitors_go_to_allauth_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/comptes/login/?next=/admin/")


def test_private_pages_send_to_allauth_login(settings):
    assert settings.WAGTAIL_FRONTEND_LOGIN_URL == "account_login"
    assert settings.WAGTAILADMIN_LOGIN_URL == "account_login"


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff@example.org", is_staff=True, is_superuser=True)


def test_staff_without_two_factor_are_sent_to_enrol(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/admin/pages/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    with translation.override("en"):
        assert response["Location"] == reverse("mfa_activate_totp")
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("two-factor" in message for message in messages)


def test_staff_with_two_factor_reach_the_admin(client, staff_user):
    enrol_authenticator_app(staff_user)
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 200


@pytest.fixture
def member(db):
    return UserFactory(username="member@example.org")


@pytest.mark.parametrize(
    ("language", "message", "dashboard"),
    [
        ("fr", "L’administration est réservée à la coordination du collectif.", "/fr/extranet/"),
        ("en", "The administration is for the coordination of the collective.", "/en/extranet/"),
    ],
)
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/?next=/admin/"])
def test_members_at_the_admin_get_a_page_pointing_to_the_extranet(client, member, language, message, dashboard, path):
    """Wagtail sent them to the login, which sent them back to the admin: a redirect loop."""
    client.force_login(member)
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language, follow=True)
    assert response.status_code == 403
    html = response.content.decode()
    assert element(html, "html").get("lang") == language
    assert element(html, "main") is not None  # the site's layout, not Wagtail's
    assert message in text(html)
    assert dashboard in hrefs(html)


@pytest.mark.parametrize("target", ["https://elsewhere.example/", "//elsewhere.example/", "http:/\\elsewhere.example"])
def test_login_never_redirects_off_site(client, member, target):
    response = client.post("/fr/comptes/login/", {"login": member.email, "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert "elsewhere" not in response["Location"]
    assert response["Location"] == "/fr/extranet/"


def test_short_passwords_are_refused():
    with pytest.raises(ValidationError):
        validate_password("Zq7#vR2!mK9")  # 11 characters
    validate_password("Zq7#vR2!mK9x")


def test_account_pages_are_never_cached(client, member):
    assert "no-store" in client.get("/fr/comptes/login/")["Cache-Control"]
    client.force_login(member)
    response = client.get("/en/accounts/password/change/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
