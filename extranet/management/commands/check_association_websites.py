"""Ask every association's websites whether they answer, for the dashboards' to-do lists."""

from django.core.management.base import BaseCommand

from extranet.services import websites
from home.models import Association


class Command(BaseCommand):
    help = "Check that the French and English websites of every live association answer."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=websites.WEBSITE_CHECK_TIMEOUT, help="seconds per website")
        parser.add_argument("--association", help="only this association (slug)")

    def handle(self, *args, timeout, association=None, **options):
        associations = Association.objects.filter(live=True).order_by("name")
        if association:
            associations = associations.filter(slug=association)
        failures = 0
        for item in associations:
            for check in websites.check_association_websites(item, timeout=timeout):
                if check.ok:
                    self.stdout.write(f"ok      {item.slug}: {check.url} ({check.status_code})")
                else:
                    failures += 1
                    self.stdout.write(self.style.WARNING(f"FAILING {item.slug}: {check.url} ({check.reason})"))
        self.stdout.write(f"{failures} website(s) not answering.")
