"""Daily: remind the coordination and the observers of the end of their observer year (see services.reminders)."""

import datetime

from django.core.management.base import BaseCommand

from extranet.services import reminders


class Command(BaseCommand):
    help = (
        "Email the coordination and each observer association one month before its observer year ends "
        "and on the day (each reminder once; missed days are caught up)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="act as if today were this day (YYYY-MM-DD)"
        )

    def handle(self, *args, date=None, **options):
        sent = reminders.send_membership_reminders(date)
        for reminder, count in sent:
            self.stdout.write(
                f"{reminder.association.slug}: {reminder.kind} (observer year ends on {reminder.ends_on}), "
                f"{count} email(s)"
            )
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
