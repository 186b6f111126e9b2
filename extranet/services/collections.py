"""The Wagtail collections the member area files documents in (their names are read by coordinators)."""

from __future__ import annotations

from wagtail.models import Collection, CollectionViewRestriction

from ..permissions import MEMBERS_ONLY_COLLECTION, PUBLIC_DOCUMENTS_COLLECTION

PUBLIC_REPORTS_COLLECTION = "Rapports des associations"  # a name in the database, read by coordinators
PROPOSED_DECLARATIONS_COLLECTION = "Déclarations proposées"  # a name in the database, read by coordinators


def collection_named(name: str) -> Collection:
    """The collection of this name under the root, created if missing."""
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def members_only_collection() -> Collection:
    """The collection of members-only files, restricted to logged-in users in Wagtail too."""
    collection = collection_named(MEMBERS_ONLY_COLLECTION)
    if not collection.view_restrictions.exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def public_reports_collection() -> Collection:
    return collection_named(PUBLIC_REPORTS_COLLECTION)


def proposed_declarations_collection() -> Collection:
    return collection_named(PROPOSED_DECLARATIONS_COLLECTION)


def public_documents_collection() -> Collection:
    """Where coordinators file documents that are public even when no page links them."""
    return collection_named(PUBLIC_DOCUMENTS_COLLECTION)
