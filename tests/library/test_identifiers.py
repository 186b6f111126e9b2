"""Official identifiers of legal texts: each scheme's format (translated errors), the official links built
from them, and every demo resource reachable at its source."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from home.demo.specs import demo_uuid
from home.library import identifiers
from home.models import IdentifierScheme, LegalIdentifier, LegalResourcePage

from ..factories import LegalResourcePageFactory
from ..html import element, elements, hrefs, text

VALID = {
    "celex": ["32011L0036", "52012DC0286", "32011L0036R(01)"],
    "eli": ["http://data.europa.eu/eli/dir/2011/36/oj"],
    "cets": ["197"],
    "untc": ["XVIII-12-a", "IV-11"],
    "ilo": ["C029", "P029", "R203"],
    "ecli": ["ECLI:CE:ECHR:2005:0726JUD007331601"],
    "application": ["73316/01"],
    "nor": ["JUSX1306941L"],
    "jorf": ["JORFTEXT000027804775", "JORF n° 181 du 6 août 2013, texte n° 1"],
    "text_number": ["Loi n° 2013-711", "2013-711"],
    "symbol": ["PC.DEC/557", "GRETA(2012)16", "A/RES/55/25"],
}
INVALID = {
    "celex": ["2011/36", "32011L36"],
    "eli": ["dir/2011/36/oj", "https://eur-lex.europa.eu/legal-content/FR/TXT/"],
    "cets": ["CETS No. 197", "0"],
    "untc": ["18-12-a", "XVIII"],
    "ilo": ["29", "C29"],
    "ecli": ["CE:ECHR:2005:0726JUD007331601"],
    "application": ["73316", "73316/2001"],
    "nor": ["JUSX130694L", "JUSX13069411"],
    "jorf": ["181"],
    "text_number": ["Loi du 5 août 2013"],
    "symbol": ["greta", "PC.DEC"],
}


def test_every_scheme_has_a_format():
    assert set(identifiers.SCHEMES) == set(IdentifierScheme.values) == set(VALID) == set(INVALID)


@pytest.mark.parametrize(("scheme", "value"), [(s, v) for s, values in VALID.items() for v in values])
def test_valid_identifiers_pass(scheme, value):
    assert identifiers.format_error(scheme, identifiers.normalize(scheme, value)) is None


@pytest.mark.parametrize(("scheme", "value"), [(s, v) for s, values in INVALID.items() for v in values])
def test_invalid_identifiers_are_refused(scheme, value):
    assert identifiers.format_error(scheme, identifiers.normalize(scheme, value))


def test_the_value_is_tidied_before_it_is_checked():
    item = LegalIdentifier(scheme="celex", value="  32011l0036 ")
    item.clean()
    assert item.value == "32011L0036"
    item = LegalIdentifier(scheme="ecli", value="ecli:ce:echr:2005:0726jud007331601")
    item.clean()
    assert item.value == "ECLI:CE:ECHR:2005:0726JUD007331601"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Un numéro CELEX est un chiffre de secteur, une année, une ou deux lettres et quatre chiffres"),
        ("en", "A CELEX number is a sector digit, a year, one or two letters and four digits"),
    ],
)
def test_the_error_is_on_the_value_in_the_readers_language(lang, expected):
    item = LegalIdentifier(scheme="celex", value="2011/36/UE")
    with translation.override(lang):
        with pytest.raises(ValidationError) as raised:
            item.clean()
        messages = raised.value.message_dict
    assert list(messages) == ["value"]
    assert messages["value"][0].startswith(expected)


@pytest.mark.parametrize(
    ("scheme", "value", "lang", "link"),
    [
        ("celex", "32011L0036", "fr", "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32011L0036"),
        ("celex", "52012DC0286", "en", "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52012DC0286"),
        ("eli", "http://data.europa.eu/eli/dir/2011/36/oj", "fr", "https://eur-lex.europa.eu/eli/dir/2011/36/oj"),
        (
            "cets",
            "197",
            "en",
            "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=197",
        ),
        (
            "cets",
            "197",
            "fr",
            "https://www.coe.int/fr/web/conventions/full-list?module=treaty-detail&treatynum=197",
        ),
        (
            "untc",
            "XVIII-12-a",
            "fr",
            "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-a&chapter=18",
        ),
        (
            "untc",
            "IV-11-c",
            "en",
            "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-11-c&chapter=4",
        ),
        (
            "ilo",
            "C029",
            "en",
            "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C029",
        ),
        (
            "ilo",
            "P029",
            "fr",
            "https://normlex.ilo.org/dyn/nrmlx_fr/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:P029",
        ),
    ],
)
def test_links_are_built_per_scheme(scheme, value, lang, link):
    assert identifiers.official_link(scheme, value, lang) == link


@pytest.mark.parametrize(
    ("scheme", "value"),
    [
        ("ecli", "ECLI:CE:ECHR:2005:0726JUD007331601"),
        ("application", "73316/01"),
        ("nor", "JUSX1306941L"),
        ("jorf", "JORFTEXT000027804775"),
        ("text_number", "Loi n° 2013-711"),
        ("symbol", "GRETA(2012)16"),
        ("celex", "not a celex number"),  # nor from a value of the wrong format
    ],
)
def test_no_link_is_guessed(scheme, value):
    assert identifiers.official_link(scheme, value, "fr") == ""


def test_the_official_link_is_the_pages_own_else_the_best_identifier(site_tree):
    page = LegalResourcePageFactory(parent=site_tree.fr.library, title="Directive 2011/36/UE")
    page.identifiers = [
        LegalIdentifier(scheme="eli", value="http://data.europa.eu/eli/dir/2011/36/oj", sort_order=0),
        LegalIdentifier(scheme="celex", value="32011L0036", sort_order=1),
    ]
    page.save_revision().publish()
    page = LegalResourcePage.objects.get(pk=page.pk)
    with translation.override("en"):
        assert page.official_url == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0036"
    page.external_url = "https://www.example.org/texte"
    assert page.official_url == "https://www.example.org/texte"


def test_the_resource_page_shows_its_identifiers_linked_where_a_link_exists(client, site_tree):
    page = LegalResourcePageFactory(parent=site_tree.fr.library, title="Siliadin c. France")
    page.identifiers = [
        LegalIdentifier(scheme="application", value="73316/01", sort_order=0),
        LegalIdentifier(scheme="cets", value="197", sort_order=1),
    ]
    page.save_revision().publish()

    html = client.get(page.url).text

    details = element(html, "section", **{"aria-labelledby": "resource-details"})
    row = next(div for div in elements(details, "div") if text(element(div, "dt")) == "Identifiants officiels")
    items = [text(li) for li in elements(row, "li")]
    assert items == [
        "Numéro de requête 73316/01",
        "Numéro de la Série des traités du Conseil de l'Europe (STCE) 197",
    ]
    assert hrefs(row) == ["https://www.coe.int/fr/web/conventions/full-list?module=treaty-detail&treatynum=197"]
    # The official link of the "Read the text" section comes from the identifier.
    documents = element(html, "section", **{"aria-labelledby": "resource-documents"})
    assert hrefs(documents) == hrefs(row)


# The data file's identifiers (shared/data/legal-resources.md, "Official identifiers and links").
DATA_IDENTIFIERS = {
    1: [("untc", "XVIII-12-a")],
    2: [("cets", "197")],
    3: [("celex", "32011L0036"), ("eli", "http://data.europa.eu/eli/dir/2011/36/oj")],
    4: [("celex", "32024L1712"), ("eli", "http://data.europa.eu/eli/dir/2024/1712/oj")],
    5: [("celex", "32004L0081"), ("eli", "http://data.europa.eu/eli/dir/2004/81/oj")],
    6: [("celex", "32012L0029"), ("eli", "http://data.europa.eu/eli/dir/2012/29/oj")],
    7: [("celex", "52012DC0286")],
    8: [("untc", "IV-11")],
    9: [("untc", "IV-11-c")],
    10: [("ilo", "C029")],
    11: [("ilo", "P029")],
    12: [("ilo", "C182")],
    13: [("symbol", "PC.DEC/557")],
    14: [("symbol", "MC.DEC/7/13")],
    15: [("symbol", "GRETA(2012)16")],
    18: [("text_number", "Loi n° 2013-711")],
    23: [("application", "73316/01"), ("ecli", "ECLI:CE:ECHR:2005:0726JUD007331601")],
    24: [("application", "25965/04"), ("ecli", "ECLI:CE:ECHR:2010:0107JUD002596504")],
    25: [("application", "67724/09"), ("ecli", "ECLI:CE:ECHR:2012:1011JUD006772409")],
}
# The data file's official links, as given (English where the site has languages).
DATA_LINKS = {
    1: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-a&chapter=18",
    2: "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=197",
    3: "https://eur-lex.europa.eu/eli/dir/2011/36/oj",
    4: "https://eur-lex.europa.eu/eli/dir/2024/1712/oj",
    5: "https://eur-lex.europa.eu/eli/dir/2004/81/oj",
    6: "https://eur-lex.europa.eu/eli/dir/2012/29/oj",
    7: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52012DC0286",
    8: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-11&chapter=4",
    9: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-11-c&chapter=4",
    10: "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C029",
    11: "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:P029",
    12: "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C182",
}


def test_every_demo_resource_has_the_identifiers_and_links_of_the_data(client, db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115

    for number in range(1, 26):
        key = demo_uuid("page", f"library/{number:02d}")
        pages = LegalResourcePage.objects.filter(translation_key=key).select_related("locale")
        assert {page.locale.language_code for page in pages} == {"fr", "en"}
        for page in pages:
            stored = [(item.scheme, item.value) for item in page.identifiers.all()]
            assert stored == DATA_IDENTIFIERS.get(number, []), (number, page.locale)
            for item in page.identifiers.all():  # the demo's identifiers pass the admin's checks
                item.clean()
            with translation.override("en"):
                links = {item.link for item in page.identifiers.all()} | {page.official_url}
                assert (DATA_LINKS.get(number) in links) if number in DATA_LINKS else links == {""}

    # The Palermo Protocol has its link, on its page, in both languages.
    palermo = LegalResourcePage.objects.filter(translation_key=demo_uuid("page", "library/01"))
    for page in palermo:
        html = client.get(page.url).text
        documents = element(html, "section", **{"aria-labelledby": "resource-documents"})
        assert DATA_LINKS[1] in hrefs(documents)  # beside the demo's own PDF of the text
