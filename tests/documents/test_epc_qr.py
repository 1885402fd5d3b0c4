"""The EPC QR code (EPC069-12 v002 "SCT"): the payload line by line, its limits, and the QR
itself, cross-checked against segno's own EPC helper (a second, independent implementation)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import segno.helpers

from backend.documents.epc_qr import MAX_PAYLOAD_BYTES, epc_payload, epc_qr
from backend.documents.values import DocumentError

IBAN = "BE71096123456769"


def test_payload_of_a_belgian_invoice_line_by_line():
    payload = epc_payload(name="Smart – Productions Associées asbl", iban="BE71 0961 2345 6769",
                          bic="GKCCBEBB", amount_cents=121000,
                          structured_communication="+++202/6000/04236+++")
    assert payload.split("\n") == [
        "BCD", "002", "1", "SCT", "GKCCBEBB", "Smart – Productions Associées asbl", IBAN,
        "EUR1210", "", "202600004236",
    ]


@pytest.mark.parametrize("cents, text", [(1, "EUR0.01"), (1050, "EUR10.5"), (1005, "EUR10.05"),
                                         (100, "EUR1"), (99_999_999_999, "EUR999999999.99")])
def test_amounts(cents, text):
    assert epc_payload(name="X", iban=IBAN, amount_cents=cents, text="t").split("\n")[7] == text


@pytest.mark.parametrize("changes, message", [
    (dict(amount_cents=0), "0.01"),
    (dict(amount_cents=100_000_000_000), "999999999.99"),
    (dict(name="N" * 71), "70"),
    (dict(iban="BE00000000000000"), "IBAN"),
    (dict(bic="GKCC"), "BIC"),
    (dict(text="t" * 141, structured_communication=None), "140"),
    (dict(text="both"), "exactly one"),
    (dict(structured_communication="+++202/6000/04237+++"), "structured communication"),
    (dict(purpose="SALARY"), "purpose"),
])
def test_what_the_guidelines_forbid_is_refused(changes, message):
    fields = dict(name="Smart", iban=IBAN, amount_cents=100,
                  structured_communication="+++202/6000/04236+++")
    fields.update(changes)
    with pytest.raises(DocumentError, match=message):
        epc_payload(**fields)


def test_the_payload_stays_within_331_bytes():
    payload = epc_payload(name="A" * 70, iban=IBAN, amount_cents=100, text="t" * 140,
                          information="i" * 70)
    assert len(payload.encode()) <= MAX_PAYLOAD_BYTES
    with pytest.raises(DocumentError, match="331"):  # UTF-8: "ż" takes two bytes
        epc_payload(name="Ł" * 70, iban=IBAN, amount_cents=100, text="ż" * 140)


def test_qr_code_is_level_m_and_matches_segnos_own_epc_helper():
    payload = epc_payload(name="Smart – Productions Associées asbl", iban=IBAN, bic="GKCCBEBB",
                          amount_cents=121000, structured_communication="+++202/6000/04236+++")
    qr = epc_qr(payload)
    assert qr.error == "M" and qr.version <= 13
    reference = segno.helpers.make_epc_qr(
        name="Smart – Productions Associées asbl", iban=IBAN, amount=Decimal("1210.00"),
        reference="202600004236", bic="GKCCBEBB", encoding="utf-8")
    assert qr.matrix == reference.matrix
