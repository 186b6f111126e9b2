"""What leaves the site about signatures: the open-data figures.

Nothing here returns personal data: the open data carries counts only. (Spreadsheet exports are
made safe by ``home.core.spreadsheets``.)
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count

from home.core.links import page_url

from .models import Signature, SignatureKind
from .pages import live_declarations
from .signing import counts_by_declaration


def declaration_titles() -> dict[uuid.UUID, str]:
    """{translation_key: title} of live declarations, in the default language when it exists (one query)."""
    titles: dict[uuid.UUID, str] = {}
    rows = live_declarations().values_list("translation_key", "title", "locale__language_code")
    for key, title, language_code in rows:
        if key not in titles or language_code == settings.LANGUAGE_CODE:
            titles[key] = title
    return titles


@dataclass
class DeclarationFigures:
    """One declaration, all languages together: what the open-data endpoint publishes."""

    translation_key: uuid.UUID
    pages: dict  # {language_code: DeclarationPage}
    confirmed: int
    associations: int

    @property
    def source(self):
        """The page whose settings count: the default language's, or the first one there is."""
        return self.pages.get(settings.LANGUAGE_CODE) or next(iter(self.pages.values()))

    def as_json(self, request) -> dict:
        source = self.source
        languages = [code for code, _name in settings.LANGUAGES]
        return {
            "translation_key": str(self.translation_key),
            "title": {code: self.pages[code].title if code in self.pages else None for code in languages},
            "url": {code: page_url(self.pages[code], request) if code in self.pages else None for code in languages},
            "open": source.is_open_for_signature,
            "deadline": source.signature_deadline.isoformat() if source.signature_deadline else None,
            "goal": source.signature_goal,
            "signatures": {"confirmed": self.confirmed, "of_which_associations": self.associations},
        }


def declaration_figures() -> list[DeclarationFigures]:
    """Every live declaration once (not once per language), with its confirmed counts.

    Three queries whatever the number of declarations: the pages, the confirmed counts
    (``counts_by_declaration``) and the associations' share.
    """
    pages_by_key: dict[uuid.UUID, dict] = defaultdict(dict)
    for page in live_declarations():
        pages_by_key[page.translation_key].setdefault(page.locale.language_code, page)
    keys = list(pages_by_key)
    confirmed = counts_by_declaration(keys)
    associations = dict(
        Signature.objects.confirmed()
        .filter(declaration_key__in=keys, kind=SignatureKind.ORGANISATION)
        .values("declaration_key")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("declaration_key", "n")
    )
    return [
        DeclarationFigures(key, pages, confirmed.get(key, 0), associations.get(key, 0))
        for key, pages in pages_by_key.items()
    ]
