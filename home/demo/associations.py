"""The associations named in the minutes of 29 September 2014.

Texts are short and factual. Contacts use the names of the participants listed
in the minutes, with addresses at example.org only. Websites are given only
where the association's public address is well known; otherwise left empty.
"""

import datetime

from .text import T

OBSERVER_SINCE = datetime.date(2014, 9, 29)


def contact(name, role: T, email, *, public=True, phone=""):
    return {"name": name, "role": role, "email": email, "phone": phone, "is_public": public}


def texts_and_links(data: dict) -> dict:
    """The ``Association`` fields of an association's texts, websites and network (its demo copies share them)."""
    network = data.get("network", {})
    return {
        "summary_fr": data["summary"].fr,
        "summary_en": data["summary"].en,
        "description_fr": data["description"].fr,
        "description_en": data["description"].en,
        "website_fr": data["website"][0],
        "website_en": data["website"][1],
        "network_name": network.get("name", ""),
        "network_url": network.get("url", ""),
        "network_description_fr": network["description"].fr if network else "",
        "network_description_en": network["description"].en if network else "",
    }


ASSOCIATIONS = [
    {
        "slug": "acpe",
        "name": "Agir contre la prostitution des enfants",
        "acronym": "ACPE",
        "topics": ["minors", "sexual-exploitation", "prevention", "advocacy"],
        "summary": T(
            "Association française qui lutte contre la prostitution des enfants et l'exploitation sexuelle "
            "des mineurs.",
            "French association fighting child prostitution and the sexual exploitation of minors.",
        ),
        "description": T(
            "<p>L'ACPE agit contre la prostitution des enfants et toutes les formes d'exploitation sexuelle "
            "des mineurs, en France et à l'étranger.</p><p>Elle sensibilise le public et les professionnels, "
            "et porte un plaidoyer auprès des pouvoirs publics. En octobre 2014, elle organise un colloque "
            "sur la prostitution des mineurs en France et lance une campagne nationale.</p>",
            "<p>ACPE works against child prostitution and every form of sexual exploitation of minors, "
            "in France and abroad.</p><p>It raises awareness among the public and professionals and "
            "advocates with the public authorities. In October 2014 it holds a conference on the "
            "prostitution of minors in France and launches a national campaign.</p>",
        ),
        "website": ("https://www.acpe-asso.org/", "https://www.acpe-asso.org/"),
        "contacts": [
            contact(
                "Raffaella Tatangelo",
                T("Représentante au Collectif", "Representative to the collective"),
                "raffaella.tatangelo@example.org",
            ),
        ],
    },
    {
        "slug": "cofrade",
        "name": "Conseil français des associations pour les droits de l'enfant",
        "acronym": "COFRADE",
        "topics": ["minors", "advocacy"],
        "summary": T(
            "Collectif d'associations françaises qui œuvrent pour le respect des droits de l'enfant.",
            "Network of French associations working for the respect of children's rights.",
        ),
        "description": T(
            "<p>Le COFRADE réunit des associations engagées pour la promotion et le respect de la Convention "
            "internationale des droits de l'enfant en France.</p><p>Au sein du Collectif, il porte "
            "l'attention sur la traite des mineurs, notamment dans le suivi de cette convention.</p>",
            "<p>COFRADE brings together associations committed to promoting and upholding the UN "
            "Convention on the Rights of the Child in France.</p><p>Within the collective, it focuses on "
            "the trafficking of minors, in particular in the monitoring of that convention.</p>",
        ),
        "website": ("https://www.cofrade.fr/", "https://www.cofrade.fr/"),
        "contacts": [
            contact(
                "Raffaella Tatangelo",
                T("Représentante au Collectif", "Representative to the collective"),
                "r.tatangelo.cofrade@example.org",
            ),
        ],
    },
    {
        "slug": "ccem",
        "name": "Comité contre l'esclavage moderne",
        "acronym": "CCEM",
        "topics": [
            "domestic-servitude",
            "labour-exploitation",
            "victim-support",
            "advocacy",
            "international-cooperation",
        ],
        "summary": T(
            "Association qui accompagne les victimes d'esclavage moderne, en particulier de servitude domestique.",
            "Association supporting victims of modern slavery, in particular domestic servitude.",
        ),
        "description": T(
            "<p>Le Comité contre l'esclavage moderne accompagne les victimes de traite à des fins "
            "d'exploitation par le travail et de servitude domestique : accueil, suivi juridique et "
            "social, accès aux droits.</p><p>Il mène aussi un travail de plaidoyer et participe à des "
            "projets européens, dont la déclaration des Balkans sur la suppression de la traite et de "
            "l'exploitation des êtres humains.</p>",
            "<p>The Committee against Modern Slavery supports victims of trafficking for labour "
            "exploitation and domestic servitude: reception, legal and social follow-up, access to "
            "rights.</p><p>It also carries out advocacy and takes part in European projects, among them "
            "the Balkans declaration on the suppression of trafficking and exploitation of human beings.</p>",
        ),
        "website": ("https://www.esclavagemoderne.org/", "https://www.esclavagemoderne.org/"),
        "contacts": [
            contact(
                "Bénédicte Bourgeois",
                T("Représentante au Collectif", "Representative to the collective"),
                "benedicte.bourgeois@example.org",
            ),
            contact(
                "Accueil du CCEM",
                T("Accueil", "Reception"),
                "accueil.ccem@example.org",
                public=False,
                phone="+33 1 00 00 00 01",
            ),
        ],
    },
    {
        "slug": "ecpat-france",
        "name": "ECPAT France",
        "acronym": "ECPAT",
        "topics": ["minors", "sexual-exploitation", "prevention", "international-cooperation"],
        "summary": T(
            "Association qui lutte contre l'exploitation sexuelle des enfants, notamment dans le tourisme.",
            "Association fighting the sexual exploitation of children, including in travel and tourism.",
        ),
        "description": T(
            "<p>ECPAT France agit contre l'exploitation sexuelle des enfants à des fins commerciales : "
            "prostitution, traite, exploitation dans le cadre des voyages et du tourisme.</p><p>Elle a "
            "lancé une plateforme européenne de signalement, www.reportchildsextourism.eu, et mène une "
            "étude sur la prise en charge des mineurs victimes de traite en France.</p>",
            "<p>ECPAT France acts against the commercial sexual exploitation of children: prostitution, "
            "trafficking, exploitation in travel and tourism.</p><p>It has launched a European reporting "
            "platform, www.reportchildsextourism.eu, and is conducting a study on the care of child "
            "victims of trafficking in France.</p>",
        ),
        "website": ("https://www.ecpat-france.fr/", "https://www.ecpat-france.fr/"),
        "network": {
            "name": "ECPAT International",
            "url": "https://ecpat.org/",
            "description": T(
                "Réseau mondial d'organisations de la société civile qui agissent pour mettre fin à "
                "l'exploitation sexuelle des enfants.",
                "Global network of civil society organisations working to end the sexual exploitation of children.",
            ),
        },
        "contacts": [
            contact(
                "Alice Tallon",
                T("Représentante au Collectif", "Representative to the collective"),
                "alice.tallon@example.org",
            ),
        ],
    },
    {
        "slug": "hors-la-rue",
        "name": "Hors la Rue",
        "acronym": "",
        "topics": ["minors", "forced-begging-and-crime", "victim-support"],
        "summary": T(
            "Association qui va à la rencontre des mineurs étrangers en danger et les accompagne vers le droit commun.",
            "Association reaching out to foreign children at risk and guiding them towards mainstream protection.",
        ),
        "description": T(
            "<p>Hors la Rue repère et accompagne des mineurs étrangers en danger, en particulier ceux qui "
            "sont contraints à commettre des délits ou à mendier.</p><p>Par le travail de rue et "
            "l'accueil de jour, l'association aide ces enfants à accéder aux dispositifs de protection de "
            "l'enfance.</p>",
            "<p>Hors la Rue identifies and supports foreign children at risk, in particular those forced "
            "to commit offences or to beg.</p><p>Through street outreach and a day centre, the association "
            "helps these children gain access to child protection services.</p>",
        ),
        "website": ("https://www.horslarue.org/", "https://www.horslarue.org/"),
        "contacts": [
            contact(
                "Bénédicte Cabrol",
                T("Représentante au Collectif", "Representative to the collective"),
                "benedicte.cabrol@example.org",
            ),
        ],
    },
    {
        "slug": "oicem",
        "name": "Organisation internationale contre l'esclavage moderne",
        "acronym": "OICEM",
        "topics": ["labour-exploitation", "domestic-servitude", "victim-support"],
        "summary": T(
            "Association qui accompagne des victimes de traite et d'esclavage moderne dans leurs démarches.",
            "Association supporting victims of trafficking and modern slavery through their procedures.",
        ),
        "description": T(
            "<p>L'OICEM accueille et accompagne des personnes victimes de traite des êtres humains et "
            "d'esclavage moderne : écoute, orientation, accompagnement juridique et social.</p><p>Elle "
            "contribue aux travaux du Collectif sur l'identification des victimes et l'accès à leurs droits.</p>",
            "<p>OICEM receives and supports people who are victims of trafficking in human beings and "
            "modern slavery: listening, referral, legal and social support.</p><p>It contributes to the "
            "collective's work on the identification of victims and their access to rights.</p>",
        ),
        "website": ("", ""),
        "contacts": [
            contact(
                "Andréa Couzy",
                T("Représentante au Collectif", "Representative to the collective"),
                "andrea.couzy@example.org",
            ),
        ],
    },
    {
        "slug": "mouvement-du-nid",
        "name": "Mouvement du Nid",
        "acronym": "",
        "topics": ["sexual-exploitation", "victim-support", "prevention", "advocacy"],
        "summary": T(
            "Mouvement qui agit auprès des personnes prostituées et contre le système prostitutionnel.",
            "Movement working alongside people in prostitution and against the system of prostitution.",
        ),
        "description": T(
            "<p>Le Mouvement du Nid va à la rencontre des personnes prostituées et les accompagne dans "
            "l'accès à leurs droits.</p><p>Il mène des actions de prévention auprès des jeunes, forme des "
            "professionnels et porte un plaidoyer abolitionniste.</p>",
            "<p>Mouvement du Nid reaches out to people in prostitution and supports them in gaining "
            "access to their rights.</p><p>It runs prevention work with young people, trains "
            "professionals and carries out abolitionist advocacy.</p>",
        ),
        "website": ("https://www.mouvementdunid.org/", "https://www.mouvementdunid.org/"),
        "contacts": [
            contact(
                "Pierre Albert",
                T("Représentant au Collectif", "Representative to the collective"),
                "pierre.albert@example.org",
            ),
        ],
    },
    {
        "slug": "planete-enfants",
        "name": "Planète Enfants & Développement",
        "acronym": "",
        "topics": ["minors", "prevention", "international-cooperation"],
        "summary": T(
            "Association de solidarité internationale qui protège les enfants et les femmes vulnérables, "
            "notamment contre la traite.",
            "International solidarity association protecting vulnerable children and women, including from "
            "trafficking.",
        ),
        "description": T(
            "<p>Planète Enfants & Développement mène avec des partenaires locaux des programmes de "
            "protection des enfants et des femmes, dont la prévention de la traite, notamment au Népal.</p>"
            "<p>Au sein du Collectif, l'association contribue à la communication, en particulier autour "
            "du lancement du site.</p>",
            "<p>Planète Enfants & Développement runs programmes with local partners to protect children "
            "and women, including the prevention of trafficking, notably in Nepal.</p><p>Within the "
            "collective, the association contributes to communication, in particular around the launch "
            "of the website.</p>",
        ),
        "website": ("https://www.planete-enfants.org/", "https://www.planete-enfants.org/"),
        "contacts": [
            contact(
                "Stéphanie Selle",
                T("Représentante au Collectif", "Representative to the collective"),
                "stephanie.selle@example.org",
            ),
            contact(
                "Léa Benassem", T("Chargée de projet", "Project officer"), "lea.benassem@example.org", public=False
            ),
        ],
    },
    {
        "slug": "bon-pasteur",
        "name": "Congrégation Notre-Dame de Charité du Bon Pasteur",
        "acronym": "Bon Pasteur",
        "topics": ["sexual-exploitation", "victim-support", "international-cooperation"],
        "summary": T(
            "Congrégation religieuse engagée auprès des femmes et des filles en situation de vulnérabilité.",
            "Religious congregation working with women and girls in vulnerable situations.",
        ),
        "description": T(
            "<p>Les sœurs du Bon Pasteur accompagnent des femmes et des jeunes filles en situation de "
            "vulnérabilité, dont des victimes d'exploitation sexuelle.</p><p>Au niveau européen, avec le "
            "réseau RENATE, elles préparent un repérage des actions de lutte contre l'exploitation des "
            "femmes dans dix-sept pays européens.</p>",
            "<p>The Good Shepherd sisters support women and girls in vulnerable situations, including "
            "victims of sexual exploitation.</p><p>At European level, with the RENATE network, they are "
            "preparing a survey of action against the exploitation of women in seventeen European countries.</p>",
        ),
        "website": ("", ""),
        "network": {
            "name": "RENATE",
            "url": "https://www.renate-europe.net/",
            "description": T(
                "Réseau européen de religieux et religieuses engagés contre la traite et l'exploitation "
                "(Religious in Europe Networking Against Trafficking and Exploitation).",
                "Religious in Europe Networking Against Trafficking and Exploitation: a European network "
                "of men and women religious working against trafficking.",
            ),
        },
        "contacts": [
            contact(
                "Marie-Hélène Halligon",
                T("Représentante au Collectif", "Representative to the collective"),
                "marie-helene.halligon@example.org",
            ),
        ],
    },
    {
        "slug": "champs-de-booz",
        "name": "Les Champs de Booz",
        "acronym": "",
        "topics": ["victim-support", "sexual-exploitation"],
        "summary": T(
            "Association qui accueille et accompagne des femmes en situation de précarité, dont des "
            "victimes de traite.",
            "Association receiving and supporting women in precarious situations, including victims of trafficking.",
        ),
        "description": T(
            "<p>Les Champs de Booz accueillent des femmes en situation de précarité et les accompagnent "
            "vers l'autonomie.</p><p>L'association est représentée au Collectif avec le Bon Pasteur.</p>",
            "<p>Les Champs de Booz receive women in precarious situations and support them towards "
            "independence.</p><p>The association is represented in the collective together with Bon Pasteur.</p>",
        ),
        "website": ("", ""),
        "contacts": [
            contact(
                "Marie-Hélène Halligon",
                T("Représentante au Collectif", "Representative to the collective"),
                "mh.halligon.champsdebooz@example.org",
            ),
        ],
    },
    {
        "slug": "secours-catholique",
        "name": "Secours Catholique – Caritas France",
        "acronym": "",
        "topics": ["victim-support", "advocacy", "international-cooperation", "labour-exploitation"],
        "summary": T(
            "Association de solidarité qui coordonne le Collectif « Ensemble contre la traite des êtres humains ».",
            "Charity that coordinates the collective « Together against trafficking in human beings ».",
        ),
        "description": T(
            "<p>Le Secours Catholique – Caritas France lutte contre la pauvreté et l'exclusion en France "
            "et dans le monde.</p><p>Il assure la coordination du Collectif : organisation des réunions "
            "plénières, des délégations auprès des ministères et du site internet.</p>",
            "<p>Secours Catholique – Caritas France fights poverty and exclusion in France and worldwide.</p>"
            "<p>It coordinates the collective: plenary meetings, delegations to ministries and the website.</p>",
        ),
        "website": ("https://www.secours-catholique.org/", "https://www.secours-catholique.org/"),
        "network": {
            "name": "Caritas Internationalis",
            "url": "https://www.caritas.org/",
            "description": T(
                "Confédération internationale des organisations catholiques d'action caritative et de "
                "développement (Caritas).",
                "International confederation of Catholic relief, development and social service organisations "
                "(Caritas).",
            ),
        },
        "contacts": [
            contact(
                "Geneviève Colas",
                T("Coordination du Collectif", "Coordination of the collective"),
                "genevieve.colas@example.org",
            ),
            contact(
                "Constance Mazard",
                T("Coordination du Collectif", "Coordination of the collective"),
                "constance.mazard@example.org",
                public=False,
            ),
        ],
    },
    {
        "slug": "amicale-du-nid",
        "name": "Amicale du Nid",
        "acronym": "",
        "topics": ["sexual-exploitation", "victim-support"],
        "summary": T(
            "Association qui accompagne les personnes en situation ou en danger de prostitution.",
            "Association supporting people in, or at risk of, prostitution.",
        ),
        "description": T(
            "<p>L'Amicale du Nid accueille et accompagne des personnes en situation de prostitution ou en "
            "danger de l'être, dont des victimes de traite : hébergement, insertion, accès aux soins et aux "
            "droits.</p><p>Elle fait partie de la délégation du Collectif qui rencontre le ministère de "
            "l'Intérieur en 2014.</p>",
            "<p>Amicale du Nid receives and supports people in, or at risk of, prostitution, including "
            "victims of trafficking: accommodation, social integration, access to health care and rights.</p>"
            "<p>It is part of the collective's delegation meeting the Ministry of the Interior in 2014.</p>",
        ),
        "website": ("https://www.amicaledunid.org/", "https://www.amicaledunid.org/"),
        "contacts": [
            contact(
                "Secrétariat de l'Amicale du Nid",
                T("Contact pour le Collectif", "Contact for the collective"),
                "amicale-du-nid@example.org",
            ),
        ],
    },
    {
        "slug": "afj",
        "name": "Association Foyer Jorbalan",
        "acronym": "AFJ",
        "topics": ["sexual-exploitation", "victim-support"],
        "summary": T(
            "Association qui accueille et accompagne des femmes victimes de la traite à des fins "
            "d'exploitation sexuelle.",
            "Association receiving and supporting women who are victims of trafficking for sexual exploitation.",
        ),
        "description": T(
            "<p>L'AFJ héberge et accompagne des femmes victimes de la traite des êtres humains, en "
            "particulier à des fins d'exploitation sexuelle, dans leur parcours de sortie et d'accès aux "
            "droits.</p><p>Elle fait partie de la délégation du Collectif qui rencontre le ministère de "
            "l'Intérieur en 2014.</p>",
            "<p>AFJ provides accommodation and support to women who are victims of trafficking in human "
            "beings, in particular for sexual exploitation, on their way out of exploitation and to their "
            "rights.</p><p>It is part of the collective's delegation meeting the Ministry of the Interior in 2014.</p>",
        ),
        "website": ("", ""),
        "contacts": [
            contact(
                "Secrétariat de l'AFJ", T("Contact pour le Collectif", "Contact for the collective"), "afj@example.org"
            ),
        ],
    },
    {
        "slug": "sos-esclaves",
        "name": "SOS Esclaves",
        "acronym": "",
        "status": "observer",
        "status_since": OBSERVER_SINCE,
        "topics": ["domestic-servitude", "labour-exploitation", "victim-support"],
        "summary": T(
            "Association d'aide aux victimes d'esclavage moderne, membre observateur du Collectif depuis 2014.",
            "Association helping victims of modern slavery, observer member of the collective since 2014.",
        ),
        "description": T(
            "<p>SOS Esclaves vient en aide aux personnes victimes d'esclavage moderne et de traite des "
            "êtres humains.</p><p>Présentée au Collectif le 29 septembre 2014, l'association en est membre "
            "observateur pendant un an : elle participe aux activités mais ne vote pas et ne représente "
            "pas le Collectif. Un vote décidera ensuite de son entrée comme membre.</p>",
            "<p>SOS Esclaves helps people who are victims of modern slavery and trafficking in human beings.</p>"
            "<p>Introduced to the collective on 29 September 2014, the association is an observer member "
            "for one year: it takes part in the activities but does not vote or represent the collective. "
            "A vote will then decide whether it joins as a member.</p>",
        ),
        "website": ("", ""),
        "contacts": [
            contact("Annick Fougeroux", T("Point de contact", "Contact person"), "annick.fougeroux@example.org"),
            contact("Marie Hienfray", T("Bénévole", "Volunteer"), "marie.hienfray@example.org", public=False),
        ],
    },
]

# Public activity reports: (association slug, year, title, text of the demo PDF (ASCII)).
REPORTS = [
    (
        "ccem",
        2013,
        T("Rapport d'activité 2013", "2013 activity report"),
        "Rapport d'activite 2013 du CCEM (texte de demonstration).",
    ),
    (
        "ecpat-france",
        2013,
        T("Rapport d'activité 2013", "2013 activity report"),
        "Rapport d'activite 2013 d'ECPAT France (texte de demonstration).",
    ),
]
