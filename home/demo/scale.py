"""Synthetic content that makes the demo site about ``scale`` times bigger (``--scale N``).

Copy ``c`` (2 ≤ c ≤ N) of each demo association, legal resource, news item and event is a
variant of the original (its texts marked « exemplaire n° c » / "copy no. c", dates shifted,
topics rotated), so that facets, search results and listings grow like real content would.
Pages go through the demo builder (French page, then its wagtail-localize English
translation), so they are keyed, published and translated exactly like the demo's own;
associations and signatures, which need no revision, are bulk-created.

Idempotent: copies are keyed on their slugs (and signatures on their emails), so running
``--scale 10`` twice adds nothing the second time and ``--scale 2`` then ``--scale 10`` adds
the copies 3 to 10. A smaller scale never deletes copies that are already there.
"""

from __future__ import annotations

import dataclasses
import datetime
from itertools import cycle, islice

from django.utils import timezone, translation
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from home.declarations.forms import CONSENT_TEXT
from home.declarations.signing import CONSENT_VERSION
from home.models import (
    Association,
    AssociationContact,
    MembershipStatus,
    Signature,
    SignatureKind,
    SignatureStatus,
    Topic,
)

from . import library, news
from .associations import ASSOCIATIONS, OBSERVER_SINCE, texts_and_links
from .dates import on
from .site import legal_resource_page
from .specs import PageSpec
from .taxonomy import TOPICS
from .text import T

# Confirmed personal signatures added to the open declaration per step of scale (1800 at ×10),
# on top of the organisation signatures of every other association copy.
SIGNATURES_PER_STEP = 200
FIRST_NAMES = ["Camille", "Dominique", "Sacha", "Alix", "Jordan", "Morgan", "Claude", "Ana", "Milan", "Jelena"]
LAST_NAMES = ["Martin", "Bernard", "Petrović", "Dubois", "Horvat", "Moreau", "Kovačević", "Laurent", "Nikolić"]
COUNTRIES = ["FR", "BE", "CH", "RS", "HR", "BA", "MK", "DE", "IT", "CA"]


def copy_text(text: T, copy: int, max_length: int = 255) -> T:
    def marked(original: str, mark: str) -> str:
        if len(original) + len(mark) > max_length:
            original = original[: max_length - len(mark) - 1] + "…"
        return original + mark

    return T(marked(text.fr, f" (exemplaire n° {copy})"), marked(text.en, f" (copy no. {copy})"))


def copy_slug(slug: T, copy: int) -> T:
    return T(f"{slug.fr}-{copy}", f"{slug.en}-{copy}")


def shift_years(date: datetime.date | None, years: int) -> datetime.date | None:
    if date is None:
        return None
    try:
        return date.replace(year=date.year - years)
    except ValueError:  # 29 February
        return date.replace(year=date.year - years, day=28)


# --- Page specs --------------------------------------------------------------------


def resource_copies(copies: range) -> list[PageSpec]:
    topics = list(TOPICS)
    specs = []
    for copy in copies:
        for data in library.RESOURCES:
            offset = copy + data["number"]
            variant = {
                **data,
                "slug": copy_slug(data["slug"], copy),
                "title": copy_text(data["title"], copy),
                "date": shift_years(data["date"], copy - 1),
                # The original topics plus one more, rotating, so that topic facets change.
                "topics": sorted(set(data["topics"]) | {topics[offset % len(topics)]}),
            }
            spec = legal_resource_page(variant)
            specs.append(dataclasses.replace(spec, key=f"scale/{copy}/{spec.key}"))
    return specs


def renamed_copy(spec: PageSpec, copy: int, **changes) -> PageSpec:
    """Copy number ``copy`` of a page, with a key, slug and title of its own."""
    return dataclasses.replace(
        spec,
        key=f"scale/{copy}/{spec.key}",
        slug=copy_slug(spec.slug, copy),
        title=copy_text(spec.title, copy),
        **changes,
    )


def news_copies(copies: range) -> list[PageSpec]:
    specs = []
    for copy in copies:
        for spec in news.NEWS:
            specs.append(
                renamed_copy(spec, copy, fields={**spec.fields, "date": shift_years(spec.fields["date"], copy - 1)})
            )
    return specs


def event_copies(copies: range, today: datetime.date) -> list[PageSpec]:
    """Copies spread around today, every other one upcoming, a few days apart."""
    specs = []
    originals = news.events(today)
    for copy in copies:
        for number, spec in enumerate(originals):
            index = (copy - 2) * len(originals) + number
            days = (index // 2 + 1) * 6 * (1 if index % 2 else -1)
            day = today + datetime.timedelta(days=days)
            start = on(day, 10)
            end = start + datetime.timedelta(hours=2, minutes=30) if spec.fields["end"] else None
            specs.append(
                renamed_copy(
                    spec,
                    copy,
                    fields={**spec.fields, "start": start, "end": end},
                    keep=("start", "end"),
                )
            )
    return specs


# --- The builder ---------------------------------------------------------------------


class ScaledContent:
    """Adds copies 2..``scale`` of the demo content, with ``builder`` (a DemoContentBuilder that has run)."""

    def __init__(self, builder, scale: int):
        self.builder = builder
        self.scale = scale
        self.copies = range(2, scale + 1)
        self.now = timezone.now().replace(microsecond=0)

    def run(self) -> None:
        if not self.copies:
            return
        sections = {spec.key: (spec, page) for spec, page in self.builder.pages}
        self.add_associations()
        resources = resource_copies(self.copies)
        for spec in resources:  # some with the PDF of the resource they copy (its text searched with them)
            self.builder.attach_library_documents(spec)
        self.add_pages(sections["library"], resources)
        self.add_pages(sections["news"], news_copies(self.copies))
        self.add_pages(sections["events"], event_copies(self.copies, self.builder.today))
        self.add_signatures(sections["declarations/balkans"][1])

    def add_pages(self, section: tuple[PageSpec, Page], specs: list[PageSpec]) -> None:
        first = len(self.builder.pages)
        self.builder.build_children(section[1], specs)
        for spec, page in self.builder.pages[first:]:
            self.builder.translate(spec, page)
        # The section's translation source was taken before it had these children: update it
        # now (nothing to do if it is current), so that the next run finds nothing to change.
        self.builder.translate(*section)

    def add_associations(self) -> None:
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        topic_slugs = list(topics)
        existing = set(Association.objects.values_list("slug", flat=True))
        new, wanted_topics, wanted_contacts = [], {}, {}
        for copy in self.copies:
            for number, data in enumerate(ASSOCIATIONS):
                slug = f"{data['slug']}-{copy}"
                if slug in existing:
                    continue
                observer = (copy + number) % 7 == 0
                new.append(
                    Association(
                        slug=slug,
                        name=f"{data['name']} (exemplaire n° {copy})",
                        acronym=f"{data['acronym']}-{copy}"[:40] if data["acronym"] else "",
                        status=MembershipStatus.OBSERVER if observer else MembershipStatus.MEMBER,
                        status_since=OBSERVER_SINCE if observer else None,
                        **texts_and_links(data),
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=self.now,
                        last_published_at=self.now,
                    )
                )
                extra_topic = topic_slugs[(copy + number) % len(topic_slugs)]
                wanted_topics[slug] = sorted(set(data["topics"]) | {extra_topic})
                wanted_contacts[slug] = data["contacts"]
        if not new:
            return
        created = Association.objects.bulk_create(new)
        if not all(association.pk for association in created):  # backends that return no ids
            created = list(Association.objects.filter(slug__in=[a.slug for a in new]))
        through = Association.fields_of_action.through
        through.objects.bulk_create(
            through(association_id=association.pk, topic_id=topics[slug].pk)
            for association in created
            for slug in wanted_topics[association.slug]
        )
        AssociationContact.objects.bulk_create(
            AssociationContact(
                association_id=association.pk,
                sort_order=order,
                name=contact["name"],
                role_fr=contact["role"].fr,
                role_en=contact["role"].en,
                email=contact["email"],
                phone=contact["phone"],
                is_public=contact["is_public"],
            )
            for association in created
            for order, contact in enumerate(wanted_contacts[association.slug])
        )
        # bulk_create sends no signal: index them as a save would.
        index_objects(Association, [association.pk for association in created])
        self.builder.created["associations"] += len(created)

    def add_signatures(self, declaration: Page) -> None:
        key = declaration.translation_key
        existing = Signature.objects.filter(declaration_key=key)
        emails = set(existing.values_list("email", flat=True))
        signed_associations = set(existing.exclude(association=None).values_list("association_id", flat=True))
        consent = {}
        for language in ("fr", "en"):
            with translation.override(language):
                consent[language] = str(CONSENT_TEXT)

        def confirmed(kind, created_at, confirmed_at, **fields) -> Signature:
            return Signature(
                declaration_key=key,
                kind=kind,
                status=SignatureStatus.CONFIRMED,
                created_at=created_at,
                confirmed_at=confirmed_at,
                **fields,
            )

        signatures = []
        total = SIGNATURES_PER_STEP * (self.scale - 1)
        names = zip(cycle(FIRST_NAMES), cycle(LAST_NAMES), cycle(COUNTRIES), strict=False)
        for number, (first_name, last_name, country) in enumerate(islice(names, total)):
            email = f"signataire-{number + 1:05d}@example.org"
            if email in emails:
                continue
            language = "en" if number % 4 == 3 else "fr"
            created_at = self.now - datetime.timedelta(minutes=23 * (total - number))
            signatures.append(
                confirmed(
                    SignatureKind.PERSON,
                    created_at,
                    created_at + datetime.timedelta(minutes=12),
                    first_name=first_name,
                    last_name=last_name,
                    email=email,
                    organisation="" if number % 5 else "Association de démonstration",
                    country=country,
                    show_publicly=number % 3 == 0,
                    language=language,
                    consent_text=consent[language],
                    consent_version=CONSENT_VERSION,
                )
            )
        signing = Association.objects.filter(slug__in=self.signing_copies()).exclude(pk__in=signed_associations)
        for association in signing.order_by("pk"):
            signatures.append(confirmed(SignatureKind.ORGANISATION, self.now, self.now, association=association))
        if signatures:
            Signature.objects.bulk_create(signatures, batch_size=500)
            self.builder.created["signatures"] += len(signatures)

    def signing_copies(self) -> list[str]:
        """Every other association copy signs the declaration."""
        return [
            f"{data['slug']}-{copy}"
            for copy in self.copies
            for number, data in enumerate(ASSOCIATIONS)
            if (copy + number) % 2 == 0
        ]


def index_objects(model, ids: list[int]) -> None:
    objects = list(model.objects.filter(pk__in=ids))
    for backend in get_search_backends():
        backend.add_bulk(model, objects)
