"""X-Idempotency-Key (D-07): byte-identical replays, 409 on a different body, exactly one
transaction for concurrent duplicates, errors not stored, 24 h TTL."""

from __future__ import annotations

import asyncio
import json
import uuid

import httpx

from connectpsp_mock.testing import RunningMock

from .helpers import Api, assert_problem, cash_in_body, cash_out_body


def test_cash_out_replay_is_byte_identical_and_creates_nothing(api: Api, mock: RunningMock) -> None:
    key = str(uuid.uuid4())
    body = cash_out_body()
    headers = {**api.signed, "X-Idempotency-Key": key}
    first = api.client.post("/cash-out", json=body, headers=headers)
    assert mock.wait_idle()  # it settles meanwhile; the replay still shows the original 202
    second = api.client.post("/cash-out", json=body, headers=headers)
    assert first.status_code == second.status_code == 202
    assert first.content == second.content
    assert second.json()["status"] == "PROCESSING"
    assert first.headers["x-idempotency-key"] == second.headers["x-idempotency-key"] == key
    state = mock.state()
    assert len(state["cashOuts"]) == 1
    assert state["counters"]["idempotency.replays"] == 1
    assert state["idempotencyRecords"] == 1


def test_same_amount_written_differently_is_the_same_body(api: Api) -> None:
    key = str(uuid.uuid4())
    headers = {**api.signed, "X-Idempotency-Key": key}
    body = cash_out_body(amount=50)
    first = api.client.post("/cash-out", json=body, headers=headers)
    reordered = (
        f'{{"payee": {json.dumps(body["payee"])}, "externalReference": '
        f'"{body["externalReference"]}", "amount": 50.000, "description": "User withdrawal"}}'
    )
    second = api.client.post(
        "/cash-out", content=reordered, headers={**headers, "Content-Type": "application/json"}
    )
    assert second.status_code == 202 and second.content == first.content


def test_same_key_different_body_is_409(api: Api, mock: RunningMock) -> None:
    key = str(uuid.uuid4())
    assert api.create_cash_out(key=key, amount=10).status_code == 202
    response = api.create_cash_out(key=key, amount=11)
    assert_problem(response, 409, "IDEMPOTENCY_KEY_REUSED")
    assert len(mock.state()["cashOuts"]) == 1


def test_key_scope_is_per_operation(api: Api, mock: RunningMock) -> None:
    key = str(uuid.uuid4())
    assert api.create_cash_out(key=key).status_code == 202
    assert api.create_cash_in(key=key).status_code == 201
    state = mock.state()
    assert len(state["cashOuts"]) == 1 and len(state["cashIns"]) == 1


def test_cash_in_and_refund_replays(api: Api, mock: RunningMock) -> None:
    key = str(uuid.uuid4())
    body = cash_in_body()
    headers = {**api.headers, "X-Idempotency-Key": key}
    first = api.client.post("/cash-in", json=body, headers=headers)
    second = api.client.post("/cash-in", json=body, headers=headers)
    assert first.status_code == second.status_code == 201 and first.content == second.content
    assert "pixData" in second.json()
    code = first.json()["internalCode"]
    mock.pay_cash_in(code)
    refund_headers = {**api.signed, "X-Idempotency-Key": str(uuid.uuid4())}
    refund = {"reason": "FRAUD"}
    one = api.client.post(f"/cash-in/{code}/refund", json=refund, headers=refund_headers)
    two = api.client.post(f"/cash-in/{code}/refund", json=refund, headers=refund_headers)
    assert one.status_code == two.status_code == 202 and one.content == two.content
    # Without the key the same refund is a business error, proving the replay did not re-run.
    assert_problem(api.refund(code, reason="FRAUD"), 422, "CASH_IN_ALREADY_REFUNDED")
    assert len(mock.events(event_type="CASHIN_REFUNDED")) == 1


def test_errors_are_not_stored(api: Api, mock: RunningMock) -> None:
    key = str(uuid.uuid4())
    assert api.rebalance(10).status_code == 200
    assert_problem(api.create_cash_out(key=key, amount=20), 422, "INSUFFICIENT_FUNDS")
    assert api.rebalance(500000).status_code == 200
    retried = api.create_cash_out(key=key, amount=20)
    assert retried.status_code == 202, retried.text
    assert mock.state()["idempotencyRecords"] == 1


def test_records_expire_after_24_hours(api: Api, mock: RunningMock) -> None:
    key = str(uuid.uuid4())
    body = cash_in_body()
    headers = {**api.headers, "X-Idempotency-Key": key}
    assert api.client.post("/cash-in", json=body, headers=headers).status_code == 201
    mock.advance_clock(24 * 3600 - 1)
    headers = mock.auth_headers(mock.token())  # the first token expired meanwhile
    headers["X-Idempotency-Key"] = key
    assert api.client.post("/cash-in", json=body, headers=headers).status_code == 201  # replay
    mock.advance_clock(1)
    headers = {**mock.auth_headers(mock.token()), "X-Idempotency-Key": key}
    late = api.client.post("/cash-in", json=body, headers=headers)
    assert_problem(
        late, 409, "DUPLICATE_EXTERNAL_REFERENCE"
    )  # processed anew: the reference is taken


def test_twenty_concurrent_duplicates_create_exactly_one_transaction(
    api: Api, mock: RunningMock
) -> None:
    key = str(uuid.uuid4())
    body = cash_out_body(amount=100)
    headers = {**api.signed, "X-Idempotency-Key": key}

    async def fire() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=mock.base_url, timeout=10) as client:
            return list(
                await asyncio.gather(
                    *(client.post("/cash-out", json=body, headers=headers) for _ in range(20))
                )
            )

    responses = asyncio.run(fire())
    assert {r.status_code for r in responses} == {202}
    assert len({r.content for r in responses}) == 1
    state = mock.state()
    assert len(state["cashOuts"]) == 1
    assert state["counters"]["idempotency.replays"] == 19
    assert state["balance"]["consolidated"]["transactionalBalance"] == 499900


def test_concurrent_requests_with_different_keys_and_one_reference(
    api: Api, mock: RunningMock
) -> None:
    body = cash_out_body(amount=10)

    async def fire() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=mock.base_url, timeout=10) as client:
            return list(
                await asyncio.gather(
                    *(
                        client.post(
                            "/cash-out",
                            json=body,
                            headers={**api.signed, "X-Idempotency-Key": str(uuid.uuid4())},
                        )
                        for _ in range(10)
                    )
                )
            )

    statuses = sorted(r.status_code for r in asyncio.run(fire()))
    assert statuses == [202] + [409] * 9
    assert len(mock.state()["cashOuts"]) == 1
