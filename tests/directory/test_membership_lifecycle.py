"""An association's life in the collective: observer year, admission, departure; its history and badges.

The minutes: an observer for one year from the day it confirms, then a vote on its admission. The
history is kept (``StatusPeriod``), coordinators read it and record changes in the admin, the end of the
observer year is shown (and flagged once passed) in the admin, the extranet and the public pages.
"""

import datetime
import html

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import Revision
from wagtail.users.models import UserProfile

from home.demo.builder import DemoContentBuilder
from home.directory import membership
from home.directory.models import observer_year_end
from home.models import Association, MembershipStatus, StatusPeriod

from ..factories import AssociationFactory, MembershipFactory, UserFactory
from ..html import element, elements, text

CONFIRMED = datetime.date(2014, 9, 29)
YEAR_END = datetime.date(2015, 9, 29)
DURING_THE_YEAR = datetime.datetime(2015, 3, 2, 10, 0, tzinfo=datetime.UTC)
AFTER_THE_YEAR = datetime.datetime(2015, 10, 1, 10, 0, tzinfo=datetime.UTC)


def fresh(association):
    return Association.objects.get(pk=association.pk)


def periods(association):
    return [(p.status, p.starts_on, p.ends_on) for p in membership.history(association)]


# --- The end date ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (CONFIRMED, YEAR_END),
        (datetime.date(2016, 2, 29), datetime.date(2017, 2, 28)),  # no 29 February in 2017
        (datetime.date(2015, 2, 28), datetime.date(2016, 2, 28)),
        (datetime.date(2015, 12, 31), datetime.date(2016, 12, 31)),
    ],
)
def test_the_observer_year_ends_one_year_later(start, end):
    assert observer_year_end(start) == end


@pytest.mark.django_db
def test_an_observer_year_ends_on_its_day_and_is_ended_from_that_day():
    association = AssociationFactory()
    membership.start_observer_year(association, CONFIRMED)
    association = fresh(association)
    assert association.observer_year_ends_on == YEAR_END
    with time_machine.travel(datetime.datetime(2015, 9, 28, 12, tzinfo=datetime.UTC), tick=False):
        assert not association.observer_year_ended
    with time_machine.travel(datetime.datetime(2015, 9, 29, 12, tzinfo=datetime.UTC), tick=False):
        assert association.observer_year_ended


@pytest.mark.django_db
def test_members_and_former_members_have_no_observer_year():
    member = AssociationFactory(status=MembershipStatus.MEMBER, status_since=CONFIRMED)
    assert member.observer_year_ends_on is None and not member.observer_year_ended
    gone = AssociationFactory()
    membership.start_observer_year(gone, CONFIRMED)
    membership.end_membership(gone, YEAR_END)
    gone = fresh(gone)
    assert gone.is_former_member and gone.observer_year_ends_on is None and not gone.observer_year_ended


# --- The flows keep the history and the current fields ------------------------------------------------


@pytest.mark.django_db
def test_admission_closes_the_observer_period_and_opens_a_member_one():
    association = AssociationFactory()
    membership.start_observer_year(association, CONFIRMED, note_fr="Confirmée", note_en="Confirmed")
    membership.admit(association, datetime.date(2015, 10, 5))

    association = fresh(association)
    assert (association.status, association.status_since, association.status_until) == (
        MembershipStatus.MEMBER,
        datetime.date(2015, 10, 5),
        None,
    )
    assert periods(association) == [
        (MembershipStatus.MEMBER, datetime.date(2015, 10, 5), None),
        (MembershipStatus.OBSERVER, CONFIRMED, datetime.date(2015, 10, 5)),
    ]
    assert membership.current_period(association).status == MembershipStatus.MEMBER


@pytest.mark.django_db
def test_an_extended_observer_year_is_a_new_period_with_its_own_end():
    association = AssociationFactory()
    membership.start_observer_year(association, CONFIRMED)
    membership.extend_observer_year(association, datetime.date(2016, 3, 31))

    association = fresh(association)
    assert association.is_observer
    assert association.status_since == YEAR_END
    assert association.observer_year_ends_on == datetime.date(2016, 3, 31)
    assert periods(association) == [
        (MembershipStatus.OBSERVER, YEAR_END, None),
        (MembershipStatus.OBSERVER, CONFIRMED, YEAR_END),
    ]


@pytest.mark.django_db
def test_leaving_keeps_the_whole_history():
    association = AssociationFactory()
    membership.start_observer_year(association, CONFIRMED)
    membership.admit(association, YEAR_END)
    membership.end_membership(association, datetime.date(2020, 1, 1))

    association = fresh(association)
    assert association.is_former_member and association.status_since == datetime.date(2020, 1, 1)
    assert [status for status, *_ in periods(association)] == [
        MembershipStatus.LEFT,
        MembershipStatus.MEMBER,
        MembershipStatus.OBSERVER,
    ]


@pytest.mark.django_db
def test_publishing_a_draft_written_before_the_admission_keeps_the_admission(locales):
    association = AssociationFactory()
    membership.start_observer_year(association, CONFIRMED)
    association = fresh(association)
    association.summary_fr = "Texte écrit pendant l'année d'observation"
    draft = association.save_revision()
    membership.admit(association, YEAR_END)

    # Approved later, in another request: the revision and its object are read from the database.
    Revision.objects.get(pk=draft.pk).publish()

    association = fresh(association)
    assert association.summary_fr == "Texte écrit pendant l'année d'observation"
    assert (association.status, association.status_since, association.status_until) == (
        MembershipStatus.MEMBER,
        YEAR_END,
        None,
    )


@pytest.mark.django_db
def test_publishing_with_an_object_held_since_before_the_admission_keeps_the_admission(locales):
    association = AssociationFactory()
    membership.start_observer_year(association, CONFIRMED)
    association = fresh(association)
    association.summary_fr = "Texte écrit pendant l'année d'observation"
    draft = association.save_revision()  # the revision keeps this object, an observer, in memory
    membership.admit(fresh(association), YEAR_END)

    draft.publish()

    association = fresh(association)
    assert association.summary_fr == "Texte écrit pendant l'année d'observation"
    assert (association.status, association.status_since) == (MembershipStatus.MEMBER, YEAR_END)


# --- The admin: the history and the change of status ---------------------------------------------------


def in_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def membership_url(association):
    return reverse("wagtailsnippets_home_association:membership", args=[association.pk])


@pytest.fixture
def observer(locales):
    association = AssociationFactory(name="SOS Esclaves", slug="sos-esclaves")
    membership.start_observer_year(association, CONFIRMED, note_fr="Présentée le 29/09", note_en="Introduced 29/09")
    return fresh(association)


HISTORY_WORDS = {
    "fr": ["Historique de l'adhésion de SOS Esclaves", "Enregistrer un changement de statut", "Observateur"],
    "en": ["Membership history of SOS Esclaves", "Record a change of status", "Observer"],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_coordinators_read_the_history_newest_first_in_their_language(client, coordinator, observer, language):
    membership.admit(observer, YEAR_END, user=coordinator, note_fr="Admise par vote", note_en="Admitted by vote")
    in_admin_language(coordinator, language)
    client.force_login(coordinator)

    response = client.get(membership_url(observer))

    assert response.status_code == 200
    page = response.content.decode()
    for words in HISTORY_WORDS[language]:
        assert words in page
    rows = elements(page, "tr", **{"class": "membership-history__row"})
    assert [row["data-status"] for row in rows] == ["member", "observer"]
    newest = text(rows[0])
    assert ("Admise par vote" if language == "fr" else "Admitted by vote") in newest
    assert "coordination@example.org" in newest or coordinator.get_full_name() in newest
    assert ("29 septembre 2015" if language == "fr" else "Sept. 29, 2015") in newest


def test_the_edit_view_links_to_the_history(client, coordinator, observer):
    client.force_login(coordinator)
    response = client.get(reverse("wagtailsnippets_home_association:edit", args=[observer.pk]))
    assert membership_url(observer) in response.content.decode()


def test_a_coordinator_records_an_admission(client, coordinator, observer):
    client.force_login(coordinator)

    response = client.post(
        membership_url(observer),
        {"status": "member", "starts_on": "2015-10-05", "note_fr": "Vote du 5 octobre", "note_en": "Vote of 5 October"},
    )

    assert response.status_code == 302
    observer = fresh(observer)
    assert (observer.status, observer.status_since) == (MembershipStatus.MEMBER, datetime.date(2015, 10, 5))
    latest = membership.current_period(observer)
    assert (latest.recorded_by, latest.note_fr, latest.note_en) == (
        coordinator,
        "Vote du 5 octobre",
        "Vote of 5 October",
    )
    assert StatusPeriod.objects.get(association=observer, status="observer").ends_on == datetime.date(2015, 10, 5)


def test_a_new_observer_year_lasts_one_year_by_default_or_until_the_given_day(client, coordinator, locales):
    association = AssociationFactory()
    client.force_login(coordinator)

    client.post(membership_url(association), {"status": "observer", "starts_on": "2016-02-29"})
    assert fresh(association).observer_year_ends_on == datetime.date(2017, 2, 28)

    client.post(membership_url(association), {"status": "observer", "starts_on": "2017-02-28", "until": "2017-06-30"})
    assert fresh(association).observer_year_ends_on == datetime.date(2017, 6, 30)


@pytest.mark.parametrize(
    ("language", "data", "field", "message"),
    [
        ("fr", {"status": "observer", "starts_on": "2016-01-01", "until": "2015-12-01"}, "until", "doit finir après"),
        ("en", {"status": "observer", "starts_on": "2016-01-01", "until": "2016-01-01"}, "until", "must end after"),
        ("fr", {"status": "member", "starts_on": "2016-01-01", "until": "2016-06-01"}, "until", "Seul un observateur"),
        ("en", {"status": "member", "starts_on": "2016-01-01", "until": "2016-06-01"}, "until", "Only an observer"),
        ("fr", {"status": "member", "starts_on": "2014-01-01"}, "starts_on", "avant l'actuel (29 septembre 2014)"),
        ("en", {"status": "member", "starts_on": "2014-01-01"}, "starts_on", "before the current one (Sept. 29, 2014)"),
    ],
)
def test_a_wrong_change_is_refused_next_to_its_field_and_nothing_is_lost(
    client, coordinator, observer, language, data, field, message
):
    in_admin_language(coordinator, language)
    client.force_login(coordinator)

    response = client.post(membership_url(observer), {**data, "note_fr": "Ma note gardée"})

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    page = response.content.decode()
    assert message in text(element(page, "div", **{"data-contentpath": field}))
    assert 'value="Ma note gardée"' in page
    observer = fresh(observer)
    assert (observer.status, observer.status_since) == (MembershipStatus.OBSERVER, CONFIRMED)
    assert StatusPeriod.objects.filter(association=observer).count() == 1


def test_an_association_user_never_reaches_the_history_nor_records_a_change(client, observer):
    user = MembershipFactory(association=observer, user=UserFactory(username="sos@example.org")).user
    for who in (None, user):
        client.logout()
        if who is not None:
            client.force_login(who)
        assert client.get(membership_url(observer)).status_code in (302, 403)
        assert client.get(reverse("wagtailsnippets_home_statusperiod:list")).status_code in (302, 403)
        response = client.post(membership_url(observer), {"status": "member", "starts_on": "2015-10-05"})
        assert response.status_code in (302, 403)
        assert "Membre" not in response.content.decode()
    assert fresh(observer).status == MembershipStatus.OBSERVER


@pytest.mark.parametrize(("language", "flag"), [("fr", "terminée — vote à organiser"), ("en", "ended — vote due")])
def test_the_admin_list_flags_an_observer_year_that_has_ended(client, coordinator, observer, language, flag):
    newcomer = AssociationFactory(name="Nouvelle venue")
    membership.start_observer_year(newcomer, datetime.date.today())
    in_admin_language(coordinator, language)
    client.force_login(coordinator)

    page = client.get(reverse("wagtailsnippets_home_association:list")).content.decode()

    sos_row = next(r for r in elements(page, "tr") if "SOS Esclaves" in text(r))
    new_row = next(r for r in elements(page, "tr") if "Nouvelle venue" in text(r))
    assert flag in text(sos_row)
    assert flag not in text(new_row)


# --- Badges: public profile, directory card, extranet dashboard ----------------------------------------


@pytest.fixture
def sos(content):
    membership.start_observer_year(content.sos, CONFIRMED)
    return fresh(content.sos)


PROFILE_URLS = {"fr": "/fr/nos-membres/sos-esclaves/", "en": "/en/our-members/sos-esclaves/"}
DIRECTORY_URLS = {"fr": "/fr/nos-membres/", "en": "/en/our-members/"}
DURING = {
    "fr": "Observateur depuis le 29 septembre 2014, jusqu'au 29 septembre 2015",
    "en": "Observer since Sept. 29, 2014, until Sept. 29, 2015",
}
ENDED = {
    "fr": "Observateur depuis le 29 septembre 2014 ; son année d'observation a pris fin le 29 septembre 2015",
    "en": "Observer since Sept. 29, 2014; its observer year ended on Sept. 29, 2015",
}


def status_text(html):
    return [text(p) for p in elements(html, "p") if "status" in p.get("class", "").split()]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_public_badges_say_until_when_the_observer_year_lasts(client, sos, language):
    with time_machine.travel(DURING_THE_YEAR, tick=False):
        profile = client.get(PROFILE_URLS[language]).content.decode()
        directory = client.get(DIRECTORY_URLS[language]).content.decode()
    assert DURING[language] in status_text(profile)
    assert DURING[language] in status_text(directory)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_public_badges_say_when_the_observer_year_ended(client, sos, language):
    with time_machine.travel(AFTER_THE_YEAR, tick=False):
        profile = client.get(PROFILE_URLS[language]).content.decode()
        directory = client.get(DIRECTORY_URLS[language]).content.decode()
    assert ENDED[language] in status_text(profile)
    assert ENDED[language] in status_text(directory)


@pytest.mark.parametrize(
    ("language", "former", "badge"),
    [("fr", "Anciens membres", "Ancien membre"), ("en", "Former members", "Former member")],
)
def test_former_members_are_listed_apart_and_keep_their_profile(client, content, language, former, badge):
    membership.end_membership(content.ecpat, datetime.date(2020, 1, 1))

    page = client.get(DIRECTORY_URLS[language]).content.decode()
    main_cards = elements(element(page, "ul", **{"class": "card-list card-list--grid"}), "article")
    assert "ECPAT France" not in " ".join(text(card) for card in main_cards)
    section = element(page, "section", **{"class": "former-members"})
    assert former in text(section) and "ECPAT France" in text(section) and badge in text(section)

    profile_url = PROFILE_URLS[language].replace("sos-esclaves", "ecpat-france")
    profile = client.get(profile_url)
    assert profile.status_code == 200
    assert any(status.startswith(badge) for status in status_text(profile.content.decode()))

    chosen = client.get(DIRECTORY_URLS[language], {"status": "left"}).content.decode()
    assert "ECPAT France" in chosen and "Comité contre l" not in chosen


DASHBOARD = {
    "fr": ("Votre année d'observation prend fin le 29 septembre 2015", "a pris fin le 29 septembre 2015"),
    "en": ("Your observer year ends on Sept. 29, 2015", "ended on Sept. 29, 2015"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_dashboard_tells_the_observer_when_its_year_ends_and_when_it_ended(client, sos, language):
    user = MembershipFactory(association=sos, user=UserFactory(username="sos@example.org")).user
    client.force_login(user)
    before, after = DASHBOARD[language]
    url = f"/{language}/extranet/"
    with time_machine.travel(DURING_THE_YEAR, tick=False):
        during = client.get(url).content.decode()
    with time_machine.travel(AFTER_THE_YEAR, tick=False):
        ended = client.get(url).content.decode()
    assert before in text(element(during, "p", **{"class": "notice observer-year"}))
    assert after in text(element(ended, "p", **{"class": "notice observer-year observer-year--ended"}))


# --- The demo content --------------------------------------------------------------------------------


@pytest.fixture
def demo_builder(locales):
    builder = DemoContentBuilder(today=datetime.date(2026, 12, 1), password="unused", log=lambda line: None)
    builder.load_topics()
    return builder


def test_the_demo_records_sos_esclaves_observer_year_and_keeps_a_later_admission(demo_builder):
    demo_builder.load_associations()
    sos = Association.objects.get(slug="sos-esclaves")
    assert (sos.status, sos.status_since, sos.status_until) == (MembershipStatus.OBSERVER, CONFIRMED, YEAR_END)
    assert periods(sos) == [(MembershipStatus.OBSERVER, CONFIRMED, None)]
    ccem = Association.objects.get(slug="ccem")
    assert periods(ccem) == [(MembershipStatus.MEMBER, None, None)]

    membership.admit(sos, datetime.date(2015, 10, 5))
    demo_builder.load_associations()  # loading the demo again

    sos = fresh(sos)
    assert (sos.status, sos.status_since) == (MembershipStatus.MEMBER, datetime.date(2015, 10, 5))
    assert len(periods(sos)) == 2
    assert StatusPeriod.objects.filter(association__slug="ccem").count() == 1


def test_each_row_of_the_admin_list_links_to_its_history(client, coordinator, observer):
    client.force_login(coordinator)
    page = client.get(reverse("wagtailsnippets_home_association:list")).content.decode()
    assert membership_url(observer) in page


@pytest.mark.parametrize(("language", "heading"), [("fr", "Périodes d'adhésion"), ("en", "Membership periods")])
def test_the_collective_menu_lists_every_period_read_only(client, coordinator, observer, language, heading):
    membership.admit(observer, YEAR_END, note_fr="Admise", note_en="Admitted")
    in_admin_language(coordinator, language)
    client.force_login(coordinator)

    response = client.get(reverse("wagtailsnippets_home_statusperiod:list"))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert heading in page
    assert ("Admise" if language == "fr" else "Admitted") in page
    assert reverse("wagtailsnippets_home_statusperiod:add") not in page
    assert client.get(reverse("wagtailsnippets_home_statusperiod:add")).status_code in (302, 403)
    period = membership.current_period(observer)
    assert client.get(reverse("wagtailsnippets_home_statusperiod:edit", args=[period.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_home_statusperiod:inspect", args=[period.pk])).status_code == 200
