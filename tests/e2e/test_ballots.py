"""An admission ballot, in a real browser: the coordinator opens it, two members vote, the observer sees why it
cannot, the ballot closes and SOS Esclaves is a member on the public directory."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from extranet.models import Ballot
from home.models import MembershipStatus

from ..factories import PASSWORD, MembershipFactory, UserFactory
from .browser import log_in_to_the_admin, screenshot
from .test_flows import log_in

pytestmark = pytest.mark.e2e


def admin_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_an_admission_ballot_from_the_admin_to_the_public_directory(page, new_context, site):
    content = site.content
    MembershipFactory(association=content.ecpat, user=UserFactory(username="ecpat@example.org"))
    MembershipFactory(association=content.sos, user=UserFactory(username="sos-esclaves@example.org"))
    now = timezone.now()

    # The coordinator opens the ballot in the admin.
    admin = new_context().new_page()
    log_in_to_the_admin(admin, site.authenticator, PASSWORD)
    admin.goto("/admin/snippets/extranet/ballot/add/")
    admin.get_by_label("Question (français)").fill("Admettre SOS Esclaves comme membre du collectif ?")
    admin.get_by_label("Question (anglais)").fill("Admit SOS Esclaves as a member of the collective?")
    admin.get_by_label("Ouverture").fill(admin_time(now - datetime.timedelta(minutes=5)))
    admin.get_by_label("Clôture").fill(admin_time(now + datetime.timedelta(days=7)))
    admin.keyboard.press("Escape")  # the date picker
    admin.locator("#id_concerned_association-chooser [data-chooser-action-choose]").first.click()
    admin.locator(".modal").get_by_role("link", name=re.compile("SOS Esclaves")).click()
    expect(admin.locator("#id_concerned_association-chooser [data-chooser-title]")).to_contain_text("SOS Esclaves")
    admin.get_by_label("ou la prolonger de (mois)").fill("6")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Enregistrer").first.click()
    ballot = Ballot.objects.get()
    assert ballot.concerned_association == content.sos
    assert set(ballot.choices.values_list("code", flat=True)) == {"yes", "no", "abstain"}
    expect(admin.get_by_text("Résultats cachés jusqu'à la clôture")).to_be_visible()

    # Two member associations vote.
    for email in ("ccem@example.org", "ecpat@example.org"):
        member = new_context().new_page()
        log_in(member, email)
        expect(member.get_by_role("heading", name="Scrutins ouverts")).to_be_visible()
        with member.expect_navigation():
            member.get_by_role("link", name="Admettre SOS Esclaves comme membre du collectif ?").click()
        member.get_by_role("radio", name="Oui").check()
        with member.expect_navigation():
            member.get_by_role("button", name=re.compile("^Voter pour")).click()
        expect(member.get_by_text("Votre association a voté ; vous pouvez modifier son vote")).to_be_visible()
        expect(member.locator(".ballot-result")).to_have_count(0)

    # The observer sees why it does not vote, and no button.
    log_in(page, "sos-esclaves@example.org", "en")
    page.goto(f"/en/extranet/ballots/{ballot.pk}/")
    expect(page.get_by_text("do not vote during their observer year")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Vote for"))).to_have_count(0)
    screenshot(page, "ballot-observer")

    # The closing time comes: the first reader closes the ballot, the result is shown and applied.
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    page.reload()
    expect(page.locator(".ballot-result")).to_be_visible()
    expect(page.get_by_text("Adopted", exact=True)).to_be_visible()
    expect(page.get_by_text("Turnout: 2 of 2 eligible associations (quorum: 1).")).to_be_visible()
    screenshot(page, "ballot-result")
    content.sos.refresh_from_db()
    assert content.sos.status == MembershipStatus.MEMBER
    page.goto("/fr/nos-membres/sos-esclaves/")
    expect(page.locator(".profile__header .status")).to_contain_text("Membre depuis")
