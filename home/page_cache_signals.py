"""What empties the page cache of anonymous visitors (see ``site_cms.page_cache``).

Public pages are rendered from pages, association profiles, taxonomy, settings, documents,
images and confirmed signatures: a change to any of them that the public can see starts a
new cache generation. Drafts, unconfirmed signatures and the extranet's private records
change nothing public and leave the cache alone.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from site_cms.page_cache import invalidate


def _invalidate(**kwargs) -> None:
    invalidate()


def _signature_changed(sender, instance, **kwargs) -> None:
    from home.models import SignatureStatus

    if instance.status == SignatureStatus.CONFIRMED:
        invalidate()


def _public_models():
    from home.models import (
        Association,
        AssociationContact,
        AssociationReport,
        CollectiveSettings,
        IssuingBody,
        Topic,
    )

    return [
        Site,
        Locale,
        PageViewRestriction,
        CollectiveSettings,
        Topic,
        IssuingBody,
        Association,
        AssociationContact,
        AssociationReport,
        get_document_model(),
        get_image_model(),
    ]


def connect_page_cache_invalidation() -> None:
    from home.models import Signature

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_invalidate, dispatch_uid=f"page-cache-{signal!r}")
    for model in _public_models():
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    # Every page model: deleting a page (any type) or creating one live.
    post_delete.connect(_page_deleted, dispatch_uid="page-cache-page-delete")
    post_save.connect(_any_page_saved, dispatch_uid="page-cache-page-save")
    m2m_changed.connect(_m2m_changed, dispatch_uid="page-cache-m2m")
    post_save.connect(_signature_changed, sender=Signature, dispatch_uid="page-cache-signature-save")
    post_delete.connect(_signature_changed, sender=Signature, dispatch_uid="page-cache-signature-delete")


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live:
        invalidate()


def _any_page_saved(sender, instance, created, **kwargs) -> None:
    # Publishing goes through ``page_published``; a page created live (an alias made by a
    # translation sync, a copy) announces itself only here. Drafts change nothing public.
    if created and isinstance(instance, Page) and instance.live:
        invalidate()


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    # The association's fields of action change when a profile is saved directly (not through
    # a revision, which announces itself with ``published``).
    from home.models import Association

    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Association):
        invalidate()
