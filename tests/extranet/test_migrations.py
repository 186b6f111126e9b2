"""The migration that gives the extranet's texts a French and an English column keeps every text."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("extranet", "0002_declarationproposal")]
AFTER = [("extranet", "0003_extranet_texts_in_both_languages")]  # renumbered at merge maybe: keep the name


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrator():
    """Migrations run back and forth; the database is left fully migrated for the tests that follow."""
    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


# serialized_rollback: what the migrations created is there again for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_existing_texts_become_the_french_ones(migrator):
    old = migrator(BEFORE)
    Meeting = old.get_model("extranet", "Meeting")
    Minutes = old.get_model("extranet", "Minutes")
    AgendaItem = old.get_model("extranet", "AgendaItem")
    FollowUpAction = old.get_model("extranet", "FollowUpAction")
    meeting = Meeting.objects.create(
        title="Réunion du Collectif",
        starts_at=datetime.datetime(2014, 9, 29, 10, tzinfo=datetime.UTC),
        place="Secours Catholique",
        counterparts="La MIPROF",
        agenda="<p>Ordre du jour</p>",
    )
    minutes = Minutes.objects.create(meeting=meeting, summary="<p>Compte rendu</p>")
    AgendaItem.objects.create(
        minutes=minutes, title="Point 1", discussion="<p>Échanges</p>", decisions="<p>Décidé</p>", sort_order=0
    )
    FollowUpAction.objects.create(minutes=minutes, description="Relancer", sort_order=0)

    new = migrator(AFTER)

    meeting = new.get_model("extranet", "Meeting").objects.get()
    assert (meeting.title_fr, meeting.place_fr, meeting.counterparts_fr, meeting.agenda_fr) == (
        "Réunion du Collectif",
        "Secours Catholique",
        "La MIPROF",
        "<p>Ordre du jour</p>",
    )
    assert (meeting.title_en, meeting.place_en, meeting.counterparts_en, meeting.agenda_en) == ("", "", "", "")
    assert new.get_model("extranet", "Minutes").objects.get().summary_fr == "<p>Compte rendu</p>"
    item = new.get_model("extranet", "AgendaItem").objects.get()
    assert (item.title_fr, item.discussion_fr, item.decisions_fr, item.title_en) == (
        "Point 1",
        "<p>Échanges</p>",
        "<p>Décidé</p>",
        "",
    )
    assert new.get_model("extranet", "FollowUpAction").objects.get().description_fr == "Relancer"
