"""Access-token attacks, refresh rotation with family revocation, staff password sign-in."""

import base64
import hashlib
import hmac
import json
import time
import uuid

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwt

from backend.people import service
from backend.platform.db import fetch
from tests.conftest import bearer, sign_in

ME = "/api/v1/me"
REFRESH = "/api/v1/auth/refresh"
PASSWORD = "/api/v1/auth/password"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _private_pem(settings) -> str:
    return (settings.data_dir / "jwt" / "dev-1.pem").read_text()


def _public_pem(settings) -> str:
    key = serialization.load_pem_private_key(_private_pem(settings).encode(), password=None)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _claims(settings, subject: str, **over) -> dict:
    now = int(time.time())
    claims = {"sub": subject, "role": "worker", "iat": now, "exp": now + 600,
              "aud": settings.jwt_audience, "iss": settings.jwt_issuer}
    claims.update(over)
    return {k: v for k, v in claims.items() if v is not None}


def _rs256(settings, claims: dict, kid: str = "dev-1", pem: str | None = None) -> str:
    return jwt.encode(claims, pem or _private_pem(settings), algorithm="RS256",
                      headers={"kid": kid})


async def _me_status(client, token: str) -> int:
    r = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
    return r.status_code


async def test_a_well_formed_token_works_and_attacks_get_401(client, settings):
    tokens = await sign_in(client, phone="0470 12 34 56")
    me = (await client.get(ME, headers=bearer(tokens))).json()
    sub = me["id"]
    assert await _me_status(client, _rs256(settings, _claims(settings, sub))) == 200

    now = int(time.time())
    expired = _rs256(settings, _claims(settings, sub, iat=now - 3600, exp=now - 60))
    wrong_aud = _rs256(settings, _claims(settings, sub, aud="someone-else"))
    wrong_iss = _rs256(settings, _claims(settings, sub, iss="https://evil.example"))
    no_exp = _rs256(settings, _claims(settings, sub, exp=None))
    no_sub = _rs256(settings, _claims(settings, sub, sub=None))
    bad_role = _rs256(settings, _claims(settings, sub, role="superuser"))

    payload = _b64(json.dumps(_claims(settings, sub, role="admin")).encode())
    alg_none = f"{_b64(json.dumps({'alg': 'none', 'typ': 'JWT', 'kid': 'dev-1'}).encode())}.{payload}."

    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "dev-1"}).encode())
    signing_input = f"{header}.{payload}".encode()
    mac = hmac.new(_public_pem(settings).encode(), signing_input, hashlib.sha256).digest()
    hs256_with_public_key = f"{header}.{payload}.{_b64(mac)}"

    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    unknown_kid = _rs256(settings, _claims(settings, sub), kid="evil-1", pem=other_key)
    right_kid_wrong_key = _rs256(settings, _claims(settings, sub), kid="dev-1", pem=other_key)

    good = tokens["accessToken"]
    head, body, signature = good.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    tampered_signature = f"{head}.{body}.{flipped}"
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["role"] = "admin"
    tampered_payload = f"{head}.{_b64(json.dumps(claims).encode())}.{signature}"

    attacks = {
        "expired": expired, "wrong audience": wrong_aud, "wrong issuer": wrong_iss,
        "missing exp": no_exp, "missing sub": no_sub, "unknown role": bad_role,
        "alg none": alg_none, "HS256 with the public key": hs256_with_public_key,
        "unknown kid": unknown_kid, "right kid, wrong key": right_kid_wrong_key,
        "tampered signature": tampered_signature, "tampered payload": tampered_payload,
        "garbage": "not.a.jwt", "empty": "",
    }
    for name, token in attacks.items():
        r = await client.get(ME, headers={"Authorization": f"Bearer {token}",
                                          "Accept-Language": "en"})
        assert r.status_code == 401, name
        assert r.headers["content-type"].startswith("application/problem+json"), name
    assert (await client.get(ME)).status_code == 401


async def test_a_valid_token_for_an_unknown_person_is_401(client, settings):
    token = _rs256(settings, _claims(settings, str(uuid.uuid4())))
    assert await _me_status(client, token) == 401


async def test_refresh_rotates_and_reuse_revokes_the_family(client):
    first = await sign_in(client, email="rotate@example.be")
    r = await client.post(REFRESH, json={"refreshToken": first["refreshToken"]})
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["refreshToken"] != first["refreshToken"]
    assert (await client.get(ME, headers=bearer(second))).status_code == 200

    r = await client.post(REFRESH, json={"refreshToken": second["refreshToken"]})
    assert r.status_code == 200
    third = r.json()

    # The already rotated first token comes back: a thief or a replay. Family revoked.
    r = await client.post(REFRESH, json={"refreshToken": first["refreshToken"]},
                          headers={"Accept-Language": "en"})
    assert r.status_code == 401 and r.json()["type"].endswith("refresh_invalid")
    r = await client.post(REFRESH, json={"refreshToken": third["refreshToken"]})
    assert r.status_code == 401, "the newest token of the family stops working too"
    rows = await fetch("SELECT revoked_at FROM refresh_token")
    assert len(rows) == 3 and all(row["revoked_at"] is not None for row in rows)
    audit = await fetch("SELECT object_type, after FROM audit_log "
                        "WHERE action = 'refresh_family.revoked'")
    assert len(audit) == 1 and audit[0]["object_type"] == "refresh_family"

    # Other sessions (families) of the same person are untouched.
    other = await sign_in(client, email="rotate@example.be")
    r = await client.post(REFRESH, json={"refreshToken": other["refreshToken"]})
    assert r.status_code == 200


async def test_unknown_and_expired_refresh_tokens_are_refused(client):
    r = await client.post(REFRESH, json={"refreshToken": "made-up"})
    assert r.status_code == 401
    pair = await sign_in(client, email="old@example.be")
    await fetch("UPDATE refresh_token SET expires_at = now() - interval '1 second'")
    r = await client.post(REFRESH, json={"refreshToken": pair["refreshToken"]})
    assert r.status_code == 401
    # Stored hashed, never in clear.
    rows = await fetch("SELECT token_hash FROM refresh_token")
    assert pair["refreshToken"] not in rows[0]["token_hash"]


async def test_adviser_password_sign_in(client):
    adviser_id = await service.create_staff("Els.Adviser@Smart.coop", "long enough secret",
                                            "adviser", "Els", "Janssens")
    r = await client.post(PASSWORD, json={"email": "els.adviser@smart.coop",
                                          "password": "long enough secret"})
    assert r.status_code == 200, r.text
    me = (await client.get(ME, headers=bearer(r.json()))).json()
    assert me["id"] == str(adviser_id) and me["role"] == "adviser"
    row = (await fetch("SELECT password_hash FROM person WHERE id = {}", adviser_id))[0]
    assert row["password_hash"].startswith("scrypt$")
    assert "long enough secret" not in row["password_hash"]

    generic = []
    for body in ({"email": "els.adviser@smart.coop", "password": "wrong password!"},
                 {"email": "nobody@smart.coop", "password": "long enough secret"},
                 {"email": "not an email", "password": "x"}):
        r = await client.post(PASSWORD, json=body, headers={"Accept-Language": "en"})
        assert r.status_code == 401
        generic.append(r.json()["detail"])
    assert len(set(generic)) == 1 and "password" in generic[0]


async def test_workers_cannot_use_password_sign_in(client):
    await sign_in(client, email="worker@example.be")
    r = await client.post(PASSWORD, json={"email": "worker@example.be", "password": "whatever1234"})
    assert r.status_code == 401


async def test_create_staff_is_idempotent_on_email_and_audited(client):
    first = await service.create_staff("admin@smart.coop", "first password!", "admin", "A", "B")
    second = await service.create_staff("admin@smart.coop", "second password", "admin", "A", "C")
    assert first == second
    r = await client.post(PASSWORD, json={"email": "admin@smart.coop",
                                          "password": "second password"})
    assert r.status_code == 200
    actions = [r["action"] for r in await fetch(
        "SELECT action FROM audit_log WHERE object_id = {} ORDER BY id", str(first))]
    assert actions[:2] == ["person.created", "person.staff_updated"]
    after = await fetch("SELECT after FROM audit_log WHERE object_id = {}", str(first))
    assert all("password_hash" not in str(row["after"]) for row in after)


async def test_password_attempts_are_throttled_per_account(client):
    await service.create_staff("throttle@smart.coop", "right password", "adviser", "T", "T")
    for _ in range(service.PASSWORD_FAILURES_PER_HOUR):
        r = await client.post(PASSWORD, json={"email": "throttle@smart.coop", "password": "nope"})
        assert r.status_code == 401
    r = await client.post(PASSWORD, json={"email": "throttle@smart.coop",
                                          "password": "right password"})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
