"""Association profiles are revisioned snippets: drafts stay private, publishing updates both languages."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import WorkflowContentType, WorkflowState

from home.models import Association

from ..factories import UserFactory


def test_draft_revision_does_not_change_the_public_page(client, content):
    association = Association.objects.get(slug="ecpat-france")
    association.description_en = "<p>A draft nobody should see yet.</p>"
    association.save_revision()

    response = client.get("/en/our-members/ecpat-france/")

    assert response.status_code == 200
    assert "A draft nobody should see yet." not in response.text
    assert "English description of ECPAT France" in response.text
    assert Association.objects.get(pk=association.pk).has_unpublished_changes is True


def test_publishing_changes_both_languages_at_once(client, content):
    association = Association.objects.get(slug="ecpat-france")
    association.description_fr = "<p>Nouvelle présentation française.</p>"
    association.description_en = "<p>New English presentation.</p>"
    revision = association.save_revision()

    before = client.get("/fr/nos-membres/ecpat-france/")
    revision.publish()
    french = client.get("/fr/nos-membres/ecpat-france/")
    english = client.get("/en/our-members/ecpat-france/")

    assert "Nouvelle présentation française." not in before.text
    assert "Nouvelle présentation française." in french.text
    assert "New English presentation." in english.text


def test_association_keeps_revisions(content):
    association = Association.objects.get(slug="ccem")
    association.summary_en = "First"
    association.save_revision()
    association.summary_en = "Second"
    association.save_revision().publish()

    assert association.revisions.count() == 2
    assert Association.objects.get(pk=association.pk).summary_en == "Second"


def test_a_moderation_workflow_can_be_started_on_an_association(content):
    """Migration home/0003 gives association profiles a coordination approval workflow."""
    workflow = WorkflowContentType.objects.get(content_type=ContentType.objects.get_for_model(Association)).workflow
    task = workflow.tasks.specific().get()
    assert task.name == "Coordination approval"
    assert task.groups.filter(name="Moderators").exists()
    user = UserFactory(username="ccem-editor")
    association = Association.objects.get(slug="ccem")
    association.summary_en = "Proposed by the association"
    association.save_revision(user=user)

    assert association.get_workflow() == workflow
    workflow.start(association, user)

    state = WorkflowState.objects.for_instance(association).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.specific == task
    assert Association.objects.get(pk=association.pk).summary_en != "Proposed by the association"
