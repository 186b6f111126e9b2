"""Links sent by email come from SITE_URL, never from the request's Host header (issue 16, finding 10).

Django checks the Host header's name against ALLOWED_HOSTS but not its port: a password reset
asked with ``Host: testserver:6666`` must still link to the site.
"""

import re

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.test import RequestFactory

from extranet.services import invitations

from ..factories import InvitationFactory

OTHER_PORT = "testserver:6666"


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_password_reset_link_ignores_the_port_of_the_host_header(client, member_a):
    response = client.post("/en/accounts/password/reset/", {"email": "ccem@example.org"}, HTTP_HOST=OTHER_PORT)
    assert response.status_code == 302
    (message,) = mail.outbox
    (link,) = [url for url in links(message) if "/password/reset/key/" in url]
    assert link.startswith("http://testserver/en/accounts/password/reset/key/")
    assert "6666" not in message.body  # neither in the link nor in the site named at the end


def test_password_reset_link_is_under_site_url(client, member_a, settings):
    settings.SITE_URL = "https://contrelatraite.example.org"
    client.post("/fr/comptes/password/reset/", {"email": "ccem@example.org"}, HTTP_HOST=OTHER_PORT)
    (message,) = mail.outbox
    assert [url for url in links(message) if "/password/reset/key/" in url][0].startswith(
        "https://contrelatraite.example.org/fr/comptes/password/reset/key/"
    )
    assert "testserver" not in message.body


def test_email_confirmation_link_is_under_site_url(member_a, settings):
    settings.SITE_URL = "https://contrelatraite.example.org"
    address = EmailAddress.objects.create(user=member_a, email="nouvelle@example.org", verified=False)
    request = RequestFactory().get("/en/accounts/email/", HTTP_HOST=OTHER_PORT)
    url = get_adapter(request).get_email_confirmation_url(request, EmailConfirmationHMAC(address))
    assert url.startswith("https://contrelatraite.example.org/")
    assert "/confirm-email/" in url


@pytest.mark.parametrize("language", ["fr", "en"])
def test_invitation_link_is_under_site_url(association_a, settings, language):
    settings.SITE_URL = "https://contrelatraite.example.org"
    invitations.send_invitation(invitation=InvitationFactory(association=association_a, language=language))
    (message,) = mail.outbox
    (link,) = links(message)
    assert link.startswith(f"https://contrelatraite.example.org/{language}/")
    assert "/extranet/invitation/" in link
