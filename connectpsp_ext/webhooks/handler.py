"""Verify, parse, deduplicate and run the user's callback exactly once per event.

Exactly once means: among any number of deliveries of one event (retries, replays, concurrent
duplicates, across restarts with a persistent store), the callback *completes* at most once, and
the sender keeps getting a non-2xx answer until it has completed once. The flow per delivery:

1. Verify ``X-Connect-Signature`` over the raw bytes (401 otherwise; nothing is parsed before).
2. Decode the body (400 only if it is not JSON) and read the event: a typed model, or a
   :class:`~connectpsp_ext.webhooks.parsing.GenericEvent` with the raw data when the models cannot
   read it (a signed event is never refused for its content). Derive the stable identity (D-23).
3. Claim the identity in the store:
   - already done -> 200 ``DUPLICATE`` (the sender may stop);
   - claimed by a delivery still running -> 503 ``IN_PROGRESS`` with ``Retry-After``. Not a 2xx
     on purpose: if that first run then fails, the sender must still have a reason to retry;
     acknowledging the duplicate would make it stop and lose the event.
4. Optionally confirm by polling the API (503 ``NOT_CONFIRMED`` if it disagrees).
5. Run the callback while a :class:`~connectpsp_ext.webhooks.lease.LeaseKeeper` renews the claim:
   success -> mark done, 200 ``PROCESSED``; exception -> release the claim, 500 ``FAILED`` (a
   redelivery runs it again). If the process dies, renewals stop and the short lease runs out
   before the sender's next retry (D-90).

A crash between the callback's effect and ``complete`` is the one window no store can close on its
own: the claim's lease expires and a redelivery runs the callback again. Make the effect itself
idempotent on ``received.identity`` (e.g. a unique key in the same database transaction) when that
matters; the :mod:`~connectpsp_ext.webhooks.reducer` also refuses to apply a status twice.

The steps up to the claim are in :mod:`~connectpsp_ext.webhooks.pipeline`; the async handler and
confirmer are written once in ``webhooks/_async/`` and their sync twins generated into
``webhooks/_sync/`` by ``scripts/unasync.py``. This module gathers the handler's names.
"""

from __future__ import annotations

from ._async.confirmer import AsyncPollingConfirmer
from ._async.handler import AsyncWebhookHandler
from ._sync.confirmer import PollingConfirmer
from ._sync.handler import WebhookHandler
from .errors import WebhookError
from .pipeline import (
    HTTP_STATUS,
    AsyncCallback,
    Callback,
    HandlerResult,
    Outcome,
    ReceivedWebhook,
)

__all__ = [
    "HTTP_STATUS",
    "AsyncCallback",
    "AsyncPollingConfirmer",
    "AsyncWebhookHandler",
    "Callback",
    "HandlerResult",
    "Outcome",
    "PollingConfirmer",
    "ReceivedWebhook",
    "WebhookError",
    "WebhookHandler",
]
