"""News and events taken from the minutes of 29 September 2014, plus two upcoming events."""

import datetime

from .dates import at, next_weekday_after
from .specs import PageSpec
from .text import T, p, paragraph

SECOURS_CATHOLIQUE = T(
    "Secours Catholique – Caritas France, salle 3002", "Secours Catholique – Caritas France, room 3002"
)
NO_PLACE = T("", "")
SECOURS_CATHOLIQUE_ADDRESS = "106 rue du Bac, 75341 Paris cedex 07"


def news(key, slug: T, date, title: T, introduction: T, *blocks) -> PageSpec:
    return PageSpec(
        model="home.NewsPage",
        key=f"news/{key}",
        slug=slug,
        title=title,
        fields={"date": date, "introduction": introduction},
        streams={"body": list(blocks)},
    )


def event(key, slug: T, title: T, introduction: T, start, end=None, place=NO_PLACE, address="", *blocks, keep=()):
    return PageSpec(
        model="home.EventPage",
        key=f"events/{key}",
        slug=slug,
        title=title,
        fields={
            "introduction": introduction,
            "start": start,
            "end": end,
            "location_name": place,
            "address": T(address, address),
        },
        streams={"body": list(blocks)},
        keep=keep,
    )


NEWS = [
    news(
        "website-launch",
        T("lancement-du-nouveau-site", "new-website-launched"),
        datetime.date(2014, 10, 1),
        T("Le nouveau site du Collectif est en ligne", "The collective's new website is online"),
        T(
            "Depuis le 1er octobre 2014, le site contrelatraite.org nouvelle formule remplace l'ancien, "
            "en français et en anglais.",
            "Since 1 October 2014, the new contrelatraite.org replaces the former site, in French and English.",
        ),
        paragraph(
            p(
                "Le site présente les associations membres du Collectif, une bibliothèque juridique (textes "
                "du GRETA, de l'ONUDC, de l'OSCE, de l'Union européenne…), les actualités et les déclarations "
                "ouvertes à la signature.",
                "The site presents the collective's member associations, a legal library (texts from GRETA, "
                "UNODC, the OSCE, the European Union…), news and declarations open for signature.",
            ),
            p(
                "Chaque association vérifie les informations de sa fiche et transmet ses textes en anglais "
                "chaque fois que possible. Le lancement officiel aura lieu lors de la Journée européenne de "
                "lutte contre la traite des êtres humains, le 18 octobre.",
                "Each association checks the information on its profile and sends its texts in English whenever "
                "possible. The official launch takes place on the European Anti-Trafficking Day, 18 October.",
            ),
        ),
    ),
    news(
        "minister-of-the-interior",
        T("rencontre-avec-le-ministre-de-l-interieur", "meeting-with-the-minister-of-the-interior"),
        datetime.date(2014, 9, 29),
        T(
            "Une délégation du Collectif reçue par le ministre de l'Intérieur",
            "A delegation of the collective meets the Minister of the Interior",
        ),
        T(
            "Le 29 septembre 2014, une délégation du Collectif a rencontré Bernard Cazeneuve, ministre de "
            "l'Intérieur, et des membres de son cabinet.",
            "On 29 September 2014, a delegation of the collective met Bernard Cazeneuve, Minister of the "
            "Interior, and members of his office.",
        ),
        paragraph(
            p(
                "La délégation a présenté les constats et propositions du Collectif. Une nouvelle rencontre "
                "avec les conseillers du ministre est prévue le 23 octobre 2014 pour approfondir ces points, "
                "en particulier la traite des mineurs.",
                "The delegation presented the collective's findings and proposals. A further meeting with the "
                "minister's advisers is planned on 23 October 2014 to go deeper into these points, in "
                "particular the trafficking of minors.",
            ),
        ),
    ),
    news(
        "ministry-of-justice",
        T("rencontre-au-ministere-de-la-justice", "meeting-at-the-ministry-of-justice"),
        datetime.date(2014, 9, 11),
        T("Rencontre au ministère de la Justice", "Meeting at the Ministry of Justice"),
        T(
            "Le 11 septembre 2014, une délégation du Collectif a été reçue au cabinet de la ministre de la Justice.",
            "On 11 September 2014, a delegation of the collective was received at the office of the "
            "Minister of Justice.",
        ),
        paragraph(
            p(
                "La délégation a rencontré la conseillère chargée de la législation pénale et de l'aide aux "
                "victimes, et lui a remis un document de constats et de propositions du Collectif.",
                "The delegation met the adviser in charge of criminal legislation and victim support, and gave "
                "her a paper setting out the collective's findings and proposals.",
            ),
        ),
    ),
    news(
        "sos-esclaves-observer",
        T("sos-esclaves-rejoint-le-collectif", "sos-esclaves-joins-the-collective"),
        datetime.date(2014, 9, 29),
        T("SOS Esclaves rejoint le Collectif comme observateur", "SOS Esclaves joins the collective as an observer"),
        T(
            "Présentée le 29 septembre 2014, l'association SOS Esclaves devient membre observateur du "
            "Collectif pour un an.",
            "Introduced on 29 September 2014, the association SOS Esclaves becomes an observer member of the "
            "collective for one year.",
        ),
        paragraph(
            p(
                "Pendant cette année, l'association participe aux activités du Collectif mais ne vote pas et "
                "n'est pas mandatée pour le représenter. Un vote décidera ensuite de son entrée comme membre.",
                "During that year, the association takes part in the collective's activities but does not vote "
                "and is not mandated to represent it. A vote will then decide whether it joins as a member.",
            ),
        ),
    ),
    news(
        "ecpat-reporting-platform",
        T("plateforme-europeenne-de-signalement", "european-reporting-platform"),
        datetime.date(2014, 10, 6),
        T(
            "ECPAT lance une plateforme européenne de signalement",
            "ECPAT launches a European reporting platform",
        ),
        T(
            "Une plateforme réunissant 18 pays permet de signaler les cas d'exploitation sexuelle d'enfants "
            "dans le tourisme.",
            "A platform bringing together 18 countries makes it possible to report cases of sexual "
            "exploitation of children in tourism.",
        ),
        paragraph(
            p(
                "Lancée en coopération avec Europol et Interpol, la plateforme est accessible à l'adresse "
                '<a href="https://www.reportchildsextourism.eu/">www.reportchildsextourism.eu</a>, en anglais et '
                "en français ; des versions en espagnol, en russe et en allemand sont prévues.",
                "Launched in cooperation with Europol and Interpol, the platform is available at "
                '<a href="https://www.reportchildsextourism.eu/">www.reportchildsextourism.eu</a>, in English and '
                "French; Spanish, Russian and German versions are planned.",
            ),
        ),
    ),
    news(
        "balkans-declaration",
        T("declaration-des-balkans-a-signer", "balkans-declaration-open-for-signature"),
        datetime.date(2014, 10, 6),
        T("La déclaration des Balkans ouverte à la signature", "The Balkans declaration is open for signature"),
        T(
            "Le CCEM, partenaire d'un projet européen, invite à signer une déclaration sur la suppression de la "
            "traite et de l'exploitation des êtres humains dans les Balkans.",
            "CCEM, partner in a European project, invites everyone to sign a declaration on the suppression of "
            "trafficking and exploitation of human beings in the Balkans.",
        ),
        paragraph(
            p(
                "Le projet, cofinancé par la Commission européenne et le ministère français des Affaires "
                "étrangères, vise à renforcer les sociétés civiles de Serbie, de Macédoine, de Croatie et de "
                "Bosnie-Herzégovine par des actions de formation. La déclaration compte 29 recommandations.",
                "The project, co-funded by the European Commission and the French Ministry of Foreign Affairs, "
                "aims to strengthen civil society in Serbia, Macedonia, Croatia and Bosnia and Herzegovina "
                "through training. The declaration contains 29 recommendations.",
            ),
        ),
    ),
]


def next_anti_trafficking_day(today: datetime.date) -> datetime.date:
    candidate = datetime.date(today.year, 10, 18)
    return candidate if candidate > today else datetime.date(today.year + 1, 10, 18)


def events(today: datetime.date) -> list[PageSpec]:
    plenary = next_weekday_after(today, 4, 28)  # a Friday, four weeks ahead at least
    eu_day = next_anti_trafficking_day(today)
    return [
        event(
            "acpe-colloquium-2014",
            T("colloque-acpe-prostitution-des-mineurs", "acpe-conference-on-child-prostitution"),
            T(
                "Colloque de l'ACPE sur la prostitution des mineurs en France",
                "ACPE conference on the prostitution of minors in France",
            ),
            T(
                "L'ACPE organise un colloque sur la prostitution des mineurs en France et lance une campagne "
                "nationale.",
                "ACPE holds a conference on the prostitution of minors in France and launches a national campaign.",
            ),
            at(2014, 10, 16, 9, 0),
            None,
            T("", ""),
            "",
            paragraph(
                p(
                    "Programme, horaires et inscriptions : auprès de l'ACPE. Le Collectif relaiera les actes du "
                    "colloque en présentant leur lien avec la traite des êtres humains.",
                    "Programme, times and registration: from ACPE. The collective will publish the proceedings "
                    "with an introduction on their link with trafficking in human beings.",
                )
            ),
        ),
        event(
            "european-day-2014",
            T("journee-europeenne-contre-la-traite-2014", "eu-anti-trafficking-day-2014"),
            T(
                "Journée européenne de lutte contre la traite des êtres humains 2014",
                "European Anti-Trafficking Day 2014",
            ),
            T(
                "Le 18 octobre, le Collectif lance officiellement son nouveau site internet.",
                "On 18 October, the collective officially launches its new website.",
            ),
            at(2014, 10, 18, 9, 0),
            None,
            T("", ""),
            "",
            paragraph(
                p(
                    "Chaque membre est invité à adapter le communiqué commun pour faire connaître le site et "
                    "l'action du Collectif auprès de ses réseaux.",
                    "Each member is invited to adapt the joint press release to make the website and the "
                    "collective's work known to its networks.",
                )
            ),
        ),
        event(
            "ministry-of-the-interior-2014-10-23",
            T("delegation-au-ministere-de-l-interieur", "delegation-to-the-ministry-of-the-interior"),
            T(
                "Délégation du Collectif au ministère de l'Intérieur",
                "Delegation of the collective to the Ministry of the Interior",
            ),
            T(
                "Rencontre avec des membres du cabinet du ministre de l'Intérieur, en particulier sur la traite "
                "des mineurs.",
                "Meeting with members of the Minister of the Interior's office, in particular on the "
                "trafficking of minors.",
            ),
            at(2014, 10, 23, 16, 0),
            None,
            T("Ministère de l'Intérieur", "Ministry of the Interior"),
            "Place Beauvau, 75008 Paris",
            paragraph(
                p(
                    "Délégation : Secours Catholique, CCEM, Hors la Rue, OICEM, AFJ, Amicale du Nid. Il s'agit "
                    "d'approfondir et d'illustrer les points présentés lors de la rencontre avec le ministre "
                    "le 29 septembre.",
                    "Delegation: Secours Catholique, CCEM, Hors la Rue, OICEM, AFJ, Amicale du Nid. The aim is "
                    "to go deeper into and illustrate the points presented at the meeting with the minister on "
                    "29 September.",
                )
            ),
        ),
        event(
            "plenary-2014-11-07",
            T("reunion-pleniere-du-7-novembre-2014", "plenary-meeting-7-november-2014"),
            T("Réunion plénière du Collectif", "Plenary meeting of the collective"),
            T(
                "Réunion plénière des associations membres ; la traite des mineurs sera à l'ordre du jour.",
                "Plenary meeting of the member associations; the trafficking of minors is on the agenda.",
            ),
            at(2014, 11, 7, 10, 0),
            at(2014, 11, 7, 12, 30),
            SECOURS_CATHOLIQUE,
            SECOURS_CATHOLIQUE_ADDRESS,
        ),
        event(
            "cfdt-2015-01-20",
            T("delegation-a-la-cfdt", "delegation-to-the-cfdt"),
            T("Délégation du Collectif à la CFDT", "Delegation of the collective to the CFDT"),
            T(
                "Rencontre avec les responsables de la CFDT chargés de la lutte contre la traite des êtres humains.",
                "Meeting with the CFDT officials in charge of the fight against trafficking in human beings.",
            ),
            at(2015, 1, 20, 10, 0),
            None,
            T("CFDT", "CFDT"),
            "4 boulevard de la Villette, 75019 Paris",
        ),
        event(
            "next-plenary",
            T("prochaine-reunion-pleniere", "next-plenary-meeting"),
            T("Prochaine réunion plénière du Collectif", "Next plenary meeting of the collective"),
            T(
                "Réunion plénière des associations membres et observatrices du Collectif (date de démonstration).",
                "Plenary meeting of the collective's member and observer associations (demo date).",
            ),
            at(plenary.year, plenary.month, plenary.day, 10, 0),
            at(plenary.year, plenary.month, plenary.day, 12, 30),
            SECOURS_CATHOLIQUE,
            SECOURS_CATHOLIQUE_ADDRESS,
            keep=("start", "end"),
        ),
        event(
            "next-european-day",
            T("prochaine-journee-europeenne-contre-la-traite", "next-eu-anti-trafficking-day"),
            T(
                "Journée européenne de lutte contre la traite des êtres humains",
                "European Anti-Trafficking Day",
            ),
            T(
                "Chaque 18 octobre, la Journée européenne rappelle l'engagement contre la traite des êtres humains.",
                "Every 18 October, the European Day recalls the commitment against trafficking in human beings.",
            ),
            at(eu_day.year, eu_day.month, eu_day.day, 9, 0),
            None,
            T("", ""),
            "",
            paragraph(
                p(
                    "Les associations du Collectif relaient à cette occasion leurs actions et leurs propositions.",
                    "On this occasion the collective's associations share their work and their proposals.",
                )
            ),
            keep=("start", "end"),
        ),
    ]
