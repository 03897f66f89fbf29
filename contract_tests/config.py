"""The schemathesis configuration of the contract run, as one reviewed dictionary.

The dictionary has the shape of a ``schemathesis.toml`` (validated by schemathesis itself), so every
choice below reads like configuration and is explained in ``docs/contract-tests.md``.
"""

from __future__ import annotations

from typing import Any

from schemathesis.config import SchemathesisConfig

from . import spec
from .checks import CUSTOM_CHECKS
from .settings import ALL_PHASES, RunSettings

# Built-in defaults plus 422: INSUFFICIENT_FUNDS, CASH_IN_NOT_PAID & co. are the documented
# answers to well-formed requests. Which *code* may come with 404/409/422 is pinned by the
# documented_business_outcome check, so accepting the status hides nothing.
POSITIVE_ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

# Headers and fields that never appear in a report or a reproduction command. The defaults catch
# Authorization, ApplicationToken, clientSecret and accessToken by their "auth"/"token"/"secret"
# markers; DigitalSignature and X-Connect-Signature need naming. The default "key" marker is dropped
# so that X-Idempotency-Key (not a secret, needed to reproduce) stays visible.
SANITIZED_KEYS = [
    "authorization",
    "applicationtoken",
    "digitalsignature",
    "x-connect-signature",
    "clientsecret",
    "accesstoken",
    "cryptotoken",
    "cookie",
    "set-cookie",
]
SANITIZED_MARKERS = ["token", "secret", "password", "passwd", "auth", "signature", "credential"]


def checks_section() -> dict[str, Any]:
    checks: dict[str, Any] = {
        "enabled": True,
        "positive_data_acceptance": {"expected-statuses": POSITIVE_ACCEPTED},
        "response_schema_conformance": {"validate-formats": True},
    }
    for name in CUSTOM_CHECKS:
        checks[name] = {"enabled": True}
    return checks


def excluded_operations(target_kind: str, allow_money_movement: bool) -> list[str]:
    """operationIds kept out of the schemathesis run for this target."""
    if target_kind != "staging":
        return []
    excluded = set(spec.NEVER_FUZZED_ON_STAGING)
    if not allow_money_movement:
        excluded |= spec.MONEY_MOVING
    return sorted(excluded)


def build_config_dict(
    settings: RunSettings,
    *,
    base_url: str,
    target_kind: str,
    max_examples: int | None = None,
) -> dict[str, Any]:
    examples = max_examples if max_examples is not None else settings.examples_for(target_kind)
    enabled = set(settings.phases)
    data: dict[str, Any] = {
        "seed": settings.seed,
        "base-url": base_url,
        "workers": settings.workers,
        # Keep testing an operation after its first failure: report every kind of failure.
        "continue-on-failure": True,
        "request-timeout": 15,
        # Hypothesis health checks judge data generation, not the API: the nested request bodies are
        # legitimately "large" and the custom formats filter; neither is a contract finding.
        "suppress-health-check": [
            "too_slow",
            "filter_too_much",
            "data_too_large",
            "large_base_example",
        ],
        "generation": {
            "mode": "all",
            "max-examples": examples,
            "database": "none",  # no .hypothesis/ in the checkout, and runs stay reproducible
        },
        "phases": {
            **{phase: {"enabled": phase in enabled} for phase in ALL_PHASES if phase != "stateful"},
            "stateful": {"enabled": "stateful" in enabled, "max-steps": settings.stateful_steps},
        },
        "checks": checks_section(),
        "cache": {"enabled": False},  # no .schemathesis/ in the checkout
        "output": {
            "sanitization": {
                "enabled": True,
                "keys-to-sanitize": SANITIZED_KEYS,
                "sensitive-markers": SANITIZED_MARKERS,
            },
            "truncation": {"enabled": False},
        },
    }
    rate_limit = settings.rate_limit_for(target_kind)
    if rate_limit is not None:
        data["rate-limit"] = rate_limit
    return data


def build_config(data: dict[str, Any]) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(data)
