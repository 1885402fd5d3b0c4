"""TOTP second factor (RFC 6238 through pyotp): enrolment by QR code, verification without replay.

A signed-in adviser or admin starts an enrolment (a fresh secret, its ``otpauth://`` URI and
the QR code of it as an SVG data URI, made with segno), scans it with an authenticator app and
confirms with the first code. From then on the password is followed by a TOTP code; until then
by a code sent by e-mail (``backend.people.staff``).

Secrets are stored encrypted (Fernet, key derived from SECRET_KEY: rotating SECRET_KEY means
enrolling again). A code is accepted once: the newest accepted time step is kept, and only
later steps count (one step of clock drift either way is tolerated).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import uuid
from typing import TYPE_CHECKING

import pyotp
import segno
from cryptography.fernet import Fernet

from backend.audit.service import record
from backend.http.problems import FieldError, Forbidden, Problem
from backend.people import lockout, repository, validation
from backend.people.common import STAFF_ROLES, AuthContext, validation_problem
from backend.people.rows import PersonRow, TotpCredentialRow
from backend.people.schemas import TotpEnrolment, TotpStatus
from backend.platform.db import NOW, unit_of_work
from backend.platform.settings import Settings

if TYPE_CHECKING:  # annotations only: the worker imports this without the web stack
    from backend.http.context import Principal

ISSUER = "QuickJob"
DRIFT_STEPS = 1


def _fernet(settings: Settings) -> Fernet:
    key = hashlib.sha256(f"totp-secret\x00{settings.secret_key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_secret(settings: Settings, secret: str) -> str:
    return _fernet(settings).encrypt(secret.encode()).decode()


def decrypt_secret(settings: Settings, stored: str) -> str:
    return _fernet(settings).decrypt(stored.encode()).decode()


def matching_step(secret: str, code: str, last_step: int | None,
                  now: dt.datetime | None = None) -> int | None:
    """The time step ``code`` belongs to (now, or one step either side), if it is newer than
    ``last_step``; else None."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now or dt.datetime.now(dt.UTC))
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if (last_step is None or step > last_step) and hmac.compare_digest(
                totp.generate_otp(step), code):
            return step
    return None


def _code(raw: str) -> str:
    try:
        return validation.otp_code(raw)
    except validation.Invalid as exc:
        raise validation_problem([exc.error]) from exc


async def _staff(person_id: uuid.UUID) -> PersonRow:
    person = await repository.person_by_id(person_id, for_update=True)
    if person is None:
        raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
    if person.role not in STAFF_ROLES:
        raise Forbidden()
    return person


def _status(credential: TotpCredentialRow | None) -> TotpStatus:
    return TotpStatus(enrolled=bool(credential and credential.confirmed_at),
                      pending=bool(credential and not credential.confirmed_at),
                      confirmed_at=credential.confirmed_at if credential else None)


async def status(principal: Principal) -> TotpStatus:
    async with unit_of_work():
        await _staff(principal.id)
        return _status(await repository.totp_credential(principal.id))


async def start_enrolment(ctx: AuthContext, principal: Principal) -> TotpEnrolment:
    """A new secret to scan. Refused (409) once a TOTP is confirmed: replacing it would let a
    stolen session swap the second factor."""
    secret = pyotp.random_base32()
    async with unit_of_work():
        person = await _staff(principal.id)
        existing = await repository.totp_credential(principal.id, for_update=True)
        if existing is not None and existing.confirmed_at is not None:
            raise Problem(409, "totp_already_enrolled")
        await repository.start_totp(principal.id, encrypt_secret(ctx.settings, secret))
        await record(actor_id=principal.id, action="totp.enrolment_started",
                     object_type="totp_credential", object_id=principal.id,
                     after={"restarted": existing is not None})
    uri = pyotp.TOTP(secret).provisioning_uri(name=person.email or str(person.id),
                                              issuer_name=ISSUER)
    return TotpEnrolment(secret=secret, otpauth_uri=uri,
                         qr_code_svg=segno.make(uri, error="m").svg_data_uri(scale=4),
                         digits=6, period=30)


async def confirm_enrolment(ctx: AuthContext, principal: Principal, code: str,
                            ip: str | None) -> TotpStatus:
    code = _code(code)
    account = f"totp:{principal.id}"
    await lockout.check(ctx, account, ip)
    wrong = False
    async with unit_of_work():
        await _staff(principal.id)
        credential = await repository.totp_credential(principal.id, for_update=True)
        if credential is None:
            raise Problem(409, "totp_not_started")
        if credential.confirmed_at is not None:
            raise Problem(409, "totp_already_enrolled")
        step = matching_step(decrypt_secret(ctx.settings, credential.secret_encrypted), code,
                             credential.last_step)
        if step is None:
            wrong = True
        else:
            credential = await repository.use_totp_step(principal.id, step, confirm_at=NOW)
            await record(actor_id=principal.id, action="totp.enrolled",
                         object_type="totp_credential", object_id=principal.id,
                         after={"confirmed_at": credential.confirmed_at})
    if wrong:
        await lockout.failed(ctx, account, ip)
        raise validation_problem([FieldError("code", "totp_code_invalid")])
    await lockout.succeeded(ctx, account, ip)
    return _status(credential)


async def verify_for_sign_in(ctx: AuthContext, person_id: uuid.UUID, code: str) -> bool:
    """Inside the caller's transaction: True and the step recorded when ``code`` is the
    person's current TOTP code, not used before."""
    credential = await repository.totp_credential(person_id, for_update=True)
    if credential is None or credential.confirmed_at is None:
        return False
    step = matching_step(decrypt_secret(ctx.settings, credential.secret_encrypted), code,
                         credential.last_step)
    if step is None:
        return False
    await repository.use_totp_step(person_id, step)
    return True
