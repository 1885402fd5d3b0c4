"""Staff sign-in: password then a second factor (an e-mailed code, or TOTP enrolled by QR
code), the lockout per account and IP, short staff sessions, and no staff token from a code."""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
import uuid

import httpx
import pyotp
import pytest

from backend.people import lockout, service
from backend.platform.db import fetch
from tests.conftest import bearer, sign_in, staff_sign_in

PASSWORD = "/api/v1/auth/password"
SECOND = "/api/v1/auth/second-factor"
ME = "/api/v1/me"
TOTP = "/api/v1/me/totp"
SECRET = "correct horse battery staple"


async def _adviser(email: str = "els@smart.coop", role: str = "adviser") -> uuid.UUID:
    return await service.create_staff(email, SECRET, role, "Els", "Janssens")


async def _password(client, email: str, password: str = SECRET, **headers) -> httpx.Response:
    return await client.post(PASSWORD, json={"email": email, "password": password},
                             headers=headers)


@pytest.fixture
async def stranger(app, clean_db):
    """Another caller, from another IP."""
    transport = httpx.ASGITransport(app=app, client=("198.51.100.66", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


async def test_password_then_the_emailed_code_gives_a_short_staff_session(client, app, settings):
    adviser_id = await _adviser()
    r = await _password(client, "Els@Smart.coop")
    assert r.status_code == 200, r.text
    challenge = r.json()
    assert "accessToken" not in challenge and challenge["secondFactorRequired"] is True
    assert challenge["method"] == "email" and challenge["expiresIn"] == 300
    # The code went out by e-mail, through the outbox a person can read.
    rows = await fetch("SELECT payload FROM outbox_message WHERE job = 'notify'")
    payload = json.loads(rows[0]["payload"]) if isinstance(rows[0]["payload"], str) \
        else rows[0]["payload"]
    assert payload["to"] == "els@smart.coop" and payload["template"] == "staff_code"
    assert payload["params"]["code"] == challenge["devCode"]
    stored = (await fetch("SELECT token_hash, code_hash FROM staff_challenge"))[0]
    assert challenge["challengeToken"] not in stored["token_hash"]
    assert challenge["devCode"] not in stored["code_hash"]

    r = await client.post(SECOND, json={"challengeToken": challenge["challengeToken"],
                                        "code": challenge["devCode"]})
    assert r.status_code == 200, r.text
    pair = r.json()
    assert pair["expiresIn"] == settings.staff_access_token_ttl_seconds == 300
    me = (await client.get(ME, headers=bearer(pair))).json()
    assert me["id"] == str(adviser_id) and me["role"] == "adviser"
    # A challenge is used once.
    r = await client.post(SECOND, json={"challengeToken": challenge["challengeToken"],
                                        "code": challenge["devCode"]})
    assert r.status_code == 401 and r.json()["type"].endswith("/second_factor_expired")
    audit = await fetch("SELECT after FROM audit_log WHERE action = 'person.signed_in'")
    assert [json.loads(a["after"])["method"] for a in audit] == ["password+email"]

    # The staff session ends after a working day, however often it is refreshed.
    first = (await fetch("SELECT expires_at, role FROM refresh_token"))[0]
    assert first["role"] == "adviser"
    assert dt.timedelta(hours=9) < first["expires_at"] - dt.datetime.now(dt.UTC) \
        <= dt.timedelta(hours=10)
    r = await client.post("/api/v1/auth/refresh", json={"refreshToken": pair["refreshToken"]})
    assert r.status_code == 200 and r.json()["expiresIn"] == 300
    rows = await fetch("SELECT expires_at FROM refresh_token ORDER BY created_at")
    assert rows[1]["expires_at"] == rows[0]["expires_at"]


async def test_every_wrong_combination_gets_the_same_answer(client):
    await _adviser()
    await sign_in(client, email="worker@example.be")
    details = []
    for email, password in (("els@smart.coop", "wrong password!"),
                            ("nobody@smart.coop", SECRET), ("not an email", "x"),
                            ("worker@example.be", "whatever1234")):
        r = await _password(client, email, password, **{"Accept-Language": "en"})
        assert r.status_code == 401
        details.append(r.json()["detail"])
    assert len(set(details)) == 1 and "password" in details[0]
    assert await fetch("SELECT id FROM staff_challenge") == []


async def test_a_one_time_code_alone_never_yields_a_staff_token(client):
    """The probe: an adviser got a full back-office token from an e-mailed code alone."""
    adviser_id = await _adviser()
    r = await client.post("/api/v1/auth/otp", json={"email": "els@smart.coop"})
    assert r.status_code == 202
    r = await client.post("/api/v1/auth/token", json={"email": "els@smart.coop",
                                                      "code": r.json()["devCode"]},
                          headers={"Accept-Language": "nl"})
    assert r.status_code == 401, r.text
    assert r.json()["type"].endswith("/staff_second_factor_required")
    assert "wachtwoord" in r.json()["detail"]
    assert await fetch("SELECT id FROM refresh_token") == []
    refused = await fetch("SELECT object_id FROM audit_log WHERE action = 'person.sign_in_refused'")
    assert [row["object_id"] for row in refused] == [str(adviser_id)]


async def test_a_worker_made_adviser_cannot_keep_a_worker_session_as_staff(client):
    pair = await sign_in(client, email="promoted@example.be")
    await service.create_staff("promoted@example.be", SECRET, "adviser", "Pro", "Moted")
    r = await client.post("/api/v1/auth/refresh", json={"refreshToken": pair["refreshToken"]})
    assert r.status_code == 401
    rows = await fetch("SELECT revoked_at FROM refresh_token")
    assert rows and all(row["revoked_at"] is not None for row in rows)
    tokens = await staff_sign_in(client, "promoted@example.be", SECRET)
    assert (await client.get(ME, headers=bearer(tokens))).json()["role"] == "adviser"


async def test_wrong_second_factor_codes_count_down_then_lock_the_challenge(client):
    await _adviser()
    challenge = (await _password(client, "els@smart.coop")).json()
    wrong = "000000" if challenge["devCode"] != "000000" else "111111"
    seen = []
    for _ in range(3):  # within the free failures of the lockout
        r = await client.post(SECOND, json={"challengeToken": challenge["challengeToken"],
                                            "code": wrong}, headers={"Accept-Language": "en"})
        seen.append((r.status_code, r.json()["type"].rsplit("/", 1)[1]))
    assert seen == [(401, "second_factor_invalid")] * 3
    assert "2 attempt" in r.json()["detail"]
    r = await client.post(SECOND, json={"challengeToken": "made-up", "code": "123456"})
    assert r.status_code == 401 and r.json()["type"].endswith("/second_factor_expired")
    r = await client.post(SECOND, json={"challengeToken": challenge["challengeToken"],
                                        "code": "12ab"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "code"
    assert (await fetch("SELECT attempts FROM staff_challenge"))[0]["attempts"] == 3


async def test_a_stranger_cannot_lock_a_person_out(client, stranger):
    """Guesses from one IP back that IP off (doubling waits); the adviser, from their own IP,
    signs in at once with the right password and code."""
    await _adviser()
    statuses, waits = [], []
    for _ in range(lockout.FREE_FAILURES + 6):
        r = await _password(stranger, "els@smart.coop", "guess guess guess")
        statuses.append(r.status_code)
        if r.status_code == 429:
            waits.append(int(r.headers["Retry-After"]))
            await stranger_wait_over(client)  # pretend the wait is over, to see the next one
    assert statuses == [401] * (lockout.FREE_FAILURES + 1) + [429, 401, 429, 401, 429]
    assert waits == [2, 4, 8]
    await _password(stranger, "els@smart.coop", "guess guess guess")  # backs off 16 s
    r = await _password(stranger, "els@smart.coop", SECRET, **{"Accept-Language": "en"})
    assert r.status_code == 429, "right password from the guessing IP: still backing off"
    assert r.json()["type"].endswith("/auth_retry_soon") and "seconds" in r.json()["detail"]

    tokens = await staff_sign_in(client, "els@smart.coop", SECRET)  # the adviser, elsewhere
    assert (await client.get(ME, headers=bearer(tokens))).status_code == 200
    assert [lockout.backoff_seconds(n) for n in range(1, 9)] == [0, 0, 0, 2, 4, 8, 16, 32]
    assert lockout.backoff_seconds(100) == lockout.MAX_BACKOFF_SECONDS


async def stranger_wait_over(client) -> None:
    import redis.asyncio as aioredis

    settings = client._transport.app.state["settings"]
    redis = aioredis.from_url(settings.redis_url)
    try:
        keys = [k async for k in redis.scan_iter("lock:wait:*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


async def test_the_back_off_doubles_and_applies_to_the_second_factor_too(client, app):
    await _adviser()
    challenge = (await _password(client, "els@smart.coop")).json()
    wrong = "000000" if challenge["devCode"] != "000000" else "111111"
    statuses = []
    for _ in range(lockout.FREE_FAILURES + 1):
        r = await client.post(SECOND, json={"challengeToken": challenge["challengeToken"],
                                            "code": wrong})
        statuses.append(r.status_code)
    assert statuses == [401] * (lockout.FREE_FAILURES + 1)
    r = await client.post(SECOND, json={"challengeToken": challenge["challengeToken"],
                                        "code": challenge["devCode"]})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) == 2
    # The right password from the same IP does not wipe the count (no fresh guesses).
    r = await _password(client, "els@smart.coop")
    assert r.status_code == 429


async def test_totp_enrolment_by_qr_code_then_sign_in_with_it(client):
    await _adviser()
    headers = bearer(await staff_sign_in(client, "els@smart.coop", SECRET))
    assert (await client.get(TOTP, headers=headers)).json() == {
        "enrolled": False, "pending": False, "confirmedAt": None}
    r = await client.post(TOTP, headers=headers)
    assert r.status_code == 201, r.text
    enrolment = r.json()
    uri = urllib.parse.urlsplit(enrolment["otpauthUri"])
    assert uri.scheme == "otpauth" and uri.netloc == "totp"
    query = urllib.parse.parse_qs(uri.query)
    assert query["secret"] == [enrolment["secret"]] and query["issuer"] == ["QuickJob"]
    svg = urllib.parse.unquote(enrolment["qrCodeSvg"].split(",", 1)[1])
    assert enrolment["qrCodeSvg"].startswith("data:image/svg+xml") and "<svg" in svg
    stored = (await fetch("SELECT secret_encrypted FROM totp_credential"))[0]
    assert enrolment["secret"] not in stored["secret_encrypted"]

    authenticator = pyotp.TOTP(enrolment["secret"])
    r = await client.post(f"{TOTP}/confirm", json={"code": "000000" if authenticator.now()
                                                    != "000000" else "111111"},
                          headers={**headers, "Accept-Language": "en"})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "totp_code_invalid"
    r = await client.post(f"{TOTP}/confirm", json={"code": authenticator.now()}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["enrolled"] is True and r.json()["confirmedAt"]
    assert (await client.post(TOTP, headers=headers)).status_code == 409  # no silent swap

    # From now on: password, then the authenticator's code (no e-mail any more).
    sent_before = len(await fetch("SELECT id FROM outbox_message"))
    challenge = (await _password(client, "els@smart.coop")).json()
    assert challenge["method"] == "totp" and "devCode" not in challenge
    assert len(await fetch("SELECT id FROM outbox_message")) == sent_before
    # The code of the confirmation's time step was used: the next step's code is accepted
    # (one step of drift), and then never again.
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)
    code = authenticator.at(later)
    r = await client.post(SECOND, json={"challengeToken": challenge["challengeToken"],
                                        "code": code})
    assert r.status_code == 200, r.text
    again = (await _password(client, "els@smart.coop")).json()
    r = await client.post(SECOND, json={"challengeToken": again["challengeToken"], "code": code})
    assert r.status_code == 401 and r.json()["type"].endswith("/second_factor_invalid")
    actions = [row["action"] for row in await fetch(
        "SELECT action FROM audit_log WHERE action LIKE 'totp.%' ORDER BY id")]
    assert actions == ["totp.enrolment_started", "totp.enrolled"]


async def test_workers_have_no_totp_and_no_password_sign_in(client):
    headers = bearer(await sign_in(client, email="worker@example.be"))
    for method, path in (("GET", TOTP), ("POST", TOTP), ("POST", f"{TOTP}/confirm")):
        r = await client.request(method, path, headers=headers, json={"code": "123456"})
        assert r.status_code == 403, (method, path)


async def test_create_staff_is_idempotent_on_email_and_audited(client):
    first = await service.create_staff("admin@smart.coop", "first password!", "admin", "A", "B")
    second = await service.create_staff("admin@smart.coop", "second password", "admin", "A", "C")
    assert first == second
    r = await _password(client, "admin@smart.coop", "second password")
    assert r.status_code == 200
    actions = [r["action"] for r in await fetch(
        "SELECT action FROM audit_log WHERE object_id = {} ORDER BY id", str(first))]
    assert actions[:2] == ["person.created", "person.staff_updated"]
    after = await fetch("SELECT after FROM audit_log WHERE object_id = {}", str(first))
    assert all("password_hash" not in str(row["after"]) for row in after)
    row = (await fetch("SELECT password_hash FROM person WHERE id = {}", first))[0]
    assert row["password_hash"].startswith("scrypt$") and "second password" not in row[
        "password_hash"]
