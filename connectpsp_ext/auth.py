"""The credential headers of an authenticated request.

- ``Authorization: Bearer <accessToken>`` (the token the requestor fetched for this call);
- ``ApplicationToken`` (D-04: on every call, ``GET /cash-out/{id}`` included);
- ``DigitalSignature`` on the operations whose ``security`` lists it (``Operation.signed``:
  ``POST /cash-out``, ``POST /cash-in/{id}/refund``, ``POST /account/rebalance``; D-03), computed
  with :func:`connectpsp_ext.signing.digital_signature` over the token actually sent.

Which operation needs what is decided in :mod:`connectpsp_ext.operations`, not here.
"""

from __future__ import annotations

from .errors import ConfigurationError
from .operations import Operation
from .secrets import Secret
from .signing import Signer, digital_signature


class Credentials:
    """The application's static credentials, and the last signature computed (it only changes
    with the access token)."""

    def __init__(
        self,
        application_token: Secret,
        crypto_token: Secret | None,
        *,
        signer: Signer = digital_signature,
    ) -> None:
        # Revealed once: the header goes on every request.
        self._application_header = application_token.reveal()
        self._crypto_token = crypto_token
        self._signer = signer
        self.can_sign = crypto_token is not None
        # (access token, DigitalSignature) of the last signature computed.
        self._signed: tuple[str, str] | None = None

    def __repr__(self) -> str:
        return f"Credentials(signs={self._crypto_token is not None})"

    def cannot_sign(self, op: Operation) -> ConfigurationError:
        """The error for a signed ``op`` without a CryptoToken (raised before sending)."""
        return ConfigurationError(
            f"{op.name} needs a crypto_token (CONNECTPSP_CRYPTO_TOKEN) to compute the "
            "DigitalSignature"
        )

    def headers(self, op: Operation, access_token: str) -> dict[str, str]:
        """The credential headers ``op`` carries when sent with ``access_token``."""
        headers = {
            "Authorization": f"Bearer {access_token}",
            "ApplicationToken": self._application_header,
        }
        if op.signed:
            if self._crypto_token is None:
                raise self.cannot_sign(op)
            signed = self._signed  # one read: another thread may replace it meanwhile
            if signed is None or signed[0] != access_token:
                signed = (access_token, self._signer(access_token, self._crypto_token.reveal()))
                self._signed = signed
            headers["DigitalSignature"] = signed[1]
        return headers
