"""Emails in their recipient's language, and Wagtail's moderation notifications made so.

Wagtail renders a notification in the recipient's ``UserProfile.preferred_language`` and, when
that is empty, in the language of whoever triggered it (a member submitting from the English
extranet would write to French coordinators in English). Here the fallback is the site's default
language, the HTML alternative is rendered in the same language as the text, workflow and task
names are translated (see ``MODERATION_NAMES``), and one submission sends one email per
recipient: Wagtail's "submitted to workflow" email is not sent to those who receive the "submitted
for approval to moderation stage" email of the same submission (superusers received both).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.admin import mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted
from wagtail.users.models import UserProfile

# Workflows and tasks are rows of the database, named by migrations (Wagtail's and ours): their
# names are kept as these English msgids and shown translated in each recipient's language. A name
# an editor types in the admin is not in the catalogue and is shown as typed.
MODERATION_NAMES = (
    gettext_noop("Moderators approval"),  # Wagtail's default workflow and task for pages (wagtailcore 0048)
    gettext_noop("Association profile approval"),  # home/0003
    gettext_noop("Coordination approval"),  # home/0003
)


def recipient_language(user=None, *, email: str = "") -> str:
    """The language to write to a user in: the one chosen in their profile, else the site's default.

    ``email`` finds the user when only the address is known; an address without an account is
    written to in the current language (that of the request that caused the email).
    """
    if user is None and email:
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            return translation.get_language() or settings.LANGUAGE_CODE
    languages = dict(settings.LANGUAGES)
    if user is not None and user.pk:
        preferred = UserProfile.get_for_user(user).preferred_language
        if preferred in languages:
            return preferred
    return settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user=None, *, email: str = ""):
    with translation.override(recipient_language(user, email=email)):
        yield


def send_in_language(
    template: str, context: dict | Callable[[], dict], to: str, *, user=None, language: str = ""
) -> None:
    """Email ``to`` the text of ``<template>_subject.txt`` and ``<template>_message.txt`` rendered in
    the recipient's language (``language`` when given, else ``user``'s, else that of the account with
    this address, else the current language), through the outbox like every email. ``context`` may be
    a function, called in that language (for what depends on it: links to pages, which have a
    language prefix)."""
    language = language or recipient_language(user, email="" if user is not None else to)
    with translation.override(language):
        if callable(context):
            context = context()
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_message.txt", context)
    EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to]).send()


def translated_moderation_names(context: dict) -> dict:
    """The workflow and task of a notification's context, their names in the active language."""
    translated = {}
    for key in ("workflow", "task"):
        item = context.get(key)
        if item is not None and getattr(item, "name", ""):
            item = copy.copy(item)
            item.name = gettext(item.name)
            translated[key] = item
    return translated


class InRecipientLanguage:
    """Each recipient's email (subject, text and HTML) rendered in the recipient's language."""

    def send_emails(self, template_set, context, recipients, **kwargs):
        sent = True
        for recipient in recipients:
            with in_language_of(recipient):
                own_context = {**context, **translated_moderation_names(context)}
                sent = super().send_emails(template_set, own_context, [recipient], **kwargs) and sent
        return sent


class TaskSubmissionNotifier(InRecipientLanguage, mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmissionNotifier(InRecipientLanguage, mail.WorkflowStateSubmissionEmailNotifier):
    def get_recipient_users(self, workflow_state, **kwargs):
        recipients = super().get_recipient_users(workflow_state, **kwargs)
        if (user := kwargs.get("user")) is not None:
            recipients = recipients.exclude(pk=user.pk)  # Wagtail computes this and drops it
        task_state = workflow_state.current_task_state
        if task_state is not None and task_submission_notifier.can_handle(task_state.specific, **kwargs):
            told = task_submission_notifier.get_recipient_users(task_state.specific, **kwargs)
            recipients = recipients.exclude(pk__in=told.values("pk"))
        return recipients


class WorkflowApprovalNotifier(InRecipientLanguage, mail.WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejectionNotifier(InRecipientLanguage, mail.WorkflowStateRejectionEmailNotifier):
    pass


task_submission_notifier = TaskSubmissionNotifier()
workflow_submission_notifier = WorkflowSubmissionNotifier()
workflow_approval_notifier = WorkflowApprovalNotifier()
workflow_rejection_notifier = WorkflowRejectionNotifier()

# Wagtail's own handlers (wagtail.admin.signal_handlers), replaced under the same dispatch_uid.
NOTIFIERS = (
    (task_submitted, task_submission_notifier, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, workflow_submission_notifier, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, workflow_rejection_notifier, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, workflow_approval_notifier, WorkflowState, "workflow_state_approved_email_notification"),
)


def connect_notifications() -> None:
    """Replace Wagtail's moderation notifiers (whichever app is ready first: same dispatch_uid)."""
    for signal, notifier, sender, uid in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(notifier, sender=sender, dispatch_uid=uid)
