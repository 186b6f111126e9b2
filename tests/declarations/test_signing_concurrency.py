"""Concurrent confirmations never lose or double a signature (PostgreSQL: real parallel transactions)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, connections

from home.declarations.signing import ConfirmOutcome, confirm
from home.models import Signature, SignatureStatus

pytestmark = [
    # serialized_rollback: what the migrations created is there even after tests that flushed it (browser tests).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel transactions need PostgreSQL"),
]


def _pending(declaration, emails):
    """A pending signature per email, with the raw token of its confirmation link."""
    tokens = []
    signatures = []
    for number, email in enumerate(emails):
        signature = Signature(
            declaration_key=declaration.translation_key, first_name=f"P{number}", last_name="Nom", email=email
        )
        tokens.append(signature.issue_token())
        signatures.append(signature)
    Signature.objects.bulk_create(signatures)
    return tokens


def _confirm_all_at_once(declaration, tokens):
    barrier = Barrier(len(tokens))

    def work(token):
        try:
            barrier.wait(timeout=30)
            return confirm(declaration=declaration, raw_token=token)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        return list(pool.map(work, tokens))


@pytest.fixture
def declaration(site_tree):
    from ..factories import DeclarationPageFactory

    return DeclarationPageFactory(parent=site_tree.fr.declarations, title="Sous charge", slug="sous-charge")


def test_parallel_confirmations_count_each_email_exactly_once(declaration):
    # 40 pending signatures for 25 emails: 10 emails signed twice and 5 three times (racing links).
    emails = [f"signer{number}@example.org" for number in range(25)]
    emails += [f"signer{number}@example.org" for number in range(10)]
    emails += [f"signer{number}@example.org" for number in range(20, 25)]
    assert len(emails) == 40
    tokens = _pending(declaration, emails)

    outcomes = _confirm_all_at_once(declaration, tokens)

    confirmed = Signature.objects.for_declaration(declaration).filter(status=SignatureStatus.CONFIRMED)
    assert confirmed.count() == 25
    assert outcomes.count(ConfirmOutcome.CONFIRMED) == 25
    assert outcomes.count(ConfirmOutcome.DUPLICATE) == 15
    assert sorted(confirmed.values_list("email", flat=True)) == sorted(set(emails))
    assert not Signature.objects.for_declaration(declaration).filter(status=SignatureStatus.PENDING).exists()


def test_the_same_link_confirmed_from_eight_threads_confirms_once(declaration):
    [token] = _pending(declaration, ["once@example.org"])

    outcomes = _confirm_all_at_once(declaration, [token] * 8)

    assert outcomes.count(ConfirmOutcome.CONFIRMED) == 1
    assert outcomes.count(ConfirmOutcome.ALREADY_CONFIRMED) == 7
    assert Signature.objects.for_declaration(declaration).confirmed().count() == 1
