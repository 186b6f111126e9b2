"""``manage.py backup_site``: the database and the media in one new directory, with a manifest (run daily)."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.core.backups import BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's backup API) and every media file of the default storage "
        "into a new directory of --output-dir, with a manifest of sizes and sha256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=os.environ.get("BACKUP_DIR") or str(Path(settings.BASE_DIR) / "var" / "backups"),
            help="where the backup directory is created (default: $BACKUP_DIR, else var/backups)",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="then delete all but the N newest backups of --output-dir (default 0: delete none)",
        )

    def handle(self, *args, **options):
        if options["keep"] < 0:
            raise CommandError("--keep must be 0 (keep all) or more")
        output_dir = Path(options["output_dir"]).resolve()
        try:
            path = create_backup(output_dir, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
        if options["keep"]:
            for removed in prune_backups(output_dir, options["keep"]):
                self.stdout.write(f"Old backup deleted: {removed}")
