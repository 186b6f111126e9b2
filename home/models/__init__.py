"""Every model of the public site, for Django (which loads ``home.models``) and for other apps.

Each domain keeps its models in its own package (``home/<domain>/models.py``, page types in
``pages.py``); this module only re-exports them. The domains import each other's modules
directly, never this one (it imports every page type, the top of their layers); the demo
content, the management commands and the extranet may.
"""

from home.declarations.models import (
    Signature,
    SignatureInvalidation,
    SignatureKind,
    SignatureStatus,
)
from home.declarations.pages import DeclarationIndexPage, DeclarationPage
from home.directory.models import (
    Association,
    AssociationContact,
    AssociationReport,
    MembershipStatus,
    ReportVisibility,
    StatusPeriod,
)
from home.directory.pages import MembersIndexPage
from home.library.models import (
    DatePrecision,
    DocumentLanguage,
    DocumentText,
    DocumentTextPage,
    IdentifierScheme,
    Jurisdiction,
    LegalIdentifier,
    LegalResourceLanguage,
    LegalResourcePage,
    LegalStatus,
    RelationKind,
    ResourceRelation,
    ResourceType,
    TextStatus,
)
from home.library.pages import LibraryIndexPage
from home.mail.models import EmailStatus, OutgoingEmail
from home.news.models import NewsPage
from home.news.pages import EventIndexPage, EventPage, NewsIndexPage
from home.site.models import CollectiveSettings, FormField, StandardPage
from home.site.pages import ContactPage, HomePage
from home.taxonomy.models import IssuingBody, Topic

__all__ = [
    "Association",
    "AssociationContact",
    "AssociationReport",
    "CollectiveSettings",
    "EmailStatus",
    "ContactPage",
    "DatePrecision",
    "DeclarationIndexPage",
    "DeclarationPage",
    "DocumentLanguage",
    "DocumentText",
    "DocumentTextPage",
    "EventIndexPage",
    "EventPage",
    "FormField",
    "HomePage",
    "IdentifierScheme",
    "IssuingBody",
    "Jurisdiction",
    "LegalIdentifier",
    "LegalResourceLanguage",
    "LegalResourcePage",
    "LegalStatus",
    "LibraryIndexPage",
    "MembersIndexPage",
    "MembershipStatus",
    "NewsIndexPage",
    "NewsPage",
    "OutgoingEmail",
    "RelationKind",
    "ReportVisibility",
    "ResourceRelation",
    "StatusPeriod",
    "ResourceType",
    "Signature",
    "SignatureInvalidation",
    "SignatureKind",
    "SignatureStatus",
    "StandardPage",
    "TextStatus",
    "Topic",
]
