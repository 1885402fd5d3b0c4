"""Staff sign-in: password, then a second factor; and creating staff accounts (CLI, demo).

1. ``POST /auth/password`` checks e-mail and password (one generic error for every wrong
   combination) and answers a challenge, never tokens: the second factor is a TOTP code when
   the person enrolled one (``backend.people.totp``), else a 6-digit code sent to their e-mail.
2. ``POST /auth/second-factor`` exchanges the challenge and the code for a staff session
   (short access tokens, a session that ends after ``staff_session_ttl_seconds``).

Both steps go through the lockout per account and IP (``backend.people.lockout``); a challenge
also dies after ``MAX_ATTEMPTS`` wrong codes or ``CHALLENGE_TTL_SECONDS``.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import uuid

import msgspec

from backend.audit.service import record
from backend.http.problems import FieldError, Problem
from backend.notifications.service import notify
from backend.people import lockout, passwords, repository, sessions, totp, validation
from backend.people.common import STAFF_ROLES, AuthContext, keyed_hash, validation_problem
from backend.people.rows import StaffChallengeRow
from backend.people.schemas import SecondFactorChallenge, TokenPair
from backend.platform.db import unit_of_work

CHALLENGE_TTL_SECONDS = 5 * 60
MAX_ATTEMPTS = 5


def _challenge_hash(ctx: AuthContext, token: str) -> str:
    return keyed_hash(ctx.settings.secret_key, "staff-challenge", token)


def _code_hash(ctx: AuthContext, challenge_token: str, code: str) -> str:
    return keyed_hash(ctx.settings.secret_key, "staff-code", challenge_token, code)


async def password_sign_in(ctx: AuthContext, *, email: str, password: str,
                           ip: str | None) -> SecondFactorChallenge:
    """Advisers and admins only; one generic error for every wrong combination."""
    try:
        email = validation.normalise_email(email)
    except validation.Invalid:
        email = ""
    await lockout.check(ctx, email, ip)
    found = await repository.staff_credentials(email) if email else None
    credentials, has_totp = found if found else (None, False)
    # scrypt runs in a thread, outside any transaction; for unknown accounts on a dummy hash.
    ok = await asyncio.to_thread(passwords.verify_password, password,
                                 credentials.password_hash if credentials else None)
    if not ok or credentials is None:
        await lockout.failed(ctx, email, ip)
        raise Problem(401, "invalid_credentials")
    # The failure count is cleared only by a complete sign-in: knowing the password must not
    # buy fresh attempts at the second factor.

    token = secrets.token_urlsafe(32)
    method = "totp" if has_totp else "email"
    code = f"{secrets.randbelow(10**6):06d}" if method == "email" else None
    async with unit_of_work():
        challenge = await repository.insert_staff_challenge(
            person_id=credentials.id, token_hash=_challenge_hash(ctx, token), method=method,
            code_hash=_code_hash(ctx, token, code) if code else None,
            ttl_seconds=CHALLENGE_TTL_SECONDS, ip=ip)
        if code:
            await notify(key=f"staff-code:{challenge.id}", channel="email",
                         to=credentials.email, template="staff_code",
                         language=credentials.language or "nl",
                         params={"code": code, "minutes": CHALLENGE_TTL_SECONDS // 60})
        await record(actor_id=credentials.id, action="staff_challenge.created",
                     object_type="staff_challenge", object_id=challenge.id,
                     after={"method": method, "expires_at": challenge.expires_at})
    return SecondFactorChallenge(
        second_factor_required=True, challenge_token=token, method=method,
        expires_in=CHALLENGE_TTL_SECONDS,
        dev_code=code if code and ctx.settings.is_development else None)


async def second_factor(ctx: AuthContext, *, challenge_token: str, code: str,
                        ip: str | None) -> TokenPair:
    """The second step: the challenge of ``password_sign_in`` and its code, for a staff pair."""
    try:
        code = validation.otp_code(code)
    except validation.Invalid as exc:
        raise validation_problem([exc.error]) from exc
    failure: Problem | None = None
    pair: TokenPair | None = None
    account: str | None = None
    wrong = False
    async with unit_of_work():
        challenge = await repository.staff_challenge_by_hash(
            _challenge_hash(ctx, challenge_token))
        if challenge is not None:
            account = challenge.email or ""
            await lockout.check(ctx, account, ip)
        if challenge is None or challenge.consumed_at is not None or challenge.expired:
            failure = Problem(401, "second_factor_expired")
        elif challenge.attempts >= MAX_ATTEMPTS:
            failure = Problem(401, "second_factor_locked")
        elif challenge.role not in STAFF_ROLES:
            failure = Problem(401, "second_factor_expired")
        elif not await _code_matches(ctx, challenge, challenge_token, code):
            wrong = True
            attempts = await repository.count_staff_attempt(challenge.id)
            remaining = MAX_ATTEMPTS - attempts
            if remaining <= 0:
                await record(actor_id=None, action="staff_challenge.locked",
                             object_type="staff_challenge", object_id=challenge.id,
                             after={"attempts": attempts})
                failure = Problem(401, "second_factor_locked")
            else:
                failure = Problem(401, "second_factor_invalid", remaining=remaining)
        else:
            await repository.consume_staff_challenge(challenge.id)
            pair = await sessions.issue_pair(ctx, challenge.person, challenge.role)
            await record(actor_id=challenge.person, action="person.signed_in",
                         object_type="person", object_id=challenge.person,
                         after={"method": f"password+{challenge.method}"})
    # Committed: the attempt counts even though the answer is an error.
    if wrong and account is not None:
        await lockout.failed(ctx, account, ip)
    if failure is not None:
        raise failure
    if account is not None:
        await lockout.succeeded(ctx, account, ip)
    assert pair is not None
    return pair


async def _code_matches(ctx: AuthContext, challenge: StaffChallengeRow, token: str,
                        code: str) -> bool:
    if challenge.method == "totp":
        return await totp.verify_for_sign_in(ctx, challenge.person, code)
    return hmac.compare_digest(_code_hash(ctx, token, code), challenge.code_hash or "")


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
        raise validation_problem(errors)
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
                         object_id=person.id, after=msgspec.structs.asdict(person))
        else:
            person = await repository.set_staff(
                existing.id, role=role, password_hash=password_hash,
                first_name=values["firstName"], last_name=values["lastName"])
            await record(actor_id=None, action="person.staff_updated", object_type="person",
                         object_id=person.id,
                         before={"role": existing.role, "first_name": existing.first_name,
                                 "last_name": existing.last_name},
                         after={"role": role, "first_name": person.first_name,
                                "last_name": person.last_name, "password": "changed"})
    return person.id
