"""``manage.py load_demo_content``: fill the site with the demo content (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page

from home.demo.builder import DemoContentBuilder
from home.signals import demo_content_loaded

# The only place this password appears: demo accounts, never production ones.
DEMO_PASSWORD = "demo-collectif-2014"  # noqa: S105 (demo accounts only, documented in DESIGN.md)


class Command(BaseCommand):
    help = (
        "Load the demo content of the collective (associations, legal library, news, events, "
        "the Balkans declaration, demo accounts) in French and English. Safe to run again."
    )

    def handle(self, *args, **options):
        builder = DemoContentBuilder(today=timezone.localdate(), password=DEMO_PASSWORD, log=self.stdout.write)
        # A new English page starts as a copy of the French one and is renamed at once;
        # Wagtail would create a redirect for each rename (on commit). These pages never
        # had a public address, so the demo loader creates no redirects.
        with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False), transaction.atomic():
            builder.run()
            demo_content_loaded.send(sender=self.__class__, builder=builder)
        self.write_summary(builder)

    def write_summary(self, builder: DemoContentBuilder) -> None:
        from django.contrib.auth import get_user_model

        from home.models import Association, IssuingBody, Topic

        labels = sorted(set(builder.created) | set(builder.updated))
        if labels:
            for label in labels:
                self.stdout.write(f"{label}: {builder.created[label]} created, {builder.updated[label]} updated")
        else:
            self.stdout.write("Nothing to change: the demo content is already loaded.")

        self.stdout.write(self.style.MIGRATE_HEADING("Demo content in the database:"))
        rows = [
            ("topics", Topic.objects.count()),
            ("issuing bodies", IssuingBody.objects.count()),
            ("associations (live)", Association.objects.filter(live=True).count()),
            ("users", get_user_model().objects.count()),
        ]
        pages = Page.objects.filter(depth__gt=1)
        for code in ("fr", "en"):
            rows.append((f"pages ({code}, live)", pages.filter(locale__language_code=code, live=True).count()))
        for model_name in ("LegalResourcePage", "NewsPage", "EventPage", "DeclarationPage"):
            count = pages.filter(content_type__model=model_name.lower(), locale__language_code="fr").count()
            rows.append((f"{model_name} (per language)", count))
        for label, count in rows:
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
