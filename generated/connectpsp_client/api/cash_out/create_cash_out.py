from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cash_out import CashOut
from ...models.cash_out_request import CashOutRequest
from ...models.problem_details import ProblemDetails
from ...types import Response, json_dumps, json_loads


def _get_kwargs(
    *,
    body: CashOutRequest,
    x_idempotency_key: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Idempotency-Key"] = str(x_idempotency_key)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/cash-out",
    }

    _json_body = body.to_dict()
    _kwargs["content"] = json_dumps(_json_body)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CashOut | ProblemDetails | None:
    if response.status_code == 202:
        response_202 = CashOut.from_dict(json_loads(response.content))

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
) -> Response[CashOut | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CashOutRequest,
    x_idempotency_key: UUID,
) -> Response[CashOut | ProblemDetails]:
    """Create Cash-Out

     Submits a PIX payment to an external bank account or PIX key. The request is validated against
    available balance and fraud rules, then queued for settlement. The response is `202 Accepted`:
    the payment is not yet settled at this point.

    Two destination types are supported:
    - `PIX`: by PIX key (CPF, CNPJ, email, phone, or EVP random key)
    - `BANK_ACCOUNT`: by bank account details (ISPB + branch + account)

    This endpoint requires `DigitalSignature` and `X-Idempotency-Key` headers (D-05).

    Once the payment is settled (or fails), ConnectPSP will POST either a `CASHOUT_COMPLETED` or
    `CASHOUT_FAILED` event to your `webhookUrl`.

    Args:
        x_idempotency_key (UUID):
        body (CashOutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CashOut | ProblemDetails]
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
    client: AuthenticatedClient,
    body: CashOutRequest,
    x_idempotency_key: UUID,
) -> CashOut | ProblemDetails | None:
    """Create Cash-Out

     Submits a PIX payment to an external bank account or PIX key. The request is validated against
    available balance and fraud rules, then queued for settlement. The response is `202 Accepted`:
    the payment is not yet settled at this point.

    Two destination types are supported:
    - `PIX`: by PIX key (CPF, CNPJ, email, phone, or EVP random key)
    - `BANK_ACCOUNT`: by bank account details (ISPB + branch + account)

    This endpoint requires `DigitalSignature` and `X-Idempotency-Key` headers (D-05).

    Once the payment is settled (or fails), ConnectPSP will POST either a `CASHOUT_COMPLETED` or
    `CASHOUT_FAILED` event to your `webhookUrl`.

    Args:
        x_idempotency_key (UUID):
        body (CashOutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CashOut | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
        x_idempotency_key=x_idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CashOutRequest,
    x_idempotency_key: UUID,
) -> Response[CashOut | ProblemDetails]:
    """Create Cash-Out

     Submits a PIX payment to an external bank account or PIX key. The request is validated against
    available balance and fraud rules, then queued for settlement. The response is `202 Accepted`:
    the payment is not yet settled at this point.

    Two destination types are supported:
    - `PIX`: by PIX key (CPF, CNPJ, email, phone, or EVP random key)
    - `BANK_ACCOUNT`: by bank account details (ISPB + branch + account)

    This endpoint requires `DigitalSignature` and `X-Idempotency-Key` headers (D-05).

    Once the payment is settled (or fails), ConnectPSP will POST either a `CASHOUT_COMPLETED` or
    `CASHOUT_FAILED` event to your `webhookUrl`.

    Args:
        x_idempotency_key (UUID):
        body (CashOutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CashOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
        x_idempotency_key=x_idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CashOutRequest,
    x_idempotency_key: UUID,
) -> CashOut | ProblemDetails | None:
    """Create Cash-Out

     Submits a PIX payment to an external bank account or PIX key. The request is validated against
    available balance and fraud rules, then queued for settlement. The response is `202 Accepted`:
    the payment is not yet settled at this point.

    Two destination types are supported:
    - `PIX`: by PIX key (CPF, CNPJ, email, phone, or EVP random key)
    - `BANK_ACCOUNT`: by bank account details (ISPB + branch + account)

    This endpoint requires `DigitalSignature` and `X-Idempotency-Key` headers (D-05).

    Once the payment is settled (or fails), ConnectPSP will POST either a `CASHOUT_COMPLETED` or
    `CASHOUT_FAILED` event to your `webhookUrl`.

    Args:
        x_idempotency_key (UUID):
        body (CashOutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CashOut | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_idempotency_key=x_idempotency_key,
        )
    ).parsed
