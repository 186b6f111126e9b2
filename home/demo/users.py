"""Demo accounts (login by email). Their password is set by the management command."""

DEMO_USERS = [
    # email, first name, last name, coordinator (superuser with Wagtail admin access)
    ("coordination@example.org", "Geneviève", "Colas", True),
    ("ccem@example.org", "Bénédicte", "Bourgeois", False),
    ("ecpat@example.org", "Alice", "Tallon", False),
    ("sos-esclaves@example.org", "Annick", "Fougeroux", False),
]
