"""VAT place of supply for services (WBTW/CTVA art. 21 §2; Directive 2006/112/EC art. 44, 45, 196):
who is reverse charged, who is outside the scope, who pays Belgian VAT; dated rule-set data."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.engine.errors import EngineInputError
from backend.engine.rules import RuleBook
from backend.engine.vat import exemption_info, is_business_vat_number, place_of_supply

TODAY = dt.date.today()


@pytest.mark.parametrize("country, vat_number, rate, rule, exemption, category", [
    ("FR", "FR40303265045", "21", "reverse_charge", "intra_eu_reverse_charge", "AE"),
    ("NL", "NL004495445B01", "6", "reverse_charge", "intra_eu_reverse_charge", "AE"),
    ("GR", "EL094259216", "21", "reverse_charge", "intra_eu_reverse_charge", "AE"),  # EL prefix
    ("US", "12-3456789", "21", "outside_scope", "outside_scope", "O"),
    ("CH", "CHE-116.281.710 MWST", "21", "outside_scope", "outside_scope", "O"),
    ("GB", "GB980780684", "21", "outside_scope", "outside_scope", "O"),  # not EU since 2020
])
def test_business_clients_abroad_pay_no_belgian_vat(country, vat_number, rate, rule, exemption,
                                                    category):
    treatment = place_of_supply(country, vat_number, rate, on=TODAY)
    assert (treatment.rate, treatment.rule, treatment.exemption) == ("0", rule, exemption)
    assert treatment.info.ubl_category == category
    assert treatment.mention["fr"] and treatment.mention["nl"] and treatment.mention["en"]


@pytest.mark.parametrize("country, vat_number, rate", [
    ("BE", "BE0403019261", "21"),  # a Belgian company: Belgian VAT
    ("BE", None, "6"),  # a Belgian private client
    ("FR", None, "21"),  # a French private client: B2C general rule, Belgian VAT
    ("FR", "FR00000000000", "21"),  # an invalid VAT number is no proof of business
    ("DE", "FR40303265045", "12"),  # a VAT number of another country than the client's
    ("US", None, "21"),  # a private client outside the EU: Belgian VAT
])
def test_everyone_else_pays_belgian_vat_at_the_chosen_rate(country, vat_number, rate):
    treatment = place_of_supply(country, vat_number, rate, on=TODAY)
    assert (treatment.rate, treatment.exemption, treatment.rule) == (rate, None, "domestic")


def test_chosen_exemptions_keep_their_own_conditions():
    assert place_of_supply("BE", None, "0", "training", on=TODAY).exemption == "training"
    assert place_of_supply("US", None, "0", "export", on=TODAY).info.ubl_category == "G"
    with pytest.raises(EngineInputError) as err:
        place_of_supply("FR", None, "0", "intra_eu_reverse_charge", on=TODAY)
    assert err.value.code == "reverse_charge_needs_vat_number"
    assert "numéro de TVA" in err.value.message("fr")
    with pytest.raises(EngineInputError) as err:
        place_of_supply("BE", None, "0", "outside_scope", on=TODAY)
    assert err.value.code == "outside_scope_needs_business"
    with pytest.raises(EngineInputError) as err:
        place_of_supply("B", None, "21", on=TODAY)
    assert err.value.field == "clientCountry"


def test_vat_numbers_are_checked_for_the_clients_country():
    assert is_business_vat_number("FR 40 303 265 045", "FR")
    assert not is_business_vat_number("FR40303265046", "FR")  # wrong check digits
    assert not is_business_vat_number(None, "FR")


def test_the_rules_are_dated_data_with_sources_in_every_rule_set():
    for rule_set in RuleBook.default().rule_sets():
        for key in ("vat.place_of_supply.eu_business_exemption",
                    "vat.place_of_supply.non_eu_business_exemption"):
            assert "art. 21" in rule_set.source(key) and "44" in rule_set.source(key)
        for code in rule_set.vat_exemptions:
            assert rule_set.source(f"vat.exemptions.{code}.ubl_category")
            assert rule_set.source(f"vat.exemptions.{code}.vatex")
        first = rule_set.valid_from
        info = exemption_info("intra_eu_reverse_charge", on=first)
        assert (info.ubl_category, info.vatex) == ("AE", "vatex-eu-ae")


def test_a_rule_set_naming_an_unsuitable_exemption_is_refused():
    import json

    from backend.engine.errors import RuleSetError
    from backend.engine.rules import RULESET_DIR

    doc = json.loads(sorted(RULESET_DIR.glob("*.json"))[-1].read_text(encoding="utf-8"))
    doc["parameters"]["vat.place_of_supply.eu_business_exemption"]["value"] = "training"
    with pytest.raises(RuleSetError, match="client is other_eu"):
        RuleBook.from_documents([doc])
    doc["parameters"]["vat.place_of_supply.eu_business_exemption"]["value"] = "intra_eu_reverse_charge"
    doc["parameters"]["vat.exemptions.export.ubl_category"]["value"] = "S"
    with pytest.raises(RuleSetError, match="expected one of"):
        RuleBook.from_documents([doc])


def test_an_uploaded_rule_set_gets_its_vat_problems_in_three_languages(doc2026):
    from backend.engine import validate_rule_set_upload

    params = doc2026["parameters"]
    params["vat.exemptions.export.vatex"]["value"] = "EU-G"
    params["vat.place_of_supply.non_eu_business_exemption"]["value"] = "Export"
    result = validate_rule_set_upload(doc2026, replace=True)
    assert [p.code for p in result.problems] == ["expected_vatex", "expected_exemption_code"]
    assert all(p.message(lang).strip() for p in result.problems for lang in ("nl", "fr", "en"))

    params["vat.exemptions.export.vatex"]["value"] = "VATEX-EU-G"
    params["vat.place_of_supply.non_eu_business_exemption"]["value"] = "training"
    (problem,) = validate_rule_set_upload(doc2026, replace=True).problems
    assert problem.code == "place_of_supply_exemption" and problem.params["client"] == "non_eu"
    assert "vat.place_of_supply.non_eu_business_exemption" in problem.message("fr")
