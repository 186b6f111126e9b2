"""Texts stored in both languages on one object.

Association profiles and the small taxonomies (topics, issuing bodies) are not
translated by wagtail-localize: each keeps a French and an English column, so
that one form edits both languages at once and no translation sync can ever
overwrite what an association wrote.

A reader gets the text of the active language; when that one is empty, the
other language's text is shown instead, and says so: a :class:`LocalizedText`
knows the language it is written in and the one that was asked for, and
templates mark such a fallback with ``lang`` on its own element and a short
notice (``{{ text|lang_attr }}`` and ``{% fallback_notice text %}`` of ``site_tags``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language


@dataclass(frozen=True)
class LocalizedText:
    """A text with the language it is actually written in (for ``lang=`` attributes)."""

    value: str
    lang: str
    requested: str = ""  # the language the reader asked for ("" when it is ``lang``)

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)

    @property
    def is_fallback(self) -> bool:
        """Shown in another language than the reader's, because the reader's is missing."""
        return bool(self.value) and bool(self.requested) and self.requested != self.lang


def active_language() -> str:
    """The code of the active language, one of ``settings.LANGUAGES`` (the default one otherwise)."""
    code = (get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def localized_value(obj, name: str) -> LocalizedText:
    """``obj.<name>_<lang>`` in the active language, else in the other languages, marked as such."""
    lang = active_language()
    value = getattr(obj, f"{name}_{lang}", "") or ""
    if _has_text(value):
        return LocalizedText(value, lang, lang)
    for code, _name in settings.LANGUAGES:
        other = getattr(obj, f"{name}_{code}", "") or ""
        if code != lang and _has_text(other):
            return LocalizedText(other, code, lang)
    return LocalizedText("", lang, lang)


def _has_text(value) -> bool:
    text = str(value).strip()
    return bool(text) and text not in ("<p></p>", '<p data-block-key=""></p>')


class BilingualMixin:
    """Read ``<name>_fr`` / ``<name>_en`` columns in the active language."""

    def localized(self, name: str) -> LocalizedText:
        return localized_value(self, name)
