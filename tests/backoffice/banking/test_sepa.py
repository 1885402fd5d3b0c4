"""SEPA credit transfer files (pain.001.001.09) as the EPC SCT rules want them, checked against
the EPC 2025 XSD (EPC132-08 2025 v1.0) through the shared official-validation helper."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from backend.backoffice.banking import sepa
from backend.platform.i18n import t
from tests.official_validation import assert_valid_pain001, validate_xsd

NS = {"p": sepa.NAMESPACE}
DEBTOR = sepa.Debtor(name="Smart – Productions Associées asbl", iban="BE71096123456769",
                     bic="GKCCBEBB")
CREATED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def transfer(n: int = 1, **changes) -> sepa.Transfer:
    fields = dict(end_to_end_id=f"SAL{n:032d}"[-32:], amount_cents=30909,
                  creditor_name="Anaïs Peeters", creditor_iban="BE62510007547061",
                  remittance="Salary graphic designer 2026-11-20")
    fields.update(changes)
    return sepa.Transfer(**fields)


def write(transfers, debtor=DEBTOR) -> etree._Element:
    xml = sepa.credit_transfer("QJ-20261120093000-abc", CREATED, dt.date(2026, 11, 23), debtor,
                               transfers)
    assert_valid_pain001(xml)
    return etree.fromstring(xml)


def test_a_salary_file_passes_the_epc_2025_schema():
    root = write([transfer(1), transfer(2, amount_cents=1, creditor_name="Jan Janssens")])
    assert root.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=NS) == "2"
    assert root.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS) == "309.10"
    assert root.findtext(".//p:PmtTpInf/p:SvcLvl/p:Cd", namespaces=NS) == "SEPA"
    assert root.findtext(".//p:PmtTpInf/p:CtgyPurp/p:Cd", namespaces=NS) == "SALA"
    assert [e.text for e in root.findall(".//p:CdtTrfTxInf/p:Purp/p:Cd", NS)] == ["SALA", "SALA"]
    assert root.findtext(".//p:DbtrAgt/p:FinInstnId/p:BICFI", namespaces=NS) == "GKCCBEBB"


def test_names_are_transliterated_into_the_epc_character_set_never_deleted():
    root = write([transfer(1, creditor_name="Łukasz Żółć-Øberg & Søn",
                           remittance="Loon «november» – café @ Gent; 100 %")])
    assert root.findtext(".//p:Cdtr/p:Nm", namespaces=NS) == "Lukasz Zolc-Oberg + Son"
    assert root.findtext(".//p:Dbtr/p:Nm", namespaces=NS) == "Smart - Productions Associees asbl"
    remittance = root.findtext(".//p:RmtInf/p:Ustrd", namespaces=NS)
    assert remittance == "Loon ((november)) - cafe (at) Gent, 100 pct"
    for text in (e.text for e in root.iter() if e.text and e.text.strip()):
        assert all(c.isascii() for c in text), text


@pytest.mark.parametrize("raw, expected", [
    ("Łukasz Żółć", "Lukasz Zolc"), ("Ærø Østergaard", "Aero Ostergaard"),
    ("Straße", "Strasse"), ("Ζωή", "Zoi"), ("Smith & Co_Ltd", "Smith + Co-Ltd"),
    ("", "-"), ("   ", "-"),
])
def test_sepa_text(raw, expected):
    assert sepa.sepa_text(raw, 70) == expected


def test_names_are_cut_at_70_characters_as_the_epc_allows():
    long_name = "Verenigde Producties – " + "Zeer Lange Naam " * 10
    root = write([transfer(1, creditor_name=long_name)], debtor=sepa.Debtor(long_name,
                 "BE71096123456769", None))
    for path in (".//p:Cdtr/p:Nm", ".//p:Dbtr/p:Nm", ".//p:InitgPty/p:Nm"):
        assert len(root.findtext(path, namespaces=NS)) <= 70
    assert root.findtext(".//p:DbtrAgt/p:FinInstnId/p:Othr/p:Id", namespaces=NS) == "NOTPROVIDED"


@pytest.mark.parametrize("amount", [0, -5])
def test_a_zero_or_negative_transfer_is_refused_with_a_clear_error(amount):
    with pytest.raises(sepa.SepaError) as err:
        write([transfer(1), transfer(2, amount_cents=amount)])
    assert err.value.code == "sepa_amount_not_positive"
    assert "0,01" in t(err.value.code, "nl", **err.value.params)
    assert "0.01" in t(err.value.code, "en", **err.value.params)


@pytest.mark.parametrize("changes, code", [
    (dict(amount_cents=100_000_000_000), "sepa_amount_too_large"),
    (dict(creditor_iban="BE00000000000000"), "sepa_invalid_iban"),
    (dict(end_to_end_id="/starts-with-slash"), "sepa_invalid_identifier"),
    (dict(end_to_end_id="a//b"), "sepa_invalid_identifier"),
    (dict(end_to_end_id="x" * 36), "sepa_invalid_identifier"),
])
def test_what_the_epc_rules_forbid_is_refused(changes, code):
    with pytest.raises(sepa.SepaError) as err:
        write([transfer(1, **changes)])
    assert err.value.code == code


def test_the_schema_check_bites():
    xml = sepa.credit_transfer("QJ-1", CREATED, dt.date(2026, 11, 23), DEBTOR, [transfer()])
    root = etree.fromstring(xml)
    root.find(".//p:Cdtr/p:Nm", NS).text = "N" * 71  # longer than the EPC's 70
    assert validate_xsd(etree.tostring(root), "pain.001.001.09")
    with pytest.raises(AssertionError, match="rejects"):
        assert_valid_pain001(etree.tostring(root))
