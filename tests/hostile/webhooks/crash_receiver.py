"""A receiver process for the crash test: claims the event with the shipped defaults, signals
that its callback has started, then hangs inside it until the test SIGKILLs it.

Usage: crash_receiver.py sqlite PATH BODY_FILE STARTED_FILE
       crash_receiver.py postgres CONNINFO BODY_FILE STARTED_FILE TABLE
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from connectpsp_ext.signing import webhook_signature
from connectpsp_ext.webhooks import DedupStore, ReceivedWebhook, SQLiteDedupStore, WebhookHandler


def open_store(kind: str, target: str, table: str) -> DedupStore:
    if kind == "sqlite":
        return SQLiteDedupStore(target)
    from connectpsp_ext.webhooks import PostgresDedupStore

    return PostgresDedupStore(target, table=table)


def main() -> None:
    kind, target, body_file, started = sys.argv[1:5]
    table = sys.argv[5] if len(sys.argv) > 5 else ""
    token = os.environ["CRASH_TOKEN"]
    raw = Path(body_file).read_bytes()

    def hangs(received: ReceivedWebhook) -> None:
        Path(started).write_text(received.identity)
        time.sleep(600)

    handler = WebhookHandler(
        crypto_tokens=token, store=open_store(kind, target, table), callback=hangs
    )
    handler.handle(raw, {"X-Connect-Signature": webhook_signature(raw, token)})


if __name__ == "__main__":
    main()
