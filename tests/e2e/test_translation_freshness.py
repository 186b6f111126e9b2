"""A coordinator finds an out-of-date English translation from the admin, sees what changed, updates it."""

import pytest
from playwright.sync_api import expect

from ..factories import PASSWORD
from ..translations.conftest import localized, reword  # noqa: F401 (the fixture)
from .browser import log_in_to_the_admin, screenshot

pytestmark = pytest.mark.e2e

NEW_SECOND = "<p>Le collectif réunit trente associations.</p>"


def test_a_coordinator_brings_an_out_of_date_translation_up_to_date(page, new_context, site, localized):  # noqa: F811
    reword(localized.fr, 1, NEW_SECOND)
    english_url = localized.en.url
    page.goto(english_url)
    notice = page.locator(".notice--outdated")
    expect(notice).to_contain_text("The French version of this page was updated on")
    expect(notice.get_by_role("link", name="Read the French version.")).to_have_attribute("hreflang", "fr")

    admin = new_context().new_page()
    log_in_to_the_admin(admin, site.authenticator, PASSWORD)
    panel = admin.locator("#translation-summary-section")
    expect(panel).to_contain_text("1 pas à jour")
    with admin.expect_navigation():
        panel.get_by_role("link", name="1 pas à jour").click()

    row = admin.locator("tr.translation-status__row", has_text="Le collectif")
    expect(admin.locator("tr.translation-status__row")).to_have_count(1)
    changes = admin.locator("tr.translation-status__changes")
    changes.locator("summary").click()
    expect(changes.locator("del")).to_have_text("vingt-huit")
    expect(changes.locator("ins")).to_have_text("trente")
    screenshot(admin, "translation-status")

    with admin.expect_navigation():
        row.get_by_role("link", name="Ouvrir la traduction").click()
    banner = admin.locator("[data-translation-banner]")
    expect(banner).to_contain_text("Ce qui a changé dans la source")
    expect(banner.locator("ins")).to_have_text("trente")
    screenshot(admin, "translation-editor-banner")

    with admin.expect_navigation():
        banner.get_by_role("link", name="Synchroniser les pages traduites").click()
    preview = admin.locator(".translation-sync-preview")
    expect(preview).to_contain_text("The collective brings together twenty-eight associations.")
    with admin.expect_navigation():
        admin.locator("input[type=submit]").click()

    # Back in the editor: the changed text waits for its translation, the previous English is kept.
    admin.goto(f"/admin/pages/{localized.en.pk}/edit/")
    banner = admin.locator("[data-translation-banner]")
    expect(banner).to_contain_text("The collective brings together twenty-eight associations.")
    segment = admin.locator("li", has_text="Le collectif réunit trente associations.").last
    segment.get_by_role("button", name="Traduire").click()
    segment.locator("textarea").fill("The collective brings together thirty associations.")
    segment.get_by_role("button", name="Enregistrer").click()
    expect(segment).to_contain_text("The collective brings together thirty associations.")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Publier").first.click()

    page.goto(english_url)
    expect(page.get_by_text("The collective brings together thirty associations.")).to_be_visible()
    expect(page.locator(".notice--outdated")).to_have_count(0)
