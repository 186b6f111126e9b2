"""Wagtail looks for this module by name: each domain sets up its admin in its own ``wagtail_hooks``."""

from home.declarations import wagtail_hooks as declarations_hooks
from home.directory import wagtail_hooks as directory_hooks
from home.library import wagtail_hooks as library_hooks
from home.mail import wagtail_hooks as mail_hooks
from home.site import wagtail_hooks as site_hooks
from home.translations import wagtail_hooks as translations_hooks

__all__ = ["declarations_hooks", "directory_hooks", "library_hooks", "mail_hooks", "site_hooks", "translations_hooks"]
