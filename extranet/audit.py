"""Audit log lines for logins: the user's id only, never an email address or a username."""

from __future__ import annotations

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

audit_logger = logging.getLogger("audit")


def log_login(sender, request, user, **kwargs):
    audit_logger.info("login: user %s", user.pk)


def log_logout(sender, request, user, **kwargs):
    audit_logger.info("logout: user %s", getattr(user, "pk", None))


def log_login_failed(sender, credentials, request=None, **kwargs):
    # The credentials name the account tried (an email): they are left out on purpose.
    audit_logger.warning("login failed")


def connect_audit_handlers() -> None:
    user_logged_in.connect(log_login, dispatch_uid="audit_login")
    user_logged_out.connect(log_logout, dispatch_uid="audit_logout")
    user_login_failed.connect(log_login_failed, dispatch_uid="audit_login_failed")
