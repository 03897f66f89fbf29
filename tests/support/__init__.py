"""Test support shared by every suite under tests/: one fake clock (``clock``), the mock's
development credentials (``credentials``), the docs' example documents and transaction bodies
(``samples``), the seeded mock the mock suites share (``mock_server``) and a user's
``mypy --strict`` (``mypy_run``). A suite's own kit (``tests/ext/fakes.py``,
``tests/mock/helpers.py``, ``tests/hostile/client/hostile_server.py``, ...) builds on these
instead of defining them again. Webhook receivers come from ``connectpsp_mock.testing``
(``running_webhook_receiver``)."""
