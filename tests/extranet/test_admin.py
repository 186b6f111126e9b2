"""Coordinators manage the extranet in the Wagtail admin."""

import pytest
from django.urls import reverse

MODELS = ["membership", "invitation", "meeting", "minutes", "internaldocument"]


@pytest.mark.parametrize("model", MODELS)
def test_coordinators_list_and_create_extranet_content(client, coordinator, model):
    client.force_login(coordinator)
    assert client.get(reverse(f"wagtailsnippets_extranet_{model}:list")).status_code == 200
    assert client.get(reverse(f"wagtailsnippets_extranet_{model}:add")).status_code == 200


def test_members_of_associations_never_reach_the_extranet_admin(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("wagtailsnippets_extranet_minutes:list"))
    assert response.status_code in (302, 403)
    assert "Minutes" not in response.text
