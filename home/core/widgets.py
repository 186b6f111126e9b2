"""Form widgets of the public site, and the admin's snippet choosers made to follow the admin's language."""

from django import forms
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from wagtail.snippets.widgets import AdminSnippetChooser


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


def translate_snippet_choosers() -> None:
    """Snippet choosers say "Choose meeting" in the language of each request, not of the first one.

    Wagtail formats these texts when the widget is built, and an admin form class (with its widgets)
    is built once per process: whoever opened a form first fixed the language of its choosers for
    everyone ("Choisir réunion" in the English admin). The texts are made lazy instead.
    """
    if getattr(AdminSnippetChooser, "_texts_are_lazy", False):
        return
    built = AdminSnippetChooser.__init__

    def __init__(self, model=None, **kwargs):
        built(self, model=model, **kwargs)
        name = self.model._meta.verbose_name
        for attribute, message in CHOOSER_TEXTS.items():
            if attribute not in kwargs:
                setattr(self, attribute, _lazy_object_text(message, name))

    AdminSnippetChooser.__init__ = __init__
    AdminSnippetChooser._texts_are_lazy = True


# Wagtail's msgids (translated by Wagtail's catalogues).
CHOOSER_TEXTS = {
    "choose_one_text": "Choose %(object)s",
    "choose_another_text": "Choose another %(object)s",
    "link_to_chosen_text": "Edit this %(object)s",
}
_lazy_object_text = lazy(lambda message, name: translation.gettext(message) % {"object": name}, str)
