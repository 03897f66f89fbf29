"""Test your ConnectPSP integration against the bundled mock: a pytest plugin and its helpers.

The plugin (``connectpsp_testing.plugin``, registered as the ``pytest11`` entry point
``connectpsp``) is active wherever this package is installed. See ``docs/testing.md``.
"""

from .inbox import WebhookInbox, running_webhook_inbox
from .mock import MockPSP, TransactionRef, running_psp_mock, test_settings

__all__ = [
    "MockPSP",
    "TransactionRef",
    "WebhookInbox",
    "running_psp_mock",
    "running_webhook_inbox",
    "test_settings",
]
