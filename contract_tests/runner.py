"""Run schemathesis' engine over the spec against a target and collect a ``RunResult``.

This is what ``st run`` does, minus the CLI: the same phases and checks, but with our auth provider,
hooks, custom formats and checks bound to this one schema, and the events folded into per-operation
statistics instead of terminal output.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

import schemathesis
from schemathesis import engine

from . import auth, checks, formats, hooks, spec
from .binding import Binding, bind, unbind
from .collector import Collector
from .config import build_config, build_config_dict, excluded_operations
from .progress import ContractProgress
from .results import OperationStats, RunResult
from .settings import RunSettings, SettingsError

if TYPE_CHECKING:
    from schemathesis.schemas import BaseSchema

    from .target import Target

assert checks.CUSTOM_CHECKS  # importing `checks` registers them with schemathesis


NOT_SELECTED = "not selected (CONNECTPSP_CONTRACT_OPERATIONS)"


def _payer_simulation(target: Target) -> Callable[[str], None] | None:
    """Mock only: pay every other created cash-in, so refunds of PAID cash-ins get exercised."""
    mock = target.mock
    if mock is None:
        return None
    created = itertools.count()

    def pay_some(internal_code: str) -> None:
        if next(created) % 2 == 0:
            mock.pay_cash_in(internal_code)

    return pay_some


def run_schemathesis(
    target: Target,
    settings: RunSettings,
    *,
    max_examples: int | None = None,
    phases: tuple[str, ...] | None = None,
    operation_ids: list[str] | None = None,
    progress: ContractProgress | None = None,
) -> RunResult:
    """Run the configured phases over the spec's operations against ``target``."""
    formats.register()
    if operation_ids is None and settings.operation_ids is not None:
        unknown = set(settings.operation_ids) - {i.operation_id for i in spec.operations().values()}
        if unknown:
            raise SettingsError(f"unknown operationIds: {', '.join(sorted(unknown))}")
        operation_ids = list(settings.operation_ids)
    if phases is not None:
        settings = dataclasses.replace(settings, phases=phases)
    data = build_config_dict(
        settings, base_url=target.base_url, target_kind=target.kind, max_examples=max_examples
    )
    schema: BaseSchema = schemathesis.openapi.from_dict(
        copy.deepcopy(spec.exact_spec()), config=build_config(data)
    )
    excluded = excluded_operations(target.kind, target.allow_money_movement)
    if excluded:
        schema = schema.exclude(operation_id=excluded)
    if operation_ids is not None:
        schema = schema.include(operation_id=operation_ids)

    result = RunResult(
        target=target.describe(),
        base_url=target.base_url,
        seed=settings.seed,
        max_examples=data["generation"]["max-examples"],
        phases=settings.phases,
        operations={},
    )
    for label, info in spec.operations().items():
        stats = OperationStats(label=label, operation_id=info.operation_id)
        if info.operation_id in excluded:
            stats.excluded = (
                "never fuzzed against staging"
                if info.operation_id in spec.NEVER_FUZZED_ON_STAGING
                else "moves money: set CONNECTPSP_CONTRACT_ALLOW_MONEY_MOVEMENT=1"
            )
        elif operation_ids is not None and info.operation_id not in operation_ids:
            stats.excluded = NOT_SELECTED
        result.operations[label] = stats

    binding = Binding(
        base_url=target.base_url,
        application_token=target.application_token.reveal(),
        crypto_token=target.crypto_token.reveal(),
        max_amount=target.max_amount,
        client_id=target.client_id,
        client_secret=target.client_secret,
        on_cash_in_created=_payer_simulation(target),
    )
    auth.install(schema, binding, target.client_id, target.client_secret.reveal())
    hooks.install(schema, binding)
    bind(schema, binding)
    collector = Collector(result)
    if progress is not None:
        progress.expect(sum(1 for stats in result.operations.values() if not stats.excluded))
    try:
        for event in engine.from_schema(schema).execute():
            collector.handle(event)
            if progress is not None:
                progress.handle(event)
    finally:
        unbind(schema)
    return result
