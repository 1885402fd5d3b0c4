"""The people on a document: a party (the cooperative, a client) and the worker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend.documents.values import DocumentError, digits


@dataclass(frozen=True)
class Party:
    """A legal or natural person on a document: the cooperative, a client, a customer.

    ``address_lines`` are printed as given (street and number first). ``postal_code`` and
    ``city`` are optional structured parts, used by UBL (and printed after the lines); when
    absent, UBL reads them from a last line like ``"1000 Brussel"``.
    ``company_number`` is the Belgian enterprise number (KBO/BCE, 10 digits) when known.
    ``peppol_id`` forces the Peppol endpoint (``"0208:0403170701"``); otherwise it is derived.
    ``legal_name``, ``legal_form`` and ``register`` (``"Productions Associées"``, ``"asbl"``,
    ``"RPM Tribunal de l'entreprise francophone de Bruxelles"``) are the company-law mentions
    of the cooperative (``legal_entity.LegalEntity.party``); ``name`` is how documents show it.
    """

    name: str
    address_lines: tuple[str, ...] = ()
    country_code: str = "BE"
    vat_number: str | None = None
    company_number: str | None = None
    email: str | None = None
    iban: str | None = None
    bic: str | None = None
    postal_code: str | None = None
    city: str | None = None
    peppol_id: str | None = None
    legal_form: str | None = None
    register: str | None = None
    legal_name: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise DocumentError("a party needs a name")
        if not re.fullmatch(r"[A-Z]{2}", self.country_code):
            raise DocumentError(f"country_code must be ISO 3166 alpha-2, got {self.country_code!r}")
        object.__setattr__(self, "address_lines", tuple(self.address_lines))
        if self.vat_number is not None:
            object.__setattr__(self, "vat_number", compact_id(self.vat_number))
        if self.company_number is not None:
            object.__setattr__(self, "company_number", digits(self.company_number))
        if self.iban is not None:
            object.__setattr__(self, "iban", compact_id(self.iban))

    def display_address(self) -> tuple[str, ...]:
        lines = list(self.address_lines)
        tail = " ".join(p for p in (self.postal_code, self.city) if p)
        if tail:
            lines.append(tail)
        return tuple(lines)


def compact_id(text: str) -> str:
    """``"BE 0403.170.701"`` -> ``"BE0403170701"``: drop spaces, dots, dashes; upper-case."""
    return re.sub(r"[\s.\-/]", "", text).upper()


@dataclass(frozen=True)
class Worker:
    """The person who performs and is employed for the days worked.

    ``national_number`` (INSZ/NISS) may be given in full: documents print it masked, keeping
    only the birth part (``85.07.30-XXX.XX``).
    """

    name: str
    address_lines: tuple[str, ...] = ()
    country_code: str = "BE"
    national_number: str | None = None
    iban: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise DocumentError("a worker needs a name")
        object.__setattr__(self, "address_lines", tuple(self.address_lines))


def mask_national_number(number: str | None) -> str:
    """Keep the birth part (first 6 digits) of a Belgian national number, hide the rest."""
    if not number:
        return ""
    found = digits(number)
    if len(found) < 6:
        return "XX.XX.XX-XXX.XX"
    return f"{found[0:2]}.{found[2:4]}.{found[4:6]}-XXX.XX"
