"""Extranet demo content: memberships of the demo accounts, the meetings announced in the
minutes of 29 September 2014, those minutes with their "À suivre" items as follow-up
actions, members-only documents, and CCEM's signature of the Balkans declaration.
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
from home.models import Association, DeclarationPage

from .models import (
    AgendaItem,
    FollowUpAction,
    InternalDocument,
    Meeting,
    Membership,
    Minutes,
    MinutesAnnex,
    MinutesParticipant,
)
from .services import collections

MEMBERSHIPS = [
    ("coordination@example.org", "secours-catholique"),
    ("ccem@example.org", "ccem"),
    ("ecpat@example.org", "ecpat-france"),
    ("sos-esclaves@example.org", "sos-esclaves"),
]

DELEGATION_INTERIOR = ["secours-catholique", "ccem", "hors-la-rue", "oicem", "afj", "amicale-du-nid"]


MEETINGS = [
    # key title, kind, start, end, place, address, counterparts, delegation
    {
        "title": "Réunion du Collectif du 29 septembre 2014",
        "kind": "plenary",
        "starts_at": at(2014, 9, 29, 10),
        "ends_at": at(2014, 9, 29, 12, 30),
        "place": "Secours Catholique",
        "address": "106 rue du Bac, 75341 Paris cedex 07",
        "counterparts": "",
        "delegation": [],
    },
    {
        "title": "Délégation au ministère de l'Intérieur",
        "kind": "delegation",
        "starts_at": at(2014, 10, 23, 16),
        "ends_at": None,
        "place": "Ministère de l'Intérieur",
        "address": "Place Beauvau, 75008 Paris",
        "counterparts": (
            "Raphaël Sodini, conseiller immigration et asile (correspondant traite) ; "
            "Jean-Julien Xavier-Rolai, conseiller juridique ; un collaborateur du conseiller Police ; "
            "Luc Derepas, directeur général des étrangers en France."
        ),
        "delegation": DELEGATION_INTERIOR,
    },
    {
        "title": "Réunion plénière du Collectif",
        "kind": "plenary",
        "starts_at": at(2014, 11, 7, 10),
        "ends_at": at(2014, 11, 7, 12, 30),
        "place": "Secours Catholique, salle 3002",
        "address": "106 rue du Bac, 75341 Paris cedex 07",
        "counterparts": "",
        "delegation": [],
    },
    {
        "title": "Délégation du Collectif à la CFDT",
        "kind": "delegation",
        "starts_at": at(2015, 1, 20, 10),
        "ends_at": None,
        "place": "CFDT",
        "address": "4 boulevard de la Villette, 75019 Paris",
        "counterparts": (
            "Jean-Louis Malys, secrétaire national ; Yvan Kagan, secrétaire confédéral, service Économie et société."
        ),
        "delegation": [],
    },
]

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

AGENDA = [
    (
        "Lancement du site internet nouvelle formule le 1er octobre 2014",
        "<p>Le nouveau site remplace l'ancien à partir du 1er octobre. Chacun vérifie dans « Nos membres » que les "
        "informations sont exactes et que les contacts sont publics. Le site comporte une version anglaise : chacun "
        "est invité à la relire et à transmettre les traductions de ses textes. La rubrique « Droit » accueillera les "
        "textes à jour du GRETA, de l'ONUDC et de l'OSCE.</p>",
        "<p>Lancement officiel à l'occasion de la Journée européenne de lutte contre la traite des êtres humains, "
        "avec un texte de présentation proposé par Stéphanie Selle, que chacun adapte pour ses réseaux.</p>",
    ),
    (
        "Démarches auprès des ministères de la Justice et de l'Intérieur",
        "<p>Une délégation a rencontré le 11 septembre la conseillère législation pénale et aide aux victimes au "
        "cabinet de la ministre de la Justice, puis le 29 septembre le ministre de l'Intérieur et son cabinet.</p>",
        "<p>Une nouvelle rencontre avec les conseillers du ministre de l'Intérieur a lieu le 23 octobre 2014 pour "
        "approfondir les points abordés, en particulier la traite des mineurs.</p>",
    ),
    (
        "Démarches auprès des ministères des Affaires sociales, des Affaires étrangères et de l'Emploi",
        "<p>La ministre des Affaires sociales est la ministre de tutelle de la MIPROF. "
        "La traite ne peut être combattue qu'au niveau transnational, "
        "et l'exploitation par le travail concerne le ministère de l'Emploi.</p>",
        "<p>Demandes de rendez-vous à prévoir auprès des trois ministères.</p>",
    ),
    (
        "Rencontre avec la MIPROF et la coordination nationale",
        "<p>Le Collectif souhaite savoir où en est la mise en œuvre du plan national "
        "et quels moyens y sont attribués.</p>",
        "<p>Invitation de la secrétaire générale de la MIPROF et du coordonnateur national dans la seconde quinzaine "
        "de novembre.</p>",
    ),
    (
        "Démarche auprès de la CNCDH",
        "<p>Conformément à la directive 2011/36/UE, la CNCDH est chargée de l'évaluation de la politique de lutte "
        "contre la traite en France.</p>",
        "<p>Un rendez-vous sera pris début 2015 pour déterminer la contribution souhaitable du Collectif.</p>",
    ),
    (
        "La traite des mineurs en France et la Convention des droits de l'enfant",
        "<p>Participation à un rapport alternatif (présentation à Genève repoussée à mars 2015). ECPAT mène une étude "
        "sur la prise en charge des mineurs victimes de traite. Le point de contact français du Réseau européen des "
        "migrations organise une conférence nationale sur l'identification des victimes.</p>",
        "<p>Le sujet sera repris à la réunion du 7 novembre 2014.</p>",
    ),
    (
        "Collaboration du Collectif avec les syndicats",
        "<p>Rencontre avec la CFDT le 1er octobre ; un compte rendu sera transmis au Collectif.</p>",
        "<p>Les associations intéressées par des rencontres avec d'autres syndicats le font savoir.</p>",
    ),
    (
        "Initiatives des membres",
        "<p>CCEM : déclaration des Balkans (29 recommandations). Bon Pasteur et réseau RENATE : repérage des actions "
        "contre l'exploitation des femmes dans 17 pays européens. ACPE : colloque le 16 octobre 2014 sur la "
        "prostitution des mineurs. ECPAT : plateforme européenne de signalement.</p>",
        "<p>La déclaration des Balkans sera proposée à la signature sur le site.</p>",
    ),
    (
        "Élargissement du Collectif à SOS Esclaves",
        "<p>Annick Fougeroux a présenté son association en présence de Marie Hienfray.</p>",
        "<p>SOS Esclaves devient membre observateur pendant un an à partir de la confirmation de son souhait "
        "d'entrer dans le Collectif ; un vote aura lieu un an plus tard. Pendant cette année, l'association participe "
        "aux activités mais ne représente pas le Collectif et ne vote pas.</p>",
    ),
]

# "À suivre" items of the minutes: (text, association slug or None for every association, due date)
ACTIONS = [
    (
        "Transmettre à la coordination le contact public (prénom, nom, e-mail, téléphone), le rapport d'activité "
        "2013, la présentation et le site web du réseau international.",
        None,
        datetime.date(2014, 10, 31),
    ),
    ("Vérifier que le lien vers votre site fonctionne dans la version française et anglaise du site.", None, None),
    ("Diffuser le communiqué proposé (annexe 1) à vos interlocuteurs et sur votre site.", None, None),
    (
        "Transmettre le document de la déclaration des Balkans en français et en anglais, avec un résumé et un lien.",
        "ccem",
        datetime.date(2014, 10, 15),
    ),
    (
        "Désigner un point de contact et transmettre le rapport d'activité 2013 dans un format diffusable.",
        "sos-esclaves",
        datetime.date(2014, 11, 7),
    ),
    (
        "Présenter l'étude sur la prise en charge des mineurs victimes de traite à la réunion du 7 novembre.",
        "ecpat-france",
        datetime.date(2014, 11, 7),
    ),
    ("Demander un rendez-vous à la ministre des Affaires sociales.", "secours-catholique", None),
    (
        "Inviter la secrétaire générale de la MIPROF et le coordonnateur national à rencontrer le Collectif.",
        "secours-catholique",
        datetime.date(2014, 11, 30),
    ),
    ("Prendre rendez-vous avec la CNCDH.", "secours-catholique", datetime.date(2015, 2, 28)),
    ("Transmettre le compte rendu de la rencontre avec la CFDT du 1er octobre.", "secours-catholique", None),
    (
        "Envoyer tout document utile sur la traite des mineurs avant la réunion du 7 novembre.",
        None,
        datetime.date(2014, 11, 7),
    ),
]

DOCUMENTS = [
    # title, category, description, file name, text of the demo PDF
    (
        "Annexe 1 — Communiqué de lancement du site",
        "press",
        "Texte proposé à adapter par chaque association pour faire connaître le site.",
        "annexe-1-communique.pdf",
        "Communique de lancement du site du Collectif (texte de demonstration).",
    ),
    (
        "Annexe 2 — Constats et propositions (ministère de la Justice)",
        "other",
        "Document remis au cabinet de la ministre de la Justice le 11 septembre 2014.",
        "annexe-2-constats-justice.pdf",
        "Constats et propositions remis au ministere de la Justice (texte de demonstration).",
    ),
    (
        "Annexe 3 — Constats et propositions (ministère de l'Intérieur)",
        "other",
        "Document remis au ministre de l'Intérieur le 29 septembre 2014.",
        "annexe-3-constats-interieur.pdf",
        "Constats et propositions remis au ministere de l'Interieur (texte de demonstration).",
    ),
]


def load_extranet_demo(sender, builder, **kwargs) -> None:
    associations = {association.slug: association for association in Association.objects.all()}
    load_memberships(builder, associations)
    meetings = load_meetings(builder, associations)
    documents = load_documents(builder)
    load_minutes(builder, associations, meetings[MEETINGS[0]["title"]], documents)
    load_association_signatures(builder, associations)


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


def load_meetings(builder, associations) -> dict[str, Meeting]:
    specs = [*MEETINGS]
    upcoming = Meeting.objects.filter(title="Prochaine réunion plénière du Collectif").first()
    if upcoming is None or upcoming.starts_at.date() < builder.today:
        start = next_plenary(builder.today)
        specs.append(
            {
                "title": "Prochaine réunion plénière du Collectif",
                "kind": "plenary",
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=2, minutes=30),
                "place": "Secours Catholique, salle 3002",
                "address": "106 rue du Bac, 75341 Paris cedex 07",
                "counterparts": "",
                "delegation": [],
            }
        )
    meetings = {}
    for spec in specs:
        values = {key: value for key, value in spec.items() if key not in {"title", "delegation"}}
        meeting = builder.upsert(Meeting, {"title": spec["title"]}, values, "meetings")
        wanted = {associations[slug].pk for slug in spec["delegation"] if slug in associations}
        if set(meeting.delegation.values_list("pk", flat=True)) != wanted:
            meeting.delegation.set(wanted)
            meeting.save()
        meetings[spec["title"]] = meeting
    if upcoming is not None:
        meetings[upcoming.title] = upcoming
    return meetings


def load_documents(builder) -> dict[str, object]:
    Document = get_document_model()
    collection = collections.members_only_collection()
    documents = {}
    for title, category, description, filename, text in DOCUMENTS:
        document = Document.objects.filter(title=title, collection=collection).first()
        if document is None:
            document = Document(title=title, collection=collection)
            document.file.save(filename, ContentFile(demo_pdf(text)), save=False)
            document.save()
            builder.created["members-only documents"] += 1
        documents[filename] = document
        if category == "press":
            builder.upsert(
                InternalDocument,
                {"title": title},
                {"category": category, "description": description, "document": document},
                "internal documents",
            )
    return documents


def load_minutes(builder, associations, meeting: Meeting, documents) -> None:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None:
        return  # written once; coordinators may have edited them since
    minutes = Minutes(
        meeting=meeting,
        written_on=datetime.date(2014, 10, 6),
        is_published=True,
        summary="<p>Compte rendu de la réunion du Collectif « Ensemble contre la traite des êtres humains » du "
        "29 septembre 2014, établi à Paris le 6 octobre 2014 par Geneviève Colas et Constance Mazard.</p>",
    )
    minutes.participants = [
        MinutesParticipant(association=associations[slug], people=people, sort_order=index)
        for index, (slug, people) in enumerate(PARTICIPANTS)
        if slug in associations
    ]
    minutes.items = [
        AgendaItem(title=title, discussion=discussion, decisions=decisions, sort_order=index)
        for index, (title, discussion, decisions) in enumerate(AGENDA)
    ]
    minutes.annexes = [
        MinutesAnnex(title=document.title, document=document, sort_order=index)
        for index, document in enumerate(documents.values())
    ]
    minutes.actions = [
        FollowUpAction(
            description=text, association=associations.get(slug) if slug else None, due_date=due, sort_order=index
        )
        for index, (text, slug, due) in enumerate(ACTIONS)
    ]
    minutes.save()
    builder.created["minutes"] += 1


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
