"""Template tags of the legal library (``{% load library_tags %}``): the citation of a resource.

Registered as the ``library_tags`` library in the settings (``TEMPLATES[...]["OPTIONS"]["libraries"]``).
"""

from django import template

from .citations import citation_for

register = template.Library()


@register.simple_tag(takes_context=True)
def resource_citation(context, page):
    """The citation of a legal resource page (``home.library.citations.Citation``), read once per request."""
    citation = getattr(page, "_citation", None)
    if citation is None:
        citation = page._citation = citation_for(page, context.get("request"))
    return citation
