"""The Balkans declaration (section 8 of the minutes).

Its real text is not in the seed: the 29 recommendations below are short demo
texts that name themes; they are marked as such and do not quote the declaration.
"""

import datetime

from .specs import PageSpec
from .text import T, heading, p, paragraph

# (French theme, English theme); 29 recommendations cycle through them.
THEMES = [
    (
        "respecter les droits humains de toutes les personnes victimes de traite",
        "respect the human rights of every victim of trafficking",
    ),
    (
        "garantir la protection et l'assistance des victimes sans condition de coopération",
        "guarantee victims' protection and assistance without requiring cooperation",
    ),
    (
        "former les professionnels à l'identification des victimes",
        "train professionals in the identification of victims",
    ),
    (
        "appliquer le principe de non-sanction des victimes pour les infractions qu'elles ont été "
        "contraintes de commettre",
        "apply the non-punishment principle to offences victims were compelled to commit",
    ),
    ("protéger les données personnelles des victimes", "protect victims' personal data"),
    ("assurer une protection renforcée aux mineurs", "give minors enhanced protection"),
    (
        "renforcer la coopération entre les pays de la région",
        "strengthen cooperation between the countries of the region",
    ),
    ("associer la société civile à l'élaboration des politiques", "involve civil society in policy-making"),
    ("garantir l'accès des victimes à l'indemnisation", "guarantee victims' access to compensation"),
    ("sensibiliser les jeunes aux risques de la traite", "raise young people's awareness of the risks of trafficking"),
]


def recommendations() -> list[tuple]:
    blocks = []
    for number in range(1, 30):
        theme_fr, theme_en = THEMES[(number - 1) % len(THEMES)]
        blocks.append(
            (
                "recommendation",
                {
                    "title": T(f"Recommandation {number} (démo)", f"Recommendation {number} (demo)"),
                    "text": T(
                        f"<p>Texte de démonstration n° {number} : {theme_fr}.</p>",
                        f"<p>Demo text no. {number}: {theme_en}.</p>",
                    ),
                },
            )
        )
    return blocks


def balkans_declaration(today: datetime.date) -> PageSpec:
    try:
        deadline = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        deadline = today.replace(year=today.year + 1, day=28)
    return PageSpec(
        model="home.DeclarationPage",
        key="declarations/balkans",
        slug=T("declaration-des-balkans", "balkans-declaration"),
        title=T(
            "Déclaration des Balkans sur la suppression de la traite et de l'exploitation des êtres humains",
            "Balkans Declaration on the Suppression of Trafficking and Exploitation of Human Beings",
        ),
        fields={
            "introduction": T(
                "Une déclaration en 29 recommandations, portée par le CCEM et ses partenaires, pour renforcer "
                "la lutte contre la traite en Serbie, en Macédoine, en Croatie et en Bosnie-Herzégovine.",
                "A declaration in 29 recommendations, carried by CCEM and its partners, to strengthen action "
                "against trafficking in Serbia, Macedonia, Croatia and Bosnia and Herzegovina.",
            ),
            "summary": T(
                "<p>Le CCEM (Comité contre l'esclavage moderne) est partenaire d'un projet cofinancé par la "
                "Commission européenne et le ministère français des Affaires étrangères. Le projet vise à "
                "renforcer les sociétés civiles de quatre pays – Serbie, Macédoine, Croatie, "
                "Bosnie-Herzégovine – par des actions de formation.</p>"
                "<p>La déclaration contient 29 recommandations : droits humains, traite des êtres humains "
                "principalement sous l'angle des victimes, et protection des données.</p>",
                "<p>CCEM (Committee against Modern Slavery) is a partner in a project co-funded by the European "
                "Commission and the French Ministry of Foreign Affairs. The project aims to strengthen civil "
                "society in four countries – Serbia, Macedonia, Croatia, Bosnia and Herzegovina – through "
                "training.</p>"
                "<p>The declaration contains 29 recommendations: human rights, trafficking in human beings "
                "mainly from the victims' point of view, and data protection.</p>",
            ),
            "signatures_open": True,
            "signature_goal": 500,
            "signature_deadline": deadline,
        },
        streams={
            "body": [
                heading("Pourquoi signer ?", "Why sign?"),
                paragraph(
                    p(
                        "Plus les signatures sont nombreuses, plus la déclaration pèse auprès des autorités des "
                        "pays concernés et des institutions européennes. Chaque signature est confirmée par "
                        "courriel.",
                        "The more signatures, the more weight the declaration carries with the authorities of "
                        "the countries concerned and with the European institutions. Each signature is "
                        "confirmed by email.",
                    ),
                ),
                heading("Les recommandations", "The recommendations"),
                paragraph(
                    p(
                        "<b>Texte de démonstration</b> : les recommandations ci-dessous résument des "
                        "thèmes, elles ne citent pas la déclaration. Le texte officiel, en français et en "
                        "anglais, sera transmis par le CCEM.",
                        "<b>Demo text</b>: the recommendations below summarise themes, they do not "
                        "quote the declaration. The official text, in French and English, will be provided by CCEM.",
                    ),
                ),
            ],
            "recommendations": recommendations(),
        },
        m2m={"carried_by": ["ccem"]},
        keep=("signature_deadline",),
    )
