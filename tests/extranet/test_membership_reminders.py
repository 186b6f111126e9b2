"""The daily reminders of an observer year's end: one month before and on the day, each sent once.

To the coordinators and to the association's users, each in their own language; missed days are
caught up; nothing for members, nothing once the association is admitted; an extended year has its own.
"""

import datetime
import io

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from wagtail.users.models import UserProfile

from extranet.models import MembershipReminder
from extranet.services import reminders
from home.directory import membership
from home.models import Association, CollectiveSettings

from ..factories import AssociationFactory, MembershipFactory, UserFactory

CONFIRMED = datetime.date(2014, 9, 29)
YEAR_END = datetime.date(2015, 9, 29)
MONTH_BEFORE = datetime.date(2015, 8, 29)


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def observer(locales):
    association = AssociationFactory(name="SOS Esclaves", slug="sos-esclaves")
    membership.start_observer_year(association, CONFIRMED)
    return Association.objects.get(pk=association.pk)


@pytest.fixture
def people(observer, coordinator):
    french = MembershipFactory(association=observer, user=UserFactory(username="sos-fr@example.org")).user
    english = MembershipFactory(association=observer, user=UserFactory(username="sos-en@example.org")).user
    prefer(french, "fr")
    prefer(english, "en")
    prefer(coordinator, "en")
    other = MembershipFactory(user=UserFactory(username="autre@example.org")).user  # another association's user
    return {"french": french, "english": english, "coordinator": coordinator, "other": other}


def run(day):
    """The daily command, as cron starts it, on ``day`` (the clock frozen at 06:00 that day)."""
    mail.outbox.clear()
    moment = datetime.datetime.combine(day, datetime.time(6), tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        call_command("send_membership_reminders", stdout=io.StringIO())
    return {message.to[0]: message for message in mail.outbox}


def kinds(association):
    return sorted(
        (r.kind, r.for_date) for r in MembershipReminder.objects.filter(association=association).order_by("kind")
    )


@pytest.mark.parametrize(
    ("end", "reminder"),
    [
        (YEAR_END, MONTH_BEFORE),
        (datetime.date(2016, 3, 31), datetime.date(2016, 2, 29)),
        (datetime.date(2015, 3, 31), datetime.date(2015, 2, 28)),
        (datetime.date(2015, 1, 15), datetime.date(2014, 12, 15)),
    ],
)
def test_one_month_before(end, reminder):
    assert reminders.one_month_before(end) == reminder


def test_nothing_before_the_month_then_each_reminder_once_on_its_day(observer, people):
    assert run(MONTH_BEFORE - datetime.timedelta(days=1)) == {}

    sent = run(MONTH_BEFORE)
    assert set(sent) == {"sos-fr@example.org", "sos-en@example.org", "coordination@example.org"}
    assert kinds(observer) == [("month_before", YEAR_END)]
    assert run(MONTH_BEFORE) == {}  # run again the same day
    assert run(MONTH_BEFORE + datetime.timedelta(days=1)) == {}
    assert run(YEAR_END - datetime.timedelta(days=1)) == {}

    sent = run(YEAR_END)
    assert set(sent) == {"sos-fr@example.org", "sos-en@example.org", "coordination@example.org"}
    assert kinds(observer) == [("month_before", YEAR_END), ("on_the_day", YEAR_END)]
    assert run(YEAR_END) == {}
    assert run(YEAR_END + datetime.timedelta(days=10)) == {}
    assert MembershipReminder.objects.get(association=observer, kind="on_the_day").recipients == 3


def test_each_recipient_reads_the_reminder_in_their_language(observer, people):
    month = run(MONTH_BEFORE)
    french, english = month["sos-fr@example.org"], month["sos-en@example.org"]
    assert "l'année d'observation prend fin le 29 septembre 2015" in french.subject
    assert "Bonjour," in french.body and "ne vote pas et ne représente pas le collectif" in french.body
    assert "/fr/extranet/" in french.body and "Sept." not in french.body
    assert "the observer year ends on Sept. 29, 2015" in english.subject
    assert "Hello," in english.body and "does not vote and does not represent the collective" in english.body
    assert "/en/extranet/" in english.body and "septembre" not in english.body

    coordination = month["coordination@example.org"]  # an English-speaking coordinator
    assert "Prepare the ballot" in coordination.body
    assert f"/admin/snippets/home/association/membership/{observer.pk}/" in coordination.body
    assert coordination.body.count(settings.SITE_URL.rstrip("/")) == 1

    day = run(YEAR_END)
    assert "l'année d'observation a pris fin" in day["sos-fr@example.org"].subject
    assert "Son année d'observation a pris fin le 29 septembre 2015" in day["sos-fr@example.org"].body
    assert "the observer year has ended" in day["sos-en@example.org"].subject
    assert "Open the ballot" in day["coordination@example.org"].body


def test_a_missed_day_is_caught_up_once(observer, people):
    sent = run(MONTH_BEFORE + datetime.timedelta(days=3))  # the cron did not run for three days
    assert len(sent) == 3 and all("29 septembre 2015" in m.subject or "Sept. 29" in m.subject for m in sent.values())
    assert kinds(observer) == [("month_before", YEAR_END)]
    assert run(MONTH_BEFORE + datetime.timedelta(days=4)) == {}

    assert len(run(YEAR_END + datetime.timedelta(days=2))) == 3  # the day itself was missed
    assert kinds(observer) == [("month_before", YEAR_END), ("on_the_day", YEAR_END)]
    assert run(YEAR_END + datetime.timedelta(days=3)) == {}


def test_the_month_before_is_not_sent_once_the_year_has_ended(observer, people):
    sent = run(YEAR_END + datetime.timedelta(days=1))
    assert kinds(observer) == [("on_the_day", YEAR_END)]
    assert all("a pris fin" in m.subject or "has ended" in m.subject for m in sent.values())


def test_no_reminder_for_members_nor_other_associations(observer, people):
    member = AssociationFactory(status="member", status_since=CONFIRMED)
    member_user = MembershipFactory(association=member, user=UserFactory(username="membre@example.org")).user
    sent = run(YEAR_END)
    assert "membre@example.org" not in sent and "autre@example.org" not in sent
    assert kinds(member) == []
    assert member_user.email == "membre@example.org"


def test_no_reminder_once_the_association_is_admitted(observer, people):
    run(MONTH_BEFORE)
    membership.admit(observer, datetime.date(2015, 9, 1))
    assert run(YEAR_END) == {}
    assert run(YEAR_END + datetime.timedelta(days=5)) == {}
    assert kinds(observer) == [("month_before", YEAR_END)]


def test_an_extended_observer_year_gets_its_own_reminders(observer, people):
    run(MONTH_BEFORE)
    run(YEAR_END)
    membership.extend_observer_year(observer, datetime.date(2016, 3, 31))

    assert run(datetime.date(2016, 2, 28)) == {}
    assert len(run(datetime.date(2016, 2, 29))) == 3
    assert len(run(datetime.date(2016, 3, 31))) == 3
    assert kinds(observer) == [
        ("month_before", YEAR_END),
        ("month_before", datetime.date(2016, 3, 31)),
        ("on_the_day", YEAR_END),
        ("on_the_day", datetime.date(2016, 3, 31)),
    ]


def test_the_coordination_address_is_written_to_when_no_coordinator_has_it(observer, people):
    collective = CollectiveSettings.load()
    collective.coordination_email = "secretariat@example.org"
    collective.save()

    sent = run(MONTH_BEFORE)

    assert set(sent) == {
        "sos-fr@example.org",
        "sos-en@example.org",
        "coordination@example.org",
        "secretariat@example.org",
    }
    assert "septembre" in sent["secretariat@example.org"].subject  # no account: the site's default language


def test_the_command_reports_what_it_sent_and_takes_a_date(observer, people):
    out = io.StringIO()
    call_command("send_membership_reminders", "--date", "2015-08-29", stdout=out)
    assert "sos-esclaves: month_before (observer year ends on 2015-09-29), 3 email(s)" in out.getvalue()
    assert "1 reminder(s) sent." in out.getvalue()


def test_the_command_is_in_the_readme_scheduled_tasks():
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert ".venv/bin/python manage.py send_membership_reminders" in readme  # the cron list
    assert "ExecStart=-/srv/contrelatraite/.venv/bin/python manage.py send_membership_reminders" in readme
