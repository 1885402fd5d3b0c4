"""Shares, usage agreement and the three-performances-without-a-share rule (002:183)."""

import uuid

import pytest

from backend.http.problems import Problem
from backend.people import service
from backend.platform.db import fetch, unit_of_work
from tests.conftest import bearer, sign_in

MEMBERSHIP = "/api/v1/me/membership"
AGREEMENT = "/api/v1/me/usage-agreement"


async def _person_id(client, tokens) -> uuid.UUID:
    return uuid.UUID((await client.get("/api/v1/me", headers=bearer(tokens))).json()["id"])


async def test_a_new_person_is_not_a_member_yet(client):
    tokens = await sign_in(client, email="new@example.be")
    r = await client.get(MEMBERSHIP, headers=bearer(tokens))
    assert r.status_code == 200
    body = r.json()
    assert body["isMember"] is False and body["sharesTotal"] == 0 and body["purchases"] == []
    assert body["category"] is None and body["agreementVersion"] is None
    assert body["performancesWithoutShare"] == 0 and body["performancesWithoutShareLimit"] == 3
    assert body["canPerform"] is True and body["sharePriceCents"] == 3000


async def test_buying_shares_records_the_purchase_in_cents_and_audits(client):
    tokens = await sign_in(client, email="member@example.be")
    r = await client.post(MEMBERSHIP, json={"shares": 1}, headers=bearer(tokens))
    assert r.status_code == 201, r.text
    r = await client.post(MEMBERSHIP, json={"shares": 2, "category": "c"}, headers=bearer(tokens))
    assert r.status_code == 201
    body = r.json()
    assert body["isMember"] is True and body["sharesTotal"] == 3 and body["category"] == "C"
    assert [(p["shares"], p["category"], p["amountCents"]) for p in body["purchases"]] == [
        (1, "A", 3000), (2, "C", 6000)]
    rows = await fetch("SELECT amount_cents FROM share_purchase ORDER BY amount_cents")
    assert [r["amount_cents"] for r in rows] == [3000, 6000]
    audit = await fetch("SELECT object_id FROM audit_log WHERE action = 'share.purchased'")
    assert sorted(a["object_id"] for a in audit) == sorted(p["id"] for p in body["purchases"])


async def test_bad_share_requests_change_nothing(client):
    tokens = await sign_in(client, email="bad@example.be")
    for body, field in (({"shares": 0}, "shares"), ({"shares": 101}, "shares"),
                        ({"category": "Z"}, "category"), ({"category": "B"}, "category"),
                        ({"shares": "one"}, "shares")):
        r = await client.post(MEMBERSHIP, json=body, headers={**bearer(tokens),
                                                              "Accept-Language": "en"})
        assert r.status_code == 422, body
        assert r.json()["errors"][0]["field"] == field
    assert await fetch("SELECT id FROM share_purchase") == []
    assert await fetch("SELECT id FROM audit_log WHERE action = 'share.purchased'") == []


async def test_usage_agreement_is_accepted_once_per_version(client):
    tokens = await sign_in(client, email="agree@example.be")
    current = (await client.get(MEMBERSHIP, headers=bearer(tokens))).json()[
        "currentAgreementVersion"]
    r = await client.post(AGREEMENT, json={"version": current}, headers=bearer(tokens))
    assert r.status_code == 200, r.text
    assert r.json()["agreementVersion"] == current and r.json()["agreementAcceptedAt"]
    r = await client.post(AGREEMENT, json={"version": current}, headers=bearer(tokens))
    assert r.status_code == 200
    assert len(await fetch("SELECT id FROM usage_agreement")) == 1
    assert len(await fetch("SELECT id FROM audit_log "
                           "WHERE action = 'usage_agreement.accepted'")) == 1
    r = await client.post(AGREEMENT, json={"version": "1999-01"},
                          headers={**bearer(tokens), "Accept-Language": "nl"})
    assert r.status_code == 422 and current in r.json()["errors"][0]["message"]


async def test_three_performances_without_a_share_then_share_required(client):
    tokens = await sign_in(client, email="passer-by@example.be")
    person = await _person_id(client, tokens)
    for i in range(3):
        await service.check_can_perform(person)
        async with unit_of_work():
            row = await service.record_performance(person, f"job-{i}")
        assert row["with_share"] is False
    with pytest.raises(Problem) as caught:
        await service.check_can_perform(person)
    assert caught.value.code == "share_required" and caught.value.status == 409
    # The body the caller returns is localised and says how to buy a share.
    bodies = {lang: caught.value.to_body(lang)["detail"] for lang in ("nl", "fr", "en")}
    assert len(set(bodies.values())) == 3
    assert all("POST /api/v1/me/membership" in text for text in bodies.values())
    assert "aandeel" in bodies["nl"] and "part" in bodies["fr"] and "share" in bodies["en"]
    # record_performance enforces the rule too, and the failed attempt leaves nothing behind.
    with pytest.raises(Problem):
        async with unit_of_work():
            await service.record_performance(person, "job-3")
    assert len(await fetch("SELECT id FROM performance")) == 3
    body = (await client.get(MEMBERSHIP, headers=bearer(tokens))).json()
    assert body["performancesWithoutShare"] == 3 and body["canPerform"] is False

    # Buying a share lifts the limit for good.
    r = await client.post(MEMBERSHIP, json={"shares": 1}, headers=bearer(tokens))
    assert r.status_code == 201 and r.json()["canPerform"] is True
    for i in range(3, 8):
        await service.check_can_perform(person)
        row = await service.record_performance(person, f"job-{i}")
        assert row["with_share"] is True
    counts = await fetch("SELECT with_share, count(*) AS n FROM performance GROUP BY with_share "
                         "ORDER BY with_share")
    assert [(c["with_share"], c["n"]) for c in counts] == [(False, 3), (True, 5)]
    assert len(await fetch("SELECT id FROM audit_log "
                           "WHERE action = 'performance.recorded'")) == 8


async def test_recording_the_same_performance_twice_counts_once(client):
    tokens = await sign_in(client, email="twice@example.be")
    person = await _person_id(client, tokens)
    first = await service.record_performance(person, "same-ref")
    second = await service.record_performance(person, "same-ref")
    assert first["id"] == second["id"]
    assert len(await fetch("SELECT id FROM performance")) == 1


async def test_record_performance_joins_the_callers_transaction(client):
    tokens = await sign_in(client, email="rollback@example.be")
    person = await _person_id(client, tokens)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with unit_of_work():
            await service.record_performance(person, "rolled-back")
            raise Boom
    assert await fetch("SELECT id FROM performance") == []
    assert await fetch("SELECT id FROM audit_log WHERE action = 'performance.recorded'") == []


async def test_share_price_is_data_with_a_source():
    rules = service.membership_rules()
    a = [r for r in rules["sharePrices"] if r["category"] == "A"]
    assert a and all(r["source"] and isinstance(r["priceCents"], int) for r in a)
    assert rules["performancesWithoutShare"]["limit"] == 3


async def test_the_same_idempotency_key_buys_once(client):
    tokens = await sign_in(client, email="double-tap@example.be")
    headers = {**bearer(tokens), "Idempotency-Key": "buy-1"}
    first = await client.post(MEMBERSHIP, json={"shares": 1}, headers=headers)
    again = await client.post(MEMBERSHIP, json={"shares": 1}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert len(await fetch("SELECT id FROM share_purchase")) == 1
    other = await client.post(MEMBERSHIP, json={"shares": 2}, headers=headers)
    assert other.status_code == 409
