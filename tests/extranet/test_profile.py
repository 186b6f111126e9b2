"""Editing a profile: a revision in moderation, public after approval, in both languages."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from extranet.forms import ProfileForm
from extranet.services import profiles

from ..files import png_bytes


def profile_form_data(association, **changes):
    """What the edit form posts when the member changes nothing but ``changes``."""
    association.refresh_from_db()
    form = ProfileForm(instance=profiles.editable_profile(association))
    data = {}

    def collect(bound_form):
        for bound_field in bound_form:
            value = bound_field.value()
            if bound_field.name == "new_logo":
                continue
            if isinstance(value, bool):
                if value:
                    data[bound_field.html_name] = "on"
            elif isinstance(value, (list, tuple)):
                data[bound_field.html_name] = [str(item.pk if hasattr(item, "pk") else item) for item in value]
            else:
                data[bound_field.html_name] = "" if value is None else value

    collect(form)
    for formset in form.formsets.values():
        collect(formset.management_form)
        for contact_form in formset.forms:
            collect(contact_form)
    data.update(changes)
    return data


def approve(association, user, action="approve", **kwargs):
    association.refresh_from_db()
    workflow_state = association.current_workflow_state
    task_state = workflow_state.current_task_state
    association.current_workflow_task.on_action(task_state, user, action, **kwargs)
    association.refresh_from_db()


def public_pages(client, association):
    return (
        client.get(f"/fr/nos-membres/{association.slug}/").text,
        client.get(f"/en/our-members/{association.slug}/").text,
    )


@pytest.fixture
def editing(client, site_tree, association_a, member_a):
    client.force_login(member_a)
    return reverse("extranet:profile_edit", args=[association_a.slug])


def test_the_edit_form_shows_both_languages_side_by_side(client, editing, association_a):
    response = client.get(editing)
    assert response.status_code == 200
    body = response.text
    assert 'name="description_fr"' in body and 'name="description_en"' in body
    assert "Description en français." in body and "Description in English." in body


def test_moderation_round_trip_in_both_languages(client, editing, association_a, coordinator):
    anonymous = client.__class__()
    before_fr, before_en = public_pages(anonymous, association_a)
    assert "Description en français." in before_fr and "Description in English." in before_en

    response = client.post(
        editing,
        profile_form_data(
            association_a,
            summary_fr="Nouveau résumé en français",
            summary_en="New English summary",
            description_fr="Nouvelle description.\n\nDeuxième paragraphe.",
            description_en="New description.",
        ),
    )
    assert response.status_code == 302, response.text[:3000]
    assert response["Location"] == reverse("extranet:dashboard")

    association_a.refresh_from_db()
    assert association_a.revisions.count() == 1
    assert association_a.has_unpublished_changes
    assert association_a.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # Not public before approval, in either language.
    draft_fr, draft_en = public_pages(anonymous, association_a)
    assert "Nouvelle description" not in draft_fr and "Nouveau résumé" not in draft_fr
    assert "New description" not in draft_en and "New English summary" not in draft_en
    assert "Description en français." in draft_fr and "Description in English." in draft_en

    dashboard = client.get(
        reverse(
            "extranet:dashboard",
        )
    ).text
    assert "awaiting approval" in dashboard or "attente" in dashboard

    approve(association_a, coordinator)
    assert association_a.current_workflow_state is None
    assert not association_a.has_unpublished_changes

    after_fr, after_en = public_pages(anonymous, association_a)
    assert "Nouvelle description." in after_fr and "Deuxième paragraphe." in after_fr
    assert "Nouveau résumé en français" in after_fr
    assert "New description." in after_en and "New English summary" in after_en
    assert "Description en français." not in after_fr


def test_rejection_comment_reaches_the_dashboard_and_nothing_typed_is_lost(client, editing, association_a, coordinator):
    client.post(editing, profile_form_data(association_a, description_fr="Texte français à revoir."))
    approve(association_a, coordinator, "reject", comment="needs changes: add the English text")
    assert association_a.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    dashboard = client.get(reverse("extranet:dashboard")).text
    assert "needs changes: add the English text" in dashboard

    # The form starts from what was typed, not from the published profile.
    form_page = client.get(editing).text
    assert "Texte français à revoir." in form_page

    # Now only the English text changes: the French one typed before is kept.
    data = profile_form_data(association_a, description_en="English text at last.")
    assert data["description_fr"] == "Texte français à revoir."
    assert client.post(editing, data).status_code == 302
    association_a.refresh_from_db()
    assert association_a.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    approve(association_a, coordinator)
    public_fr, public_en = public_pages(client.__class__(), association_a)
    assert "Texte français à revoir." in public_fr
    assert "English text at last." in public_en


def test_saving_again_replaces_the_version_under_review(client, editing, association_a, coordinator):
    client.post(editing, profile_form_data(association_a, summary_fr="Première version"))
    client.post(editing, profile_form_data(association_a, summary_en="Second version"))
    association_a.refresh_from_db()
    assert association_a.revisions.count() == 2
    in_progress = WorkflowState.objects.for_instance(association_a).filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert in_progress.count() == 1
    approve(association_a, coordinator)
    assert association_a.summary_fr == "Première version"
    assert association_a.summary_en == "Second version"


def test_typed_markup_is_escaped_on_the_public_page(client, editing, association_a, coordinator):
    payload = '<script>alert("x")</script>'
    client.post(
        editing,
        profile_form_data(
            association_a,
            summary_fr=payload,
            description_fr=f"Bonjour {payload}",
            network_name="Réseau",
            network_description_fr=payload,
        ),
    )
    approve(association_a, coordinator)
    public_fr, _ = public_pages(client.__class__(), association_a)
    assert "<script>alert" not in public_fr
    assert "&lt;script&gt;alert" in public_fr


def test_invalid_profile_shows_errors_and_saves_nothing(client, editing, association_a):
    response = client.post(editing, profile_form_data(association_a, description_fr="", website_fr="not a url"))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"description_fr", "website_fr"}
    association_a.refresh_from_db()
    assert not association_a.revisions.exists()
    assert association_a.current_workflow_state is None


def test_public_contact_box_decides_what_the_public_sees(client, editing, association_a, coordinator):
    data = profile_form_data(association_a)
    prefix = "contacts-1"  # the empty extra form
    data.update(
        {
            f"{prefix}-name": "Nadia Nouvelle",
            f"{prefix}-email": "nadia@example.org",
            f"{prefix}-role_fr": "",
            f"{prefix}-role_en": "",
            f"{prefix}-phone": "",
            f"{prefix}-id": "",
        }
    )
    data["contacts-TOTAL_FORMS"] = "2"
    assert client.post(editing, data).status_code == 302
    approve(association_a, coordinator)
    public_fr, _ = public_pages(client.__class__(), association_a)
    assert "Paul Public" in public_fr
    assert "Nadia Nouvelle" not in public_fr
    assert association_a.contacts.filter(name="Nadia Nouvelle", is_public=False).exists()


def test_a_new_logo_goes_through_moderation_with_the_profile(client, editing, association_a, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = profile_form_data(association_a)
    data["new_logo"] = SimpleUploadedFile("logo.png", png_bytes((40, 20), (18, 61, 99)), content_type="image/png")
    assert client.post(editing, data).status_code == 302

    association_a.refresh_from_db()
    assert association_a.logo is None  # not public before approval
    assert association_a.get_latest_revision_as_object().logo is not None
    approve(association_a, coordinator)
    assert association_a.logo is not None


@pytest.mark.parametrize(
    "name,content",
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.png", b"<html>not an image</html>"),
    ],
    ids=["svg", "html-named-png"],
)
def test_a_logo_that_is_not_a_raster_image_is_refused(client, editing, association_a, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = profile_form_data(association_a)
    data["new_logo"] = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(editing, data)

    assert response.status_code == 200
    assert response.context["form"].errors["new_logo"]
    association_a.refresh_from_db()
    assert association_a.revisions.count() == 0


def test_coordinators_compare_the_submitted_profile_in_the_admin(client, editing, association_a, coordinator):
    """The coordinator reviews the change with Wagtail's comparison view before approving."""
    client.post(editing, profile_form_data(association_a, summary_en="A brand new summary"))
    association_a.refresh_from_db()
    association_a.save_revision()  # compare the submitted revision with the one before it
    submitted, previous = association_a.revisions.order_by("-created_at", "-pk")[:2]

    client.force_login(coordinator)
    url = reverse(
        "wagtailsnippets_home_association:revisions_compare",
        args=[association_a.pk, previous.pk, submitted.pk],
    )
    response = client.get(url)
    assert response.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_admin_lists_when_an_observer_year_ends(client, coordinator, observer_association):
    import datetime

    observer_association.status_since = datetime.date(2024, 2, 29)
    observer_association.save()
    assert observer_association.observer_year_ends_on == datetime.date(2025, 2, 28)

    client.force_login(coordinator)
    listing = client.get(reverse("wagtailsnippets_home_association:list")).text
    assert observer_association.name in listing
    assert "2025" in listing


def test_a_javascript_link_typed_by_an_association_never_becomes_a_link(client, editing, association_a, coordinator):
    payload = '<a href="javascript:alert(1)">x</a>'
    client.post(
        editing,
        profile_form_data(association_a, description_fr=f"Voir {payload}", description_en=payload),
    )
    approve(association_a, coordinator)
    public_fr, public_en = public_pages(client.__class__(), association_a)
    for page in (public_fr, public_en):
        assert 'href="javascript:' not in page
        assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;" in page


def test_a_members_english_network_presentation_and_roles_go_live_only_once_approved(
    client, editing, association_a, coordinator
):
    """Every English text of the profile can be proposed by the association, and waits for approval."""
    association_a.network_name = "RENATE"
    association_a.network_description_fr = "Un réseau européen."
    association_a.save()
    contact = association_a.contacts.get()
    contact.role_en = ""
    contact.save()
    data = profile_form_data(association_a, network_description_en="A European network.")
    data["contacts-0-role_en"] = "Chairwoman"
    assert client.post(editing, data).status_code == 302

    anonymous = client.__class__()
    _french, english = public_pages(anonymous, association_a)
    assert "A European network." not in english and "Chairwoman" not in english
    assert "Un réseau européen." in english  # the French text, marked, meanwhile

    approve(association_a, coordinator)
    _french, english = public_pages(anonymous, association_a)
    assert "A European network." in english and "Chairwoman" in english
    assert "Un réseau européen." not in english


def test_members_of_another_association_cannot_propose_its_english_texts(client, association_a, member_b):
    client.force_login(member_b)
    url = reverse("extranet:profile_edit", args=[association_a.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, profile_form_data(association_a, summary_en="Hijacked")).status_code == 403
    association_a.refresh_from_db()
    assert not association_a.revisions.exists() and association_a.summary_en != "Hijacked"
