"""The freshness of page translations: up to date, out of date (with what changed), missing."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.core.freshness import Freshness
from home.translations.freshness import page_freshness, previous_wordings
from tests.factories import StandardPageFactory

from .conftest import publish, reword


def freshness_of(page, language="en"):
    return next(
        entry for entry in page_freshness() if entry.source_page_id == page.pk and entry.item.language == language
    )


def test_a_translation_just_made_is_up_to_date(localized):
    entry = freshness_of(localized.fr)

    assert entry.item.status == Freshness.UP_TO_DATE
    assert entry.item.changes == []
    assert entry.target_page_id == localized.en.pk
    assert entry.item.edit_url == f"/admin/pages/{localized.en.pk}/edit/"


def test_publishing_a_changed_french_text_puts_the_translation_out_of_date(localized):
    french = reword(localized.fr, 0, "<p>La traite des êtres humains est un crime grave.</p>")

    entry = freshness_of(localized.fr)

    assert entry.item.status == Freshness.OUT_OF_DATE
    assert entry.item.source_changed_at == french.last_published_at
    [change] = entry.item.changes
    assert change.label == "Corps › Paragraphe"
    assert change.before == "La traite des êtres humains est un crime."
    assert change.after == "La traite des êtres humains est un crime grave."
    assert change.translation == "Trafficking in human beings is a crime."


def test_republishing_unchanged_content_keeps_the_translation_up_to_date(localized):
    publish(localized.fr)

    assert freshness_of(localized.fr).item.status == Freshness.UP_TO_DATE


def test_a_draft_changes_nothing(localized):
    page = Page.objects.get(pk=localized.fr.pk).specific
    page.title = "Le collectif (brouillon)"
    page.save_revision()

    assert freshness_of(localized.fr).item.status == Freshness.UP_TO_DATE


def test_a_page_without_live_translation_is_missing(localized):
    Page.objects.get(pk=localized.en.pk).unpublish()

    assert freshness_of(localized.fr).item.status == Freshness.MISSING


def test_a_page_never_translated_is_missing(localized, site_tree):

    alone = StandardPageFactory(parent=site_tree.fr.standard, title="Seulement en français", slug="seul")

    entry = freshness_of(alone)

    assert entry.item.status == Freshness.MISSING
    assert entry.item.section == "Le collectif"
    assert entry.target_page_id is None


def test_a_translation_copied_by_hand_is_compared_by_date(localized, site_tree):
    publish(site_tree.fr.news, introduction="Les nouvelles du collectif.")

    assert freshness_of(site_tree.fr.news).item.status == Freshness.OUT_OF_DATE
    assert freshness_of(site_tree.fr.events).item.status == Freshness.UP_TO_DATE


def test_reading_the_whole_tree_takes_a_bounded_number_of_queries(localized, site_tree):

    for i in range(10):
        StandardPageFactory(parent=site_tree.fr.standard, title=f"Page {i}", slug=f"page-{i}")
    with CaptureQueriesContext(connection) as few:
        page_freshness()
    for i in range(10, 30):
        StandardPageFactory(parent=site_tree.fr.standard, title=f"Page {i}", slug=f"page-{i}")
    with CaptureQueriesContext(connection) as more:
        entries = page_freshness()

    assert len(entries) > 35
    assert len(more) == len(few) <= 6
    # An out-of-date page costs a few queries more (its source read and compared again), not one per page.
    reword(localized.fr, 0, "<p>Un autre texte.</p>")
    with CaptureQueriesContext(connection) as one_stale:
        page_freshness()
    assert len(one_stale) <= len(more) + 8


def test_the_previous_translation_is_kept_after_a_sync(localized):
    reword(localized.fr, 1, "<p>Le collectif réunit trente associations.</p>")
    localized.source.update_from_db()

    assert freshness_of(localized.fr).item.status == Freshness.UP_TO_DATE
    [wording] = previous_wordings(localized.translation)
    assert wording.source_text == "Le collectif réunit trente associations."
    assert wording.previous_source == "Le collectif réunit vingt-huit associations."
    assert wording.previous_translation == "The collective brings together twenty-eight associations."
