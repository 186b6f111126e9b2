"""News articles and their index render in both languages."""

import pytest


@pytest.mark.parametrize("language", ["fr", "en"])
def test_news_index_and_article_render(client, content, site_tree, language):
    article = content.news if language == "fr" else content.news_en

    index = client.get(getattr(site_tree, language).news.url)
    detail = client.get(article.url)

    assert index.status_code == 200
    assert article.title in index.text
    assert detail.status_code == 200
    assert "Corps de l&#x27;article." in detail.text or "Corps de l'article." in detail.text
