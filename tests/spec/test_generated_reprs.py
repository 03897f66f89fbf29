"""Generated models never print secrets or personal documents (custom model/client templates)."""

from __future__ import annotations

from connectpsp_client import AuthenticatedClient
from connectpsp_client.models import (
    CashInPayer,
    Payee,
    Payer,
    PixDestination,
    TokenRequest,
    TokenResponse,
)
from connectpsp_client.models.pix_key_type import PixKeyType

SECRET = "s3cr3t-value-never-printed"
DOCUMENT = "12345678909"


def test_sensitive_fields_are_left_out_of_reprs() -> None:
    objects = [
        TokenRequest(client_id="1000001", client_secret=SECRET),
        TokenResponse.from_dict(
            {
                "accessToken": SECRET,
                "tokenType": "Bearer",
                "expiresIn": 3600,
                "issuedAt": "2026-03-10T14:00:00Z",
            }
        ),
        Payer(name="Test User", document=DOCUMENT),
        CashInPayer(name="Test User", document=DOCUMENT),
        Payee(
            name="Maria",
            document=DOCUMENT,
            destination=PixDestination(type_="PIX", pix_key_type=PixKeyType.CPF, pix_key=SECRET),
        ),
        AuthenticatedClient(base_url="https://api.homologacao.connectpsp.com", token=SECRET),
    ]
    for obj in objects:
        text = repr(obj) + str(obj)
        assert SECRET not in text, type(obj).__name__
        assert DOCUMENT not in text, type(obj).__name__


def test_left_out_fields_still_serialise() -> None:
    assert TokenRequest(client_id="1", client_secret=SECRET).to_dict()["clientSecret"] == SECRET
    assert Payer(name="a", document=DOCUMENT).to_dict()["document"] == DOCUMENT


def test_tolerantly_read_models_print_no_payload_value() -> None:
    """A hostile server echoing a document or a secret in extra fields or in fields of the wrong
    shape: `raw` and the extra fields are not in the repr, and deviation details never quote a
    value. (A string kept in a documented string field prints like any other string field; the
    client's Result repr leaves the model out altogether.)"""
    from connectpsp_client.models import CashIn

    cash_in = CashIn.from_dict(
        {
            "transactionId": "kk6g232xel65a0daee4dd13kk2912714964",
            "internalCode": "US7B1JQ",
            "status": "PAID",
            "payer": {"name": "Test User", "document": DOCUMENT, "cpf": DOCUMENT},
            "echo": {"clientSecret": SECRET},
            "requestedAt": SECRET,
            "amount": SECRET,
        }
    )
    assert {d.kind for d in cash_in.deviations} >= {"undocumented", "bad_format", "wrong_type"}
    text = repr(cash_in) + repr(cash_in.payer) + repr(cash_in.deviations)
    assert DOCUMENT not in text and "clientSecret" not in text
    assert SECRET not in repr(cash_in.deviations)
    assert cash_in.additional_properties["echo"] == {"clientSecret": SECRET}  # still reachable
