"""Queries behind the member directory and the association profiles.

Every function here runs a bounded number of SQL queries whatever the number of associations
(the tests assert it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.http import QueryDict

from home.core.caching.generation import GenerationMemo
from home.taxonomy.models import Topic

from .models import Association, AssociationContact, AssociationReport, MembershipStatus, ReportVisibility


def public_associations():
    return Association.objects.filter(live=True).select_related("logo").prefetch_related("fields_of_action")


@dataclass(frozen=True)
class MemberDirectory:
    """The directory as a visitor filtered it (a cached fragment)."""

    associations: list[Association]
    former_members: list[Association]  # listed apart (empty when the visitor chose a status)
    status_choices: list[tuple[str, str]]
    selected_status: str
    fields_of_action: list[Topic]
    selected_field: str

    @property
    def is_filtered(self) -> bool:
        return bool(self.selected_status or self.selected_field)


def member_directory(params: QueryDict) -> MemberDirectory:
    """Associations of the directory, filtered by status and field of action.

    Former members are not mixed with the collective's members and observers: they are listed
    apart (or alone when a visitor chooses that status); their profiles stay reachable.
    """
    associations = public_associations().prefetch_related(
        Prefetch("contacts", queryset=AssociationContact.objects.filter(is_public=True), to_attr="public_contact_list")
    )
    status = params.get("status", "")
    if status not in MembershipStatus.values:
        status = ""
    field_slug = params.get("field", "")
    if field_slug:
        associations = associations.filter(fields_of_action__slug=field_slug)
    former_members = []
    if status:
        associations = associations.filter(status=status)
    else:
        former_members = list(associations.filter(status=MembershipStatus.LEFT).distinct())
        associations = associations.exclude(status=MembershipStatus.LEFT)
    fields = (
        Topic.objects.filter(associations__live=True)
        .annotate(n=Count("associations", distinct=True))
        .order_by("name_fr")
    )
    return MemberDirectory(
        associations=list(associations.distinct()),
        former_members=former_members,
        status_choices=MembershipStatus.choices,
        selected_status=status,
        fields_of_action=list(fields),
        selected_field=field_slug,
    )


# The published associations this process read in the current generation (a copy for each request).
_live_associations = GenerationMemo(size=500)


def live_association(slug: str) -> Association | None:
    """The published association of ``slug`` (its logo and fields of action read with it), or None."""
    return _live_associations.get_copy(
        slug,
        lambda: (
            Association.objects.filter(live=True, slug=slug)
            .select_related("logo")
            .prefetch_related("fields_of_action")
            .first()
        ),
    )


def public_contacts(association: Association) -> list[AssociationContact]:
    return list(association.contacts.filter(is_public=True))


def public_reports(association: Association) -> list[AssociationReport]:
    return list(
        AssociationReport.objects.filter(association=association, visibility=ReportVisibility.PUBLIC, live=True)
        .select_related("document")
        .order_by("-year")
    )


def association_counts() -> dict[str, int]:
    """{membership status: number of published associations} in one query."""
    return dict(
        Association.objects.filter(live=True).values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
