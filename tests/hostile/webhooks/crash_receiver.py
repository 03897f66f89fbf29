"""A receiver process for the crash test: claims the event with the shipped defaults, signals
that its callback has started, then hangs inside it until the test SIGKILLs it."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from connectpsp_ext.signing import webhook_signature
from connectpsp_ext.webhooks import ReceivedWebhook, SQLiteDedupStore, WebhookHandler


def main() -> None:
    database, body_file, started = sys.argv[1:4]
    token = os.environ["CRASH_TOKEN"]
    raw = Path(body_file).read_bytes()

    def hangs(received: ReceivedWebhook) -> None:
        Path(started).write_text(received.identity)
        time.sleep(600)

    handler = WebhookHandler(crypto_tokens=token, store=SQLiteDedupStore(database), callback=hangs)
    handler.handle(raw, {"X-Connect-Signature": webhook_signature(raw, token)})


if __name__ == "__main__":
    main()
