"""``manage.py load_demo_content``: fill the site with the demo content (idempotent).

``--scale N`` adds synthetic copies of the content so that the site holds about N times the
demo (see ``home/demo/scale.py``): for benchmarks and query-count tests.
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page

from home.demo.builder import DemoContentBuilder
from home.demo.scale import ScaledContent
from home.demo.signals import demo_content_loaded
from home.library.extraction import extract_pending
from home.models import Association, IssuingBody, Signature, Topic

# The only place this password appears: demo accounts, never production ones.
DEMO_PASSWORD = "demo-collectif-2014"  # noqa: S105 (demo accounts only, documented in DESIGN.md)


class Command(BaseCommand):
    help = (
        "Load the demo content of the collective (associations, legal library, news, events, "
        "the Balkans declaration, demo accounts) in French and English. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="about N times the demo content: adds synthetic associations, legal resources, news, events "
            "and signatures (1, the demo alone; 10 for benchmarks). Never removes content.",
        )

    def handle(self, *args, **options):
        scale = options["scale"]
        if not 1 <= scale <= 100:
            raise CommandError("--scale must be between 1 and 100")
        builder = DemoContentBuilder(today=timezone.localdate(), password=DEMO_PASSWORD, log=self.stdout.write)
        # A new English page starts as a copy of the French one and is renamed at once;
        # Wagtail would create a redirect for each rename (on commit). These pages never
        # had a public address, so the demo loader creates no redirects.
        with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False), transaction.atomic():
            builder.run()
            demo_content_loaded.send(sender=self.__class__, builder=builder)
            if scale > 1:
                started = time.perf_counter()
                ScaledContent(builder, scale).run()
                seconds = time.perf_counter() - started
        # The demo documents leave with their text read, whatever the task backend (a worker may not run yet).
        extract_pending()
        self.write_summary(builder)
        if scale > 1:
            self.stdout.write(f"Synthetic content for --scale {scale}: {seconds:.1f} s")

    def write_summary(self, builder: DemoContentBuilder) -> None:
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
            ("signatures (confirmed)", Signature.objects.confirmed().count()),
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
