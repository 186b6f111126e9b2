"""Security headers on every kind of response, refused hosts, no inline styles or scripts in the templates."""

from pathlib import Path

from django.core.management import call_command

from site_cms.middleware import parse_policy

BASE_DIR = Path(__file__).resolve().parents[2]


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
