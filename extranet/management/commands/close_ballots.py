"""Every five minutes: take the roll of ballots that opened, remind late associations, close due ballots."""

import datetime

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from extranet.models import Ballot, BallotParticipation
from extranet.services import ballots

RECENTLY = datetime.timedelta(minutes=15)


class Command(BaseCommand):
    help = "Take the roll of opened ballots, send the reminders two days before the close, close due ballots."

    def handle(self, *args, **options):
        now = timezone.now()
        for ballot in Ballot.objects.filter(opened_at__isnull=True, opens_at__lte=now, closed_at__isnull=True):
            ballots.take_roll(ballot, now)
        reminded = ballots.send_reminders(now)
        closed = ballots.close_due_ballots(now)
        for ballot in closed:
            self.stdout.write(f"closed ballot {ballot.pk}: {ballot.outcome}")
        self.stdout.write(f"{reminded} association(s) reminded, {len(closed)} ballot(s) closed.")
        if Ballot.objects.filter(closed_at__gte=now - RECENTLY).exists():
            self.vacuum()

    def vacuum(self):
        """PostgreSQL keeps the old versions of updated rows (the erased seals and salt) until it vacuums
        them: once a ballot has closed (here or by a reader), vacuum its two tables at once."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in (Ballot, BallotParticipation))
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {tables}")
        self.stdout.write("vacuumed the ballot tables.")
