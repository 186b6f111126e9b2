"""Citing a legal resource: the formatted reference in the page's language, its stable permalink,
the Zotero-readable ``citation_*`` meta tags, and the RIS, BibTeX and CSL-JSON exports.

A citation is read from the page (:func:`citation_for`), in the page's own language; what is
shown and exported is made from it, so that every format says the same title, date and identifier.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import unicodedata

from django.db.models import F, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from wagtail.models import Collection, CollectionViewRestriction

from home.core.links import on_site, page_url
from home.core.tree import tree

from .models import DatePrecision, IdentifierScheme, LegalResourcePage, ResourceType

# How an identifier reads in a citation, scheme by scheme (the schemes' labels are for the admin).
IDENTIFIER_FORMATS = {
    IdentifierScheme.CELEX: lambda: _("CELEX %(value)s"),
    IdentifierScheme.ELI: lambda: _("ELI %(value)s"),
    IdentifierScheme.CETS: lambda: _("CETS No. %(value)s"),
    IdentifierScheme.UNTC: lambda: _("UNTC %(value)s"),
    IdentifierScheme.ILO: lambda: _("ILO %(value)s"),
    IdentifierScheme.ECLI: lambda: "%(value)s",  # "ECLI:CE:ECHR:…" names its scheme itself
    IdentifierScheme.APPLICATION: lambda: _("Application no. %(value)s"),
    IdentifierScheme.NOR: lambda: _("NOR %(value)s"),
    IdentifierScheme.JORF: lambda: _("JORF %(value)s"),
    IdentifierScheme.DOCUMENT_SYMBOL: lambda: "%(value)s",
}

RIS_TYPES = {
    ResourceType.CONVENTION: "STAT",
    ResourceType.PROTOCOL: "STAT",
    ResourceType.DIRECTIVE: "STAT",
    ResourceType.LAW: "STAT",
    ResourceType.CODE_ARTICLE: "STAT",
    ResourceType.CASE_LAW: "CASE",
    ResourceType.REPORT: "RPRT",
    ResourceType.EVALUATION_REPORT: "RPRT",
}
CSL_TYPES = {
    ResourceType.CONVENTION: "treaty",
    ResourceType.PROTOCOL: "treaty",
    ResourceType.DIRECTIVE: "legislation",
    ResourceType.LAW: "legislation",
    ResourceType.CODE_ARTICLE: "legislation",
    ResourceType.CASE_LAW: "legal_case",
    ResourceType.REPORT: "report",
    ResourceType.EVALUATION_REPORT: "report",
}
BIBTEX_TYPES = {ResourceType.REPORT: "techreport", ResourceType.EVALUATION_REPORT: "techreport"}

# The three exports: (file extension, content type).
EXPORTS = {
    "ris": ("ris", "application/x-research-info-systems"),
    "bib": ("bib", "application/x-bibtex"),
    "json": ("json", "application/vnd.citationstyles.csl+json"),
}


@dataclasses.dataclass(frozen=True)
class Identifier:
    scheme: str
    value: str
    text: str  # as it reads in a citation, e.g. "CELEX 32011L0036"


@dataclasses.dataclass(frozen=True)
class Citation:
    """Everything a reference to a legal resource says, in the page's language."""

    pk: int
    language: str
    title: str
    author: str  # the issuing body
    resource_type: str
    date: datetime.date | None
    year_only: bool
    reference: str  # the official reference, else the text's main identifier
    identifiers: list[Identifier]
    page_url: str
    permalink: str
    official_url: str
    pdf_url: str
    accessed: datetime.date
    formatted: str = ""
    downloads: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def url(self) -> str:
        """The link of the citation: the official text when there is one, else the permalink."""
        return self.official_url or self.permalink

    @property
    def is_report(self) -> bool:
        return self.resource_type in BIBTEX_TYPES

    @property
    def highwire_date(self) -> str:
        """The date as ``citation_publication_date`` wants it (``2005/05/16``, or the year only)."""
        if self.date is None:
            return ""
        return str(self.date.year) if self.year_only else self.date.strftime("%Y/%m/%d")

    @property
    def iso_date(self) -> str:
        if self.date is None:
            return ""
        return str(self.date.year) if self.year_only else self.date.isoformat()

    @property
    def file_stem(self) -> str:
        """The name of the downloaded files: the title, in ASCII (``convention-du-conseil-de-l-europe``)."""
        return _ascii_slug(self.title)[:60].strip("-") or f"resource-{self.pk}"


def _ascii_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _language_of(page) -> str:
    """The language of a page, from the generation's locales (no query)."""
    codes = {locale.pk: code for code, locale in tree().locales.items()}
    return codes.get(page.locale_id) or page.locale.language_code


def permalink_path(page) -> str:
    """The stable address of a resource in its language (``/fr/r/<id>/``): it survives a change of slug."""
    with translation.override(_language_of(page)):
        return reverse("resource_permalink", args=[page.pk])


def download_path(page, export: str) -> str:
    with translation.override(_language_of(page)):
        return reverse("resource_citation", kwargs={"pk": page.pk, "export": export})


def first_public_pdf(page) -> str:
    """The absolute address of the page's first PDF document, when anyone may download it ("" otherwise)."""
    for block in page.documents:
        document = block.value.get("document") if block.block_type == "document" else None
        if document is None or (document.file_extension or "").lower() != "pdf":
            continue
        if _restricted_collection(document.collection_id):
            continue
        return on_site(document.url)
    return ""


def _restricted_collection(collection_id: int) -> bool:
    """Whether the collection or one of its ancestors is restricted (one query)."""
    path = Collection.objects.filter(pk=collection_id).values("path")[:1]
    return (
        CollectionViewRestriction.objects.annotate(target_path=Subquery(path))
        .filter(target_path__startswith=F("collection__path"))
        .exists()
    )


def _identifiers(page) -> list[Identifier]:
    found = []
    for row in page.identifier_list:
        pattern = IDENTIFIER_FORMATS.get(row.scheme, lambda: "%(value)s")()
        found.append(Identifier(scheme=row.scheme, value=row.value, text=pattern % {"value": row.value}))
    return found


def citation_for(page: LegalResourcePage, request=None, accessed: datetime.date | None = None) -> Citation:
    """The citation of ``page``, in the page's language (whatever the active one)."""
    language = _language_of(page)
    with translation.override(language):
        identifiers = _identifiers(page)
        # The main identifier: the first that is not an ELI (an address, not a number one quotes).
        main = next((i for i in identifiers if i.scheme != IdentifierScheme.ELI), None)
        main = main or (identifiers[0] if identifiers else None)
        citation = Citation(
            pk=page.pk,
            language=language,
            title=page.title,
            author=str(page.issuing_body.name),
            resource_type=page.resource_type,
            date=page.date,
            year_only=page.date_precision == DatePrecision.YEAR,
            reference=page.official_reference or (main.text if main else ""),
            identifiers=identifiers,
            page_url=page_url(page, request) or "",
            permalink=on_site(permalink_path(page)),
            official_url=page.official_url,
            pdf_url=first_public_pdf(page),
            accessed=accessed or timezone.localdate(),
            downloads={export: download_path(page, export) for export in EXPORTS},
        )
        return _with_formatted(citation)


def _human_date(date: datetime.date, year_only: bool = False) -> str:
    if year_only:
        return str(date.year)
    if translation.get_language() == "fr" and date.day == 1:
        return format_date(date, "1\\e\\r F Y")  # « 1er janvier 2009 »
    return format_date(date, "j F Y")


def _with_formatted(citation: Citation) -> Citation:
    """The reference as a reader copies it (built in the active language, the page's)."""
    parts = [citation.author, _("“%(text)s”") % {"text": citation.title}]
    if citation.reference and citation.reference not in citation.title:
        parts.append(citation.reference)
    if citation.date is not None:
        parts.append(_human_date(citation.date, citation.year_only))
    text = _("%(parts)s. Available at: %(url)s (accessed %(date)s).") % {
        "parts": ", ".join(part for part in parts if part),
        "url": citation.url,
        "date": _human_date(citation.accessed),
    }
    return dataclasses.replace(citation, formatted=text)


# --- Exports -----------------------------------------------------------------------------


def to_ris(citation: Citation) -> str:
    """The RIS record (Zotero, EndNote, Mendeley): one ``TAG  - value`` a line, ``ER`` last."""
    date = citation.date
    lines = [
        ("TY", RIS_TYPES.get(citation.resource_type, "GOVDOC")),
        ("TI", citation.title),
        ("AU", citation.author),
    ]
    if date is not None:
        lines.append(("PY", str(date.year)))
        lines.append(("DA", f"{date.year}///" if citation.year_only else date.strftime("%Y/%m/%d/")))
    if citation.reference:
        lines.append(("M1", citation.reference))
    lines += [("N1", f"{identifier.scheme.upper()}: {identifier.value}") for identifier in citation.identifiers]
    lines += [("UR", url) for url in dict.fromkeys([citation.url, citation.permalink]) if url]
    if citation.pdf_url:
        lines.append(("L1", citation.pdf_url))
    lines += [
        ("LA", citation.language),
        ("Y2", citation.accessed.strftime("%Y/%m/%d")),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {_one_line(value)}\r\n" if value else f"{tag}  - \r\n" for tag, value in lines)


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_BIBTEX_ESCAPES = {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def _bibtex_text(value: str) -> str:
    """``value`` in a BibTeX field: UTF-8 kept, LaTeX's special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), _one_line(value))


def bibtex_key(citation: Citation) -> str:
    author = _ascii_slug(citation.author).split("-")[0] or "text"
    year = str(citation.date.year) if citation.date else ""
    word = next((w for w in _ascii_slug(citation.title).split("-") if len(w) > 3), "")
    return f"{author}{year}{word}{citation.pk}"


def to_bibtex(citation: Citation) -> str:
    """The BibTeX entry (biblatex fields too: ``date``, ``urldate``); the issuing body is a corporate author."""
    fields = [
        ("author", "{" + _bibtex_text(citation.author) + "}"),
        ("title", "{" + _bibtex_text(citation.title) + "}"),
    ]
    if citation.date is not None:
        fields.append(("year", str(citation.date.year)))
        fields.append(("date", citation.iso_date))
        if not citation.year_only:
            fields.append(("month", str(citation.date.month)))
    if citation.reference:
        fields.append(("number", _bibtex_text(citation.reference)))
    if BIBTEX_TYPES.get(citation.resource_type) == "techreport":
        fields.append(("institution", _bibtex_text(citation.author)))
    if citation.identifiers:
        fields.append(("note", _bibtex_text("; ".join(i.text for i in citation.identifiers))))
    fields += [
        ("url", citation.url),
        ("urldate", citation.accessed.isoformat()),
        ("language", citation.language),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{BIBTEX_TYPES.get(citation.resource_type, 'misc')}{{{bibtex_key(citation)},\n{body}\n}}\n"


def _date_parts(date: datetime.date, year_only: bool = False) -> dict:
    return {"date-parts": [[date.year] if year_only else [date.year, date.month, date.day]]}


def to_csl_json(citation: Citation) -> str:
    """The CSL-JSON item (Zotero, Pandoc, citeproc), in a list as CSL-JSON files hold them."""
    item = {
        "id": bibtex_key(citation),
        "type": CSL_TYPES.get(citation.resource_type, "document"),
        "title": citation.title,
        "author": [{"literal": citation.author}],
        "authority": citation.author,
        "language": citation.language,
        "URL": citation.url,
        "accessed": _date_parts(citation.accessed),
    }
    if citation.date is not None:
        item["issued"] = _date_parts(citation.date, citation.year_only)
    if citation.reference:
        item["number"] = citation.reference
    if citation.identifiers:
        item["note"] = "\n".join(f"{i.scheme.upper()}: {i.value}" for i in citation.identifiers)
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


EXPORTERS = {"ris": to_ris, "bib": to_bibtex, "json": to_csl_json}
