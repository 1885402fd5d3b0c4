"""The EPC QR code of an invoice ("scan to pay"): EPC069-12 "Quick Response Code: guidelines
to enable data capture for the initiation of a SEPA credit transfer", version 002.

``epc_payload`` builds the payload, one element per line (LF):

    BCD            service tag
    002            version (002: the BIC may be empty within the EEA)
    1              character set: 1 = UTF-8
    SCT            identification: SEPA credit transfer
    <BIC>          8 or 11 characters, or empty
    <name>         beneficiary, at most 70 characters
    <IBAN>
    EUR<amount>    "EUR" and 0.01 .. 999999999.99, a dot, at most two decimals
    <purpose>      4-character purpose code, or empty
    <reference>    structured remittance (at most 35), or empty
    <text>         unstructured remittance (at most 140), or empty; never both with reference
    <information>  beneficiary to originator, at most 70, optional

The whole payload is at most 331 bytes. A Belgian structured communication goes in the
structured remittance field as its 12 digits (what Belgian banking apps read, and what the
UBL PaymentID and the SEPA "SCOR/BBA" reference carry too).

``epc_qr`` makes the QR code with segno: error correction M, no boost (the guidelines fix M),
version at most 13. Pure functions: amounts are int cents, never floats.
"""

from __future__ import annotations

from decimal import Decimal

import segno
from stdnum import exceptions as stdnum_errors
from stdnum import iban as stdnum_iban

from backend.documents.values import DocumentError, ogm_digits

MAX_PAYLOAD_BYTES = 331
MAX_AMOUNT_CENTS = 99_999_999_999
MAX_VERSION = 13


def _amount(cents: int) -> str:
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise DocumentError("an EPC QR amount is an int of cents")
    if not 1 <= cents <= MAX_AMOUNT_CENTS:
        raise DocumentError("an EPC QR amount is 0.01 to 999999999.99 euro")
    text = format(Decimal(cents).scaleb(-2), "f")
    if text.endswith(".00"):
        text = text[:-3]
    elif text.endswith("0"):
        text = text[:-1]
    return "EUR" + text


def epc_payload(*, name: str, iban: str, amount_cents: int, bic: str | None = None,
                structured_communication: str | None = None, reference: str | None = None,
                text: str | None = None, purpose: str | None = None,
                information: str | None = None) -> str:
    """The EPC069-12 v002 payload of a credit transfer (see the module docstring).

    ``structured_communication`` (Belgian OGM, any notation) becomes the 12-digit structured
    reference; ``reference`` is another structured reference (ISO 11649 ``RF...``); ``text``
    is free remittance text. Exactly one of the three.
    """
    name = " ".join((name or "").split())
    if not 1 <= len(name) <= 70:
        raise DocumentError("the beneficiary name is 1 to 70 characters")
    try:
        iban = stdnum_iban.validate(iban or "")
    except stdnum_errors.ValidationError as exc:
        raise DocumentError(f"invalid IBAN {iban!r}") from exc
    bic = (bic or "").strip().upper()
    if bic and len(bic) not in (8, 11):
        raise DocumentError("a BIC is 8 or 11 characters")
    if structured_communication:
        reference = ogm_digits(structured_communication)
    given = [v for v in (reference, text) if v]
    if len(given) != 1 or (structured_communication and text):
        raise DocumentError("give exactly one of a structured communication, a reference or a text")
    if reference and len(reference) > 35:
        raise DocumentError("a structured reference is at most 35 characters")
    if text and len(text) > 140:
        raise DocumentError("a remittance text is at most 140 characters")
    if purpose and not (len(purpose) == 4 and purpose.isalnum()):
        raise DocumentError("a purpose code is 4 letters or digits")
    if information and len(information) > 70:
        raise DocumentError("the information to the payer is at most 70 characters")
    elements = ["BCD", "002", "1", "SCT", bic, name, iban, _amount(amount_cents),
                (purpose or "").upper(), reference or "", text or ""]
    if information:
        elements.append(information)
    else:  # trailing empty elements may be left out
        while elements[-1] == "":
            elements.pop()
    payload = "\n".join(elements)
    if len(payload.encode("utf-8")) > MAX_PAYLOAD_BYTES:
        raise DocumentError(f"an EPC QR payload is at most {MAX_PAYLOAD_BYTES} bytes")
    return payload


def epc_qr(payload: str) -> segno.QRCode:
    """The QR code of a payload from ``epc_payload`` (error correction M, version <= 13)."""
    if not payload.startswith("BCD\n"):
        raise DocumentError("not an EPC QR payload")
    qr = segno.make_qr(payload.encode("utf-8"), error="m", boost_error=False)
    if qr.version > MAX_VERSION:
        raise DocumentError(f"EPC QR codes are at most version {MAX_VERSION}")
    return qr


__all__ = ["MAX_PAYLOAD_BYTES", "epc_payload", "epc_qr"]
