"""Static files in production: fingerprinted, compressed, cached for a year by browsers."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, re
import django
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

call_command("collectstatic", interactive=False, verbosity=0)
url = static("css/site.css")
client = Client()
answers = {"url": url}
for encoding in ("", "gzip", "br"):
    response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
    answers[encoding or "identity"] = {
        "status": response.status_code,
        "cache_control": response.get("Cache-Control", ""),
        "encoding": response.get("Content-Encoding", ""),
        "vary": response.get("Vary", ""),
    }
print(json.dumps(answers))
"""


def test_static_files_are_fingerprinted_compressed_and_cached_for_long(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="site_cms.settings.production",
        SECRET_KEY="static-files-test",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", SCRIPT], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    assert answers["url"].startswith("/static/css/site.") and answers["url"] != "/static/css/site.css"
    for encoding, expected in (("identity", ""), ("gzip", "gzip"), ("br", "br")):
        answer = answers[encoding]
        assert answer["status"] == 200
        assert answer["encoding"] == expected
        assert "immutable" in answer["cache_control"]
        assert "max-age=315360000" in answer["cache_control"]
        assert "Accept-Encoding" in answer["vary"]
