"""The Atom feed of a news index: valid XML, one entry per live article of that language."""

import xml.etree.ElementTree as ET

from ..factories import NewsPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _feed(client, index_page):
    response = client.get(index_page.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.text)  # noqa: S314 (our own response)


def test_french_feed_lists_live_french_articles(client, content, site_tree):
    NewsPageFactory(parent=site_tree.fr.news, title="Article en brouillon", publish=False)

    feed = _feed(client, site_tree.fr.news)

    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == "fr"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Réunion du collectif"]
    assert entries[0].find(f"{ATOM}link").get("href") == f"http://testserver{content.news.url}"


def test_english_feed_lists_english_articles(client, content, site_tree):
    feed = _feed(client, site_tree.en.news)

    assert feed.get(XML_LANG) == "en"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Meeting of the collective"]
    assert entries[0].find(f"{ATOM}link").get("href") == f"http://testserver{content.news_en.url}"
