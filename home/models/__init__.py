"""Public site models, one module per concern, re-exported here."""

from .declarations import DeclarationIndexPage, DeclarationPage
from .directory import (
    Association,
    AssociationContact,
    AssociationReport,
    MembershipStatus,
    MembersIndexPage,
    ReportVisibility,
)
from .library import (
    DatePrecision,
    DocumentLanguage,
    Jurisdiction,
    LegalResourceLanguage,
    LegalResourcePage,
    LibraryIndexPage,
    ResourceType,
)
from .news import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from .pages import ContactPage, FormField, HomePage, StandardPage
from .settings import CollectiveSettings
from .signatures import Signature, SignatureKind, SignatureStatus
from .taxonomy import IssuingBody, Topic

__all__ = [
    "Association",
    "AssociationContact",
    "AssociationReport",
    "CollectiveSettings",
    "ContactPage",
    "DatePrecision",
    "DeclarationIndexPage",
    "DeclarationPage",
    "DocumentLanguage",
    "EventIndexPage",
    "EventPage",
    "FormField",
    "HomePage",
    "IssuingBody",
    "Jurisdiction",
    "LegalResourceLanguage",
    "LegalResourcePage",
    "LibraryIndexPage",
    "MembersIndexPage",
    "MembershipStatus",
    "NewsIndexPage",
    "NewsPage",
    "ReportVisibility",
    "ResourceType",
    "Signature",
    "SignatureKind",
    "SignatureStatus",
    "StandardPage",
    "Topic",
]
