"""A pure writer for SEPA credit transfer files: ISO 20022 pain.001.001.09 (one payment
information block, service level SEPA, category purpose SALA, charges SLEV).

Amounts are integer euro cents in, two-decimal euro strings out: no floats anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from lxml import etree

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
# The EPC's basic Latin character set for SEPA texts.
_NOT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


@dataclass(frozen=True)
class Transfer:
    end_to_end_id: str  # at most 35 characters, unique
    amount_cents: int
    creditor_name: str
    creditor_iban: str
    remittance: str


@dataclass(frozen=True)
class Debtor:
    name: str
    iban: str
    bic: str | None


def euro(cents: int) -> str:
    if cents < 0:
        raise ValueError("negative amount")
    return f"{cents // 100}.{cents % 100:02d}"


def sepa_text(text: str, length: int) -> str:
    """Accents dropped, anything outside the SEPA character set replaced by a space."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = " ".join(_NOT_SEPA.sub(" ", plain).split())
    return plain[:length] or "-"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def credit_transfer(message_id: str, created: dt.datetime, execution_date: dt.date,
                    debtor: Debtor, transfers: list[Transfer]) -> bytes:
    if not transfers:
        raise ValueError("a payment file needs at least one transfer")
    if len(message_id) > 35 or any(len(t.end_to_end_id) > 35 for t in transfers):
        raise ValueError("identifiers are at most 35 characters")
    count = str(len(transfers))
    total = euro(sum(t.amount_cents for t in transfers))
    root = etree.Element(f"{{{NAMESPACE}}}Document", nsmap={None: NAMESPACE})
    initiation = _sub(root, "CstmrCdtTrfInitn")
    header = _sub(initiation, "GrpHdr")
    _sub(header, "MsgId", message_id)
    _sub(header, "CreDtTm", created.astimezone(dt.UTC).replace(microsecond=0).isoformat())
    _sub(header, "NbOfTxs", count)
    _sub(header, "CtrlSum", total)
    _sub(_sub(header, "InitgPty"), "Nm", sepa_text(debtor.name, 140))

    block = _sub(initiation, "PmtInf")
    _sub(block, "PmtInfId", message_id)
    _sub(block, "PmtMtd", "TRF")
    _sub(block, "BtchBookg", "true")
    _sub(block, "NbOfTxs", count)
    _sub(block, "CtrlSum", total)
    kind = _sub(block, "PmtTpInf")
    _sub(_sub(kind, "SvcLvl"), "Cd", "SEPA")
    _sub(_sub(kind, "CtgyPurp"), "Cd", "SALA")
    _sub(_sub(block, "ReqdExctnDt"), "Dt", execution_date.isoformat())
    _sub(_sub(block, "Dbtr"), "Nm", sepa_text(debtor.name, 140))
    _sub(_sub(_sub(block, "DbtrAcct"), "Id"), "IBAN", debtor.iban)
    institution = _sub(_sub(block, "DbtrAgt"), "FinInstnId")
    if debtor.bic:
        _sub(institution, "BICFI", debtor.bic)
    else:
        _sub(_sub(institution, "Othr"), "Id", "NOTPROVIDED")
    _sub(block, "ChrgBr", "SLEV")
    for transfer in transfers:
        tx = _sub(block, "CdtTrfTxInf")
        _sub(_sub(tx, "PmtId"), "EndToEndId", transfer.end_to_end_id)
        _sub(_sub(tx, "Amt"), "InstdAmt", euro(transfer.amount_cents), Ccy="EUR")
        _sub(_sub(tx, "Cdtr"), "Nm", sepa_text(transfer.creditor_name, 140))
        _sub(_sub(_sub(tx, "CdtrAcct"), "Id"), "IBAN", transfer.creditor_iban)
        _sub(_sub(tx, "Purp"), "Cd", "SALA")
        _sub(_sub(tx, "RmtInf"), "Ustrd", sepa_text(transfer.remittance, 140))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
