"""Form widgets of the public site."""

from django import forms
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.html import format_html, format_html_join


class LongSelect(forms.Select):
    """A select of many flat options (the 250 countries) written in Python, not one template per option.

    Same markup as Django's ``Select`` for flat choices, about twenty times faster: the
    declaration page renders its form for every visitor.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in self.format_value(value) if item not in ("", None)}
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>\n{}\n</select>", flatatt(final_attrs), self._options(selected))

    def _options(self, selected: set[str]):
        # Without a choice made, the options depend only on the language (names and their order).
        key = translation.get_language() if not selected else None
        if key is not None and key in self._unselected_options:
            return self._unselected_options[key]
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) in selected else "", label)
                for option_value, label in self.choices
            ),
        )
        if key is not None:
            self._unselected_options[key] = options
        return options

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unselected_options: dict[str, str] = {}

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied._unselected_options = self._unselected_options  # shared by the form's copies
        return copied
