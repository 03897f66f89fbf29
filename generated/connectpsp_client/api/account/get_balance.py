import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.balance import Balance
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset, json_loads


def _get_kwargs(
    *,
    date: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_date: str | Unset = UNSET
    if not isinstance(date, Unset):
        json_date = date if isinstance(date, str) else date.isoformat()
    params["date"] = json_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/account/balance",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Balance | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = Balance.from_dict(json_loads(response.content))

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
) -> Response[Balance | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    date: datetime.date | Unset = UNSET,
) -> Response[Balance | ProblemDetails]:
    """Get Balance

     Returns the consolidated and detailed wallet snapshot across all banking partners (Delbank,
    Celcoin, StarkBank). Two account types are tracked per bank:
    - Transactional: funds available to cover Cash-Out requests (mirrors your users' exposure)
    - Proprietary: reserve/buffer account (your operational capital)

    Historical balance lookup (`?date=`) is currently in development. Only the current balance is
    available (D-16).

    Args:
        date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Balance | ProblemDetails]
    """

    kwargs = _get_kwargs(
        date=date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    date: datetime.date | Unset = UNSET,
) -> Balance | ProblemDetails | None:
    """Get Balance

     Returns the consolidated and detailed wallet snapshot across all banking partners (Delbank,
    Celcoin, StarkBank). Two account types are tracked per bank:
    - Transactional: funds available to cover Cash-Out requests (mirrors your users' exposure)
    - Proprietary: reserve/buffer account (your operational capital)

    Historical balance lookup (`?date=`) is currently in development. Only the current balance is
    available (D-16).

    Args:
        date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Balance | ProblemDetails
    """

    return sync_detailed(
        client=client,
        date=date,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    date: datetime.date | Unset = UNSET,
) -> Response[Balance | ProblemDetails]:
    """Get Balance

     Returns the consolidated and detailed wallet snapshot across all banking partners (Delbank,
    Celcoin, StarkBank). Two account types are tracked per bank:
    - Transactional: funds available to cover Cash-Out requests (mirrors your users' exposure)
    - Proprietary: reserve/buffer account (your operational capital)

    Historical balance lookup (`?date=`) is currently in development. Only the current balance is
    available (D-16).

    Args:
        date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Balance | ProblemDetails]
    """

    kwargs = _get_kwargs(
        date=date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    date: datetime.date | Unset = UNSET,
) -> Balance | ProblemDetails | None:
    """Get Balance

     Returns the consolidated and detailed wallet snapshot across all banking partners (Delbank,
    Celcoin, StarkBank). Two account types are tracked per bank:
    - Transactional: funds available to cover Cash-Out requests (mirrors your users' exposure)
    - Proprietary: reserve/buffer account (your operational capital)

    Historical balance lookup (`?date=`) is currently in development. Only the current balance is
    available (D-16).

    Args:
        date (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Balance | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            date=date,
        )
    ).parsed
