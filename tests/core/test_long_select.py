"""The signature form's country list: fast to write, the same choices and attributes as Django's select."""

from django import forms

from home.core.widgets import LongSelect
from home.declarations.forms import SignatureForm

from ..html import element, options


def _parsed(html):
    select = element(html, "select")
    return dict(select), options(select)


def test_the_country_select_matches_djangos_markup():
    field = SignatureForm.base_fields["country"]
    attrs = {"id": "id_country", "required": True, "aria-invalid": "true", "aria-describedby": "country-error"}
    ours = LongSelect(attrs={"autocomplete": "country"}, choices=field.choices).render("country", "RS", attrs)
    django = forms.Select(attrs={"autocomplete": "country"}, choices=field.choices).render("country", "RS", attrs)
    assert _parsed(ours) == _parsed(django)
    assert len(_parsed(ours)[1]) > 200
    assert [value for value, _label, chosen in _parsed(ours)[1] if chosen] == ["RS"]


def test_option_labels_are_escaped():
    html = LongSelect(choices=[("x", "<b>Évian & co</b>")]).render("country", None)
    assert "<b>" not in html and "&lt;b&gt;Évian &amp; co&lt;/b&gt;" in html


def test_the_options_follow_the_language():
    from django.utils import translation

    field = SignatureForm.base_fields["country"]
    widget = LongSelect(choices=field.choices)
    with translation.override("fr"):
        french = widget.render("country", None)
    with translation.override("en"):
        english = widget.render("country", None)
    assert "Allemagne" in french and "Germany" in english
    with translation.override("fr"):
        assert widget.render("country", None) == french
        assert "selected" in widget.render("country", "DE")
