"""The cooperative's legal entity: complete, sourced, the same on every document in its language,
and no invoice on the demo account in production."""

from __future__ import annotations

import json

import pytest
from stdnum import iban as stdnum_iban
from stdnum.be import vat as be_vat

from backend.documents.legal_entity import (
    REFERENCE_FILE,
    PaymentAccountError,
    legal_entity,
    require_payment_account,
)
from backend.platform.i18n import t

SMART = legal_entity("smart")


def test_every_value_has_a_source_and_the_numbers_are_valid():
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))["smart"]
    assert all(len(item["source"]) > 10 for item in data.values())
    assert be_vat.is_valid(SMART.enterprise_number)
    assert SMART.vat_number == "BE" + SMART.enterprise_number
    assert stdnum_iban.is_valid(SMART.iban) and SMART.iban_is_demo
    assert SMART.iban != "BE00000000000000"


@pytest.mark.parametrize("language, name, street, city, register", [
    ("nl", "Smart – Verenigde Producties vzw", "Coenraetsstraat 72", "Sint-Gillis",
     "RPR Franstalige ondernemingsrechtbank Brussel"),
    ("fr", "Smart – Productions Associées asbl", "Rue Coenraets 72", "Saint-Gilles",
     "RPM Tribunal de l'entreprise francophone de Bruxelles"),
    ("en", "Smart – Productions Associées asbl", "Rue Coenraets 72",
     "Saint-Gilles (Brussels)", "RLE French-speaking Enterprise Court of Brussels"),
])
def test_the_supplier_in_each_language(language, name, street, city, register):
    party = SMART.party(language)
    assert party.name == name
    assert party.address_lines == (street,) and party.postal_code == "1060" and party.city == city
    assert party.register == register
    assert party.vat_number == "BE0896755397" and party.company_number == "0896755397"


def test_the_configured_account_replaces_the_demo_one():
    real = SMART.with_bank_account("BE62 5100 0754 7061", "gkccbebb")
    assert (real.iban, real.bic, real.iban_is_demo) == ("BE62510007547061", "GKCCBEBB", False)
    assert SMART.with_bank_account("", None) is SMART


def test_production_refuses_the_demo_account_and_a_missing_one():
    assert require_payment_account(SMART, production=False) == ("BE71096123456769", "GKCCBEBB")
    with pytest.raises(PaymentAccountError) as demo:
        require_payment_account(SMART, production=True)
    assert demo.value.code == "payment_account_demo"
    real = SMART.with_bank_account("BE62510007547061", "GKCCBEBB")
    assert require_payment_account(real, production=True) == ("BE62510007547061", "GKCCBEBB")
    from dataclasses import replace

    with pytest.raises(PaymentAccountError) as missing:
        require_payment_account(replace(SMART, iban=None), production=False)
    assert missing.value.code == "payment_account_missing"
    import backend.documents.messages  # noqa: F401  (registers the texts)

    for language, words in (("nl", "geen bankrekening"), ("fr", "Aucun compte bancaire"),
                            ("en", "No bank account")):
        assert words in t(missing.value.code, language, **missing.value.params)


def test_the_units_reference_row_names_the_entity_the_same_way():
    from backend.units.service import LEGAL_ENTITIES

    [row] = LEGAL_ENTITIES
    assert row["name"] == SMART.name("fr") and row["vat_number"] == SMART.vat_number
    assert row["iban"] == ""  # the real account is configured, never invented
