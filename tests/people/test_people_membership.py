"""Membership for real: a share is a payment request with its own structured communication, the
person is a member once it is paid; the three-performances-without-a-share rule (002:183)
counts paid shares only; the usage agreement is a versioned text accepted with its evidence."""

import hashlib
import uuid

import pytest

from backend.engine import is_valid_ogm
from backend.http.problems import Problem
from backend.people import service
from backend.platform.db import fetch, unit_of_work
from tests.conftest import bearer, become_member, sign_in

MEMBERSHIP = "/api/v1/me/membership"
WITHHOLDING = "/api/v1/me/membership/withholding"
AGREEMENT = "/api/v1/me/usage-agreement"


async def _person_id(client, tokens) -> uuid.UUID:
    return uuid.UUID((await client.get("/api/v1/me", headers=bearer(tokens))).json()["id"])


def _digits(communication: str) -> str:
    return "".join(c for c in communication if c.isdigit())


async def test_a_new_person_is_not_a_member_yet(client):
    tokens = await sign_in(client, email="new@example.be")
    r = await client.get(MEMBERSHIP, headers=bearer(tokens))
    assert r.status_code == 200
    body = r.json()
    assert body["isMember"] is False and body["sharesTotal"] == 0 and body["purchases"] == []
    assert body["category"] is None and body["agreementVersion"] is None
    assert body["paymentRequest"] is None
    assert body["performancesWithoutShare"] == 0 and body["performancesWithoutShareLimit"] == 3
    assert body["canPerform"] is True and body["sharePriceCents"] == 3000


async def test_a_share_is_a_payment_request_until_the_bank_pays_it(client):
    from backend.units.service import legal_entity

    await legal_entity("smart")  # the reference row; its account is configured by an admin
    await fetch("UPDATE legal_entity SET iban = 'BE43068999999501', bic = 'GEBABEBB' "
                "WHERE id = 'smart'")
    tokens = await sign_in(client, email="member@example.be")
    r = await client.post(MEMBERSHIP, json={"shares": 1}, headers=bearer(tokens))
    assert r.status_code == 201, r.text
    body = r.json()
    # Not granted: requested, with its own structured communication and where to pay it.
    assert body["isMember"] is False and body["sharesTotal"] == 0
    request = body["paymentRequest"]
    assert request["amountCents"] == 3000 and request["withholdFromSalary"] is False
    assert is_valid_ogm(request["structuredCommunication"])
    assert request["beneficiary"] and request["iban"] == "BE43068999999501"
    assert [(p["shares"], p["status"], p["amountCents"]) for p in body["purchases"]] == [
        (1, "requested", 3000)]
    # A second request while one waits: 409 saying how to pay the first.
    again = await client.post(MEMBERSHIP, json={"shares": 2},
                              headers={**bearer(tokens), "Accept-Language": "en"})
    assert again.status_code == 409 and request["structuredCommunication"] in again.json()["detail"]

    # The bank: another amount does not pay it; the exact amount with its communication does.
    digits = _digits(request["structuredCommunication"])
    async with unit_of_work():
        assert await service.pay_share_by_bank(digits, 2000, None, None) == (
            None, "share_amount_mismatch")
        assert await service.pay_share_by_bank("010806817183", 3000, None, None) == (None, None)
        share, reason = await service.pay_share_by_bank(digits, 3000, None, None)
    assert reason is None and share.status == "paid" and share.paid_via == "bank"
    async with unit_of_work():  # a second payment of the same share is not taken
        assert await service.pay_share_by_bank(digits, 3000, None, None) == (
            None, "share_not_open")
    body = (await client.get(MEMBERSHIP, headers=bearer(tokens))).json()
    assert body["isMember"] is True and body["sharesTotal"] == 1 and body["category"] == "A"
    assert body["paymentRequest"] is None and body["purchases"][0]["paidVia"] == "bank"
    audit = await fetch("SELECT action FROM audit_log WHERE object_type = 'share_purchase' "
                        "ORDER BY id")
    assert [a["action"] for a in audit] == ["share.requested", "share.paid"]
    # Now a second subscription is a new request with another communication.
    r = await client.post(MEMBERSHIP, json={"shares": 2, "category": "c"}, headers=bearer(tokens))
    assert r.status_code == 201
    second = r.json()["paymentRequest"]
    assert second["amountCents"] == 6000
    assert second["structuredCommunication"] != request["structuredCommunication"]


async def test_withholding_from_the_first_salary_needs_explicit_consent(client):
    tokens = await sign_in(client, email="consent@example.be")
    person = await _person_id(client, tokens)
    r = await client.post(WITHHOLDING, json={"consent": True}, headers=bearer(tokens))
    assert r.status_code == 409  # nothing to withhold yet
    r = await client.post(MEMBERSHIP, json={"shares": 1}, headers=bearer(tokens))
    salary = uuid.uuid4()
    async with unit_of_work():  # no consent: a salary run withholds nothing
        assert await service.withhold_share(person, salary, 50000, None) == 0
    r = await client.post(WITHHOLDING, json={"consent": True}, headers=bearer(tokens))
    assert r.status_code == 200 and r.json()["paymentRequest"]["withholdFromSalary"] is True
    r = await client.post(WITHHOLDING, json={"consent": False}, headers=bearer(tokens))
    assert r.json()["paymentRequest"]["withholdFromSalary"] is False
    r = await client.post(WITHHOLDING, json={"consent": True}, headers=bearer(tokens))
    row = (await fetch("SELECT withhold_consent_at, withhold_consent_ip FROM share_purchase"))[0]
    assert row["withhold_consent_at"] is not None and row["withhold_consent_ip"] == "203.0.113.7"
    actions = [a["action"] for a in await fetch(
        "SELECT action FROM audit_log WHERE action LIKE 'share.withholding%' ORDER BY id")]
    assert actions == ["share.withholding_consented", "share.withholding_withdrawn",
                       "share.withholding_consented"]
    async with unit_of_work():  # a transfer that would not cover it: nothing withheld
        assert await service.withhold_share(person, salary, 3000, None) == 0
    # (the salary run's own test withholds it for real: tests/quickjobs/test_identity_flow.py)


async def test_consent_can_be_given_with_the_request(client):
    tokens = await sign_in(client, email="consent-now@example.be")
    r = await client.post(MEMBERSHIP, json={"shares": 1, "withholdFromSalary": True},
                          headers=bearer(tokens))
    assert r.status_code == 201 and r.json()["paymentRequest"]["withholdFromSalary"] is True
    audit = await fetch("SELECT after FROM audit_log WHERE action = 'share.requested'")
    assert '"withholdConsent": true' in str(audit[0]["after"]).replace("True", "true")


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
    assert await fetch("SELECT id FROM audit_log WHERE action = 'share.requested'") == []


async def test_the_usage_agreement_text_is_versioned_and_its_acceptance_kept(client):
    for lang, word in (("nl", "Gebruiksovereenkomst"), ("fr", "Convention d'utilisation"),
                       ("en", "Usage agreement")):
        r = await client.get("/api/v1/usage-agreement", headers={"Accept-Language": lang})
        assert r.status_code == 200 and r.json()["language"] == lang
        assert r.json()["text"].startswith(f"# {word}")
        assert r.json()["sha256"] == hashlib.sha256(r.json()["text"].encode()).hexdigest()
    shown = (await client.get("/api/v1/usage-agreement", headers={"Accept-Language": "fr"})).json()

    tokens = await sign_in(client, email="agree@example.be")
    r = await client.post(AGREEMENT, json={"version": shown["version"]},
                          headers={**bearer(tokens), "Accept-Language": "fr"})
    assert r.status_code == 200, r.text
    assert r.json()["agreementVersion"] == shown["version"] and r.json()["agreementAcceptedAt"]
    r = await client.post(AGREEMENT, json={"version": shown["version"]}, headers=bearer(tokens))
    assert r.status_code == 200
    rows = await fetch("SELECT version, ip, text_sha256, language FROM usage_agreement")
    assert rows == [{"version": shown["version"], "ip": "203.0.113.7",
                     "text_sha256": shown["sha256"], "language": "fr"}]
    assert len(await fetch("SELECT id FROM audit_log "
                           "WHERE action = 'usage_agreement.accepted'")) == 1
    r = await client.post(AGREEMENT, json={"version": "1999-01"},
                          headers={**bearer(tokens), "Accept-Language": "nl"})
    assert r.status_code == 422 and shown["version"] in r.json()["errors"][0]["message"]


async def test_three_performances_without_a_paid_share_then_share_required(client):
    tokens = await sign_in(client, email="passer-by@example.be")
    person = await _person_id(client, tokens)
    for i in range(3):
        await service.check_can_perform(person)
        async with unit_of_work():
            row = await service.record_performance(person, f"job-{i}")
        assert row.with_share is False
    with pytest.raises(Problem) as caught:
        await service.check_can_perform(person)
    assert caught.value.code == "share_required" and caught.value.status == 409
    # The body the caller returns is localised and says how to become a member.
    bodies = {lang: caught.value.to_body(lang)["detail"] for lang in ("nl", "fr", "en")}
    assert len(set(bodies.values())) == 3
    assert all("POST /api/v1/me/membership" in text for text in bodies.values())
    assert "aandeel" in bodies["nl"] and "part" in bodies["fr"] and "share" in bodies["en"]
    # record_performance enforces the rule too, and the failed attempt leaves nothing behind.
    with pytest.raises(Problem):
        async with unit_of_work():
            await service.record_performance(person, "job-3")
    assert len(await fetch("SELECT id FROM performance")) == 3

    # A share asked for but not paid changes nothing; paid, it lifts the limit for good.
    r = await client.post(MEMBERSHIP, json={"shares": 1}, headers=bearer(tokens))
    assert r.status_code == 201 and r.json()["canPerform"] is False
    with pytest.raises(Problem):
        await service.check_can_perform(person)
    request = r.json()["paymentRequest"]
    async with unit_of_work():
        await service.pay_share_by_bank(_digits(request["structuredCommunication"]),
                                        request["amountCents"], None, None)
    assert (await client.get(MEMBERSHIP, headers=bearer(tokens))).json()["canPerform"] is True
    for i in range(3, 8):
        await service.check_can_perform(person)
        row = await service.record_performance(person, f"job-{i}")
        assert row.with_share is True
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
    assert first.id == second.id
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


async def test_share_price_and_agreement_version_are_dated_data_with_a_source():
    rules = service.membership_rules()
    a = [r for r in rules["sharePrices"] if r["category"] == "A"]
    assert a and all(r["source"] and isinstance(r["priceCents"], int) for r in a)
    assert rules["performancesWithoutShare"]["limit"] == 3
    versions = rules["usageAgreementVersions"]
    assert all(v["validFrom"] and v["source"] and set(v["texts"]) == {"nl", "fr", "en"}
               for v in versions)
    assert rules["sharePayment"]["communicationBase"] == 9_000_000_000


async def test_the_same_idempotency_key_asks_once(client):
    tokens = await sign_in(client, email="double-tap@example.be")
    headers = {**bearer(tokens), "Idempotency-Key": "buy-1"}
    first = await client.post(MEMBERSHIP, json={"shares": 1}, headers=headers)
    again = await client.post(MEMBERSHIP, json={"shares": 1}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert len(await fetch("SELECT id FROM share_purchase")) == 1
    other = await client.post(MEMBERSHIP, json={"shares": 2}, headers=headers)
    assert other.status_code == 409


async def test_the_helper_pays_like_the_bank(client):
    tokens = await sign_in(client, email="helper@example.be")
    body = await become_member(client, bearer(tokens))
    assert body["purchases"][0]["status"] == "paid"


async def test_a_consent_is_a_json_boolean(client):
    tokens = await sign_in(client, email="strict@example.be")
    r = await client.post(MEMBERSHIP, json={"shares": 1, "withholdFromSalary": 0},
                          headers=bearer(tokens))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "withholdFromSalary"
    assert await fetch("SELECT id FROM share_purchase") == []
    await client.post(MEMBERSHIP, json={"shares": 1}, headers=bearer(tokens))
    r = await client.post(WITHHOLDING, json={"consent": 1}, headers=bearer(tokens))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "consent"


async def test_the_migration_turns_a_granted_share_into_a_payment_request(client):
    """Shares granted before payments were tracked become requests with their own valid
    communication (checked in a transaction that is rolled back)."""
    import importlib

    from backend.engine import make_ogm

    migration = importlib.import_module(  # its name starts with a digit: no import statement
        "backend.platform.migrations.2026_12_03t17_00_00_000000_membership_identity")
    update = next(s for s in migration.STATEMENTS if "WITH numbered" in s)
    tokens = await sign_in(client, email="legacy@example.be")
    person = await _person_id(client, tokens)

    class Rollback(Exception):
        pass

    try:
        async with unit_of_work():
            await fetch("ALTER TABLE share_purchase ALTER COLUMN structured_communication "
                        "DROP NOT NULL")
            for _ in range(2):
                await fetch("INSERT INTO share_purchase (id, person, shares, category, "
                            "amount_cents, purchased_on) VALUES (gen_random_uuid(), {}, 1, 'A', "
                            "3000, current_date)", person)
            before = (await fetch("SELECT last_value, is_called FROM share_payment_number"))[0]
            await fetch(update)
            rows = await fetch("SELECT status, structured_communication FROM share_purchase "
                               "ORDER BY structured_communication")
            first = before["last_value"] + (1 if before["is_called"] else 0)
            assert [r["structured_communication"] for r in rows] == [
                make_ogm(9_000_000_000 + n) for n in (first, first + 1)]
            assert {r["status"] for r in rows} == {"requested"}
            raise Rollback
    except Rollback:
        pass
    assert await fetch("SELECT id FROM share_purchase") == []
