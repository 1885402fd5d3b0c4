"""A constraint of the published schema (msgspec.Meta, an enum) refused by msgspec itself still
answers a localised problem+json 422 naming the field, in nl, fr and en, and changes nothing."""

import pytest

from tests.conftest import bearer, sign_in

LANGS = ("nl", "fr", "en")


async def _refused(client, method, url, headers, body):
    by_lang = {}
    for lang in LANGS:
        r = await client.request(method, url, json=body,
                                 headers={**headers, "Accept-Language": lang})
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.headers["content-language"] == lang
        by_lang[lang] = r.json()
    return by_lang


@pytest.mark.parametrize(("body", "field", "code", "words"), [
    # Employment: ranges and a closed set (an adviser's request).
    # gt=0 on an integer: msgspec says ">= 1".
    ({"monthlyGrossCents": 0}, "monthlyGrossCents", "at_least",
     {"nl": "minstens 1", "fr": "au moins 1", "en": "at least 1"}),
    ({"monthlyGrossCents": 300_000, "dependentChildren": 21}, "dependentChildren", "at_most",
     {"nl": "hoogstens 20", "fr": "dépasser 20", "en": "at most 20"}),
    ({"monthlyGrossCents": 300_000, "familyStatus": "widowed"}, "familyStatus",
     "not_allowed_value", {"nl": "toegelaten", "fr": "admises", "en": "allowed"}),
])
async def test_a_schema_constraint_is_a_localised_422(client, body, field, code, words):
    from backend.people import service
    from tests.conftest import staff_sign_in

    await service.create_staff("adv@smart.coop", "correct horse battery staple", "adviser",
                               "Ad", "Viser")
    adviser = await staff_sign_in(client, "adv@smart.coop", "correct horse battery staple")
    headers = {"Authorization": f"Bearer {adviser['accessToken']}"}
    worker = bearer(await sign_in(client, phone="+32470123456"))
    me = (await client.get("/api/v1/me", headers=worker)).json()
    payload = {"personId": me["id"], "startDate": "2026-01-05", **body}
    by_lang = await _refused(client, "POST", "/api/v1/backoffice/employments", headers, payload)
    messages = set()
    for lang, problem in by_lang.items():
        assert problem["status"] == 422
        error = problem["errors"][0]
        assert (error["field"], error["code"]) == (field, code), problem
        assert words[lang] in error["message"], (lang, error["message"])
        messages.add(error["message"])
    assert len(messages) == 3
    listed = await client.get("/api/v1/backoffice/employments", headers=headers)
    assert listed.json()["items"] == []  # nothing was created


async def test_a_too_long_and_a_wrongly_formed_value(client):
    worker = bearer(await sign_in(client, phone="+32470123456"))
    by_lang = await _refused(client, "POST", "/api/v1/me/totp/confirm", worker, {"code": "12ab"})
    assert {p["errors"][0]["code"] for p in by_lang.values()} == {"wrong_format"}
    assert by_lang["fr"]["errors"][0]["message"] == "Cette valeur n'a pas le format attendu."
    assert by_lang["nl"]["errors"][0]["field"] == "code"
