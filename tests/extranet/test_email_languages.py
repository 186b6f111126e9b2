"""Every email the site sends is written in its recipient's language (subject and body), whatever the
language of the request that caused it, and one submission to moderation sends one email per recipient.

The emails: signature confirmation and "already signed" (the signer's language), invitations (the
invitation's language), account emails of allauth and Wagtail's moderation notifications (the user's
preferred language, else French), the contact form (the coordination's language). They are here
together, in the member area's tests, because the moderation ones need its associations and members.
"""

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from extranet.services import invitations
from extranet.services.profiles import submit_profile
from home.declarations.emails import send_already_signed_email
from home.models import FormField

from ..factories import InvitationFactory, SignatureFactory, UserFactory

FRENCH, ENGLISH = "fr", "en"
OTHER = {FRENCH: ENGLISH, ENGLISH: FRENCH}


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def written_in(message, language, *, words: dict):
    """The subject and body of ``message`` carry the words of ``language`` and none of the other one's."""
    whole = f"{message.subject}\n{message.body}"
    present = [word for word in words[language] if word in whole]
    foreign = [word for word in words[OTHER[language]] if word in whole]
    assert present == words[language], f"missing {set(words[language]) - set(present)} in:\n{whole}"
    assert foreign == [], f"{foreign} in the {language} email:\n{whole}"


# --- Signatures -------------------------------------------------------------------------------


ALREADY_SIGNED = {
    FRENCH: ["Votre signature est déjà comptée", "Bonjour « Alice »", "Ensemble contre la traite"],
    ENGLISH: ["Your signature is already counted", "Hello “Alice”", "Together against trafficking"],
}


@pytest.mark.parametrize("signed_in", [FRENCH, ENGLISH])
def test_already_signed_is_written_in_the_language_the_address_signed_in(client, content, signed_in):
    """Someone signs again with an address that signed: its owner is told in the language they signed in,
    with the declaration's title in that language, even when the new request is in the other language."""
    SignatureFactory(declaration=content.declaration, email="marie@example.org", language=signed_in)
    page = content.declaration if signed_in == ENGLISH else content.declaration_en  # the other language
    client.post(
        page.url,
        {
            "first_name": "Alice",
            "last_name": "Martin",
            "email": "marie@example.org",
            "organisation": "",
            "country": "FR",
            "consent": "on",
            "website_url": "",
        },
    )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    written_in(message, signed_in, words=ALREADY_SIGNED)
    title = content.declaration.title if signed_in == FRENCH else content.declaration_en.title
    assert title in message.subject


def test_already_signed_falls_back_to_the_declaration_when_it_has_no_translation_in_that_language(content):
    signature = SignatureFactory(declaration=content.declaration, email="m@example.org", language=ENGLISH)
    content.declaration_en.delete()

    with translation.override(FRENCH):
        send_already_signed_email(declaration=content.declaration, signature=signature)

    written_in(mail.outbox[0], ENGLISH, words=ALREADY_SIGNED)


# --- Invitations --------------------------------------------------------------------------------


INVITATION = {
    FRENCH: ["Votre accès à l'espace membres", "Ensemble contre la traite des êtres humains"],
    ENGLISH: ["Your access to the members' area", "Together against trafficking in human beings"],
}


@pytest.mark.parametrize("language", [FRENCH, ENGLISH])
def test_the_invitation_is_written_in_its_language_not_the_senders(association_a, language):
    invitation = InvitationFactory(association=association_a, email="new@example.org", language=language)

    with translation.override(OTHER[language]):  # the coordinator's admin is in the other language
        invitations.send_invitation(invitation=invitation)

    written_in(mail.outbox[0], language, words=INVITATION)


def test_accepting_an_invitation_makes_its_language_the_members_language(association_a):
    invitation = InvitationFactory(association=association_a, email="new@example.org", language=ENGLISH)
    invitations.send_invitation(invitation=invitation)

    user = invitations.accept_invitation(invitation=invitation, password="a long enough passphrase 42")

    assert UserProfile.get_for_user(user).preferred_language == ENGLISH


# --- Account emails (allauth) ----------------------------------------------------------------


PASSWORD_RESET = {
    FRENCH: ["[Ensemble contre la traite]", "mot de passe"],
    ENGLISH: ["[Together against trafficking]", "You're receiving this email because"],
}


@pytest.mark.parametrize("language", [FRENCH, ENGLISH])
def test_the_password_reset_email_is_in_the_members_language_not_the_pages(client, member_a, language):
    prefer(member_a, language)
    form_url = "/en/accounts/password/reset/" if language == FRENCH else "/fr/comptes/password/reset/"

    client.post(form_url, {"email": "ccem@example.org"})

    assert len(mail.outbox) == 1
    written_in(mail.outbox[0], language, words=PASSWORD_RESET)


def test_without_a_preferred_language_account_emails_are_french(client, member_a):
    client.post("/en/accounts/password/reset/", {"email": "ccem@example.org"})

    written_in(mail.outbox[0], FRENCH, words=PASSWORD_RESET)


# --- Contact form ---------------------------------------------------------------------------------


@pytest.fixture
def english_contact_form(site_tree):
    """The English contact page with English labels (the same field names) and subject."""
    page = site_tree.en.contact
    fields = FormField.objects.filter(page=page).order_by("sort_order")
    for field, label in zip(fields, ["Name", "Email", "Message"], strict=True):
        field.label = label
        field.save(update_fields=["label"])
    page.subject = "Message from the site"
    page.save_revision().publish()
    return site_tree


CONTACT = {
    FRENCH: ["Message du site", "Nom: Mary", "Courriel: mary@example.org"],
    ENGLISH: ["Message from the site", "Name: Mary", "Email: mary@example.org"],
}


@pytest.mark.parametrize("page_language", [FRENCH, ENGLISH])
def test_the_contact_form_writes_to_the_coordination_in_french(client, english_contact_form, page_language):
    page = getattr(english_contact_form, page_language).contact
    client.post(page.url, {"nom": "Mary", "courriel": "mary@example.org", "message": "Hello, we would like to join."})

    assert len(mail.outbox) == 1
    written_in(mail.outbox[0], FRENCH, words=CONTACT)
    assert "Hello, we would like to join." in mail.outbox[0].body


@override_settings(COORDINATION_LANGUAGE=ENGLISH)
def test_the_coordination_language_is_a_setting(client, english_contact_form):
    client.post(
        english_contact_form.fr.contact.url, {"nom": "Mary", "courriel": "mary@example.org", "message": "Bonjour"}
    )

    written_in(mail.outbox[0], ENGLISH, words=CONTACT)


# --- Moderation (Wagtail's workflow notifications) --------------------------------------------------


@pytest.fixture
def moderators(site_tree, coordinator):
    """The coordinator (superuser) reads French, a moderator English: both are told of submissions."""
    moderator = UserFactory(username="moderatrice@example.org", is_staff=True)
    moderator.groups.add(site_tree.workflows.profiles.tasks.get().specific.groups.get())
    return {FRENCH: prefer(coordinator, FRENCH), ENGLISH: prefer(moderator, ENGLISH)}


PROFILE_SUBMITTED = {
    FRENCH: ["a été soumis(e) pour validation", "Validation par la coordination"],
    ENGLISH: ["has been submitted for approval", "Coordination approval"],
}


def emails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_a_submitted_profile_sends_one_email_to_each_moderator_in_their_language(association_a, member_a, moderators):
    """A member of the English extranet submits: the French coordinator reads French, the English
    moderator English, the task's name translated; each receives one email, the member none."""
    with translation.override(ENGLISH):
        submit_profile(association=association_a, user=member_a)

    assert len(mail.outbox) == 2, [(m.to, m.subject) for m in mail.outbox]
    for language, user in moderators.items():
        (message,) = emails_to(user)
        written_in(message, language, words=PROFILE_SUBMITTED)
        assert "CCEM" in message.subject
    assert emails_to(member_a) == []


PAGE_SUBMITTED = {
    FRENCH: ["a été soumise pour validation", "Validation par les modérateurs"],
    ENGLISH: ["has been submitted for approval", "Moderators approval"],
}


def test_a_submitted_page_sends_one_email_to_each_moderator_in_their_language(site_tree, member_a, moderators):
    site_tree.workflows.pages.start(site_tree.fr.standard, member_a)

    assert len(mail.outbox) == 2, [(m.to, m.subject) for m in mail.outbox]
    for language, user in moderators.items():
        (message,) = emails_to(user)
        written_in(message, language, words=PAGE_SUBMITTED)
        assert f"http://testserver/admin/pages/{site_tree.fr.standard.pk}/edit/" in message.body


def test_a_superuser_submitting_is_not_told_of_their_own_submission(site_tree, moderators):
    coordinator = moderators[FRENCH]
    site_tree.workflows.pages.start(site_tree.fr.standard, coordinator)

    assert emails_to(coordinator) == []
    assert len(emails_to(moderators[ENGLISH])) == 1


PROFILE_DECIDED = {
    FRENCH: ["a été approuvé", "Validation des fiches d'association"],
    ENGLISH: ["has been approved", "Association profile approval"],
}


@pytest.mark.parametrize("language", [FRENCH, ENGLISH])
def test_the_member_learns_of_the_approval_in_their_language(association_a, member_a, moderators, language):
    prefer(member_a, language)
    submit_profile(association=association_a, user=member_a)
    mail.outbox.clear()

    with translation.override(OTHER[language]):  # the coordinator's admin is in the other language
        association_a.current_workflow_state.current_task_state.approve(user=moderators[FRENCH])

    (message,) = emails_to(member_a)
    written_in(message, language, words=PROFILE_DECIDED)


REJECTED = {
    FRENCH: ["Corrigez-le depuis votre tableau de bord", "Validation par la coordination"],
    ENGLISH: ["Correct it from your dashboard", "Coordination approval"],
}


@pytest.mark.parametrize("language", [FRENCH, ENGLISH])
def test_the_member_learns_of_a_request_for_changes_in_their_language(association_a, member_a, moderators, language):
    prefer(member_a, language)
    submit_profile(association=association_a, user=member_a)
    mail.outbox.clear()

    with translation.override(OTHER[language]):
        association_a.current_workflow_state.current_task_state.reject(user=moderators[FRENCH], comment="Le logo ?")

    (message,) = emails_to(member_a)
    written_in(message, language, words=REJECTED)


def test_a_workflow_named_by_an_editor_keeps_its_name(association_a, member_a, moderators, site_tree):
    """A name that is not in the catalogue is shown as typed, in both languages."""
    Workflow.objects.filter(pk=site_tree.workflows.profiles.pk).update(name="Relecture du printemps")
    task = site_tree.workflows.profiles.tasks.get()
    task.name = "Relecture du printemps"
    task.save()

    submit_profile(association=association_a, user=member_a)

    assert all("Relecture du printemps" in message.subject + message.body for message in mail.outbox)
