"""The dashboard's "still to do" lists the profile's and reports' texts to write or update in one language."""

import datetime

from django.urls import reverse
from django.utils import timezone

from home.models import Association, AssociationReport

from ..factories import DocumentFactory
from ..html import elements, text

START = timezone.make_aware(datetime.datetime(2014, 9, 29, 10, 0))


def complete(association):
    """Nothing else to ask of the association: a website and last year's report (titled in both languages)."""
    association.website_fr = "https://example.org/"
    association.save()
    return AssociationReport.objects.create(
        association=association,
        year=timezone.localdate().year - 1,
        title_fr="Rapport",
        title_en="Report",
        document=DocumentFactory(),
    )


def todo(client):
    page = client.get("/en/extranet/").text
    items = elements(page, "li", class_="todo-list__translation")
    return page, [(text(item), elements(item, "a")[0]["href"]) for item in items]


def test_a_missing_english_text_is_listed_with_a_link_to_its_field(client, member_a, association_a):
    complete(association_a)
    Association.objects.filter(pk=association_a.pk).update(description_en="", network_description_fr="Un réseau.")
    client.force_login(member_a)
    page, items = todo(client)
    profile = reverse("extranet:profile_edit", args=[association_a.slug])
    assert ("Write the English version of: Description", f"{profile}#id_description_en") in items
    assert ("Write the English version of: Network presentation", f"{profile}#id_network_description_en") in items
    assert "Nothing: thank you!" not in page


def test_the_linked_fields_exist_in_the_profile_form(client, member_a, association_a):
    complete(association_a)
    contact = association_a.contacts.get()
    contact.role_en = ""
    contact.save()
    Association.objects.filter(pk=association_a.pk).update(summary_en="")
    client.force_login(member_a)
    _page, items = todo(client)
    anchors = sorted(href.split("#")[1] for _label, href in items)
    assert anchors == ["id_contacts-0-role_en", "id_summary_en"]
    form = client.get(reverse("extranet:profile_edit", args=[association_a.slug])).text
    for anchor in anchors:
        assert elements(form, "input", id=anchor)


def test_an_out_of_date_english_text_is_listed_with_its_dates(client, member_a, association_a):
    complete(association_a)
    first = association_a.save_revision()
    first.created_at = START
    first.save(update_fields=["created_at"])
    association_a.summary_fr = "Une présentation revue."
    second = association_a.save_revision()
    second.created_at = START + datetime.timedelta(days=3)
    second.save(update_fields=["created_at"])
    client.force_login(member_a)
    page, items = todo(client)
    [(label, href)] = items
    assert label.startswith("Update the English version of: Short presentation")
    assert "(French changed on Oct. 2, 2014, English last changed on Sept. 29, 2014)" in label
    assert href.endswith("#id_summary_en")
    assert "Nothing: thank you!" not in page


def test_a_report_without_english_title_links_to_its_form(client, member_a, association_a):
    report = complete(association_a)
    report.title_en = ""
    report.save()
    client.force_login(member_a)
    _page, items = todo(client)
    url = reverse("extranet:report_edit", args=[association_a.slug, report.pk])
    assert items == [(f"Write the English version of: Title of the {report.year} report", f"{url}#id_title_en")]
    assert elements(client.get(url).text, "input", id="id_title_en")


def test_nothing_to_do_when_every_text_is_in_both_languages(client, member_a, association_a):
    complete(association_a)
    client.force_login(member_a)
    page, items = todo(client)
    assert items == []
    assert "Nothing: thank you!" in page
