"""Who is served a document, by the extranet's download and by Wagtail's /documents/: what it belongs to decides.

A document is public once what it belongs to is published (a live page linking it, an approved public
report), for its association and the coordinators before, and for coordinators only when nothing
published links it. Those not allowed get a 404 (ids cannot be probed); anonymous visitors of
/documents/ are asked to log in.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection, PageViewRestriction

from extranet.permissions import PUBLIC_DOCUMENTS_COLLECTION, Audience, can_read_document, document_access
from extranet.services import declarations as declaration_flows
from home.models import DeclarationPage

from ..factories import DocumentFactory, LegalResourcePageFactory, StandardPageFactory, root_collection
from ..files import pdf_bytes
from ..html import body


def download_url(document, language="fr"):
    return f"/{language}/extranet/files/{document.pk}/"


def assert_served(client, document):
    """Served, whichever URL: the extranet's own as a private download, Wagtail's sends there."""
    response = client.get(download_url(document))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "private" in response["Cache-Control"]
    assert body(response).startswith(b"%PDF")
    served = client.get(document.url, follow=True)
    assert served.status_code == 200 and body(served).startswith(b"%PDF")


def assert_not_found(client, document):
    for url in (download_url(document), document.url):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"%PDF" not in body(response)


def assert_not_served_anonymously(client, document):
    for url in (download_url(document), document.url):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"]
        assert b"%PDF" not in body(response)


def assert_public(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")


def approve(page, user, action="approve", **kwargs):
    """What a coordinator's click on "Approve" or "Request changes" does in the admin."""
    page = DeclarationPage.objects.get(pk=page.pk)
    workflow_state = page.current_workflow_state
    page.current_workflow_task.on_action(workflow_state.current_task_state, user, action, **kwargs)
    return DeclarationPage.objects.get(pk=page.pk)


def texts(title="Appel pour la protection des mineurs", document=True):
    upload = SimpleUploadedFile("appel.pdf", pdf_bytes(), content_type="application/pdf") if document else None
    return declaration_flows.ProposedTexts(
        title_fr=title, summary_fr="Un appel du collectif.", text_fr="Premier paragraphe.", document=upload
    )


@pytest.fixture
def proposal(declarations, association_a, member_a):
    return declaration_flows.propose_declaration(association=association_a, author=member_a, texts=texts())


def proposal_document(proposal):
    page = DeclarationPage.objects.get(pk=proposal.page_id).get_latest_revision_as_object()
    return page.documents[0].value["document"]


# --- A proposed declaration's document -----------------------------------------------------------


def test_an_unpublished_proposals_document_is_not_served_to_another_association(
    client, proposal, member_b, association_b
):
    document = proposal_document(proposal)
    client.force_login(member_b)
    assert_not_found(client, document)


def test_an_unpublished_proposals_document_is_not_served_anonymously(client, proposal):
    assert_not_served_anonymously(client, proposal_document(proposal))


def test_an_unpublished_proposals_document_is_served_to_its_association_and_the_coordinators(
    client, proposal, member_a, coordinator
):
    document = proposal_document(proposal)
    client.force_login(member_a)
    assert_served(client, document)
    client.force_login(coordinator)
    assert_served(client, document)


def test_a_proposals_document_is_public_once_the_declaration_is_published(
    client, proposal, coordinator, member_b, association_b
):
    document = proposal_document(proposal)
    assert approve(proposal.page, coordinator).live
    assert_public(client.__class__(), document)
    client.force_login(member_b)
    assert client.get(download_url(document)).status_code == 200


def test_a_revised_proposals_new_document_is_its_associations_only(
    client, proposal, coordinator, member_a, member_b, association_b
):
    """A revision keeps the new document in a draft only (no reference index): still the association's."""
    approve(proposal.page, coordinator, "reject", comment="Un autre document, svp.")
    declaration_flows.revise_proposal(proposal, author=member_a, texts=texts(title="Appel révisé"))
    document = proposal_document(proposal)
    assert document.title == "Appel révisé"
    client.force_login(member_b)
    assert_not_found(client, document)
    client.force_login(member_a)
    assert_served(client, document)


def test_a_proposal_unpublished_later_takes_its_document_back(client, proposal, coordinator, member_b, association_b):
    document = proposal_document(proposal)
    approve(proposal.page, coordinator).unpublish()
    assert_not_served_anonymously(client, document)
    client.force_login(member_b)
    assert_not_found(client, document)


# --- What the coordination uploads ---------------------------------------------------------------


@pytest.fixture
def upload(collections, coordinator):
    """A file a coordinator uploaded in the admin, in the root collection, that nothing links yet."""
    return DocumentFactory(title="Rapport de la coordination", uploaded_by_user=coordinator)


def rich_text_linking(document):
    return [("paragraph", f'<p>Lire <a linktype="document" id="{document.pk}">le rapport</a>.</p>')]


def test_an_upload_nothing_links_is_for_coordinators_only(client, upload, member_a, coordinator):
    assert_not_served_anonymously(client, upload)
    client.force_login(member_a)
    assert_not_found(client, upload)
    client.force_login(coordinator)
    assert_served(client, upload)


def test_an_upload_is_public_once_a_live_page_links_it(client, site_tree, upload, member_a):
    draft = StandardPageFactory(
        parent=site_tree.fr.home, title="Brouillon", body=rich_text_linking(upload), publish=False
    )
    assert_not_served_anonymously(client, upload)
    draft.save_revision().publish()
    assert_public(client, upload)
    client.force_login(member_a)
    assert client.get(download_url(upload)).status_code == 200


def test_a_page_behind_a_login_does_not_make_its_document_public(client, site_tree, upload):
    page = StandardPageFactory(parent=site_tree.fr.home, title="Réservée", body=rich_text_linking(upload))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert document_access(upload).audience == Audience.PRIVATE
    assert_not_served_anonymously(client, upload)


def test_the_public_documents_collection_is_public(client, collections):
    public = root_collection().add_child(name=PUBLIC_DOCUMENTS_COLLECTION)
    document = DocumentFactory(collection=Collection.objects.get(pk=public.pk))
    assert_public(client, document)


# --- The library ----------------------------------------------------------------------------------


def library_document_block(document):
    return [("document", {"document": document, "title": "Texte intégral", "language": "fr"})]


def test_a_live_legal_resources_documents_stay_public(client, site_tree, upload):
    LegalResourcePageFactory(parent=site_tree.fr.library, documents=library_document_block(upload))
    assert_public(client, upload)
    assert client.get(download_url(upload)).status_code == 302  # the extranet's view is for logged-in users


def test_a_draft_legal_resource_does_not_make_its_document_public(client, site_tree, upload):
    LegalResourcePageFactory(parent=site_tree.fr.library, documents=library_document_block(upload), publish=False)
    assert_not_served_anonymously(client, upload)


# --- One rule, a bounded number of queries --------------------------------------------------------


def test_the_rule_reads_a_bounded_number_of_queries(proposal, member_b, association_b, django_assert_max_num_queries):
    document = proposal_document(proposal)
    document = type(document).objects.select_related("collection").get(pk=document.pk)
    with django_assert_max_num_queries(14):
        assert not can_read_document(member_b, document)


def test_the_extranet_download_is_a_404_for_an_unknown_id(client, member_a):
    client.force_login(member_a)
    assert client.get(reverse("extranet:document_download", args=[999999])).status_code == 404
