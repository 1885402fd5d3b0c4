"""A pure writer for SEPA credit transfer files: ISO 20022 pain.001.001.09 as the EPC SCT
customer-to-bank implementation guidelines define it (EPC132-08 2025 v1.0): one payment
information block, service level SEPA, category purpose and purpose SALA (salaries), charges
SLEV.

The EPC rules followed (and checked by tests against the EPC 2025 XSD):
- names (initiating party, debtor, creditor) at most 70 characters;
- texts in the EPC basic Latin character set ``a-z A-Z 0-9 / - ? : ( ) . , ' +`` and space:
  other letters are transliterated (anyascii: "Łukasz Żółć" -> "Lukasz Zolc", "Ø" -> "O",
  "ß" -> "ss"), other signs replaced by their nearest allowed sign ("&" -> "+"), never
  silently deleted;
- identifiers (message, payment information, end-to-end) at most 35 characters, in that set,
  not starting or ending with "/" and without "//";
- amounts from 0.01 to 999999999.99 euro: a zero or negative transfer is refused with a
  clear ``SepaError``, never written.

Amounts are integer euro cents in, two-decimal euro strings out: no floats anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from anyascii import anyascii
from lxml import etree
from stdnum import bic as stdnum_bic
from stdnum import exceptions as stdnum_errors
from stdnum import iban as stdnum_iban

from backend.platform.i18n import register

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
NAME_LENGTH = 70  # EPC: Nm of the initiating party, debtor and creditor
REMITTANCE_LENGTH = 140  # unstructured remittance information
ID_LENGTH = 35
MAX_AMOUNT_CENTS = 99_999_999_999  # 999 999 999.99 euro
PURPOSE_SALARY = "SALA"

# The EPC's basic Latin character set for SEPA texts (EPC217-08).
_SEPA_CHARACTERS = re.compile(r"[A-Za-z0-9/\-?:().,'+ ]")
# Signs outside the set, mapped to their nearest allowed sign rather than dropped.
_SIGNS = {
    "&": "+", "_": "-", ";": ",", "\"": "'", "`": "'", "!": ".", "*": ".", "=": "-", "~": "-",
    "[": "(", "]": ")", "{": "(", "}": ")", "<": "(", ">": ")", "\\": "/", "|": "/", "@": "(at)",
    "#": "no.", "%": "pct", "$": "USD", "^": " ", "\t": " ", "\n": " ", "\r": " ",
}


class SepaError(ValueError):
    """The payment file cannot be written as the EPC rules require. ``code`` and ``params``
    name a localised message (registered below)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


register({
    "sepa_amount_not_positive": {
        "nl": "Overschrijving {reference}: het bedrag moet minstens € 0,01 zijn (een "
              "overschrijving van {amount} cent wordt niet in het betaalbestand gezet).",
        "fr": "Virement {reference} : le montant doit être d'au moins 0,01 € (un virement de "
              "{amount} centimes n'est pas mis dans le fichier de paiement).",
        "en": "Transfer {reference}: the amount must be at least €0.01 (a transfer of {amount} "
              "cents is not put in the payment file).",
    },
    "sepa_amount_too_large": {
        "nl": "Overschrijving {reference}: het bedrag is groter dan wat SEPA toelaat "
              "(€ 999.999.999,99).",
        "fr": "Virement {reference} : le montant dépasse ce que SEPA permet (999 999 999,99 €).",
        "en": "Transfer {reference}: the amount is more than SEPA allows (€999,999,999.99).",
    },
    "sepa_invalid_iban": {
        "nl": "{who}: {iban} is geen geldige IBAN.",
        "fr": "{who} : {iban} n'est pas un IBAN valable.",
        "en": "{who}: {iban} is not a valid IBAN.",
    },
    "sepa_invalid_bic": {
        "nl": "{bic} is geen geldige BIC.",
        "fr": "{bic} n'est pas un BIC valable.",
        "en": "{bic} is not a valid BIC.",
    },
    "sepa_invalid_identifier": {
        "nl": "De referentie {value!r} voldoet niet aan de SEPA-regels (hoogstens 35 tekens "
              "uit de SEPA-tekenset, niet beginnend of eindigend op / en zonder //).",
        "fr": "La référence {value!r} ne respecte pas les règles SEPA (35 caractères au plus "
              "du jeu SEPA, sans / au début ou à la fin ni //).",
        "en": "The reference {value!r} breaks the SEPA rules (at most 35 characters of the SEPA "
              "set, no / at the start or end, no //).",
    },
    "sepa_no_transfers": {
        "nl": "Een betaalbestand heeft minstens één overschrijving nodig.",
        "fr": "Un fichier de paiement a besoin d'au moins un virement.",
        "en": "A payment file needs at least one transfer.",
    },
})


@dataclass(frozen=True)
class Transfer:
    end_to_end_id: str  # at most 35 characters, unique
    amount_cents: int
    creditor_name: str
    creditor_iban: str
    remittance: str
    purpose: str = PURPOSE_SALARY
    creditor_bic: str | None = None  # outside the EEA a SEPA transfer names the bank


@dataclass(frozen=True)
class Debtor:
    name: str
    iban: str
    bic: str | None


def decimal_amount(cents: int) -> str:
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("amounts are int cents")
    if cents < 0:
        raise ValueError("negative amount")
    return f"{cents // 100}.{cents % 100:02d}"


def sepa_text(text: str, length: int) -> str:
    """``text`` in the EPC character set, at most ``length`` characters: letters
    transliterated, signs mapped to allowed ones, spaces collapsed; "-" if nothing is left."""
    out = []
    for ch in text or "":
        if _SEPA_CHARACTERS.fullmatch(ch):
            out.append(ch)
        elif ch in _SIGNS:
            out.append(_SIGNS[ch])
        else:
            latin = anyascii(ch)
            out.append("".join(c if _SEPA_CHARACTERS.fullmatch(c) else _SIGNS.get(c, " ")
                               for c in latin))
    plain = " ".join("".join(out).split())
    return plain[:length].rstrip() or "-"


def _identifier(value: str) -> str:
    if (not value or len(value) > ID_LENGTH or not all(_SEPA_CHARACTERS.fullmatch(c) for c in value)
            or value.startswith("/") or value.endswith("/") or "//" in value or " " in value):
        raise SepaError("sepa_invalid_identifier", value=value)
    return value


def _iban(value: str, who: str) -> str:
    try:
        return stdnum_iban.validate(value or "")
    except stdnum_errors.ValidationError:
        raise SepaError("sepa_invalid_iban", who=who, iban=value) from None


def _amount(transfer: Transfer) -> str:
    cents = transfer.amount_cents
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError("amounts are int cents")
    if cents <= 0:
        raise SepaError("sepa_amount_not_positive", reference=transfer.end_to_end_id,
                        amount=cents)
    if cents > MAX_AMOUNT_CENTS:
        raise SepaError("sepa_amount_too_large", reference=transfer.end_to_end_id)
    return decimal_amount(cents)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def _bic(value: str) -> str:
    try:
        return stdnum_bic.validate(value)
    except stdnum_errors.ValidationError:
        raise SepaError("sepa_invalid_bic", bic=value) from None


def credit_transfer(message_id: str, created: dt.datetime, execution_date: dt.date,
                    debtor: Debtor, transfers: list[Transfer]) -> bytes:
    """The pain.001.001.09 file; ``SepaError`` (nothing written) when a rule is broken."""
    if not transfers:
        raise SepaError("sepa_no_transfers")
    _identifier(message_id)
    amounts = []
    for transfer in transfers:
        _identifier(transfer.end_to_end_id)
        amounts.append(_amount(transfer))
    debtor_iban = _iban(debtor.iban, sepa_text(debtor.name, NAME_LENGTH))
    debtor_bic = _bic(debtor.bic) if debtor.bic else None
    for transfer in transfers:
        if transfer.creditor_bic:
            _bic(transfer.creditor_bic)
    creditor_ibans = [_iban(t.creditor_iban, sepa_text(t.creditor_name, NAME_LENGTH))
                      for t in transfers]
    count = str(len(transfers))
    total = decimal_amount(sum(t.amount_cents for t in transfers))
    root = etree.Element(f"{{{NAMESPACE}}}Document", nsmap={None: NAMESPACE})
    initiation = _sub(root, "CstmrCdtTrfInitn")
    header = _sub(initiation, "GrpHdr")
    _sub(header, "MsgId", message_id)
    _sub(header, "CreDtTm", created.astimezone(dt.UTC).replace(microsecond=0).isoformat())
    _sub(header, "NbOfTxs", count)
    _sub(header, "CtrlSum", total)
    _sub(_sub(header, "InitgPty"), "Nm", sepa_text(debtor.name, NAME_LENGTH))

    block = _sub(initiation, "PmtInf")
    _sub(block, "PmtInfId", message_id)
    _sub(block, "PmtMtd", "TRF")
    _sub(block, "BtchBookg", "true")
    _sub(block, "NbOfTxs", count)
    _sub(block, "CtrlSum", total)
    kind = _sub(block, "PmtTpInf")
    _sub(_sub(kind, "SvcLvl"), "Cd", "SEPA")
    _sub(_sub(kind, "CtgyPurp"), "Cd", PURPOSE_SALARY)
    _sub(_sub(block, "ReqdExctnDt"), "Dt", execution_date.isoformat())
    _sub(_sub(block, "Dbtr"), "Nm", sepa_text(debtor.name, NAME_LENGTH))
    _sub(_sub(_sub(block, "DbtrAcct"), "Id"), "IBAN", debtor_iban)
    institution = _sub(_sub(block, "DbtrAgt"), "FinInstnId")
    if debtor_bic:
        _sub(institution, "BICFI", debtor_bic)
    else:
        _sub(_sub(institution, "Othr"), "Id", "NOTPROVIDED")
    _sub(block, "ChrgBr", "SLEV")
    for transfer, amount, creditor_iban in zip(transfers, amounts, creditor_ibans, strict=True):
        tx = _sub(block, "CdtTrfTxInf")
        _sub(_sub(tx, "PmtId"), "EndToEndId", transfer.end_to_end_id)
        _sub(_sub(tx, "Amt"), "InstdAmt", amount, Ccy="EUR")
        if transfer.creditor_bic:
            _sub(_sub(_sub(tx, "CdtrAgt"), "FinInstnId"), "BICFI", _bic(transfer.creditor_bic))
        _sub(_sub(tx, "Cdtr"), "Nm", sepa_text(transfer.creditor_name, NAME_LENGTH))
        _sub(_sub(_sub(tx, "CdtrAcct"), "Id"), "IBAN", creditor_iban)
        _sub(_sub(tx, "Purp"), "Cd", transfer.purpose)
        _sub(_sub(tx, "RmtInf"), "Ustrd", sepa_text(transfer.remittance, REMITTANCE_LENGTH))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
