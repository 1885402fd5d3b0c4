"""People use cases: OTP and password sign-in, refresh rotation, profile, membership.

Services own the transaction (``unit_of_work``); every query lives in ``repository``; every
state change is audited in the same transaction. Input is validated before the transaction
opens, so bad input changes nothing. Where a failure must still leave a trace (a wrong OTP
counts as an attempt, a reused refresh token revokes its family) the transaction commits
first and the problem is raised afterwards.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import hmac
import json
import logging
import math
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msgspec import UNSET

from backend.audit.service import record
from backend.http.problems import FieldError, NotFound, Problem
from backend.notifications.service import notify
from backend.people import passwords, repository, validation
from backend.people.schemas import (
    Me,
    Membership,
    MeUpdate,
    OtpSent,
    SharePurchaseOut,
    TokenPair,
)
from backend.people.tokens import TokenService
from backend.platform.db import unit_of_work
from backend.platform.settings import Settings

log = logging.getLogger("backend.people")

RULES_PATH = Path(__file__).with_name("membership_rules.json")
RATE_WINDOW_SECONDS = 3600
# Wrong staff passwords per account and hour before the account is throttled.
PASSWORD_FAILURES_PER_HOUR = 10
STAFF_ROLES = ("adviser", "admin")


@dataclass(frozen=True)
class AuthContext:
    """What sign-in needs from the application: settings, the JWT service, Redis."""

    settings: Settings
    tokens: TokenService
    redis: Any  # redis.asyncio.Redis


def _validation_problem(errors: list[FieldError]) -> Problem:
    return Problem(422, "validation_failed", errors=errors)


def _keyed_hash(secret: str, *parts: str) -> str:
    message = "\x00".join(parts).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


# --- rate limits (Redis counters, one-hour window from the first hit) ---------------------

async def _hit(redis, key: str, limit: int) -> int | None:
    """Count one hit; the seconds to wait when over ``limit``, else None. Raises if Redis is down."""
    pipe = redis.pipeline()
    pipe.set(key, 0, ex=RATE_WINDOW_SECONDS, nx=True)
    pipe.incr(key)
    pipe.ttl(key)
    _, count, ttl = await pipe.execute()
    if count > limit:
        return max(int(ttl), 1)
    return None


def _too_many(code: str, retry_after: int) -> Problem:
    return Problem(429, code, minutes=max(1, math.ceil(retry_after / 60)),
                   headers={"Retry-After": str(retry_after)})


async def _check_otp_rate(ctx: AuthContext, destination: str, ip: str | None) -> None:
    settings = ctx.settings
    dest_key = "otp:dest:" + _keyed_hash(settings.secret_key, destination)[:32]
    ip_key = f"otp:ip:{ip or 'unknown'}"
    try:
        wait = await _hit(ctx.redis, ip_key, settings.otp_per_ip_per_hour)
        if wait is None:
            wait = await _hit(ctx.redis, dest_key, settings.otp_per_destination_per_hour)
    except Exception:  # noqa: BLE001 - Redis down: fall back to counting challenges in the DB
        log.warning("redis unavailable for OTP rate limit, counting in the database")
        by_ip = await repository.challenges_in_last_hour(ip=ip) if ip else 0
        by_dest = await repository.challenges_in_last_hour(destination=destination)
        over = (by_ip >= settings.otp_per_ip_per_hour
                or by_dest >= settings.otp_per_destination_per_hour)
        wait = RATE_WINDOW_SECONDS if over else None
    if wait is not None:
        raise _too_many("otp_rate_limited", wait)


# --- sign-in ------------------------------------------------------------------------------

def _destination(phone: str | None, email: str | None) -> tuple[str, str]:
    """(channel, normalised destination) from exactly one of phone / e-mail."""
    if (phone is None) == (email is None):
        raise _validation_problem([FieldError("phone", "contact_required")])
    try:
        if phone is not None:
            return "sms", validation.normalise_phone(phone)
        return "email", validation.normalise_email(email or "")
    except validation.Invalid as exc:
        raise _validation_problem([exc.error]) from exc


def _otp_hash(settings: Settings, destination: str, code: str) -> str:
    return _keyed_hash(settings.secret_key, "otp", destination, code)


def _refresh_hash(settings: Settings, token: str) -> str:
    return _keyed_hash(settings.secret_key, "refresh", token)


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
        lang = language or (person["language"] if person else None) or "nl"
        challenge = await repository.insert_challenge(
            destination=destination, channel=channel,
            code_hash=_otp_hash(settings, destination, code),
            ttl_seconds=settings.otp_ttl_seconds, ip=ip)
        await notify(key=f"otp:{challenge['id']}", channel=channel, to=destination,
                     template="otp", language=lang,
                     params={"code": code, "minutes": settings.otp_ttl_seconds // 60})
    return OtpSent(channel=channel, destination=destination,
                   expires_in=settings.otp_ttl_seconds,
                   dev_code=code if settings.is_development else None)


async def _issue_pair(ctx: AuthContext, person_id: uuid.UUID, role: str,
                      family_id: uuid.UUID | None = None) -> TokenPair:
    refresh = secrets.token_urlsafe(32)
    await repository.insert_refresh_token(
        person_id=person_id, family_id=family_id or uuid.uuid4(),
        token_hash=_refresh_hash(ctx.settings, refresh),
        ttl_seconds=ctx.settings.refresh_token_ttl_seconds)
    return TokenPair(access_token=ctx.tokens.issue(person_id, role), refresh_token=refresh,
                     expires_in=ctx.tokens.ttl)


async def verify_otp(ctx: AuthContext, *, phone: str | None, email: str | None, code: str,
                     language: str | None) -> TokenPair:
    """Exchange a code for a token pair; the first successful sign-in creates the person."""
    channel, destination = _destination(phone, email)
    try:
        code = validation.otp_code(code)
    except validation.Invalid as exc:
        raise _validation_problem([exc.error]) from exc
    settings = ctx.settings
    failure: Problem | None = None
    pair: TokenPair | None = None
    async with unit_of_work():
        challenge = await repository.latest_challenge(destination)
        if challenge is None or challenge["consumed_at"] is not None or challenge["expired"]:
            failure = Problem(401, "otp_expired")
        elif challenge["attempts"] >= settings.otp_max_attempts:
            failure = Problem(401, "otp_locked")
        elif not hmac.compare_digest(_otp_hash(settings, destination, code),
                                     challenge["code_hash"]):
            attempts = await repository.count_attempt(challenge["id"])
            remaining = settings.otp_max_attempts - attempts
            if remaining <= 0:
                await record(actor_id=None, action="otp_challenge.locked",
                             object_type="otp_challenge", object_id=challenge["id"],
                             after={"attempts": attempts, "channel": channel})
                failure = Problem(401, "otp_locked")
            else:
                failure = Problem(401, "otp_invalid", remaining=remaining)
        else:
            await repository.consume_challenge(challenge["id"])
            person = await _find_or_create(channel, destination, language)
            pair = await _issue_pair(ctx, person["id"], person["role"])
            await record(actor_id=person["id"], action="person.signed_in", object_type="person",
                         object_id=person["id"], after={"method": "otp", "channel": channel})
    # Committed: the attempt counts even though the answer is an error.
    if failure is not None:
        raise failure
    assert pair is not None
    return pair


async def _find_or_create(channel: str, destination: str, language: str | None) -> dict:
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
    await record(actor_id=created["id"], action="person.created", object_type="person",
                 object_id=created["id"], after=created)
    return created


async def refresh(ctx: AuthContext, refresh_token: str) -> TokenPair:
    """Rotate: the presented token is used up, a new one of the same family is issued.

    Presenting an already rotated token again means it leaked: the whole family is revoked
    (the legitimate holder signs in again).
    """
    failure: Problem | None = None
    pair: TokenPair | None = None
    async with unit_of_work():
        row = await repository.refresh_token_by_hash(_refresh_hash(ctx.settings, refresh_token))
        if row is None or row["revoked_at"] is not None or row["expired"]:
            failure = Problem(401, "refresh_invalid")
        elif row["used_at"] is not None:
            revoked = await repository.revoke_family(row["family_id"])
            await record(actor_id=row["person"], action="refresh_family.revoked",
                         object_type="refresh_family", object_id=row["family_id"],
                         after={"reason": "reuse", "tokens_revoked": revoked,
                                "reused_token": row["id"]})
            failure = Problem(401, "refresh_invalid")
        else:
            person = await repository.person_by_id(row["person"])
            if person is None:
                failure = Problem(401, "refresh_invalid")
            else:
                await repository.mark_refresh_used(row["id"])
                pair = await _issue_pair(ctx, person["id"], person["role"], row["family_id"])
    if failure is not None:
        raise failure
    assert pair is not None
    return pair


async def password_sign_in(ctx: AuthContext, *, email: str, password: str,
                           ip: str | None) -> TokenPair:
    """Advisers and admins only; one generic error for every wrong combination."""
    settings = ctx.settings
    try:
        email = validation.normalise_email(email)
    except validation.Invalid:
        email = ""
    fail_key = "pwd:fail:" + _keyed_hash(settings.secret_key, email)[:32]
    try:
        wait = await _hit(ctx.redis, f"pwd:ip:{ip or 'unknown'}", settings.otp_per_ip_per_hour)
        if wait is None:
            count = int(await ctx.redis.get(fail_key) or 0)
            if count >= PASSWORD_FAILURES_PER_HOUR:
                wait = max(int(await ctx.redis.ttl(fail_key)), 1)
    except Exception:  # noqa: BLE001 - Redis down: scrypt's cost is the only brake left
        log.warning("redis unavailable for password rate limit")
        wait = None
    if wait is not None:
        raise _too_many("auth_rate_limited", wait)

    credentials = await repository.staff_credentials(email) if email else None
    # scrypt runs in a thread, outside any transaction; for unknown accounts on a dummy hash.
    ok = await asyncio.to_thread(passwords.verify_password, password,
                                 credentials["password_hash"] if credentials else None)
    if not ok or credentials is None:
        try:
            pipe = ctx.redis.pipeline()
            pipe.set(fail_key, 0, ex=RATE_WINDOW_SECONDS, nx=True)
            pipe.incr(fail_key)
            await pipe.execute()
        except Exception:  # noqa: BLE001
            pass
        raise Problem(401, "invalid_credentials")
    async with unit_of_work():
        pair = await _issue_pair(ctx, credentials["id"], credentials["role"])
        await record(actor_id=credentials["id"], action="person.signed_in", object_type="person",
                     object_id=credentials["id"], after={"method": "password"})
    return pair


# --- profile ------------------------------------------------------------------------------

def _me(person: dict) -> Me:
    return Me(id=person["id"], role=person["role"], language=person["language"],
              phone=person["phone"], email=person["email"], first_name=person["first_name"],
              last_name=person["last_name"], national_number=person["national_number"],
              iban=person["iban"], address=person["address"], birth_date=person["birth_date"],
              created_at=person["created_at"])


async def _existing_person(person_id: uuid.UUID, *, for_update: bool = False) -> dict:
    person = await repository.person_by_id(person_id, for_update=for_update)
    if person is None:  # a valid token for a person who is no longer there
        raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
    return person


async def get_person(person_id: uuid.UUID) -> dict:
    """For other contexts: the person's row (no password hash); 404 when unknown.

    Keys: id, phone, email, role, first_name, last_name, language, national_number, iban,
    address, birth_date, created_at, updated_at. Joins the caller's transaction if any.
    """
    person = await repository.person_by_id(person_id)
    if person is None:
        raise NotFound()
    return person


async def get_me(person_id: uuid.UUID) -> Me:
    return _me(await _existing_person(person_id))


def _profile_changes(update: MeUpdate) -> dict:
    """Column -> normalised value for every field present; 422 listing every bad field."""
    checks = {
        # wire name, column, check for a non-null value, may it be null?
        "firstName": ("first_name", lambda v: validation.name(v, "firstName"), True),
        "lastName": ("last_name", lambda v: validation.name(v, "lastName"), True),
        "language": ("language", validation.language, False),
        "nationalNumber": ("national_number", validation.national_number, True),
        "iban": ("iban", validation.iban, True),
        "address": ("address", validation.address, True),
        "birthDate": ("birth_date", validation.birth_date, True),
    }
    changes: dict = {}
    errors: list[FieldError] = []
    for wire, (column, check, nullable) in checks.items():
        value = getattr(update, column)
        if value is UNSET:
            continue
        if isinstance(value, str) and not value.strip() and column in (
                "national_number", "iban", "address"):
            value = None  # an emptied optional field means "clear it"
        if value is None:
            if nullable:
                changes[column] = None
            else:
                errors.append(FieldError(wire, "field_cannot_be_cleared"))
            continue
        try:
            changes[column] = check(value)
        except validation.Invalid as exc:
            errors.append(exc.error)
    if errors:
        raise _validation_problem(errors)
    return changes


async def update_me(person_id: uuid.UUID, update: MeUpdate) -> Me:
    changes = _profile_changes(update)
    async with unit_of_work():
        before = await _existing_person(person_id, for_update=True)
        diff = {k: v for k, v in changes.items() if before[k] != v}
        if not diff:
            return _me(before)
        after = await repository.update_person(person_id, diff)
        await record(actor_id=person_id, action="person.updated", object_type="person",
                     object_id=person_id, before={k: before[k] for k in diff},
                     after={k: after[k] for k in diff})
    return _me(after)


# --- membership ---------------------------------------------------------------------------

@functools.cache
def membership_rules() -> dict:
    return json.loads(RULES_PATH.read_text())


def share_price_cents(category: str, on: dt.date) -> int:
    rows = [r for r in membership_rules()["sharePrices"]
            if r["category"] == category and dt.date.fromisoformat(r["validFrom"]) <= on
            and (r["validUntil"] is None or on <= dt.date.fromisoformat(r["validUntil"]))]
    if not rows:
        raise LookupError(f"no share price for category {category} on {on}")
    return max(rows, key=lambda r: r["validFrom"])["priceCents"]


def performance_limit() -> int:
    return membership_rules()["performancesWithoutShare"]["limit"]


def current_agreement_version(on: dt.date | None = None) -> str:
    on = on or validation.today()
    rows = [r for r in membership_rules()["usageAgreementVersions"]
            if dt.date.fromisoformat(r["validFrom"]) <= on]
    return max(rows, key=lambda r: r["validFrom"])["version"]


def _euros(cents: int) -> str:
    return str(cents // 100) if cents % 100 == 0 else f"{cents // 100},{cents % 100:02d}"


async def membership(person_id: uuid.UUID) -> Membership:
    await _existing_person(person_id)
    purchases = await repository.share_purchases(person_id)
    total = sum(p["shares"] for p in purchases)
    agreement = await repository.latest_agreement(person_id)
    without = await repository.performances_without_share(person_id)
    limit = performance_limit()
    return Membership(
        is_member=total > 0,
        shares_total=total,
        category=purchases[-1]["category"] if purchases else None,
        purchases=[SharePurchaseOut(id=p["id"], shares=p["shares"], category=p["category"],
                                    amount_cents=p["amount_cents"],
                                    purchased_on=p["purchased_on"]) for p in purchases],
        share_price_cents=share_price_cents("A", validation.today()),
        agreement_version=agreement["version"] if agreement else None,
        agreement_accepted_at=agreement["accepted_at"] if agreement else None,
        current_agreement_version=current_agreement_version(),
        performances_without_share=without,
        performances_without_share_limit=limit,
        can_perform=total > 0 or without < limit,
    )


async def buy_shares(person_id: uuid.UUID, *, shares: int, category: str = "A") -> Membership:
    """Record a share subscription at today's price (payment itself is outside this service)."""
    rules = membership_rules()
    low, high = rules["sharesPerPurchase"]["min"], rules["sharesPerPurchase"]["max"]
    errors = []
    if not low <= shares <= high:
        errors.append(FieldError("shares", "invalid_share_count", {"min": low, "max": high}))
    category = (category or "").strip().upper()
    if category not in ("A", "B", "C"):
        errors.append(FieldError("category", "invalid_share_category"))
    if errors:
        raise _validation_problem(errors)
    async with unit_of_work():
        person = await _existing_person(person_id, for_update=True)
        if category in rules["staffOnlyCategories"] and person["role"] not in STAFF_ROLES:
            raise _validation_problem([FieldError("category", "share_category_not_allowed")])
        today = validation.today()
        price = share_price_cents(category, today)
        purchase = await repository.insert_share_purchase(
            person_id=person_id, shares=shares, category=category,
            amount_cents=price * shares, purchased_on=today)
        await record(actor_id=person_id, action="share.purchased", object_type="share_purchase",
                     object_id=purchase["id"], after=purchase)
        return await membership(person_id)


async def accept_usage_agreement(person_id: uuid.UUID, version: str) -> Membership:
    version = (version or "").strip()
    known = {r["version"] for r in membership_rules()["usageAgreementVersions"]}
    if version not in known:
        raise _validation_problem([FieldError("version", "unknown_agreement_version",
                                              {"current": current_agreement_version()})])
    async with unit_of_work():
        await _existing_person(person_id, for_update=True)
        accepted = await repository.insert_agreement(person_id=person_id, version=version)
        if accepted is not None:  # accepting the same version twice changes nothing
            await record(actor_id=person_id, action="usage_agreement.accepted",
                         object_type="usage_agreement", object_id=accepted["id"],
                         after={"version": version, "accepted_at": accepted["accepted_at"]})
        return await membership(person_id)


async def check_can_perform(person_id: uuid.UUID) -> None:
    """409 ``share_required`` when a person without a share used up the performances allowed
    without one (three, seeds 002:183; domain.md section 3). Members are never limited."""
    if await repository.shares_total(person_id) > 0:
        return
    _refuse_over_limit(await repository.performances_without_share(person_id))


def _refuse_over_limit(done: int) -> None:
    if done >= performance_limit():
        raise Problem(409, "share_required", count=done,
                      price=_euros(share_price_cents("A", validation.today())))


async def record_performance(person_id: uuid.UUID, reference: str) -> dict:
    """Count a performance toward the rule, inside the caller's transaction.

    The person row is locked so two concurrent jobs cannot both be the third one; the rule is
    checked again here (``share_required``). Recording the same reference twice is a no-op.
    """
    async with unit_of_work():
        standing = await repository.performance_standing(person_id, reference)
        if standing is None:  # as _existing_person: a token for a person no longer there
            raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
        if standing["recorded"]:
            existing = await repository.performance_by_reference(reference)
            if existing["person"] != person_id:
                raise ValueError(f"performance {reference!r} belongs to another person")
            return existing
        with_share = standing["shares"] > 0
        if not with_share:
            _refuse_over_limit(standing["without_share"])
        row = await repository.insert_performance(person_id=person_id, reference=reference,
                                                  with_share=with_share)
        await record(actor_id=person_id, action="performance.recorded",
                     object_type="performance", object_id=row["id"], after=row)
        return row


# --- staff (CLI / demo seeding) -----------------------------------------------------------

async def create_staff(email: str, password: str, role: str, first_name: str,
                       last_name: str) -> uuid.UUID:
    """Create (or update: same e-mail) an adviser or admin who signs in with a password.

    Needs an open database pool (``backend.platform.db.start_pool``). Returns the person id.
    """
    errors: list[FieldError] = []
    values: dict = {}
    for field, check in (("email", lambda: validation.normalise_email(email)),
                         ("firstName", lambda: validation.name(first_name, "firstName")),
                         ("lastName", lambda: validation.name(last_name, "lastName"))):
        try:
            values[field] = check()
        except validation.Invalid as exc:
            errors.append(exc.error)
    if role not in STAFF_ROLES:
        errors.append(FieldError("role", "invalid_role"))
    if len(password or "") < passwords.MIN_LENGTH:
        errors.append(FieldError("password", "password_too_short", {"min": passwords.MIN_LENGTH}))
    if errors:
        raise _validation_problem(errors)
    password_hash = await asyncio.to_thread(passwords.hash_password, password)
    async with unit_of_work():
        existing = await repository.person_by_contact(email=values["email"])
        if existing is None:
            person = await repository.insert_person(
                phone=None, email=values["email"], language="nl", role=role,
                first_name=values["firstName"], last_name=values["lastName"],
                password_hash=password_hash)
            assert person is not None
            await record(actor_id=None, action="person.created", object_type="person",
                         object_id=person["id"], after=person)
        else:
            person = await repository.set_staff(
                existing["id"], role=role, password_hash=password_hash,
                first_name=values["firstName"], last_name=values["lastName"])
            await record(actor_id=None, action="person.staff_updated", object_type="person",
                         object_id=person["id"],
                         before={k: existing[k] for k in ("role", "first_name", "last_name")},
                         after={"role": role, "first_name": person["first_name"],
                                "last_name": person["last_name"], "password": "changed"})
    return person["id"]
