"""factory_boy factories for the member area (independent of the public site's factories)."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model
from wagtail.models import Collection

from extranet.models import FollowUpAction, InternalDocument, Invitation, Meeting, Membership, Minutes
from home.models import Association, AssociationContact, MembershipStatus

PASSWORD = "a-long-test-password-2014"


def root_collection() -> Collection:
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


class UserFactory(DjangoModelFactory):
    """An active user whose email is verified (allauth requires it to log in)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"ext-user{n}@example.org")
    email = factory.LazyAttribute(lambda user: user.username)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


class AssociationFactory(DjangoModelFactory):
    class Meta:
        model = Association
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association extranet {n}")
    acronym = factory.Sequence(lambda n: f"AX{n}")
    slug = factory.Sequence(lambda n: f"association-extranet-{n}")
    status = MembershipStatus.MEMBER
    summary_fr = "Une association du collectif."
    summary_en = "An association of the collective."
    description_fr = "<p>Description en français.</p>"
    description_en = "<p>Description in English.</p>"
    live = True


class AssociationContactFactory(DjangoModelFactory):
    class Meta:
        model = AssociationContact

    association = factory.SubFactory(AssociationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    is_public = False


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Réunion plénière {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    place = "Paris"


class MinutesFactory(DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(
        MeetingFactory, starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    )
    summary = "<p>Compte rendu de la réunion.</p>"
    is_published = True


class FollowUpActionFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    minutes = factory.SubFactory(MinutesFactory)
    description = factory.Sequence(lambda n: f"Action de suivi {n}")
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

    title = factory.Sequence(lambda n: f"Modèle de communiqué {n}")
    document = factory.SubFactory(DocumentFactory)


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    association = factory.SubFactory(AssociationFactory)
    language = "fr"
