"""What a declaration page shows: the count, the goal, the signatories, the chart; and the counts elsewhere."""

import datetime
import re

import pytest
from django.utils import timezone

from home.declarations.signing import sign_as_association
from home.models import DeclarationPage, Signature

from ..factories import SignatureFactory, UserFactory
from ..html import element, elements, text, texts


def _confirmed(content, count, *, start=None, show_publicly=True, prefix="person", step=datetime.timedelta(hours=1)):
    """``count`` confirmed signatures of people, one ``step`` apart from ``start`` (oldest first)."""
    start = start or timezone.now() - count * step
    return Signature.objects.bulk_create(
        SignatureFactory.build(
            declaration=content.declaration,
            first_name=f"{prefix}{number:03d}",
            last_name="Nom",
            email=f"{prefix}{number}@example.org",
            show_publicly=show_publicly,
            created_at=start + number * step,
            confirmed_at=start + number * step,
        )
        for number in range(count)
    )


def _names(page: str) -> list[str]:
    return texts(page, "span", class_="signatory__name")


def _count(page: str) -> str:
    return text(element(page, class_="signature-count__number"))


def _chart(page: str):
    """The chart's svg element and every element it holds (itself first)."""
    svg = element(page, "svg", class_="signature-chart__svg")
    return svg, [svg, *svg.iter()]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_count_and_the_progress_are_the_same_in_both_languages(client, content, language):
    DeclarationPage.objects.filter(translation_key=content.declaration.translation_key).update(signature_goal=8)
    _confirmed(content, 2)
    _confirmed(content, 1, prefix="hidden", show_publicly=False)
    sign_as_association(declaration=content.declaration, association=content.ccem, user=UserFactory())
    Signature.objects.create(declaration_key=content.declaration.translation_key, email="pending@example.org")

    page = content.declaration if language == "fr" else content.declaration_en
    response = client.get(page.url)

    assert _count(response.text) == "4"
    assert elements(response.text, "progress", max="8", value="4")
    assert "50 %" in response.text


def test_progress_stops_at_the_goal(client, content):
    DeclarationPage.objects.filter(translation_key=content.declaration.translation_key).update(signature_goal=2)
    _confirmed(content, 3)

    response = client.get(content.declaration_en.url)

    assert elements(response.text, "progress", max="2", value="2")
    assert "Goal reached: thank you!" in response.text


def test_a_script_in_a_public_name_is_shown_as_text(client, content):
    SignatureFactory(
        declaration=content.declaration,
        first_name="<script>alert('x')</script>",
        last_name="<b>Gras</b>",
        organisation='"><img src=x onerror=alert(1)>',
        email="xss@example.org",
        country="BE",
        show_publicly=True,
    )

    response = client.get(content.declaration_en.url)

    assert "<script>alert(" not in response.text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text
    assert "&lt;b&gt;Gras&lt;/b&gt;" in response.text
    assert "<img src=x" not in response.text
    assert "Belgium" in response.text


def test_signatories_are_associations_first_then_people_newest_first_paginated(client, content):
    user = UserFactory()
    sign_as_association(declaration=content.declaration, association=content.ccem, user=user)
    sign_as_association(declaration=content.declaration, association=content.ecpat, user=user)
    _confirmed(content, 60)
    _confirmed(content, 5, prefix="hidden", show_publicly=False)

    first = client.get(content.declaration_en.url)
    second = client.get(content.declaration_en.url + "?signatories=2")

    first_names, second_names = _names(first.text), _names(second.text)
    assert len(first_names) == 50
    assert set(first_names[:2]) == {"Comité contre l'esclavage moderne", "ECPAT France"}
    assert first_names[2:5] == ["person059 Nom", "person058 Nom", "person057 Nom"]
    assert second_names == [f"person{number:03d} Nom" for number in range(11, -1, -1)]
    assert not any(name.startswith("hidden") for name in first_names + second_names)
    assert "/en/our-members/ccem/" in first.text
    assert "?signatories=2" in first.text
    assert _count(first.text) == "67"


def test_the_chart_has_one_point_per_day_of_signatures(client, content):
    today = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    for days_ago, count in ((10, 3), (4, 1), (1, 2)):
        _confirmed(content, count, start=today - datetime.timedelta(days=days_ago), prefix=f"d{days_ago}-")

    response = client.get(content.declaration_en.url)

    svg, drawn = _chart(response.text)
    points = element(svg, "polyline")["points"].split()
    assert len(points) == 3
    heights = [float(point.split(",")[1]) for point in points]
    assert heights == sorted(heights, reverse=True)  # cumulative: the line only goes up
    assert elements(svg, "title") and elements(svg, "desc")
    assert svg["role"] == "img"
    assert not [shape for shape in drawn if "style" in shape]
    assert "6 signatures confirmed from" in response.text
    assert not elements(svg, "script")
    # Coordinates stay machine-readable in French too (no decimal comma).
    _french_svg, french_drawn = _chart(client.get(content.declaration.url).text)
    names = ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy")
    coordinates = [shape[name] for shape in french_drawn for name in names if name in shape]
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates)


def test_no_chart_without_signatures(client, content):
    response = client.get(content.declaration_en.url)

    assert "signature-chart__svg" not in response.text
    assert "No public signatory yet." in response.text


def test_the_declaration_page_runs_a_bounded_number_of_queries(
    client, content, full_rendering, django_assert_max_num_queries
):
    user = UserFactory()
    sign_as_association(declaration=content.declaration, association=content.ccem, user=user)
    _confirmed(content, 3)
    urls = [content.declaration_en.url, content.declaration.url + "?signatories=3"]
    few = {}
    for url in urls:
        client.get(url)  # warm Wagtail's caches (site root paths, locales)
        with django_assert_max_num_queries(12) as captured:
            client.get(url)
        few[url] = len(captured.captured_queries)

    sign_as_association(declaration=content.declaration, association=content.ecpat, user=user)
    sign_as_association(declaration=content.declaration, association=content.sos, user=user)
    _confirmed(
        content,
        300,
        prefix="many",
        start=timezone.now() - datetime.timedelta(days=90),
        step=datetime.timedelta(hours=7),
    )

    for url in urls:
        client.get(url)  # the new signatures started a content generation: the site's skeleton is read again
        with django_assert_max_num_queries(few[url]):
            response = client.get(url)
        assert response.status_code == 200
    assert len(_names(response.text)) == 50  # page 3 of 303 public signatories


def test_the_declarations_index_shows_status_and_counts(client, content, site_tree):
    _confirmed(content, 3)

    response = client.get(site_tree.en.declarations.url)

    assert "Balkans declaration" in response.text
    assert "3 confirmed signatures" in response.text
    assert "Open for signature" in response.text


def test_the_home_page_shows_the_total_of_confirmed_signatures(client, content):
    _confirmed(content, 4)
    Signature.objects.create(declaration_key=content.declaration.translation_key, email="pending@example.org")

    french = client.get("/fr/")
    english = client.get("/en/")

    for response in (french, english):
        figures = [
            (text(element(figure, class_="key-figure__number")), text(element(figure, class_="key-figure__label")))
            for figure in elements(response.text, "li", class_="key-figure")
        ]
        assert any(number == "4" and label.startswith("signatures") for number, label in figures), figures


@pytest.mark.parametrize("language", ["fr", "en"])
def test_declarations_index_renders(client, content, site_tree, language):
    declaration = content.declaration if language == "fr" else content.declaration_en

    response = client.get(getattr(site_tree, language).declarations.url)

    assert response.status_code == 200
    assert declaration.title in response.text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_declaration_page_numbers_its_recommendations(client, content, language):
    declaration = content.declaration if language == "fr" else content.declaration_en

    response = client.get(declaration.url)

    assert response.status_code == 200
    assert declaration.title in response.text
    recommendations = ("Protéger les victimes.", "Poursuivre les trafiquants.", "Prévenir la traite.")
    ordered_lists = texts(response.text, "ol")
    assert any(all(recommendation in ordered for recommendation in recommendations) for ordered in ordered_lists), (
        "recommendations not in an <ol>"
    )
    assert "ECPAT France" in response.text  # the associations that carry it
