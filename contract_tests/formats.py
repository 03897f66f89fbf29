"""Realistic data for the spec's custom string formats, registered with schemathesis.

Without these, schemathesis fills ``format: cpf-cnpj`` from the bare ``pattern`` (eleven random
digits, almost never a valid CPF), so nearly every "valid" request would be refused with 400 and
the suite would test little beyond the validator. Values come from the project's own PIX helpers
(``connectpsp_ext.pix``), expanded from a Hypothesis-drawn integer so that a seed reproduces them
and shrinking still works.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import schemathesis
from hypothesis import strategies as st

from connectpsp_ext.pix.documents import generate_cnpj, generate_cpf
from connectpsp_ext.pix.e2e import new_end_to_end_id

FORMAT_DOCUMENT = "cpf-cnpj"
FORMAT_PIX_KEY = "pix-key"
FORMAT_E2E_ID = "e2e-id"

PIX_KEY_TYPES = ("CPF", "CNPJ", "EMAIL", "PHONE", "EVP")

# An integer seed per value: Hypothesis draws (and shrinks) a small int, the generator expands it.
_seeds = st.integers(min_value=0, max_value=2**32 - 1)
_EPOCH = datetime(2026, 3, 1, tzinfo=UTC)


def cpf_for(rng: random.Random) -> str:
    return generate_cpf(rng)


def cnpj_for(rng: random.Random) -> str:
    return generate_cnpj(rng, alphanumeric=rng.random() < 0.3)


def document_for(rng: random.Random) -> str:
    return cpf_for(rng) if rng.random() < 0.6 else cnpj_for(rng)


def email_for(rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    local = "".join(rng.choice(letters + "0123456789._") for _ in range(rng.randint(1, 20)))
    local = local.strip("._") or "pix"
    domain = "".join(rng.choice(letters) for _ in range(rng.randint(2, 12)))
    return f"{local}@{domain}.{rng.choice(('com', 'com.br', 'net', 'org'))}"


def phone_for(rng: random.Random) -> str:
    area = f"{rng.randint(11, 99)}"
    number = "9" + "".join(rng.choice("0123456789") for _ in range(8)) if rng.random() < 0.8 else ""
    if not number:  # landline: 8 digits, 10 in all after +55
        number = str(rng.randint(2, 5)) + "".join(rng.choice("0123456789") for _ in range(7))
    return f"+55{area}{number}"


def evp_for(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


KEY_GENERATORS = {
    "CPF": cpf_for,
    "CNPJ": cnpj_for,
    "EMAIL": email_for,
    "PHONE": phone_for,
    "EVP": evp_for,
}


def pix_key_for(key_type: str, rng: random.Random) -> str:
    """A valid, canonical key of ``key_type`` (one of ``PIX_KEY_TYPES``)."""
    return KEY_GENERATORS[key_type](rng)


def any_pix_key_for(rng: random.Random) -> str:
    return pix_key_for(rng.choice(PIX_KEY_TYPES), rng)


def e2e_id_for(rng: random.Random) -> str:
    when = _EPOCH + timedelta(minutes=rng.randint(0, 60 * 24 * 365))
    ispb = "".join(rng.choice("0123456789") for _ in range(8))
    return new_end_to_end_id(rng.choice("ED"), ispb, when, rng)


documents = _seeds.map(lambda seed: document_for(random.Random(seed)))
pix_keys = _seeds.map(lambda seed: any_pix_key_for(random.Random(seed)))
e2e_ids = _seeds.map(lambda seed: e2e_id_for(random.Random(seed)))


def register() -> None:
    """Register the strategies (idempotent; schemathesis keeps one strategy per format name)."""
    schemathesis.openapi.format(FORMAT_DOCUMENT, documents)
    schemathesis.openapi.format(FORMAT_PIX_KEY, pix_keys)
    schemathesis.openapi.format(FORMAT_E2E_ID, e2e_ids)
