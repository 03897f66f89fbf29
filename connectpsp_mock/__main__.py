"""``python -m connectpsp_mock`` / ``connectpsp-mock``: run the mock under uvicorn.

Credentials default to the ``CONNECTPSP_*`` environment variables, then the development defaults.
Prefer the environment for secrets: command-line values are visible in the process list.

The server is uvicorn with its fastest parts when installed (httptools, uvloop: dependencies of
this package on CPython/POSIX) and no access log unless ``--access-log``. One process only: the
mock's state and its JWT key live in memory, so ``--workers`` above 1 is refused (D-83).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any

import uvicorn

from .app import create_app
from .serving import http_protocol
from .settings import LOOPBACK_HOSTS, RESPONSE_STYLES, MockSettings, parse_crypto_tokens

logger = logging.getLogger("connectpsp_mock")


def _delay(text: str) -> float | None:
    if text.strip().lower() in ("none", "off", "manual"):
        return None
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError("must be >= 0 or 'none'")
    return value


def _delays(text: str) -> tuple[float, ...]:
    try:
        values = tuple(float(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError("comma-separated seconds, e.g. 1,2,4,8,16") from exc
    if any(not v >= 0 for v in values):
        raise argparse.ArgumentTypeError("delays must be >= 0")
    return values


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="connectpsp-mock",
        description="A stateful ConnectPSP (PIX) mock server. Control API under /_mock/.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 = any free)")
    parser.add_argument("--seed", type=int, default=None, help="deterministic ids and clock")
    parser.add_argument("--token-ttl", type=int, default=3600, help="token lifetime in seconds")
    parser.add_argument("--client-id", default=None, help="default: $CONNECTPSP_CLIENT_ID or dev")
    parser.add_argument("--client-secret", default=None, help="default: $CONNECTPSP_CLIENT_SECRET")
    parser.add_argument(
        "--application-token", default=None, help="default: $CONNECTPSP_APPLICATION_TOKEN"
    )
    parser.add_argument(
        "--crypto-token",
        default=None,
        help="comma-separated; the first signs webhooks (default: $CONNECTPSP_CRYPTO_TOKEN)",
    )
    parser.add_argument(
        "--settlement-delay",
        type=_delay,
        default=0.05,
        help="seconds before a cash-out settles by itself, or 'none' (control call only)",
    )
    parser.add_argument(
        "--webhook-retry-delays",
        type=_delays,
        default=None,
        help="seconds before each webhook retry (default 1,2,4,8,16)",
    )
    parser.add_argument(
        "--webhook-allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="also deliver webhooks to HOST (loopback hosts are always allowed); repeatable",
    )
    parser.add_argument(
        "--response-style",
        choices=RESPONSE_STYLES,
        default=None,
        help="full, minimal or random responses (default: $CONNECTPSP_MOCK_RESPONSE_STYLE or full)",
    )
    parser.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"]
    )
    parser.add_argument(
        "--access-log",
        action="store_true",
        help="log every request (off by default: it costs throughput)",
    )
    parser.add_argument(
        "--http",
        default="auto",
        choices=["auto", "httptools", "h11"],
        help="HTTP parser (auto, httptools: httptools, one write per response; h11: pure Python)",
    )
    parser.add_argument(
        "--loop",
        default="auto",
        choices=["auto", "uvloop", "asyncio"],
        help="event loop (auto: uvloop when installed)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="must be 1: state lives in one process; run several mocks on several ports instead",
    )
    parser.add_argument(
        "--max-transactions",
        type=int,
        default=None,
        help=f"cash-ins (and, separately, cash-outs) kept; the oldest go first "
        f"(default {MockSettings.max_transactions:,})",
    )
    parser.add_argument(
        "--max-idempotency-records",
        type=int,
        default=None,
        help=f"idempotency records kept; the oldest go first "
        f"(default {MockSettings.max_idempotency_records:,})",
    )
    return parser


WORKERS_REFUSED = (
    "--workers must be 1: the mock keeps its state (transactions, balances, idempotency records) "
    "and its token-signing key in one process, so a second worker would answer 401 to tokens of "
    "the first and see none of its transactions. Run one mock per port instead."
)


def server_options(args: argparse.Namespace) -> dict[str, Any]:
    """uvicorn options: "auto" picks uvloop and httptools when they are installed."""
    return {
        "host": args.host,
        "port": args.port,
        "log_level": args.log_level,
        "access_log": args.access_log,
        "loop": args.loop,
        "http": http_protocol(args.http),
        "ws": "none",
        "lifespan": "on",
        "backlog": 4096,
        # The mock reads no X-Forwarded-* header; uvicorn's proxy-header middleware (on by
        # default) would parse them on every request.
        "proxy_headers": False,
        # Longer than clients' idle pools usually keep a connection (uvicorn's default is 5 s), so
        # the server seldom closes a connection at the moment a client reuses it (a reset).
        "timeout_keep_alive": 75,
    }


def settings_from_args(args: argparse.Namespace) -> MockSettings:
    overrides: dict[str, Any] = {
        "token_ttl_seconds": args.token_ttl,
        "seed": args.seed,
        "settlement_delay_seconds": args.settlement_delay,
        "webhook_allowed_hosts": LOOPBACK_HOSTS + tuple(args.webhook_allow_host),
    }
    # Credentials given on the command line win over the environment.
    for name in ("client_id", "client_secret", "application_token"):
        if getattr(args, name) is not None:
            overrides[name] = getattr(args, name)
    if args.crypto_token is not None:
        overrides["crypto_tokens"] = parse_crypto_tokens(args.crypto_token)
    if args.webhook_retry_delays is not None:
        overrides["webhook_retry_delays"] = args.webhook_retry_delays
    if args.response_style is not None:
        overrides["response_style"] = args.response_style
    if args.max_transactions is not None:
        overrides["max_transactions"] = args.max_transactions
    if args.max_idempotency_records is not None:
        overrides["max_idempotency_records"] = args.max_idempotency_records
    return MockSettings.from_env(**overrides)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.workers != 1:
        print(f"connectpsp-mock: {WORKERS_REFUSED}", file=sys.stderr)
        return 2
    try:
        settings = settings_from_args(args)
    except ValueError as exc:
        print(f"connectpsp-mock: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    if args.host not in LOOPBACK_HOSTS:
        logger.warning("listening on %s: the mock is reachable from other machines", args.host)
    logger.info("connectpsp-mock: client id %s, seed %s", settings.client_id, settings.seed)
    uvicorn.run(create_app(settings), **server_options(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
