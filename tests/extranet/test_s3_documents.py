"""Documents on an S3-compatible bucket: served only through the application's permission-checked views.

The bucket is private and no page, of the site or of the extranet, links a document by a URL of the
bucket: Wagtail's /documents/<id>/<name> (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``, never its
redirect to the storage) and the extranet's download stream the file after ``can_read_document``.
A members-only document is refused anonymously through every URL, and its object cannot be read
from the bucket without credentials. (moto, the local S3 endpoint, refuses anonymous object reads
as a private bucket does; it answers anonymous listings, which nothing here relies on.)
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from extranet.models import MinutesAnnex
from extranet.services.collections import public_documents_collection
from home.models import AssociationReport

from ..factories import DocumentFactory, InternalDocumentFactory, MinutesFactory, root_collection
from ..files import docx_bytes, pdf_bytes
from ..html import body


def _document(collection, marker: str):
    content = pdf_bytes() + f"% {marker}\n".encode()
    return DocumentFactory(title=marker, collection=collection, file=ContentFile(content, name="piece.pdf")), content


def _download_urls(document):
    urls = []
    for language in ("fr", "en"):
        with translation.override(language):
            urls.append(reverse("extranet:document_download", args=[document.pk]))
    return urls


def _every_url(document):
    """Every route that could give the file: Wagtail's, the extranet's in both languages, its storage's
    (there is no /media/ route: MEDIA_URL is not served), the Wagtail URL under another name."""
    return [
        document.url,
        *_download_urls(document),
        f"/media/{document.file.name}",
        f"/documents/{document.pk}/other-name.pdf",
    ]


def _assert_no_bucket_url(html: str, s3_media, *documents):
    assert s3_media.endpoint.url not in html
    assert "X-Amz-" not in html and "Signature=" not in html
    for document in documents:
        assert document.file.name not in html


@pytest.fixture
def members_only(s3_media, collections, association_a, member_a, client):
    """One document of each kind that only members read, with its bytes: in the members-only
    collection, a members-only report uploaded through the extranet's form, a minutes' annex and an
    internal document filed in the root collection (linked only from the extranet)."""
    filed, filed_bytes = _document(collections.members_only, "members-only collection")
    annex, annex_bytes = _document(root_collection(), "minutes annex")
    minutes = MinutesFactory(meeting__title_fr="Plénière du collectif")
    MinutesAnnex.objects.create(minutes=minutes, title_fr="Liste des présents", document=annex)
    internal, internal_bytes = _document(root_collection(), "internal document")
    InternalDocumentFactory(title_fr="Modèle de communiqué", document=internal)

    report_bytes = docx_bytes()
    client.force_login(member_a)
    upload = SimpleUploadedFile("interne.docx", report_bytes, content_type="application/octet-stream")
    url = reverse("extranet:report_upload", args=[association_a.slug])
    response = client.post(url, {"year": 2023, "visibility": "members", "title": "", "file": upload})
    assert response.status_code == 302
    client.logout()
    report = AssociationReport.objects.get(association=association_a)
    return {
        "collection": (filed, filed_bytes),
        "annex": (annex, annex_bytes),
        "internal": (internal, internal_bytes),
        "report": (report.document, report_bytes),
        "minutes": minutes,
        "report_object": report,
    }


KINDS = ["collection", "annex", "internal", "report"]


def test_an_uploaded_report_lands_in_the_bucket(members_only, s3_media):
    document, content = members_only["report"]
    assert document.file.name in s3_media.endpoint.keys(s3_media.bucket)
    assert s3_media.endpoint.read(s3_media.bucket, document.file.name) == content


@pytest.mark.parametrize("kind", KINDS)
def test_a_members_only_document_is_refused_anonymously_through_every_url(members_only, s3_media, kind):
    document, content = members_only[kind]
    anonymous = Client()
    for url in _every_url(document):
        response = anonymous.get(url)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert "/login/" in response["Location"], url
        assert content not in body(response), url
    # Nor from the bucket without credentials: the object is private.
    assert s3_media.endpoint.read_anonymously(s3_media.bucket, document.file.name) == 403


@pytest.mark.parametrize("kind", KINDS)
def test_a_members_only_document_is_streamed_to_a_member_by_the_application(members_only, s3_media, member_b, kind):
    document, content = members_only[kind]
    member = Client()
    member.force_login(member_b)
    for url in _download_urls(document):
        response = member.get(url)
        assert response.status_code == 200 and response.streaming
        assert response["Content-Disposition"].startswith("attachment")
        assert "private" in response["Cache-Control"]
        assert body(response) == content
    served = member.get(document.url, follow=True)
    assert served.status_code == 200
    assert all(location.startswith("/") for location, _ in served.redirect_chain)  # never to the bucket
    assert body(served) == content


def test_a_document_linked_by_nothing_is_for_coordinators_only(collections, s3_media, member_b, coordinator):
    document, content = _document(root_collection(), "draft of the coordination")
    member = Client()
    member.force_login(member_b)
    for url in _every_url(document):
        assert member.get(url).status_code == 404, url
    member.force_login(coordinator)
    assert body(member.get(_download_urls(document)[0])) == content
    assert s3_media.endpoint.read_anonymously(s3_media.bucket, document.file.name) == 403


def test_the_pages_that_link_members_only_documents_hold_no_bucket_url(members_only, s3_media, member_a, client):
    documents = [members_only[kind][0] for kind in KINDS]
    report = members_only["report_object"]
    client.force_login(member_a)
    pages = [
        reverse("extranet:dashboard"),
        reverse("extranet:documents"),
        reverse("extranet:minutes_detail", args=[members_only["minutes"].pk]),
        reverse("extranet:report_edit", args=[report.association.slug, report.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_no_bucket_url(response.text, s3_media, *documents)
    linked = client.get(pages[1]).text + client.get(pages[2]).text + client.get(pages[3]).text
    for kind in ("annex", "internal", "report"):  # the one in the members-only collection is linked by nothing
        document = members_only[kind][0]
        assert _download_urls(document)[0] in linked or document.url in linked  # linked through the application


def test_a_public_document_is_streamed_anonymously_by_the_application(collections, s3_media):
    document, content = _document(public_documents_collection(), "public document")
    response = Client().get(document.url)
    assert response.status_code == 200  # streamed, not a redirect to the bucket
    assert response.streaming
    assert body(response) == content
    assert s3_media.endpoint.read_anonymously(s3_media.bucket, document.file.name) == 403


def test_the_public_profile_links_its_public_report_through_the_application(
    site_tree, members_only, association_a, s3_media
):
    public, content = _document(root_collection(), "public report")
    AssociationReport.objects.create(association=association_a, year=2022, document=public)  # approved, public
    members_report = members_only["report_object"]
    anonymous = Client()
    html = anonymous.get(f"/fr/nos-membres/{association_a.slug}/").text
    assert public.url in html
    assert members_report.document.url not in html  # members-only: not on the public profile
    _assert_no_bucket_url(html, s3_media, public, members_report.document)
    assert body(anonymous.get(public.url)) == content


def test_the_admin_links_documents_through_the_application(members_only, s3_media, client, coordinator):
    """Coordinators may read everything, but the admin's pages link Wagtail's serve view too."""
    client.force_login(coordinator)
    documents = [members_only[kind][0] for kind in KINDS]
    report = members_only["report_object"]
    pages = [
        "/admin/documents/",
        *(f"/admin/documents/edit/{document.pk}/" for document in documents),
        f"/admin/snippets/home/associationreport/edit/{report.pk}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_no_bucket_url(response.text, s3_media, *documents)
    assert documents[0].url in client.get(pages[1]).text


def test_no_template_nor_module_of_ours_links_a_stored_file_directly():
    """``document.url`` is Wagtail's serve view; ``.file.url`` would be the bucket's signed URL (and
    ``.file.path`` does not exist on a bucket). Images go through Wagtail's tags, never ``.file.url``."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sources = [
        path
        for folder in ("templates", "home", "extranet", "site_cms")
        for path in (root / folder).rglob("*")
        if path.suffix in (".html", ".txt", ".py", ".xml", ".json") and "migrations" not in path.parts
    ]
    assert len(sources) > 100
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "file.url" not in text and "file.path" not in text, path


def test_a_logo_uploaded_from_the_extranet_lands_in_the_bucket_and_shows_once_approved(
    client, site_tree, s3_media, association_a, member_a, coordinator
):
    import urllib.request

    from ..files import png_bytes
    from .test_profile import approve, profile_form_data

    client.force_login(member_a)
    data = profile_form_data(association_a)
    data["new_logo"] = SimpleUploadedFile("logo.png", png_bytes((40, 20), (18, 61, 99)), content_type="image/png")
    assert client.post(reverse("extranet:profile_edit", args=[association_a.slug]), data).status_code == 302
    approve(association_a, coordinator)
    logo = association_a.logo
    assert logo.file.name in s3_media.endpoint.keys(s3_media.bucket)
    assert s3_media.endpoint.read_anonymously(s3_media.bucket, logo.file.name) == 403

    html = Client().get(f"/fr/nos-membres/{association_a.slug}/").text
    src = html.split('class="profile__logo"', 1)[1].split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert src.startswith(f"{s3_media.endpoint.url}/{s3_media.bucket}/images/") and "X-Amz-Signature=" in src
    with urllib.request.urlopen(src, timeout=10) as response:  # noqa: S310 (a loopback URL of the test)
        assert response.status == 200
