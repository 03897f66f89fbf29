"""Fixtures of the mock's hostile regression tests (issue 11, items 8-14).

One seeded mock for the whole module set, reset before every test, in the full response style
(these tests are about robustness, not shapes; ``tests/support/mock_server.py``); tests that need
other settings start their own.
"""

from __future__ import annotations

from tests.support.mock_server import mock_fixtures, quick_settings

SEED = 11
HOSTILE = quick_settings(seed=SEED, webhook_retry_delays=(0.01, 0.02))

shared_mock, mock, client = mock_fixtures(HOSTILE, client_timeout=30.0)
