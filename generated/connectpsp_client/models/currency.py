from enum import StrEnum


class Currency(StrEnum):
    BRL = "BRL"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "Currency | None":
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
