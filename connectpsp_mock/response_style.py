"""Response styles (issue 10 item 5, D-71): how complete the mock's public responses are.

- ``full``: every field the mock knows (the views in ``views.py``, D-31).
- ``minimal``: the documented-minimal form. Fields the spec requires and the fields every docs page
  showing the representation includes stay; the others are left out or sent as ``null``, by the
  fixed table below (a mix of both on purpose, so clients meet each): the 4-field refund 202 of the
  Request Refund page, ``proprietary`` accounts without sub-fields (Get Balance lists none), Get
  Cash-Out without ``requestedAt`` (its page shows none), a token without ``tokenType`` and
  ``issuedAt``.
- ``random``: per response and per field of the same table, keep, leave out or ``null``, drawn from
  a generator seeded with the mock's seed (reproducible for the same sequence of requests).

Only public responses and webhook ``data`` are shaped; the control API and ``/_mock/state`` always
show the full form, and problem bodies never change. Shaping happens when a response is produced,
so an idempotent replay repeats the stored bytes exactly.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from copy import deepcopy
from enum import Enum
from typing import Any

from .settings import RESPONSE_STYLES


class Action(Enum):
    OMIT = "omit"
    NULL = "null"


OMIT, NULL = Action.OMIT, Action.NULL

# Representation -> {dotted path: what minimal does}. ``banks[]`` walks every element of a list.
# Fields not listed are part of the documented-minimal form and never touched.
_CASH_IN: dict[str, Action] = {
    "endToEndId": NULL,  # "set at settlement"; a PAID cash-in without one is documented (422
    "originalEndToEndId": OMIT,  # MISSING_END_TO_END_ID), so null is a documented state
    "payer.bankData": NULL,  # "may be null" [getcashin.md]
    "expiresAt": NULL,  # the mock's own addition (D-15)
    "paidAt": OMIT,
    "refundedAt": NULL,
    "expiredAt": OMIT,
}
RULES: dict[str, dict[str, Action]] = {
    "token": {"tokenType": OMIT, "issuedAt": OMIT},
    "cashIn": _CASH_IN,
    # The Request Refund page shows four fields: transactionId, internalCode, externalReference,
    # endToEndId. Everything after them is cut off in every stored copy.
    "refund": {
        "originalEndToEndId": OMIT,
        "status": OMIT,
        "amount": OMIT,
        "reason": OMIT,
        "refundedAt": OMIT,
    },
    # The Get Cash-Out page shows ids, endToEndId (null until settled), status, amount, failure
    # and payee; description and the times are not on it.
    "cashOut": {
        "originalEndToEndId": OMIT,
        "description": OMIT,
        "requestedAt": OMIT,
        "completedAt": NULL,
        "failedAt": OMIT,
        "refundedAt": NULL,
    },
    # Get Balance lists no sub-fields for `proprietary`.
    "balance": {
        "banks[].accounts.proprietary.branch": OMIT,
        "banks[].accounts.proprietary.account": OMIT,
        "banks[].accounts.proprietary.balance": OMIT,
    },
    "rebalance": {},
}
EVENT_REPRESENTATIONS = {"CASHIN": "cashIn", "CASHOUT": "cashOut"}
_RANDOM_CHOICES: tuple[Action | None, ...] = (None, OMIT, NULL)  # None = keep


def _targets(body: Any, path: str) -> list[tuple[dict[str, Any], str]]:
    """(parent object, key) pairs the dotted ``path`` names in ``body``; ``[]`` fans out."""
    parents: list[Any] = [body]
    *steps, last = path.split(".")
    for step in steps:
        is_list = step.endswith("[]")
        key = step.removesuffix("[]")
        found: list[Any] = []
        for parent in parents:
            child = parent.get(key) if isinstance(parent, dict) else None
            if is_list and isinstance(child, list):
                found.extend(child)
            elif not is_list and isinstance(child, dict):
                found.append(child)
        parents = found
    return [(parent, last) for parent in parents if isinstance(parent, dict)]


def _apply(parent: dict[str, Any], key: str, action: Action | None) -> None:
    if action is OMIT:
        parent.pop(key, None)
    elif action is NULL:
        parent[key] = None


class ResponseStyle:
    """The style in force (configured in settings, changeable through the control API) and the
    seeded generator behind ``random``."""

    def __init__(self, configured: str, seed: int | None) -> None:
        self._configured = configured
        self._seed = seed
        self.current = configured
        self._rng = self._new_rng()

    def _new_rng(self) -> random.Random:
        # Its own generator: drawing from the id generator would shift the seeded ids.
        if self._seed is None:
            return random.SystemRandom()
        return random.Random(f"connectpsp-mock-response-style:{self._seed}")

    @property
    def configured(self) -> str:
        return self._configured

    def set(self, style: str) -> None:
        if style not in RESPONSE_STYLES:
            raise ValueError(f"response style must be one of {', '.join(RESPONSE_STYLES)}")
        self.current = style

    def reset(self) -> None:
        """Back to the configured style, and the random sequence starts again."""
        self.current = self._configured
        self._rng = self._new_rng()

    def shape(self, representation: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """``body`` (a full view) in the current style; the input is never modified."""
        if self.current == "full":
            return dict(body)
        shaped = deepcopy(dict(body))
        for path, minimal_action in RULES[representation].items():
            for parent, key in _targets(shaped, path):
                if self.current == "minimal":
                    _apply(parent, key, minimal_action)
                else:
                    _apply(parent, key, self._rng.choice(_RANDOM_CHOICES))
        return shaped

    def shape_event_data(self, event_type: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Webhook ``data`` mirrors the GET representation [g-webhooks], so it is shaped alike."""
        representation = EVENT_REPRESENTATIONS.get(event_type.split("_", 1)[0])
        return dict(data) if representation is None else self.shape(representation, data)
