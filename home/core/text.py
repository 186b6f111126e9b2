"""Plain text typed in a textarea, and the rich text Wagtail stores, converted both ways.

What an association types in the extranet is escaped (nothing it types becomes markup); what
the rich-text editor stored is shown back in a plain textarea as paragraphs separated by an
empty line.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

from django.core.exceptions import ValidationError
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _

# Where a block of rich text ends (paragraphs, list items, headings, quotes).
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote)\s*>", flags=re.I)
LINE_BREAK = re.compile(r"<br\s*/?>", flags=re.I)

# Control and format characters (newlines, tabs, NUL, bidirectional overrides, zero-width
# characters...) and line or paragraph separators: none belongs in a one-line name.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
CONTROL_CHARACTERS_MESSAGE = _(
    "Please type this on one line, with letters, digits, spaces and punctuation only: "
    "line breaks, tabs and invisible characters are not accepted."
)


def collation_key(value: str) -> str:
    """``value`` as a French reader sorts it: accents and case ignored ("Secours" before "SOS", "Élan"
    with the E's), ties broken by the original text so the order is stable."""
    folded = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode().casefold()
    return f"{folded}\x00{value}"


def has_control_characters(value: str) -> bool:
    """Whether ``value`` holds a control or format character (anything invisible but ordinary spaces)."""
    return any(unicodedata.category(character) in INVISIBLE_CATEGORIES for character in value or "")


def one_line(value: str) -> str:
    """``value`` without its control and format characters, its runs of spaces made one space.

    For what was typed before names were validated (or came another way): shown in an email,
    it stays one line of visible text.
    """
    visible = "".join(
        " " if unicodedata.category(character) in INVISIBLE_CATEGORIES else character for character in value or ""
    )
    return " ".join(visible.split())


def validate_one_line(value: str) -> None:
    """Form validator of a name or an organisation: no control, format or line-separator character."""
    if has_control_characters(value):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a typed text (separated by an empty line)."""
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


def plain_to_rich_text(text: str) -> str:
    """Typed paragraphs to escaped rich-text HTML: nothing typed becomes markup."""
    return "".join("<p>{}</p>".format(escape(p).replace("\n", "<br/>")) for p in paragraphs(text))


def rich_text_to_plain(html: str) -> str:
    """Stored rich text back to paragraphs separated by an empty line (the inverse of ``plain_to_rich_text``).

    Every block (paragraph, list item, heading, quote) becomes a paragraph, so that nothing a
    coordinator added in the admin's editor is lost when a member edits the text again.
    """
    blocks = BLOCK_END.split(LINE_BREAK.sub("\n", html or ""))
    texts = [unescape(strip_tags(block)).strip() for block in blocks]
    return "\n\n".join(text for text in texts if text)
