"""Access tokens: the only module that touches python-jose.

RS256 only, key chosen by ``kid`` from our own keyring (never from the token), and
``exp``/``iat``/``aud``/``iss``/``sub``/``sid`` all required. Rotating keys: add a new kid,
make it active, keep the old one in the keyring until its last token has expired.

Everything in a token is attacker-controlled until the signature is checked, so the header is
parsed here first, strictly (three base64url segments, a JSON object with string ``alg`` and
``kid`` and nothing else), and every failure of any kind becomes ``InvalidToken``: a caller
never sees a ``TypeError`` from a ``kid`` that is a JSON list.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwk, jwt
from jose.exceptions import ExpiredSignatureError, JOSEError

from backend.platform.settings import Settings

ALGORITHM = "RS256"
ROLES = ("worker", "adviser", "admin")
MAX_TOKEN_LENGTH = 4096
_SEGMENT = re.compile(r"^[A-Za-z0-9_-]+$")
HEADER_FIELDS = {"alg", "typ", "kid"}
CLAIM_FIELDS = {"sub", "role", "iat", "exp", "aud", "iss", "jti", "sid"}


class InvalidToken(Exception):
    pass


class ExpiredToken(InvalidToken):
    """Correctly signed and otherwise valid, but past ``exp``: sign-in routes ignore it."""


@dataclass(frozen=True)
class Claims:
    subject: uuid.UUID
    role: str
    expires_at: int
    session: uuid.UUID  # the refresh family this token was issued with (revoked together)


@dataclass(frozen=True)
class _Key:
    """Parsed once: parsing an RSA PEM costs tens of milliseconds, signing far less."""

    signing: object  # jose Key (private)
    verifying: object  # jose Key (public)
    public_pem: str


def _public_pem(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def _dev_keyring(data_dir: Path) -> dict[str, str]:
    """Development keys live under .data/jwt and survive restarts (tokens stay valid)."""
    folder = data_dir / "jwt"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dev-1.pem"
    if not path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # Several uvicorn workers (WEB_CONCURRENCY) start at once: the first key to be linked
        # into place wins and every process reads that one, else tokens signed by one worker
        # would not verify on another.
        tmp = folder / f".dev-1.{os.getpid()}.pem"
        tmp.write_bytes(pem)
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return {"dev-1": path.read_text()}


class TokenService:
    def __init__(self, settings: Settings) -> None:
        keys = settings.jwt_private_keys or _dev_keyring(settings.data_dir)
        self._keys = {kid: _Key(jwk.construct(pem, ALGORITHM),
                                jwk.construct(_public_pem(pem), ALGORITHM), _public_pem(pem))
                      for kid, pem in keys.items()}
        self._active = settings.jwt_active_kid or sorted(self._keys)[-1]
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self.ttl = settings.access_token_ttl_seconds
        self.staff_ttl = settings.staff_access_token_ttl_seconds

    def ttl_for(self, role: str) -> int:
        """Staff tokens open the back office: they live shorter than a worker's."""
        return self.staff_ttl if role in ("adviser", "admin") else self.ttl

    @property
    def longest_ttl(self) -> int:
        return max(self.ttl, self.staff_ttl)

    def issue(self, subject: uuid.UUID, role: str, session: uuid.UUID | None = None,
              now: int | None = None) -> str:
        """``session``: the refresh family the token belongs to (a token made without one, as
        some tests do, is a session of its own)."""
        now = int(time.time()) if now is None else now
        session = session or uuid.uuid4()
        claims = {
            "sub": str(subject),
            "role": role,
            "iat": now,
            "exp": now + self.ttl_for(role),
            "aud": self._audience,
            "iss": self._issuer,
            "jti": uuid.uuid4().hex,
            "sid": str(session),
        }
        return jwt.encode(
            claims, self._keys[self._active].signing, algorithm=ALGORITHM,
            headers={"kid": self._active},
        )

    def verify(self, token: str) -> Claims:
        """The token's claims, or ``InvalidToken`` (``ExpiredToken`` when only ``exp`` failed)."""
        try:
            return self._verify(token)
        except InvalidToken:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever a crafted token provokes is a 401
            raise InvalidToken("malformed") from exc

    def _verify(self, token: str) -> Claims:
        key = self._keys.get(_checked_header(token)["kid"])
        if key is None:
            raise InvalidToken("unknown kid")
        options = {
            "require_exp": True, "require_iat": True, "require_aud": True,
            "require_iss": True, "require_sub": True, "require_jti": True,
        }
        try:
            claims = self._decode(token, key, options)
        except ExpiredSignatureError as exc:
            # The signature held: check everything else, then say "expired" only if that holds.
            self._claims(self._decode(token, key, {**options, "require_exp": False,
                                                    "verify_exp": False}))
            raise ExpiredToken("expired") from exc
        except JOSEError as exc:
            raise InvalidToken(str(exc)) from exc
        return self._claims(claims)

    def _decode(self, token: str, key: _Key, options: dict) -> dict:
        return jwt.decode(token, key.verifying, algorithms=[ALGORITHM], audience=self._audience,
                          issuer=self._issuer, options=options)

    @staticmethod
    def _claims(claims: object) -> Claims:
        if not isinstance(claims, dict) or set(claims) - CLAIM_FIELDS:
            raise InvalidToken("claims")
        sub, role, exp, sid = (claims.get(k) for k in ("sub", "role", "exp", "sid"))
        if not (isinstance(sub, str) and isinstance(sid, str) and role in ROLES
                and type(exp) is int and type(claims.get("iat")) is int
                and isinstance(claims.get("jti"), str)):
            raise InvalidToken("claims")
        try:
            return Claims(subject=uuid.UUID(sub), role=role, expires_at=exp,
                          session=uuid.UUID(sid))
        except ValueError as exc:
            raise InvalidToken("claims") from exc

    def jwks(self) -> dict:
        """Public keys, for other services that verify our tokens."""
        keys = []
        for kid, key in self._keys.items():
            entry = jwk.construct(key.public_pem, ALGORITHM).to_dict()
            entry.update({"kid": kid, "use": "sig", "alg": ALGORITHM})
            keys.append({k: (v.decode() if isinstance(v, bytes) else v) for k, v in entry.items()})
        return {"keys": keys}


def _b64_json(segment: str) -> object:
    if not _SEGMENT.match(segment):
        raise InvalidToken("segment")
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        return json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise InvalidToken("segment") from exc


def _checked_header(token: object) -> dict:
    """The JOSE header of a compact JWS, refused unless it is exactly what we issue."""
    if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_LENGTH:
        raise InvalidToken("length")
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise InvalidToken("segments")
    if not all(_SEGMENT.match(part) for part in parts):
        raise InvalidToken("segment")
    header = _b64_json(parts[0])
    if not isinstance(header, dict) or set(header) - HEADER_FIELDS:
        raise InvalidToken("header")
    if header.get("alg") != ALGORITHM or header.get("typ", "JWT") != "JWT":
        raise InvalidToken("algorithm")
    if not isinstance(header.get("kid"), str):
        raise InvalidToken("kid")
    return header
