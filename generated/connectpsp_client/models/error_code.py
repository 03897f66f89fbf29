from enum import StrEnum


class ErrorCode(StrEnum):
    BAD_GATEWAY = "BAD_GATEWAY"
    CASH_IN_ALREADY_REFUNDED = "CASH_IN_ALREADY_REFUNDED"
    CASH_IN_CANCELLED = "CASH_IN_CANCELLED"
    CASH_IN_EXPIRED = "CASH_IN_EXPIRED"
    CASH_IN_NOT_PAID = "CASH_IN_NOT_PAID"
    DUPLICATE_EXTERNAL_REFERENCE = "DUPLICATE_EXTERNAL_REFERENCE"
    FORBIDDEN = "FORBIDDEN"
    GATEWAY_TIMEOUT = "GATEWAY_TIMEOUT"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    INVALID_APPLICATION_TOKEN = "INVALID_APPLICATION_TOKEN"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_SIGNATURE = "INVALID_SIGNATURE"
    INVALID_TOKEN = "INVALID_TOKEN"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    MISSING_END_TO_END_ID = "MISSING_END_TO_END_ID"
    NOT_FOUND = "NOT_FOUND"
    RATE_LIMITED = "RATE_LIMITED"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TRANSACTION_NOT_FOUND = "TRANSACTION_NOT_FOUND"
    VALIDATION_ERROR = "VALIDATION_ERROR"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "ErrorCode | None":
        # connectpsp: forward compatibility - a value this version does not know is kept, not
        # rejected. The pseudo-member is not one of the class's members; `is_known` says so.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        return self._name_ != "UNKNOWN"
