"""Citing a legal resource: the formatted citation in the page's language, the citation_* meta tags
Zotero reads, the RIS / BibTeX / CSL-JSON downloads (parsed back), and the permalink."""

import datetime
import json
from types import SimpleNamespace

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.conf import settings
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from home.models import IdentifierScheme, LegalIdentifier, ResourceType

from ..factories import DocumentFactory, IssuingBodyFactory, LegalResourcePageFactory, root_collection
from ..html import elements, text

ACCESSED = timezone.localdate()


@pytest.fixture
def cited(site_tree, translate):
    """A directive in French and English with its identifiers and a PDF, and a model law dated by its year."""
    eu = IssuingBodyFactory(slug="union-europeenne", acronym="UE", name_fr="Union européenne", name_en="European Union")
    unodc = IssuingBodyFactory(slug="onudc", acronym="ONUDC", name_fr="ONUDC", name_en="UNODC")
    pdf = DocumentFactory(title="Texte de la directive")
    directive = LegalResourcePageFactory(
        parent=site_tree.fr.library,
        title="Directive 2011/36/UE concernant la prévention de la traite & la protection des victimes",
        slug="directive-2011-36",
        issuing_body=eu,
        resource_type=ResourceType.DIRECTIVE,
        date=datetime.date(2011, 4, 5),
        official_reference="Directive 2011/36/UE",
        external_url="https://eur-lex.europa.eu/eli/dir/2011/36/oj",
        documents=[("document", {"document": pdf, "title": "", "language": "fr"})],
        identifiers=[
            LegalIdentifier(scheme=IdentifierScheme.ELI, value="http://data.europa.eu/eli/dir/2011/36/oj"),
            LegalIdentifier(scheme=IdentifierScheme.CELEX, value="32011L0036"),
        ],
        languages=["fr", "en"],
    )
    directive_en = translate(
        directive,
        site_tree.en.locale,
        title="Directive 2011/36/EU on preventing and combating trafficking & protecting its victims",
        slug="directive-2011-36-eu",
        official_reference="Directive 2011/36/EU",
    )
    model_law = LegalResourcePageFactory(
        parent=site_tree.fr.library,
        title="Loi type contre la traite des personnes",
        issuing_body=unodc,
        resource_type=ResourceType.GUIDE,
        date=datetime.date(2009, 1, 1),
        date_precision="year",
        identifiers=[LegalIdentifier(scheme=IdentifierScheme.DOCUMENT_SYMBOL, value="V.09-81990")],
    )
    return SimpleNamespace(fr=directive, en=directive_en, year_only=model_law, pdf=pdf)


def _download(client, page, export):
    response = client.get(f"/{page.locale.language_code}/r/{page.pk}/citation.{export}")
    assert response.status_code == 200, (page, export)
    return response


@pytest.mark.parametrize("language", ["fr", "en"])
def test_ris_parses_back_to_the_same_title_date_and_identifier(client, cited, language):
    page = getattr(cited, language)
    response = _download(client, page, "ris")

    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.ris"')
    [entry] = rispy.loads(response.content.decode("utf-8"))
    assert entry["type_of_reference"] == "STAT"
    assert entry["title"] == page.title
    assert entry["authors"] == ["Union européenne" if language == "fr" else "European Union"]
    assert entry["date"] == "2011/04/05/"
    assert entry["year"] == "2011"
    assert entry["note"] == page.official_reference  # M1, the number
    assert "CELEX: 32011L0036" in entry["notes"]
    assert entry["urls"][0] == "https://eur-lex.europa.eu/eli/dir/2011/36/oj"
    assert entry["language"] == language
    assert entry["access_date"] == ACCESSED.strftime("%Y/%m/%d")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_bibtex_parses_back_to_the_same_title_date_and_identifier(client, cited, language):
    page = getattr(cited, language)
    response = _download(client, page, "bib")

    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"].endswith('.bib"')
    library = bibtexparser.parse_string(response.content.decode("utf-8"), append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    [entry] = library.entries
    fields = {field.key: field.value for field in entry.fields}
    assert fields["title"].strip("{}") == page.title  # "&" escaped as "\&" then decoded
    assert fields["author"].strip("{}") == ("Union européenne" if language == "fr" else "European Union")
    assert fields["date"] == "2011-04-05"
    assert fields["year"] == "2011"
    assert fields["number"] == page.official_reference
    assert "CELEX 32011L0036" in fields["note"]
    assert fields["url"] == "https://eur-lex.europa.eu/eli/dir/2011/36/oj"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_csl_json_parses_back_to_the_same_title_date_and_identifier(client, cited, language):
    page = getattr(cited, language)
    response = _download(client, page, "json")

    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    assert response["Content-Disposition"].endswith('.json"')
    [item] = json.loads(response.content.decode("utf-8"))
    assert item["type"] == "legislation"
    assert item["title"] == page.title
    assert item["issued"] == {"date-parts": [[2011, 4, 5]]}
    assert item["number"] == page.official_reference
    assert "CELEX: 32011L0036" in item["note"]
    assert item["language"] == language
    assert item["accessed"] == {"date-parts": [[ACCESSED.year, ACCESSED.month, ACCESSED.day]]}


def test_a_date_known_by_its_year_only_is_cited_by_its_year(client, cited):
    page = cited.year_only
    [ris] = rispy.loads(_download(client, page, "ris").content.decode())
    [csl] = json.loads(_download(client, page, "json").content)
    bib = bibtexparser.parse_string(_download(client, page, "bib").content.decode()).entries[0]

    assert (ris["year"], ris["date"]) == ("2009", "2009///")
    assert csl["issued"] == {"date-parts": [[2009]]}
    assert bib.fields_dict["date"].value == "2009" and "month" not in bib.fields_dict
    shown = text(elements(client.get(page.url).text, "p", class_="citation__text")[0])
    assert ", 2009. Disponible" in shown and "janvier" not in shown
    assert "V.09-81990" in shown  # no official reference: the identifier is quoted


def _meta(html) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in elements(html, "meta"):
        if meta.get("name"):
            found.setdefault(meta.get("name"), []).append(meta.get("content"))
    return found


def test_resource_page_shows_the_citation_and_the_meta_tags_zotero_reads(client, cited):
    fr = client.get(cited.fr.url).text
    en = client.get(cited.en.url).text

    meta = _meta(fr)
    assert meta["citation_title"] == [cited.fr.title]
    assert meta["citation_author"] == ["Union européenne"]
    assert meta["citation_publication_date"] == ["2011/04/05"]
    assert meta["citation_language"] == ["fr"]
    assert meta["citation_public_url"] == [f"{settings.SITE_URL}/fr/r/{cited.fr.pk}/"]
    assert meta["citation_pdf_url"] == [f"{settings.SITE_URL}{cited.pdf.url}"]
    assert _meta(en)["citation_author"] == ["European Union"]
    assert _meta(en)["citation_public_url"] == [f"{settings.SITE_URL}/en/r/{cited.en.pk}/"]

    french = text(elements(fr, "p", class_="citation__text")[0])
    assert french.startswith("Union européenne, « Directive 2011/36/UE concernant")
    assert "5 avril 2011. Disponible à l’adresse : https://eur-lex.europa.eu/eli/dir/2011/36/oj (consulté le " in french
    english = text(elements(en, "p", class_="citation__text")[0])
    assert english.startswith("European Union, “Directive 2011/36/EU on preventing")
    assert "5 April 2011. Available at: https://eur-lex.europa.eu/eli/dir/2011/36/oj (accessed " in english
    # The downloads, in each page's language.
    assert {f"/en/r/{cited.en.pk}/citation.{export}" for export in ("ris", "bib", "json")} <= {
        link.get("href") for link in elements(en, "a")
    }


def test_permalink_survives_a_change_of_slug_and_follows_the_language(client, cited):
    page = cited.fr
    page.slug = "directive-traite-2011"
    page.save_revision().publish()
    page.refresh_from_db()

    response = client.get(f"/fr/r/{page.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/droit/directive-traite-2011/"
    assert client.get(response["Location"]).status_code == 200
    # The French page's id in the English prefix: the English translation.
    assert client.get(f"/en/r/{page.pk}/")["Location"] == cited.en.url


def test_permalink_and_downloads_of_a_draft_or_private_resource_are_not_found(client, cited, site_tree):
    draft = LegalResourcePageFactory(parent=site_tree.fr.library, title="Projet de texte", publish=False)
    PageViewRestriction.objects.create(page=cited.fr, restriction_type=PageViewRestriction.LOGIN)

    for page in (draft, cited.fr):
        assert client.get(f"/fr/r/{page.pk}/").status_code == 404
        for export in ("ris", "bib", "json"):
            assert client.get(f"/fr/r/{page.pk}/citation.{export}").status_code == 404
    assert client.get(f"/fr/r/{cited.year_only.pk}/citation.ris").status_code == 200
    assert client.get(f"/fr/r/{cited.year_only.pk}/citation.pdf").status_code == 404


def test_a_pdf_in_a_private_collection_is_not_offered_to_zotero(client, cited):
    private = root_collection().add_child(name="Réservé aux membres")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    cited.pdf.collection = private
    cited.pdf.save()

    assert "citation_pdf_url" not in _meta(client.get(cited.fr.url).text)
