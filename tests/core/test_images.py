"""Images are renditions of the size shown, in WebP for browsers that take it, lazy below the fold."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from home.models import Association, NewsPage

from ..html import element, elements

Image = get_image_model()


def _image(title: str, size=(1600, 900)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "JPEG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.jpg"))


def _sources(picture):
    return {source.get("type"): source.get("srcset") for source in elements(picture, "source")}


def test_a_news_article_has_a_responsive_lead_image_loaded_at_once(client, content, media_root):
    article = NewsPage.objects.get(pk=content.news.pk)
    article.image = _image("lead")
    article.save_revision().publish()

    html = client.get(article.url).text
    picture = element(element(html, "figure", class_="image-block--lead"), "picture")
    img = element(picture, "img")
    assert "image/webp" in _sources(picture)
    assert _sources(picture)["image/webp"].count("w,") == 2  # three widths for the browser to choose
    assert img.get("sizes")
    assert img.get("loading") is None  # above the fold: not lazy
    assert img.get("width") and img.get("height")  # no layout shift


def test_cards_get_small_renditions_loaded_lazily(client, content, site_tree, media_root):
    article = NewsPage.objects.get(pk=content.news.pk)
    article.image = _image("card")
    article.save_revision().publish()
    association = Association.objects.get(slug="ccem")
    association.logo = _image("logo", size=(600, 600))
    association.save_revision().publish()

    news = element(element(client.get(site_tree.fr.news.url).text, class_="card__media"), "picture")
    assert element(news, "img").get("loading") == "lazy"
    widths = [candidate.split()[-1] for candidate in _sources(news)["image/webp"].split(",")]
    assert widths == ["400w", "800w"]

    pictures = elements(client.get(site_tree.fr.members.url).text, "picture")
    [logo, *_others] = [img for picture in pictures for img in elements(picture, "img", class_="card__logo")]
    assert logo.get("loading") == "lazy"
    assert logo.get("width") == "72"
