"""What starts a new content generation, emptying the page cache and every fragment.

Public pages are rendered from pages, association profiles, taxonomy, settings, documents,
images and confirmed signatures: a change to any of them that the public can see starts a
new generation. Drafts, unconfirmed signatures and the extranet's private records change
nothing public and leave the cache alone. Models are named by their labels (Django's lazy
signal senders), so that this module depends on no domain of the site.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from .generation import invalidate

# Every change of these is public (saved or deleted).
PUBLIC_MODELS = (
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "home.CollectiveSettings",
    "home.Topic",
    "home.IssuingBody",
    "home.Association",
    "home.AssociationContact",
    "home.AssociationReport",
    "home.StatusPeriod",  # an association's history, and the badge of its profile
    # A translation's source, synchronised: the notice "this translation may be out of date" goes.
    "wagtail_localize.TranslationSource",
)
# Public while they count: a confirmed signature is in the figures and the signatories.
SIGNATURE_MODEL = "home.Signature"
# Their many-to-many fields change without a revision when saved directly.
MODELS_WITH_PUBLIC_RELATIONS = ("home.Association",)


def _invalidate(**kwargs) -> None:
    invalidate()


def _signature_changed(sender, instance, **kwargs) -> None:
    if instance.is_confirmed:
        invalidate()


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live:
        invalidate()


def _any_page_saved(sender, instance, created, **kwargs) -> None:
    # Publishing goes through ``page_published``; a page created live (an alias made by a
    # translation sync, a copy) announces itself only here. Drafts change nothing public.
    if created and isinstance(instance, Page) and instance.live:
        invalidate()


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    # An association's fields of action change when a profile is saved directly (not through
    # a revision, which announces itself with ``published``).
    if action in ("post_add", "post_remove", "post_clear") and instance._meta.label in MODELS_WITH_PUBLIC_RELATIONS:
        invalidate()


def connect_invalidation() -> None:
    """Connect the signals that start a new generation (from ``AppConfig.ready``)."""
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_invalidate, dispatch_uid=f"page-cache-{signal!r}")
    for label in (*PUBLIC_MODELS, get_document_model_string(), get_image_model_string()):
        post_save.connect(_invalidate, sender=label, dispatch_uid=f"page-cache-save-{label}")
        post_delete.connect(_invalidate, sender=label, dispatch_uid=f"page-cache-delete-{label}")
    # Every page model: deleting a page (any type) or creating one live.
    post_delete.connect(_page_deleted, dispatch_uid="page-cache-page-delete")
    post_save.connect(_any_page_saved, dispatch_uid="page-cache-page-save")
    m2m_changed.connect(_m2m_changed, dispatch_uid="page-cache-m2m")
    post_save.connect(_signature_changed, sender=SIGNATURE_MODEL, dispatch_uid="page-cache-signature-save")
    post_delete.connect(_signature_changed, sender=SIGNATURE_MODEL, dispatch_uid="page-cache-signature-delete")
