"""Access tokens: the only module that touches python-jose.

RS256 only, key chosen by ``kid`` from our own keyring (never from the token), and
``exp``/``iat``/``aud``/``iss``/``sub`` all required. Rotating keys: add a new kid, make it
active, keep the old one in the keyring until its last token has expired.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwk, jwt
from jose.exceptions import JOSEError

from backend.platform.settings import Settings

ALGORITHM = "RS256"


class InvalidToken(Exception):
    pass


@dataclass(frozen=True)
class Claims:
    subject: uuid.UUID
    role: str
    expires_at: int


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

    def issue(self, subject: uuid.UUID, role: str, now: int | None = None) -> str:
        now = int(time.time()) if now is None else now
        claims = {
            "sub": str(subject),
            "role": role,
            "iat": now,
            "exp": now + self.ttl,
            "aud": self._audience,
            "iss": self._issuer,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(
            claims, self._keys[self._active].signing, algorithm=ALGORITHM,
            headers={"kid": self._active},
        )

    def verify(self, token: str) -> Claims:
        try:
            header = jwt.get_unverified_header(token)
        except JOSEError as exc:
            raise InvalidToken("malformed") from exc
        if header.get("alg") != ALGORITHM:
            raise InvalidToken("algorithm")
        key = self._keys.get(header.get("kid"))
        if key is None:
            raise InvalidToken("unknown kid")
        try:
            claims = jwt.decode(
                token,
                key.verifying,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={
                    "require_exp": True, "require_iat": True, "require_aud": True,
                    "require_iss": True, "require_sub": True,
                },
            )
            subject = uuid.UUID(claims["sub"])
        except (JOSEError, ValueError, KeyError) as exc:
            raise InvalidToken(str(exc)) from exc
        role = claims.get("role")
        if role not in ("worker", "adviser", "admin"):
            raise InvalidToken("role")
        return Claims(subject=subject, role=role, expires_at=int(claims["exp"]))

    def jwks(self) -> dict:
        """Public keys, for other services that verify our tokens."""
        keys = []
        for kid, key in self._keys.items():
            entry = jwk.construct(key.public_pem, ALGORITHM).to_dict()
            entry.update({"kid": kid, "use": "sig", "alg": ALGORITHM})
            keys.append({k: (v.decode() if isinstance(v, bytes) else v) for k, v in entry.items()})
        return {"keys": keys}
