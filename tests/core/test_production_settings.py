"""Production settings fail fast without a secret key or host names, read the rest from the environment
and pass the deploy check (HTTPS only, HSTS, secure cookies)."""

import os
import secrets
import subprocess
import sys

from ..settings_process import BASE_DIR, load_settings

PRINT_SETTINGS = (
    "import site_cms.settings.production as s; "
    "print(s.SECURE_SSL_REDIRECT); print(s.STORAGES['staticfiles']['BACKEND']); "
    "print(s.DATABASES['default']['ENGINE']); print(s.DEBUG); print(s.CACHES['default']['BACKEND'])"
)


def _load_settings(**env):
    return load_settings(PRINT_SETTINGS, **env)


def test_production_refuses_to_start_without_a_secret_key():
    result = _load_settings(ALLOWED_HOSTS="contrelatraite.example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _load_settings(SECRET_KEY="a-real-secret")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_a_wildcard_host():
    result = _load_settings(SECRET_KEY="a-real-secret", ALLOWED_HOSTS="*")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_loads_with_its_environment():
    result = _load_settings(
        SECRET_KEY="a-real-secret", ALLOWED_HOSTS="contrelatraite.example.org", SECURE_SSL_REDIRECT="0"
    )

    assert result.returncode == 0, result.stderr
    ssl_redirect, storage, engine, debug, cache = result.stdout.split()
    assert ssl_redirect == "False"
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert engine == "django.db.backends.sqlite3"
    assert debug == "False"
    # Every worker must see a publish at once: no per-process memory cache in production.
    assert cache == "django.core.cache.backends.filebased.FileBasedCache"


def test_redis_url_selects_the_redis_cache():
    result = _load_settings(
        SECRET_KEY="a-real-secret", ALLOWED_HOSTS="contrelatraite.example.org", REDIS_URL="redis://127.0.0.1:6379/3"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[4] == "django_redis.cache.RedisCache"


def test_production_redirects_to_https_by_default():
    result = _load_settings(SECRET_KEY="a-real-secret", ALLOWED_HOSTS="contrelatraite.example.org")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def test_database_url_selects_postgresql():
    result = _load_settings(
        SECRET_KEY="a-real-secret",
        ALLOWED_HOSTS="contrelatraite.example.org",
        DATABASE_URL="postgres://site:secret@db.example.org:5432/contrelatraite",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[2] == "django.db.backends.postgresql"


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
    ours = ("SECURE_", "SESSION_", "CSRF_COOKIE", "LANGUAGE_COOKIE")
    code = (
        "import site_cms.settings.production as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_SAMESITE)"
    )
    run = lambda **env: load_settings(  # noqa: E731
        code, drop=ours, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="example.org", **env
    )
    result = run()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "True", "True", "True"] + ["Lax"] * 3
    assert run(SECURE_HSTS_PRELOAD="0").stdout.split()[2] == "False"
    # Turning the HTTPS redirect off (a proxy redirects itself) keeps every cookie Secure.
    assert run(SECURE_SSL_REDIRECT="0").stdout.split()[3:8] == ["False", "True", "True", "True", "True"]
    # Each cookie's own variable turns it off, for a local HTTP run.
    cookies = run(SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", LANGUAGE_COOKIE_SECURE="0").stdout.split()
    assert [cookies[4], cookies[6], cookies[7]] == ["False", "False", "False"]


def test_production_queues_every_email_for_the_database_worker():
    """Every email goes to the outbox; its tasks go to the database (db_worker); Wagtail's own stay immediate."""
    code = (
        "import site_cms.settings.production as s; "
        "print(s.EMAIL_BACKEND); print(s.EMAIL_DELIVERY_BACKEND); "
        "print(s.TASKS['email']['BACKEND']); print(s.TASKS['default']['BACKEND'])"
    )
    result = load_settings(
        code,
        drop=("EMAIL_TASK_BACKEND", "EMAIL_DELIVERY_BACKEND"),
        SECRET_KEY="a-real-secret",
        ALLOWED_HOSTS="contrelatraite.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "home.mail.backends.QueuedEmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "django_tasks_db.DatabaseBackend",
        "django_tasks.backends.immediate.ImmediateBackend",
    ]
