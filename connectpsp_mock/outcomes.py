"""How a cash-out will settle: "magic" amounts and keys (D-29).

Every cash-out is accepted (202 PROCESSING, funds reserved) first; the outcome applies when it
settles. By the centavos of the amount:

| cents | outcome |
|---|---|
| .91 | FAILED ``PIX_KEY_NOT_FOUND`` |
| .92 | FAILED ``ACCOUNT_CLOSED`` |
| .93 | FAILED ``INSUFFICIENT_FUNDS`` (refused at the settling bank) |
| .94 | stays PROCESSING until ``POST /_mock/cash-out/{id}/settle`` |
| .95 | COMPLETED, then returned by the receiving bank: REFUNDED (``CASHOUT_REFUNDED``) |
| other | COMPLETED |

By destination: PIX key ``EMAIL`` ``not-found@connectpsp.test`` -> FAILED ``PIX_KEY_NOT_FOUND``;
a bank account whose number is all nines (e.g. ``999999``) -> FAILED ``ACCOUNT_CLOSED``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .models import BankAccountDestination, Destination, Failure, PixDestination
from .money import cents_part

NOT_FOUND_EMAIL_KEY = "not-found@connectpsp.test"

PIX_KEY_NOT_FOUND = Failure(
    "PIX_KEY_NOT_FOUND", "The provided PIX key did not resolve to a valid account."
)
ACCOUNT_CLOSED = Failure("ACCOUNT_CLOSED", "The destination account is closed.")
BANK_INSUFFICIENT_FUNDS = Failure(
    "INSUFFICIENT_FUNDS", "The settling bank refused the payment for insufficient funds."
)
SETTLEMENT_FAILED = Failure("SETTLEMENT_FAILED", "The payment was refused by the PIX network.")


class Plan(StrEnum):
    COMPLETE = "COMPLETE"
    FAIL = "FAIL"
    HOLD = "HOLD"
    COMPLETE_THEN_RETURN = "COMPLETE_THEN_RETURN"


@dataclass(frozen=True)
class Outcome:
    plan: Plan
    failure: Failure | None = None


_BY_CENTS: dict[int, Outcome] = {
    91: Outcome(Plan.FAIL, PIX_KEY_NOT_FOUND),
    92: Outcome(Plan.FAIL, ACCOUNT_CLOSED),
    93: Outcome(Plan.FAIL, BANK_INSUFFICIENT_FUNDS),
    94: Outcome(Plan.HOLD),
    95: Outcome(Plan.COMPLETE_THEN_RETURN),
}


def planned_outcome(amount: Decimal, destination: Destination) -> Outcome:
    if isinstance(destination, PixDestination) and (
        destination.pix_key_type == "EMAIL" and destination.pix_key == NOT_FOUND_EMAIL_KEY
    ):
        return Outcome(Plan.FAIL, PIX_KEY_NOT_FOUND)
    if isinstance(destination, BankAccountDestination) and set(destination.account) == {"9"}:
        return Outcome(Plan.FAIL, ACCOUNT_CLOSED)
    return _BY_CENTS.get(cents_part(amount), Outcome(Plan.COMPLETE))
