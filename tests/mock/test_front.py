"""The front door (D-87): its direct route table picks exactly what Starlette's router would, and
the request ids it adds are version-4 UUIDs."""

from __future__ import annotations

import itertools
import random
import uuid

import pytest
from starlette.routing import Match, Route

from connectpsp_mock import api
from connectpsp_mock.front import _match, route_table
from connectpsp_mock.ids import IdFactory
from connectpsp_mock.request_ids import HEADER, new_request_id, with_request_id

PATHS = [
    "/auth/token",
    "/cash-in",
    "/cash-in/",
    "/cash-in/abc-123",
    "/cash-in/abc/refund",
    "/cash-in//refund",
    "/cash-in/abc/refund/",
    "/cash-in/abc/other",
    "/cash-in/a/b/refund",
    "/cash-out",
    "/cash-out/0b6f1f0e-2a3c-4d5e-8f90-1a2b3c4d5e6f",
    "/cash-out/x/refund",
    "/account/balance",
    "/account/balance/",
    "/account/rebalance",
    "/account",
    "/CASH-IN/abc",
    "/cash-in/ünïcode",
    "/cash-in/%2F",
    "/",
    "",
    "/_mock/state",
]
METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"]


def starlette_pick(method: str, path: str) -> tuple[object, dict[str, str]] | None:
    """The first route of api.routes that fully matches, as Starlette's router decides."""
    scope = {"type": "http", "method": method, "path": path, "root_path": ""}
    for route in api.routes:
        assert isinstance(route, Route)
        match, child = route.matches(scope)
        if match is Match.FULL:
            return route.endpoint, dict(child["path_params"])
    return None


@pytest.mark.parametrize(("method", "path"), list(itertools.product(METHODS, PATHS)))
def test_the_table_matches_like_starlettes_router(method: str, path: str) -> None:
    expected = starlette_pick(method, path)
    if method == "HEAD":  # left to Starlette (it answers HEAD on GET routes)
        assert _match(route_table(api.routes), method, path) is None
        return
    assert _match(route_table(api.routes), method, path) == expected


def test_every_public_operation_is_in_the_table() -> None:
    table = route_table(api.routes)
    assert sum(len(entries) for entries in table.values()) == len(api.routes) == 8


def test_only_plain_string_routes_are_accepted() -> None:
    async def endpoint(request: object) -> None:
        raise AssertionError

    with pytest.raises(TypeError):
        route_table([Route("/things/{n:int}", endpoint, methods=["GET"])])


def test_request_ids_are_fresh_version_4_uuids() -> None:
    ids = [new_request_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for raw in ids[:200]:
        parsed = uuid.UUID(raw.decode())
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert str(parsed).encode() == raw


def test_one_request_id_header_replaces_any_other() -> None:
    headers = [(b"content-type", b"x"), (b"X-Request-Id", b"old"), (HEADER, b"older")]
    assert with_request_id(headers, b"new") == [(b"content-type", b"x"), (HEADER, b"new")]


def test_seeded_uuids_are_the_text_of_uuid_with_version_4() -> None:
    ids, twin = IdFactory(seed=5), random.Random(5)
    for _ in range(500):
        assert ids.uuid4() == str(uuid.UUID(int=twin.getrandbits(128), version=4))
