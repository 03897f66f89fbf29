from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.refund import Refund
from ...models.refund_request import RefundRequest
from ...types import UNSET, Response, Unset, json_dumps, json_loads


def _get_kwargs(
    id: str,
    *,
    body: RefundRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_idempotency_key, Unset):
        headers["X-Idempotency-Key"] = str(x_idempotency_key)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/cash-in/{id}/refund".format(
            id=quote(str(id), safe=""),
        ),
    }

    _json_body = body.to_dict()
    _kwargs["content"] = json_dumps(_json_body)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | Refund | None:
    if response.status_code == 202:
        response_202 = Refund.from_dict(json_loads(response.content))

        return response_202

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
) -> Response[ProblemDetails | Refund]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RefundRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> Response[ProblemDetails | Refund]:
    """Request Refund

     Requests a full refund of a paid Cash-In transaction (PIX Devolution via BACEN/SPI).

    Only transactions with status `PAID` can be refunded. Partial refunds are not supported: the
    full original amount will be returned to the payer.

    The refund is sent to the banking network synchronously. The `202 Accepted` response includes
    the new `endToEndId` generated for the devolution (prefixed with `D`), and a `CASHIN_REFUNDED`
    event follows (D-09).

    This endpoint requires the `DigitalSignature` header.

    Args:
        id (str): A transaction identifier (transactionId, internalCode or endToEndId). The same
            pattern as the `{id}` path parameter, because the spec's links feed response ids into
            `{id}` (D-21, D-47).
        x_idempotency_key (UUID | Unset):
        body (RefundRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Refund]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_idempotency_key=x_idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RefundRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> ProblemDetails | Refund | None:
    """Request Refund

     Requests a full refund of a paid Cash-In transaction (PIX Devolution via BACEN/SPI).

    Only transactions with status `PAID` can be refunded. Partial refunds are not supported: the
    full original amount will be returned to the payer.

    The refund is sent to the banking network synchronously. The `202 Accepted` response includes
    the new `endToEndId` generated for the devolution (prefixed with `D`), and a `CASHIN_REFUNDED`
    event follows (D-09).

    This endpoint requires the `DigitalSignature` header.

    Args:
        id (str): A transaction identifier (transactionId, internalCode or endToEndId). The same
            pattern as the `{id}` path parameter, because the spec's links feed response ids into
            `{id}` (D-21, D-47).
        x_idempotency_key (UUID | Unset):
        body (RefundRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Refund
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        x_idempotency_key=x_idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RefundRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> Response[ProblemDetails | Refund]:
    """Request Refund

     Requests a full refund of a paid Cash-In transaction (PIX Devolution via BACEN/SPI).

    Only transactions with status `PAID` can be refunded. Partial refunds are not supported: the
    full original amount will be returned to the payer.

    The refund is sent to the banking network synchronously. The `202 Accepted` response includes
    the new `endToEndId` generated for the devolution (prefixed with `D`), and a `CASHIN_REFUNDED`
    event follows (D-09).

    This endpoint requires the `DigitalSignature` header.

    Args:
        id (str): A transaction identifier (transactionId, internalCode or endToEndId). The same
            pattern as the `{id}` path parameter, because the spec's links feed response ids into
            `{id}` (D-21, D-47).
        x_idempotency_key (UUID | Unset):
        body (RefundRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Refund]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_idempotency_key=x_idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RefundRequest,
    x_idempotency_key: UUID | Unset = UNSET,
) -> ProblemDetails | Refund | None:
    """Request Refund

     Requests a full refund of a paid Cash-In transaction (PIX Devolution via BACEN/SPI).

    Only transactions with status `PAID` can be refunded. Partial refunds are not supported: the
    full original amount will be returned to the payer.

    The refund is sent to the banking network synchronously. The `202 Accepted` response includes
    the new `endToEndId` generated for the devolution (prefixed with `D`), and a `CASHIN_REFUNDED`
    event follows (D-09).

    This endpoint requires the `DigitalSignature` header.

    Args:
        id (str): A transaction identifier (transactionId, internalCode or endToEndId). The same
            pattern as the `{id}` path parameter, because the spec's links feed response ids into
            `{id}` (D-21, D-47).
        x_idempotency_key (UUID | Unset):
        body (RefundRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Refund
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            x_idempotency_key=x_idempotency_key,
        )
    ).parsed
