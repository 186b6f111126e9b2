"""The site's settings (production's, mostly), loaded in a fresh interpreter with an environment the test controls."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
# What the developer's or CI's own environment could set that the production settings read.
CONTROLLED = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "SECURE_SSL_REDIRECT",
    "SITE_URL",
    "WAGTAILADMIN_BASE_URL",
    "TRUST_X_FORWARDED_PROTO",
)
CONTROLLED_PREFIXES = ("AWS_", "DJANGO_")


def load_settings(code: str, *, drop: tuple[str, ...] = (), **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` (which imports a settings module, e.g. ``site_cms.settings.production``, and prints what
    the test reads) with
    ``env`` and none of the controlled variables of this process's environment, nor those whose names
    start with one of ``drop``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in CONTROLLED and not key.startswith(CONTROLLED_PREFIXES + drop)
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
