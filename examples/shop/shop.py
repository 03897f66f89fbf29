"""A tiny shop: PIX checkout, wallet withdrawals, and the webhook events that move them.

An example for docs/testing.md; test_shop.py beside it tests it with the connectpsp pytest plugin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from connectpsp_client.models import CashInPaidEvent, CashOutCompletedEvent, CashOutFailedEvent

from connectpsp_ext import ConnectPSP, pix_key_destination
from connectpsp_ext.webhooks import ReceivedWebhook


@dataclass
class Order:
    amount: Decimal
    transaction_id: str
    status: str = "WAITING"


@dataclass
class Shop:
    psp: ConnectPSP
    webhook_url: str
    orders: dict[str, Order] = field(default_factory=dict)
    wallet: Decimal = Decimal("100.00")
    payouts: dict[str, str] = field(default_factory=dict)  # transactionId -> status

    def checkout(self, order_id: str, amount: Decimal) -> str:
        """Create the PIX charge; returns the copy-and-paste code to show the customer."""
        created = self.psp.cash_in.create(
            amount=amount,
            external_reference=order_id,
            payer_name="Ana Cliente",
            payer_document="12345678909",
            webhook_url=self.webhook_url,
        ).data
        self.orders[order_id] = Order(amount, created.transaction_id)
        return str(created.pix_data.copy_and_paste)

    def withdraw(self, amount: Decimal, email: str) -> str:
        """Pay out from the wallet at once; a failed payout gives the money back."""
        payout = self.psp.cash_out.create(
            amount=amount,
            external_reference=f"withdrawal-{len(self.payouts) + 1}",
            payee_name="Ana Cliente",
            payee_document="12345678909",
            destination=pix_key_destination("EMAIL", email),
            webhook_url=self.webhook_url,
        ).data
        self.wallet -= amount
        self.payouts[str(payout.transaction_id)] = "PROCESSING"
        return str(payout.transaction_id)

    def on_webhook(self, received: ReceivedWebhook) -> None:
        """What the shop's webhook endpoint calls for each verified event."""
        event = received.event
        if isinstance(event, CashInPaidEvent):
            self.orders[event.data.external_reference].status = "PAID"
        elif isinstance(event, CashOutCompletedEvent):
            self.payouts[str(event.data.transaction_id)] = "COMPLETED"
        elif isinstance(event, CashOutFailedEvent):
            self.payouts[str(event.data.transaction_id)] = "FAILED"
            self.wallet += event.data.amount
