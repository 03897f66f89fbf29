from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.rebalance_request import RebalanceRequest
from ...models.rebalance_response import RebalanceResponse
from ...types import Response, json_dumps, json_loads


def _get_kwargs(
    *,
    body: RebalanceRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/account/rebalance",
    }

    _json_body = body.to_dict()
    _kwargs["content"] = json_dumps(_json_body)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RebalanceResponse | None:
    if response.status_code == 200:
        response_200 = RebalanceResponse.from_dict(json_loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(json_loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(json_loads(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(json_loads(response.content))

        return response_403

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(json_loads(response.content))

        return response_422

    if response.status_code == 429:
        response_429 = ProblemDetails.from_dict(json_loads(response.content))

        return response_429

    if response.status_code == 500:
        response_500 = ProblemDetails.from_dict(json_loads(response.content))

        return response_500

    if response.status_code == 502:
        response_502 = ProblemDetails.from_dict(json_loads(response.content))

        return response_502

    if response.status_code == 503:
        response_503 = ProblemDetails.from_dict(json_loads(response.content))

        return response_503

    if response.status_code == 504:
        response_504 = ProblemDetails.from_dict(json_loads(response.content))

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProblemDetails | RebalanceResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RebalanceRequest,
) -> Response[ProblemDetails | RebalanceResponse]:
    """Rebalance Wallet

     Synchronizes your Transactional account to match the total exposure you report.

    - If `targetAmount` is greater than the current transactional balance, funds are pulled from
      the Proprietary account (Top-up).
    - If `targetAmount` is less than the current transactional balance, excess funds are swept
      back to the Proprietary account.

    The `targetAmount` represents the total exposure of your platform (sum of all user wallet
    balances + in-flight bets). A top-up larger than the proprietary balance is refused with 422
    `INSUFFICIENT_FUNDS` (D-17).

    This endpoint requires the `DigitalSignature` header. It lists no `X-Idempotency-Key`; the
    operation is naturally idempotent (it sets a target, D-06).

    Args:
        body (RebalanceRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RebalanceResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: RebalanceRequest,
) -> ProblemDetails | RebalanceResponse | None:
    """Rebalance Wallet

     Synchronizes your Transactional account to match the total exposure you report.

    - If `targetAmount` is greater than the current transactional balance, funds are pulled from
      the Proprietary account (Top-up).
    - If `targetAmount` is less than the current transactional balance, excess funds are swept
      back to the Proprietary account.

    The `targetAmount` represents the total exposure of your platform (sum of all user wallet
    balances + in-flight bets). A top-up larger than the proprietary balance is refused with 422
    `INSUFFICIENT_FUNDS` (D-17).

    This endpoint requires the `DigitalSignature` header. It lists no `X-Idempotency-Key`; the
    operation is naturally idempotent (it sets a target, D-06).

    Args:
        body (RebalanceRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RebalanceResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RebalanceRequest,
) -> Response[ProblemDetails | RebalanceResponse]:
    """Rebalance Wallet

     Synchronizes your Transactional account to match the total exposure you report.

    - If `targetAmount` is greater than the current transactional balance, funds are pulled from
      the Proprietary account (Top-up).
    - If `targetAmount` is less than the current transactional balance, excess funds are swept
      back to the Proprietary account.

    The `targetAmount` represents the total exposure of your platform (sum of all user wallet
    balances + in-flight bets). A top-up larger than the proprietary balance is refused with 422
    `INSUFFICIENT_FUNDS` (D-17).

    This endpoint requires the `DigitalSignature` header. It lists no `X-Idempotency-Key`; the
    operation is naturally idempotent (it sets a target, D-06).

    Args:
        body (RebalanceRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RebalanceResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: RebalanceRequest,
) -> ProblemDetails | RebalanceResponse | None:
    """Rebalance Wallet

     Synchronizes your Transactional account to match the total exposure you report.

    - If `targetAmount` is greater than the current transactional balance, funds are pulled from
      the Proprietary account (Top-up).
    - If `targetAmount` is less than the current transactional balance, excess funds are swept
      back to the Proprietary account.

    The `targetAmount` represents the total exposure of your platform (sum of all user wallet
    balances + in-flight bets). A top-up larger than the proprietary balance is refused with 422
    `INSUFFICIENT_FUNDS` (D-17).

    This endpoint requires the `DigitalSignature` header. It lists no `X-Idempotency-Key`; the
    operation is naturally idempotent (it sets a target, D-06).

    Args:
        body (RebalanceRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RebalanceResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
