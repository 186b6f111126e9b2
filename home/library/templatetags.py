"""Template tags of the legal library (``{% load library_tags %}``), registered in the settings."""

from django import template

from .queries import resource_relations as read_relations

register = template.Library()


@register.simple_tag(takes_context=True)
def resource_relations(context, page):
    """The texts ``page`` is linked to, on both ends, grouped by wording (``home.library.queries``)."""
    return read_relations(page, context.get("request"))
