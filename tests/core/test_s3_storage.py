"""Media on an S3-compatible bucket (``site_cms.settings.base.media_storage``): images and renditions.

The bucket is private. Images and renditions are linked by URLs of the storage, signed, that must
still work when a cached page hands them out (``AWS_QUERYSTRING_EXPIRE`` outlives the caches). The
tests run against moto's S3 server on a loopback port (the ``s3`` fixture), skipped if it cannot
start. moto refuses anonymous object reads (403) as a private bucket does; it answers anonymous
bucket listings, which a real private bucket refuses: nothing here relies on that.
"""

import io
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from wagtail.images import get_image_model

from home.models import Association, NewsPage
from site_cms.settings.base import S3_BACKEND, checked_signed_url_lifetime, media_image_sources, media_storage

from ..html import element, elements
from ..settings_process import load_settings

Image = get_image_model()
BASE_DIR = Path(__file__).resolve().parents[2]


def _image(title: str, size=(1200, 800)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "JPEG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.jpg"))


def _image_urls(html: str) -> list[str]:
    urls = []
    for picture in elements(html, "picture"):
        urls.append(element(picture, "img")["src"])
        for source in elements(picture, "source"):
            urls += [candidate.strip().split(" ")[0] for candidate in source["srcset"].split(",")]
    return urls


def _key(url: str, bucket: str) -> str:
    path = urllib.parse.urlsplit(url).path
    return urllib.parse.unquote(path.removeprefix(f"/{bucket}/"))


def test_without_a_bucket_files_stay_on_the_disk(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert media_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_the_bucket_settings_keep_it_private(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "media")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("AWS_S3_ADDRESSING_STYLE", "path")
    monkeypatch.setenv("AWS_LOCATION", "/contrelatraite/")
    monkeypatch.setenv("AWS_S3_CUSTOM_DOMAIN", "cdn.example.org")  # django-storages' own name: never read
    storage = media_storage()
    options = storage["OPTIONS"]
    assert storage["BACKEND"] == S3_BACKEND
    assert options["default_acl"] is None and options["querystring_auth"] is True
    assert options["custom_domain"] is None
    assert options["addressing_style"] == "path" and options["location"] == "contrelatraite"
    assert options["endpoint_url"] == "http://127.0.0.1:9000"
    assert options["querystring_expire"] == 3600


def test_the_content_security_policy_lets_browsers_load_images_from_the_bucket(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "media")
    monkeypatch.setenv("AWS_S3_REGION_NAME", "eu-west-3")
    assert media_image_sources(media_storage()) == [
        "https://media.s3.amazonaws.com",
        "https://media.s3.eu-west-3.amazonaws.com",
    ]
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://s3.fr-par.scw.cloud")
    assert media_image_sources(media_storage()) == [
        "https://s3.fr-par.scw.cloud/media/",
        "https://media.s3.fr-par.scw.cloud",
    ]
    monkeypatch.setenv("AWS_S3_ADDRESSING_STYLE", "path")
    assert media_image_sources(media_storage()) == ["https://s3.fr-par.scw.cloud/media/"]
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME")
    assert media_image_sources(media_storage()) == []


def test_signed_urls_must_outlive_the_caches(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "media")
    monkeypatch.setenv("AWS_QUERYSTRING_EXPIRE", "900")
    with pytest.raises(ImproperlyConfigured, match="AWS_QUERYSTRING_EXPIRE"):
        checked_signed_url_lifetime(media_storage(), page_cache_timeout=600)
    checked_signed_url_lifetime(media_storage(), page_cache_timeout=150)
    checked_signed_url_lifetime({"BACKEND": "django.core.files.storage.FileSystemStorage"}, 600)


def test_images_and_renditions_are_in_the_private_bucket_and_shown_by_signed_urls(client, content, s3_media, settings):
    endpoint, bucket = s3_media.endpoint, s3_media.bucket
    assert default_storage.__class__.__name__ == "S3Storage"
    article = NewsPage.objects.get(pk=content.news.pk)
    article.image = _image("lead")
    article.save_revision().publish()
    original = article.image.file.name
    assert original in endpoint.keys(bucket)

    html = client.get(article.url).text
    urls = _image_urls(element(html, "figure", class_="image-block--lead"))
    assert len(urls) >= 2
    (allowed,) = media_image_sources(settings.STORAGES["default"])  # what the page's CSP lets browsers load
    for url in urls:
        assert url.startswith(allowed) and allowed == f"{endpoint.url}/{bucket}/"
        assert "X-Amz-Signature=" in url and "X-Amz-Expires=3600" in url
        key = _key(url, bucket)
        assert key in endpoint.keys(bucket)  # the rendition was written to the bucket
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (a loopback URL of the test)
            assert response.status == 200
            assert response.read(4) in (b"RIFF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")  # WebP or JPEG
        assert endpoint.read_anonymously(bucket, key) == 403  # not without the signature
    assert endpoint.read_anonymously(bucket, original) == 403

    # The page from the cache hands out the same URLs, still valid.
    cached = client.get(article.url)
    assert cached["X-Page-Cache"] == "hit"
    assert _image_urls(element(cached.text, "figure", class_="image-block--lead")) == urls


def test_an_association_logo_is_in_the_bucket(client, content, site_tree, s3_media):
    endpoint, bucket = s3_media.endpoint, s3_media.bucket
    association = Association.objects.get(slug="ccem")
    association.logo = _image("logo", size=(600, 600))
    association.save_revision().publish()

    html = client.get(f"/fr/nos-membres/{association.slug}/").text
    urls = _image_urls(element(html, class_="profile__logo"))
    assert urls
    for url in urls:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (a loopback URL of the test)
            assert response.status == 200
        assert endpoint.read_anonymously(bucket, _key(url, bucket)) == 403


def _load_settings(**env):
    """The production settings' media storage and image sources, with ``env`` (and no AWS_* of ours)."""
    code = (
        "import site_cms.settings.production as s; "
        "print(s.STORAGES['default']['BACKEND']); print(s.CONTENT_SECURITY_POLICY['img-src'])"
    )
    return load_settings(code, SECRET_KEY="a-real-secret", ALLOWED_HOSTS="contrelatraite.example.org", **env)


def test_production_puts_media_in_the_bucket_and_lets_pages_show_its_images():
    bucket = {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_ENDPOINT_URL": "https://s3.example.org"}
    result = _load_settings(**bucket, AWS_S3_ADDRESSING_STYLE="path")
    assert result.returncode == 0, result.stderr
    backend, img_src = result.stdout.splitlines()
    assert backend == S3_BACKEND
    assert img_src == "'self' data: https://s3.example.org/media/"

    refused = _load_settings(**bucket, AWS_QUERYSTRING_EXPIRE="600")
    assert refused.returncode != 0
    assert "AWS_QUERYSTRING_EXPIRE" in refused.stderr

    local = _load_settings()
    assert local.returncode == 0, local.stderr
    assert local.stdout.splitlines() == ["django.core.files.storage.FileSystemStorage", "'self' data:"]
