"""Security headers, one login with two factors for the admin, private means private."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from site_cms.middleware import parse_policy

from ..factories import enrol_authenticator_app

BASE_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-test-password-2014"


def assert_strict_headers(response):
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and "unsafe-inline" not in response["Content-Security-Policy"]
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
    for feature in ("camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"):
        assert feature in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# --- 1. Headers and deploy check ---------------------------------------------------------------


def test_production_passes_the_deploy_check():
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environment.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        DJANGO_SETTINGS_MODULE="site_cms.settings.production",
    )
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "SECURE_HSTS_SECONDS"):
        environment.pop(name, None)
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_transport_settings():
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "SESSION_"))}
    environment.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="example.org")
    code = (
        "import site_cms.settings.production as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_SAMESITE)"
    )
    run = lambda **env: subprocess.run(  # noqa: E731, S603
        [sys.executable, "-c", code], cwd=BASE_DIR, env={**environment, **env}, capture_output=True, text=True
    )
    result = run()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "True", "True", "True"] + ["Lax"] * 3
    assert run(SECURE_HSTS_PRELOAD="0").stdout.split()[2] == "False"


def test_public_page_has_the_security_headers(client, site_tree):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert_strict_headers(response)
    assert response["X-Frame-Options"] == "DENY"


def test_account_pages_have_the_security_headers(client, db):
    response = client.get("/fr/comptes/login/")
    assert response.status_code == 200
    assert_strict_headers(response)


def test_the_admin_keeps_what_it_needs(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response  # inline scripts and styles, previews
    assert "camera=()" in response["Permissions-Policy"]


def test_static_files_served_by_whitenoise_have_the_security_headers(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    response = client.get("/static/js/site.js")
    assert response.status_code == 200
    assert_strict_headers(response)


def test_unknown_hosts_are_refused(client, db):
    assert client.get("/fr/", HTTP_HOST="evil.example").status_code == 400


def test_templates_have_no_inline_styles_or_scripts():
    for template in (BASE_DIR / "templates").rglob("*.html"):
        html = template.read_text()
        assert "style=" not in html and "<style" not in html, template
        assert "<script>" not in html and " on" + "click=" not in html, template


# --- 2. One login ---------------------------------------------------------------------------------


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
    user = get_user_model().objects.create_user("staff@example.org", "staff@example.org", PASSWORD, is_staff=True)
    user.is_superuser = True
    user.save()
    return user


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
    user = get_user_model().objects.create_user("member@example.org", "member@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


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


# --- 3. Private means private ----------------------------------------------------------------------


def test_no_shared_passwords_for_private_pages_and_collections():
    from wagtail.admin.forms.collections import CollectionViewRestrictionForm
    from wagtail.admin.forms.pages import PageViewRestrictionForm

    for form in (PageViewRestrictionForm(), CollectionViewRestrictionForm()):
        assert "password" not in [value for value, _label in form.fields["restriction_type"].choices]


def test_account_pages_are_never_cached(client, member):
    assert "no-store" in client.get("/fr/comptes/login/")["Cache-Control"]
    client.force_login(member)
    response = client.get("/en/accounts/password/change/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
