"""Declarations in the extranet: associations sign (once they confirm) and propose declarations.

The confirmation and the withdrawal are tested in test_association_signing.py."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import WorkflowState
from wagtail_localize.models import Translation

from extranet.models import DeclarationProposal
from extranet.services import declarations as declaration_flows
from home.models import DeclarationPage, Signature, SignatureKind, SignatureStatus

from ..files import pdf_bytes
from ..html import element, text


@pytest.fixture(autouse=True)
def _english():
    """These tests read the English texts of the extranet (URLs are reversed under /en/)."""
    translation.activate("en")
    yield
    translation.activate("fr")


CONFIRMED = {"confirm": "on"}  # the box the user ticks on the confirmation page


def sign_url(declaration, association):
    return reverse("extranet:declaration_sign", args=[declaration.translation_key, association.slug])


def dashboard(client, language="en"):
    with translation.override(language):
        url = reverse("extranet:dashboard")
    response = client.get(url)
    assert response.status_code == 200
    return response.text


# --- Signing as an association --------------------------------------------------------


def test_an_association_signs_once_confirmed_recorded_with_who_signed(client, declarations, member_a, association_a):
    client.force_login(member_a)
    page = dashboard(client, "fr")
    assert "Déclaration des Balkans" in page
    assert sign_url(declarations.open, association_a) in page
    assert "Signer au nom de Comité contre l&#x27;esclavage moderne" in page

    response = client.post(sign_url(declarations.open, association_a), CONFIRMED)

    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.kind == SignatureKind.ORGANISATION
    assert signature.status == SignatureStatus.CONFIRMED
    assert signature.association == association_a and signature.signed_by == member_a
    assert signature.declaration_key == declarations.open.translation_key
    page = dashboard(client)
    assert sign_url(declarations.open, association_a) not in page
    assert "by ccem@example.org" in page


def test_signing_twice_changes_nothing(client, declarations, member_a, association_a, member_b, association_b):
    client.force_login(member_a)
    client.post(sign_url(declarations.open, association_a), CONFIRMED)
    first = Signature.objects.get()

    client.post(sign_url(declarations.open, association_a), CONFIRMED)
    # Another user of the same association, from the English page of the same declaration.
    colleague = member_b
    colleague.memberships.create(association=association_a)
    client.force_login(colleague)
    client.post(sign_url(declarations.open_en, association_a), CONFIRMED)

    assert Signature.objects.count() == 1
    assert Signature.objects.get().signed_by == member_a == first.signed_by


def test_the_dashboard_lists_declarations_in_the_active_language(client, declarations, member_a):
    client.force_login(member_a)
    english = dashboard(client, "en")
    assert "Balkans Declaration" in english and "Déclaration des Balkans" not in english
    assert "Declarations open for signature" in english
    # Closed declarations are not offered.
    assert "Call of 2010" not in english and "Appel de 2010" not in dashboard(client)


def test_observer_associations_sign_too(client, declarations, observer_user, observer_association):
    client.force_login(observer_user)
    client.post(sign_url(declarations.open, observer_association), CONFIRMED)
    assert Signature.objects.get().association == observer_association


def test_a_user_cannot_sign_for_another_association(client, declarations, member_a, association_b):
    client.force_login(member_a)
    response = client.post(sign_url(declarations.open, association_b), CONFIRMED)
    assert response.status_code == 403
    assert client.get(sign_url(declarations.open, association_b)).status_code == 403
    assert not Signature.objects.exists()


def test_coordinators_without_membership_cannot_sign_for_an_association(
    client, declarations, coordinator, association_a
):
    client.force_login(coordinator)
    assert client.post(sign_url(declarations.open, association_a), CONFIRMED).status_code == 403
    assert not Signature.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, declarations, association_a):
    response = client.post(sign_url(declarations.open, association_a), CONFIRMED)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not Signature.objects.exists()


def test_the_sign_address_asks_for_confirmation_and_signs_nothing(client, declarations, member_a, association_a):
    client.force_login(member_a)
    response = client.get(sign_url(declarations.open, association_a))
    assert response.status_code == 200
    assert 'name="confirm"' in response.text
    assert not Signature.objects.exists()


def test_a_closed_declaration_refuses_signatures(client, declarations, member_a, association_a):
    client.force_login(member_a)
    response = client.post(sign_url(declarations.closed, association_a), CONFIRMED, follow=True)
    assert not Signature.objects.exists()
    assert "no longer takes signatures" in response.text


@pytest.mark.parametrize("closing", ["closed", "deadline passed"])
def test_the_signing_service_itself_refuses_a_closed_declaration(declarations, member_a, association_a, closing):
    """The view relies on the service: a declaration closed meanwhile is refused there, not only on the page."""
    if closing == "closed":
        declaration = declarations.closed
    else:
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        DeclarationPage.objects.filter(pk=declarations.open.pk).update(signature_deadline=yesterday)
        declaration = DeclarationPage.objects.get(pk=declarations.open.pk)

    with pytest.raises(declaration_flows.DeclarationClosed):
        declaration_flows.sign_for_association(declaration=declaration, association=association_a, user=member_a)

    assert not Signature.objects.exists()


def test_an_unpublished_declaration_cannot_be_signed(client, declarations, member_a, association_a):
    declarations.open.unpublish()
    declarations.open_en.unpublish()
    client.force_login(member_a)
    assert client.post(sign_url(declarations.open, association_a), CONFIRMED).status_code == 404
    assert not Signature.objects.exists()


# --- Proposals -------------------------------------------------------------------------


def propose_url(association):
    return reverse("extranet:declaration_propose", args=[association.slug])


def proposal_data(**changes):
    data = {
        "title_fr": "Appel pour la protection des mineurs",
        "summary_fr": "Un appel du collectif.",
        "text_fr": "Premier paragraphe <script>alert(1)</script>.\n\nDeuxième paragraphe.",
        "title_en": "Call for the protection of minors",
        "summary_en": "A call of the collective.",
        "text_en": "First paragraph.\n\nSecond paragraph.",
        "external_url": "https://www.example.org/appel",
        "document": SimpleUploadedFile("appel.pdf", pdf_bytes(), content_type="application/pdf"),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def approve(page, user, action="approve", **kwargs):
    """What a coordinator's click on "Approve" or "Request changes" does in the admin."""
    page = DeclarationPage.objects.get(pk=page.pk)
    workflow_state = page.current_workflow_state
    page.current_workflow_task.on_action(workflow_state.current_task_state, user, action, **kwargs)
    return DeclarationPage.objects.get(pk=page.pk)


@pytest.fixture
def proposing(client, declarations, member_a):
    client.force_login(member_a)
    return client


@pytest.fixture
def proposal(proposing, association_a):
    response = proposing.post(propose_url(association_a), proposal_data())
    assert response.status_code == 302, response.text
    return DeclarationProposal.objects.get()


def test_the_proposal_form_shows_french_and_english_fields(proposing, association_a):
    page = proposing.get(propose_url(association_a)).text
    for name in ("title_fr", "summary_fr", "text_fr", "title_en", "summary_en", "text_en", "document", "external_url"):
        assert f'name="{name}"' in page
    assert propose_url(association_a) in dashboard(proposing)


def test_a_proposal_becomes_a_draft_declaration_in_moderation(client, proposal, site_tree, association_a, member_a):
    page = proposal.page
    assert proposal.association == association_a and proposal.proposer == member_a
    assert (
        proposal.title_en == "Call for the protection of minors"
        and proposal.text_en == "First paragraph.\n\nSecond paragraph."
    )
    assert not page.live and page.get_parent().specific == site_tree.fr.declarations
    assert page.locale == site_tree.fr.declarations.locale and page.slug == "appel-pour-la-protection-des-mineurs"
    assert list(page.carried_by.all()) == [association_a]
    assert not page.signatures_open
    assert page.external_url == "https://www.example.org/appel"
    assert page.latest_revision.user == member_a
    body = str(page.body[0].value)
    assert "&lt;script&gt;" in body and "<script>" not in body and body.count("<p>") == 2
    document = page.documents[0].value["document"]
    assert document.file.name.endswith(".pdf") and document.file.read().startswith(b"%PDF-")

    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.workflow == site_tree.workflows.pages
    assert state.requested_by == member_a
    assert not member_a.has_perm("wagtailadmin.access_admin")

    anonymous = client.__class__()
    assert anonymous.get(f"/fr/declarations/{page.slug}/").status_code == 404
    assert "Awaiting approval by the coordination." in dashboard(client)


def test_titles_get_a_unique_slug(proposing, association_a, declarations):
    for _ in range(2):
        proposing.post(propose_url(association_a), proposal_data(title_fr="Déclaration des Balkans"))
    slugs = sorted(proposal.page.slug for proposal in DeclarationProposal.objects.all())
    assert slugs == ["declaration-des-balkans", "declaration-des-balkans-1"]


def test_approval_publishes_and_the_dashboard_links_to_the_declaration(proposing, proposal, coordinator):
    page = approve(proposal.page, coordinator)

    assert page.live
    anonymous = proposing.__class__()
    assert anonymous.get(page.url).status_code == 200
    html = dashboard(proposing, "fr")  # in French, the French page (the English one is tested below)
    assert "Validée et publiée." in html and f'href="{page.url}"' in html
    assert "En attente" not in html


def test_rejection_shows_the_coordinators_comment(proposing, proposal, coordinator):
    page = approve(proposal.page, coordinator, "reject", comment="Merci de préciser les sources.")

    assert not page.live
    html = dashboard(proposing)
    assert "Sent back for changes by the coordination." in html and "Merci de préciser les sources." in html
    assert revise_url(proposal) in html


def revise_url(proposal):
    return reverse("extranet:declaration_revise", args=[proposal.association.slug, proposal.pk])


def test_a_proposal_sent_back_is_revised_and_sent_for_approval_again(proposing, proposal, coordinator, member_a):
    approve(proposal.page, coordinator, "reject", comment="Merci de préciser les sources.")
    form = proposing.get(revise_url(proposal)).text
    # The form holds what was sent, and the coordination's comment.
    assert "Merci de préciser les sources." in form
    assert "Appel pour la protection des mineurs" in form
    assert "Premier paragraphe &lt;script&gt;alert(1)&lt;/script&gt;.\n\nDeuxième paragraphe." in form
    assert "A call of the collective." in form

    response = proposing.post(
        revise_url(proposal),
        proposal_data(title_fr="Appel révisé", text_fr="Avec les sources.\n\nSecond paragraphe.", document=None),
    )

    assert response.status_code == 302
    page = DeclarationPage.objects.get(pk=proposal.page.pk)
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Appel révisé"
    assert draft.body[0].value.source == "<p>Avec les sources.</p><p>Second paragraphe.</p>"
    assert draft.documents  # the document sent first is kept
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Awaiting approval by the coordination." in dashboard(proposing)

    published = approve(page, coordinator)
    assert published.live and published.title == "Appel révisé"


@pytest.mark.parametrize("use_html", [False, True])
def test_the_member_is_emailed_a_link_to_revise_not_one_to_the_admin(
    proposing, proposal, coordinator, member_a, settings, use_html
):
    from django.core import mail

    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = use_html
    mail.outbox.clear()
    approve(proposal.page, coordinator, "reject", comment="Merci de préciser les sources.")

    [message] = [m for m in mail.outbox if member_a.email in m.to]
    bodies = [message.body] + [content for content, _type in getattr(message, "alternatives", [])]
    assert len(bodies) == (2 if use_html else 1)
    with translation.override("fr"):  # the member's language (no preferred language: the site's default)
        link = revise_url(proposal)
    for body in bodies:
        assert link in body
        assert "Merci de préciser les sources." in body
        assert "/admin/" not in body
    # Coordinators' own notifications keep their admin links.
    mail.outbox.clear()
    proposing.post(revise_url(proposal), proposal_data(document=None))
    to_coordinators = [m for m in mail.outbox if member_a.email not in m.to]
    assert to_coordinators and all("/admin/" in m.body for m in to_coordinators)


def test_only_a_proposal_sent_back_can_be_revised(proposing, proposal, coordinator):
    before = proposal.page.get_latest_revision().pk
    response = proposing.post(revise_url(proposal), proposal_data(title_fr="Pendant la relecture", document=None))
    assert response.status_code == 302
    assert DeclarationPage.objects.get(pk=proposal.page.pk).get_latest_revision().pk == before
    assert "not waiting for changes" in proposing.get(response["Location"]).text


@pytest.mark.parametrize("state", ["awaiting approval", "published"])
def test_the_revising_service_itself_refuses_a_proposal_not_sent_back(proposal, coordinator, member_a, state):
    """The view checks first; a proposal handled meanwhile is refused by the service too."""
    if state == "published":
        approve(proposal.page, coordinator)
    page = DeclarationPage.objects.get(pk=proposal.page.pk)
    before = page.get_latest_revision().pk

    with pytest.raises(declaration_flows.ProposalNotRevisable):
        declaration_flows.revise_proposal(
            proposal,
            author=member_a,
            texts=declaration_flows.ProposedTexts(
                title_fr="Révisé sans y être invité", summary_fr="", text_fr="Texte."
            ),
        )

    page = DeclarationPage.objects.get(pk=proposal.page.pk)
    assert page.get_latest_revision().pk == before
    assert page.get_latest_revision_as_object().title == "Appel pour la protection des mineurs"
    proposal.refresh_from_db()
    assert proposal.title_en == "Call for the protection of minors"


def test_a_revision_with_errors_keeps_the_proposal_as_it_was(proposing, proposal, coordinator):
    approve(proposal.page, coordinator, "reject", comment="Trop long.")
    before = proposal.page.get_latest_revision().pk

    response = proposing.post(revise_url(proposal), proposal_data(title_fr="", document=None))

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert DeclarationPage.objects.get(pk=proposal.page.pk).get_latest_revision().pk == before
    assert DeclarationPage.objects.get(pk=proposal.page.pk).current_workflow_state.status == (
        WorkflowState.STATUS_NEEDS_CHANGES
    )


def test_another_association_cannot_revise_a_proposal(client, proposal, coordinator, member_b):
    approve(proposal.page, coordinator, "reject")
    client.force_login(member_b)
    assert client.get(revise_url(proposal)).status_code in (403, 404)
    assert client.post(revise_url(proposal), proposal_data(document=None)).status_code in (403, 404)


def test_a_document_that_is_not_a_document_is_refused_and_nothing_is_created(proposing, association_a):
    pages_before = DeclarationPage.objects.count()
    fake = SimpleUploadedFile("appel.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")

    response = proposing.post(propose_url(association_a), proposal_data(document=fake))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["document"] and form.errors.as_data()["document"][0].code == "bad_type"
    assert 'id="id_document_error"' in response.text
    assert 'value="Appel pour la protection des mineurs"' in response.text  # nothing typed is lost
    assert DeclarationPage.objects.count() == pages_before
    assert not DeclarationProposal.objects.exists()
    assert not get_document_model().objects.exists()


def test_the_french_title_is_required(proposing, association_a):
    pages_before = DeclarationPage.objects.count()
    response = proposing.post(propose_url(association_a), proposal_data(title_fr=""))
    assert response.status_code == 200
    assert "title_fr" in response.context["form"].errors
    assert 'id="id_title_fr_error"' in response.text
    assert DeclarationPage.objects.count() == pages_before and not DeclarationProposal.objects.exists()


def test_the_english_texts_the_document_and_the_link_are_optional(proposing, association_a):
    data = proposal_data(title_en="", summary_en="", text_en="", external_url="", document=None)
    assert proposing.post(propose_url(association_a), data).status_code == 302
    page = DeclarationProposal.objects.get().page
    assert not page.documents and page.external_url == ""


def test_without_a_moderation_workflow_nothing_is_created(proposing, association_a, site_tree):
    site_tree.workflows.pages.deactivate()
    pages_before = DeclarationPage.objects.count()

    response = proposing.post(propose_url(association_a), proposal_data(), follow=True)

    assert "Proposals cannot be received at the moment" in response.text
    assert DeclarationPage.objects.count() == pages_before
    assert not DeclarationProposal.objects.exists() and not get_document_model().objects.exists()


def test_a_user_proposes_only_for_their_association(proposing, association_b):
    assert proposing.get(propose_url(association_b)).status_code == 403
    assert proposing.post(propose_url(association_b), proposal_data()).status_code == 403
    assert not DeclarationProposal.objects.exists()


def test_other_associations_do_not_see_the_proposal(client, proposal, member_b):
    client.force_login(member_b)
    html = dashboard(client)
    assert "Appel pour la protection des mineurs" not in html and "Awaiting approval" not in html


def test_the_associations_other_users_see_the_proposal(client, proposal, association_a):
    from ..factories import MembershipFactory

    colleague = MembershipFactory(association=association_a).user
    client.force_login(colleague)
    html = dashboard(client)
    assert "Appel pour la protection des mineurs" in html and "Awaiting approval by the coordination." in html


def test_coordinators_find_the_proposal_awaiting_review_in_their_dashboard(client, proposal, coordinator):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    html = client.get("/admin/").text
    assert "Awaiting your review" in html
    assert "Appel pour la protection des mineurs" in html
    assert reverse("wagtailadmin_pages:edit", args=[proposal.page.pk]) in html


def test_coordinators_read_the_english_texts_of_a_proposal(client, proposal, coordinator):
    client.force_login(coordinator)
    listing = client.get(reverse("wagtailsnippets_extranet_declarationproposal:list")).text
    assert "Appel pour la protection des mineurs" in listing
    inspect = client.get(reverse("wagtailsnippets_extranet_declarationproposal:inspect", args=[proposal.pk]))
    assert inspect.status_code == 200
    assert "Call for the protection of minors" in inspect.text
    assert "First paragraph." in inspect.text
    # Proposals come from the extranet only.
    assert client.get(reverse("wagtailsnippets_extranet_declarationproposal:add")).status_code in (302, 403)


def test_members_never_reach_the_proposals_in_the_admin(client, proposal, member_a):
    client.force_login(member_a)
    response = client.get(reverse("wagtailsnippets_extranet_declarationproposal:list"))
    assert response.status_code in (302, 403)


# --- Demo content --------------------------------------------------------------------------


def test_demo_ccem_signs_the_balkans_declaration_once(db):
    call_command("load_demo_content", stdout=None)
    call_command("load_demo_content", stdout=None)

    signature = Signature.objects.get(kind=SignatureKind.ORGANISATION)
    assert signature.association.slug == "ccem"
    assert signature.signed_by.email == "ccem@example.org"
    balkans = DeclarationPage.objects.get(translation_key=signature.declaration_key, locale__language_code="fr")
    assert balkans.slug == "declaration-des-balkans"


# --- The English version of a proposal --------------------------------------------------


def english_translation_of(page, site_tree):
    return DeclarationPage.objects.filter(translation_key=page.translation_key, locale=site_tree.en.locale).first()


def test_approval_publishes_the_english_translation_from_the_members_texts(proposing, proposal, coordinator, site_tree):
    page = approve(proposal.page, coordinator)

    english = english_translation_of(page, site_tree)
    assert english is not None and english.live
    assert english.title == "Call for the protection of minors"
    assert english.slug == "call-for-the-protection-of-minors"
    assert english.get_parent().specific == site_tree.en.declarations
    assert english.url == "/en/declarations/call-for-the-protection-of-minors/"
    # A real wagtail-localize translation, so that later edits of the French page are tracked.
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=site_tree.en.locale)
    assert translation.source.locale == site_tree.fr.locale
    assert translation.get_progress() == (translation.get_progress()[0],) * 2  # every string translated

    anonymous = proposing.__class__()
    response = anonymous.get(english.url)
    assert response.status_code == 200
    shown = text(response.text)
    assert "Call for the protection of minors" in shown
    assert "A call of the collective." in shown and "First paragraph." in shown and "Second paragraph." in shown
    assert "Premier paragraphe" not in shown and "Deuxième paragraphe" not in shown
    assert "Un appel du collectif." not in shown
    # The member is sent to the declaration in their language.
    html = dashboard(proposing)
    assert f'href="{english.url}"' in html and "English translation missing" not in html


def test_the_english_text_has_as_many_paragraphs_as_the_french_one(proposing, association_a):
    response = proposing.post(propose_url(association_a), proposal_data(text_en="One.\n\nTwo.\n\nThree."))

    assert response.status_code == 200 and not DeclarationProposal.objects.exists()
    assert element(response.text, "textarea", name="text_en").get("aria-invalid") == "true"
    assert "The French version has 2 paragraphs: give the English one as many" in text(response.text)


@pytest.mark.parametrize(
    ("english", "expected"),
    [("One.\n\nTwo.\n\nThree.", ["One.", "Two.", "Three."]), ("Only one.", ["Only one."])],
)
def test_english_texts_corrected_by_a_coordinator_still_pair_up(proposal, coordinator, site_tree, english, expected):
    """Coordinators may correct the English texts in the admin, paragraphs no longer matching the French."""
    DeclarationProposal.objects.filter(pk=proposal.pk).update(text_en=english)

    page = approve(proposal.page, coordinator)

    body = str(english_translation_of(page, site_tree).body[0].value)
    assert all(paragraph in body for paragraph in expected)
    assert "Premier paragraphe" not in body and "Deuxième paragraphe" not in body


def test_without_english_texts_no_english_page_and_it_is_listed_as_missing(
    client, proposing, association_a, coordinator, site_tree
):
    response = proposing.post(propose_url(association_a), proposal_data(title_en="", summary_en="", text_en=""))
    assert response.status_code == 302
    proposal = DeclarationProposal.objects.get()
    assert "English translation missing" in dashboard(proposing)  # already before approval

    page = approve(proposal.page, coordinator)

    assert page.live
    assert english_translation_of(page, site_tree) is None
    assert not Translation.objects.filter(source__object_id=page.translation_key).exists()
    assert "English translation missing" in dashboard(proposing)
    admin = client.__class__()
    admin.force_login(coordinator)
    with translation.override("en"):
        listing = admin.get(reverse("wagtailsnippets_extranet_declarationproposal:list"))
    assert listing.status_code == 200
    assert "Traduction anglaise manquante" in text(listing.text)  # the coordinator's admin is in French


def test_the_coordinators_listing_says_which_proposals_have_their_english(
    client, proposing, proposal, coordinator, site_tree
):
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_extranet_declarationproposal:list")
    assert "Traduit à l'approbation" in text(client.get(url).text)
    page = approve(proposal.page, coordinator)
    listing = client.get(url).text
    english = english_translation_of(page, site_tree)
    assert reverse("wagtailadmin_pages:edit", args=[english.pk]) in listing
    assert "Traduction anglaise manquante" not in text(listing)


def test_a_revision_before_approval_gives_the_latest_english_texts(proposing, proposal, coordinator, site_tree):
    approve(proposal.page, coordinator, "reject", comment="Merci de préciser les sources.")
    proposing.post(
        revise_url(proposal),
        proposal_data(
            title_en="Revised call", summary_en="A revised call.", text_en="With the sources.\n\nSecond.", document=None
        ),
    )

    page = approve(proposal.page, coordinator)

    english = english_translation_of(page, site_tree)
    assert english.title == "Revised call" and english.slug == "revised-call"
    assert "With the sources." in str(english.body[0].value) and "First paragraph." not in str(english.body[0].value)
    assert "A revised call." in english.summary


def test_the_english_version_is_all_or_nothing(proposing, association_a):
    response = proposing.post(propose_url(association_a), proposal_data(summary_en="", text_en=""))

    assert response.status_code == 200
    assert not DeclarationProposal.objects.exists()
    for name in ("summary_en", "text_en"):
        field = element(response.text, "textarea", name=name)
        assert field.get("aria-invalid") == "true"
    assert "Give the English title, summary and text together, or none of them." in response.text
