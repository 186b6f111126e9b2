"""Texts stored in both languages on one object.

Association profiles and the small taxonomies (topics, issuing bodies) are not
translated by wagtail-localize: each keeps a French and an English column, so
that one form edits both languages at once and no translation sync can ever
overwrite what an association wrote. The English column falls back to French.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language


@dataclass(frozen=True)
class LocalizedText:
    """A text with the language it is actually written in (for ``lang=`` attributes)."""

    value: str
    lang: str

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)


def active_language() -> str:
    """The code of the active language, one of ``settings.LANGUAGES`` (the default one otherwise)."""
    code = (get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class BilingualMixin:
    """Read ``<name>_fr`` / ``<name>_en`` columns in the active language."""

    def localized(self, name: str) -> LocalizedText:
        lang = active_language()
        if lang != "fr":
            value = getattr(self, f"{name}_{lang}", "") or ""
            if value.strip():
                return LocalizedText(value, lang)
        return LocalizedText(getattr(self, f"{name}_fr", "") or "", "fr")
