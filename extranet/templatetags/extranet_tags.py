"""Template helpers for what the extranet's members receive (they have no access to the Wagtail admin)."""

from django import template
from django.urls import reverse

from extranet.models import DeclarationProposal

register = template.Library()


@register.filter
def uses_the_admin(user) -> bool:
    """Whether ``user`` may open the Wagtail admin (coordinators), rather than the extranet only."""
    return bool(user and user.has_perm("wagtailadmin.access_admin"))


@register.simple_tag
def proposal_revise_path(page) -> str:
    """Where a member revises the proposal behind ``page`` (else their dashboard), in the active language."""
    proposal = DeclarationProposal.objects.filter(page_id=page.pk).select_related("association").first()
    if proposal is None:
        return reverse("extranet:dashboard")
    return reverse("extranet:declaration_revise", args=[proposal.association.slug, proposal.pk])
