"""Every five minutes: take the roll of ballots that opened, remind late associations, close due ballots."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from extranet.models import Ballot
from extranet.services import ballots


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
