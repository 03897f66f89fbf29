"""ConnectPSP contract suite: "does the API still behave as its spec says, and does our client still
work against it?".

Two halves, both run by ``nox -s contract`` (``./run contract``):

- a schemathesis run of every operation of ``openapi/index.yaml`` (all checks, all phases,
  fixed seed), reported per operation (``test_schemathesis.py``);
- flow tests that follow the docs' tutorials through the ``connectpsp_ext`` client, with webhooks
  received on loopback and validated against their schemas (``test_flow_*.py``).

The target is the embedded mock (started on a free loopback port) unless staging is configured
through the environment; see ``docs/contract-tests.md``.
"""
