"""HTML and the other text answers are compressed for clients that accept it; files are not."""

import gzip

from extranet.services.collections import public_documents_collection

from ..factories import DocumentFactory
from ..files import pdf_bytes


def test_a_page_is_compressed_for_a_client_that_accepts_it_and_plain_for_one_that_does_not(client, site_tree):
    url = site_tree.fr.home.url

    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    from_the_cache = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(url)

    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert b"<html" in gzip.decompress(compressed.content)
    assert from_the_cache["X-Page-Cache"] == "hit" and from_the_cache["Content-Encoding"] == "gzip"
    assert plain.get("Content-Encoding") is None  # the page cache keeps pages uncompressed
    assert b"<html" in plain.content


def test_feeds_are_compressed_too(client, site_tree, content):
    feed = client.get(site_tree.fr.news.url + "feed/", HTTP_ACCEPT_ENCODING="gzip")

    assert feed.status_code == 200
    assert feed["Content-Encoding"] == "gzip"


def test_a_document_is_sent_as_it_is(client, db):
    document = DocumentFactory(file__data=pdf_bytes(), collection=public_documents_collection())

    response = client.get(document.url, HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response.get("Content-Encoding") is None  # not compressed, nor Wagtail's "None"
