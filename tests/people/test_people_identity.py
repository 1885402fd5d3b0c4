"""The passer-by's identity, just in time: ``missing_for(person, step)`` (the contract the API,
the QuickJob flow and the bot share) and the requirements GET /me shows."""

import datetime as dt

import pytest

from backend.people import identity
from backend.people.identity import missing_for
from tests.conftest import FULL_PROFILE, bearer, sign_in

ME = "/api/v1/me"
COMPLETE = {"first_name": "Lena", "last_name": "Peeters", "national_number": "85073003328",
            "birth_date": dt.date(1985, 7, 30), "address": "Markt 1, 9000 Gent",
            "iban": "BE71096123456769", "bic": None}


def test_each_step_needs_what_the_steps_before_it_need():
    empty = dict.fromkeys(COMPLETE)
    assert missing_for(empty, "quote") == ["first_name", "last_name"]
    assert missing_for(empty, "contract") == ["first_name", "last_name", "national_number",
                                              "birth_date", "address"]
    assert missing_for(empty, "salary") == ["first_name", "last_name", "national_number",
                                            "birth_date", "address", "iban"]
    for step in identity.STEPS:
        assert missing_for(COMPLETE, step) == []
    with pytest.raises(ValueError):
        missing_for(COMPLETE, "invoice")


def test_blank_names_and_addresses_are_missing():
    person = {**COMPLETE, "first_name": "  ", "address": ""}
    assert missing_for(person, "quote") == ["first_name"]
    assert missing_for(person, "contract") == ["first_name", "address"]


def test_the_national_number_needs_its_checksum_and_the_birth_date_it_encodes():
    assert missing_for({**COMPLETE, "national_number": "85073003329"}, "contract") == [
        "national_number"]  # wrong check digits (typed before the checks existed)
    assert missing_for({**COMPLETE, "birth_date": dt.date(1985, 7, 31)}, "contract") == [
        "national_number"]  # 850730... is someone born on 30 July 1985
    assert missing_for({**COMPLETE, "birth_date": None}, "contract") == ["birth_date"]
    # A number whose birth date is unknown (month 00) goes with any birth date.
    unknown = "40000095579"
    assert identity.valid_national_number(unknown) and identity.birth_date_of(unknown) is None
    assert missing_for({**COMPLETE, "national_number": unknown}, "contract") == []


def test_the_salary_needs_an_iban_a_sepa_transfer_reaches_and_a_bic_outside_the_eea():
    assert missing_for({**COMPLETE, "iban": "BE71096123456768"}, "salary") == ["iban"]
    assert missing_for({**COMPLETE, "iban": "NL91ABNA0417164300"}, "salary") == []
    # Outside SEPA (Turkey): no transfer of ours reaches it.
    assert missing_for({**COMPLETE, "iban": "TR330006100519786457841326"}, "salary") == ["iban"]
    # SEPA but not the EEA (Switzerland): the transfer names the bank.
    swiss = {**COMPLETE, "iban": "CH9300762011623852957"}
    assert missing_for(swiss, "salary") == ["bic"]
    assert missing_for({**swiss, "bic": "UBSWCHZH80A"}, "salary") == []
    assert missing_for({**swiss, "bic": "NOT A BIC"}, "salary") == ["bic"]
    assert missing_for({**COMPLETE, "iban": None}, "contract") == []  # not needed yet


def test_rows_by_attribute_and_the_api_names():
    class Row:
        first_name, last_name = "An", None

    assert missing_for(Row(), "quote") == ["last_name"]
    assert identity.requirements(Row(), steps=("quote",)) == {"quote": ["lastName"]}
    assert identity.display_name(Row()) == "An"
    assert identity.display_name({"first_name": None, "last_name": " "}) is None


def test_the_rules_are_dated_data_with_sources():
    rules = identity.rules()
    assert all(r["validFrom"] and r["source"] for r in rules["steps"])
    assert all(g["source"] and g["countries"] for g in rules["sepaCountries"])
    assert identity.sepa_reach("BE") is False and identity.sepa_reach("GB") is True
    assert identity.sepa_reach("US") is None


async def test_me_says_what_each_step_still_needs(client):
    tokens = await sign_in(client, phone="+32470123400")
    me = (await client.get(ME, headers=bearer(tokens))).json()
    assert me["requirements"] == {
        "quote": ["firstName", "lastName"],
        "contract": ["firstName", "lastName", "nationalNumber", "birthDate", "address",
                     "usageAgreement"],
        "salary": ["firstName", "lastName", "nationalNumber", "birthDate", "address", "iban",
                   "usageAgreement"]}
    r = await client.patch(ME, json={"firstName": "Lena", "lastName": "Peeters"},
                           headers=bearer(tokens))
    assert r.json()["requirements"]["quote"] == []
    r = await client.patch(ME, json={k: v for k, v in FULL_PROFILE.items()
                                     if k not in ("firstName", "lastName")},
                           headers=bearer(tokens))
    assert r.json()["requirements"] == {"quote": [], "contract": ["usageAgreement"],
                                        "salary": ["usageAgreement"]}
    version = (await client.get("/api/v1/usage-agreement")).json()["version"]
    await client.post("/api/v1/me/usage-agreement", json={"version": version},
                      headers=bearer(tokens))
    me = (await client.get(ME, headers=bearer(tokens))).json()
    assert me["requirements"] == {"quote": [], "contract": [], "salary": []}


async def test_a_national_number_of_another_birth_date_is_refused_naming_both(client):
    tokens = await sign_in(client, phone="+32470123401")
    r = await client.patch(ME, json={"nationalNumber": "85073003328", "birthDate": "1985-07-31"},
                           headers={**bearer(tokens), "Accept-Language": "en"})
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"nationalNumber", "birthDate"}
    assert "birth date" in r.json()["errors"][0]["message"]
    me = (await client.get(ME, headers=bearer(tokens))).json()
    assert me["nationalNumber"] is None and me["birthDate"] is None  # nothing changed
    # Sent together and right: accepted; then one alone that disagrees: refused.
    r = await client.patch(ME, json={"nationalNumber": "85073003328", "birthDate": "1985-07-30"},
                           headers=bearer(tokens))
    assert r.status_code == 200
    r = await client.patch(ME, json={"birthDate": "1990-01-01"}, headers=bearer(tokens))
    assert r.status_code == 422


async def test_an_account_no_sepa_transfer_reaches_is_refused_and_a_bic_accepted(client):
    tokens = await sign_in(client, phone="+32470123402")
    r = await client.patch(ME, json={"iban": "TR330006100519786457841326"},
                           headers={**bearer(tokens), "Accept-Language": "en"})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "iban_outside_sepa"
    assert "TR" in r.json()["errors"][0]["message"]
    r = await client.patch(ME, json={"iban": "CH93 0076 2011 6238 5295 7"},
                           headers=bearer(tokens))
    assert r.status_code == 200 and "bic" in r.json()["requirements"]["salary"]
    r = await client.patch(ME, json={"bic": "not a bic"}, headers=bearer(tokens))
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "invalid_bic"
    r = await client.patch(ME, json={"bic": "ubswchzh80a"}, headers=bearer(tokens))
    assert r.status_code == 200 and r.json()["bic"] == "UBSWCHZH80A"
    assert "bic" not in r.json()["requirements"]["salary"]


async def test_names_cannot_be_cleared_once_given(client):
    tokens = await sign_in(client, phone="+32470123403")
    await client.patch(ME, json={"firstName": "Lena", "lastName": "Peeters"},
                       headers=bearer(tokens))
    for body in ({"firstName": None}, {"lastName": ""}):
        r = await client.patch(ME, json=body, headers=bearer(tokens))
        assert r.status_code == 422, body
    me = (await client.get(ME, headers=bearer(tokens))).json()
    assert (me["firstName"], me["lastName"]) == ("Lena", "Peeters")
