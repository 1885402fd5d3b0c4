"""GET/PATCH /me: validation in three languages, nothing changed on bad input, audit."""

import datetime as dt
import json

from backend.platform.db import fetch
from tests.conftest import bearer, sign_in

ME = "/api/v1/me"


async def _person_row(person_id: str) -> dict:
    return (await fetch("SELECT * FROM person WHERE id = {}::uuid", person_id))[0]


async def test_profile_update_normalises_and_audits(client):
    tokens = await sign_in(client, phone="0470 12 34 56")
    me = (await client.get(ME, headers=bearer(tokens))).json()
    r = await client.patch(ME, headers=bearer(tokens), json={
        "firstName": "  An ", "lastName": "Peeters", "language": "FR",
        "nationalNumber": "85.07.30-033.28", "iban": "be71 0961 2345 6769",
        "address": "Rue Coenraets 72, 1060 Saint-Gilles", "birthDate": "1985-07-30"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["firstName"] == "An" and body["language"] == "fr"
    assert body["nationalNumber"] == "85073003328" and body["iban"] == "BE71096123456769"
    assert body["birthDate"] == "1985-07-30"
    row = await _person_row(me["id"])
    assert row["iban"] == "BE71096123456769" and row["birth_date"] == dt.date(1985, 7, 30)

    audit = await fetch("SELECT actor_id, before, after FROM audit_log "
                        "WHERE action = 'person.updated'")
    assert len(audit) == 1 and str(audit[0]["actor_id"]) == me["id"]
    before, after = (json.loads(audit[0][k]) if isinstance(audit[0][k], str) else audit[0][k]
                     for k in ("before", "after"))
    assert before == {"first_name": None, "last_name": None, "language": "nl",
                      "national_number": None, "iban": None, "address": None,
                      "birth_date": None}
    assert after["first_name"] == "An" and after["birth_date"] == "1985-07-30"

    # Absent fields stay; null clears an optional one; same values are no new audit row.
    r = await client.patch(ME, headers=bearer(tokens), json={"address": None})
    assert r.status_code == 200 and r.json()["address"] is None
    assert r.json()["iban"] == "BE71096123456769"
    r = await client.patch(ME, headers=bearer(tokens), json={"lastName": "Peeters"})
    assert r.status_code == 200
    assert len(await fetch("SELECT id FROM audit_log WHERE action = 'person.updated'")) == 2


async def test_invalid_fields_are_a_localised_422_and_change_nothing(client):
    tokens = await sign_in(client, email="careful@example.be")
    me = (await client.get(ME, headers=bearer(tokens))).json()
    before = await _person_row(me["id"])
    audit_before = await fetch("SELECT count(*) AS n FROM audit_log")

    bad = {"nationalNumber": "85.07.30-033.29", "iban": "BE71 0961 2345 6768",
           "language": "de", "firstName": "x" * 101,
           "birthDate": (dt.date.today() + dt.timedelta(days=2)).isoformat()}
    messages = {}
    for lang in ("nl", "fr", "en"):
        r = await client.patch(ME, headers={**bearer(tokens), "Accept-Language": lang}, json=bad)
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.headers["content-language"] == lang
        errors = {e["field"]: e for e in r.json()["errors"]}
        assert set(errors) == {"nationalNumber", "iban", "language", "firstName", "birthDate"}
        assert errors["nationalNumber"]["code"] == "invalid_national_number"
        assert errors["iban"]["code"] == "invalid_iban"
        assert errors["language"]["code"] == "invalid_language"
        messages[lang] = {f: e["message"] for f, e in errors.items()}
    for field in ("nationalNumber", "iban", "language"):
        assert len({messages[lang][field] for lang in ("nl", "fr", "en")}) == 3, field
    assert "rijksregisternummer" in messages["nl"]["nationalNumber"]
    assert "registre national" in messages["fr"]["nationalNumber"]
    assert "national register" in messages["en"]["nationalNumber"]

    # One bad field among good ones: still nothing changes.
    r = await client.patch(ME, headers=bearer(tokens),
                           json={"firstName": "Good", "iban": "NOT AN IBAN"})
    assert r.status_code == 422 and [e["field"] for e in r.json()["errors"]] == ["iban"]
    assert await _person_row(me["id"]) == before
    assert await fetch("SELECT count(*) AS n FROM audit_log") == audit_before


async def test_unknown_and_identity_fields_cannot_be_patched(client):
    tokens = await sign_in(client, email="fixed@example.be")
    for body in ({"email": "other@example.be"}, {"role": "admin"}, {"phone": "0470123456"}):
        r = await client.patch(ME, headers=bearer(tokens), json=body)
        assert r.status_code == 422, body
    # "language" is also the name of an app-wide dependency: still a 422 naming the field.
    for value in (None, 5, {"x": 1}):
        r = await client.patch(ME, headers={**bearer(tokens), "Accept-Language": "en"},
                               json={"language": value})
        assert r.status_code == 422, value
        assert r.json()["errors"][0]["field"] == "language"
    r = await client.patch(ME, headers=bearer(tokens), json={"birthDate": "yesterday"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "birthDate"
    me = (await client.get(ME, headers=bearer(tokens))).json()
    assert me["email"] == "fixed@example.be" and me["role"] == "worker"


async def test_me_requires_a_token(client):
    r = await client.get(ME, headers={"Accept-Language": "fr"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert r.json()["detail"].startswith("Connectez-vous")
    r = await client.patch(ME, json={"firstName": "X"})
    assert r.status_code == 401
