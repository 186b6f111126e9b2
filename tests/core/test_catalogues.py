"""The catalogues: every entry translated in both languages, nothing fuzzy, the .mo files compiled from the .po.

English is filled explicitly (msgstr = the English text) rather than left to fall back to the
msgid: an empty English msgstr cannot then be told from a forgotten one.
"""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "en")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def entry_name(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"


def messages(entries) -> dict:
    """(context, msgid, msgid_plural) -> the translations, of the entries that count at run time."""
    found = {}
    for entry in entries:
        if entry.obsolete or not entry.msgid or "fuzzy" in entry.flags:
            continue
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural or None)
        if entry.msgid_plural:
            found[key] = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
        else:
            found[key] = (entry.msgstr,)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language):
    untranslated = [entry_name(e) for e in catalogue(language) if not e.obsolete and not e.translated()]
    assert untranslated == [], f"untranslated in locale/{language}: {untranslated}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language):
    po = catalogue(language)
    fuzzy = [entry_name(e) for e in po if not e.obsolete and "fuzzy" in e.flags]
    assert not po.metadata_is_fuzzy, f"the header of locale/{language} is fuzzy: its plural forms would be ignored"
    assert fuzzy == [], f"fuzzy in locale/{language}: {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_names_the_language(language):
    assert catalogue(language).metadata.get("Language") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_up_to_date(language):
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))
    assert messages(mo) == messages(catalogue(language)), (
        f"locale/{language}/LC_MESSAGES/django.mo differs from its .po: run compilemessages"
    )
