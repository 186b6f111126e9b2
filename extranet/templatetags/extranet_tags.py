"""Template helpers for what the extranet's members receive (they have no access to the Wagtail admin).

Templates ask the rules of ``extranet.permissions`` through these filters, never a rule of their own:
``{% if association|may_sign_for:user %}``, ``{% if action|may_mark_done:user %}``,
``{% if association|may_vote %}``, ``{% if association|may_represent_collective %}``.
"""

from django import template
from django.urls import reverse

from extranet import permissions
from extranet.models import DeclarationProposal
from extranet.permissions import is_coordinator

register = template.Library()

# Whether a user works in the Wagtail admin (coordinators), rather than in the extranet only.
register.filter("is_coordinator", is_coordinator)
register.filter("is_full_member", permissions.is_full_member)
register.filter("may_represent_collective", permissions.may_represent_collective)


@register.filter
def may_vote(association, ballot=None) -> bool:
    """``association|may_vote`` or ``association|may_vote:ballot``."""
    return permissions.may_vote(association, ballot)


@register.filter
def may_sign_for(association, user) -> bool:
    """``association|may_sign_for:user``: the user may sign (and withdraw) in the association's name."""
    return permissions.may_sign_for_association(user, association)


@register.filter
def may_mark_done(action, user) -> bool:
    """``action|may_mark_done:user``: the user may mark this follow-up action done."""
    return permissions.may_mark_action_done(user, action)


@register.simple_tag
def proposal_revise_path(page) -> str:
    """Where a member revises the proposal behind ``page`` (else their dashboard), in the active language."""
    proposal = DeclarationProposal.objects.filter(page_id=page.pk).select_related("association").first()
    if proposal is None:
        return reverse("extranet:dashboard")
    return reverse("extranet:declaration_revise", args=[proposal.association.slug, proposal.pk])
