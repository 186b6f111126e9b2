"""The page tree: home page, section pages and the pages about the collective."""

import datetime

from django.conf import settings

from home.declarations.models import CONFIRMATION_LIFETIME

from . import library, news
from .declarations import balkans_declaration
from .specs import PageSpec, Ref
from .text import T, heading, p, paragraph

COLLECTIVE_NAME = T("Ensemble contre la traite des êtres humains", "Together against trafficking in human beings")


def page(
    model, key, slug: T, title: T, introduction: T, *, stream=None, menus=False, children=(), form_fields=None, **fields
) -> PageSpec:
    """A page with its introduction and other ``fields``; ``stream``: the blocks of its "body" StreamField."""
    return PageSpec(
        model=model,
        key=key,
        slug=slug,
        title=title,
        fields={"introduction": introduction, **fields},
        streams={} if stream is None else {"body": stream},
        form_fields=form_fields,
        show_in_menus=menus,
        children=list(children),
    )


def section(model, key, slug: T, title: T, introduction: T, children=(), **fields) -> PageSpec:
    """A page of the main menu."""
    return page(model, key, slug, title, introduction, menus=True, children=children, **fields)


def legal_resource_page(data: dict) -> PageSpec:
    return PageSpec(
        model="home.LegalResourcePage",
        key=f"library/{data['number']:02d}",
        slug=data["slug"],
        title=data["title"],
        fields={
            "summary": data["summary"],
            "issuing_body": Ref("home.IssuingBody", data["issuing_body"]),
            "resource_type": data["resource_type"],
            "date": data["date"],
            "date_precision": data["date_precision"],
            "jurisdiction": data["jurisdiction"],
            "official_reference": data["reference"],
            "external_url": data["url"],
            "legal_status": data["legal_status"],
            "entry_into_force": data["entry_into_force"],
        },
        m2m={"topics": data["topics"]},
        languages=data["languages"],
        identifiers=data["identifiers"],
        relations=[(kind, f"library/{number:02d}") for kind, number in data["relations"]],
    )


def contact_form_fields() -> list[dict]:
    return [
        {"label": T("Nom", "Name"), "field_type": "singleline", "required": True},
        {"label": T("Adresse électronique", "Email address"), "field_type": "email", "required": True},
        {"label": T("Objet", "Subject"), "field_type": "singleline", "required": True},
        {"label": T("Message", "Message"), "field_type": "multiline", "required": True},
    ]


COLLECTIVE_PAGE = page(
    "home.StandardPage",
    "the-collective",
    T("le-collectif", "the-collective"),
    T("Le collectif", "The collective"),
    T(
        "Une quinzaine d'associations françaises unies pour lutter contre la traite des êtres humains "
        "sous toutes ses formes.",
        "About fifteen French associations working together against trafficking in human beings in all its forms.",
    ),
    menus=True,
    stream=[
        heading("Notre objet", "Our purpose"),
        paragraph(
            p(
                "Le Collectif « Ensemble contre la traite des êtres humains » réunit des associations "
                "qui accompagnent des victimes, font de la prévention et portent un plaidoyer : "
                "exploitation sexuelle, exploitation par le travail, servitude domestique, mendicité "
                "et délinquance forcées, traite des mineurs.",
                "The collective « Together against trafficking in human beings » brings together "
                "associations that support victims, work on prevention and carry out advocacy: sexual "
                "exploitation, labour exploitation, domestic servitude, forced begging and criminality, "
                "trafficking of minors.",
            ),
            p(
                "Ensemble, elles demandent une politique publique qui identifie et protège toutes les "
                "victimes, et suivent la mise en œuvre du plan national d'action contre la traite.",
                "Together they call for a public policy that identifies and protects every victim, and "
                "follow the implementation of the national action plan against trafficking.",
            ),
        ),
        heading("Notre histoire", "Our history"),
        paragraph(
            p(
                "Les associations membres travaillent ensemble depuis plusieurs années. Le Collectif "
                "rencontre les ministères concernés (Justice, Intérieur, Affaires sociales, Affaires "
                "étrangères, Emploi), la MIPROF et la CNCDH, chargée d'évaluer la politique française "
                "contre la traite, ainsi que les syndicats.",
                "The member associations have been working together for several years. The collective "
                "meets the ministries concerned (Justice, Interior, Social Affairs, Foreign Affairs, "
                "Employment), MIPROF and the CNCDH, which evaluates French policy against trafficking, "
                "as well as trade unions.",
            ),
        ),
        heading("Notre fonctionnement", "How we work"),
        paragraph(
            p(
                "Le Secours Catholique – Caritas France assure la coordination. Les associations se "
                "réunissent en séance plénière plusieurs fois par an ; des délégations rencontrent les "
                "pouvoirs publics et rendent compte au Collectif.",
                "Secours Catholique – Caritas France coordinates the collective. The associations meet "
                "in plenary several times a year; delegations meet the public authorities and report "
                "back to the collective.",
            ),
        ),
        heading("Devenir membre", "Becoming a member"),
        paragraph(
            p(
                "Une association qui souhaite rejoindre le Collectif y entre d'abord comme membre "
                "observateur pendant un an, à dater du jour où elle confirme son souhait. Elle désigne "
                "un point de contact et transmet son rapport d'activité.",
                "An association wishing to join the collective first becomes an observer member for one "
                "year, from the day it confirms its wish. It appoints a contact person and sends its "
                "activity report.",
            ),
            p(
                "Pendant cette année, elle participe régulièrement et activement aux activités du "
                "Collectif, mais ne prend pas part aux votes et n'est pas mandatée pour le représenter. "
                "Un an plus tard, un vote décide de son entrée comme membre.",
                "During that year it takes part regularly and actively in the collective's activities, "
                "but does not vote and is not mandated to represent it. One year later, a vote decides "
                "whether it becomes a member.",
            ),
        ),
    ],
)


LEGAL_NOTICE_PAGE = page(
    "home.StandardPage",
    "legal-notice",
    T("mentions-legales", "legal-notice"),
    T("Mentions légales", "Legal notice"),
    T("Éditeur, hébergement et données personnelles.", "Publisher, hosting and personal data."),
    stream=[
        heading("Éditeur", "Publisher"),
        paragraph(
            p(
                "Collectif « Ensemble contre la traite des êtres humains », coordonné par le Secours "
                "Catholique – Caritas France, 106 rue du Bac, 75341 Paris cedex 07.",
                "Collective « Together against trafficking in human beings », coordinated by Secours "
                "Catholique – Caritas France, 106 rue du Bac, 75341 Paris cedex 07, France.",
            ),
        ),
        heading("Hébergement", "Hosting"),
        paragraph(
            p(
                "Texte de démonstration : le nom et l'adresse de l'hébergeur seront indiqués ici.",
                "Demo text: the name and address of the hosting provider will be given here.",
            ),
        ),
        heading("Données personnelles", "Personal data"),
        paragraph(
            p(
                "Les données envoyées par le formulaire de contact servent uniquement à vous répondre. "
                "Les données des signataires d'une déclaration servent à confirmer et à compter leur "
                "signature ; chaque signataire peut retirer sa signature, ce qui efface ses données.",
                "Data sent through the contact form is used only to answer you. Data of the signatories "
                "of a declaration is used to confirm and count their signature; every signatory can "
                "withdraw their signature, which erases their data.",
            ),
        ),
    ],
)


def privacy_page() -> PageSpec:
    """What the site keeps about people, why, for how long, and how to get or erase it."""
    years = max(1, round(settings.SIGNATURE_RETENTION_DAYS / 365))
    days = CONFIRMATION_LIFETIME.days
    return page(
        "home.StandardPage",
        "privacy",
        T("donnees-personnelles", "privacy"),
        T("Données personnelles", "Privacy"),
        T(
            "Ce que le site conserve, pourquoi, combien de temps, et comment l'obtenir ou l'effacer.",
            "What the site keeps, why, for how long, and how to get it or erase it.",
        ),
        stream=[
            heading("Signataires des déclarations", "Signatories of declarations"),
            paragraph(
                p(
                    "Nous conservons vos prénom, nom, adresse e-mail, organisation et pays, ainsi que le texte "
                    "du consentement que vous avez donné, pour compter votre signature et, si vous l'avez "
                    "choisi, afficher votre nom parmi les signataires. Votre adresse e-mail n'est jamais "
                    f"affichée ni transmise. Une signature non confirmée est effacée après {days} jours ; "
                    f"une signature confirmée est anonymisée après {years} ans (seuls le pays et la date "
                    "restent, pour que le décompte reste exact).",
                    "We keep your first name, last name, email address, organisation and country, and the "
                    "text of the consent you gave, to count your signature and, if you chose so, to show your "
                    "name among the signatories. Your email address is never shown or shared. A signature "
                    f"that is not confirmed is erased after {days} days; a confirmed signature is anonymised "
                    f"after {years} years (only the country and the date remain, so that the count stays exact).",
                ),
            ),
            paragraph(
                p(
                    "Le lien de retrait de l'e-mail de confirmation vous montre les données que nous "
                    "détenons, vous permet de les télécharger et de les effacer à tout moment.",
                    "The withdrawal link in the confirmation email shows the data we hold about you, lets you "
                    "download them and erase them at any time.",
                ),
            ),
            heading("Associations membres", "Member associations"),
            paragraph(
                p(
                    "Les comptes de l'espace membres (nom, adresse e-mail) et les contacts internes des "
                    "associations ne sont visibles que des membres du Collectif et de la coordination. "
                    "Les contacts publics sont ceux que chaque association a choisi de publier.",
                    "Members' area accounts (name, email address) and the associations' internal contacts are "
                    "visible only to the collective's members and its coordination. Public contacts are those "
                    "each association chose to publish.",
                ),
            ),
            heading("Aucun service tiers", "No third-party service"),
            paragraph(
                p(
                    "Le site ne fait appel à aucun service tiers, ne charge aucune ressource extérieure et "
                    "ne contient aucun traceur. Pour toute question, ou pour exercer vos droits, écrivez à "
                    "la coordination par la page Contact.",
                    "The site uses no third-party service, loads nothing from elsewhere and contains no "
                    "tracker. For any question, or to exercise your rights, write to the coordination "
                    "through the Contact page.",
                ),
            ),
        ],
    )


def home_page(today: datetime.date) -> PageSpec:
    return page(
        "home.HomePage",
        "home",
        T("accueil", "home"),
        COLLECTIVE_NAME,
        T(
            "Une quinzaine d'associations françaises unies contre la traite des êtres humains : accompagner "
            "les victimes, prévenir, informer et interpeller les pouvoirs publics.",
            "About fifteen French associations united against trafficking in human beings: supporting "
            "victims, preventing, informing and calling on the public authorities.",
        ),
        stream=[
            paragraph(
                p(
                    "Exploitation sexuelle, travail forcé, servitude domestique, mendicité ou délinquance "
                    "forcées : la traite des êtres humains prend de nombreuses formes et touche aussi des "
                    "mineurs. Les associations du Collectif mettent en commun leur expérience pour que "
                    "chaque victime soit identifiée, protégée et rétablie dans ses droits.",
                    "Sexual exploitation, forced labour, domestic servitude, forced begging or criminality: "
                    "trafficking in human beings takes many forms and also affects minors. The collective's "
                    "associations pool their experience so that every victim is identified, protected and "
                    "restored to their rights.",
                ),
            ),
        ],
        children=[
            section(
                "home.MembersIndexPage",
                "members",
                T("nos-membres", "our-members"),
                T("Nos membres", "Our members"),
                T(
                    "Les associations membres et observatrices du Collectif, leurs domaines d'action et leurs "
                    "contacts.",
                    "The collective's member and observer associations, their fields of action and their contacts.",
                ),
            ),
            section(
                "home.LibraryIndexPage",
                "library",
                T("droit", "law"),
                T("Droit", "Law"),
                T(
                    "Textes internationaux, européens et français, rapports et jurisprudence sur la traite des "
                    "êtres humains.",
                    "International, European and French texts, reports and case law on trafficking in human beings.",
                ),
                children=[legal_resource_page(item) for item in library.RESOURCES],
                body=T(
                    "<p>Filtrez par organisme, type de texte, thème, année ou langue, ou lancez une recherche.</p>",
                    "<p>Filter by body, type of text, topic, year or language, or search the library.</p>",
                ),
            ),
            section(
                "home.NewsIndexPage",
                "news",
                T("actualites", "news"),
                T("Actualités", "News"),
                T("Les nouvelles du Collectif et de ses membres.", "News from the collective and its members."),
                children=news.NEWS,
            ),
            section(
                "home.EventIndexPage",
                "events",
                T("agenda", "events"),
                T("Agenda", "Events"),
                T(
                    "Réunions, délégations et rendez-vous de la lutte contre la traite.",
                    "Meetings, delegations and dates in the fight against trafficking.",
                ),
                children=news.events(today),
            ),
            section(
                "home.DeclarationIndexPage",
                "declarations",
                T("declarations", "declarations"),
                T("Déclarations", "Declarations"),
                T(
                    "Les déclarations portées par les associations du Collectif, à lire et à signer.",
                    "Declarations carried by the collective's associations, to read and to sign.",
                ),
                children=[balkans_declaration(today)],
            ),
            COLLECTIVE_PAGE,
            page(
                "home.ContactPage",
                "contact",
                T("contact", "contact"),
                T("Contact", "Contact"),
                T("Écrire à la coordination du Collectif.", "Write to the collective's coordination."),
                menus=True,
                form_fields=contact_form_fields(),
                body=T(
                    "<p>Une question, une proposition, une association qui souhaite rejoindre le Collectif ? "
                    "Votre message est transmis à la coordination.</p>",
                    "<p>A question, a proposal, an association wishing to join the collective? Your message "
                    "goes to the coordination.</p>",
                ),
                thank_you_text=T(
                    "<p>Merci, votre message a bien été envoyé. La coordination vous répondra.</p>",
                    "<p>Thank you, your message has been sent. The coordination will answer you.</p>",
                ),
                to_address="coordination@example.org",
                subject=T("Message depuis le site du Collectif", "Message from the collective's website"),
            ),
            LEGAL_NOTICE_PAGE,
            privacy_page(),
        ],
    )
