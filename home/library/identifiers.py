"""The official identifiers of legal texts: the format of each scheme, and the official link built from it.

Pure functions on ``(scheme, value)`` pairs (the scheme is an ``IdentifierScheme`` value), below the
models that call them (``LegalIdentifier.clean`` and ``.link``). A link is built only where the
address is certain (EUR-Lex for CELEX and ELI, the Council of Europe's treaty office for CETS, the
UN Treaty Collection, NORMLEX for ILO instruments), in the reader's language where the site has
one; never for ECLI, application numbers, NOR or JORF references, text numbers or document symbols.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Scheme:
    pattern: re.Pattern
    error: str  # lazily translated: what is expected, with an example
    upper: bool = False  # compared and stored in capitals


SCHEMES: dict[str, Scheme] = {
    # Sector (0-9, C or E), year, document type (1 or 2 letters), number; an optional corrigendum or suffix.
    "celex": Scheme(
        re.compile(r"[0-9CE]\d{4}[A-Z]{1,2}\d{4}(?:R?\(\d{2}\)|-\d{8})?"),
        _("A CELEX number is a sector digit, a year, one or two letters and four digits, e.g. 32011L0036."),
        upper=True,
    ),
    "eli": Scheme(
        re.compile(r"https?://[a-z0-9.-]+\.[a-z]{2,}/eli/[A-Za-z0-9_]+(?:/[A-Za-z0-9_.:-]+)+/?"),
        _("An ELI is a web address with /eli/ in it, e.g. http://data.europa.eu/eli/dir/2011/36/oj."),
    ),
    "cets": Scheme(
        re.compile(r"[1-9]\d{0,3}"),
        _("Enter the number of the treaty alone, e.g. 197."),
    ),
    "untc": Scheme(
        re.compile(r"[IVXL]{1,6}-\d{1,3}(?:-[a-z])?"),
        _("A UN Treaty Collection reference is a chapter in Roman numerals, a number and a letter, e.g. XVIII-12-a."),
    ),
    "ilo": Scheme(
        re.compile(r"[CPR]\d{3}"),
        _("An ILO code is C (convention), P (protocol) or R (recommendation) and three digits, e.g. C029."),
        upper=True,
    ),
    "ecli": Scheme(
        re.compile(r"ECLI:[A-Z]{2}:[A-Z0-9.]{1,7}:\d{4}:[A-Z0-9.]{1,25}"),
        _("An ECLI reads ECLI:country:court:year:number, e.g. ECLI:CE:ECHR:2005:0726JUD007331601."),
        upper=True,
    ),
    "application": Scheme(
        re.compile(r"\d{1,6}/\d{2}"),
        _("An application number is a number, a slash and the two digits of the year, e.g. 73316/01."),
    ),
    "nor": Scheme(
        re.compile(r"[A-Z]{4}\d{7}[A-Z]"),
        _("A NOR number has 12 characters: four letters, seven digits and a letter, e.g. JUSX1306941L."),
        upper=True,
    ),
    "jorf": Scheme(
        re.compile(r"JORFTEXT\d{12}|JORF n° ?\d{1,4} du \d{1,2}(?:er)? [a-zéû]+ \d{4}(?:,? texte n° ?\d{1,4})?"),
        _("A JORF reference is JORFTEXT and 12 digits, or like “JORF n° 181 du 6 août 2013, texte n° 1”."),
    ),
    "text_number": Scheme(
        re.compile(r"(?:[A-Za-zÀ-ÿ]+(?: [a-zà-ÿ]+)? )?(?:n° ?)?\d{2,4}-\d{1,5}"),
        _("A text number is like “Loi n° 2013-711” or 2013-711."),
    ),
    "symbol": Scheme(
        re.compile(r"(?=.*\d)[A-Z][A-Za-z0-9.()/ -]{1,99}"),
        _("A document symbol starts with a capital letter and has a number, e.g. A/RES/55/25 or GRETA(2012)16."),
    ),
}


def normalize(scheme: str, value: str) -> str:
    """``value`` as stored: spaces trimmed and collapsed, capitals where the scheme has them."""
    value = " ".join(str(value).split())
    found = SCHEMES.get(scheme)
    if found is not None and found.upper:
        value = value.upper()
    return value


def format_error(scheme: str, value: str) -> str | None:
    """What is wrong with ``value`` (normalized) for ``scheme``, or None when it has the scheme's format."""
    found = SCHEMES.get(scheme)
    if found is None or found.pattern.fullmatch(value):
        return None
    return found.error


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(numeral: str) -> int:
    total = 0
    for i, letter in enumerate(numeral):
        value = ROMAN[letter]
        following = ROMAN[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _eur_lex_language(lang: str) -> str:
    return "FR" if lang == "fr" else "EN"


def _site_language(lang: str) -> str:
    return "fr" if lang == "fr" else "en"


def official_link(scheme: str, value: str, lang: str) -> str:
    """The official address of the text ``value`` identifies, in ``lang`` where the site has one.

    "" when no address is certain (or ``value`` has not the scheme's format).
    """
    if format_error(scheme, value) is not None:
        return ""
    if scheme == "celex":
        return f"https://eur-lex.europa.eu/legal-content/{_eur_lex_language(lang)}/TXT/?uri=CELEX:{quote(value)}"
    if scheme == "eli":
        european = re.fullmatch(r"https?://data\.europa\.eu/eli/(.+)", value)
        return f"https://eur-lex.europa.eu/eli/{european.group(1)}" if european else value
    if scheme == "cets":
        return (
            f"https://www.coe.int/{_site_language(lang)}/web/conventions/full-list"
            f"?module=treaty-detail&treatynum={value}"
        )
    if scheme == "untc":
        chapter = _roman(value.split("-", 1)[0])
        return f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={value}&chapter={chapter}"
    if scheme == "ilo":
        return (
            f"https://normlex.ilo.org/dyn/nrmlx_{_site_language(lang)}/f"
            f"?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:{value}"
        )
    return ""


# The order in which identifiers give "the official link" when the page has none of its own:
# the ones whose site speaks the reader's language first.
LINK_PREFERENCE = ["celex", "ilo", "cets", "eli", "untc"]


def best_link(pairs, lang: str) -> str:
    """The official link given by the best of ``pairs`` (``(scheme, value)``), "" when none gives one."""
    links = {}
    for scheme, value in pairs:
        link = official_link(scheme, value, lang)
        if link and scheme not in links:
            links[scheme] = link
    return next((links[scheme] for scheme in LINK_PREFERENCE if scheme in links), "")
