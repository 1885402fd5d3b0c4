"""The closed value sets and shared field types of the public API, for the msgspec schemas.

Two kinds, both published as ``enum`` (or bounds) in openapi/openapi.json:

* ``Literal`` types: msgspec checks them when it decodes a request (a value outside the set is
  a localised 422 ``not_allowed_value``); in a response they only document what is sent.
* ``documented(...)``: the schema lists the values (``Meta(extra={"enum": ...})``, read by
  ``backend.http.openapi``) but msgspec lets any string through, because the engine or a
  service checks it with a more precise localised message that names the allowed values
  (``engine.unknown_contract_type``, ``engine.unknown_vat_rate``...). The wire values are the
  ones the services and the bot already use; nothing here changes what is accepted.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from backend.engine.rules_schema import (
    CONTRACT_TYPES,
    EXPENSE_CATEGORIES,
    FAMILY_SCALES,
    VAT_EXEMPTIONS,
)


def documented(values: tuple[str, ...], description: str, example: str | None = None) -> msgspec.Meta:
    """A ``str`` whose schema lists ``values``; the service, not msgspec, refuses others."""
    return msgspec.Meta(description=description, examples=[example or values[0]],
                        extra={"schema": {"enum": list(values)}})


def checked_by_service(description: str | None = None, examples: list | None = None,
                       **schema: object) -> msgspec.Meta:
    """Bounds, lengths or patterns the service checks with its own localised message (the
    engine's ``engine.not_positive``, the bot's ``text_required``...): published in the schema
    (Litestar's Schema attribute names: ``exclusive_minimum``, ``max_length``, ``pattern``),
    not checked twice by msgspec."""
    return msgspec.Meta(description=description, examples=examples, extra={"schema": schema})


# A positive amount in cents: the engine and the services refuse 0 and below themselves.
PositiveCents = Annotated[int, checked_by_service(exclusive_minimum=0)]
# Text that must not be blank (a reason): the service answers ``reason_required``.
NotBlank = Annotated[str, checked_by_service(pattern=r"\S")]


# VAT rates of the shipped rule sets (``vat.rates`` of backend/engine/rulesets/*.json, the same
# in 2024-2026; tests/http/test_openapi_coverage.py keeps them in step). The rule set in force
# on the performance date decides; a rate it lacks is refused with the rates it has.
VAT_RATES = ("21", "12", "6", "0")
LANGUAGE_CODES = ("nl", "fr", "en")

ContractType = Annotated[str, documented(
    CONTRACT_TYPES, "The kind of contract the work is paid under (the rule set's contract "
    "types): employee, manual_worker, student, artist, artist_1bis, interim, training or "
    "open_ended", "employee")]
VatRate = Annotated[str, documented(
    VAT_RATES, "VAT rate in percent, as a string (the rates of the rule set in force); 0 needs "
    "a vatExemption", "21")]
VatExemption = Annotated[str, documented(
    VAT_EXEMPTIONS, "Why no VAT is charged (with vatRate 0): training, intra_eu_reverse_charge "
    "(a client with a VAT number in another EU country), export or outside_scope",
    "training")]
ExpenseCategory = Annotated[str, documented(
    EXPENSE_CATEGORIES, "Kind of professional expense: travel, meals, material, accommodation "
    "or other", "travel")]
LanguageIn = Annotated[str, documented(
    LANGUAGE_CODES, "Language of documents, e-mails and messages: nl, fr or en", "nl")]

# In responses (documentation of what is sent; never checked on the way out).
Language = Literal["nl", "fr", "en"]
ContractTypeValue = Literal[CONTRACT_TYPES]  # type: ignore[valid-type]
ExpenseCategoryValue = Literal[EXPENSE_CATEGORIES]  # type: ignore[valid-type]
FamilyStatus = Literal[FAMILY_SCALES]  # type: ignore[valid-type]
Role = Literal["worker", "adviser", "admin"]
