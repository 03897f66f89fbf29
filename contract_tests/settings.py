"""Run settings of the contract suite, read once from the environment.

Every knob has a safe default: a fixed seed (so two runs send the same requests), bounded examples
(so the whole run fits in a few minutes on 2 cores) and, against staging, a low request rate and a
small amount cap. Secrets are not read here; see ``target.py``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

ENV_TARGET = "CONNECTPSP_CONTRACT_TARGET"  # auto (default) | mock | staging
ENV_SEED = "CONNECTPSP_CONTRACT_SEED"
ENV_MAX_EXAMPLES = "CONNECTPSP_CONTRACT_MAX_EXAMPLES"
ENV_PHASES = "CONNECTPSP_CONTRACT_PHASES"
ENV_STATEFUL_STEPS = "CONNECTPSP_CONTRACT_STATEFUL_STEPS"
ENV_WORKERS = "CONNECTPSP_CONTRACT_WORKERS"
ENV_ALLOW_MONEY_MOVEMENT = "CONNECTPSP_CONTRACT_ALLOW_MONEY_MOVEMENT"
ENV_MAX_AMOUNT = "CONNECTPSP_CONTRACT_MAX_AMOUNT"
ENV_RATE_LIMIT = "CONNECTPSP_CONTRACT_RATE_LIMIT"
ENV_REPORTS_DIR = "CONNECTPSP_CONTRACT_REPORTS"
ENV_OPERATIONS = "CONNECTPSP_CONTRACT_OPERATIONS"  # comma-separated operationIds (default: all)

DEFAULT_SEED = 20260310  # the docs' first tutorial date; any fixed value works
ALL_PHASES = ("examples", "coverage", "fuzzing", "stateful")
DEFAULT_MAX_EXAMPLES = {"mock": 100, "staging": 10}
DEFAULT_STATEFUL_STEPS = 10
DEFAULT_MAX_AMOUNT = Decimal("1.00")  # staging only: never move more than R$ 1.00 per request
DEFAULT_STAGING_RATE_LIMIT = "2/s"

TargetChoice = Literal["auto", "mock", "staging"]


class SettingsError(ValueError):
    """A contract-suite environment variable has an unusable value (named in the message)."""


@dataclass(frozen=True)
class RunSettings:
    target: TargetChoice
    seed: int
    max_examples: int | None  # None: the target's default
    phases: tuple[str, ...]
    stateful_steps: int
    workers: int
    allow_money_movement: bool
    max_amount: Decimal
    rate_limit: str | None  # None: the target's default
    reports_dir: str
    operation_ids: tuple[str, ...] | None = None  # None: every operation of the spec

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RunSettings:
        env = os.environ if env is None else env
        return cls(
            target=_target(env),
            seed=_int(env, ENV_SEED, DEFAULT_SEED, minimum=0),
            max_examples=_optional_int(env, ENV_MAX_EXAMPLES),
            phases=_phases(env),
            stateful_steps=_int(env, ENV_STATEFUL_STEPS, DEFAULT_STATEFUL_STEPS, minimum=2),
            workers=_int(env, ENV_WORKERS, 1, minimum=1),
            allow_money_movement=_flag(env, ENV_ALLOW_MONEY_MOVEMENT),
            max_amount=_amount(env, ENV_MAX_AMOUNT, DEFAULT_MAX_AMOUNT),
            rate_limit=env.get(ENV_RATE_LIMIT) or None,
            reports_dir=env.get(ENV_REPORTS_DIR) or "reports",
            operation_ids=_operations(env),
        )

    def examples_for(self, target_kind: str) -> int:
        return self.max_examples or DEFAULT_MAX_EXAMPLES[target_kind]

    def rate_limit_for(self, target_kind: str) -> str | None:
        if self.rate_limit is not None:
            return self.rate_limit
        return DEFAULT_STAGING_RATE_LIMIT if target_kind == "staging" else None


def _target(env: Mapping[str, str]) -> TargetChoice:
    value = (env.get(ENV_TARGET) or "auto").strip().lower()
    if value == "auto":
        return "auto"
    if value == "mock":
        return "mock"
    if value == "staging":
        return "staging"
    raise SettingsError(f"{ENV_TARGET} must be auto, mock or staging")


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = (env.get(name) or "").strip().lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    raise SettingsError(f"{name} must be 1 or 0")


def _int(env: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    value = _optional_int(env, name)
    if value is None:
        return default
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}")
    return value


def _optional_int(env: Mapping[str, str], name: str) -> int | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be an integer") from None
    if value < 1:
        raise SettingsError(f"{name} must be positive")
    return value


def _amount(env: Mapping[str, str], name: str, default: Decimal) -> Decimal:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise SettingsError(f"{name} must be a decimal amount such as 1.00") from None
    if not value.is_finite() or value <= 0 or value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise SettingsError(f"{name} must be positive with at most two decimal places")
    return value


def _operations(env: Mapping[str, str]) -> tuple[str, ...] | None:
    raw = (env.get(ENV_OPERATIONS) or "").strip()
    if not raw:
        return None
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _phases(env: Mapping[str, str]) -> tuple[str, ...]:
    raw = (env.get(ENV_PHASES) or "").strip()
    if not raw:
        return ALL_PHASES
    phases = tuple(part.strip().lower() for part in raw.split(",") if part.strip())
    unknown = [phase for phase in phases if phase not in ALL_PHASES]
    if unknown or not phases:
        raise SettingsError(
            f"{ENV_PHASES} takes a comma-separated subset of {', '.join(ALL_PHASES)}"
        )
    return phases
