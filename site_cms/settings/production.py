"""Production settings: everything secret or host-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import checked_signed_url_lifetime, checked_site_url, env_bool, env_list, media_storage, proxy_ssl_header

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names (no '*') in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Every absolute link (emails) from the site's address, never from the Host header (home/core/links.py).
# WAGTAILADMIN_BASE_URL, its former name, is still read.
SITE_URL = checked_site_url(os.environ.get("SITE_URL") or os.environ.get("WAGTAILADMIN_BASE_URL", ""), ALLOWED_HOSTS)
WAGTAILADMIN_BASE_URL = SITE_URL
ACCOUNT_DEFAULT_HTTP_PROTOCOL = SITE_URL.partition(":")[0]

STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
checked_signed_url_lifetime(STORAGES["default"], PAGE_CACHE_TIMEOUT)  # noqa: F405

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy checks the application over plain HTTP on the loopback
# The proxy's headers are believed only when configured: X-Forwarded-Proto with TRUST_X_FORWARDED_PROTO=1
# (gunicorn itself believes it from 127.0.0.1 only: --forwarded-allow-ips), X-Forwarded-Host and -Port never.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header()
USE_X_FORWARDED_HOST = False
USE_X_FORWARDED_PORT = False
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Cookies are Secure whatever SECURE_SSL_REDIRECT says (a proxy that redirects to HTTPS itself turns that
# off): each is turned off only by its own variable, for a local HTTP run.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
LANGUAGE_COOKIE_SECURE = env_bool("LANGUAGE_COOKIE_SECURE", True)

# Emails are queued (base.py) and delivered by `manage.py db_worker` from the database's task queue.
TASKS["email"]["BACKEND"] = os.environ.get("EMAIL_TASK_BACKEND", "django_tasks_db.DatabaseBackend")  # noqa: F405
TASKS["documents"]["BACKEND"] = os.environ.get("DOCUMENT_TASK_BACKEND", "django_tasks_db.DatabaseBackend")  # noqa: F405
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# The cache holds the content generation that every worker must read alike (home/core/caching/):
# Redis when given, otherwise files shared by the workers of this machine, never one process's memory.
# The cache holds pickled objects of the site's own classes: bump this when they move or change
# shape, so that a deployment never reads what the previous code stored (2: the domain layout).
CACHE_VERSION = 2
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # django-redis keeps one client per connection pool; Django's own backend builds a
            # new client for every operation, which costs a cached page a third of its time.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "VERSION": CACHE_VERSION,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
            "VERSION": CACHE_VERSION,
        }
    }
