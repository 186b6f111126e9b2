"""Spreadsheet exports of the admin that a value typed by a visitor cannot turn into a formula.

A cell starting with ``= + - @``, a tab or a carriage return is run as a formula by spreadsheet
programs opening a CSV file (CSV injection): every export of ours prefixes such a text with a
single quote. In XLSX files Wagtail already stores such cells as text, never as formulas.
"""

from functools import cache

# A cell starting with one of these is read as a formula by spreadsheet programs (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix a text that a spreadsheet would run as a formula with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For views with Wagtail's ``SpreadsheetExportMixin``: CSV cells never start a formula."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            value = neutralise_formula(value)
        return value


@cache
def formula_safe(view_class: type) -> type:
    """``view_class`` (with ``SpreadsheetExportMixin``) made safe, e.g. a form page's submissions view.

    Built on demand: Wagtail's submissions view cannot be imported while the models load.
    """
    return type(f"FormulaSafe{view_class.__name__}", (FormulaSafeExportMixin, view_class), {})
