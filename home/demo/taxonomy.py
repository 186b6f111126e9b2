"""Topics (fields of action, resource topics) and issuing bodies of legal texts."""

from .text import T

# slug -> name
TOPICS = {
    "minors": T("Mineurs", "Minors"),
    "sexual-exploitation": T("Exploitation sexuelle", "Sexual exploitation"),
    "labour-exploitation": T("Exploitation par le travail", "Labour exploitation"),
    "domestic-servitude": T("Servitude domestique", "Domestic servitude"),
    "forced-begging-and-crime": T("Mendicité et délinquance forcées", "Forced begging and forced criminality"),
    "victim-support": T("Accompagnement des victimes", "Victim support"),
    "advocacy": T("Plaidoyer", "Advocacy"),
    "prevention": T("Prévention et sensibilisation", "Prevention and awareness"),
    "international-cooperation": T("Coopération internationale", "International cooperation"),
}

# slug -> (acronym, name, website). ``IssuingBody.acronym`` has one column: where the French
# and English acronyms differ, both are stored ("ONU / UN") so that either finds the body.
ISSUING_BODIES = {
    "un": ("ONU / UN", T("Organisation des Nations unies", "United Nations"), "https://www.un.org/"),
    "unodc": (
        "ONUDC / UNODC",
        T("Office des Nations unies contre la drogue et le crime", "United Nations Office on Drugs and Crime"),
        "https://www.unodc.org/",
    ),
    "council-of-europe": ("", T("Conseil de l'Europe", "Council of Europe"), "https://www.coe.int/"),
    "greta": (
        "GRETA",
        T(
            "Groupe d'experts sur la lutte contre la traite des êtres humains (Conseil de l'Europe)",
            "Group of Experts on Action against Trafficking in Human Beings (Council of Europe)",
        ),
        "",
    ),
    "eu": ("UE / EU", T("Union européenne", "European Union"), "https://european-union.europa.eu/"),
    "ilo": (
        "OIT / ILO",
        T("Organisation internationale du travail", "International Labour Organization"),
        "https://www.ilo.org/",
    ),
    "osce": (
        "OSCE",
        T(
            "Organisation pour la sécurité et la coopération en Europe",
            "Organization for Security and Co-operation in Europe",
        ),
        "https://www.osce.org/",
    ),
    "french-republic": ("", T("République française", "French Republic"), ""),
    "miprof": (
        "MIPROF",
        T(
            "Mission interministérielle pour la protection des femmes contre les violences "
            "et la lutte contre la traite des êtres humains",
            "Interministerial mission for the protection of women against violence "
            "and the fight against trafficking in human beings",
        ),
        "",
    ),
    "cncdh": (
        "CNCDH",
        T(
            "Commission nationale consultative des droits de l'homme",
            "National Consultative Commission on Human Rights (France)",
        ),
        "https://www.cncdh.fr/",
    ),
    "echr": (
        "CEDH / ECtHR",
        T("Cour européenne des droits de l'homme", "European Court of Human Rights"),
        "https://www.echr.coe.int/",
    ),
}
