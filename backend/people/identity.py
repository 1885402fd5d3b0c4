"""The passer-by's identity, just in time: what each step of a QuickJob still needs to know.

``missing_for(person, step)`` is the one contract the API (``requirements`` on ``GET /me`` and
``GET /quickjobs/{id}``), the QuickJob flow (the quote refused without a name, the Dimona and
the salary held) and the bot (which asks for the same fields in conversation) share:

- steps ``quote``, ``contract``, ``salary``; cumulative (a salary needs a contract, which needs
  a quote), as ``identity_rules.json`` says with its sources;
- fields, in the order to ask them: ``first_name``, ``last_name``, ``national_number`` (its
  checksum, python-stdnum ``be.nn``, and the birth date it encodes equal to ``birth_date``),
  ``birth_date``, ``address``, ``iban`` (python-stdnum ``iban``, of a country a SEPA transfer
  reaches), and ``bic`` only for an IBAN of a SEPA country outside the EEA.

A field is missing when it is empty or when what is there cannot serve (a wrong checksum
typed before the checks existed, a national number of another birth date, an IBAN outside
SEPA). ``person`` is anything with those attributes (a PersonRow, the QuickJob's WorkerRow)
or a mapping with those keys.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from pathlib import Path

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_nn
from stdnum.exceptions import ValidationError

STEPS = ("quote", "contract", "salary")
FIELDS = ("first_name", "last_name", "national_number", "birth_date", "address", "iban", "bic")
# The API's names of the same fields (camelCase, as PATCH /me takes them).
WIRE = {"first_name": "firstName", "last_name": "lastName",
        "national_number": "nationalNumber", "birth_date": "birthDate", "address": "address",
        "iban": "iban", "bic": "bic"}
RULES_PATH = Path(__file__).with_name("identity_rules.json")


@functools.cache
def rules() -> dict:
    return json.loads(RULES_PATH.read_text())


def _dated(rows: list[dict], on: dt.date) -> list[dict]:
    return [r for r in rows if dt.date.fromisoformat(r["validFrom"]) <= on]


def step_fields(step: str, on: dt.date | None = None) -> tuple[str, ...]:
    if step not in STEPS:
        raise ValueError(f"unknown step {step!r}: one of {STEPS}")
    on = on or dt.date.today()
    current = max(_dated(rules()["steps"], on), key=lambda r: r["validFrom"])
    return tuple(current[step])


def sepa_reach(country: str, on: dt.date | None = None) -> bool | None:
    """None when a SEPA transfer cannot reach ``country``; else whether it needs a BIC."""
    on = on or dt.date.today()
    for group in _dated(rules()["sepaCountries"], on):
        if country in group["countries"]:
            return group["bicRequired"]
    return None


def _value(person, name: str):
    if isinstance(person, Mapping):
        return person.get(name)
    return getattr(person, name, None)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def valid_national_number(value: str | None) -> str | None:
    try:
        return stdnum_nn.validate(value) if value else None
    except ValidationError:
        return None


def birth_date_of(national_number: str) -> dt.date | None:
    """The birth date a national number encodes (None when it leaves it unknown)."""
    try:
        return stdnum_nn.get_birth_date(national_number)
    except (ValidationError, ValueError):
        return None


def national_number_matches(national_number: str, birth_date: dt.date) -> bool:
    encoded = birth_date_of(national_number)
    return encoded is None or encoded == birth_date


def payable_iban(value: str | None, on: dt.date | None = None) -> tuple[str | None, bool]:
    """(the compact IBAN when a SEPA transfer reaches it, whether that transfer needs a BIC)."""
    try:
        iban = stdnum_iban.validate(value) if value else None
    except ValidationError:
        return None, False
    if iban is None:
        return None, False
    needs_bic = sepa_reach(iban[:2], on)
    return (iban, needs_bic) if needs_bic is not None else (None, False)


def valid_bic(value: str | None) -> str | None:
    try:
        return stdnum_bic.validate(value) if value else None
    except ValidationError:
        return None


def missing_for(person, step: str, on: dt.date | None = None) -> list[str]:
    """The fields ``step`` still needs of ``person``, in the order to ask for them."""
    needed = step_fields(step, on)
    missing: list[str] = []
    for name in ("first_name", "last_name", "address"):
        if name in needed and _blank(_value(person, name)):
            missing.append(name)
    if "national_number" in needed or "birth_date" in needed:
        number = valid_national_number(_value(person, "national_number"))
        born = _value(person, "birth_date")
        if "national_number" in needed and (
                number is None or (born is not None and not national_number_matches(number, born))):
            missing.append("national_number")
        if "birth_date" in needed and born is None:
            missing.append("birth_date")
    if "iban" in needed:
        iban, needs_bic = payable_iban(_value(person, "iban"), on)
        if iban is None:
            missing.append("iban")
        elif needs_bic and valid_bic(_value(person, "bic")) is None:
            missing.append("bic")
    return sorted(missing, key=FIELDS.index)


def requirements(person, on: dt.date | None = None,
                 steps: tuple[str, ...] = STEPS) -> dict[str, list[str]]:
    """Per step, the missing fields by their API names (``firstName``...)."""
    return {step: [WIRE[f] for f in missing_for(person, step, on)] for step in steps}


def display_name(person) -> str | None:
    """First and last name as documents print them; None when there is no name (never a
    phone number or an e-mail address in its place)."""
    full = " ".join(" ".join(str(p).split()) for p in (
        _value(person, "first_name"), _value(person, "last_name")) if not _blank(p))
    return full or None
