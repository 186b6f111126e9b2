"""Erase pending signatures whose confirmation link has expired (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from home.declarations.signing import purge_unconfirmed


class Command(BaseCommand):
    help = "Delete the unconfirmed signatures whose confirmation link has expired, with their personal data."

    def handle(self, *args, **options):
        deleted = purge_unconfirmed()
        self.stdout.write(f"{deleted} unconfirmed signature(s) deleted.")
