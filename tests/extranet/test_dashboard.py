"""Dashboard, follow-up actions, meetings and minutes, observers, website checks."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from extranet.models import WebsiteCheck
from home.models import AssociationReport

from ..factories import (
    AssociationContactFactory,
    DocumentFactory,
    FollowUpActionFactory,
    InternalDocumentFactory,
    MeetingFactory,
    MinutesFactory,
)

# --- Follow-up actions ----------------------------------------------------------------


def test_member_marks_their_associations_action_done(client, member_a, association_a):
    action = FollowUpActionFactory(association=association_a, description_fr="Envoyer le rapport au ministère")
    client.force_login(member_a)
    dashboard = client.get(reverse("extranet:dashboard")).text
    assert "Envoyer le rapport au ministère" in dashboard
    assert reverse("extranet:action_done", args=[action.pk]) in dashboard

    response = client.post(reverse("extranet:action_done", args=[action.pk]))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_at is not None and action.done_by == member_a
    assert "Envoyer le rapport au ministère" not in client.get(reverse("extranet:dashboard")).text


def test_dashboard_lists_own_and_collective_actions_but_not_others(client, member_a, association_a, association_b):
    FollowUpActionFactory(association=association_a, description_fr="Action de CCEM")
    collective = FollowUpActionFactory(association=None, description_fr="Action de tout le collectif")
    FollowUpActionFactory(association=association_b, description_fr="Action d'ECPAT")
    FollowUpActionFactory(association=association_a, description_fr="Action déjà faite", done_at=timezone.now())
    client.force_login(member_a)
    dashboard = client.get(reverse("extranet:dashboard")).text
    assert "Action de CCEM" in dashboard
    assert "Action de tout le collectif" in dashboard
    assert "Action d&#x27;ECPAT" not in dashboard and "Action d'ECPAT" not in dashboard
    assert "Action déjà faite" not in dashboard
    # A collective-wide action has no "mark as done" button for one association.
    assert reverse("extranet:action_done", args=[collective.pk]) not in dashboard


def test_open_actions_are_listed_again_with_the_meetings(client, member_a, association_b):
    FollowUpActionFactory(association=association_b, description_fr="Contacter la MIPROF")
    MeetingFactory(title_fr="Prochaine plénière")
    client.force_login(member_a)
    page = client.get(reverse("extranet:meetings")).text
    assert "Prochaine plénière" in page and "Contacter la MIPROF" in page


# --- Meetings and minutes -------------------------------------------------------------


def test_unpublished_minutes_are_404_and_published_ones_readable(client, member_a, association_a):
    draft = MinutesFactory(is_published=False, meeting__title_fr="Brouillon de compte rendu")
    published = MinutesFactory(meeting__title_fr="Plénière du 29 septembre 2014")
    client.force_login(member_a)
    assert client.get(reverse("extranet:minutes_detail", args=[draft.pk])).status_code == 404
    response = client.get(reverse("extranet:minutes_detail", args=[published.pk]))
    assert response.status_code == 200
    assert "Plénière du 29 septembre 2014" in response.text
    meetings_page = client.get(reverse("extranet:meetings")).text
    assert "Brouillon de compte rendu" not in meetings_page


def test_minutes_show_participants_items_and_annexes(client, member_a, association_a, association_b, collections):
    from extranet.models import AgendaItem, MinutesAnnex, MinutesParticipant

    minutes = MinutesFactory()
    MinutesParticipant.objects.create(minutes=minutes, association=association_b, people="Marie")
    AgendaItem.objects.create(minutes=minutes, title_fr="Déclaration des Balkans", decisions_fr="<p>Signer.</p>")
    annex = DocumentFactory(collection=collections.members_only)
    MinutesAnnex.objects.create(minutes=minutes, title_fr="Liste des présents", document=annex)
    client.force_login(member_a)
    body = client.get(reverse("extranet:minutes_detail", args=[minutes.pk])).text
    for text in ("ECPAT France", "Marie", "Déclaration des Balkans", "Signer.", "Liste des présents"):
        assert text in body
    assert reverse("extranet:document_download", args=[annex.pk]) in body


def test_minutes_never_appear_in_the_public_search_nor_the_sitemap(client, site_tree, member_a):
    word = "Zanzibarique"
    minutes = MinutesFactory(meeting__title_fr=f"Réunion {word}", summary_fr=f"<p>{word} confidentiel</p>")
    from extranet.models import AgendaItem

    AgendaItem.objects.create(minutes=minutes, title_fr=word, discussion_fr=f"<p>{word}</p>")
    for url in (f"/fr/recherche/?q={word}", f"/en/search/?q={word}"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["query"] == word
        assert len(response.context["search_results"].object_list) == 0
        assert not response.context["matching_associations"]
        body = response.text
        assert f"Réunion {word}" not in body and "confidentiel" not in body
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    body = sitemap.text
    assert "/nos-membres/" in body  # the sitemap does list the public pages
    assert "/extranet/" not in body and "/documents/" not in body


def test_robots_txt_keeps_crawlers_out_of_the_extranet(client):
    body = client.get("/robots.txt").text
    assert "Disallow: /fr/extranet/" in body and "Disallow: /en/extranet/" in body


# --- Observers ---------------------------------------------------------------------------


def test_observers_read_minutes_and_documents_and_are_shown_as_observers(
    client, observer_user, observer_association, association_a, members_only_document
):
    minutes = MinutesFactory(meeting__title_fr="Plénière avec observateurs")
    InternalDocumentFactory(title_fr="Modèle de communiqué", document=members_only_document)
    client.force_login(observer_user)
    minutes_page = client.get(reverse("extranet:minutes_detail", args=[minutes.pk])).text
    assert "Plénière avec observateurs" in minutes_page
    assert "Modèle de communiqué" in client.get(reverse("extranet:documents")).text
    download = client.get(reverse("extranet:document_download", args=[members_only_document.pk]))
    assert download.status_code == 200
    assert client.get(members_only_document.url, follow=True).status_code == 200

    dashboard = client.get("/en/extranet/").text
    assert "Observer since" in dashboard
    directory = client.get("/en/extranet/directory/").text
    section = directory.split("SOS Esclaves", 1)[1][:200]
    assert "Observer" in section
    assert "Observer" not in directory.split("Comité contre", 1)[1][:200]


def test_directory_lists_internal_contacts_of_every_association(client, member_a, association_b):
    client.force_login(member_a)
    body = client.get(reverse("extranet:directory")).text
    assert "Béatrice Interne" in body and "b.interne@example.org" in body
    assert "Paul Public" in body


# --- What an association still owes --------------------------------------------------------


def test_dashboard_lists_what_is_missing(client, member_a, association_a):
    association_a.contacts.all().delete()
    association_a.description_en = ""
    association_a.save()
    client.force_login(member_a)
    body = client.get("/en/extranet/").text
    assert "Add a public contact" in body
    assert "Send last year&#x27;s activity report" in body or "Send last year's activity report" in body
    assert "Write the English version" in body
    assert "Give the address of your website" in body


def test_dashboard_has_nothing_to_ask_of_a_complete_association(client, member_a, association_a, collections):
    association_a.website_fr = "https://ccem.example.org/"
    association_a.save()
    AssociationReport.objects.create(
        association=association_a, year=timezone.localdate().year - 1, document=DocumentFactory()
    )
    client.force_login(member_a)
    body = client.get("/en/extranet/").text
    assert "Nothing: thank you!" in body


# --- Website checks (local server only) -------------------------------------------------------


def test_management_command_records_each_website(local_http_server, association_a, association_b):
    association_a.website_fr = local_http_server.ok
    association_a.website_en = local_http_server.broken
    association_a.save()
    association_b.website_fr = local_http_server.closed
    association_b.save()

    from io import StringIO

    out = StringIO()
    call_command("check_association_websites", "--timeout", "3", stdout=out)
    checks = {check.url: check for check in WebsiteCheck.objects.all()}
    assert checks[local_http_server.ok].ok and checks[local_http_server.ok].status_code == 200
    assert not checks[local_http_server.broken].ok and checks[local_http_server.broken].status_code == 500
    assert not checks[local_http_server.closed].ok and checks[local_http_server.closed].status_code is None
    assert checks[local_http_server.closed].error
    assert "2 website(s) not answering" in out.getvalue()


def test_dashboard_button_checks_the_websites_and_lists_the_failing_one(
    client, local_http_server, member_a, association_a
):
    association_a.website_fr = local_http_server.ok
    association_a.website_en = local_http_server.broken
    association_a.save()
    client.force_login(member_a)
    response = client.post(f"/en/extranet/associations/{association_a.slug}/websites/check/", follow=True)
    assert response.status_code == 200
    body = response.text
    assert f"Your website {local_http_server.broken} does not answer" in body
    assert f"Your website {local_http_server.ok} does not answer" not in body
    assert WebsiteCheck.objects.filter(association=association_a).count() == 2

    # Once fixed, the next check clears the warning.
    association_a.website_en = ""
    association_a.save()
    client.post(f"/en/extranet/associations/{association_a.slug}/websites/check/")
    assert "does not answer" not in client.get("/en/extranet/").text


def test_websites_of_b_are_not_checked_for_a(client, local_http_server, member_a, association_b):
    association_b.website_fr = local_http_server.broken
    association_b.save()
    client.force_login(member_a)
    assert client.post(reverse("extranet:website_check", args=[association_b.slug])).status_code == 403
    assert not WebsiteCheck.objects.exists()


# --- Query counts --------------------------------------------------------------------------


def test_dashboard_queries_are_bounded(client, django_assert_max_num_queries, member_a, association_a, association_b):
    for index in range(8):
        FollowUpActionFactory(association=association_a if index % 2 else None)
        MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=index + 1))
        AssociationContactFactory(association=association_a)
    for year in range(2015, 2020):
        AssociationReport.objects.create(association=association_a, year=year, document=DocumentFactory())
    client.force_login(member_a)
    client.get(reverse("extranet:dashboard"))  # warm caches (site, locales)
    with django_assert_max_num_queries(28):  # the texts to translate: 4 queries, whatever the number of associations
        response = client.get(reverse("extranet:dashboard"))
    assert response.status_code == 200


def test_website_check_refuses_private_addresses_by_default(local_http_server, settings):
    """The check runs on our server: it must not probe the server's own network."""
    from extranet.services.websites import check_website

    settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS = False
    ok, status, error = check_website(local_http_server.ok, timeout=2)
    assert (ok, status, error) == (False, None, WebsiteCheck.Reason.ADDRESS_NOT_ALLOWED)
    settings.WEBSITE_CHECK_ALLOW_PRIVATE_HOSTS = True
    assert check_website(local_http_server.ok, timeout=2)[0] is True
