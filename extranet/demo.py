"""Extranet demo content: memberships of the demo accounts, the meetings announced in the
minutes of 29 September 2014, those minutes with their "À suivre" items as follow-up
actions, members-only documents, CCEM's signature of the Balkans declaration, and two ballots
(the vote of 29 September 2014 held in the room, and the open admission ballot for SOS Esclaves).
Every text is in French and in English (``T(fr, en)``).
Loaded by ``load_demo_content`` (signal), idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.declarations.signing import sign_as_association
from home.demo.dates import at, next_weekday_after, on
from home.demo.files import demo_pdf
from home.demo.specs import demo_uuid
from home.demo.text import T, p
from home.models import Association, DeclarationPage

from .models import (
    AgendaItem,
    Ballot,
    BallotKind,
    FollowUpAction,
    IfRejected,
    InternalDocument,
    Meeting,
    Membership,
    Minutes,
    MinutesAnnex,
    MinutesParticipant,
)
from .services import ballots, collections

MEMBERSHIPS = [
    ("coordination@example.org", "secours-catholique"),
    ("ccem@example.org", "ccem"),
    ("ecpat@example.org", "ecpat-france"),
    ("sos-esclaves@example.org", "sos-esclaves"),
]

DELEGATION_INTERIOR = ["secours-catholique", "ccem", "hors-la-rue", "oicem", "afj", "amicale-du-nid"]


MEETINGS = [
    # title, kind, start, end, place, address, counterparts, agenda, delegation; T(French, English) texts
    {
        "title": T("Réunion du Collectif du 29 septembre 2014", "Meeting of the Collective of 29 September 2014"),
        "kind": "plenary",
        "starts_at": at(2014, 9, 29, 10),
        "ends_at": at(2014, 9, 29, 12, 30),
        "place": T("Secours Catholique", "Secours Catholique"),
        "address": "106 rue du Bac, 75341 Paris cedex 07",
        "counterparts": T("", ""),
        "agenda": T(
            "<ul><li>Lancement du site internet nouvelle formule le 1er octobre 2014.</li>"
            "<li>Point sur les démarches auprès des ministères de la Justice et de l'Intérieur.</li>"
            "<li>Démarches à réaliser auprès de la ministre des Affaires sociales, du ministre des Affaires étrangères "
            "et du ministre de l'Emploi.</li>"
            "<li>Demande de rencontre avec la secrétaire générale de la MIPROF et la coordination nationale, pour en "
            "savoir plus sur la mise en œuvre du plan, les moyens, les financements.</li>"
            "<li>Préparation d'un courrier à la CNCDH (chargée du suivi de la mise en œuvre du plan contre la traite "
            "en France).</li>"
            "<li>La traite des mineurs, en France, dans le cadre du suivi de la Convention des droits de l'enfant.</li>"
            "<li>Collaboration du Collectif avec les syndicats.</li>"
            "<li>Initiatives des membres.</li>"
            "<li>Élargissement du Collectif.</li></ul>",
            "<ul><li>Launch of the new version of the website on 1 October 2014.</li>"
            "<li>Update on the steps taken with the Ministries of Justice and of the Interior.</li>"
            "<li>Steps to take with the Minister of Social Affairs, the Minister of Foreign Affairs and the Minister "
            "of Employment.</li>"
            "<li>Request for a meeting with the Secretary General of the MIPROF and the national coordination, to "
            "learn more about the implementation of the plan, its resources and its funding.</li>"
            "<li>Preparation of a letter to the CNCDH (in charge of monitoring the implementation of the plan "
            "against trafficking in France).</li>"
            "<li>Trafficking in minors in France, as part of the monitoring of the Convention on the Rights of the "
            "Child.</li>"
            "<li>Collaboration of the Collective with trade unions.</li>"
            "<li>Initiatives of the members.</li>"
            "<li>Enlargement of the Collective.</li></ul>",
        ),
        "delegation": [],
    },
    {
        "title": T("Délégation au ministère de l'Intérieur", "Delegation to the Ministry of the Interior"),
        "kind": "delegation",
        "starts_at": at(2014, 10, 23, 16),
        "ends_at": None,
        "place": T("Ministère de l'Intérieur", "Ministry of the Interior"),
        "address": "Place Beauvau, 75008 Paris",
        "counterparts": T(
            "Raphaël Sodini, conseiller immigration et asile (correspondant traite) ; "
            "Jean-Julien Xavier-Rolai, conseiller juridique ; un collaborateur du conseiller Police ; "
            "Luc Derepas, directeur général des étrangers en France.",
            "Raphaël Sodini, adviser on immigration and asylum (trafficking correspondent); "
            "Jean-Julien Xavier-Rolai, legal adviser; a member of the police adviser's staff; "
            "Luc Derepas, Director General for Foreigners in France.",
        ),
        "agenda": T(
            "<p>Approfondir et illustrer les points présentés lors de la rencontre avec le ministre du 29 septembre, "
            "en particulier la question des mineurs.</p>",
            "<p>To go further into and illustrate the points presented at the meeting with the Minister on "
            "29 September, in particular the question of minors.</p>",
        ),
        "delegation": DELEGATION_INTERIOR,
    },
    {
        "title": T("Réunion plénière du Collectif", "Plenary meeting of the Collective"),
        "kind": "plenary",
        "starts_at": at(2014, 11, 7, 10),
        "ends_at": at(2014, 11, 7, 12, 30),
        "place": T("Secours Catholique, salle 3002", "Secours Catholique, room 3002"),
        "address": "106 rue du Bac, 75341 Paris cedex 07",
        "counterparts": T("", ""),
        "agenda": T("", ""),
        "delegation": [],
    },
    {
        "title": T("Délégation du Collectif à la CFDT", "Delegation of the Collective to the CFDT"),
        "kind": "delegation",
        "starts_at": at(2015, 1, 20, 10),
        "ends_at": None,
        "place": T("CFDT", "CFDT"),
        "address": "4 boulevard de la Villette, 75019 Paris",
        "counterparts": T(
            "Jean-Louis Malys, secrétaire national ; Yvan Kagan, secrétaire confédéral, service Économie et société.",
            "Jean-Louis Malys, national secretary; Yvan Kagan, confederal secretary, Economy and Society department.",
        ),
        "agenda": T(
            "<p>La lutte contre la traite des êtres humains, dont les deux secrétaires sont chargés.</p>",
            "<p>The fight against trafficking in human beings, for which both secretaries are responsible.</p>",
        ),
        "delegation": [],
    },
]

NEXT_PLENARY = T("Prochaine réunion plénière du Collectif", "Next plenary meeting of the Collective")
NEXT_PLENARY_PLACE = T("Secours Catholique, salle 3002", "Secours Catholique, room 3002")

PARTICIPANTS = [
    ("acpe", "Raffaella Tatangelo"),
    ("cofrade", "Raffaella Tatangelo"),
    ("ccem", "Bénédicte Bourgeois"),
    ("ecpat-france", "Alice Tallon"),
    ("hors-la-rue", "Bénédicte Cabrol"),
    ("oicem", "Andréa Couzy"),
    ("mouvement-du-nid", "Pierre Albert"),
    ("planete-enfants", "Stéphanie Selle, Léa Benassem"),
    ("bon-pasteur", "Marie-Hélène Halligon"),
    ("champs-de-booz", "Marie-Hélène Halligon"),
    ("secours-catholique", "Geneviève Colas (coordination du Collectif), Constance Mazard"),
    ("sos-esclaves", "Annick Fougeroux, Marie Hienfray (à partir de 11 h 30, pour présenter l'association)"),
]

SUMMARY = p(
    "Compte rendu de la réunion du Collectif « Ensemble contre la traite des êtres humains » du "
    "29 septembre 2014, établi à Paris le 6 octobre 2014 par Geneviève Colas et Constance Mazard.",
    "Minutes of the meeting of the Collective “Together against trafficking in human beings” of "
    "29 September 2014, drawn up in Paris on 6 October 2014 by Geneviève Colas and Constance Mazard.",
)

AGENDA = [
    # title, discussion, decisions
    (
        T(
            "Lancement du site internet nouvelle formule le 1er octobre 2014",
            "Launch of the new version of the website on 1 October 2014",
        ),
        p(
            "Le nouveau site remplace l'ancien à partir du 1er octobre. Chacun vérifie dans « Nos membres » que les "
            "informations sont exactes et que les contacts sont publics. Le site comporte une version anglaise : "
            "chacun est invité à la relire et à transmettre les traductions de ses textes. La rubrique « Droit » "
            "accueillera les textes à jour du GRETA, de l'ONUDC et de l'OSCE.",
            "The new website replaces the old one from 1 October. Everyone checks in “Our members” that the "
            "information is accurate and that the contacts are public. The website has an English version: "
            "everyone is invited to proofread it and to send the translations of their texts. The “Law” section "
            "will hold the up-to-date texts of GRETA, UNODC and the OSCE.",
        ),
        p(
            "Lancement officiel à l'occasion de la Journée européenne de lutte contre la traite des êtres humains, "
            "avec un texte de présentation proposé par Stéphanie Selle, que chacun adapte pour ses réseaux.",
            "Official launch on the occasion of the European Day against Trafficking in Human Beings, with a "
            "presentation text proposed by Stéphanie Selle, which everyone adapts for their networks.",
        ),
    ),
    (
        T(
            "Démarches auprès des ministères de la Justice et de l'Intérieur",
            "Steps taken with the Ministries of Justice and of the Interior",
        ),
        p(
            "Une délégation a rencontré le 11 septembre la conseillère législation pénale et aide aux victimes au "
            "cabinet de la ministre de la Justice, puis le 29 septembre le ministre de l'Intérieur et son cabinet.",
            "On 11 September a delegation met the adviser on criminal legislation and victim support in the office "
            "of the Minister of Justice, then on 29 September the Minister of the Interior and his office.",
        ),
        p(
            "Une nouvelle rencontre avec les conseillers du ministre de l'Intérieur a lieu le 23 octobre 2014 pour "
            "approfondir les points abordés, en particulier la traite des mineurs.",
            "A new meeting with the advisers of the Minister of the Interior takes place on 23 October 2014 to go "
            "further into the points raised, in particular trafficking in minors.",
        ),
    ),
    (
        T(
            "Démarches auprès des ministères des Affaires sociales, des Affaires étrangères et de l'Emploi",
            "Steps to take with the Ministries of Social Affairs, Foreign Affairs and Employment",
        ),
        p(
            "La ministre des Affaires sociales est la ministre de tutelle de la MIPROF. "
            "La traite ne peut être combattue qu'au niveau transnational, "
            "et l'exploitation par le travail concerne le ministère de l'Emploi.",
            "The Minister of Social Affairs is the minister in charge of the MIPROF. "
            "Trafficking can only be fought at the transnational level, "
            "and labour exploitation concerns the Ministry of Employment.",
        ),
        p(
            "Demandes de rendez-vous à prévoir auprès des trois ministères.",
            "Requests for meetings are to be made to the three ministries.",
        ),
    ),
    (
        T(
            "Rencontre avec la MIPROF et la coordination nationale",
            "Meeting with the MIPROF and the national coordination",
        ),
        p(
            "Le Collectif souhaite savoir où en est la mise en œuvre du plan national "
            "et quels moyens y sont attribués.",
            "The Collective wishes to know how far the implementation of the national plan has progressed "
            "and what resources are allocated to it.",
        ),
        p(
            "Invitation de la secrétaire générale de la MIPROF et du coordonnateur national dans la seconde "
            "quinzaine de novembre.",
            "The Secretary General of the MIPROF and the national coordinator are to be invited in the second half "
            "of November.",
        ),
    ),
    (
        T("Démarche auprès de la CNCDH", "Approach to the CNCDH"),
        p(
            "Conformément à la directive 2011/36/UE, la CNCDH est chargée de l'évaluation de la politique de lutte "
            "contre la traite en France.",
            "In accordance with Directive 2011/36/EU, the CNCDH is in charge of evaluating the policy against "
            "trafficking in France.",
        ),
        p(
            "Un rendez-vous sera pris début 2015 pour déterminer la contribution souhaitable du Collectif.",
            "A meeting will be arranged in early 2015 to determine the contribution the Collective should make.",
        ),
    ),
    (
        T(
            "La traite des mineurs en France et la Convention des droits de l'enfant",
            "Trafficking in minors in France and the Convention on the Rights of the Child",
        ),
        p(
            "Participation à un rapport alternatif (présentation à Genève repoussée à mars 2015). ECPAT mène une "
            "étude sur la prise en charge des mineurs victimes de traite. Le point de contact français du Réseau "
            "européen des migrations organise une conférence nationale sur l'identification des victimes.",
            "Participation in an alternative report (presentation in Geneva postponed to March 2015). ECPAT is "
            "carrying out a study on the care of minors who are victims of trafficking. The French contact point "
            "of the European Migration Network is organising a national conference on the identification of "
            "victims.",
        ),
        p(
            "Le sujet sera repris à la réunion du 7 novembre 2014.",
            "The subject will be taken up again at the meeting of 7 November 2014.",
        ),
    ),
    (
        T("Collaboration du Collectif avec les syndicats", "Collaboration of the Collective with trade unions"),
        p(
            "Rencontre avec la CFDT le 1er octobre ; un compte rendu sera transmis au Collectif.",
            "Meeting with the CFDT on 1 October; its minutes will be sent to the Collective.",
        ),
        p(
            "Les associations intéressées par des rencontres avec d'autres syndicats le font savoir.",
            "Associations interested in meeting other trade unions say so.",
        ),
    ),
    (
        T("Initiatives des membres", "Initiatives of the members"),
        p(
            "CCEM : déclaration des Balkans (29 recommandations). Bon Pasteur et réseau RENATE : repérage des "
            "actions contre l'exploitation des femmes dans 17 pays européens. ACPE : colloque le 16 octobre 2014 "
            "sur la prostitution des mineurs. ECPAT : plateforme européenne de signalement.",
            "CCEM: the Balkans declaration (29 recommendations). Bon Pasteur and the RENATE network: a survey of "
            "actions against the exploitation of women in 17 European countries. ACPE: a conference on "
            "16 October 2014 on the prostitution of minors. ECPAT: a European reporting platform.",
        ),
        p(
            "La déclaration des Balkans sera proposée à la signature sur le site.",
            "The Balkans declaration will be offered for signature on the website.",
        ),
    ),
    (
        T("Élargissement du Collectif à SOS Esclaves", "Enlargement of the Collective to SOS Esclaves"),
        p(
            "Annick Fougeroux a présenté son association en présence de Marie Hienfray.",
            "Annick Fougeroux presented her association in the presence of Marie Hienfray.",
        ),
        p(
            "SOS Esclaves devient membre observateur pendant un an à partir de la confirmation de son souhait "
            "d'entrer dans le Collectif ; un vote aura lieu un an plus tard. Pendant cette année, l'association "
            "participe aux activités mais ne représente pas le Collectif et ne vote pas.",
            "SOS Esclaves becomes an observer member for one year from the confirmation of its wish to join the "
            "Collective; a vote will take place one year later. During this year, the association takes part in "
            "the activities but does not represent the Collective and does not vote.",
        ),
    ),
]

# "À suivre" items of the minutes: (text, association slug or None for every association, due date)
ACTIONS = [
    (
        T(
            "Transmettre à la coordination le contact public (prénom, nom, e-mail, téléphone), le rapport "
            "d'activité 2013, la présentation et le site web du réseau international.",
            "Send the coordination the public contact (first name, last name, email, phone), the 2013 activity "
            "report, and the presentation and website of the international network.",
        ),
        None,
        datetime.date(2014, 10, 31),
    ),
    (
        T(
            "Vérifier que le lien vers votre site fonctionne dans la version française et anglaise du site.",
            "Check that the link to your website works in both the French and the English version of the site.",
        ),
        None,
        None,
    ),
    (
        T(
            "Diffuser le communiqué proposé (annexe 1) à vos interlocuteurs et sur votre site.",
            "Circulate the proposed press release (annex 1) to your contacts and on your website.",
        ),
        None,
        None,
    ),
    (
        T(
            "Transmettre le document de la déclaration des Balkans en français et en anglais, avec un résumé et un "
            "lien.",
            "Send the document of the Balkans declaration in French and in English, with a summary and a link.",
        ),
        "ccem",
        datetime.date(2014, 10, 15),
    ),
    (
        T(
            "Désigner un point de contact et transmettre le rapport d'activité 2013 dans un format diffusable.",
            "Appoint a contact person and send the 2013 activity report in a format that can be circulated.",
        ),
        "sos-esclaves",
        datetime.date(2014, 11, 7),
    ),
    (
        T(
            "Présenter l'étude sur la prise en charge des mineurs victimes de traite à la réunion du 7 novembre.",
            "Present the study on the care of minors who are victims of trafficking at the meeting of 7 November.",
        ),
        "ecpat-france",
        datetime.date(2014, 11, 7),
    ),
    (
        T(
            "Demander un rendez-vous à la ministre des Affaires sociales.",
            "Ask the Minister of Social Affairs for a meeting.",
        ),
        "secours-catholique",
        None,
    ),
    (
        T(
            "Inviter la secrétaire générale de la MIPROF et le coordonnateur national à rencontrer le Collectif.",
            "Invite the Secretary General of the MIPROF and the national coordinator to meet the Collective.",
        ),
        "secours-catholique",
        datetime.date(2014, 11, 30),
    ),
    (
        T("Prendre rendez-vous avec la CNCDH.", "Arrange a meeting with the CNCDH."),
        "secours-catholique",
        datetime.date(2015, 2, 28),
    ),
    (
        T(
            "Transmettre le compte rendu de la rencontre avec la CFDT du 1er octobre.",
            "Send the minutes of the meeting with the CFDT of 1 October.",
        ),
        "secours-catholique",
        None,
    ),
    (
        T(
            "Envoyer tout document utile sur la traite des mineurs avant la réunion du 7 novembre.",
            "Send any useful document on trafficking in minors before the meeting of 7 November.",
        ),
        None,
        datetime.date(2014, 11, 7),
    ),
]

DOCUMENTS = [
    # title, category, description, file name, text of the demo PDF
    (
        T("Annexe 1 — Communiqué de lancement du site", "Annex 1 — Press release on the launch of the website"),
        "press",
        T(
            "Texte proposé à adapter par chaque association pour faire connaître le site.",
            "A proposed text for each association to adapt, to make the website known.",
        ),
        "annexe-1-communique.pdf",
        "Communique de lancement du site du Collectif (texte de demonstration).",
    ),
    (
        T(
            "Annexe 2 — Constats et propositions (ministère de la Justice)",
            "Annex 2 — Findings and proposals (Ministry of Justice)",
        ),
        "other",
        T(
            "Document remis au cabinet de la ministre de la Justice le 11 septembre 2014.",
            "Document handed to the office of the Minister of Justice on 11 September 2014.",
        ),
        "annexe-2-constats-justice.pdf",
        "Constats et propositions remis au ministere de la Justice (texte de demonstration).",
    ),
    (
        T(
            "Annexe 3 — Constats et propositions (ministère de l'Intérieur)",
            "Annex 3 — Findings and proposals (Ministry of the Interior)",
        ),
        "other",
        T(
            "Document remis au ministre de l'Intérieur le 29 septembre 2014.",
            "Document handed to the Minister of the Interior on 29 September 2014.",
        ),
        "annexe-3-constats-interieur.pdf",
        "Constats et propositions remis au ministere de l'Interieur (texte de demonstration).",
    ),
]


def both(name: str, text: T) -> dict:
    """``{name_fr: …, name_en: …}``: the model columns of a text in both languages."""
    return {f"{name}_fr": text.fr, f"{name}_en": text.en}


def load_extranet_demo(sender, builder, **kwargs) -> None:
    associations = {association.slug: association for association in Association.objects.all()}
    load_memberships(builder, associations)
    meetings = load_meetings(builder, associations)
    documents = load_documents(builder)
    load_minutes(builder, associations, meetings[MEETINGS[0]["title"].fr], documents)
    load_association_signatures(builder, associations)
    load_ballots(builder, associations, meetings)


def load_memberships(builder, associations) -> None:
    User = get_user_model()
    for email, slug in MEMBERSHIPS:
        user = User.objects.filter(email=email).first()
        if user is not None and slug in associations:
            _membership, created = Membership.objects.get_or_create(user=user, association=associations[slug])
            if created:
                builder.created["memberships"] += 1


def next_plenary(today: datetime.date) -> datetime.datetime:
    """The same date as the public agenda's next plenary (a Friday four weeks ahead at least)."""
    day = next_weekday_after(today, 4, 28)
    return on(day, 10)


BILINGUAL_MEETING_FIELDS = ("title", "place", "counterparts", "agenda")


def load_meetings(builder, associations) -> dict[str, Meeting]:
    """The demo meetings, keyed on their French title."""
    specs = [*MEETINGS]
    upcoming = Meeting.objects.filter(title_fr=NEXT_PLENARY.fr).first()
    if upcoming is None or upcoming.starts_at.date() < builder.today:
        start = next_plenary(builder.today)
        specs.append(
            {
                "title": NEXT_PLENARY,
                "kind": "plenary",
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=2, minutes=30),
                "place": NEXT_PLENARY_PLACE,
                "address": "106 rue du Bac, 75341 Paris cedex 07",
                "counterparts": T("", ""),
                "agenda": T("", ""),
                "delegation": [],
            }
        )
    meetings = {}
    for spec in specs:
        values = {key: value for key, value in spec.items() if key not in {"delegation", *BILINGUAL_MEETING_FIELDS}}
        for name in BILINGUAL_MEETING_FIELDS:
            values.update(both(name, spec[name]))
        title_fr = values.pop("title_fr")
        meeting = builder.upsert(Meeting, {"title_fr": title_fr}, values, "meetings")
        wanted = {associations[slug].pk for slug in spec["delegation"] if slug in associations}
        if set(meeting.delegation.values_list("pk", flat=True)) != wanted:
            meeting.delegation.set(wanted)
            meeting.save()
        meetings[title_fr] = meeting
    if upcoming is not None:
        if add_missing_english(upcoming, {"title": NEXT_PLENARY, "place": NEXT_PLENARY_PLACE}):
            builder.updated["meetings"] += 1
        meetings[upcoming.title_fr] = upcoming
    return meetings


def load_documents(builder) -> dict[str, tuple]:
    """{file name: (the members-only document, its title in both languages)}."""
    Document = get_document_model()
    collection = collections.members_only_collection()
    documents = {}
    for title, category, description, filename, text in DOCUMENTS:
        document = Document.objects.filter(title=title.fr, collection=collection).first()
        if document is None:
            document = Document(title=title.fr, collection=collection)
            document.file.save(filename, ContentFile(demo_pdf(text)), save=False)
            document.save()
            builder.created["members-only documents"] += 1
        documents[filename] = (document, title)
        if category == "press":
            builder.upsert(
                InternalDocument,
                {"title_fr": title.fr},
                {"title_en": title.en, "category": category, **both("description", description), "document": document},
                "internal documents",
            )
    return documents


def load_minutes(builder, associations, meeting: Meeting, documents) -> None:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None:
        add_english_to_minutes(builder, minutes, documents)  # written once; coordinators may have edited them since
        return
    minutes = Minutes(
        meeting=meeting, written_on=datetime.date(2014, 10, 6), is_published=True, **both("summary", SUMMARY)
    )
    minutes.participants = [
        MinutesParticipant(association=associations[slug], people=people, sort_order=index)
        for index, (slug, people) in enumerate(PARTICIPANTS)
        if slug in associations
    ]
    minutes.items = [
        AgendaItem(
            **both("title", title), **both("discussion", discussion), **both("decisions", decisions), sort_order=index
        )
        for index, (title, discussion, decisions) in enumerate(AGENDA)
    ]
    minutes.annexes = [
        MinutesAnnex(**both("title", title), document=document, sort_order=index)
        for index, (document, title) in enumerate(documents.values())
    ]
    minutes.actions = [
        FollowUpAction(
            **both("description", text),
            association=associations.get(slug) if slug else None,
            due_date=due,
            sort_order=index,
        )
        for index, (text, slug, due) in enumerate(ACTIONS)
    ]
    minutes.save()
    builder.created["minutes"] += 1


def add_english_to_minutes(builder, minutes: Minutes, documents) -> None:
    """Minutes loaded before they had English columns get the demo's English texts."""
    texts = [(minutes, {"summary": SUMMARY})]
    items = {item.title_fr: item for item in minutes.items.all()}
    for title, discussion, decisions in AGENDA:
        if title.fr in items:
            texts.append((items[title.fr], {"title": title, "discussion": discussion, "decisions": decisions}))
    annexes = {annex.title_fr: annex for annex in minutes.annexes.all()}
    texts += [(annexes[title.fr], {"title": title}) for _document, title in documents.values() if title.fr in annexes]
    actions = {action.description_fr: action for action in minutes.actions.all()}
    texts += [(actions[text.fr], {"description": text}) for text, _slug, _due in ACTIONS if text.fr in actions]
    for obj, fields in texts:
        if add_missing_english(obj, fields):
            builder.updated["minutes (English texts)"] += 1


def add_missing_english(obj, fields: dict[str, T]) -> bool:
    """Set ``<name>_en`` where it is empty and ``<name>_fr`` is still the demo's French text (nothing a
    coordinator wrote is replaced); True if anything was saved."""
    changed = [
        f"{name}_en"
        for name, text in fields.items()
        if getattr(obj, f"{name}_fr") == text.fr and not getattr(obj, f"{name}_en")
    ]
    for field in changed:
        setattr(obj, field, fields[field.removesuffix("_en")].en)
    if changed:
        obj.save(update_fields=changed)
    return bool(changed)


# (association slug, email of the user who signs for it, key of the declaration's page spec)
ASSOCIATION_SIGNATURES = [("ccem", "ccem@example.org", "declarations/balkans")]


def load_association_signatures(builder, associations) -> None:
    """CCEM, which carries the Balkans declaration, signs it from the extranet."""
    User = get_user_model()
    for slug, email, page_key in ASSOCIATION_SIGNATURES:
        user = User.objects.filter(email=email).first()
        declaration = DeclarationPage.objects.filter(translation_key=demo_uuid("page", page_key)).first()
        if slug not in associations or user is None or declaration is None:
            continue
        _signature, created = sign_as_association(declaration=declaration, association=associations[slug], user=user)
        if created:
            builder.created["association signatures"] += 1


# --- Ballots ----------------------------------------------------------------------------------

ADMISSION_QUESTION = T(
    "Admettre SOS Esclaves comme membre du Collectif à l'issue de son année d'observation ?",
    "Admit SOS Esclaves as a member of the Collective at the end of its observer year?",
)
# The vote of 29 September 2014, by a show of hands: SOS Esclaves joins as an observer for a year.
OBSERVER_QUESTION = T(
    "Accueillir SOS Esclaves dans le Collectif comme membre observateur pendant un an ?",
    "Welcome SOS Esclaves into the Collective as an observer member for one year?",
)
OBSERVER_ROOM_RESULT = {"yes": 11, "no": 0, "abstain": 1}


def load_ballots(builder, associations, meetings) -> None:
    """A closed ballot in the minutes of 29 September 2014 (a vote held in the room) and, while SOS Esclaves
    is an observer, an open ballot on its admission (the demo's member accounts can vote), closing when the
    next plenary meets."""
    sos = associations.get("sos-esclaves")
    if sos is None:
        return
    past_meeting = meetings[MEETINGS[0]["title"].fr]
    if not Ballot.objects.filter(question_fr=OBSERVER_QUESTION.fr).exists():
        past = Ballot.objects.create(
            kind=BallotKind.OTHER,
            **both("question", OBSERVER_QUESTION),
            opens_at=past_meeting.starts_at,
            closes_at=past_meeting.ends_at or past_meeting.starts_at,
            meeting=past_meeting,
            concerned_association=sos,
            if_rejected="",
        )
        ballots.ensure_choices(past)
        eligible = ballots.eligible_associations(past).count()
        wanted = dict(OBSERVER_ROOM_RESULT, yes=min(OBSERVER_ROOM_RESULT["yes"], max(eligible - 1, 0)))
        counts = {choice.pk: wanted.get(choice.code, 0) for choice in past.choices.all()}
        ballots.record_room_result(ballot=past, counts=counts, user=None, now=past.closes_at, notify=False)
        builder.created["ballots"] += 1
    if sos.status != "observer" or Ballot.objects.filter(concerned_association=sos, kind=BallotKind.ADMISSION).exists():
        return
    plenary = Meeting.objects.filter(title_fr=NEXT_PLENARY.fr).order_by("-starts_at").first()
    opens = on(builder.today - datetime.timedelta(days=1), 9)  # open already, whatever the hour of the load
    admission = Ballot.objects.create(
        kind=BallotKind.ADMISSION,
        **both("question", ADMISSION_QUESTION),
        opens_at=opens,
        closes_at=plenary.starts_at if plenary else opens + datetime.timedelta(days=28),
        meeting=plenary,
        concerned_association=sos,
        quorum_percent=50,
        if_rejected=IfRejected.EXTEND,
        extend_months=6,
    )
    ballots.ensure_choices(admission)
    builder.created["ballots"] += 1
