"""The collective's rules in one place (extranet/permissions.py): the functions, the template filters that ask
them, and the admin's delegation form that applies "may represent the collective"."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from extranet.models import Meeting
from extranet.permissions import (
    is_full_member,
    may_mark_action_done,
    may_represent_collective,
    may_sign_for_association,
    may_vote,
    representation_refusal,
    vote_refusal,
)
from home.models import MembershipStatus

from ..factories import AssociationFactory, FollowUpActionFactory, MeetingFactory, MembershipFactory, UserFactory
from ..html import element, text

FRENCH_OBSERVER_REFUSAL = (
    "L’association SOS Esclaves a le statut d’observateur : les observateurs ne représentent pas le collectif."
)


@pytest.fixture
def former_association(locales):
    return AssociationFactory(
        name="Ancienne association",
        slug="ancienne",
        status=MembershipStatus.LEFT,
        status_since=datetime.date(2020, 1, 1),
    )


@pytest.fixture
def former_user(former_association):
    return MembershipFactory(association=former_association, user=UserFactory(username="ancienne@example.org")).user


# --- The functions ----------------------------------------------------------------------------------


def test_full_members_vote_and_represent_observers_and_former_members_do_not(
    association_a, observer_association, former_association
):
    assert is_full_member(association_a) and may_vote(association_a) and may_represent_collective(association_a)
    assert vote_refusal(association_a) == representation_refusal(association_a) == ""
    for other in (observer_association, former_association):
        assert not is_full_member(other) and not may_vote(other) and not may_represent_collective(other)
    with translation.override("en"):
        assert "Observers take part" in vote_refusal(observer_association)
        assert "no longer a member" in vote_refusal(former_association)
        assert representation_refusal(observer_association) == (
            "SOS Esclaves is an observer: observers do not represent the collective."
        )
        assert representation_refusal(former_association) == (
            "Ancienne association is no longer a member of the collective."
        )
    with translation.override("fr"):
        assert representation_refusal(observer_association) == FRENCH_OBSERVER_REFUSAL


def test_who_may_sign_in_an_associations_name(
    association_a, member_a, member_b, observer_association, observer_user, former_association, former_user, coordinator
):
    assert may_sign_for_association(member_a, association_a)
    assert may_sign_for_association(observer_user, observer_association)  # observers take part
    assert not may_sign_for_association(former_user, former_association)  # a former member no longer signs
    assert not may_sign_for_association(member_b, association_a)  # not its own association
    assert not may_sign_for_association(AnonymousUser(), association_a)
    assert not may_sign_for_association(coordinator, association_a)  # coordinators sign for no association
    inactive = MembershipFactory(association=association_a, user=UserFactory(is_active=False)).user
    assert not may_sign_for_association(inactive, association_a)


def test_who_may_mark_an_action_done(association_a, member_a, member_b, observer_association, observer_user):
    own = FollowUpActionFactory(association=association_a)
    collective = FollowUpActionFactory(association=None)
    assert may_mark_action_done(member_a, own)
    assert not may_mark_action_done(member_b, own)
    assert not may_mark_action_done(AnonymousUser(), own)
    assert not may_mark_action_done(member_a, collective)  # the coordination closes those
    assert may_mark_action_done(observer_user, FollowUpActionFactory(association=observer_association))


def test_an_association_does_not_vote_on_its_own_admission(association_a, observer_association):
    class Ballot:
        concerned_association_id = observer_association.pk

    assert may_vote(association_a, Ballot())
    assert not may_vote(observer_association, Ballot())


# --- The template filters ask the same functions --------------------------------------------------------


def render(source, **context) -> str:
    return Template("{% load extranet_tags %}" + source).render(Context(context)).strip()


def test_templates_ask_the_same_rules(
    association_a, member_a, member_b, observer_association, observer_user, former_association, former_user
):
    sign = "{% if association|may_sign_for:user %}yes{% else %}no{% endif %}"
    assert render(sign, association=association_a, user=member_a) == "yes"
    assert render(sign, association=association_a, user=member_b) == "no"
    assert render(sign, association=observer_association, user=observer_user) == "yes"
    assert render(sign, association=former_association, user=former_user) == "no"
    assert render(sign, association=association_a, user=AnonymousUser()) == "no"

    rules = "{{ a|may_vote }} {{ a|may_represent_collective }} {{ a|is_full_member }}"
    assert render(rules, a=association_a) == "True True True"
    assert render(rules, a=observer_association) == "False False False"
    assert render(rules, a=former_association) == "False False False"

    done = "{% if action|may_mark_done:user %}yes{% else %}no{% endif %}"
    action = FollowUpActionFactory(association=association_a)
    assert render(done, action=action, user=member_a) == "yes"
    assert render(done, action=action, user=member_b) == "no"


# --- A delegation represents the collective ----------------------------------------------------------


def edit_meeting(client, coordinator, meeting, delegation, language="en"):
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": language})
    client.force_login(coordinator)
    return client.post(
        reverse("wagtailsnippets_extranet_meeting:edit", args=[meeting.pk]),
        {
            "kind": "delegation",
            "title_fr": "Rencontre au ministère",
            "title_en": "",
            "starts_at": "2026-12-15 10:00",
            "delegation": [association.pk for association in delegation],
        },
    )


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "SOS Esclaves is an observer: observers do not represent the collective."),
        ("fr", FRENCH_OBSERVER_REFUSAL),
    ],
)
def test_the_admin_refuses_an_observer_in_a_delegation(
    client, coordinator, association_a, observer_association, language, message
):
    meeting = MeetingFactory(title_fr="Avant")

    response = edit_meeting(client, coordinator, meeting, [association_a, observer_association], language)

    assert response.status_code == 200
    assert message in text(element(response.text, id="panel-child-delegation-errors"))
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.title_fr == "Avant" and not meeting.delegation.exists()


def test_the_admin_refuses_a_former_member_in_a_delegation(client, coordinator, association_a, former_association):
    meeting = MeetingFactory()
    response = edit_meeting(client, coordinator, meeting, [former_association])
    assert response.status_code == 200
    assert "Ancienne association is no longer a member of the collective." in response.text
    assert not Meeting.objects.get(pk=meeting.pk).delegation.exists()


def test_the_admin_saves_a_delegation_of_members(client, coordinator, association_a, association_b):
    meeting = MeetingFactory()
    response = edit_meeting(client, coordinator, meeting, [association_a, association_b])
    assert response.status_code == 302, response.text[:2000]
    assert set(Meeting.objects.get(pk=meeting.pk).delegation.all()) == {association_a, association_b}
