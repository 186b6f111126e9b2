"""Follow-up that follows up: overdue actions flagged (dashboard, minutes, admin), a progress note when marking done."""

import datetime
import logging
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from extranet.models import PROGRESS_NOTE_MAX_LENGTH, FollowUpAction

from ..factories import FollowUpActionFactory, MinutesFactory
from ..html import element, elements, text

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# 23:30 in UTC on 10 March is already 11 March in Paris, the site's time zone.
LATE_EVENING_UTC = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC)
MARCH_10 = datetime.date(2026, 3, 10)


def url(name, *args, language="fr"):
    with translation.override(language):
        return reverse(name, args=args)


def get(client, name, *args, language="fr", **params):
    response = client.get(url(name, *args, language=language), params)
    assert response.status_code == 200
    return response


# --- The rule ---------------------------------------------------------------------------------


@time_machine.travel(LATE_EVENING_UTC, tick=False)
def test_overdue_is_read_in_the_local_date_of_the_site(association_a):
    """Due on 10 March: at 23:30 UTC on 10 March it is 11 March in Paris, so the action is overdue."""
    due_yesterday = FollowUpActionFactory(association=association_a, due_date=MARCH_10)
    due_today = FollowUpActionFactory(association=association_a, due_date=MARCH_10 + datetime.timedelta(days=1))
    done = FollowUpActionFactory(association=association_a, due_date=MARCH_10, done_at=timezone.now())
    undated = FollowUpActionFactory(association=association_a, due_date=None)

    assert timezone.now().date() == MARCH_10 and timezone.localdate() == datetime.date(2026, 3, 11)
    assert list(FollowUpAction.objects.overdue()) == [due_yesterday]
    assert due_yesterday.is_overdue and due_yesterday.overdue_since == datetime.date(2026, 3, 11)
    assert not due_today.is_overdue and due_today.overdue_since is None
    assert not done.is_overdue and not undated.is_overdue
    assert set(FollowUpAction.objects.open()) == {due_yesterday, due_today, undated}
    assert list(FollowUpAction.objects.done()) == [done]


def test_an_action_is_not_overdue_on_its_due_date(association_a):
    with time_machine.travel(datetime.datetime(2026, 3, 10, 23, 59, tzinfo=PARIS), tick=False):
        action = FollowUpActionFactory(association=association_a, due_date=MARCH_10)
        assert not action.is_overdue and not FollowUpAction.objects.overdue().exists()
    with time_machine.travel(datetime.datetime(2026, 3, 11, 0, 0, tzinfo=PARIS), tick=False):
        assert action.is_overdue and FollowUpAction.objects.overdue().get() == action


# --- The dashboard ----------------------------------------------------------------------------


@time_machine.travel(LATE_EVENING_UTC, tick=False)
@pytest.mark.parametrize(
    ("language", "badge"), [("fr", "En retard depuis le 11 mars 2026"), ("en", "Overdue since March 11, 2026")]
)
def test_the_dashboard_flags_overdue_actions_first(client, member_a, association_a, language, badge):
    FollowUpActionFactory(association=association_a, description_fr="Pas encore due", due_date=None)
    FollowUpActionFactory(association=None, description_fr="Due plus tard", due_date=datetime.date(2026, 4, 1))
    FollowUpActionFactory(association=association_a, description_fr="En retard", due_date=MARCH_10)
    client.force_login(member_a)

    html = get(client, "extranet:dashboard", language=language).text

    card = element(html, "ul", class_="action-list")
    actions = [action for action in elements(card, "li") if "action" in action.classes]
    assert [description(action) for action in actions] == ["En retard", "Due plus tard", "Pas encore due"]
    overdue = [action for action in actions if "action--overdue" in action.classes]
    assert overdue == actions[:1] and badge in text(overdue[0])  # in words, not colour alone
    assert all("depuis" not in text(action) and "since" not in text(action) for action in actions[1:])


def description(action) -> str:
    return next(title for title in ("En retard", "Due plus tard", "Pas encore due") if title in text(action))


@time_machine.travel(LATE_EVENING_UTC, tick=False)
def test_the_minutes_flag_their_overdue_actions(client, member_a, association_a):
    minutes = MinutesFactory()
    FollowUpActionFactory(minutes=minutes, association=association_a, description_fr="Relancer", due_date=MARCH_10)
    client.force_login(member_a)
    html = get(client, "extranet:minutes_detail", minutes.pk, language="en").text
    assert "Overdue since March 11, 2026" in text(element(html, "li", class_="action--overdue"))


# --- Marking done, with a progress note -----------------------------------------------------------


def done_data(action, note_fr="", note_en=""):
    prefix = f"action-{action.pk}"
    return {f"{prefix}-note_fr": note_fr, f"{prefix}-note_en": note_en}


def test_the_done_form_offers_a_note_in_both_languages(client, member_a, association_a):
    action = FollowUpActionFactory(association=association_a)
    client.force_login(member_a)
    form = element(get(client, "extranet:dashboard").text, "form", action=url("extranet:action_done", action.pk))
    names = {field["name"] for field in elements(form, "textarea")}
    assert names == {f"action-{action.pk}-note_fr", f"action-{action.pk}-note_en"}
    assert "Note d’avancement (français)" in text(form) or "Note d'avancement (français)" in text(form)


def test_a_progress_note_is_kept_and_shown_on_the_minutes(client, member_a, association_a):
    minutes = MinutesFactory()
    action = FollowUpActionFactory(minutes=minutes, association=association_a, description_fr="Écrire au ministère")
    client.force_login(member_a)

    response = client.post(
        url("extranet:action_done", action.pk),
        done_data(action, "  Lettre envoyée le 3 mars.  ", "Letter sent on 3 March."),
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.is_done and action.done_by == member_a
    assert action.progress_note_fr == "Lettre envoyée le 3 mars."
    assert action.progress_note_en == "Letter sent on 3 March."
    french = element(get(client, "extranet:minutes_detail", minutes.pk).text, "li", id=f"action-{action.pk}")
    english = element(get(client, "extranet:minutes_detail", minutes.pk, language="en").text, id=f"action-{action.pk}")
    assert "Lettre envoyée le 3 mars." in text(french) and "Letter sent" not in text(french)
    assert "Letter sent on 3 March." in text(english) and "Lettre envoyée" not in text(english)


def test_a_note_without_english_is_shown_as_french_only_in_english(client, member_a, association_a):
    minutes = MinutesFactory()
    action = FollowUpActionFactory(minutes=minutes, association=association_a)
    client.force_login(member_a)
    client.post(url("extranet:action_done", action.pk), done_data(action, "Fait avec la MIPROF."))

    html = get(client, "extranet:minutes_detail", minutes.pk, language="en").text

    note = element(html, "p", class_="action__note")
    assert "Fait avec la MIPROF." in text(note) and "(in French only)" in text(note)
    assert element(note, "span", lang="fr") is not None


def test_marking_done_without_a_note_still_works(client, member_a, association_a):
    action = FollowUpActionFactory(association=association_a)
    client.force_login(member_a)
    assert client.post(url("extranet:action_done", action.pk)).status_code == 302
    action.refresh_from_db()
    assert action.is_done and action.progress_note_fr == action.progress_note_en == ""


@pytest.mark.parametrize(
    ("language", "error"),
    [("fr", "Limitez la note à 500 caractères (elle en compte 501)."), ("en", "Keep the note to 500 characters")],
)
def test_a_note_too_long_is_refused_next_to_its_field_and_kept(client, member_a, association_a, language, error):
    action = FollowUpActionFactory(association=association_a)
    too_long = "é" * (PROGRESS_NOTE_MAX_LENGTH + 1)
    client.force_login(member_a)

    response = client.post(
        url("extranet:action_done", action.pk, language=language), done_data(action, too_long, "Kept too")
    )

    assert response.status_code == 200
    action.refresh_from_db()
    assert not action.is_done and action.progress_note_fr == ""
    field = element(response.text, "textarea", name=f"action-{action.pk}-note_fr").parent
    assert "field--error" in field.classes and error in text(field)
    assert "open" in element(response.text, "details", class_="action__note-fields")  # shown, not folded
    assert text(element(response.text, "textarea", name=f"action-{action.pk}-note_fr")) == too_long
    assert text(element(response.text, "textarea", name=f"action-{action.pk}-note_en")) == "Kept too"
    assert response["Cache-Control"].startswith("max-age=0") or "private" in response["Cache-Control"]


# --- Who may mark an action done ----------------------------------------------------------------


def test_another_association_is_refused_and_logged(client, member_b, association_a, caplog):
    action = FollowUpActionFactory(association=association_a)
    client.force_login(member_b)
    with caplog.at_level(logging.WARNING, logger="extranet.security"):
        response = client.post(url("extranet:action_done", action.pk), done_data(action, "Pas à nous"))
    assert response.status_code == 403
    assert f"refused: user {member_b.pk} on action {action.pk}" in caplog.text
    action.refresh_from_db()
    assert not action.is_done and action.progress_note_fr == ""


def test_an_action_of_every_association_is_closed_by_the_coordination_only(client, member_a):
    action = FollowUpActionFactory(association=None)
    client.force_login(member_a)
    html = get(client, "extranet:dashboard", language="en").text
    assert url("extranet:action_done", action.pk, language="en") not in html
    assert "An action of every association: the coordination marks it done." in html
    assert client.post(url("extranet:action_done", action.pk), done_data(action, "Fait")).status_code == 403
    assert not FollowUpAction.objects.get(pk=action.pk).is_done


def test_an_observer_marks_its_own_actions_done(client, observer_user, observer_association):
    action = FollowUpActionFactory(association=observer_association)
    client.force_login(observer_user)
    assert client.post(url("extranet:action_done", action.pk), done_data(action, "Fait")).status_code == 302
    assert FollowUpAction.objects.get(pk=action.pk).is_done


def test_anonymous_visitors_are_sent_to_log_in(client, association_a):
    action = FollowUpActionFactory(association=association_a)
    response = client.post(url("extranet:action_done", action.pk), done_data(action, "Fait"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not FollowUpAction.objects.get(pk=action.pk).is_done


def test_marking_done_is_logged_once_with_the_note(client, member_a, association_a):
    action = FollowUpActionFactory(association=association_a)
    client.force_login(member_a)
    client.post(url("extranet:action_done", action.pk), done_data(action, "Premier"))
    # Done already: the form is gone (404), the first note stays.
    assert client.post(url("extranet:action_done", action.pk), done_data(action, "Second")).status_code == 404
    action.refresh_from_db()
    assert action.progress_note_fr == "Premier"
    assert ModelLogEntry.objects.for_instance(action).filter(action="extranet.action_done").count() == 1


# --- The admin listing ----------------------------------------------------------------------------


@pytest.fixture
def admin_actions(association_a, association_b):
    """At 23:30 UTC on 10 March (11 March in Paris): one open, one overdue, one done with a note."""
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        yield {
            "open": FollowUpActionFactory(
                association=association_a, description_fr="Préparer la plénière", due_date=datetime.date(2026, 4, 1)
            ),
            "overdue": FollowUpActionFactory(association=None, description_fr="Écrire à la MIPROF", due_date=MARCH_10),
            "done": FollowUpActionFactory(
                association=association_b,
                description_fr="Envoyer le rapport",
                due_date=MARCH_10,
                done_at=datetime.datetime(2026, 3, 5, 10, 0, tzinfo=PARIS),
                progress_note_fr="Envoyé au ministère",
            ),
        }


def admin_list(client, coordinator, language, **params):
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": language})
    client.force_login(coordinator)
    response = client.get(reverse("wagtailsnippets_extranet_followupaction:list"), params)
    assert response.status_code == 200
    return response.text


def listing(html):
    return element(html, "table", class_="listing")


def rows(html) -> list[str]:
    return [text(row) for row in elements(element(listing(html), "tbody"), "tr")]


@pytest.mark.parametrize(
    ("language", "headings", "overdue", "done"),
    [
        (
            "fr",
            ["Action à mener", "Par", "Échéance", "État"],
            "En retard depuis le 11 mars 2026",
            "Réalisée le 5 mars 2026",
        ),
        ("en", ["What", "By", "Due", "Status"], "Overdue since March 11, 2026", "Done on March 5, 2026"),
    ],
)
def test_coordinators_list_actions_overdue_first(client, coordinator, admin_actions, language, headings, overdue, done):
    html = admin_list(client, coordinator, language)

    header = text(element(listing(html), "thead"))
    assert all(heading in header for heading in headings)
    listed = rows(html)
    assert len(listed) == 3
    assert "Écrire à la MIPROF" in listed[0] and overdue in listed[0]
    assert element(listing(html), "strong", class_="w-text-critical-200") is not None
    done_row = next(row for row in listed if "Envoyer le rapport" in row)
    assert done in done_row and "Envoyé au ministère" in done_row and "ECPAT France" in done_row
    every = "Toutes les associations" if language == "fr" else "Every association"
    assert every in listed[0]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("overdue", {"Écrire à la MIPROF"}),
        ("open", {"Écrire à la MIPROF", "Préparer la plénière"}),
        ("done", {"Envoyer le rapport"}),
        ("", {"Écrire à la MIPROF", "Préparer la plénière", "Envoyer le rapport"}),
    ],
)
def test_coordinators_filter_actions_by_status(client, coordinator, admin_actions, state, expected):
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        html = admin_list(client, coordinator, "en", state=state)
    titles = {title for row in rows(html) for title in admin_titles() if title in row}
    assert titles == expected


def admin_titles():
    return ("Écrire à la MIPROF", "Préparer la plénière", "Envoyer le rapport")


@pytest.mark.parametrize(("language", "label"), [("fr", "En retard"), ("en", "Overdue")])
def test_the_status_filter_is_translated(client, coordinator, admin_actions, language, label):
    html = admin_list(client, coordinator, language)
    assert label in [text(option) for option in elements(html, "option", value="overdue")]


def test_coordinators_edit_an_action_and_its_note(client, coordinator, admin_actions):
    action = admin_actions["done"]
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "en"})
    client.force_login(coordinator)
    html = client.get(reverse("wagtailsnippets_extranet_followupaction:edit", args=[action.pk])).text
    for name in ("description_fr", "description_en", "progress_note_fr", "progress_note_en", "due_date", "done_at"):
        assert element(html, name=name) is not None, name
    assert element(html, name="progress_note_fr")["value"] == "Envoyé au ministère"


def test_actions_stay_in_the_minutes_inline_panel(client, coordinator, admin_actions):
    action = admin_actions["open"]
    client.force_login(coordinator)
    html = client.get(reverse("wagtailsnippets_extranet_minutes:edit", args=[action.minutes.pk])).text
    assert element(html, name="actions-0-description_fr") is not None


def test_members_never_reach_the_actions_admin(client, member_a, admin_actions):
    client.force_login(member_a)
    response = client.get(reverse("wagtailsnippets_extranet_followupaction:list"))
    assert response.status_code in (302, 403) and "Écrire à la MIPROF" not in response.text


def test_coordinators_search_actions(client, coordinator, admin_actions):
    html = admin_list(client, coordinator, "en", q="MIPROF")
    assert len(rows(html)) == 1 and "Écrire à la MIPROF" in rows(html)[0]


def test_an_action_marked_done_in_the_admin_is_recorded_as_done_by_the_coordinator(client, coordinator, admin_actions):
    action = admin_actions["overdue"]
    client.force_login(coordinator)
    response = client.post(
        reverse("wagtailsnippets_extranet_followupaction:edit", args=[action.pk]),
        {
            "minutes": action.minutes_id,
            "description_fr": action.description_fr,
            "description_en": "Write to MIPROF",
            "association": "",
            "due_date": "2026-03-10",
            "done_at": "2026-03-12 09:00",
            "progress_note_fr": "Fait par la coordination",
            "progress_note_en": "",
        },
    )
    assert response.status_code == 302, response.text[:3000]
    action.refresh_from_db()
    assert action.is_done and action.done_by == coordinator and action.progress_note_fr == "Fait par la coordination"
    assert action.description_en == "Write to MIPROF"
