"""X-Connect-Signature verification: header handling, rotation, no secret leaks."""

from __future__ import annotations

import pytest

from connectpsp_ext.secrets import Secret
from connectpsp_ext.signing import webhook_signature
from connectpsp_ext.webhooks import (
    SignatureFailure,
    SignatureVerifier,
    WebhookSignatureError,
    verify_webhook_signature,
)
from connectpsp_ext.webhooks.signature import header_value

from .payloads import CRYPTO_TOKEN, DOCS_CASHIN_PAID, OLD_CRYPTO_TOKEN, headers


def test_valid_signature_returns_the_token_index() -> None:
    verifier = SignatureVerifier([CRYPTO_TOKEN])
    assert verifier.verify_headers(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)) == 0


def test_signature_is_the_documented_hmac() -> None:
    import hashlib
    import hmac

    expected = hmac.new(CRYPTO_TOKEN.encode(), DOCS_CASHIN_PAID, hashlib.sha256).hexdigest()
    assert headers(DOCS_CASHIN_PAID)["X-Connect-Signature"] == expected
    assert verify_webhook_signature(DOCS_CASHIN_PAID, expected, CRYPTO_TOKEN) == 0


def test_rotation_accepts_old_and_new_and_reports_which() -> None:
    verifier = SignatureVerifier([CRYPTO_TOKEN, Secret(OLD_CRYPTO_TOKEN)])
    assert verifier.verify_headers(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)) == 0
    old = headers(DOCS_CASHIN_PAID, token=OLD_CRYPTO_TOKEN)
    assert verifier.verify_headers(DOCS_CASHIN_PAID, old) == 1
    # after the rotation window the old token is dropped
    with pytest.raises(WebhookSignatureError) as info:
        SignatureVerifier([CRYPTO_TOKEN]).verify_headers(DOCS_CASHIN_PAID, old)
    assert info.value.reason is SignatureFailure.MISMATCH


@pytest.mark.parametrize(
    ("signature", "reason"),
    [
        (None, SignatureFailure.MISSING_HEADER),
        ("", SignatureFailure.MISSING_HEADER),
        ("   ", SignatureFailure.MISSING_HEADER),
        ("abc", SignatureFailure.MALFORMED_HEADER),
        ("sha256=" + "0" * 64, SignatureFailure.MALFORMED_HEADER),
        ("g" * 64, SignatureFailure.MALFORMED_HEADER),
        ("0" * 65, SignatureFailure.MALFORMED_HEADER),
        ("0" * 64, SignatureFailure.MISMATCH),
    ],
)
def test_failure_reasons(signature: str | None, reason: SignatureFailure) -> None:
    with pytest.raises(WebhookSignatureError) as info:
        SignatureVerifier(CRYPTO_TOKEN).verify(DOCS_CASHIN_PAID, signature)
    assert info.value.reason is reason


def test_upper_case_hex_and_surrounding_space_are_tolerated() -> None:
    signature = webhook_signature(DOCS_CASHIN_PAID, CRYPTO_TOKEN).upper()
    assert SignatureVerifier(CRYPTO_TOKEN).verify(DOCS_CASHIN_PAID, f" {signature} ") == 0


def test_any_byte_change_breaks_the_signature() -> None:
    good = headers(DOCS_CASHIN_PAID)
    verifier = SignatureVerifier(CRYPTO_TOKEN)
    # re-encoding (e.g. parsed and dumped again) is a different body
    reencoded = DOCS_CASHIN_PAID.replace(b"10.00", b"10.0")
    for tampered in (DOCS_CASHIN_PAID + b" ", reencoded, DOCS_CASHIN_PAID.replace(b"1", b"2", 1)):
        with pytest.raises(WebhookSignatureError):
            verifier.verify_headers(tampered, good)


def test_header_lookup_is_case_insensitive() -> None:
    assert header_value({"x-connect-signature": "a"}, "X-Connect-Signature") == "a"
    assert header_value({"X-CONNECT-SIGNATURE": "b"}, "X-Connect-Signature") == "b"
    assert header_value({}, "X-Connect-Signature") is None


def test_raw_bytes_are_required() -> None:
    with pytest.raises(TypeError):
        SignatureVerifier(CRYPTO_TOKEN).verify(DOCS_CASHIN_PAID.decode(), "0" * 64)  # type: ignore[arg-type]


@pytest.mark.parametrize("tokens", [[], [""], ["ok", ""], ""])
def test_tokens_must_be_non_empty(tokens: list[str] | str) -> None:
    with pytest.raises(ValueError, match="CryptoToken"):
        SignatureVerifier(tokens)


def test_no_secret_or_signature_in_errors_or_reprs() -> None:
    verifier = SignatureVerifier([CRYPTO_TOKEN, OLD_CRYPTO_TOKEN])
    signature = webhook_signature(DOCS_CASHIN_PAID, "attacker-token")
    with pytest.raises(WebhookSignatureError) as info:
        verifier.verify(DOCS_CASHIN_PAID, signature)
    text = f"{info.value!s} {info.value!r} {verifier!r} {verifier!s}"
    for secret in (CRYPTO_TOKEN, OLD_CRYPTO_TOKEN, signature, "12345678909"):
        assert secret not in text
