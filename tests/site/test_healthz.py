"""/healthz for the proxy (issue 17, part 5): the database, the cache and the media storage reachable.

200 when they all answer, 503 when one fails; the body names the failed part only, never the error;
never cached, no cookie, no language prefix, not redirected to HTTPS in production.
"""

from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError, connections
from django.test import override_settings

from ..settings_process import load_settings

BASE_DIR = Path(__file__).resolve().parents[2]
SECRET = "password=hunter2 host=db.internal"  # what an error may say: never in the answer
ALL_OK = {"database": "ok", "cache": "ok", "storage": "ok"}


def fail(*args, **kwargs):
    raise OperationalError(SECRET)


def assert_answer(response, status, body):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json() == body
    assert SECRET not in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_healthz_answers_ok_when_everything_is_reachable(client, db):
    response = client.get("/healthz")
    assert_answer(response, 200, ALL_OK)
    assert "X-Page-Cache" not in response  # never from or into the page cache
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def database_down():
    """No connection can be made (the test's own is given back before the database is torn down)."""
    return mock.patch.object(connections["default"], "ensure_connection", fail)


def test_healthz_fails_when_the_database_is_down(client, db):
    with database_down():
        assert_answer(client.get("/healthz"), 503, {**ALL_OK, "database": "failed"})


def test_healthz_is_never_served_from_the_page_cache(client, db):
    assert client.get("/healthz").status_code == 200
    with database_down():
        assert_answer(client.get("/healthz"), 503, {**ALL_OK, "database": "failed"})
    assert_answer(client.get("/healthz"), 200, ALL_OK)


def test_healthz_fails_when_the_cache_is_down(client, db):
    # A Redis server where none listens (port 1 of the loopback refuses connections at once).
    down = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/11"}}
    with override_settings(CACHES=down):
        assert_answer(client.get("/healthz"), 503, {**ALL_OK, "cache": "failed"})


def test_healthz_fails_when_the_storage_is_unreachable(client, db):
    with mock.patch.object(FileSystemStorage, "exists", side_effect=OSError(SECRET)):
        assert_answer(client.get("/healthz"), 503, {**ALL_OK, "storage": "failed"})


def test_healthz_has_no_language_prefix(client, db):
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200  # not redirected to /en/healthz
    assert response.json() == ALL_OK


def production_redirect_exempt() -> list[str]:
    code = "import site_cms.settings.production as s; print(s.SECURE_SSL_REDIRECT); print(s.SECURE_REDIRECT_EXEMPT)"
    result = load_settings(code, SECRET_KEY="a-real-secret", ALLOWED_HOSTS="contrelatraite.example.org")
    assert result.returncode == 0, result.stderr
    redirect, exempt = result.stdout.splitlines()
    assert redirect == "True"
    return eval(exempt)  # noqa: S307 (our own settings, printed above)


@pytest.mark.parametrize("path", ["/healthz"])
def test_healthz_is_not_redirected_to_https_in_production(client, site_tree, settings, path):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = production_redirect_exempt()
    assert client.get(path).status_code == 200
    assert client.get("/fr/").status_code == 301  # everything else is
