"""The cooperative's legal entity as every document names it: reference data, one source.

``legal_entities.json`` beside this module holds, per entity id (``smart``), the trade name,
the legal name and form, the seat in Dutch and French, the enterprise and VAT numbers, the
register of legal entities with its court, and the bank account; each value with its source.

``legal_entity("smart").party("fr")`` is the supplier / employer ``Party`` of a French
document: quotes, contracts, invoices and payslips all take it from here, so they name the
supplier the same way in the document's language.

The bank account in the reference data is a demo account (``iban_is_demo``); the real one is
configured in the ``legal_entity`` table and passed in with ``with_bank_account``.
``require_payment_account`` is the check an invoice service runs before it numbers anything:
no account, or the demo account in production, is a ``PaymentAccountError``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from pathlib import Path

from stdnum import exceptions as stdnum_errors
from stdnum import iban as stdnum_iban

from backend.documents.parties import Party, compact_id
from backend.documents.values import DocumentError

REFERENCE_FILE = Path(__file__).with_name("legal_entities.json")
LANGUAGES = ("nl", "fr", "en")


class PaymentAccountError(DocumentError):
    """No usable bank account to put on an invoice. ``code`` and ``params`` name the
    localised message (``backend.documents.messages``)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Address:
    street: str
    postal_code: str
    city: str


@dataclass(frozen=True)
class LegalEntity:
    id: str
    trade_name: str
    legal_name: dict[str, str]
    legal_form: dict[str, str]
    address: dict[str, Address]
    country: str
    enterprise_number: str
    vat_number: str
    register: dict[str, str]
    email: str | None
    iban: str | None
    bic: str | None
    iban_is_demo: bool

    def name(self, language: str) -> str:
        """``Smart – Productions Associées asbl``: the trade name, then the legal name and form."""
        legal = f"{_pick(self.legal_name, language)} {_pick(self.legal_form, language)}"
        return f"{self.trade_name} – {legal}" if self.trade_name else legal

    def party(self, language: str) -> Party:
        """The entity as supplier or employer of a document in ``language``."""
        address = _pick(self.address, language)
        return Party(
            name=self.name(language), address_lines=(address.street,),
            postal_code=address.postal_code, city=address.city, country_code=self.country,
            vat_number=self.vat_number, company_number=self.enterprise_number,
            email=self.email, iban=self.iban, bic=self.bic,
            legal_name=_pick(self.legal_name, language),
            legal_form=_pick(self.legal_form, language),
            register=_pick(self.register, language),
        )

    def with_bank_account(self, iban: str | None, bic: str | None) -> LegalEntity:
        """The entity with its configured account (the ``legal_entity`` row); an empty
        ``iban`` keeps the reference data's (demo) account."""
        if not iban or not iban.strip():
            return self
        return replace(self, iban=compact_id(iban), bic=(bic or "").strip().upper() or None,
                       iban_is_demo=False)

    def reference_row(self) -> dict:
        """The ``legal_entity`` table row of this entity (bank account left to configure)."""
        address = self.address["fr"]
        return {"id": self.id, "name": self.name("fr"), "country": self.country,
                "vat_number": self.vat_number,
                "company_number": f"{self.enterprise_number[:4]}.{self.enterprise_number[4:7]}."
                                  f"{self.enterprise_number[7:]}",
                "address": f"{address.street}, {address.postal_code} {address.city}",
                "iban": "", "bic": ""}


def _pick(values: dict, language: str):
    return values.get(language) or values["nl"]


def _value(entry: dict, key: str):
    try:
        return entry[key]["value"]
    except (KeyError, TypeError) as exc:
        raise DocumentError(f"legal entity reference data: {key!r} needs a value") from exc


@functools.cache
def _reference() -> dict[str, LegalEntity]:
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    entities = {}
    for entity_id, entry in data.items():
        if entity_id.startswith("_"):
            continue
        for key, item in entry.items():
            if not isinstance(item, dict) or len(str(item.get("source", "")).strip()) < 3:
                raise DocumentError(f"legal entity {entity_id}: {key!r} needs a source")
        address = {lang: Address(**parts) for lang, parts in _value(entry, "address").items()}
        for name in ("legal_name", "legal_form", "register"):
            if set(_value(entry, name)) != set(LANGUAGES):
                raise DocumentError(f"legal entity {entity_id}: {name} needs nl, fr and en")
        if set(address) != set(LANGUAGES):
            raise DocumentError(f"legal entity {entity_id}: address needs nl, fr and en")
        entities[entity_id] = LegalEntity(
            id=entity_id, trade_name=_value(entry, "trade_name"),
            legal_name=_value(entry, "legal_name"), legal_form=_value(entry, "legal_form"),
            address=address, country=_value(entry, "country"),
            enterprise_number=_value(entry, "enterprise_number"),
            vat_number=_value(entry, "vat_number"), register=_value(entry, "register"),
            email=entry.get("email", {}).get("value"),
            iban=entry.get("iban", {}).get("value"), bic=entry.get("bic", {}).get("value"),
            iban_is_demo=bool(entry.get("iban", {}).get("demo")),
        )
    return entities


def legal_entity(entity_id: str) -> LegalEntity:
    """The reference data of a legal entity; ``KeyError`` for an unknown id."""
    return _reference()[entity_id]


def legal_entity_ids() -> tuple[str, ...]:
    return tuple(_reference())


def require_payment_account(entity: LegalEntity, *, production: bool) -> tuple[str, str | None]:
    """``(iban, bic)`` to print on an invoice, or ``PaymentAccountError``: no valid IBAN, or
    (in production) only the demo account. Run it before numbering an invoice, so a refusal
    leaves nothing half made."""
    name = entity.name("nl")
    if not entity.iban:
        raise PaymentAccountError("payment_account_missing", entity=name)
    try:
        iban = stdnum_iban.validate(entity.iban)
    except stdnum_errors.ValidationError:
        raise PaymentAccountError("payment_account_invalid", entity=name,
                                  iban=entity.iban) from None
    if production and entity.iban_is_demo:
        raise PaymentAccountError("payment_account_demo", entity=name)
    return iban, entity.bic


__all__ = [
    "Address", "LegalEntity", "PaymentAccountError", "legal_entity", "legal_entity_ids",
    "require_payment_account",
]
