"""PDF files made from the same HTML as a page, with the print stylesheet (minutes, handover packs)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders

PRINT_STYLESHEET = "css/print.css"


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    """The PDF of ``html`` (a whole document), laid out with the site's print stylesheet.

    Nothing is fetched while laying out (``data:`` URLs only): no request leaves the server for an
    image, a font or a stylesheet named in the document.
    """
    from weasyprint import CSS, HTML  # imported when a PDF is asked for: it loads Pango
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    stylesheet = CSS(string=Path(finders.find(PRINT_STYLESHEET)).read_text(encoding="utf-8"), url_fetcher=fetcher)
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])
