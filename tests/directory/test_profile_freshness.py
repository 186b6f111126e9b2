"""Whether an association's English (or French) texts are missing or older than the other language's."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail import hooks

from home.core.freshness import TRANSLATION_ITEMS_HOOK, Freshness
from home.directory.freshness import association_freshness, associations_freshness
from home.models import Association, AssociationReport

from ..factories import AssociationContactFactory, AssociationFactory, DocumentFactory

START = timezone.make_aware(datetime.datetime(2014, 9, 29, 10, 0))


def revise(association, when, from_database=False, **changes):
    """A revision of ``association`` (its latest one, or the database row) with ``changes``, dated ``when``."""
    association = Association.objects.get(pk=association.pk)
    if association.latest_revision_id and not from_database:
        association = association.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(association, name, value)
    revision = association.save_revision()
    revision.created_at = when
    revision.save(update_fields=["created_at"])
    return association


def texts_by_key(association):
    return {text.key: text for text in association_freshness(Association.objects.get(pk=association.pk)).texts}


@pytest.fixture
def association(locales):
    association = AssociationFactory(
        name="ECPAT France",
        summary_fr="Agir contre l'exploitation sexuelle des enfants.",
        summary_en="Acting against the sexual exploitation of children.",
        description_fr="<p>Première version.</p>",
        description_en="<p>First version.</p>",
        network_description_fr="Un réseau mondial.",
        network_description_en="",
    )
    return revise(association, START)


def test_an_empty_english_text_is_missing(association):
    texts = texts_by_key(association)
    network = texts["network_description"]
    assert (network.language, network.status) == ("en", Freshness.MISSING)
    assert network.after == "Un réseau mondial." and network.translation == ""
    assert network.form_field == "network_description_en"
    assert texts["summary"].status == Freshness.UP_TO_DATE
    assert texts["description"].status == Freshness.UP_TO_DATE


def test_french_changed_after_english_makes_english_out_of_date_with_the_dates(association):
    later = START + datetime.timedelta(days=30)
    revise(association, later, description_fr="<p>Deuxième version.</p>")
    description = texts_by_key(association)["description"]
    assert (description.language, description.status) == ("en", Freshness.OUT_OF_DATE)
    assert description.source_changed_at == later
    assert description.translated_at == START
    assert (description.before, description.after, description.translation) == (
        "Première version.",
        "Deuxième version.",
        "First version.",
    )

    revise(association, later + datetime.timedelta(days=1), description_en="<p>Second version.</p>")
    description = texts_by_key(association)["description"]
    assert description.status == Freshness.UP_TO_DATE
    assert description.translated_at == later + datetime.timedelta(days=1)


def test_a_text_written_in_english_first_has_french_as_its_translation(locales):
    association = AssociationFactory(summary_fr="", summary_en="Written in English first.")
    revise(association, START)
    summary = texts_by_key(association)["summary"]
    assert (summary.language, summary.status, summary.form_field) == ("fr", Freshness.MISSING, "summary_fr")
    revise(association, START + datetime.timedelta(days=1), summary_fr="Écrit d'abord en anglais.")
    assert texts_by_key(association)["summary"].status == Freshness.UP_TO_DATE
    revise(association, START + datetime.timedelta(days=2), summary_en="Written in English first, then changed.")
    summary = texts_by_key(association)["summary"]
    assert (summary.language, summary.status) == ("fr", Freshness.OUT_OF_DATE)


def test_contact_roles_and_report_titles_are_checked(association):
    AssociationContactFactory(association=association, name="Paul Public", role_fr="Trésorier", role_en="")
    revise(association, START + datetime.timedelta(days=1), from_database=True)
    AssociationReport.objects.create(
        association=association, year=2013, title_fr="Rapport 2013", document=DocumentFactory()
    )
    texts = texts_by_key(association)
    role = next(text for key, text in texts.items() if key.startswith("contact:"))
    report = next(text for key, text in texts.items() if key.startswith("report:"))
    assert (role.status, role.language, role.after) == (Freshness.MISSING, "en", "Trésorier")
    assert "Paul Public" in role.label
    assert role.form_field == "contacts-0-role_en"
    assert (report.status, report.after, report.form_field) == (Freshness.MISSING, "Rapport 2013", "title_en")
    assert report.report_id == AssociationReport.objects.get().pk


def test_the_translations_hook_lists_each_association_in_each_language(association, rf):
    with translation.override("en"):
        items = [item for hook in hooks.get_hooks(TRANSLATION_ITEMS_HOOK) for item in hook(rf.get("/"))]
    ours = {item.language: item for item in items if item.title == str(association)}
    assert set(ours) == {"fr", "en"}
    english = ours["en"]
    assert english.status == Freshness.MISSING
    assert [change.label for change in english.changes] == ["Network presentation"]
    assert english.changes[0].after == "Un réseau mondial."
    assert english.edit_url.endswith(f"/snippets/home/association/edit/{association.pk}/")
    assert english.source_url.endswith(f"/snippets/home/association/history/{association.pk}/")
    assert ours["fr"].status == Freshness.UP_TO_DATE and ours["fr"].changes == []
    with translation.override("fr"):
        french_admin = association_freshness(association).item("en")
    assert (french_admin.kind, french_admin.changes[0].label) == ("Fiche d'association", "Présentation du réseau")


def queries_for(associations):
    pks = [association.pk for association in associations]
    with CaptureQueriesContext(connection) as captured:
        associations_freshness(Association.objects.filter(pk__in=pks))
    return len(captured.captured_queries)


def test_the_revisions_of_all_associations_are_read_in_one_query(association):
    few = [association]
    for _copy in range(5):
        other = AssociationFactory()
        AssociationContactFactory(association=other)
        AssociationReport.objects.create(association=other, year=2013, title_fr="R", document=DocumentFactory())
        for day in range(3):
            revise(other, START + datetime.timedelta(days=day), summary_fr=f"Version {day}")
    AssociationReport.objects.create(association=association, year=2013, title_fr="R", document=DocumentFactory())
    queries_for(few)  # content types cached
    assert queries_for(few) == queries_for(Association.objects.all()) <= 5
