"""factory_boy factories of the whole suite: one per model, for the public site and the member area.

Page factories take a ``parent`` page, attach the new page with
``parent.add_child(instance=...)`` and publish it through a revision
(``publish=False`` leaves a draft; ``revision=False`` skips revisions for bulk data).
Users log in with ``PASSWORD`` and their email (verified, as allauth requires).
"""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from extranet.models import (
    Ballot,
    BallotKind,
    FollowUpAction,
    InternalDocument,
    Invitation,
    Meeting,
    Membership,
    Minutes,
)
from extranet.services.ballots import ensure_choices
from home.library.models import Jurisdiction
from home.models import (
    Association,
    AssociationContact,
    ContactPage,
    DeclarationIndexPage,
    DeclarationPage,
    EventIndexPage,
    EventPage,
    FormField,
    HomePage,
    IssuingBody,
    LegalResourceLanguage,
    LegalResourcePage,
    LibraryIndexPage,
    MembershipStatus,
    MembersIndexPage,
    NewsIndexPage,
    NewsPage,
    ResourceType,
    Signature,
    SignatureKind,
    SignatureStatus,
    StandardPage,
    Topic,
)

PASSWORD = "a-long-test-password-2014"
# What a person types in a declaration's signature form (the honeypot "website_url" left empty).
SIGNATURE_FORM = {
    "first_name": "Marie",
    "last_name": "Curieuse",
    "email": "marie@example.org",
    "organisation": "",
    "country": "FR",
    "consent": "on",
    "website_url": "",
}


def root_collection() -> Collection:
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


class UserFactory(DjangoModelFactory):
    """An active user whose email is verified (allauth requires it to log in); the username is an email
    address, or gets ``@example.org`` for its email."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.org")
    email = factory.LazyAttribute(
        lambda user: user.username if "@" in user.username else f"{user.username}@example.org"
    )
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_fr = factory.Sequence(lambda n: f"Thème {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class IssuingBodyFactory(DjangoModelFactory):
    class Meta:
        model = IssuingBody
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"organisme-{n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    name_fr = factory.Sequence(lambda n: f"Organisme {n}")
    name_en = factory.Sequence(lambda n: f"Body {n}")


class AssociationFactory(DjangoModelFactory):
    class Meta:
        model = Association
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association {n}")
    acronym = factory.Sequence(lambda n: f"A{n}")
    slug = factory.Sequence(lambda n: f"association-{n}")
    status = MembershipStatus.MEMBER
    summary_fr = factory.LazyAttribute(lambda a: f"Présentation de {a.name}")
    summary_en = factory.LazyAttribute(lambda a: f"About {a.name}")
    description_fr = factory.LazyAttribute(lambda a: f"<p>Description française de {a.name}</p>")
    description_en = factory.LazyAttribute(lambda a: f"<p>English description of {a.name}</p>")
    website_fr = "https://example.org/fr/"
    website_en = "https://example.org/en/"
    live = True

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_action.set(extracted)
            self.save()


class AssociationContactFactory(DjangoModelFactory):
    """A contact for members only, as the model has it by default (``is_public=True`` for the public site)."""

    class Meta:
        model = AssociationContact

    association = factory.SubFactory(AssociationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    role_fr = "Présidente"
    role_en = "Chair"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    is_public = False


class PageFactory(factory.Factory):
    """Base of the page factories: ``parent`` is required."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def _create(cls, model_class, *args, parent: Page, publish: bool = True, revision: bool = True, **kwargs):
        if not kwargs.get("slug"):
            from django.utils.text import slugify

            kwargs["slug"] = slugify(kwargs["title"])
        if not revision:
            now = timezone.now()
            kwargs.setdefault("first_published_at", now)
            kwargs.setdefault("last_published_at", now)
        page = model_class(*args, live=publish and not revision, **kwargs)
        parent.add_child(instance=page)
        if revision:
            page_revision = page.save_revision()
            if publish:
                page_revision.publish()
                page.refresh_from_db()
        return page

    @classmethod
    def _build(cls, model_class, *args, parent=None, publish=True, revision=True, **kwargs):
        return model_class(*args, **kwargs)


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Accueil"
    introduction = "Le collectif « Ensemble contre la traite des êtres humains »."


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page standard {n}")
    introduction = "Une page d'information."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Texte de la page.</p>")])


class ContactPageFactory(PageFactory):
    class Meta:
        model = ContactPage

    title = "Contact"
    introduction = "Écrivez à la coordination."
    thank_you_text = "<p>Merci pour votre message.</p>"
    subject = "Message du site"


class FormFieldFactory(DjangoModelFactory):
    class Meta:
        model = FormField

    label = factory.Sequence(lambda n: f"Champ {n}")
    field_type = "singleline"
    required = True


class MembersIndexPageFactory(PageFactory):
    class Meta:
        model = MembersIndexPage

    title = "Nos membres"


class LibraryIndexPageFactory(PageFactory):
    class Meta:
        model = LibraryIndexPage

    title = "Droit"


class LegalResourcePageFactory(PageFactory):
    """``topics`` (Topic list) and ``languages`` (codes) go through the page's clusters."""

    class Meta:
        model = LegalResourcePage

    title = factory.Sequence(lambda n: f"Texte juridique {n}")
    summary = "<p>Résumé du texte.</p>"
    issuing_body = factory.SubFactory(IssuingBodyFactory)
    resource_type = ResourceType.CONVENTION
    date = datetime.date(2005, 5, 16)
    jurisdiction = Jurisdiction.INTERNATIONAL

    @classmethod
    def _create(cls, model_class, *args, topics=(), languages=(), **kwargs):
        kwargs["topics"] = list(topics)
        kwargs["languages"] = [LegalResourceLanguage(language=code) for code in languages]
        return super()._create(model_class, *args, **kwargs)


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Actualités"


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Actualité {n}")
    introduction = "Une nouvelle du collectif."
    date = datetime.date(2014, 10, 1)
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Corps de l'article.</p>")])


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Agenda"


class EventPageFactory(PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Événement {n}")
    introduction = "Une réunion du collectif."
    start = factory.LazyFunction(lambda: (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    location_name = "Maison des associations"
    address = "10 rue de Paris, 75010 Paris"


class DeclarationIndexPageFactory(PageFactory):
    class Meta:
        model = DeclarationIndexPage

    title = "Déclarations"


class DeclarationPageFactory(PageFactory):
    class Meta:
        model = DeclarationPage

    title = factory.Sequence(lambda n: f"Déclaration {n}")
    summary = "<p>Résumé de la déclaration.</p>"
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Texte intégral.</p>")])
    recommendations = factory.LazyFunction(
        lambda: [
            ("recommendation", {"title": "Protéger", "text": "<p>Protéger les victimes.</p>"}),
            ("recommendation", {"title": "Poursuivre", "text": "<p>Poursuivre les trafiquants.</p>"}),
            ("recommendation", {"title": "Prévenir", "text": "<p>Prévenir la traite.</p>"}),
        ]
    )
    signatures_open = True


class SignatureFactory(DjangoModelFactory):
    """A person's confirmed signature of ``declaration`` (``status=SignatureStatus.PENDING``: yet to confirm).

    ``signature.raw_token`` is the token of its confirmation and withdrawal links (only its hash is stored).
    """

    class Meta:
        model = Signature

    class Params:
        declaration = None

    declaration_key = factory.LazyAttribute(lambda signature: signature.declaration.translation_key)
    kind = SignatureKind.PERSON
    status = SignatureStatus.CONFIRMED
    confirmed_at = factory.LazyAttribute(
        lambda signature: timezone.now() if signature.status == SignatureStatus.CONFIRMED else None
    )
    first_name = "Alice"
    last_name = "Martin"
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    country = "FR"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        signature = model_class(*args, **kwargs)
        signature.raw_token = signature.issue_token()
        signature.save()
        return signature


# --- Member area ------------------------------------------------------------------------


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    title_fr = factory.Sequence(lambda n: f"Réunion plénière {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    place_fr = "Paris"


class MinutesFactory(DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(
        MeetingFactory, starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    )
    summary_fr = "<p>Compte rendu de la réunion.</p>"
    is_published = True


class FollowUpActionFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    minutes = factory.SubFactory(MinutesFactory)
    description_fr = factory.Sequence(lambda n: f"Action de suivi {n}")
    association = factory.SubFactory(AssociationFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=20))


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Document {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.LazyAttribute(lambda doc: ContentFile(b"%PDF-1.4\n% test document\n%%EOF\n", name="document.pdf"))


class InternalDocumentFactory(DjangoModelFactory):
    class Meta:
        model = InternalDocument

    title_fr = factory.Sequence(lambda n: f"Modèle de communiqué {n}")
    document = factory.SubFactory(DocumentFactory)


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    association = factory.SubFactory(AssociationFactory)
    language = "fr"


class BallotFactory(DjangoModelFactory):
    """An admission ballot open from now for a week (``concerned_association`` must be given), with Yes,
    No and Abstention; ``kind=BallotKind.OTHER`` for another question."""

    class Meta:
        model = Ballot
        skip_postgeneration_save = True

    kind = BallotKind.ADMISSION
    question_fr = factory.LazyAttribute(
        lambda b: f"Admettre {b.concerned_association.name} comme membre ?" if b.concerned_association else "Question ?"
    )
    question_en = factory.LazyAttribute(
        lambda b: f"Admit {b.concerned_association.name} as a member?" if b.concerned_association else "Question?"
    )
    opens_at = factory.LazyFunction(timezone.now)
    closes_at = factory.LazyAttribute(lambda b: b.opens_at + datetime.timedelta(days=7))
    quorum_percent = 50
    if_rejected = "extend"
    extend_months = 6

    @factory.post_generation
    def with_choices(ballot, create, extracted, **kwargs):
        if create:
            ensure_choices(ballot)


def enrol_authenticator_app(user):
    """An authenticator app (TOTP) for ``user``, as allauth.mfa stores it: staff need one for the admin."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, generate_totp_secret()).instance
