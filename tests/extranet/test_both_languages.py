"""The extranet's own content in French and English: meetings, minutes (agenda items, decisions,
annexes), follow-up actions and internal documents. The English extranet shows the English text
where there is one, and a French text shown in its place is marked ``lang="fr"`` on its own element,
with an "in French only" notice (and the other way round)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from extranet.models import AgendaItem, InternalDocument, Meeting, Minutes, MinutesAnnex

from ..factories import (
    DocumentFactory,
    FollowUpActionFactory,
    InternalDocumentFactory,
    MeetingFactory,
    MinutesFactory,
)
from ..html import element, elements, text, texts


def get(client, name, language, *args):
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200
    return response.text


@pytest.fixture
def bilingual(association_a, collections):
    """Minutes with every text in both languages, an upcoming meeting and an internal document."""
    minutes = MinutesFactory(
        meeting__title_fr="Réunion du Collectif du 29 septembre 2014",
        meeting__title_en="Meeting of the Collective of 29 September 2014",
        meeting__place_en="Paris",
        summary_fr="<p>Compte rendu établi à Paris.</p>",
        summary_en="<p>Minutes drawn up in Paris.</p>",
    )
    AgendaItem.objects.create(
        minutes=minutes,
        title_fr="Initiatives des membres",
        title_en="Initiatives of the members",
        discussion_fr="<p>La CCEM présente la déclaration.</p>",
        discussion_en="<p>CCEM presents the declaration.</p>",
        decisions_fr="<p>Proposer la déclaration à la signature.</p>",
        decisions_en="<p>Offer the declaration for signature.</p>",
    )
    MinutesAnnex.objects.create(
        minutes=minutes,
        title_fr="Annexe 1 — Communiqué",
        title_en="Annex 1 — Press release",
        document=DocumentFactory(collection=collections.members_only),
    )
    FollowUpActionFactory(
        minutes=minutes,
        association=association_a,
        description_fr="Diffuser le communiqué.",
        description_en="Circulate the press release.",
    )
    MeetingFactory(
        title_fr="Délégation à la CFDT",
        title_en="Delegation to the CFDT",
        place_fr="Siège de la CFDT",
        place_en="CFDT headquarters",
        counterparts_fr="Le secrétaire national.",
        counterparts_en="The national secretary.",
        agenda_fr="<p>La lutte contre la traite.</p>",
        agenda_en="<p>The fight against trafficking.</p>",
    )
    InternalDocumentFactory(
        title_fr="Modèle de communiqué",
        title_en="Press release template",
        description_fr="À adapter par chaque association.",
        description_en="For each association to adapt.",
        document=DocumentFactory(collection=collections.members_only),
    )
    return minutes


ENGLISH = {
    "minutes": [
        "Meeting of the Collective of 29 September 2014",
        "Minutes drawn up in Paris.",
        "Initiatives of the members",
        "CCEM presents the declaration.",
        "Offer the declaration for signature.",
        "Annex 1 — Press release",
        "Circulate the press release.",
    ],
    "meetings": [
        "Delegation to the CFDT",
        "CFDT headquarters",
        "The national secretary.",
        "The fight against trafficking.",
        "Circulate the press release.",
        "Meeting of the Collective of 29 September 2014",
    ],
    "dashboard": [
        "Circulate the press release.",
        "Delegation to the CFDT",
        "Meeting of the Collective of 29 September",
    ],
    "documents": ["Press release template", "For each association to adapt."],
}
FRENCH = {
    "minutes": [
        "Réunion du Collectif du 29 septembre 2014",
        "Compte rendu établi à Paris.",
        "Initiatives des membres",
        "La CCEM présente la déclaration.",
        "Proposer la déclaration à la signature.",
        "Annexe 1 — Communiqué",
        "Diffuser le communiqué.",
    ],
    "meetings": [
        "Délégation à la CFDT",
        "Siège de la CFDT",
        "Le secrétaire national.",
        "La lutte contre la traite.",
        "Diffuser le communiqué.",
        "Réunion du Collectif du 29 septembre 2014",
    ],
    "dashboard": ["Diffuser le communiqué.", "Délégation à la CFDT", "Réunion du Collectif du 29 septembre"],
    "documents": ["Modèle de communiqué", "À adapter par chaque association."],
}


def pages(client, minutes, language):
    return {
        "minutes": get(client, "extranet:minutes_detail", language, minutes.pk),
        "meetings": get(client, "extranet:meetings", language),
        "dashboard": get(client, "extranet:dashboard", language),
        "documents": get(client, "extranet:documents", language),
    }


@pytest.mark.parametrize(("language", "shown", "hidden"), [("en", ENGLISH, FRENCH), ("fr", FRENCH, ENGLISH)])
def test_each_extranet_page_shows_the_texts_of_its_language(client, member_a, bilingual, language, shown, hidden):
    client.force_login(member_a)
    for name, html in pages(client, bilingual, language).items():
        page = text(html)
        for wanted in shown[name]:
            assert wanted in page, (name, wanted)
        for unwanted in hidden[name]:
            assert unwanted not in page, (name, unwanted)
        assert elements(html, class_="fallback-notice") == [], name  # nothing is shown in the other language


def test_the_minutes_carry_no_language_of_their_own(client, member_a, bilingual):
    """Once lang="fr" was on the whole article: the page's language is the reader's."""
    client.force_login(member_a)
    html = get(client, "extranet:minutes_detail", "en", bilingual.pk)
    assert element(html, "article").get("lang") is None
    assert element(html, "main").get("lang") is None


@pytest.fixture
def french_only(association_a, collections):
    """The same content, with no English at all."""
    minutes = MinutesFactory(meeting__title_fr="Plénière de novembre", summary_fr="<p>Résumé en français.</p>")
    AgendaItem.objects.create(
        minutes=minutes,
        title_fr="Point sur les démarches",
        discussion_fr="<p>Discussion en français.</p>",
        decisions_fr="<p>Décision en français.</p>",
    )
    MinutesAnnex.objects.create(
        minutes=minutes, title_fr="Liste des présents", document=DocumentFactory(collection=collections.members_only)
    )
    FollowUpActionFactory(minutes=minutes, association=association_a, description_fr="Relancer le ministère.")
    MeetingFactory(title_fr="Rencontre avec la MIPROF", place_fr="Ministère", counterparts_fr="La secrétaire générale.")
    InternalDocumentFactory(
        title_fr="Logos du Collectif",
        description_fr="Toutes les tailles.",
        document=DocumentFactory(collection=collections.members_only),
    )
    return minutes


FALLBACKS = {
    "minutes": [
        "Plénière de novembre",
        "Résumé en français.",
        "Point sur les démarches",
        "Discussion en français.",
        "Décision en français.",
        "Liste des présents",
        "Relancer le ministère.",
    ],
    "meetings": ["Rencontre avec la MIPROF", "Ministère", "La secrétaire générale.", "Relancer le ministère."],
    "dashboard": ["Relancer le ministère.", "Rencontre avec la MIPROF", "Plénière de novembre"],
    "documents": ["Logos du Collectif", "Toutes les tailles."],
}


def test_a_french_text_on_the_english_extranet_is_marked_french_on_its_own_element(client, member_a, french_only):
    client.force_login(member_a)
    for name, html in pages(client, french_only, "en").items():
        marked = texts(html, lang="fr")
        for french in FALLBACKS[name]:
            assert any(french in found for found in marked), (name, french)
        notices = elements(html, "span", class_="fallback-notice")
        assert {text(notice) for notice in notices} == {"(in French only)"}, name
        assert {notice["lang"] for notice in notices} == {"en"}
        assert element(html, "main").get("lang") is None
        assert all(found.get("lang") is None for found in elements(html, "article"))


def test_an_english_text_on_the_french_extranet_is_marked_english(client, member_a, association_a):
    """The French columns that may be empty: an English text stands in, marked as such."""
    minutes = MinutesFactory(meeting__title_fr="Plénière", summary_fr="", summary_en="<p>Only in English.</p>")
    client.force_login(member_a)
    html = get(client, "extranet:minutes_detail", "fr", minutes.pk)
    summary = element(html, "div", class_="rich-text")
    assert summary["lang"] == "en" and text(summary) == "Only in English."
    notice = element(html, "span", class_="fallback-notice")
    assert text(notice) == "(uniquement en anglais)" and notice["lang"] == "fr"


def test_the_admin_edits_the_minutes_in_both_languages_side_by_side(client, coordinator, bilingual):
    client.force_login(coordinator)
    with translation.override("en"):
        url = reverse("wagtailsnippets_extranet_minutes:edit", args=[bilingual.pk])
    html = client.get(url).text
    names = {found.get("name") for found in elements(html) if found.tag in ("input", "textarea")}
    for field in (
        "summary",
        "items-0-title",
        "items-0-discussion",
        "items-0-decisions",
        "annexes-0-title",
        "actions-0-description",
    ):
        assert {f"{field}_fr", f"{field}_en"} <= names, field
    page = text(html)
    assert "Résumé (français)" in page and "Résumé (anglais)" in page  # the admin speaks French here
    assert "Offer the declaration for signature." in html  # the English texts are there to edit

    meeting = client.get(reverse("wagtailsnippets_extranet_meeting:edit", args=[bilingual.meeting.pk])).text
    meeting_names = {found.get("name") for found in elements(meeting) if found.tag in ("input", "textarea")}
    assert {"title_fr", "title_en", "place_fr", "place_en", "agenda_fr", "agenda_en"} <= meeting_names


def test_english_is_optional_in_the_admin_french_is_required(bilingual):
    meeting = Meeting(title_fr="", title_en="Only English", starts_at=bilingual.meeting.starts_at)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "title_fr" in error.value.message_dict and "title_en" not in error.value.message_dict


def test_the_demo_minutes_of_29_september_2014_are_in_both_languages(client, db):
    call_command("load_demo_content")

    minutes = Minutes.objects.select_related("meeting").get(meeting__starts_at__date="2014-09-29")
    meeting = minutes.meeting
    assert meeting.title_en == "Meeting of the Collective of 29 September 2014"
    assert meeting.agenda_en.count("<li>") == meeting.agenda_fr.count("<li>") == 9
    assert minutes.summary_en
    texts_of_minutes = [
        *[(item.title_fr, item.title_en) for item in minutes.items.all()],
        *[(item.discussion_fr, item.discussion_en) for item in minutes.items.all()],
        *[(item.decisions_fr, item.decisions_en) for item in minutes.items.all()],
        *[(annex.title_fr, annex.title_en) for annex in minutes.annexes.all()],
        *[(action.description_fr, action.description_en) for action in minutes.actions.all()],
    ]
    assert len(texts_of_minutes) == 9 * 3 + 3 + 11
    assert all(french and english and french != english for french, english in texts_of_minutes)
    # Every other demo meeting and internal document has its English title too.
    assert not Meeting.objects.filter(title_en="").exists()
    assert not InternalDocument.objects.filter(title_en="").exists()
    assert not InternalDocument.objects.filter(description_en="").exists()

    client.force_login(get_user_model().objects.get(email="ccem@example.org"))
    html = get(client, "extranet:minutes_detail", "en", minutes.pk)
    assert "Initiatives of the members" in text(html)
    assert elements(html, class_="fallback-notice") == []  # nothing of the minutes is in French only
