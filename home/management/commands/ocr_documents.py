"""``manage.py ocr_documents``: recognise the text of scanned PDFs (status "no text: OCR needed").

Uses Debian's tesseract (``-l fra+eng``; packages tesseract-ocr, tesseract-ocr-fra, tesseract-ocr-eng)
and poppler's pdftoppm (poppler-utils). When one of them is missing, says which (on stderr) and changes nothing.
The limits of ``DOCUMENT_TEXT_*`` apply (pages, characters; the timeout for each page).
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.documents import get_document_model

from home.library.extraction import OCRUnavailable, documents_needing_ocr, ocr, ocr_programs


class Command(BaseCommand):
    help = (
        "Recognise with tesseract (French and English) the text of PDFs without a text layer; "
        "--all also those already recognised; --document ID one document."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="also the documents already recognised by OCR")
        parser.add_argument("--document", type=int, action="append", help="only this document (its id); repeatable")

    def handle(self, *args, **options):
        try:
            programs = ocr_programs()
        except OCRUnavailable as unavailable:
            self.stderr.write(str(unavailable))  # skipped, not an error: OCR is optional on a server
            return
        if options["document"]:
            documents = get_document_model().objects.filter(pk__in=options["document"]).order_by("pk")
            if not documents.exists():
                raise CommandError(f"No document with the id {', '.join(map(str, options['document']))}.")
        else:
            documents = documents_needing_ocr(everything=options["all"])
        counts: dict[str, int] = {}
        for document in documents.iterator():
            document_text = ocr(document, programs)
            counts[document_text.status] = counts.get(document_text.status, 0) + 1
            if options["verbosity"] > 1:
                self.stdout.write(f"{document.pk} {document.title}: {document_text.status}")
        summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        summary = summary or "no document to recognise"
        self.stdout.write(f"OCR: {summary}.")
