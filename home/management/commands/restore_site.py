"""``manage.py restore_site BACKUP_DIR``: replace the database and the media by a backup's, once it is checked."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.core.backups import BackupError, database_label, engine_of, read_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site: check its manifest (engine, every file's size and sha256), then "
        "replace the whole database content and the media files of the default storage. Stop the site first."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup directory (contrelatraite-YYYYMMDD-HHMMSS)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="do not ask for confirmation"
        )
        parser.add_argument(
            "--keep-other-media",
            action="store_true",
            help="keep the media files that are not in the backup (by default they are deleted)",
        )

    def handle(self, *args, **options):
        try:
            engine = engine_of()
            backup = read_backup(Path(options["backup"]).resolve(), engine=engine)
        except BackupError as error:
            raise CommandError(f"Restore refused: {error}") from error
        media = backup.media_files
        self.stdout.write(
            f"Backup of {backup.manifest['created']} ({engine}, {len(media)} media files) checked: complete."
        )
        if options["interactive"]:
            question = (
                f"This replaces ALL the content of {database_label()} and "
                f"{'adds to' if options['keep_other_media'] else 'replaces'} the media files by the backup's.\n"
                "Type 'yes' to continue, or anything else to cancel: "
            )
            try:
                answer = input(question)
            except EOFError:
                answer = ""
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled: nothing was changed.")
        try:
            restore_backup(backup, keep_other_files=options["keep_other_media"], log=self.stdout.write)
        except BackupError as error:
            raise CommandError(f"Restore failed: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {backup.path}"))
