"""Links between legal texts: shown on both ends with their reverse wording, in the reader's language; the
legal status and the date of entry into force; editing them (and identifiers) in the admin; the demo's links."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from home.demo.specs import demo_uuid
from home.models import LegalIdentifier, LegalResourcePage, LegalStatus, RelationKind, ResourceRelation

from ..factories import LegalResourcePageFactory
from ..html import element, elements, html_lang, text


def publish(page, **fields):
    page = LegalResourcePage.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return LegalResourcePage.objects.get(pk=page.pk)


@pytest.fixture
def texts(site_tree, translate):
    """Directive 2011/36 and the directive that amends it, both in French and English; a French law that
    transposes 2011/36, in French only."""
    library = site_tree.fr.library
    directive = LegalResourcePageFactory(
        parent=library,
        title="Directive 2011/36/UE",
        legal_status=LegalStatus.AMENDED,
        entry_into_force=datetime.date(2011, 4, 15),
    )
    amending = LegalResourcePageFactory(parent=library, title="Directive (UE) 2024/1712")
    amending = publish(amending, relations=[ResourceRelation(kind=RelationKind.AMENDS, target=directive)])
    law = LegalResourcePageFactory(parent=library, title="Loi n° 2013-711 du 5 août 2013")
    law = publish(law, relations=[ResourceRelation(kind=RelationKind.TRANSPOSES, target=directive)])
    return SimpleNamespace(
        directive=directive,
        directive_en=translate(directive, site_tree.en.locale, title="Directive 2011/36/EU", slug="directive-2011-36"),
        amending=amending,
        # A translation keeps its source's rows: its relation points to the French directive.
        amending_en=translate(amending, site_tree.en.locale, title="Directive (EU) 2024/1712", slug="eu-2024-1712"),
        law=law,
    )


def relation_rows(html) -> dict[str, list]:
    """The links between texts of a resource page's details: {wording: [(title, href, lang), …]}."""
    details = element(html, "section", **{"aria-labelledby": "resource-details"})
    found = {}
    for row in elements(details, "div", class_="relation"):
        found[text(element(row, "dt"))] = [(text(a), a["href"], a.get("lang")) for a in elements(row, "a")]
    return found


def test_a_relation_is_shown_on_both_ends_in_both_languages(client, texts):
    assert texts.amending_en.relations.get().target_id == texts.directive.pk

    assert relation_rows(client.get(texts.amending.url).text) == {
        "Modifie": [("Directive 2011/36/UE", texts.directive.url, None)]
    }
    english = client.get(texts.amending_en.url).text
    assert html_lang(english) == "en"
    assert relation_rows(english) == {"Amends": [("Directive 2011/36/EU", texts.directive_en.url, None)]}

    assert relation_rows(client.get(texts.directive.url).text) == {
        "Modifié par": [("Directive (UE) 2024/1712", texts.amending.url, None)],
        "Transposé par": [("Loi n° 2013-711 du 5 août 2013", texts.law.url, None)],
    }
    # The law has no English page: shown in French, and said so.
    english = client.get(texts.directive_en.url).text
    assert relation_rows(english) == {
        "Amended by": [("Directive (EU) 2024/1712", texts.amending_en.url, None)],
        "Transposed by": [("Loi n° 2013-711 du 5 août 2013", texts.law.url, "fr")],
    }
    row = element(element(english, "div", class_="relation--transposes"), "dd")
    assert "(in French only)" in text(row)


def test_a_text_not_published_is_not_shown(client, texts):
    Page.objects.get(pk=texts.law.pk).unpublish()

    assert "Transposé par" not in relation_rows(client.get(texts.directive.url).text)


def test_the_legal_status_and_the_entry_into_force_are_in_the_details(client, texts, site_tree):
    def details(page):
        section = element(client.get(page.url).text, "section", **{"aria-labelledby": "resource-details"})
        return {text(element(div, "dt")): text(element(div, "dd")) for div in elements(section, "div")}

    french = details(texts.directive)
    assert (french["Statut juridique"], french["Entrée en vigueur"]) == ("En vigueur, modifié", "15 avril 2011")
    english = details(texts.directive_en)
    assert (english["Legal status"], english["Entry into force"]) == ("In force, amended", "April 15, 2011")
    assert "Statut juridique" not in details(texts.law)  # empty: not shown


def test_a_repealed_text_has_a_badge_on_its_library_card(client, texts, site_tree):
    publish(texts.law, legal_status=LegalStatus.REPEALED)

    html = client.get(site_tree.fr.library.url).text

    cards = {text(element(card, "h3")): card for card in elements(html, "article", class_="card--resource")}
    assert [text(b) for b in elements(cards["Loi n° 2013-711 du 5 août 2013"], "span", class_="badge--status")] == [
        "Abrogé"
    ]
    assert not elements(cards["Directive 2011/36/UE"], "span", class_="badge--status")  # amended, still in force


def test_the_relations_cost_the_same_queries_whatever_their_number(client, texts, site_tree, full_rendering):
    def queries(page):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
        assert response.status_code == 200
        return len(captured)

    client.get(texts.directive_en.url)  # the first rendering of a generation reads what all pages share
    few = queries(texts.directive_en)
    for n in range(6):
        other = LegalResourcePageFactory(parent=site_tree.fr.library, title=f"Rapport {n}")
        publish(other, relations=[ResourceRelation(kind=RelationKind.EVALUATES, target=texts.directive)])
    client.get(texts.directive_en.url)  # the first rendering after a change reads the new generation
    many = queries(texts.directive_en)

    assert len(relation_rows(client.get(texts.directive_en.url).text)["Evaluated by"]) == 6
    assert many == few


# --- the admin -------------------------------------------------------------------------------------


def form_data(html, form_id="page-edit-form") -> dict:
    """What the admin's page form would post as it is (its inputs, selects and text areas)."""
    form = next(found for found in elements(html, "form") if found.get("id") == form_id)
    data = {}
    for field in form.iter():
        name = field.get("name")
        if not name or "__prefix__" in name:
            continue
        if field.tag == "input":
            if field.get("type") in ("checkbox", "radio") and "checked" not in field:
                continue
            data[name] = field.get("value", "")
        elif field.tag == "select":
            selected = [option.get("value", "") for option in elements(field, "option") if "selected" in option]
            data[name] = selected[0] if selected else ""
        elif field.tag == "textarea":
            data[name] = text(field)
    data["documents-count"] = "0"  # the StreamField's inputs are written by its script
    data["action-publish"] = "action-publish"
    return data


def inline(data: dict, prefix: str, rows: list[dict]) -> dict:
    """Add ``rows`` to the inline panel ``prefix``, after those the page has."""
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(start + len(rows))
    for i, row in enumerate(rows, start):
        for name, value in {"id": "", "ORDER": str(i + 1), "DELETE": "", **row}.items():
            data[f"{prefix}-{i}-{name}"] = value
    return data


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(
        coordinator
    )  # the coordinator has an authenticator app (tests.factories.enrol_authenticator_app)
    return client


def test_an_identifier_and_a_relation_are_edited_in_the_admin(admin_client, texts):
    url = reverse("wagtailadmin_pages:edit", args=[texts.law.pk])
    data = form_data(admin_client.get(url).text)
    inline(data, "identifiers", [{"scheme": "text_number", "value": " Loi n°  2013-711 "}])
    inline(data, "relations", [{"kind": "transposes", "target": str(texts.directive_en.pk), "note": "Article 1er"}])

    response = admin_client.post(url, data)

    assert response.status_code == 302, text(element(response.text, "form"))[:2000]
    law = LegalResourcePage.objects.get(pk=texts.law.pk)
    assert law.live and not law.has_unpublished_changes
    assert [(i.scheme, i.value) for i in law.identifiers.all()] == [("text_number", "Loi n° 2013-711")]
    # (Compared as a set: the row the page had came without an order, which databases sort differently.)
    assert {(r.kind, r.target_id, r.note) for r in law.relations.all()} == {
        ("transposes", texts.directive.pk, ""),  # the relation the page had
        ("transposes", texts.directive_en.pk, "Article 1er"),  # a relation to the English page of a text
    }


def _errors(response) -> list[str]:
    return [text(found) for found in elements(response.text, class_="error-message")]


def test_a_wrong_identifier_is_refused_next_to_it_and_nothing_is_lost(admin_client, texts):
    url = reverse("wagtailadmin_pages:edit", args=[texts.amending.pk])
    data = form_data(admin_client.get(url).text)
    inline(data, "identifiers", [{"scheme": "celex", "value": "2024/1712"}])
    data["title"] = "Un titre changé"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    field = element(response.text, "input", name="identifiers-0-value")
    container = field.parent
    while container is not None and not elements(container, class_="error-message"):
        container = container.parent
    assert container is not None and container.tag != "form"  # the error is next to the field
    assert [text(found) for found in elements(container, class_="error-message")] == [
        "Un numéro CELEX est un chiffre de secteur, une année, une ou deux lettres et quatre chiffres, "
        "par exemple 32011L0036."
    ]
    assert element(response.text, "input", name="title")["value"] == "Un titre changé"  # what was typed stays
    assert LegalResourcePage.objects.get(pk=texts.amending.pk).title == "Directive (UE) 2024/1712"
    assert not LegalIdentifier.objects.filter(page=texts.amending).exists()


def test_a_text_cannot_be_linked_to_itself(admin_client, texts):
    url = reverse("wagtailadmin_pages:edit", args=[texts.law.pk])
    data = form_data(admin_client.get(url).text)
    inline(data, "relations", [{"kind": "amends", "target": str(texts.law.pk), "note": ""}])

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Un texte ne peut pas être lié à lui-même : choisissez un autre texte." in _errors(response)
    assert [r.target_id for r in LegalResourcePage.objects.get(pk=texts.law.pk).relations.all()] == [texts.directive.pk]


def test_a_translation_sync_keeps_the_identifiers_and_relations(texts, site_tree):
    french = publish(
        texts.law,
        identifiers=[LegalIdentifier(scheme="text_number", value="Loi n° 2013-711")],
        relations=[ResourceRelation(kind=RelationKind.TRANSPOSES, target=texts.directive)],
    )
    source, _ = TranslationSource.get_or_create_from_instance(french)
    Translation.objects.create(source=source, target_locale=site_tree.en.locale)
    english, _ = source.create_or_update_translation(site_tree.en.locale, publish=True, fallback=True)
    english = LegalResourcePage.objects.get(pk=english.pk)
    assert [(i.scheme, i.value) for i in english.identifiers.all()] == [("text_number", "Loi n° 2013-711")]

    # The French page gains a relation; the sync brings it to the English page.
    french = publish(
        french,
        relations=[
            ResourceRelation(kind=RelationKind.TRANSPOSES, target=texts.directive),
            ResourceRelation(kind=RelationKind.AMENDS, target=texts.amending),
        ],
    )
    source.update_from_db()
    source.create_or_update_translation(site_tree.en.locale, publish=True, fallback=True)

    english = LegalResourcePage.objects.get(pk=english.pk)
    assert [(r.kind, r.target_id) for r in english.relations.all()] == [
        ("transposes", texts.directive.pk),
        ("amends", texts.amending.pk),
    ]
    assert [(i.scheme, i.value) for i in english.identifiers.all()] == [("text_number", "Loi n° 2013-711")]


# --- the demo --------------------------------------------------------------------------------------


def test_the_demo_links_its_texts(client, db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def page(number, lang):
        return LegalResourcePage.objects.get(
            translation_key=demo_uuid("page", f"library/{number:02d}"), locale__language_code=lang
        )

    directive = client.get(page(3, "en").url).text
    rows = relation_rows(directive)
    assert [title for title, _href, _lang in rows["Amended by"]] == [page(4, "en").title]
    assert {title for title, _href, _lang in rows["Transposed by"]} == {page(18, "en").title, page(19, "en").title}
    details = text(element(directive, "section", **{"aria-labelledby": "resource-details"}))
    assert "In force, amended" in details
    greta = relation_rows(client.get(page(15, "fr").url).text)
    assert greta == {"Évalue": [(page(2, "fr").title, page(2, "fr").url, None)]}
    convention = client.get(page(2, "fr").url).text
    assert "Évalué par" in relation_rows(convention)
    assert "1 février 2008" in text(element(convention, "section", **{"aria-labelledby": "resource-details"}))
    assert relation_rows(client.get(page(11, "en").url).text) == {
        "Supplements": [(page(10, "en").title, page(10, "en").url, None)]
    }
    assert "Supplemented by" in relation_rows(client.get(page(8, "en").url).text)
    palermo = LegalResourcePage.objects.get(pk=page(1, "fr").pk)
    assert (palermo.legal_status, palermo.entry_into_force) == ("in_force", datetime.date(2003, 12, 25))
