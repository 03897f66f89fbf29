"""Talking to the mock's control API (``/_mock/...``): only ever on a loopback address."""

from __future__ import annotations

import os
from typing import Any

import httpx
from connectpsp_client.types import json_loads

from connectpsp_ext.config import ENV_BASE_URL, check_base_url, is_loopback_host

from .main import CommandFailed, UsageFailure

TIMEOUT = httpx.Timeout(30.0)


def mock_url(base_url: str | None) -> str:
    """The mock's root from ``--base-url`` / ``CONNECTPSP_BASE_URL``; refused unless loopback,
    so a trigger can never be aimed at the real API."""
    raw = base_url or os.environ.get(ENV_BASE_URL)
    if not raw:
        raise UsageFailure(
            f"set {ENV_BASE_URL} (or --base-url) to the mock, e.g. http://127.0.0.1:8080"
        )
    url = check_base_url(raw)
    if not is_loopback_host(httpx.URL(url).host):
        raise UsageFailure(
            "this command drives the local mock only: the base URL must be a loopback address"
        )
    return url


def control_call(base_url: str | None, method: str, path: str, body: Any = None) -> Any:
    """``method /_mock{path}``; a problem answer becomes one line (status, code, detail)."""
    root = mock_url(base_url)
    with httpx.Client(base_url=root, timeout=TIMEOUT, trust_env=False) as http:
        response = http.request(method, "/_mock" + path, json=body)
    try:
        payload = json_loads(response.content) if response.content else None
    except ValueError:
        payload = None
    if response.status_code < 400:
        return payload
    problem = payload if isinstance(payload, dict) else {}
    code = problem.get("code")
    if response.status_code == 404 and code == "NOT_FOUND":
        raise CommandFailed(f"{root} has no mock control API: is it a connectpsp mock?")
    detail = problem.get("detail") or response.reason_phrase
    raise CommandFailed(
        f"the mock answered {response.status_code} {code or ''}: {detail}",
        status=response.status_code,
        code=code,
    )
