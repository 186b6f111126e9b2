"""Anonymise signatures kept longer than SIGNATURE_RETENTION_DAYS (run daily, e.g. from cron)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home.declarations.signing import anonymise_old_signatures


class Command(BaseCommand):
    help = (
        "Anonymise people's signatures confirmed more than SIGNATURE_RETENTION_DAYS ago (counts stay exact) "
        "and delete the unconfirmed ones whose confirmation link has expired."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Act as if it were this date (ISO 8601), e.g. to check what would go.")

    def handle(self, *args, now=None, **options):
        moment = None
        if now:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(f"--now: {error}") from error
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        result = anonymise_old_signatures(moment)
        self.stdout.write(
            f"{result.anonymised} signature(s) anonymised "
            f"(retention: {settings.SIGNATURE_RETENTION_DAYS} days after confirmation); "
            f"{result.deleted_pending} unconfirmed signature(s) deleted."
        )
