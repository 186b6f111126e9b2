"""Small HTML helpers: find elements by tag name and attributes, without a third-party parser."""

from html.parser import HTMLParser


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def elements(html: str | bytes, tag: str, **attrs) -> list[dict]:
    """Attributes of every ``tag`` element whose attributes include ``attrs`` (``class_`` for class)."""
    if isinstance(html, bytes):
        html = html.decode()
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
    collector = _TagCollector()
    collector.feed(html)
    return [
        found for name, found in collector.tags if name == tag and all(found.get(k) == v for k, v in wanted.items())
    ]


def hrefs(html: str | bytes) -> list[str]:
    return [link["href"] for link in elements(html, "a") if "href" in link]


def html_lang(html: str | bytes) -> str | None:
    found = elements(html, "html")
    return found[0].get("lang") if found else None
