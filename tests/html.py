"""Reading responses in the tests, and small HTML helpers (the standard library's parser, no regular expressions).

One way of reading a response:

- ``response.text`` for HTML and any other text (XML, CSV, iCalendar, robots.txt);
- ``response.json()`` for JSON;
- ``body(response)``: the bytes of a download (files and exports are streamed and have no ``text``).

HTML is read with the helpers below: ``elements`` finds elements by tag and attributes (``class_``
asks for classes among an element's classes), ``element`` the first one, ``text`` and ``texts`` give
what a reader sees, ``markup`` an element's content as markup, ``hrefs`` the links, ``options`` the
options of a ``select``, ``html_lang`` the page's language. End tags are taken as written (the site's
templates close their elements): an element left open holds what follows, up to its parent's end.
"""

from html import escape
from html.parser import HTMLParser

# Elements without an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element(dict):
    """An element: a dict of its attributes, with its ``tag``, ``parent`` and ``children`` (elements, strings)."""

    def __init__(self, tag: str, attrs: dict, parent: "Element | None" = None):
        super().__init__(attrs)
        self.tag = tag
        self.parent = parent
        self.children: list[Element | str] = []

    def iter(self):
        """Every element inside this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    @property
    def classes(self) -> list[str]:
        return self.get("class", "").split()

    def __repr__(self):
        return f"<{self.tag} {dict(self)}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, self.open[-1])
        self.open[-1].children.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:  # elements left open inside it end with it
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(html: "str | bytes | Element") -> Element:
    """The document (or the element itself when given one)."""
    if isinstance(html, Element):
        return html
    if isinstance(html, bytes):
        html = html.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _matches(found: Element, tag: str | None, wanted: dict) -> bool:
    if tag is not None and found.tag != tag:
        return False
    for name, value in wanted.items():
        if name == "class":
            if not set(value.split()) <= set(found.classes):
                return False
        elif found.get(name) != value:
            return False
    return True


def elements(html, tag: str | None = None, **attrs) -> list[Element]:
    """Every ``tag`` element (any tag if None) inside ``html`` whose attributes include ``attrs``.

    ``class_`` for class (the element has these classes, among others maybe); ``aria_invalid`` for aria-invalid.
    """
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
    return [found for found in parse(html).iter() if _matches(found, tag, wanted)]


def element(html, tag: str | None = None, **attrs) -> Element:
    """The first element ``elements`` finds; an AssertionError when there is none."""
    found = elements(html, tag, **attrs)
    assert found, f"no <{tag or '*'}> with {attrs}"
    return found[0]


def _text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(child) for child in node.children)


def text(html) -> str:
    """The text of a document or an element, white space folded."""
    return " ".join(_text(parse(html)).split())


def texts(html, tag: str | None = None, **attrs) -> list[str]:
    """The text of each element ``elements`` finds."""
    return [text(found) for found in elements(html, tag, **attrs)]


def markup(html) -> str:
    """The content of a document or an element as markup (to compare two renderings of it)."""

    def serialise(node) -> str:
        if isinstance(node, str):
            return escape(node, quote=False)
        attributes = "".join(f' {name}="{escape(value)}"' for name, value in node.items())
        inside = "".join(serialise(child) for child in node.children)
        return f"<{node.tag}{attributes}>" + ("" if node.tag in VOID else f"{inside}</{node.tag}>")

    return "".join(serialise(child) for child in parse(html).children)


def hrefs(html) -> list[str]:
    return [link["href"] for link in elements(html, "a") if "href" in link]


def options(select: Element) -> list[tuple[str | None, str, bool]]:
    """(value, label, selected) of each option of a ``select`` element."""
    return [(option.get("value"), _text(option), "selected" in option) for option in elements(select, "option")]


def html_lang(html) -> str | None:
    found = elements(html, "html")
    return found[0].get("lang") if found else None


def body(response) -> bytes:
    """The bytes of a response, streamed (files, exports) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content
