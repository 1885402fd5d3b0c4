"""Passer-by sign-in with a one-time code by SMS (mobile numbers only) or e-mail.

Where a failure must still leave a trace (a wrong code counts as an attempt) the transaction
commits first and the problem is raised afterwards. A code never signs in an adviser or admin:
staff use their password and a second factor (``backend.people.staff``).
"""

from __future__ import annotations

import hmac
import logging
import secrets

import msgspec

from backend.audit.service import record
from backend.http.problems import FieldError, Problem
from backend.notifications.service import notify
from backend.people import lockout, repository, sessions, validation
from backend.people.common import (
    RATE_WINDOW_SECONDS,
    STAFF_ROLES,
    AuthContext,
    hit,
    keyed_hash,
    too_many,
    validation_problem,
)
from backend.people.rows import PersonRow
from backend.people.schemas import OtpSent, TokenPair
from backend.platform.db import unit_of_work

log = logging.getLogger("backend.people")


async def _check_otp_rate(ctx: AuthContext, destination: str, ip: str | None) -> None:
    settings = ctx.settings
    dest_key = "otp:dest:" + keyed_hash(settings.secret_key, destination)[:32]
    ip_key = f"otp:ip:{ip or 'unknown'}"
    try:
        wait = await hit(ctx.redis, ip_key, settings.otp_per_ip_per_hour)
        if wait is None:
            wait = await hit(ctx.redis, dest_key, settings.otp_per_destination_per_hour)
    except Exception:  # noqa: BLE001 - Redis down: fall back to counting challenges in the DB
        log.warning("redis unavailable for OTP rate limit, counting in the database")
        by_ip = await repository.challenges_in_last_hour(ip=ip) if ip else 0
        by_dest = await repository.challenges_in_last_hour(destination=destination)
        over = (by_ip >= settings.otp_per_ip_per_hour
                or by_dest >= settings.otp_per_destination_per_hour)
        wait = RATE_WINDOW_SECONDS if over else None
    if wait is not None:
        raise too_many("otp_rate_limited", wait)


def _destination(phone: str | None, email: str | None) -> tuple[str, str]:
    """(channel, normalised destination) from exactly one of phone / e-mail."""
    if (phone is None) == (email is None):
        raise validation_problem([FieldError("phone", "contact_required")])
    try:
        if phone is not None:
            return "sms", validation.mobile_phone(phone)
        return "email", validation.normalise_email(email or "")
    except validation.Invalid as exc:
        raise validation_problem([exc.error]) from exc


def _otp_hash(ctx: AuthContext, destination: str, code: str) -> str:
    return keyed_hash(ctx.settings.secret_key, "otp", destination, code)


async def request_otp(ctx: AuthContext, *, phone: str | None, email: str | None,
                      ip: str | None, language: str | None) -> OtpSent:
    """Send a one-time code. ``language``: from Accept-Language when the caller sent one."""
    channel, destination = _destination(phone, email)
    await _check_otp_rate(ctx, destination, ip)
    settings = ctx.settings
    code = f"{secrets.randbelow(10**6):06d}"
    async with unit_of_work():
        person = await repository.person_by_contact(
            phone=destination if channel == "sms" else None,
            email=destination if channel == "email" else None)
        lang = language or (person.language if person else None) or "nl"
        challenge = await repository.insert_challenge(
            destination=destination, channel=channel,
            code_hash=_otp_hash(ctx, destination, code),
            ttl_seconds=settings.otp_ttl_seconds, ip=ip)
        await notify(key=f"otp:{challenge.id}", channel=channel, to=destination,
                     template="otp", language=lang,
                     params={"code": code, "minutes": settings.otp_ttl_seconds // 60})
    return OtpSent(channel=channel, destination=destination,
                   expires_in=settings.otp_ttl_seconds,
                   dev_code=code if settings.is_development else None)


async def verify_otp(ctx: AuthContext, *, phone: str | None, email: str | None, code: str,
                     language: str | None, ip: str | None = None) -> TokenPair:
    """Exchange a code for a token pair; the first successful sign-in creates the person."""
    channel, destination = _destination(phone, email)
    try:
        code = validation.otp_code(code)
    except validation.Invalid as exc:
        raise validation_problem([exc.error]) from exc
    await lockout.check(ctx, destination, ip)
    settings = ctx.settings
    failure: Problem | None = None
    pair: TokenPair | None = None
    wrong = False
    async with unit_of_work():
        challenge = await repository.latest_challenge(destination)
        if challenge is None or challenge.consumed_at is not None or challenge.expired:
            failure = Problem(401, "otp_expired")
        elif challenge.attempts >= settings.otp_max_attempts:
            failure = Problem(401, "otp_locked")
        elif not hmac.compare_digest(_otp_hash(ctx, destination, code),
                                     challenge.code_hash):
            wrong = True
            attempts = await repository.count_attempt(challenge.id)
            remaining = settings.otp_max_attempts - attempts
            if remaining <= 0:
                await record(actor_id=None, action="otp_challenge.locked",
                             object_type="otp_challenge", object_id=challenge.id,
                             after={"attempts": attempts, "channel": channel})
                failure = Problem(401, "otp_locked")
            else:
                failure = Problem(401, "otp_invalid", remaining=remaining)
        else:
            await repository.consume_challenge(challenge.id)
            person = await _find_or_create(channel, destination, language)
            if person.role in STAFF_ROLES:
                # The code was right, but it is one factor: staff need password + second factor.
                await record(actor_id=person.id, action="person.sign_in_refused",
                             object_type="person", object_id=person.id,
                             after={"method": "otp", "reason": "staff_second_factor_required"})
                failure = Problem(401, "staff_second_factor_required")
            else:
                pair = await sessions.issue_pair(ctx, person.id, person.role)
                await record(actor_id=person.id, action="person.signed_in",
                             object_type="person", object_id=person.id,
                             after={"method": "otp", "channel": channel})
    # Committed: the attempt counts even though the answer is an error.
    if wrong:
        await lockout.failed(ctx, destination, ip, free=settings.otp_max_attempts)
    if failure is not None:
        raise failure
    await lockout.succeeded(ctx, destination, ip)
    assert pair is not None
    return pair


async def _find_or_create(channel: str, destination: str, language: str | None) -> PersonRow:
    contact = {"phone": destination} if channel == "sms" else {"email": destination}
    person = await repository.person_by_contact(**contact)
    if person is not None:
        return person
    created = await repository.insert_person(
        phone=contact.get("phone"), email=contact.get("email"), language=language or "nl")
    if created is None:  # a concurrent first sign-in won the race
        person = await repository.person_by_contact(**contact)
        assert person is not None
        return person
    await record(actor_id=created.id, action="person.created", object_type="person",
                 object_id=created.id, after=msgspec.structs.asdict(created))
    return created
