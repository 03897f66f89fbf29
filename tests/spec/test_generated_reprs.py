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
