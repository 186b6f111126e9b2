"""What visitors, members and coordinators do, in a real browser."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from home.models import Association, DeclarationPage

from ..factories import PASSWORD
from ..files import pdf_bytes
from .browser import confirmation_link, html_lang, log_in_to_the_admin, screenshot

pytestmark = pytest.mark.e2e


def follow(page, name: str) -> None:
    """Click the link called ``name`` and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("link", name=name).first.click()


def switch_language(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("navigation", name=re.compile("Choisir une langue|Choose a language")).get_by_role(
            "link", name=name
        ).click()


def log_in(page, email: str, language: str = "fr") -> None:
    page.goto("/fr/comptes/login/" if language == "fr" else "/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


def approve_from_dashboard(admin, title: str) -> None:
    """Approve the item called ``title`` from the "awaiting your review" panel of the admin dashboard."""
    admin.goto("/admin/")
    row = admin.locator("tr", has_text=title)
    row.get_by_role("button", name="Actions").click()
    with admin.expect_navigation():
        row.get_by_role("button", name="Approuver", exact=True).click()
    expect(admin.locator("tr", has_text=title)).to_have_count(0)


# --- The public ----------------------------------------------------------------------------


def test_a_visitor_browses_both_languages_and_switches_language_on_deep_pages(page, site):
    page.goto("/")
    assert page.url.endswith("/fr/") and html_lang(page) == "fr"

    sections = [
        ("Nos membres", "Comité contre l'esclavage moderne", None),
        ("Droit", "Convention du Conseil de l'Europe sur la lutte contre la traite", None),
        ("Actualités", "Réunion du collectif", "news-index"),
        ("Agenda", "Journée européenne", "events-index"),
        ("Déclarations", "Déclaration des Balkans", "declarations-index"),
    ]
    for section, item, name in sections:
        follow(page, section)
        expect(page.locator("h1")).to_have_text(section)
        if name:  # the other key pages are photographed by test_quality.py
            screenshot(page, name)
        follow(page, item)
        expect(page.locator("h1")).to_contain_text(item)
        page.goto("/fr/")

    # A legal resource, then the same page in English, and back.
    page.goto("/fr/droit/convention-varsovie/")
    switch_language(page, "English")
    assert page.url.endswith("/en/law/warsaw-convention/")
    assert html_lang(page) == "en"
    expect(page.locator("h1")).to_have_text("Council of Europe Convention on Action against Trafficking")
    switch_language(page, "Français")
    assert page.url.endswith("/fr/droit/convention-varsovie/") and html_lang(page) == "fr"

    # An association's profile (a route of the members page) keeps its slug across languages.
    page.goto("/fr/nos-membres/ccem/")
    expect(page.get_by_text("Description française de Comité contre l'esclavage moderne")).to_be_visible()
    switch_language(page, "English")
    assert page.url.endswith("/en/our-members/ccem/") and html_lang(page) == "en"
    expect(page.get_by_text("English description of Comité contre l'esclavage moderne")).to_be_visible()

    # The English site, from its home page.
    page.goto("/en/")
    for section, item, name in [
        ("Our members", "ECPAT France", None),
        ("Law", "Council of Europe Convention on Action against Trafficking", None),
        ("News", "Meeting of the collective", "news-index"),
        ("Events", "European day", "events-index"),
        ("Declarations", "Balkans declaration", "declarations-index"),
    ]:
        follow(page, section)
        assert html_lang(page) == "en"
        expect(page.locator("h1")).to_have_text(section)
        if name:  # the other key pages are photographed by test_quality.py
            screenshot(page, name)
        follow(page, item)
        expect(page.locator("h1")).to_contain_text(item)
        page.goto("/en/")


def test_a_filtered_library_can_be_shared_by_its_address(page, new_context, site):
    page.goto("/fr/droit/")
    expect(page.locator("#library-results-title")).to_contain_text("3 ressources")

    with page.expect_navigation():  # a facet submits the form when ticked
        page.get_by_label(re.compile("^Exploitation sexuelle")).check()
    expect(page.locator("#library-results-title")).to_contain_text("2 ressources")
    with page.expect_navigation():
        page.get_by_label(re.compile("^Rapport")).check()
    expect(page.locator("#library-results-title")).to_contain_text("1 ressource")
    page.get_by_label("Rechercher dans la bibliothèque").fill("mondial")
    with page.expect_navigation():
        page.get_by_label("Rechercher dans la bibliothèque").press("Enter")
    results = page.locator(".library__results h3")
    expect(results).to_have_text(["Rapport mondial sur la traite des personnes"])
    screenshot(page, "library-filtered")
    shared = page.url
    query = parse_qs(urlsplit(shared).query)
    assert query.pop("q") == ["mondial"] and len(query) >= 2, query  # the search and both facets

    other = new_context().new_page()  # somebody else, no cookie, no history
    other.goto(shared)
    expect(other.locator(".library__results h3")).to_have_text(["Rapport mondial sur la traite des personnes"])
    expect(other.get_by_label(re.compile("^Exploitation sexuelle"))).to_be_checked()
    expect(other.get_by_label("Rechercher dans la bibliothèque")).to_have_value("mondial")


def test_a_signature_counts_once_confirmed_from_the_email(page, site):
    page.goto("/en/declarations/balkans-declaration/")
    expect(page.locator(".signature-count__number")).to_have_text("0")
    form = page.locator("form.form--signature")
    form.get_by_role("textbox", name=re.compile("^First name")).fill("Ada")
    form.get_by_role("textbox", name=re.compile("^Last name")).fill("Lovelace")
    form.get_by_role("textbox", name=re.compile("^Email address")).fill("ada@example.org")
    form.get_by_role("combobox", name=re.compile("^Country")).select_option("GB")
    form.get_by_label(re.compile("^I agree")).check()
    with page.expect_navigation():
        form.get_by_role("button", name="Sign").click()
    expect(page.locator(".messages")).to_contain_text("email")
    expect(page.locator(".signature-count__number")).to_have_text("0")

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.org"]
    page.goto(confirmation_link(mail.outbox[0]))
    screenshot(page, "signature-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm my signature").click()
    expect(page.locator("h1")).to_have_text("Thank you: your signature is confirmed")
    follow(page, "Back to the declaration")
    expect(page.locator(".signature-count__number")).to_have_text("1")
    page.goto("/fr/declarations/declaration-balkans/")
    expect(page.locator(".signature-count__number")).to_have_text("1")


# --- Members and coordinators -----------------------------------------------------------------


def test_member_changes_reach_the_public_once_a_coordinator_approves_them(page, new_context, site):
    log_in(page, "ccem@example.org")
    expect(page.locator("h1")).to_have_text("Tableau de bord")

    # The profile, French and English side by side.
    follow(page, "Modifier notre fiche")
    page.get_by_label("Description (français)").fill("Le CCEM accompagne les victimes d'esclavage domestique.")
    page.get_by_label("Description (anglais)").fill("The CCEM supports victims of domestic slavery.")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer pour validation").click()
    expect(page.locator(".messages")).to_be_visible()

    # A yearly report, a real (tiny) PDF.
    page.goto("/fr/extranet/")
    follow(page, "Ajouter un rapport")
    page.get_by_label("Année").fill("2014")
    page.get_by_label("Titre (français)").fill("Rapport d'activité 2014")
    page.get_by_label("Titre (anglais)").fill("2014 activity report")
    page.get_by_role("radio", name="Public").check()
    page.get_by_label("Fichier").set_input_files(
        {"name": "rapport-2014.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Ajouter le rapport").click()
    expect(page.locator(".messages")).to_be_visible()

    # A declaration proposed for signature.
    page.goto("/fr/extranet/")
    follow(page, "Proposer une déclaration")
    page.get_by_label("Titre (français)").fill("Appel pour les mineurs exploités")
    page.get_by_label("Résumé (français)").fill("Protéger les mineurs victimes de la traite.")
    page.get_by_label("Texte (français)").fill("Nous demandons une protection immédiate.")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer pour validation").click()
    expect(page.get_by_text("Appel pour les mineurs exploités")).to_be_visible()

    # Nothing public yet.
    page.goto("/en/our-members/ccem/")
    expect(page.get_by_text("The CCEM supports victims of domestic slavery.")).to_have_count(0)

    # The coordinator logs in (password, then the authenticator app) and approves the three.
    admin = new_context().new_page()
    log_in_to_the_admin(admin, site.authenticator, PASSWORD)
    expect(admin.get_by_text("En attente de votre vérification")).to_be_visible()
    screenshot(admin, "admin-dashboard")
    approve_from_dashboard(admin, "Comité contre l'esclavage moderne")
    approve_from_dashboard(admin, "Rapport d'activité 2014")  # a public report is moderated too (finding 11)
    approve_from_dashboard(admin, "Appel pour les mineurs exploités")

    # The public sees the new profile in both languages, and the declaration.
    page.goto("/fr/nos-membres/ccem/")
    expect(page.get_by_text("Le CCEM accompagne les victimes d'esclavage domestique.")).to_be_visible()
    expect(page.get_by_text("Rapport d'activité 2014")).to_be_visible()
    page.goto("/en/our-members/ccem/")
    expect(page.get_by_text("The CCEM supports victims of domestic slavery.")).to_be_visible()
    expect(page.get_by_text("2014 activity report")).to_be_visible()
    screenshot(page, "association-approved")
    proposed = DeclarationPage.objects.get(title="Appel pour les mineurs exploités")
    assert proposed.live
    page.goto("/fr/declarations/")
    follow(page, "Appel pour les mineurs exploités")
    expect(page.locator("h1")).to_have_text("Appel pour les mineurs exploités")
    expect(page.get_by_text("Nous demandons une protection immédiate.")).to_be_visible()
    assert Association.objects.get(slug="ccem").description_en.startswith("<p>The CCEM supports")
