"""Settings for a developer's machine (the default of manage.py)."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105 (development only)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]
# Queued emails are delivered at once (the immediate task backend) to the console by default; the
# signatures benchmark switches to the file backend (EMAIL_FILE_PATH).
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend")
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
