"""Settings shared by every environment.

Safe for production by itself: no secret key, no allowed host, no debug. The
``dev`` and ``test`` modules add what a developer's machine needs; ``production``
reads the rest from the environment.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def proxy_ssl_header() -> tuple[str, str] | None:
    """``SECURE_PROXY_SSL_HEADER``: ``X-Forwarded-Proto`` is believed only when ``TRUST_X_FORWARDED_PROTO``
    says that a proxy in front sets it (and that nobody else reaches the application). Otherwise
    anyone talking to gunicorn directly would make Django take plain HTTP for HTTPS."""
    return ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("TRUST_X_FORWARDED_PROTO", False) else None


def checked_site_url(value: str, allowed_hosts: list[str]) -> str:
    """``SITE_URL`` as settings keep it (no trailing slash), once it is an http(s) origin on an allowed host.

    Without a value, the first of ``allowed_hosts`` over HTTPS.
    """
    if not value:
        if not allowed_hosts or allowed_hosts[0].startswith("."):
            raise ImproperlyConfigured("SITE_URL must be set, e.g. https://contrelatraite.org.")
        value = f"https://{allowed_hosts[0]}"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ImproperlyConfigured("SITE_URL must be the site's address, e.g. https://contrelatraite.org (no path).")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ImproperlyConfigured("SITE_URL must be the site's address, e.g. https://contrelatraite.org (no path).")
    if not validate_host(parts.hostname, allowed_hosts):
        raise ImproperlyConfigured("SITE_URL's host name must be one of ALLOWED_HOSTS.")
    return f"{parts.scheme}://{parts.netloc}"


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "home",
    "extranet",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "site_cms.middleware.CompressedTextMiddleware",  # compresses what every middleware below answers
    "site_cms.middleware.SecurityHeadersMiddleware",  # before WhiteNoise: static files get the headers too
    "site_cms.middleware.RequestBodyLimitMiddleware",  # before anything reads a body (REQUEST_BODY_MAX_BYTES)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the cache with no other middleware; it stores what those below leave.
    "home.core.caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "site_cms.middleware.PrivateCacheMiddleware",
    "site_cms.middleware.AdminRequiresTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "site_cms.urls"
WSGI_APPLICATION = "site_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.core.caching.fragments.fragment_context",
            ],
            # The public pages' tags live with the site's navigation (home/site/templatetags.py).
            "libraries": {
                "site_tags": "home.site.templatetags",
                # The legal library: the links between texts and the citation of a resource page.
                "library_tags": "home.library.templatetags",
                # Freshness of translations: the public notice, the banners of the translation editor.
                "translation_tags": "home.translations.templatetags",
            },
        },
    },
]

# Database: SQLite file by default, anything dj-database-url reads otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing with "database is locked" when several workers write.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: French first, English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
# In the admin a content language is named in the admin's language ("French" in the English admin);
# LANGUAGES names each language in itself, for the public site's language switcher.
WAGTAIL_CONTENT_LANGUAGES = [("fr", _("French")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))


S3_BACKEND = "storages.backends.s3.S3Storage"


def media_storage() -> dict:
    """The storage of uploaded files (images, renditions, documents, logos, reports).

    An S3-compatible bucket through django-storages when ``AWS_STORAGE_BUCKET_NAME`` is set (with
    ``AWS_S3_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY``), shared by every
    application server; local files under ``MEDIA_ROOT`` otherwise. The bucket stays private: no object
    is given a public ACL, and a URL of the storage is signed and short-lived. Documents never leave
    through such a URL: the application streams them after its permission check (``extranet``'s
    download view, Wagtail's serve view with ``WAGTAILDOCS_SERVE_METHOD = "serve_view"``); images and
    renditions are linked by signed URLs that outlive every cache holding a page (``AWS_QUERYSTRING_EXPIRE``,
    checked below against ``PAGE_CACHE_TIMEOUT``).
    """
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": S3_BACKEND,
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # "path" for endpoints without a DNS name per bucket (MinIO, Garage, moto); the SDK's choice otherwise.
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "signature_version": "s3v4",
            "location": os.environ.get("AWS_LOCATION", "").strip("/"),  # a prefix of every key, if the bucket is shared
            "default_acl": None,  # the bucket's own: private
            "querystring_auth": True,  # every URL of the storage is signed…
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),  # …and expires
            # Never a custom domain (a CDN in front of the bucket): its URLs are not signed, they would open it.
            "custom_domain": None,
            "file_overwrite": False,
            # A file read from the bucket (a document streamed to a member, an image being resized) stays in
            # memory up to 2 MB, then goes to a temporary file: twenty 20 MB downloads do not fill the memory.
            "max_memory_size": 2 * 1024 * 1024,
            # Browsers may keep what they fetched by a signed URL, no shared cache may.
            "object_parameters": {"CacheControl": "private, max-age=3600"},
        },
    }


def media_image_sources(storage: dict) -> list[str]:
    """Where browsers fetch images and renditions from, for the Content-Security-Policy's ``img-src``:
    the bucket, addressed by path (``endpoint/bucket/``) or by host (``bucket.endpoint``, AWS's default)."""
    if storage["BACKEND"] != S3_BACKEND:
        return []
    options = storage["OPTIONS"]
    bucket = options["bucket_name"]
    endpoint = options["endpoint_url"]
    if endpoint:
        parts = urlsplit(endpoint)
        sources = [f"{parts.scheme}://{parts.netloc}/{bucket}/"]
        if options["addressing_style"] != "path":
            sources.append(f"{parts.scheme}://{bucket}.{parts.netloc}")
        return sources
    region = options["region_name"]
    hosts = [f"{bucket}.s3.amazonaws.com", *([f"{bucket}.s3.{region}.amazonaws.com"] if region else [])]
    return [f"https://{host}" for host in hosts]


def checked_signed_url_lifetime(storage: dict, page_cache_timeout: int) -> None:
    """Signed URLs of images must outlive every cache holding a page that links them.

    A fragment (``fragment_timeout``) lives at most ``PAGE_CACHE_TIMEOUT`` and may go into a page
    cached for as long again; a visitor then scrolls down to lazy-loaded images: ten more minutes.
    """
    if storage["BACKEND"] != S3_BACKEND:
        return
    needed = 2 * page_cache_timeout + 600
    if storage["OPTIONS"]["querystring_expire"] < needed:
        raise ImproperlyConfigured(
            f"AWS_QUERYSTRING_EXPIRE must be at least {needed} seconds (2 × PAGE_CACHE_TIMEOUT + 600): "
            "pages and fragments in the cache hold signed image URLs that must still work."
        )


STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest request body, files included, refused (413) from its Content-Length before it is read
# (site_cms.middleware.RequestBodyLimitMiddleware). Every upload limit must fit below it, with room for
# the form's other fields: the extranet's reports and the admin's documents (20 MB,
# home.core.uploads.MAX_DOCUMENT_SIZE and WAGTAILDOCS_MAX_UPLOAD_SIZE), images (10 MB), logos (2 MB).
# The Wagtail admin may be given more; the reverse proxy should refuse the same sizes first
# (nginx: client_max_body_size, see README).
REQUEST_BODY_MAX_BYTES = int(os.environ.get("REQUEST_BODY_MAX_BYTES", str(25 * 1024 * 1024)))
REQUEST_BODY_MAX_BYTES_ADMIN = int(os.environ.get("REQUEST_BODY_MAX_BYTES_ADMIN", str(REQUEST_BODY_MAX_BYTES)))
REQUEST_BODY_ADMIN_PREFIXES = ["/admin/"]

# Email: the coordination's address receives the contact form.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ensemble contre la traite <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
COORDINATION_EMAIL = os.environ.get("COORDINATION_EMAIL", "coordination@example.org")
# The language the coordination reads the contact form's messages in.
COORDINATION_LANGUAGE = os.environ.get("COORDINATION_LANGUAGE", "fr")

# Every email is queued (home/mail/outbox.py) and delivered by a task through EMAIL_DELIVERY_BACKEND:
# a request never waits for the mail server, and a failed send is retried, then shown to coordinators.
EMAIL_BACKEND = "home.mail.backends.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))  # seconds: a stalled mail server never holds a worker
# Seconds to wait after the 1st, 2nd, … failed attempt (the last one repeats), for EMAIL_RETRY_FOR seconds
# after the email was queued (at least a day: a mail server down for a weekend night loses nothing).
EMAIL_RETRY_DELAYS = [60, 300, 900, 1800, 3600, 7200, 14400, 21600]
EMAIL_RETRY_FOR = int(os.environ.get("EMAIL_RETRY_FOR", str(24 * 3600)))
# An email still "being sent" after this many seconds was interrupted (the worker stopped).
EMAIL_SENDING_TIMEOUT = 15 * 60
# Sent emails are kept this long (who was written to, when), then forgotten (send_queued_emails).
EMAIL_KEEP_SENT_DAYS = 30

# Django's task framework as Wagtail uses it (django-tasks). "default" runs Wagtail's own tasks in the
# request that asks for them, everywhere: the reference index, which decides who may download a
# document (extranet/permissions.py), is up to date when a publish answers. "email" delivers the
# outbox: immediate in development and tests, the database and `manage.py db_worker` in production.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {
        "BACKEND": os.environ.get("EMAIL_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
        "QUEUES": ["email"],
    },
    # The text of documents (home.library.extraction): its own worker in production, so that a long
    # document never delays an email.
    "documents": {
        "BACKEND": os.environ.get("DOCUMENT_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
        "QUEUES": ["documents"],
    },
}

# The dashboard's website check (extranet/services/websites.py) only asks public addresses, on the
# usual ports, at every redirect (tests allow loopback and any port: None).
WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS = False
WEBSITE_CHECK_PORTS: list[int] | None = [80, 443]

# Signatures of declarations: attempts per hour per address, per day per email.
SIGNATURE_RATE_LIMITS = {
    "ip": int(os.environ.get("SIGNATURE_RATE_LIMIT_IP", "20")),
    "email": int(os.environ.get("SIGNATURE_RATE_LIMIT_EMAIL", "5")),
}

# The signature admin shows an hour in which one address range (/24, /48) or one email domain gave
# at least this many signatures to one declaration, over the last days.
SIGNATURE_BURST_THRESHOLD = int(os.environ.get("SIGNATURE_BURST_THRESHOLD", "20"))
SIGNATURE_BURST_DAYS = 14

# The visitor's address (signature and login rate limits, through allauth's adapter). Behind
# reverse proxies that append it to X-Forwarded-For, say how many (nginx in front: 1); or name
# a header that a trusted proxy sets (e.g. X-Real-IP). Otherwise REMOTE_ADDR: the headers a
# client sends itself are never believed.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None

# Cache: local memory unless REDIS_URL is given.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache of anonymous public pages (home/core/caching/): PAGE_CACHE=0 turns it off.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
checked_signed_url_lifetime(STORAGES["default"], PAGE_CACHE_TIMEOUT)
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/documents/", "/static/", "/media/", "/healthz"]
PAGE_CACHE_RECENT_PAGES = int(os.environ.get("PAGE_CACHE_RECENT_PAGES", "200"))  # per worker, in memory
# Cached fragments of heavy listings, for everyone (FRAGMENT_CACHE=0 renders them every time).
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", True)

# The site's public address, scheme and port included (no trailing slash): every absolute link
# (emails: password reset, address confirmation, invitations, signatures; the admin's emails) is
# built from it, never from the request's Host header (home/core/links.py). Production requires it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Accounts (django-allauth): login by email, no open sign-up.
SITE_ID = 1
LOGIN_URL = "account_login"
WAGTAILADMIN_LOGIN_URL = "account_login"  # one login form (allauth's, rate-limited) for the admin too
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"  # private pages and documents
LOGIN_REDIRECT_URL = "extranet:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Failed logins: per address, and per account (an action of our adapter, extranet/adapters.py).
# Beyond the account's limit its password is no longer tested, for anyone: the member signs in
# with a one-time code emailed to the account's address (then its second factor, if any), so a
# stranger's wrong passwords lock nobody out and cannot guess the password either.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,30/1d/ip",
    "login_failed_account": "5/5m/key,20/1d/key",
    "request_login_code": "5/5m/ip,20/1d/ip,3/m/key",
    "login": "30/m/ip",
    "reset_password": "5/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_ADAPTER = "extranet.adapters.ClosedAccountAdapter"
ACCOUNT_FORMS = {"login": "extranet.forms.LoginForm"}
ACCOUNT_LOGIN_BY_CODE_ENABLED = True  # codes valid 3 minutes, 3 tries each (allauth's defaults)
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
# No email to an address without an account (allauth's would invite to a sign-up that is closed, and
# anyone could make the site write to any address): the same answer on the page, nothing sent.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme  # the links themselves come from SITE_URL
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "contrelatraite"

# Wagtail.
WAGTAIL_SITE_NAME = "Ensemble contre la traite des êtres humains"
WAGTAILADMIN_BASE_URL = SITE_URL  # the admin's emails link to the same address
# Wagtail's database backend (FTS5 on SQLite, tsvector on PostgreSQL) with the last word of a query as a
# prefix; French and English are folded and stemmed in Python (home.core.search), identically on both
# databases, so PostgreSQL's configuration is "simple" (nothing is stemmed twice).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.core.search_backend", "SEARCH_CONFIG": "simple"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "ods", "xlsx", "odp", "pptx", "txt", "csv"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.core.upload_forms.DocumentForm"  # type read from the content
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Reading the text of documents (home.library.extraction): what a hostile file may cost a worker.
DOCUMENT_TEXT_MAX_FILE_SIZE = int(os.environ.get("DOCUMENT_TEXT_MAX_FILE_SIZE", str(50 * 1024 * 1024)))
DOCUMENT_TEXT_MAX_PAGES = int(os.environ.get("DOCUMENT_TEXT_MAX_PAGES", "1000"))
DOCUMENT_TEXT_MAX_CHARACTERS = int(os.environ.get("DOCUMENT_TEXT_MAX_CHARACTERS", "5000000"))
DOCUMENT_TEXT_TIMEOUT = int(os.environ.get("DOCUMENT_TEXT_TIMEOUT", "60"))  # seconds a document (OCR: a page)
DOCUMENT_TEXT_MAX_MEMORY = int(os.environ.get("DOCUMENT_TEXT_MAX_MEMORY", str(1024 * 1024 * 1024)))  # bytes
DOCUMENT_TEXT_MAX_UNCOMPRESSED_SIZE = 100 * 1024 * 1024  # DOCX and ODT, all their files once uncompressed
DOCUMENT_TEXT_MAX_COMPRESSION_RATIO = 100  # DOCX and ODT, each file of 1 MB or more (zip bombs)
DOCUMENT_TEXT_OCR_RESOLUTION = 300  # dots per inch of the page images tesseract reads
DOCUMENT_TEXT_TESSERACT = os.environ.get("DOCUMENT_TEXT_TESSERACT", "tesseract")
DOCUMENT_TEXT_PDFTOPPM = os.environ.get("DOCUMENT_TEXT_PDFTOPPM", "pdftoppm")
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []  # every document is a download
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.core.upload_forms.ImageForm"  # real format checked, metadata stripped
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar from gravatar.com: the admin asks nothing of other hosts
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"

# Security defaults that hold everywhere; production tightens transport.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Content-Security-Policy, Permissions-Policy, private content (site_cms/middleware.py) ---
# Every page but the Wagtail admin gets this policy; a view's own directives win (the
# embeddable counter keeps "frame-ancestors *", downloads keep "default-src 'none'").
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "img-src": " ".join(["'self'", "data:", *media_image_sources(STORAGES["default"])]),  # images in a bucket too
    "style-src": "'self'",
    "script-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}
# The admin needs its inline scripts and styles and frames its own previews: no policy there.
CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES = ["/admin/"]
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
}
# Private pages and collections: a login, never a password shared around.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# Personal data (GDPR): how long signers' personal data are kept, how errors are reported.
# A confirmed signature is anonymised this many days after its confirmation
# (command ``anonymise_old_signatures``, run daily): the count stays, the person goes.
SIGNATURE_RETENTION_DAYS = int(os.environ.get("SIGNATURE_RETENTION_DAYS", str(3 * 365)))
# Error reports (emails to admins, debug pages) hide tokens in link paths and emails in POST data.
DEFAULT_EXCEPTION_REPORTER_FILTER = "home.core.privacy.PrivateExceptionReporterFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # Logins, failed logins: user ids only, never an email or a username (extranet/audit.py).
        "audit": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

SITE_DESCRIPTION = _("A collective of French associations fighting trafficking in human beings.")
