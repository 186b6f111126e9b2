"""The text of documents (home.library.extraction): read on upload or replacement, page by page, within limits."""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale
from wagtail.users.models import UserProfile

from home.demo.files import demo_pdf_pages
from home.library import extraction
from home.library.models import DocumentText, LegalResourcePage, TextStatus

from ..factories import DocumentFactory, LegalResourcePageFactory
from ..settings_process import load_settings

PHRASE = "xylophones quadrilatéraux du protocole Zanzibar"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf_with_phrase_on_page_two() -> bytes:
    return demo_pdf_pages(
        [
            "Protocole visant à prévenir, réprimer et punir la traite des personnes.",
            f"Article 3. Les {PHRASE} sont cités ici seulement.",
            "Article 4. Champ d'application.",
        ]
    )


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs: list[str], *, page_break_after: int | None = None, padding: int = 0) -> bytes:
    """A minimal DOCX (what Word needs to open it), with an explicit page break after paragraph N."""
    body = []
    for index, text in enumerate(paragraphs):
        body.append(f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')
        if page_break_after == index:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "".join(body)
        + " " * padding
        + "</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
            'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
            'main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def odt(paragraphs: list[str]) -> bytes:
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office_ns}" '
        f'xmlns:text="{text_ns}"><office:body><office:text>'
        + "".join(f"<text:p>{text}</text:p>" for text in paragraphs)
        + "</office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return out.getvalue()


def image_pdf(words: str = "") -> bytes:
    """A PDF holding only an image (a scan), with ``words`` drawn in it when given."""
    image = Image.new("RGB", (1240, 1754), "white")
    if words:
        font = ImageFont.truetype(str(FONT), 64) if FONT.exists() else ImageFont.load_default(size=64)
        ImageDraw.Draw(image).text((100, 200), words, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, "PDF", resolution=150)
    return out.getvalue()


def admin_language(user, code: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()


def post_document(admin_client, name: str, content: bytes, title: str = "Protocole de Palerme"):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    collection = Collection.get_first_root_node().id
    return admin_client.post(reverse("wagtaildocs:add"), {"title": title, "file": upload, "collection": collection})


def upload(admin_client, django_capture_on_commit_callbacks, name: str, content: bytes):
    """Upload through Wagtail's admin view and run what waits for the commit (the extraction task)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = post_document(admin_client, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.latest("pk")
    return document, DocumentText.objects.get(document=document)


def test_a_pdf_uploaded_in_the_admin_is_read_page_by_page(admin_client, media_root, django_capture_on_commit_callbacks):
    content = pdf_with_phrase_on_page_two()
    _document, text = upload(admin_client, django_capture_on_commit_callbacks, "protocole.pdf", content)

    assert text.status == TextStatus.EXTRACTED
    assert text.page_count == 3
    assert [page.number for page in text.pages.all()] == [1, 2, 3]
    assert PHRASE in text.pages.get(number=2).text
    assert PHRASE not in text.pages.get(number=1).text + text.pages.get(number=3).text
    assert len(text.file_hash) == 64


def test_the_upload_marks_the_text_pending_until_the_worker_reads_it(admin_client, media_root):
    # Without the commit (the test's transaction), the task has not run: the document waits for it.
    response = post_document(admin_client, "protocole.pdf", pdf_with_phrase_on_page_two())

    assert response.status_code == 302
    text = DocumentText.objects.get(document=get_document_model().objects.latest("pk"))
    assert text.status == TextStatus.PENDING
    assert not text.pages.exists()


def test_a_docx_is_read_and_split_at_its_page_breaks(admin_client, media_root, django_capture_on_commit_callbacks):
    content = docx(["Introduction du rapport.", f"Les {PHRASE} en annexe."], page_break_after=0)
    _document, text = upload(admin_client, django_capture_on_commit_callbacks, "rapport.docx", content)

    assert text.status == TextStatus.EXTRACTED
    assert text.page_count == 2
    assert PHRASE in text.pages.get(number=2).text
    assert PHRASE not in text.pages.get(number=1).text


def test_an_odt_is_read_as_one_page(admin_client, media_root, django_capture_on_commit_callbacks):
    content = odt(["Rapport du GRETA.", f"Les {PHRASE}."])
    _document, text = upload(admin_client, django_capture_on_commit_callbacks, "rapport.odt", content)

    assert text.status == TextStatus.EXTRACTED
    assert text.page_count == 1
    assert PHRASE in text.pages.get(number=1).text


def test_other_formats_are_unsupported(admin_client, media_root, django_capture_on_commit_callbacks):
    _document, text = upload(admin_client, django_capture_on_commit_callbacks, "notes.txt", b"Quelques notes.\n")

    assert text.status == TextStatus.UNSUPPORTED
    assert not text.pages.exists()


def test_a_scan_without_text_is_flagged_in_the_admin(
    admin_client, admin_user, media_root, django_capture_on_commit_callbacks
):
    document, text = upload(admin_client, django_capture_on_commit_callbacks, "scan.pdf", image_pdf())

    assert text.status == TextStatus.NO_TEXT
    assert not text.pages.exists()
    admin_language(admin_user, "en")
    listing = admin_client.get(reverse("wagtaildocs:index")).content.decode()
    edit = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "No text: OCR needed" in listing
    assert "No text: OCR needed" in edit
    assert "run OCR (manage.py ocr_documents)" in edit


def test_the_listing_shows_the_text_status_in_french(admin_client, admin_user, media_root):
    admin_language(admin_user, "fr")
    document = DocumentFactory(title="Scan")
    DocumentText.objects.filter(document=document).update(status=TextStatus.NO_TEXT)

    listing = admin_client.get(reverse("wagtaildocs:index")).content.decode()

    assert "Pas de texte : OCR nécessaire" in listing


def test_the_listing_costs_no_query_per_document(admin_client, media_root, django_assert_max_num_queries):
    for number in range(3):
        DocumentFactory(title=f"Document {number}")
    admin_client.get(reverse("wagtaildocs:index"))
    with django_assert_max_num_queries(40) as three:
        admin_client.get(reverse("wagtaildocs:index"))
    for number in range(5):
        DocumentFactory(title=f"Autre {number}")
    with django_assert_max_num_queries(len(three.captured_queries)):
        admin_client.get(reverse("wagtaildocs:index"))


def test_a_pdf_of_2000_pages_hits_the_page_limit(
    admin_client, admin_user, media_root, django_capture_on_commit_callbacks
):
    content = demo_pdf_pages([f"Page {number}" for number in range(1, 2001)])
    document, text = upload(admin_client, django_capture_on_commit_callbacks, "enorme.pdf", content)

    assert text.status == TextStatus.TOO_LARGE
    assert text.page_count == 2000
    assert not text.pages.exists()
    with translation.override("en"):
        assert text.detail_message == "2000 pages: only documents of up to 1000 pages are read."
    with translation.override("fr"):
        assert "2000 pages" in text.detail_message and "1000 pages" in text.detail_message
        assert text.detail_message != "2000 pages: only documents of up to 1000 pages are read."
    admin_language(admin_user, "en")
    edit = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "Too large to read" in edit
    assert "2000 pages: only documents of up to 1000 pages are read." in edit


def test_a_zip_bomb_docx_hits_the_compression_limit(admin_client, media_root, django_capture_on_commit_callbacks):
    content = docx(["Rien."], padding=30 * 1024 * 1024)  # 30 MB of spaces, a few kilobytes compressed
    assert len(content) < 200 * 1024

    _document, text = upload(admin_client, django_capture_on_commit_callbacks, "bombe.docx", content)

    assert text.status == TextStatus.TOO_LARGE
    assert not text.pages.exists()
    with translation.override("en"):
        assert text.detail_message.startswith("The document is compressed suspiciously well (")


def test_a_docx_expanding_beyond_the_size_limit(settings, media_root, db, django_capture_on_commit_callbacks):
    settings.DOCUMENT_TEXT_MAX_UNCOMPRESSED_SIZE = 100_000
    with django_capture_on_commit_callbacks(execute=True):
        document = DocumentFactory(file=ContentFile(docx(["Rien."], padding=200_000), name="gros.docx"))

    text = DocumentText.objects.get(document=document)
    assert text.status == TextStatus.TOO_LARGE
    with translation.override("en"):
        assert text.detail_message.startswith("The document expands too far once uncompressed (")


def test_a_reader_that_takes_too_long_is_stopped(
    settings, media_root, db, django_capture_on_commit_callbacks, monkeypatch
):
    settings.DOCUMENT_TEXT_TIMEOUT = 1
    # A reader stuck on a pathological file: it would sleep far longer than the timeout.
    monkeypatch.setattr(extraction, "PARSER_COMMAND", [sys.executable, "-c", "import time; time.sleep(600)"])
    with django_capture_on_commit_callbacks(execute=True):
        document = DocumentFactory(file=ContentFile(pdf_with_phrase_on_page_two(), name="lent.pdf"))

    text = DocumentText.objects.get(document=document)
    assert text.status == TextStatus.FAILED
    assert not text.pages.exists()
    with translation.override("en"):
        assert text.detail_message == "Reading the document took too long (the limit is 1 s): it was stopped."


def test_a_reader_that_dies_is_reported(media_root, db, django_capture_on_commit_callbacks, monkeypatch):
    # What the kernel does to a reader over its memory or CPU limit.
    monkeypatch.setattr(extraction, "PARSER_COMMAND", [sys.executable, "-c", "import os; os.abort()"])
    with django_capture_on_commit_callbacks(execute=True):
        document = DocumentFactory(file=ContentFile(pdf_with_phrase_on_page_two(), name="mort.pdf"))

    text = DocumentText.objects.get(document=document)
    assert text.status == TextStatus.FAILED
    with translation.override("en"):
        assert text.detail_message == "The program reading the document stopped before the end."


def test_the_character_limit_keeps_the_beginning(settings, media_root, db, django_capture_on_commit_callbacks):
    settings.DOCUMENT_TEXT_MAX_CHARACTERS = 80
    with django_capture_on_commit_callbacks(execute=True):
        document = DocumentFactory(file=ContentFile(pdf_with_phrase_on_page_two(), name="long.pdf"))

    text = DocumentText.objects.get(document=document)
    assert text.status == TextStatus.TOO_LARGE
    assert sum(len(page.text) for page in text.pages.all()) == 80
    assert text.pages.get(number=1).text.startswith("Protocole visant")


def test_a_damaged_pdf_could_not_be_read(media_root, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = DocumentFactory(file=ContentFile(b"%PDF-1.4\nnot really a pdf\n", name="abime.pdf"))

    text = DocumentText.objects.get(document=document)
    assert text.status == TextStatus.FAILED
    with translation.override("en"):
        assert text.detail_message == "The file could not be read: it may be damaged."


def test_replacing_the_file_reads_it_again(admin_client, media_root, django_capture_on_commit_callbacks):
    document, text = upload(admin_client, django_capture_on_commit_callbacks, "v1.pdf", demo_pdf_pages(["Version un."]))
    first_hash = text.file_hash
    assert "Version un" in text.pages.get(number=1).text

    replacement = SimpleUploadedFile("v2.pdf", demo_pdf_pages(["Version deux.", PHRASE]))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {"title": document.title, "file": replacement, "collection": document.collection_id},
        )
    assert response.status_code == 302

    text.refresh_from_db()
    assert text.status == TextStatus.EXTRACTED
    assert text.file_hash != first_hash
    assert text.page_count == 2
    assert PHRASE in text.pages.get(number=2).text
    assert "Version un" not in "".join(page.text for page in text.pages.all())


def test_a_title_change_does_not_read_the_file_again(media_root, db, django_capture_on_commit_callbacks, monkeypatch):
    with django_capture_on_commit_callbacks(execute=True):
        document = DocumentFactory(file=ContentFile(demo_pdf_pages(["Texte."]), name="texte.pdf"))
    assert DocumentText.objects.get(document=document).status == TextStatus.EXTRACTED

    def fail(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(extraction, "parse_in_child", fail)
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Nouveau titre"
        document.save()
    # The same bytes under a new name are not parsed again either.
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("copie.pdf", ContentFile(demo_pdf_pages(["Texte."])))
    assert DocumentText.objects.get(document=document).status == TextStatus.EXTRACTED


def test_the_resources_using_the_document_are_indexed_again(
    site_tree, translate, media_root, django_capture_on_commit_callbacks, monkeypatch
):
    document = DocumentFactory(file=ContentFile(b"%PDF-1.4\n", name="vide.pdf"))
    french = LegalResourcePageFactory(
        parent=site_tree.fr.library, title="Protocole de Palerme", documents=[("document", {"document": document})]
    )
    english = translate(french, site_tree.en.locale, title="Palermo Protocol", slug="palermo-protocol")
    LegalResourcePageFactory(parent=site_tree.fr.library, title="Un autre texte")
    indexed = []
    monkeypatch.setattr(extraction, "insert_or_update_object", lambda page: indexed.append(page.pk))

    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("palerme.pdf", ContentFile(pdf_with_phrase_on_page_two()))

    assert DocumentText.objects.get(document=document).status == TextStatus.EXTRACTED
    assert sorted(indexed) == sorted([french.pk, english.pk])


def test_the_resource_edit_page_shows_the_text_of_its_documents(admin_client, admin_user, site_tree, media_root):
    document = DocumentFactory(title="Scan du protocole")
    DocumentText.objects.filter(document=document).update(status=TextStatus.NO_TEXT)
    page = LegalResourcePageFactory(
        parent=site_tree.fr.library, title="Protocole", documents=[("document", {"document": document})]
    )

    admin_language(admin_user, "en")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-text-status="no_text"' in html
    assert "No text: OCR needed" in html
    assert "Scan du protocole" in html
    assert "Text of the documents" in html
    # A resource without documents has no such panel.
    bare = LegalResourcePageFactory(parent=site_tree.fr.library, title="Sans document")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[bare.pk])).content.decode()
    assert "Text of the documents" not in html


def test_files_are_read_through_the_storage_not_a_local_path(s3_media, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = DocumentFactory(file=ContentFile(pdf_with_phrase_on_page_two(), name="s3.pdf"))

    text = DocumentText.objects.get(document=document)
    assert text.status == TextStatus.EXTRACTED
    assert PHRASE in text.pages.get(number=2).text


def test_extract_document_text_reads_the_documents_never_read(media_root, db, capsys):
    document = DocumentFactory(file=ContentFile(pdf_with_phrase_on_page_two(), name="ancien.pdf"))
    DocumentText.objects.filter(document=document).delete()  # uploaded before the text was read

    call_command("extract_document_text")

    text = DocumentText.objects.get(document=document)
    assert text.status == TextStatus.EXTRACTED
    assert "1 extracted" in capsys.readouterr().out


# --- OCR -----------------------------------------------------------------------------------------

needs_tesseract = pytest.mark.skipif(
    not (shutil.which("tesseract") and shutil.which("pdftoppm")),
    reason="OCR needs Debian's tesseract-ocr (fra, eng) and poppler-utils (.ci/run installs them)",
)


@needs_tesseract
def test_ocr_recognises_the_words_of_a_scan(media_root, db, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        document = DocumentFactory(file=ContentFile(image_pdf("Traite des mineurs"), name="scan.pdf"))
    assert DocumentText.objects.get(document=document).status == TextStatus.NO_TEXT

    call_command("ocr_documents")

    text = DocumentText.objects.get(document=document)
    assert text.status == TextStatus.OCR
    recognised = text.pages.get(number=1).text.lower()
    assert "traite" in recognised and "mineurs" in recognised
    assert "1 ocr" in capsys.readouterr().out


def test_ocr_without_tesseract_says_so_and_changes_nothing(settings, media_root, db, capsys):
    settings.DOCUMENT_TEXT_TESSERACT = "tesseract-not-installed-here"
    document = DocumentFactory(file=ContentFile(image_pdf(), name="scan.pdf"))
    DocumentText.objects.filter(document=document).update(status=TextStatus.NO_TEXT)

    call_command("ocr_documents")

    assert DocumentText.objects.get(document=document).status == TextStatus.NO_TEXT
    error = capsys.readouterr().err
    assert "OCR is not available, nothing was changed" in error
    assert "apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng" in error


# --- The production worker -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_documents_worker_reads_what_the_upload_queued(settings, media_root):
    """With the database backend of production, the upload only queues; ``db_worker --backend documents`` reads."""
    settings.TASKS = {
        **settings.TASKS,
        "documents": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["documents"]},
    }
    document = DocumentFactory(file=ContentFile(pdf_with_phrase_on_page_two(), name="file.pdf"))
    assert DocumentText.objects.get(document=document).status == TextStatus.PENDING

    call_command(
        "db_worker",
        "--backend",
        "documents",
        "--queue-name",
        "documents",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )

    text = DocumentText.objects.get(document=document)
    assert text.status == TextStatus.EXTRACTED
    assert PHRASE in text.pages.get(number=2).text


def test_production_reads_documents_with_the_database_worker():
    code = "import site_cms.settings.production as s; print(s.TASKS['documents']['BACKEND'])"
    result = load_settings(
        code, drop=("DOCUMENT_TASK_BACKEND",), SECRET_KEY="a-real-secret", ALLOWED_HOSTS="contrelatraite.example.org"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django_tasks_db.DatabaseBackend"]


def test_the_demo_leaves_its_library_documents_read(db, media_root):
    call_command("load_demo_content", stdout=io.StringIO())

    palermo = LegalResourcePage.objects.get(slug="palermo-protocol")
    french = palermo.get_translation(Locale.objects.get(language_code="fr"))
    for page in (french, palermo):
        document = page.documents[0].value["document"]
        text = DocumentText.objects.get(document=document)
        assert text.status == TextStatus.EXTRACTED
        assert text.page_count == 2
        assert "protocole de Palerme" in text.pages.get(number=1).text
        assert "Palermo Protocol" in text.pages.get(number=2).text
    assert palermo.documents[0].value["title"] == "Text (demo document)"
    assert not DocumentText.objects.exclude(status__in=[TextStatus.EXTRACTED]).exists()


def test_a_file_missing_from_the_storage_is_reported(media_root, db):
    document = DocumentFactory(file=ContentFile(pdf_with_phrase_on_page_two(), name="perdu.pdf"))
    document.file.storage.delete(document.file.name)

    text = extraction.extract(document)

    assert text.status == TextStatus.FAILED
    with translation.override("fr"):
        assert text.detail_message == "Le fichier est introuvable dans le stockage."
