"""How the admin's revision compare view shows our fields.

Wagtail compares each field on its own: a French text and its English version land in two
distant rows, rich text is flattened into one line, and booleans read "True"/"False". Here:

- :class:`BilingualFieldRowPanel` (a ``FieldRowPanel`` of a French field and its English one)
  compares the pair in one row, French and English side by side, each highlighted word by word;
- :class:`ParagraphRichTextComparison` compares rich text as text with its paragraphs kept;
- :class:`BooleanFieldComparison` says "Yes"/"No" in the admin's language.

The last two are registered for every ``RichTextField`` and ``BooleanField`` of the site.
"""

from __future__ import annotations

import functools

from django.db import models
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin import compare
from wagtail.admin.panels import FieldRowPanel
from wagtail.fields import RichTextField

from .text import rich_text_to_plain


def _paragraphs_html(diff_html: str) -> str:
    """A diff of plain text whose paragraphs are separated by empty lines, with its line breaks shown."""
    return mark_safe(str(diff_html).replace("\n", "<br>"))  # noqa: S308 (the diff is escaped by Wagtail)


class ParagraphRichTextComparison(compare.RichTextFieldComparison):
    """Rich text compared as text, word by word, each paragraph on its own (an empty line between)."""

    def htmldiff(self):
        return _paragraphs_html(
            compare.diff_text(rich_text_to_plain(self.val_a), rich_text_to_plain(self.val_b)).to_html()
        )


class MultilineTextComparison(compare.TextFieldComparison):
    """Plain text compared word by word, its line breaks kept."""

    def htmldiff(self):
        return _paragraphs_html(super().htmldiff())


class BooleanFieldComparison(compare.FieldComparison):
    """A yes/no field reads "Yes" or "No" in the admin's language, never "True"/"False"."""

    @staticmethod
    def _word(value) -> str:
        if value is None:
            return "—"
        return _("Yes") if value else _("No")

    def htmldiff(self):
        if self.val_a != self.val_b:
            return compare.TextDiff(
                [("deletion", self._word(self.val_a)), ("equal", " "), ("addition", self._word(self.val_b))]
            ).to_html()
        return escape(self._word(self.val_a))


compare.register_comparison_class(RichTextField, comparison_class=ParagraphRichTextComparison)
compare.register_comparison_class(models.TextField, comparison_class=MultilineTextComparison)
compare.register_comparison_class(models.BooleanField, comparison_class=BooleanFieldComparison)


LANGUAGE_NAMES = {"fr": "Français", "en": "English"}  # each language named in itself


class BilingualComparison:
    """A French field and its English version in one comparison row, side by side."""

    is_field = True
    is_child_relation = False

    def __init__(self, comparisons, label, obj_a, obj_b):
        self.comparisons = [comparison(obj_a, obj_b) for comparison in comparisons]
        self.label = label
        self.field = self.comparisons[0].field if self.comparisons else None

    def field_label(self):
        if self.label:
            return capfirst(self.label)
        return " / ".join(str(comparison.field_label()) for comparison in self.comparisons)

    def has_changed(self):
        return any(comparison.has_changed() for comparison in self.comparisons)

    def htmldiff(self):
        columns = format_html_join(
            "",
            '<div class="bilingual-comparison__language" lang="{}">'
            '<p class="bilingual-comparison__label">{}</p><div class="bilingual-comparison__text">{}</div></div>',
            (
                (language, LANGUAGE_NAMES.get(language, language), comparison.htmldiff())
                for language, comparison in zip(self.languages(), self.comparisons, strict=True)
            ),
        )
        return format_html(
            '<div class="bilingual-comparison" style="display:grid;grid-template-columns:1fr 1fr;gap:1rem">{}</div>',
            columns,
        )

    def languages(self) -> list[str]:
        """The language of each compared field, read from its name (``…_fr``, ``…_en``)."""
        return [getattr(comparison.field, "name", "")[-2:] for comparison in self.comparisons]


class BilingualFieldRowPanel(FieldRowPanel):
    """A French field and its English version, side by side in the form and in the compare view."""

    class BoundPanel(FieldRowPanel.BoundPanel):
        def get_comparison(self):
            comparisons = []
            for child in self.children:
                comparisons.extend(child.get_comparison())
            if not comparisons:
                return []
            return [functools.partial(BilingualComparison, comparisons, self.heading)]
