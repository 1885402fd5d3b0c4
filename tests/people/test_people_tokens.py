"""Access-token attacks (a 401 problem+json on every route, public ones too), refresh rotation
with family revocation, the revocation list, logout."""

import base64
import hashlib
import hmac
import json
import time
import uuid

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from jose import jwt

from backend.platform.db import fetch
from tests.conftest import bearer, sign_in

ME = "/api/v1/me"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"


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
              "aud": settings.jwt_audience, "iss": settings.jwt_issuer,
              "jti": uuid.uuid4().hex, "sid": str(uuid.uuid4())}
    claims.update(over)
    return {k: v for k, v in claims.items() if v is not None}


def _rs256(settings, claims: dict, kid: str = "dev-1", pem: str | None = None) -> str:
    return jwt.encode(claims, pem or _private_pem(settings), algorithm="RS256",
                      headers={"kid": kid})


def _signed(settings, header: object, claims: object) -> str:
    """A compact JWS with exactly this header and payload (any JSON), validly signed with the
    real key: only the shape is wrong."""
    head = _b64(json.dumps(header).encode())
    body = _b64(json.dumps(claims).encode())
    key = serialization.load_pem_private_key(_private_pem(settings).encode(), password=None)
    signature = key.sign(f"{head}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{head}.{body}.{_b64(signature)}"


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
        for path in (ME, "/api/v1/rule-sets"):  # a public route too
            r = await client.get(path, headers={"Authorization": f"Bearer {token}",
                                                "Accept-Language": "en"})
            assert r.status_code == 401, (name, path)
            assert r.headers["content-type"].startswith("application/problem+json"), name
    assert (await client.get(ME)).status_code == 401


# Routes of every kind: public (with and without a body), the client's link, sign-in, signed-in,
# the bot and the Telegram link (the two that answered 500 for an unknown person), back office.
EVERY_KIND = [
    ("GET", "/api/v1/health/live", None), ("GET", "/api/v1/rule-sets", None),
    ("POST", "/api/v1/simulations", {"amountCents": 100000, "performanceDates": ["2026-03-02"]}),
    ("GET", "/api/v1/public/quotes/some-token", None), ("GET", "/schema/openapi.json", None),
    ("POST", "/api/v1/auth/otp", {"email": "x@example.be"}), ("GET", ME, None),
    ("POST", "/api/v1/bot/messages", {"text": "hallo"}),
    ("POST", "/api/v1/me/telegram-link", None), ("GET", "/api/v1/me/telegram-link", None),
    ("GET", "/api/v1/backoffice/review-items", None), ("GET", "/api/v1/nowhere", None),
]


def _malformed(settings, sub: str) -> dict[str, str]:
    """Tokens and headers an attacker or a careless client sends; each must be a 401."""
    good_claims = _claims(settings, sub)
    header = {"alg": "RS256", "typ": "JWT", "kid": "dev-1"}
    cases = {
        f"kid as JSON {name}": _signed(settings, {**header, "kid": value}, good_claims)
        for name, value in (("list", ["dev-1"]), ("object", {"id": "dev-1"}), ("number", 1),
                            ("null", None), ("boolean", True), ("empty string", ""))
    }
    cases |= {
        f"alg as JSON {name}": _signed(settings, {**header, "alg": value}, good_claims)
        for name, value in (("list", ["RS256"]), ("object", {"a": 1}), ("number", 256),
                            ("null", None), ("lower case", "rs256"))
    }
    cases |= {
        "header is a JSON list": _signed(settings, ["RS256", "dev-1"], good_claims),
        "header is a string": _signed(settings, "RS256", good_claims),
        "header without kid": _signed(settings, {"alg": "RS256"}, good_claims),
        "typ is not JWT": _signed(settings, {**header, "typ": "JWE"}, good_claims),
        "extra header field (jku)": _signed(settings, {**header, "jku": "https://evil.example"},
                                             good_claims),
        "claims are a JSON list": _signed(settings, header, [good_claims]),
        "claims are a number": _signed(settings, header, 42),
        "sub is a number": _signed(settings, header, {**good_claims, "sub": 12}),
        "sub is not a uuid": _signed(settings, header, {**good_claims, "sub": "alice"}),
        "role is a list": _signed(settings, header, {**good_claims, "role": ["admin"]}),
        "exp is a string": _signed(settings, header, {**good_claims, "exp": "9999999999"}),
        "exp is a float": _signed(settings, header, {**good_claims, "exp": 9999999999.5}),
        "exp is a boolean": _signed(settings, header, {**good_claims, "exp": True}),
        "aud is a list with ours": _signed(settings, header,
                                           {**good_claims, "aud": [settings.jwt_audience, "x"]}),
        "sid missing": _signed(settings, header, {k: v for k, v in good_claims.items()
                                                  if k != "sid"}),
        "sid is an object": _signed(settings, header, {**good_claims, "sid": {"a": 1}}),
        "jti missing": _signed(settings, header, {k: v for k, v in good_claims.items()
                                                  if k != "jti"}),
        "an extra claim": _signed(settings, header, {**good_claims, "admin": True}),
    }
    valid = _rs256(settings, good_claims)
    head, body, sig = valid.split(".")
    cases |= {
        "two segments": f"{head}.{body}", "four segments": f"{valid}.{sig}",
        "empty signature": f"{head}.{body}.", "empty header": f".{body}.{sig}",
        "not base64": f"{head}!.{body}.{sig}", "header not JSON": f"{_b64(b'{nope')}.{body}.{sig}",
        "padding in a segment": f"{head}=.{body}.{sig}", "one long word": "a" * 5000,
        "unknown person": valid,
    }
    return cases


async def test_any_malformed_token_is_a_401_problem_on_every_route(client, settings):
    tokens = await sign_in(client, phone="0470 12 34 56")
    me = (await client.get(ME, headers=bearer(tokens))).json()
    attacks = {name: f"Bearer {token}" for name, token in
               _malformed(settings, str(uuid.uuid4())).items()}
    attacks |= {"Bearer without a token": "Bearer", "Bearer and spaces": "Bearer    ",
                "two tokens": f"Bearer {tokens['accessToken']} {tokens['accessToken']}",
                "Basic scheme": "Basic YWRtaW46YWRtaW4=", "no scheme": tokens["accessToken"]}
    failures = []
    for name, header in attacks.items():
        for method, path, body in EVERY_KIND:
            r = await client.request(method, path, json=body, headers={
                "Authorization": header, "Accept-Language": "fr"})
            if (r.status_code != 401
                    or not r.headers["content-type"].startswith("application/problem+json")
                    or not r.json()["type"].endswith("/invalid_token")
                    or "invalid_token" not in r.headers["www-authenticate"]
                    or "Reconnectez-vous" not in r.json()["detail"]):
                failures.append(f"{name} on {method} {path}: {r.status_code} {r.text[:120]}")
    assert not failures, "\n".join(failures)
    # The same routes without any Authorization header answer as before (the genuine token too).
    assert (await client.get("/api/v1/health/live")).status_code == 200
    assert (await client.get(ME, headers=bearer(tokens))).json()["id"] == me["id"]


async def test_a_correctly_signed_expired_token_is_ignored_only_on_sign_in_routes(client,
                                                                                   settings):
    tokens = await sign_in(client, email="expired@example.be")
    me = (await client.get(ME, headers=bearer(tokens))).json()
    now = int(time.time())
    expired = {"Authorization": "Bearer " + _rs256(settings, _claims(
        settings, me["id"], iat=now - 3600, exp=now - 60))}
    # An app refreshing still sends its expired access token: the refresh works.
    r = await client.post(REFRESH, json={"refreshToken": tokens["refreshToken"]}, headers=expired)
    assert r.status_code == 200, r.text
    assert (await client.get("/api/v1/rule-sets", headers=expired)).status_code == 401
    assert (await client.get(ME, headers=expired)).status_code == 401


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


async def test_reuse_also_stops_the_access_tokens_of_the_family(client):
    first = await sign_in(client, email="thief@example.be")
    second = (await client.post(REFRESH, json={"refreshToken": first["refreshToken"]})).json()
    assert (await client.get(ME, headers=bearer(second))).status_code == 200
    r = await client.post(REFRESH, json={"refreshToken": first["refreshToken"]})
    assert r.status_code == 401
    # Not 15 more minutes: at once, both access tokens of the family.
    for pair in (first, second):
        r = await client.get(ME, headers=bearer(pair))
        assert r.status_code == 401 and r.json()["type"].endswith("/invalid_token")


async def test_logout_revokes_the_session_and_its_access_tokens(client, app, settings):
    import redis.asyncio as aioredis

    pair = await sign_in(client, email="bye@example.be")
    other = await sign_in(client, email="bye@example.be")  # another device, another session
    refreshed = (await client.post(REFRESH, json={"refreshToken": pair["refreshToken"]})).json()
    r = await client.post(LOGOUT, headers=bearer(refreshed))
    assert r.status_code == 204, r.text
    for tokens in (pair, refreshed):  # every access token the session issued
        assert (await client.get(ME, headers=bearer(tokens))).status_code == 401
    r = await client.post(REFRESH, json={"refreshToken": refreshed["refreshToken"]})
    assert r.status_code == 401
    assert (await client.get(ME, headers=bearer(other))).status_code == 200
    assert (await client.post(LOGOUT)).status_code == 401

    sid = json.loads(base64.urlsafe_b64decode(refreshed["accessToken"].split(".")[1] + "=="))["sid"]
    redis = aioredis.from_url(settings.redis_url)
    try:
        ttl = await redis.ttl(f"revoked:sid:{sid}")
    finally:
        await redis.aclose()
    # Kept as long as an access token of the session can live, no longer.
    tokens = app.state["tokens"]
    assert tokens.ttl < ttl <= tokens.longest_ttl + 5
    audit = await fetch("SELECT after FROM audit_log WHERE action = 'refresh_family.revoked'")
    assert len(audit) == 1 and json.loads(audit[0]["after"])["reason"] == "logout"


async def test_without_redis_the_database_answers_for_the_revocation_list(client, app):
    from backend.people.authentication import Authenticator

    class DownRedis:
        async def exists(self, *keys):
            raise ConnectionError("redis is down")

    pair = await sign_in(client, email="noredis@example.be")
    authenticator = Authenticator(app.state["tokens"], DownRedis())
    header = f"Bearer {pair['accessToken']}"
    assert (await authenticator.authenticate(header, ME)).role == "worker"
    assert (await client.post(LOGOUT, headers=bearer(pair))).status_code == 204
    with pytest.raises(Exception) as refused:
        await authenticator.authenticate(header, ME)
    assert getattr(refused.value, "status", None) == 401


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


