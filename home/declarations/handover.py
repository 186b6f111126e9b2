"""What a declaration hands over to those it is addressed to: its public signatories and its counts.

Associations come first, then the people who agreed to be shown, each in the order a French
reader expects (accents and case ignored). Counts are of every confirmed signature, shown or not:
people by the country they gave, member associations apart (they sign as organisations).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django_countries import countries

from home.core.text import collation_key

from .models import Signature, SignatureKind


@dataclass(frozen=True)
class CountryCount:
    code: str  # "" when the signer gave no country
    name: str
    count: int
    percent: float  # of the people who signed
    bar: int  # the bar's length in the chart, in percent of the largest country's (at least 1)


@dataclass(frozen=True)
class CountryFigures:
    people: int
    associations: int
    rows: list[CountryCount]

    @property
    def total(self) -> int:
        return self.people + self.associations


def country_figures(declaration) -> CountryFigures:
    """Confirmed signatures of ``declaration`` by country (people) and the associations' count; one query.

    Countries are named in the active language, the most signatures first, then by name.
    """
    rows = (
        Signature.objects.for_declaration(declaration)
        .confirmed()
        .values("kind", "country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    associations = 0
    by_country: dict[str, int] = {}
    for row in rows:
        if row["kind"] == SignatureKind.ORGANISATION:
            associations += row["n"]
        else:
            by_country[row["country"] or ""] = by_country.get(row["country"] or "", 0) + row["n"]
    people = sum(by_country.values())
    largest = max(by_country.values(), default=0)
    named = [
        CountryCount(
            code=code,
            name=str(countries.name(code)) if code else _("Country not given"),
            count=count,
            percent=100 * count / people if people else 0.0,
            bar=max(1, round(100 * count / largest)) if largest else 0,
        )
        for code, count in by_country.items()
    ]
    # The countries by count, then name; "not given" last whatever its count.
    named.sort(key=lambda row: (row.code == "", -row.count, collation_key(row.name)))
    return CountryFigures(people=people, associations=associations, rows=named)


@dataclass(frozen=True)
class PublicSignatories:
    associations: list[Signature]
    people: list[Signature]

    def __len__(self) -> int:
        return len(self.associations) + len(self.people)


def public_signatories(declaration) -> PublicSignatories:
    """The signatories the declaration page shows, all of them, in the order of a list handed over:
    associations by name, then people by last name and first name. One query."""
    shown = list(Signature.objects.for_declaration(declaration).shown_publicly().select_related("association"))
    associations = [s for s in shown if s.kind == SignatureKind.ORGANISATION]
    people = [s for s in shown if s.kind != SignatureKind.ORGANISATION]
    associations.sort(key=lambda s: collation_key(s.display_name))
    people.sort(key=lambda s: (collation_key(s.last_name), collation_key(s.first_name)))
    return PublicSignatories(associations=associations, people=people)


CSV_HEADER = ("kind", "name", "organisation", "country", "confirmed_on")


def csv_rows(declaration) -> list[tuple[str, ...]]:
    """The public signatories as the rows of a spreadsheet (the header first), in the active language."""
    signatories = public_signatories(declaration)
    header = (_("Kind"), _("Name"), _("Organisation"), _("Country"), _("Confirmed on"))
    rows = [header]
    for signature in [*signatories.associations, *signatories.people]:
        rows.append(
            (
                str(signature.get_kind_display()),
                signature.display_name,
                "" if signature.kind == SignatureKind.ORGANISATION else signature.organisation,
                str(signature.country.name) if signature.country else "",
                signature.confirmed_at.date().isoformat() if signature.confirmed_at else "",
            )
        )
    return rows
