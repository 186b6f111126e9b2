"""Every private route, both languages, with conditional requests: nothing for the wrong person."""

import pytest

from ..html import body

CONDITIONAL_HEADERS = [{}, {"HTTP_IF_NONE_MATCH": "*"}, {"HTTP_IF_NONE_MATCH": '"anything"'}]


def assert_nothing_shown(response, url, secret):
    assert response.status_code not in (200, 304), url
    content = body(response)
    assert secret.encode() not in content and b"%PDF" not in content and "Béatrice".encode() not in content, url


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("headers", CONDITIONAL_HEADERS)
def test_anonymous_visitors_get_nothing(client, private_content, association_b, language, headers):
    for method, url in private_content.urls(language):
        assert_nothing_shown(getattr(client, method)(url, **headers), url, private_content.secret)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("headers", CONDITIONAL_HEADERS)
def test_people_of_no_association_get_nothing(client, outsider, private_content, association_b, language, headers):
    client.force_login(outsider)
    for method, url in private_content.urls(language):
        assert_nothing_shown(getattr(client, method)(url, **headers), url, private_content.secret)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("headers", CONDITIONAL_HEADERS)
def test_a_member_cannot_edit_another_association(client, member_a, association_b, language, headers):
    client.force_login(member_a)
    response = client.get(f"/{language}/extranet/associations/{association_b.slug}/profile/", **headers)
    assert response.status_code in (403, 404)
    assert "Béatrice" not in response.text


def test_private_download_has_the_security_headers_and_stays_private(client, member_a, private_content):
    client.force_login(member_a)
    response = client.get(f"/fr/extranet/files/{private_content.document.pk}/", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_members_see_extranet_pages_privately_with_the_policy(client, member_a, private_content):
    client.force_login(member_a)
    response = client.get("/en/extranet/")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
