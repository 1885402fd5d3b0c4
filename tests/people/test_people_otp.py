"""OTP sign-in on a real database and Redis: codes, attempts, expiry, rate limits, devCode."""

import json

import redis.asyncio as aioredis

from backend.people import service
from backend.people.tokens import TokenService
from backend.platform.db import fetch
from backend.platform.settings import Settings
from tests.conftest import bearer

OTP = "/api/v1/auth/otp"
TOKEN = "/api/v1/auth/token"


async def _request(client, **who):
    r = await client.post(OTP, json=who)
    assert r.status_code == 202, r.text
    return r.json()


async def test_phone_sign_in_creates_the_person_once(client):
    sent = await _request(client, phone="0470 12 34 56")
    assert sent["channel"] == "sms" and sent["destination"] == "+32470123456"
    assert sent["expiresIn"] == 300 and len(sent["devCode"]) == 6

    r = await client.post(TOKEN, json={"phone": "+32470123456", "code": sent["devCode"]})
    assert r.status_code == 200, r.text
    pair = r.json()
    assert set(pair) == {"accessToken", "refreshToken", "tokenType", "expiresIn"}
    assert pair["tokenType"] == "Bearer"
    me = (await client.get("/api/v1/me", headers=bearer(pair))).json()
    assert me["phone"] == "+32470123456" and me["role"] == "worker" and me["email"] is None

    # Second sign-in: same person, no second row; the used code does not work again.
    r = await client.post(TOKEN, json={"phone": "+32470123456", "code": sent["devCode"]})
    assert r.status_code == 401
    sent = await _request(client, phone="+32 470 12 34 56")
    r = await client.post(TOKEN, json={"phone": "0470123456", "code": sent["devCode"]})
    assert r.status_code == 200
    people = await fetch("SELECT id FROM person")
    assert len(people) == 1
    created = await fetch("SELECT actor_id, object_id FROM audit_log WHERE action = 'person.created'")
    assert [str(a["object_id"]) for a in created] == [me["id"]]


async def test_email_sign_in_lower_cases_and_stores_the_code_hashed(client):
    sent = await _request(client, email="An.Peeters@Example.BE")
    assert sent["channel"] == "email" and sent["destination"] == "an.peeters@example.be"
    row = (await fetch("SELECT code_hash, destination FROM otp_challenge"))[0]
    assert sent["devCode"] not in row["code_hash"] and len(row["code_hash"]) == 64

    r = await client.post(TOKEN, json={"email": "an.peeters@example.be", "code": sent["devCode"]})
    assert r.status_code == 200, r.text
    me = (await client.get("/api/v1/me", headers=bearer(r.json()))).json()
    assert me["email"] == "an.peeters@example.be"


async def test_the_code_goes_through_the_notifier_in_the_callers_language(client):
    sent = await _request(client, phone="0470 99 88 77")
    r = await client.post(OTP, json={"email": "x@example.be"}, headers={"Accept-Language": "fr"})
    assert r.status_code == 202
    rows = await fetch("SELECT payload FROM outbox_message WHERE job = 'notify' ORDER BY created_at")
    payloads = [json.loads(r["payload"]) if isinstance(r["payload"], str) else r["payload"]
                for r in rows]
    assert payloads[0]["channel"] == "sms" and payloads[0]["to"] == "+32470998877"
    assert payloads[0]["template"] == "otp" and payloads[0]["language"] == "nl"
    assert payloads[0]["params"]["code"] == sent["devCode"]
    assert payloads[1]["channel"] == "email" and payloads[1]["language"] == "fr"


async def test_an_existing_persons_language_is_used_without_accept_language(client):
    sent = await _request(client, email="fr@example.be")
    pair = (await client.post(TOKEN, json={"email": "fr@example.be", "code": sent["devCode"]})).json()
    await client.patch("/api/v1/me", json={"language": "fr"}, headers=bearer(pair))
    await _request(client, email="fr@example.be")
    rows = await fetch("SELECT payload FROM outbox_message ORDER BY created_at DESC LIMIT 1")
    payload = rows[0]["payload"]
    payload = json.loads(payload) if isinstance(payload, str) else payload
    assert payload["language"] == "fr"


async def test_bad_contact_input_is_a_localised_422(client):
    r = await client.post(OTP, json={"phone": "12"}, headers={"Accept-Language": "en"})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["field"] == "phone"
    assert "phone number" in r.json()["errors"][0]["message"]
    r = await client.post(OTP, json={})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "contact_required"
    r = await client.post(OTP, json={"phone": "0470123456", "email": "a@example.be"})
    assert r.status_code == 422
    r = await client.post(OTP, json={"email": "not-an-email"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "email"
    assert await fetch("SELECT id FROM otp_challenge") == []


async def test_wrong_code_counts_down_the_attempts(client):
    sent = await _request(client, phone="0470 12 34 56")
    wrong = "000000" if sent["devCode"] != "000000" else "111111"
    r = await client.post(TOKEN, json={"phone": "0470123456", "code": wrong},
                          headers={"Accept-Language": "en"})
    assert r.status_code == 401
    assert r.json()["type"].endswith("otp_invalid")
    assert "4 attempt" in r.json()["detail"]
    assert (await fetch("SELECT attempts FROM otp_challenge"))[0]["attempts"] == 1
    assert await fetch("SELECT id FROM person") == []


async def test_five_wrong_attempts_lock_the_challenge(client):
    sent = await _request(client, phone="0470 12 34 56")
    wrong = "000000" if sent["devCode"] != "000000" else "111111"
    codes = []
    for _ in range(5):
        r = await client.post(TOKEN, json={"phone": "0470123456", "code": wrong})
        codes.append(r.json()["type"].rsplit("/", 1)[1])
    assert codes == ["otp_invalid"] * 4 + ["otp_locked"]
    r = await client.post(TOKEN, json={"phone": "0470123456", "code": sent["devCode"]})
    assert r.status_code == 401 and r.json()["type"].endswith("otp_locked")
    assert await fetch("SELECT id FROM person") == []
    assert await fetch("SELECT id FROM refresh_token") == []
    assert len(await fetch("SELECT id FROM audit_log WHERE action = 'otp_challenge.locked'")) == 1
    # A new code works again.
    sent = await _request(client, phone="0470 12 34 56")
    r = await client.post(TOKEN, json={"phone": "0470123456", "code": sent["devCode"]})
    assert r.status_code == 200


async def test_an_expired_code_is_refused(client):
    sent = await _request(client, email="late@example.be")
    await fetch("UPDATE otp_challenge SET expires_at = now() - interval '1 second'")
    r = await client.post(TOKEN, json={"email": "late@example.be", "code": sent["devCode"]})
    assert r.status_code == 401 and r.json()["type"].endswith("otp_expired")
    assert await fetch("SELECT id FROM person") == []


async def test_only_the_latest_code_counts(client):
    first = await _request(client, email="two@example.be")
    second = await _request(client, email="two@example.be")
    if first["devCode"] != second["devCode"]:
        r = await client.post(TOKEN, json={"email": "two@example.be", "code": first["devCode"]})
        assert r.status_code == 401
    r = await client.post(TOKEN, json={"email": "two@example.be", "code": second["devCode"]})
    assert r.status_code == 200


async def test_malformed_code_is_a_422_and_no_attempt(client):
    await _request(client, email="fmt@example.be")
    r = await client.post(TOKEN, json={"email": "fmt@example.be", "code": "12ab"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "code"
    assert (await fetch("SELECT attempts FROM otp_challenge"))[0]["attempts"] == 0


async def test_rate_limit_per_destination(client, settings):
    assert settings.otp_per_destination_per_hour == 5
    for _ in range(5):
        await _request(client, phone="0470 12 34 56")
    r = await client.post(OTP, json={"phone": "+32470123456"}, headers={"Accept-Language": "fr"})
    assert r.status_code == 429
    retry = int(r.headers["Retry-After"])
    assert 3500 < retry <= 3600
    assert "codes" in r.json()["detail"] and r.json()["type"].endswith("otp_rate_limited")
    assert len(await fetch("SELECT id FROM otp_challenge")) == 5
    # Another destination from the same IP is still fine.
    await _request(client, phone="0470 12 34 57")


async def test_rate_limit_per_ip(client, settings):
    assert settings.otp_per_ip_per_hour == 30
    for i in range(30):
        await _request(client, email=f"ip{i}@example.be")
    r = await client.post(OTP, json={"email": "ip-last@example.be"})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert len(await fetch("SELECT id FROM otp_challenge")) == 30


async def test_dev_code_only_outside_production(client, settings, app):
    production = Settings(
        app_env="production", database_url=settings.database_url, redis_url=settings.redis_url,
        secret_key="p" * 40, data_dir=settings.data_dir, outbox_dir=settings.outbox_dir,
        storage_dir=settings.storage_dir)
    redis = aioredis.from_url(settings.redis_url)
    try:
        ctx = service.AuthContext(settings=production, tokens=TokenService(production), redis=redis)
        sent = await service.request_otp(ctx, phone="0470123456", email=None, ip="198.51.100.1",
                                         language=None)
        assert sent.dev_code is None
        assert sent.destination == "+32470123456"
        # The code still went out through the notifier.
        rows = await fetch("SELECT payload FROM outbox_message")
        payload = rows[0]["payload"]
        payload = json.loads(payload) if isinstance(payload, str) else payload
        code = payload["params"]["code"]
        pair = await service.verify_otp(ctx, phone="+32470123456", email=None, code=code,
                                        language=None)
        assert pair.access_token and pair.token_type == "Bearer"

        dev = service.AuthContext(settings=settings, tokens=app.state["tokens"], redis=redis)
        sent = await service.request_otp(dev, phone="0470123457", email=None, ip=None,
                                         language=None)
        assert sent.dev_code is not None
    finally:
        await redis.aclose()


async def test_dev_code_is_not_in_the_production_json(client, settings):
    import msgspec

    from backend.people.schemas import OtpSent

    body = msgspec.json.decode(msgspec.json.encode(
        OtpSent(channel="sms", destination="+32470123456", expires_in=300)))
    assert "devCode" not in body
