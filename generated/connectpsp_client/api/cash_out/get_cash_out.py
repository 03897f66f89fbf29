from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cash_out import CashOut
from ...models.problem_details import ProblemDetails
from ...types import Response, json_loads


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/cash-out/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CashOut | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = CashOut.from_dict(json_loads(response.content))

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

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(json_loads(response.content))

        return response_404

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
) -> Response[CashOut | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CashOut | ProblemDetails]:
    """Get Cash-Out

     Returns the current status and details of a Cash-Out transaction, including settlement proof
    from BACEN/SPI when available.

    The `{id}` parameter accepts:
    - `internalCode` (ConnectPSP's code, e.g. `IVKPRMOCDY`)
    - `transactionId` (UUID)
    - `endToEndId` (E2E ID from BACEN/SPI)

    The reference page lists no `ApplicationToken` header here; the guides require it on every
    authenticated call, so it is required here too (D-04).

    Args:
        id (str): A transaction identifier (transactionId, internalCode or endToEndId). The same
            pattern as the `{id}` path parameter, because the spec's links feed response ids into
            `{id}` (D-21, D-47).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CashOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> CashOut | ProblemDetails | None:
    """Get Cash-Out

     Returns the current status and details of a Cash-Out transaction, including settlement proof
    from BACEN/SPI when available.

    The `{id}` parameter accepts:
    - `internalCode` (ConnectPSP's code, e.g. `IVKPRMOCDY`)
    - `transactionId` (UUID)
    - `endToEndId` (E2E ID from BACEN/SPI)

    The reference page lists no `ApplicationToken` header here; the guides require it on every
    authenticated call, so it is required here too (D-04).

    Args:
        id (str): A transaction identifier (transactionId, internalCode or endToEndId). The same
            pattern as the `{id}` path parameter, because the spec's links feed response ids into
            `{id}` (D-21, D-47).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CashOut | ProblemDetails
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CashOut | ProblemDetails]:
    """Get Cash-Out

     Returns the current status and details of a Cash-Out transaction, including settlement proof
    from BACEN/SPI when available.

    The `{id}` parameter accepts:
    - `internalCode` (ConnectPSP's code, e.g. `IVKPRMOCDY`)
    - `transactionId` (UUID)
    - `endToEndId` (E2E ID from BACEN/SPI)

    The reference page lists no `ApplicationToken` header here; the guides require it on every
    authenticated call, so it is required here too (D-04).

    Args:
        id (str): A transaction identifier (transactionId, internalCode or endToEndId). The same
            pattern as the `{id}` path parameter, because the spec's links feed response ids into
            `{id}` (D-21, D-47).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CashOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> CashOut | ProblemDetails | None:
    """Get Cash-Out

     Returns the current status and details of a Cash-Out transaction, including settlement proof
    from BACEN/SPI when available.

    The `{id}` parameter accepts:
    - `internalCode` (ConnectPSP's code, e.g. `IVKPRMOCDY`)
    - `transactionId` (UUID)
    - `endToEndId` (E2E ID from BACEN/SPI)

    The reference page lists no `ApplicationToken` header here; the guides require it on every
    authenticated call, so it is required here too (D-04).

    Args:
        id (str): A transaction identifier (transactionId, internalCode or endToEndId). The same
            pattern as the `{id}` path parameter, because the spec's links feed response ids into
            `{id}` (D-21, D-47).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CashOut | ProblemDetails
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
