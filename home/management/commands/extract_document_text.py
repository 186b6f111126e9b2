"""``manage.py extract_document_text``: read the text of the documents that have none yet (or of all of them).

In this process, not through the worker: for documents uploaded before the text was read, after a
change of the limits, or to read again the documents that could not be read.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.documents import get_document_model

from home.library.extraction import documents_with_status, extract
from home.library.models import TextStatus


class Command(BaseCommand):
    help = (
        "Read the text of documents (PDF, DOCX, ODT) page by page: those never read, still pending "
        "or that failed; --all reads every document again; --document ID reads one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="read every document again, even if already read")
        parser.add_argument("--document", type=int, action="append", help="only this document (its id); repeatable")

    def handle(self, *args, **options):
        if options["document"]:
            documents = get_document_model().objects.filter(pk__in=options["document"]).order_by("pk")
            if not documents.exists():
                raise CommandError(f"No document with the id {', '.join(map(str, options['document']))}.")
        elif options["all"]:
            documents = get_document_model().objects.order_by("pk")
        else:
            documents = documents_with_status(TextStatus.PENDING, TextStatus.FAILED)
        counts: dict[str, int] = {}
        for document in documents.iterator():
            document_text = extract(document, force=True)
            counts[document_text.status] = counts.get(document_text.status, 0) + 1
            if options["verbosity"] > 1:
                self.stdout.write(f"{document.pk} {document.title}: {document_text.status}")
        summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items())) or "nothing to read"
        self.stdout.write(f"Text of documents: {summary}.")
