"""Failed logins lock nobody out (security review, finding 6), and still guess no password.

Per address: a few wrong passwords stop that address for a while. Per account: after a few
failures from anywhere, the account's password is no longer tested for anyone (right and wrong
get the same answer), and the member logs in with a one-time code sent to the account's address.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core import mail

from ..factories import PASSWORD, UserFactory, enrol_authenticator_app
from ..html import element, hrefs, html_lang, text

User = get_user_model()
LOGIN = "/en/accounts/login/"
REQUEST_CODE = "/en/accounts/login/code/"
CONFIRM_CODE = "/en/accounts/login/code/confirm/"
WRONG = "wrong-password-123"
ACCOUNT_LOCKED = "Too many failed attempts on this account: sign in with a code sent by email."
ADDRESS_LOCKED = "Too many failed login attempts from your address"


def attack(client, email: str, *, tries: int = 5, first_address: int = 1) -> None:
    """Wrong passwords for ``email``, each from an address of its own."""
    for number in range(first_address, first_address + tries):
        response = client.post(LOGIN, {"login": email, "password": WRONG}, REMOTE_ADDR=f"203.0.113.{number}")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


def login_code(message) -> str:
    match = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def test_wrong_passwords_from_many_addresses_do_not_lock_the_member_out(client, member_a):
    attack(client, member_a.email)

    # The member, from a sixth address: the password is not enough any more, a code is offered.
    response = client.post(LOGIN, {"login": member_a.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200  # the login page, not a bare 429
    assert "_auth_user_id" not in client.session
    assert errors(response) == [ACCOUNT_LOCKED]
    alert = element(response.text, "div", class_="form__summary", role="alert")  # next to the form
    assert ACCOUNT_LOCKED in text(alert)
    assert REQUEST_CODE in hrefs(alert)

    # ... and gets in with the code sent to the account's address.
    assert client.get(REQUEST_CODE, REMOTE_ADDR="198.51.100.7").status_code == 200
    response = client.post(REQUEST_CODE, {"email": member_a.email.upper()}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert response["Location"] == CONFIRM_CODE
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member_a.email]
    response = client.post(CONFIRM_CODE, {"code": login_code(mail.outbox[0])}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert response["Location"] == "/en/extranet/"
    assert int(client.session["_auth_user_id"]) == member_a.pk


def test_beyond_the_account_limit_no_password_is_tested(client, member_a):
    """The attacker's right password from a new address answers like a wrong one: no oracle, no login."""
    attack(client, member_a.email)
    tested = []

    def password_tested(sender, credentials, **kwargs):
        tested.append(credentials)

    user_login_failed.connect(password_tested, dispatch_uid="lockout-test")
    try:
        right = client.post(LOGIN, {"login": member_a.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
        assert "_auth_user_id" not in client.session
        wrong = client.post(LOGIN, {"login": member_a.email, "password": WRONG}, REMOTE_ADDR="192.0.2.11")
    finally:
        user_login_failed.disconnect(dispatch_uid="lockout-test")
    assert "_auth_user_id" not in client.session
    assert right.status_code == wrong.status_code == 200
    assert errors(right) == errors(wrong) == [ACCOUNT_LOCKED]
    assert tested == []  # the wrong password was not even checked


def test_a_wrong_code_does_not_log_in(client, member_a):
    attack(client, member_a.email)
    client.post(REQUEST_CODE, {"email": member_a.email}, REMOTE_ADDR="192.0.2.10")
    response = client.post(CONFIRM_CODE, {"code": "BBBB-CCCC"}, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert element(response.text, "div", class_="field--error")


def test_a_code_is_sent_only_to_the_account_and_signs_nobody_up(client, member_a, locales):
    """Someone else asking a code for the member's address: the code goes to the member's mailbox only;
    an address without an account gets the same answer and no account (sign-up stays closed)."""
    other = client.post(REQUEST_CODE, {"email": "intrus@example.org"}, REMOTE_ADDR="192.0.2.20")
    assert other.status_code == 302 and other["Location"] == CONFIRM_CODE
    assert all(not re.search(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$", m.body, re.MULTILINE) for m in mail.outbox)
    response = client.post(CONFIRM_CODE, {"code": "BBBB-CCCC"}, REMOTE_ADDR="192.0.2.20")
    assert response.status_code == 200
    assert element(response.text, "div", class_="field--error")  # no code is right
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="intrus@example.org").exists()


def test_the_code_does_not_skip_the_authenticator_app(client, member_a):
    enrol_authenticator_app(member_a)
    attack(client, member_a.email)
    client.post(REQUEST_CODE, {"email": member_a.email}, REMOTE_ADDR="192.0.2.30")
    response = client.post(CONFIRM_CODE, {"code": login_code(mail.outbox[-1])}, REMOTE_ADDR="192.0.2.30")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session


def test_the_sixth_wrong_password_from_one_address_is_refused(client, member_a):
    """Five accounts tried once each from one address: that address is stopped, even with a right
    password; the account itself is not locked, from another address."""
    for number in range(5):
        UserFactory(username=f"member{number}@example.org")
        client.post(LOGIN, {"login": f"member{number}@example.org", "password": WRONG}, REMOTE_ADDR="203.0.113.50")
    response = client.post(LOGIN, {"login": member_a.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.50")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert ADDRESS_LOCKED in errors(response)[0]
    assert REQUEST_CODE in hrefs(element(response.text, "div", class_="form__summary"))

    response = client.post(LOGIN, {"login": member_a.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.51")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member_a.pk


def test_a_right_password_below_the_limit_gives_its_attempt_back(client, member_a):
    attack(client, member_a.email, tries=4)
    for number in range(3):  # right passwords do not count towards the account's limit
        client.post(LOGIN, {"login": member_a.email, "password": PASSWORD}, REMOTE_ADDR=f"198.51.100.{number}")
        assert int(client.session["_auth_user_id"]) == member_a.pk
        client.logout()
    attack(client, member_a.email, tries=1, first_address=100)  # the fifth failure
    response = client.post(LOGIN, {"login": member_a.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.9")
    assert errors(response) == [ACCOUNT_LOCKED]


def test_a_password_reset_unlocks_the_account(client, member_a):
    attack(client, member_a.email)
    client.post("/en/accounts/password/reset/", {"email": member_a.email}, REMOTE_ADDR="198.51.100.8")
    link = re.search(r"http://testserver(/\S+/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    response = client.get(link, REMOTE_ADDR="198.51.100.8", follow=True)
    new_password = "Un-Nouveau-Mot-2026!"
    client.post(
        response.redirect_chain[-1][0],
        {"password1": new_password, "password2": new_password},
        REMOTE_ADDR="198.51.100.8",
    )
    client.logout()
    response = client.post(LOGIN, {"login": member_a.email, "password": new_password}, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member_a.pk


@pytest.mark.parametrize(
    ("path", "language", "heading", "confirm_heading"),
    [
        ("/fr/comptes/login/code/", "fr", "Espace membres : connexion par code", "Espace membres : code de connexion"),
        ("/en/accounts/login/code/", "en", "Members' area: log in with a code", "Members' area: enter the login code"),
    ],
)
def test_the_code_pages_are_in_the_site_layout_and_language(
    client, locales, member_a, path, language, heading, confirm_heading
):
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # an account page: never in the page cache
    assert html_lang(response.text) == language
    assert "account-page" in element(response.text, "body").classes  # the site's layout for allauth pages
    assert text(element(response.text, "h1")) == heading
    response = client.post(path, {"email": member_a.email}, follow=True)
    assert html_lang(response.text) == language
    assert "account-page" in element(response.text, "body").classes
    assert element(response.text, "input", name="code")
    assert text(element(response.text, "h1")) == confirm_heading
