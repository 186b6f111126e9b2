"""Template helpers for what the extranet's members receive (they have no access to the Wagtail admin)."""

from django import template
from django.urls import reverse

from extranet.models import DeclarationProposal
from extranet.permissions import is_coordinator

register = template.Library()

# Whether a user works in the Wagtail admin (coordinators), rather than in the extranet only.
register.filter("is_coordinator", is_coordinator)


@register.simple_tag
def proposal_revise_path(page) -> str:
    """Where a member revises the proposal behind ``page`` (else their dashboard), in the active language."""
    proposal = DeclarationProposal.objects.filter(page_id=page.pk).select_related("association").first()
    if proposal is None:
        return reverse("extranet:dashboard")
    return reverse("extranet:declaration_revise", args=[proposal.association.slug, proposal.pk])
