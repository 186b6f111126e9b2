"""The 25 legal resources of ``shared/data/legal-resources.md``.

Titles are the official French and English titles (for French texts without an
official English title, a descriptive English title). The official identifiers are the
data file's (``LEGAL``); the official links are built from them (``home.library.identifiers``:
EUR-Lex, the Council of Europe's treaty office, the UN Treaty Collection, NORMLEX), so no
resource has a link of its own; where the data has no identifier, there is no link.

One entry a resource: a line of facts (number, issuing body, type, date, jurisdiction,
languages, official link), a line of topics, then its slugs, official reference, title
and summary in French and English.
"""

import datetime

from .text import T

UN_LANGUAGES = ["fr", "en", "es", "ru", "ar", "zh"]
COE_LANGUAGES = ["fr", "en"]
EU_LANGUAGES = ["fr", "en", "es", "de"]  # EU texts exist in all official EU languages
ILO_LANGUAGES = ["fr", "en", "es"]
OSCE_LANGUAGES = ["fr", "en", "ru", "de", "es"]
FR_ONLY = ["fr"]


NO_TEXT = T("", "")
NO_URL = NO_TEXT


# What the data file says of each text's standing in law: its official identifiers, its links to
# the other texts (the relation and the number of the other text), its legal status and its
# date of entry into force; what it does not say stays empty. (The Palermo Protocol supplements
# the UN Convention against Transnational Organized Crime, which is not in the library.)
LEGAL: dict[int, dict] = {
    1: {"identifiers": [("untc", "XVIII-12-a")], "status": "in_force", "in_force": datetime.date(2003, 12, 25)},
    2: {"identifiers": [("cets", "197")], "status": "in_force", "in_force": datetime.date(2008, 2, 1)},
    3: {
        "identifiers": [("celex", "32011L0036"), ("eli", "http://data.europa.eu/eli/dir/2011/36/oj")],
        "status": "amended",
    },
    4: {
        "identifiers": [("celex", "32024L1712"), ("eli", "http://data.europa.eu/eli/dir/2024/1712/oj")],
        "relations": [("amends", 3)],
    },
    5: {"identifiers": [("celex", "32004L0081"), ("eli", "http://data.europa.eu/eli/dir/2004/81/oj")]},
    6: {"identifiers": [("celex", "32012L0029"), ("eli", "http://data.europa.eu/eli/dir/2012/29/oj")]},
    7: {"identifiers": [("celex", "52012DC0286")]},
    8: {"identifiers": [("untc", "IV-11")]},
    9: {"identifiers": [("untc", "IV-11-c")], "relations": [("supplements", 8)]},
    10: {"identifiers": [("ilo", "C029")]},
    11: {"identifiers": [("ilo", "P029")], "relations": [("supplements", 10)]},
    12: {"identifiers": [("ilo", "C182")]},
    13: {"identifiers": [("symbol", "PC.DEC/557")]},
    14: {"identifiers": [("symbol", "MC.DEC/7/13")]},
    15: {"identifiers": [("symbol", "GRETA(2012)16")], "relations": [("evaluates", 2)]},
    # The law of 5 August 2013 transposes the directive and rewrote article 225-4-1 of the Code pénal.
    18: {"identifiers": [("text_number", "Loi n° 2013-711")], "relations": [("transposes", 3), ("amends", 19)]},
    19: {"relations": [("transposes", 3)]},
    23: {"identifiers": [("application", "73316/01"), ("ecli", "ECLI:CE:ECHR:2005:0726JUD007331601")]},
    24: {"identifiers": [("application", "25965/04"), ("ecli", "ECLI:CE:ECHR:2010:0107JUD002596504")]},
    25: {"identifiers": [("application", "67724/09"), ("ecli", "ECLI:CE:ECHR:2012:1011JUD006772409")]},
}


def resource(facts: tuple, topics: str, slug: T, reference: T, title: T, summary: T) -> dict:
    """A legal resource, as ``site.legal_resource_page`` takes it.

    ``facts``: (number, issuing body, type, date, jurisdiction, languages, official link), where the date
    is a ``datetime.date``, None when unknown, or a year alone (an ``int``) for a text known by its year;
    ``topics``: topic slugs separated by spaces; ``reference``: the official reference (or ``NO_TEXT``).
    """
    number, body, rtype, date, jurisdiction, languages, url = facts
    precision = "day"
    if isinstance(date, int):
        date, precision = datetime.date(date, 1, 1), "year"
    return {
        "number": number,
        "slug": slug,
        "issuing_body": body,
        "resource_type": rtype,
        "date": date,
        "date_precision": precision,
        "title": title,
        "summary": summary,
        "jurisdiction": jurisdiction,
        "topics": topics.split(),
        "languages": languages,
        "reference": reference,
        "url": url,
        "identifiers": LEGAL.get(number, {}).get("identifiers", []),
        "relations": LEGAL.get(number, {}).get("relations", []),
        "legal_status": LEGAL.get(number, {}).get("status", ""),
        "entry_into_force": LEGAL.get(number, {}).get("in_force"),
    }


D = datetime.date

RESOURCES = [
    resource(
        (1, "un", "protocol", D(2000, 11, 15), "international", UN_LANGUAGES, NO_URL),
        "sexual-exploitation labour-exploitation minors victim-support international-cooperation",
        T("protocole-de-palerme", "palermo-protocol"),
        T("A/RES/55/25, annexe II", "A/RES/55/25, annex II"),
        T(
            "Protocole additionnel à la Convention des Nations unies contre la criminalité transnationale "
            "organisée visant à prévenir, réprimer et punir la traite des personnes, en particulier des "
            "femmes et des enfants",
            "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, "
            "supplementing the United Nations Convention against Transnational Organized Crime",
        ),
        T(
            "<p>Dit « protocole de Palerme », adopté par l'Assemblée générale des Nations unies le 15 novembre "
            "2000 et entré en vigueur le 25 décembre 2003. Il donne la première définition internationale de "
            "la traite des personnes et engage les États à la prévenir, à la réprimer et à protéger les victimes.</p>",
            "<p>Known as the “Palermo Protocol”, adopted by the United Nations General Assembly on "
            "15 November 2000, in force since 25 December 2003. It gives the first internationally agreed "
            "definition of trafficking in persons and commits States to prevent it, prosecute it and "
            "protect victims.</p>",
        ),
    ),
    resource(
        (2, "council-of-europe", "convention", D(2005, 5, 16), "europe", COE_LANGUAGES, NO_URL),
        "victim-support sexual-exploitation labour-exploitation international-cooperation",
        T(
            "convention-du-conseil-de-l-europe-sur-la-lutte-contre-la-traite",
            "council-of-europe-convention-on-action-against-trafficking",
        ),
        T("STCE n° 197", "CETS No. 197"),
        T(
            "Convention du Conseil de l'Europe sur la lutte contre la traite des êtres humains",
            "Council of Europe Convention on Action against Trafficking in Human Beings",
        ),
        T(
            "<p>Ouverte à la signature à Varsovie le 16 mai 2005, entrée en vigueur le 1er février 2008. "
            "Centrée sur les droits des victimes, elle couvre toutes les formes de traite, nationale ou "
            "transnationale, et institue un mécanisme de suivi indépendant, le GRETA.</p>",
            "<p>Opened for signature in Warsaw on 16 May 2005, in force since 1 February 2008. Focused on "
            "victims' rights, it covers all forms of trafficking, national or transnational, and sets up an "
            "independent monitoring mechanism, GRETA.</p>",
        ),
    ),
    resource(
        (3, "eu", "directive", D(2011, 4, 5), "europe", EU_LANGUAGES, NO_URL),
        "victim-support minors prevention sexual-exploitation labour-exploitation",
        T("directive-2011-36-ue", "directive-2011-36-eu"),
        T("2011/36/UE", "2011/36/EU"),
        T(
            "Directive 2011/36/UE du Parlement européen et du Conseil du 5 avril 2011 concernant la prévention "
            "de la traite des êtres humains et la lutte contre ce phénomène ainsi que la protection des victimes "
            "et remplaçant la décision-cadre 2002/629/JAI du Conseil",
            "Directive 2011/36/EU of the European Parliament and of the Council of 5 April 2011 on preventing "
            "and combating trafficking in human beings and protecting its victims, and replacing Council "
            "Framework Decision 2002/629/JHA",
        ),
        T(
            "<p>Elle fixe des règles minimales sur la définition des infractions et les sanctions, renforce "
            "la prévention et la protection des victimes, avec une attention particulière aux enfants, et "
            "demande aux États membres d'instituer des rapporteurs nationaux ou des mécanismes équivalents.</p>",
            "<p>It sets minimum rules on the definition of offences and on sanctions, strengthens prevention "
            "and the protection of victims, with particular attention to children, and requires Member States "
            "to establish national rapporteurs or equivalent mechanisms.</p>",
        ),
    ),
    resource(
        (4, "eu", "directive", D(2024, 6, 13), "europe", EU_LANGUAGES, NO_URL),
        "victim-support prevention sexual-exploitation labour-exploitation",
        T("directive-ue-2024-1712", "directive-eu-2024-1712"),
        T("(UE) 2024/1712", "(EU) 2024/1712"),
        T(
            "Directive (UE) 2024/1712 du Parlement européen et du Conseil du 13 juin 2024 modifiant la directive "
            "2011/36/UE concernant la prévention de la traite des êtres humains et la lutte contre ce phénomène "
            "ainsi que la protection des victimes",
            "Directive (EU) 2024/1712 of the European Parliament and of the Council of 13 June 2024 amending "
            "Directive 2011/36/EU on preventing and combating trafficking in human beings and protecting its victims",
        ),
        T(
            "<p>Elle ajoute aux formes d'exploitation visées le mariage forcé, l'adoption illégale et "
            "l'exploitation de la gestation pour autrui, tient compte de la dimension numérique de la traite "
            "et renforce l'identification et l'orientation des victimes.</p>",
            "<p>It adds forced marriage, illegal adoption and exploitation of surrogacy to the forms of "
            "exploitation covered, takes account of the online dimension of trafficking and strengthens the "
            "identification and referral of victims.</p>",
        ),
    ),
    resource(
        (5, "eu", "directive", D(2004, 4, 29), "europe", EU_LANGUAGES, NO_URL),
        "victim-support",
        T("directive-2004-81-ce", "directive-2004-81-ec"),
        T("2004/81/CE", "2004/81/EC"),
        T(
            "Directive 2004/81/CE relative au titre de séjour délivré aux "
            "ressortissants de pays tiers qui sont victimes de la traite des êtres humains ou ont fait l'objet "
            "d'une aide à l'immigration clandestine et qui coopèrent avec les autorités compétentes",
            "Directive 2004/81/EC on the residence permit issued to third-country "
            "nationals who are victims of trafficking in human beings or who have been the subject of an action "
            "to facilitate illegal immigration, who cooperate with the competent authorities",
        ),
        T(
            "<p>Elle prévoit un délai de réflexion et un titre de séjour de durée limitée pour les victimes "
            "ressortissantes de pays tiers qui coopèrent avec les autorités dans la lutte contre la traite.</p>",
            "<p>It provides for a reflection period and a residence permit of limited duration for "
            "third-country national victims who cooperate with the authorities in the fight against trafficking.</p>",
        ),
    ),
    resource(
        (6, "eu", "directive", D(2012, 10, 25), "europe", EU_LANGUAGES, NO_URL),
        "victim-support",
        T("directive-2012-29-ue", "directive-2012-29-eu"),
        T("2012/29/UE", "2012/29/EU"),
        T(
            "Directive 2012/29/UE du Parlement européen et du Conseil du 25 octobre 2012 établissant des normes "
            "minimales concernant les droits, le soutien et la protection des victimes de la criminalité et "
            "remplaçant la décision-cadre 2001/220/JAI du Conseil",
            "Directive 2012/29/EU of the European Parliament and of the Council of 25 October 2012 establishing "
            "minimum standards on the rights, support and protection of victims of crime, and replacing Council "
            "Framework Decision 2001/220/JHA",
        ),
        T(
            "<p>Dite « directive victimes », elle garantit à toutes les victimes d'infractions le droit à "
            "l'information, au soutien et à la protection, et à une participation effective à la procédure pénale.</p>",
            "<p>Known as the “Victims' Rights Directive”, it guarantees every victim of crime the right to "
            "information, support and protection, and to effective participation in criminal proceedings.</p>",
        ),
    ),
    resource(
        (7, "eu", "strategy", D(2012, 6, 19), "europe", EU_LANGUAGES, NO_URL),
        "victim-support prevention international-cooperation",
        T("strategie-de-l-ue-2012-2016", "eu-strategy-2012-2016"),
        T("COM(2012) 286 final", "COM(2012) 286 final"),
        T(
            "La stratégie de l'UE en vue de l'éradication de la traite des êtres humains pour la période 2012-2016",
            "The EU Strategy towards the Eradication of Trafficking in Human Beings 2012–2016",
        ),
        T(
            "<p>Communication de la Commission européenne qui fixe cinq priorités : identifier, protéger et "
            "assister les victimes ; renforcer la prévention ; poursuivre plus activement les trafiquants ; "
            "améliorer la coordination et la coopération ; mieux connaître les nouvelles tendances.</p>",
            "<p>Communication from the European Commission setting five priorities: identifying, protecting "
            "and assisting victims; stepping up prevention; increased prosecution of traffickers; enhanced "
            "coordination and cooperation; increased knowledge of emerging concerns.</p>",
        ),
    ),
    resource(
        (8, "un", "convention", D(1989, 11, 20), "international", UN_LANGUAGES, NO_URL),
        "minors",
        T("convention-relative-aux-droits-de-l-enfant", "convention-on-the-rights-of-the-child"),
        T("A/RES/44/25", "A/RES/44/25"),
        T("Convention relative aux droits de l'enfant", "Convention on the Rights of the Child"),
        T(
            "<p>Adoptée par l'Assemblée générale des Nations unies le 20 novembre 1989. Son article 35 engage "
            "les États à prévenir l'enlèvement, la vente ou la traite d'enfants ; son application est suivie "
            "par le Comité des droits de l'enfant, à Genève.</p>",
            "<p>Adopted by the United Nations General Assembly on 20 November 1989. Its article 35 commits "
            "States to prevent the abduction of, the sale of or traffic in children; its implementation is "
            "monitored by the Committee on the Rights of the Child in Geneva.</p>",
        ),
    ),
    resource(
        (9, "un", "protocol", D(2000, 5, 25), "international", UN_LANGUAGES, NO_URL),
        "minors sexual-exploitation",
        T("protocole-facultatif-vente-d-enfants", "optional-protocol-sale-of-children"),
        T("A/RES/54/263, annexe II", "A/RES/54/263, annex II"),
        T(
            "Protocole facultatif à la Convention relative aux droits de l'enfant, concernant la vente "
            "d'enfants, la prostitution des enfants et la pornographie mettant en scène des enfants",
            "Optional Protocol to the Convention on the Rights of the Child on the sale of children, child "
            "prostitution and child pornography",
        ),
        T(
            "<p>Adopté par l'Assemblée générale des Nations unies le 25 mai 2000. Il impose aux États parties "
            "d'ériger en infractions la vente d'enfants, la prostitution des enfants et la pornographie "
            "mettant en scène des enfants, et de protéger les enfants victimes.</p>",
            "<p>Adopted by the United Nations General Assembly on 25 May 2000. It requires States Parties "
            "to criminalise the sale of children, child prostitution and child pornography, and to protect "
            "child victims.</p>",
        ),
    ),
    resource(
        (10, "ilo", "convention", D(1930, 6, 28), "international", ILO_LANGUAGES, NO_URL),
        "labour-exploitation",
        T("convention-oit-29-travail-force", "ilo-convention-29-forced-labour"),
        T("C029", "C029"),
        T("Convention (n° 29) sur le travail forcé, 1930", "Forced Labour Convention, 1930 (No. 29)"),
        T(
            "<p>Adoptée par la Conférence internationale du travail le 28 juin 1930. Elle définit le travail "
            "forcé ou obligatoire comme tout travail exigé sous la menace d'une peine et pour lequel la "
            "personne ne s'est pas offerte de plein gré, et en demande la suppression.</p>",
            "<p>Adopted by the International Labour Conference on 28 June 1930. It defines forced or "
            "compulsory labour as all work exacted under the menace of a penalty and for which the person has "
            "not offered themselves voluntarily, and requires its suppression.</p>",
        ),
    ),
    resource(
        (11, "ilo", "protocol", D(2014, 6, 11), "international", ILO_LANGUAGES, NO_URL),
        "labour-exploitation victim-support prevention",
        T("protocole-2014-convention-travail-force", "protocol-2014-forced-labour-convention"),
        T("P029", "P029"),
        T(
            "Protocole de 2014 relatif à la convention sur le travail forcé, 1930",
            "Protocol of 2014 to the Forced Labour Convention, 1930",
        ),
        T(
            "<p>Adopté par la Conférence internationale du travail le 11 juin 2014. Il complète la convention "
            "n° 29 par des mesures de prévention, de protection des victimes et d'accès à des recours, y compris "
            "contre le travail forcé lié à la traite.</p>",
            "<p>Adopted by the International Labour Conference on 11 June 2014. It supplements Convention "
            "No. 29 with measures on prevention, protection of victims and access to remedies, including "
            "against forced labour linked to trafficking.</p>",
        ),
    ),
    resource(
        (12, "ilo", "convention", D(1999, 6, 17), "international", ILO_LANGUAGES, NO_URL),
        "minors labour-exploitation forced-begging-and-crime",
        T("convention-oit-182-pires-formes-travail-enfants", "ilo-convention-182-worst-forms-child-labour"),
        T("C182", "C182"),
        T(
            "Convention (n° 182) sur les pires formes de travail des enfants, 1999",
            "Worst Forms of Child Labour Convention, 1999 (No. 182)",
        ),
        T(
            "<p>Adoptée le 17 juin 1999. Parmi les pires formes de travail des enfants à éliminer d'urgence, "
            "elle cite la vente et la traite des enfants, le travail forcé, l'exploitation sexuelle et "
            "l'utilisation d'enfants pour des activités illicites.</p>",
            "<p>Adopted on 17 June 1999. Among the worst forms of child labour to be eliminated as a matter "
            "of urgency, it lists the sale and trafficking of children, forced labour, sexual exploitation "
            "and the use of children for illicit activities.</p>",
        ),
    ),
    resource(
        (13, "osce", "action_plan", D(2003, 7, 24), "international", OSCE_LANGUAGES, NO_URL),
        "prevention victim-support international-cooperation",
        T("plan-d-action-de-l-osce", "osce-action-plan"),
        T("PC.DEC/557", "PC.DEC/557"),
        T(
            "Plan d'action de l'OSCE pour lutter contre la traite des êtres humains",
            "OSCE Action Plan to Combat Trafficking in Human Beings",
        ),
        T(
            "<p>Adopté par le Conseil permanent de l'OSCE (décision n° 557). Il recommande aux États "
            "participants des mesures d'enquête et de poursuite, de prévention et de protection et "
            "d'assistance des victimes.</p>",
            "<p>Adopted by the OSCE Permanent Council (Decision No. 557). It recommends measures to "
            "participating States on investigation and prosecution, prevention, and protection of and "
            "assistance to victims.</p>",
        ),
    ),
    resource(
        (14, "osce", "action_plan", D(2013, 12, 6), "international", OSCE_LANGUAGES, NO_URL),
        "labour-exploitation minors prevention international-cooperation",
        T("addendum-au-plan-d-action-de-l-osce", "addendum-to-the-osce-action-plan"),
        T("MC.DEC/7/13", "MC.DEC/7/13"),
        T(
            "Addendum au Plan d'action de l'OSCE pour lutter contre la traite des êtres humains : "
            "une décennie plus tard",
            "Addendum to the OSCE Action Plan to Combat Trafficking in Human Beings: One Decade Later",
        ),
        T(
            "<p>Adopté par le Conseil ministériel de l'OSCE à Kiev (décision n° 7/13). Il met à jour le plan "
            "d'action de 2003, notamment sur la traite aux fins d'exploitation par le travail, les chaînes "
            "d'approvisionnement et la protection des enfants.</p>",
            "<p>Adopted by the OSCE Ministerial Council in Kyiv (Decision No. 7/13). It updates the 2003 "
            "Action Plan, in particular on trafficking for labour exploitation, supply chains and the "
            "protection of children.</p>",
        ),
    ),
    resource(
        (15, "greta", "evaluation_report", D(2013, 1, 28), "france", COE_LANGUAGES, NO_URL),
        "victim-support advocacy",
        T("rapport-du-greta-sur-la-france-2013", "greta-report-on-france-2013"),
        T("GRETA(2012)16", "GRETA(2012)16"),
        T(
            "Rapport concernant la mise en œuvre de la Convention du Conseil de l'Europe sur la lutte contre "
            "la traite des êtres humains par la France – Premier cycle d'évaluation",
            "Report concerning the implementation of the Council of Europe Convention on Action against "
            "Trafficking in Human Beings by France – First evaluation round",
        ),
        T(
            "<p>Premier rapport d'évaluation de la France par le GRETA, publié le 28 janvier 2013. Il examine "
            "le cadre juridique et institutionnel français, l'identification et l'assistance des victimes, "
            "et formule des recommandations aux autorités.</p>",
            "<p>GRETA's first evaluation report on France, published on 28 January 2013. It examines the "
            "French legal and institutional framework, the identification of and assistance to victims, and "
            "makes recommendations to the authorities.</p>",
        ),
    ),
    resource(
        (16, "unodc", "report", D(2012, 12, 1), "international", ["en"], NO_URL),
        "sexual-exploitation labour-exploitation minors",
        T("rapport-mondial-sur-la-traite-des-personnes-2012", "global-report-on-trafficking-in-persons-2012"),
        NO_TEXT,
        T("Rapport mondial sur la traite des personnes 2012", "Global Report on Trafficking in Persons 2012"),
        T(
            "<p>Rapport de l'ONUDC qui présente, à partir des données communiquées par les États, les formes "
            "d'exploitation, les profils des victimes et des auteurs et les flux de la traite dans le monde.</p>",
            "<p>UNODC report presenting, from data provided by States, the forms of exploitation, the "
            "profiles of victims and offenders and the flows of trafficking worldwide.</p>",
        ),
    ),
    resource(
        (17, "unodc", "guide", 2009, "international", ["fr", "en"], NO_URL),
        "victim-support international-cooperation",
        T("loi-type-contre-la-traite-des-personnes", "model-law-against-trafficking-in-persons"),
        NO_TEXT,
        T("Loi type contre la traite des personnes", "Model Law against Trafficking in Persons"),
        T(
            "<p>Outil de l'ONUDC destiné à aider les États à rédiger ou à réviser leur législation pour "
            "appliquer le protocole de Palerme, avec des dispositions commentées sur les infractions, la "
            "protection des victimes et la coopération.</p>",
            "<p>UNODC tool to help States draft or revise their legislation to implement the Palermo "
            "Protocol, with commented provisions on offences, protection of victims and cooperation.</p>",
        ),
    ),
    resource(
        (18, "french-republic", "law", D(2013, 8, 5), "france", FR_ONLY, NO_URL),
        "labour-exploitation domestic-servitude sexual-exploitation",
        T("loi-2013-711-du-5-aout-2013", "act-2013-711-of-5-august-2013"),
        T("Loi n° 2013-711", "Act No. 2013-711"),
        T(
            "Loi n° 2013-711 du 5 août 2013 portant diverses dispositions d'adaptation dans le domaine de la "
            "justice en application du droit de l'Union européenne et des engagements internationaux de la France",
            "Act No. 2013-711 of 5 August 2013 on various provisions adapting justice to European Union law "
            "and France's international commitments",
        ),
        T(
            "<p>Elle transpose notamment la directive 2011/36/UE : elle redéfinit l'infraction de traite des "
            "êtres humains dans le code pénal et crée les infractions de réduction en esclavage, "
            "d'exploitation d'une personne réduite en esclavage, de travail forcé et de réduction en servitude.</p>",
            "<p>Among other things it transposes Directive 2011/36/EU: it redefines the offence of trafficking "
            "in human beings in the Criminal Code and creates the offences of reduction to slavery, "
            "exploitation of a person reduced to slavery, forced labour and reduction to servitude.</p>",
        ),
    ),
    resource(
        (19, "french-republic", "code_article", D(2013, 8, 5), "france", FR_ONLY, NO_URL),
        "minors sexual-exploitation labour-exploitation forced-begging-and-crime",
        T("code-penal-article-225-4-1", "criminal-code-article-225-4-1"),
        T("Code pénal, art. 225-4-1", "Criminal Code, Art. 225-4-1"),
        T(
            "Code pénal, article 225-4-1 (définition de la traite des êtres humains, version issue de la loi "
            "du 5 août 2013)",
            "Criminal Code, Article 225-4-1 (definition of trafficking in human beings, as amended by the Act "
            "of 5 August 2013)",
        ),
        T(
            "<p>Définit la traite des êtres humains par un acte (recruter, transporter, transférer, héberger "
            "ou accueillir une personne), un moyen (menace, contrainte, violence, abus de vulnérabilité…) et "
            "une finalité d'exploitation. Pour un mineur, l'infraction est constituée même sans ces moyens.</p>",
            "<p>Defines trafficking in human beings by an act (recruiting, transporting, transferring, "
            "harbouring or receiving a person), a means (threat, coercion, violence, abuse of vulnerability…) "
            "and a purpose of exploitation. For a minor, the offence is made out even without those means.</p>",
        ),
    ),
    resource(
        (20, "french-republic", "code_article", None, "france", FR_ONLY, NO_URL),
        "victim-support",
        T("ceseda-article-l-316-1", "entry-and-residence-code-article-l-316-1"),
        T("CESEDA, art. L. 316-1", "CESEDA, Art. L. 316-1"),
        T(
            "Code de l'entrée et du séjour des étrangers et du droit d'asile, article L. 316-1 (titre de séjour "
            "des victimes qui portent plainte ou témoignent)",
            "Code on the Entry and Residence of Foreigners and the Right of Asylum, Article L. 316-1 (residence "
            "permit for victims who file a complaint or testify)",
        ),
        T(
            "<p>Prévoit la délivrance d'une carte de séjour temporaire à l'étranger qui dépose plainte contre "
            "les auteurs de traite ou de proxénétisme, ou témoigne dans une procédure pénale ; une carte de "
            "résident peut être délivrée en cas de condamnation définitive. Depuis la recodification du code "
            "entrée en vigueur le 1er mai 2021, ces dispositions figurent à l'article L. 425-1.</p>",
            "<p>Provides for a temporary residence permit for a foreign national who files a complaint against "
            "the perpetrators of trafficking or procuring, or testifies in criminal proceedings; a resident "
            "card may be issued once they are finally convicted. Since the recodification in force on 1 May "
            "2021, these provisions are found in Article L. 425-1.</p>",
        ),
    ),
    resource(
        (21, "miprof", "action_plan", D(2014, 5, 14), "france", FR_ONLY, NO_URL),
        "victim-support prevention advocacy",
        T("plan-d-action-national-2014-2016", "national-action-plan-2014-2016"),
        NO_TEXT,
        T(
            "Plan d'action national contre la traite des êtres humains 2014-2016",
            "National Action Plan against Trafficking in Human Beings 2014–2016",
        ),
        T(
            "<p>Premier plan national français contre la traite, présenté le 14 mai 2014 et coordonné par la "
            "MIPROF. Il s'articule autour de trois priorités : identifier et accompagner les victimes, "
            "poursuivre et démanteler les réseaux, faire de la lutte contre la traite une politique publique "
            "à part entière.</p>",
            "<p>France's first national plan against trafficking, presented on 14 May 2014 and coordinated by "
            "MIPROF. It has three priorities: identifying and supporting victims, prosecuting and dismantling "
            "networks, and making the fight against trafficking a public policy in its own right.</p>",
        ),
    ),
    resource(
        (22, "cncdh", "opinion", D(2009, 12, 18), "france", FR_ONLY, NO_URL),
        "victim-support advocacy labour-exploitation sexual-exploitation",
        T("avis-de-la-cncdh-sur-la-traite-2009", "cncdh-opinion-on-trafficking-2009"),
        NO_TEXT,
        T(
            "Avis sur la traite et l'exploitation des êtres humains en France",
            "Opinion on trafficking and exploitation of human beings in France",
        ),
        T(
            "<p>Avis adopté par l'assemblée plénière de la CNCDH. Il analyse le droit et les pratiques "
            "français et formule des recommandations pour mieux identifier, protéger et indemniser les victimes "
            "de toutes les formes de traite.</p>",
            "<p>Opinion adopted by the CNCDH plenary assembly. It analyses French law and practice and makes "
            "recommendations to better identify, protect and compensate victims of every form of trafficking.</p>",
        ),
    ),
    resource(
        (23, "echr", "case_law", D(2005, 7, 26), "europe", COE_LANGUAGES, NO_URL),
        "domestic-servitude minors labour-exploitation",
        T("cedh-siliadin-c-france", "ecthr-siliadin-v-france"),
        T("Requête n° 73316/01", "Application no. 73316/01"),
        T("Siliadin c. France", "Siliadin v. France"),
        T(
            "<p>La Cour constate une violation de l'article 4 de la Convention européenne des droits de "
            "l'homme : une mineure étrangère maintenue en servitude domestique n'avait pas bénéficié d'une "
            "protection pénale concrète et effective, le droit français ne réprimant pas spécifiquement "
            "l'esclavage et la servitude.</p>",
            "<p>The Court finds a violation of Article 4 of the European Convention on Human Rights: a foreign "
            "minor held in domestic servitude had not been afforded practical and effective criminal-law "
            "protection, as French law did not specifically criminalise slavery and servitude.</p>",
        ),
    ),
    resource(
        (24, "echr", "case_law", D(2010, 1, 7), "europe", COE_LANGUAGES, NO_URL),
        "sexual-exploitation international-cooperation victim-support",
        T("cedh-rantsev-c-chypre-et-russie", "ecthr-rantsev-v-cyprus-and-russia"),
        T("Requête n° 25965/04", "Application no. 25965/04"),
        T("Rantsev c. Chypre et Russie", "Rantsev v. Cyprus and Russia"),
        T(
            "<p>La Cour juge que la traite des êtres humains relève de l'article 4 de la Convention et que les "
            "États ont l'obligation positive de mettre en place un cadre juridique adapté, de protéger les "
            "victimes et d'enquêter, y compris en coopérant entre États.</p>",
            "<p>The Court holds that trafficking in human beings falls within the scope of Article 4 of the "
            "Convention and that States have positive obligations to put in place an appropriate legal "
            "framework, to protect victims and to investigate, including through cooperation between States.</p>",
        ),
    ),
    resource(
        (25, "echr", "case_law", D(2012, 10, 11), "europe", COE_LANGUAGES, NO_URL),
        "domestic-servitude minors labour-exploitation",
        T("cedh-c-n-et-v-c-france", "ecthr-c-n-and-v-v-france"),
        T("Requête n° 67724/09", "Application no. 67724/09"),
        T("C.N. et V. c. France", "C.N. and V. v. France"),
        T(
            "<p>Affaire de deux sœurs mineures maintenues en servitude domestique. La Cour constate une "
            "violation de l'article 4 à l'égard de la première requérante, faute d'un cadre législatif et "
            "administratif permettant de lutter efficacement contre la servitude et le travail forcé.</p>",
            "<p>Case of two under-age sisters held in domestic servitude. The Court finds a violation of "
            "Article 4 in respect of the first applicant, for lack of a legislative and administrative "
            "framework allowing servitude and forced labour to be fought effectively.</p>",
        ),
    ),
]
