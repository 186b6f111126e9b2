"""Demo content for ``manage.py load_demo_content``, kept as Python data (no JSON fixture).

Every text exists in French and English (``T(fr, en)``); ``builder.py`` writes it to
the database idempotently, keyed on slugs and deterministic translation keys.
"""
