"""Public pages run a bounded number of SQL queries, whatever the amount of content."""

import datetime
import itertools

import pytest
from django.utils import timezone

from home.models import Association, AssociationContact, MembershipStatus, ResourceType

from .factories import (
    AssociationFactory,
    EventPageFactory,
    IssuingBodyFactory,
    LegalResourcePageFactory,
    NewsPageFactory,
    TopicFactory,
)

# Measured at 14–28 queries per page with the templates of the first release; the margin absorbs template work.
MAX_QUERIES = 35


def _urls(content, site_tree):
    return [
        "/fr/",
        "/en/",
        site_tree.fr.members.url,
        site_tree.fr.members.url + "?status=member&field=mineurs",
        "/fr/nos-membres/ccem/",
        "/en/our-members/ccem/",
        site_tree.fr.library.url,
        site_tree.fr.library.url + "?body=conseil-europe&topic=mineurs&language=fr&type=convention",
        site_tree.fr.library.url + "?q=convention",
        site_tree.fr.library.url + "?q=convention&body=conseil-europe&sort=title&page=2",
        site_tree.en.library.url,
        content.resource.url,
        site_tree.fr.news.url,
        content.news.url,
        site_tree.fr.events.url,
        content.event.url,
        site_tree.fr.declarations.url,
        content.declaration.url,
        content.declaration_en.url,
    ]


@pytest.fixture
def ten_times_the_demo(content, site_tree):
    """≈140 associations, ≈250 legal resources with topics and languages, ≈60 news, ≈30 events."""
    topics = [content.minors, content.labour] + [TopicFactory() for _ in range(8)]
    bodies = [content.coe] + [IssuingBodyFactory() for _ in range(9)]

    associations = Association.objects.bulk_create(
        AssociationFactory.build(
            status=MembershipStatus.OBSERVER if number % 7 == 0 else MembershipStatus.MEMBER,
        )
        for number in range(137)
    )
    through = Association.fields_of_action.through
    through.objects.bulk_create(
        through(association_id=association.pk, topic_id=topic.pk)
        for association, topic in zip(associations, itertools.cycle(topics), strict=False)
    )
    AssociationContact.objects.bulk_create(
        AssociationContact(association=association, name=f"Contact {association.pk}", is_public=public, sort_order=n)
        for association in associations
        for n, public in enumerate((True, False))
    )

    types = list(ResourceType.values)
    languages = ["fr", "en", "es", "de", "ru"]
    for number in range(250):
        LegalResourcePageFactory(
            parent=site_tree.fr.library,
            title=f"Convention n° {number}" if number % 3 else f"Rapport n° {number}",
            issuing_body=bodies[number % len(bodies)],
            resource_type=types[number % len(types)],
            date=None if number % 11 == 0 else datetime.date(1990 + number % 30, 1 + number % 12, 1),
            topics=[topics[number % len(topics)], topics[(number + 3) % len(topics)]],
            languages=languages[: 1 + number % len(languages)],
            revision=False,
        )
    for number in range(60):
        NewsPageFactory(
            parent=site_tree.fr.news, date=datetime.date(2014, 1, 1) + datetime.timedelta(days=number), revision=False
        )
    now = timezone.now().replace(microsecond=0)
    for number in range(30):
        start = now + datetime.timedelta(days=number - 15)
        EventPageFactory(
            parent=site_tree.fr.events, start=start, end=start + datetime.timedelta(hours=2), revision=False
        )
    return content


def test_public_pages_have_bounded_queries(client, content, site_tree, django_assert_max_num_queries):
    for url in _urls(content, site_tree):
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            response = client.get(url)
        assert response.status_code == 200, url


def test_query_bound_holds_on_ten_times_the_demo_content(
    client, ten_times_the_demo, site_tree, django_assert_max_num_queries
):
    assert Association.objects.count() >= 140
    for url in _urls(ten_times_the_demo, site_tree):
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            response = client.get(url)
        assert response.status_code == 200, url


def test_members_directory_does_not_query_per_association(client, ten_times_the_demo, site_tree):
    """The directory's queries do not depend on the number of associations (no N+1)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(site_tree.fr.members.url)  # warm the per-process caches (content types, locales)
    with CaptureQueriesContext(connection) as many:
        client.get(site_tree.fr.members.url)
    Association.objects.exclude(slug__in=["ccem", "ecpat-france", "sos-esclaves"]).delete()
    with CaptureQueriesContext(connection) as few:
        client.get(site_tree.fr.members.url)

    assert len(many) == len(few)
