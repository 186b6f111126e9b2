"""Template tags of the legal library (``{% load library_tags %}``): the links between texts and the
citation of a resource.

Registered as the ``library_tags`` library in the settings (``TEMPLATES[...]["OPTIONS"]["libraries"]``).
"""

from django import template

from .citations import citation_for
from .queries import resource_relations as read_relations

register = template.Library()


@register.simple_tag(takes_context=True)
def resource_relations(context, page):
    """The texts ``page`` is linked to, on both ends, grouped by wording (``home.library.queries``)."""
    return read_relations(page, context.get("request"))


@register.simple_tag(takes_context=True)
def resource_citation(context, page):
    """The citation of a legal resource page (``home.library.citations.Citation``), read once per request."""
    citation = getattr(page, "_citation", None)
    if citation is None:
        citation = page._citation = citation_for(page, context.get("request"))
    return citation
