"""Everything works with the keyboard alone, and the focus can always be seen."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect
from wagtail.models import TaskState, WorkflowState

from extranet.models import DeclarationProposal
from extranet.services import declarations, profiles
from home.models import Association, AssociationReport, DeclarationPage, ReportVisibility, Signature, SignatureStatus

from ..factories import PASSWORD
from ..files import pdf_bytes
from .browser import confirmation_link, focus_is_visible, html_lang, tab_to, totp_code

pytestmark = pytest.mark.e2e


def focused(page, selector: str) -> bool:
    return page.evaluate("(selector) => document.activeElement.matches(selector)", selector)


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page, site):
    page.goto("/fr/declarations/declaration-balkans/")
    page.keyboard.press("Tab")
    assert focused(page, "a.skip-link") and focus_is_visible(page)
    # It slides into view (a short transition): wait for it to be entirely on screen.
    page.wait_for_function("() => document.querySelector('a.skip-link').getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert focused(page, "main#main")
    page.keyboard.press("Tab")  # the next stop is inside the content, not back in the header
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_the_mobile_menu_opens_and_closes_with_the_keyboard(new_context, site):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto("/fr/")
    toggle = page.locator(".nav-toggle")
    expect(page.locator("#main-nav")).to_be_hidden()
    tab_to(page, ".nav-toggle")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Droit")).to_be_visible()
    tab_to(page, "#main-nav a")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert focused(page, ".nav-toggle")
    expect(page.locator("#main-nav")).to_be_hidden()

    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    tab_to(page, "#main-nav a[href$='/droit/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Droit")


def test_the_library_filters_work_with_the_keyboard_on_a_phone(new_context, site):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto("/fr/droit/")
    expect(page.locator("#library-results-title")).to_contain_text("3 ressources")
    # The results come first: the filters are folded behind their control.
    expect(page.locator("[data-facets] input[value='exploitation-sexuelle']")).to_be_hidden()
    expect(page.locator(".library__results h3").first).to_be_in_viewport()
    tab_to(page, "summary.facets__summary")
    page.keyboard.press("Enter")  # the filters unfold
    expect(page.locator("[data-facets]")).to_have_attribute("open", "")
    tab_to(page, "[data-facets] input[value='exploitation-sexuelle']")
    page.keyboard.press("Space")  # on a phone, filters are chosen together, then applied
    expect(page.locator("[data-facets] input[value='exploitation-sexuelle']")).to_be_checked()
    assert "topic" not in page.url
    tab_to(page, "[data-facets] .facets__actions button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#library-results-title")).to_contain_text("2 ressources")
    assert "topic=exploitation-sexuelle" in page.url
    # After the reload, the results again come first, under "Filters (1 active)", which has the focus.
    expect(page.locator("[data-facets]")).not_to_have_attribute("open", "")
    expect(page.locator("summary.facets__summary")).to_contain_text("1 actif")
    assert focused(page, "summary.facets__summary") and focus_is_visible(page)
    expect(page.locator(".library__results h3").first).to_be_in_viewport()

    tab_to(page, "#library-q", backwards=True)
    page.keyboard.type("mondial")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".library__results h3")).to_have_text(["Rapport mondial sur la traite des personnes"])
    assert "q=mondial" in page.url and "topic=exploitation-sexuelle" in page.url


@pytest.mark.parametrize(
    ("french", "english", "english_text"),
    [
        (
            "/fr/droit/convention-varsovie/",
            "/en/law/warsaw-convention/",
            "Council of Europe Convention on Action against Trafficking",
        ),
        ("/fr/nos-membres/ccem/", "/en/our-members/ccem/", "English description of Comité contre l'esclavage moderne"),
    ],
    ids=["legal-resource", "association-profile"],
)
def test_the_language_is_switched_on_a_deep_page_with_the_keyboard(page, site, french, english, english_text):
    page.goto(french)
    tab_to(page, ".lang-switcher a[hreflang='en']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(english) and html_lang(page) == "en"
    expect(page.locator("main")).to_contain_text(english_text)
    # And back to French, from the top of the English page.
    tab_to(page, ".lang-switcher a[hreflang='fr']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(french) and html_lang(page) == "fr"


def test_a_declaration_is_signed_and_confirmed_with_the_keyboard(page, site):
    page.goto("/fr/declarations/declaration-balkans/")
    tab_to(page, "#id_first_name")
    page.keyboard.type("Ada")
    page.keyboard.press("Tab")
    page.keyboard.type("Lovelace")
    page.keyboard.press("Tab")
    page.keyboard.type("ada@example.org")
    tab_to(page, "#id_country")
    page.keyboard.type("France")  # a closed select picks the option typed
    expect(page.locator("#id_country")).to_have_value("FR")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    tab_to(page, "form.form--signature button[type=submit]")  # never through the honeypot
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("e-mail")
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    expect(page.locator(".signature-count__number")).to_have_text("0")

    # The link of the email, then the button that confirms: Space this time.
    page.goto(confirmation_link(mail.outbox[0]))
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert Signature.objects.get(email="ada@example.org").status == SignatureStatus.CONFIRMED
    tab_to(page, "main a.link-back")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/fr/declarations/declaration-balkans/")
    expect(page.locator(".signature-count__number")).to_have_text("1")


def test_a_member_logs_in_and_sends_the_profile_with_the_keyboard(page, site):
    log_in_with_the_keyboard(page, "ccem@example.org")
    expect(page.locator("h1")).to_have_text("Tableau de bord")

    tab_to(page, "a[href$='/associations/ccem/profile/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#id_summary_en")
    page.keyboard.press("Control+A")
    page.keyboard.type("Sent with the keyboard.")
    tab_to(page, "main form button[type=submit]")  # every field on the way shows its focus
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_be_visible()
    association = Association.objects.get(slug="ccem")
    assert association.latest_revision.as_object().summary_en == "Sent with the keyboard."
    assert association.summary_en != "Sent with the keyboard."  # public once approved only
    assert re.search(r"/extranet/$", page.url)


def log_in_with_the_keyboard(page, email: str) -> None:
    page.goto("/fr/comptes/login/")
    tab_to(page, "input[name=login]")
    page.keyboard.type(email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_member_uploads_a_report_and_proposes_a_declaration_with_the_keyboard(page, site):
    # Playwright starts intercepting file choosers asynchronously once a page has a listener:
    # listen from the start, not just before the key press, or the chooser may open unseen.
    page.on("filechooser", lambda chooser: None)
    log_in_with_the_keyboard(page, "ccem@example.org")
    expect(page.locator("h1")).to_have_text("Tableau de bord")

    # A yearly report: the radio buttons with the arrow keys, the file chooser opened with Space.
    tab_to(page, "a[href$='/associations/ccem/reports/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#id_year")
    page.keyboard.type("2014")
    tab_to(page, "#id_title_fr")
    page.keyboard.type("Rapport d'activité 2014")
    tab_to(page, "input[name=visibility]:checked")  # one stop for the group, on its choice
    expect(page.locator("input[name=visibility][value=public]")).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(page.locator("input[name=visibility][value=members]")).to_be_checked()
    assert focus_is_visible(page)
    tab_to(page, "#id_file")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files({"name": "rapport-2014.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()})
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Le rapport a été ajouté.")
    report = AssociationReport.objects.get(association__slug="ccem")
    assert (report.year, report.title_fr, report.visibility) == (
        2014,
        "Rapport d'activité 2014",
        ReportVisibility.MEMBERS,
    )
    assert report.document.file.read().startswith(b"%PDF")

    # A declaration proposed for signature, back from the dashboard.
    tab_to(page, "a[href$='/associations/ccem/declarations/propose/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#id_title_fr")
    page.keyboard.type("Appel pour les mineurs exploités")
    page.keyboard.press("Tab")
    page.keyboard.type("Protéger les mineurs victimes de la traite.")
    page.keyboard.press("Tab")
    page.keyboard.type("Nous demandons une protection immédiate.")
    page.keyboard.press("Enter")  # a new paragraph: Enter stays in the text area
    page.keyboard.press("Enter")
    page.keyboard.type("Et un suivi.")
    tab_to(page, "#id_title_en")
    page.keyboard.type("Call for exploited minors")
    tab_to(page, "#id_summary_en")  # the English version is all or nothing, paragraph for paragraph
    page.keyboard.type("Protecting minors who are victims of trafficking.")
    tab_to(page, "#id_text_en")
    page.keyboard.type("We call for immediate protection.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("And for follow-up.")
    tab_to(page, "main form button[type=submit]")  # through the document and the link, left empty
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("transmise à la coordination")
    expect(page.locator("main")).to_contain_text("Appel pour les mineurs exploités")
    proposal = DeclarationProposal.objects.get(association__slug="ccem")
    assert (proposal.title, proposal.title_en) == ("Appel pour les mineurs exploités", "Call for exploited minors")
    assert not proposal.page.live
    assert proposal.page.current_workflow_state.status == "in_progress"
    assert "Et un suivi." in str(proposal.page.body)


def approve_with_the_keyboard(admin, edit_url: str, *, comment: str = "") -> None:
    """In the "Awaiting your review" panel of the admin dashboard, open the "Actions" menu of the row
    whose title links to ``edit_url`` and choose "Approve", or "Approve with comment" and send
    ``comment`` from its dialog."""
    row = f"#awaiting-review-content tr:has(a[href='{edit_url}'])"
    tab_to(admin, f"{row} .w-dropdown__toggle")
    admin.keyboard.press("Enter")
    expect(admin.locator(f"{row} .w-dropdown__toggle")).to_have_attribute("aria-expanded", "true")
    assert focus_is_visible(admin)
    approve = f"{row} button[data-workflow-action-url*='/approve/']"  # the menu follows its toggle
    if not comment:
        tab_to(admin, f"{approve}:not([data-launch-modal])")
        with admin.expect_navigation():
            admin.keyboard.press("Enter")
        return
    tab_to(admin, f"{approve}[data-launch-modal]")
    admin.keyboard.press("Space")
    # The dialog takes the focus once loaded; Tab goes to its close button, then its field.
    admin.wait_for_function("() => document.querySelector('.modal.in')?.contains(document.activeElement)")
    assert focus_is_visible(admin)
    tab_to(admin, ".modal textarea[name=comment]", max_presses=5)
    admin.keyboard.type(comment)
    tab_to(admin, ".modal button[type=submit]", max_presses=2)
    with admin.expect_navigation():
        admin.keyboard.press("Enter")


def test_a_coordinator_approves_the_members_changes_with_the_keyboard(page, site):
    # What members send with the keyboard is tested above: here it is sent directly.
    association = Association.objects.get(slug="ccem")
    association.description_en = "<p>The CCEM supports victims of domestic slavery.</p>"
    profiles.submit_profile(association=association, user=site.member)
    proposal = declarations.propose_declaration(
        association=association,
        author=site.member,
        texts=declarations.ProposedTexts(
            title_fr="Appel pour les mineurs exploités",
            summary_fr="Protéger les mineurs victimes de la traite.",
            text_fr="Nous demandons une protection immédiate.",
        ),
    )
    declaration = proposal.page

    # Password, then the code of the authenticator app.
    page.goto("/admin/")
    tab_to(page, "input[name=login]")
    page.keyboard.type("coordination@example.org")
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "input[name=code]")
    page.keyboard.type(totp_code(site.authenticator))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#awaiting-review-content tbody tr")).to_have_count(2)

    approve_with_the_keyboard(page, f"/admin/snippets/home/association/edit/{association.pk}/")
    expect(page.locator("#awaiting-review-content tbody tr")).to_have_count(1)
    assert Association.objects.get(pk=association.pk).description_en == association.description_en

    approve_with_the_keyboard(page, f"/admin/pages/{declaration.pk}/edit/", comment="Relu, merci.")
    expect(page.locator("#awaiting-review-content")).to_have_count(0)  # nothing left to review
    declaration = DeclarationPage.objects.get(pk=declaration.pk)
    assert declaration.live
    workflow_state = WorkflowState.objects.for_instance(declaration).get()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert TaskState.objects.get(workflow_state=workflow_state).comment == "Relu, merci."

    # The public sees both.
    page.goto("/en/our-members/ccem/")
    expect(page.get_by_text("The CCEM supports victims of domestic slavery.")).to_be_visible()
    page.goto(declaration.url)
    expect(page.locator("h1")).to_have_text("Appel pour les mineurs exploités")
