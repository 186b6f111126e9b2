"""Plain text typed in the extranet and the rich text Wagtail stores, both ways (home.core.text)."""

import pytest

from home.core.text import plain_to_rich_text, rich_text_to_plain


def test_typed_text_becomes_escaped_paragraphs():
    assert plain_to_rich_text("Un & <b>deux</b>\ntrois\r\n\r\nQuatre") == (
        "<p>Un &amp; &lt;b&gt;deux&lt;/b&gt;<br/>trois</p><p>Quatre</p>"
    )


@pytest.mark.parametrize(
    "typed",
    ["Un paragraphe.", "Un & deux <script>\nligne\n\nSecond paragraphe.", "« Guillemets » et l'apostrophe"],
)
def test_what_was_typed_comes_back_as_typed(typed):
    assert rich_text_to_plain(plain_to_rich_text(typed)) == typed


def test_every_block_of_the_admin_editor_is_kept():
    # A coordinator may add a list or a heading in the admin: a member editing the text again keeps them.
    html = "<h2>Titre</h2><p>Intro</p><ul><li>un</li><li>deux</li></ul><blockquote>cité</blockquote>"
    assert rich_text_to_plain(html) == "Titre\n\nIntro\n\nun\n\ndeux\n\ncité"


def test_line_breaks_and_entities_are_read():
    assert rich_text_to_plain("<p>a &amp; b<br />c<BR>d</p>") == "a & b\nc\nd"


def test_empty_text():
    assert rich_text_to_plain("") == "" and rich_text_to_plain(None) == "" and plain_to_rich_text("  \n\n ") == ""
