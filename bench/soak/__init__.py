"""The fault-injection soak: many money-moving calls through the SDK against the mock while a share
of the attempts fail (5xx, 429 + Retry-After, timeouts, connections dropped after commit), then a
reconciliation against the mock's own state. ``run_soak(base_url, SoakConfig(...))`` is the entry
point used by ``python -m bench.soak`` and by tests/soak."""

from .config import SoakConfig
from .runner import SoakResult, run_soak

__all__ = ["SoakConfig", "SoakResult", "run_soak"]
