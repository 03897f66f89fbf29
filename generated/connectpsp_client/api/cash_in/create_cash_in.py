from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cash_in import CashIn
from ...models.cash_in_request import CashInRequest
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset, json_dumps, json_loads


def _get_kwargs(
    *,
    body: CashInRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_idempotency_key, Unset):
        headers["X-Idempotency-Key"] = str(x_idempotency_key)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/cash-in",
    }

    _json_body = body.to_dict()
    _kwargs["content"] = json_dumps(_json_body)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CashIn | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = CashIn.from_dict(json_loads(response.content))

        return response_201

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(json_loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(json_loads(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(json_loads(response.content))

        return response_403

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(json_loads(response.content))

        return response_409

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
) -> Response[CashIn | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CashInRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> Response[CashIn | ProblemDetails]:
    """Create Cash-In

     Generates a PIX payment intent.

    **Standard PIX flow:** returns a Copia e Cola string and a QR Code image (Base64 PNG) that your
    user can scan to complete the payment.

    **OpenFinance flow:** include the `openFinance` object to generate an OpenFinance payment link
    (`paymentUrl`) instead (D-14).

    Once payment is confirmed by the banking network, ConnectPSP will POST a `CASHIN_PAID` event to
    your `webhookUrl`.

    Args:
        x_idempotency_key (UUID | Unset):
        body (CashInRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CashIn | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        x_idempotency_key=x_idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CashInRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> CashIn | ProblemDetails | None:
    """Create Cash-In

     Generates a PIX payment intent.

    **Standard PIX flow:** returns a Copia e Cola string and a QR Code image (Base64 PNG) that your
    user can scan to complete the payment.

    **OpenFinance flow:** include the `openFinance` object to generate an OpenFinance payment link
    (`paymentUrl`) instead (D-14).

    Once payment is confirmed by the banking network, ConnectPSP will POST a `CASHIN_PAID` event to
    your `webhookUrl`.

    Args:
        x_idempotency_key (UUID | Unset):
        body (CashInRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CashIn | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        x_idempotency_key=x_idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CashInRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> Response[CashIn | ProblemDetails]:
    """Create Cash-In

     Generates a PIX payment intent.

    **Standard PIX flow:** returns a Copia e Cola string and a QR Code image (Base64 PNG) that your
    user can scan to complete the payment.

    **OpenFinance flow:** include the `openFinance` object to generate an OpenFinance payment link
    (`paymentUrl`) instead (D-14).

    Once payment is confirmed by the banking network, ConnectPSP will POST a `CASHIN_PAID` event to
    your `webhookUrl`.

    Args:
        x_idempotency_key (UUID | Unset):
        body (CashInRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CashIn | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        x_idempotency_key=x_idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CashInRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> CashIn | ProblemDetails | None:
    """Create Cash-In

     Generates a PIX payment intent.

    **Standard PIX flow:** returns a Copia e Cola string and a QR Code image (Base64 PNG) that your
    user can scan to complete the payment.

    **OpenFinance flow:** include the `openFinance` object to generate an OpenFinance payment link
    (`paymentUrl`) instead (D-14).

    Once payment is confirmed by the banking network, ConnectPSP will POST a `CASHIN_PAID` event to
    your `webhookUrl`.

    Args:
        x_idempotency_key (UUID | Unset):
        body (CashInRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CashIn | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_idempotency_key=x_idempotency_key,
        )
    ).parsed
