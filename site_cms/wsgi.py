"""WSGI entry point (gunicorn site_cms.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.production")

application = get_wsgi_application()
