"""Every query of the people context: persons, OTP challenges, refresh tokens, membership.

All functions join the caller's transaction (``backend.platform.db.fetch``); the service opens it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from backend.platform.db import fetch

PERSON_COLUMNS = (
    "id, phone, email, role, first_name, last_name, language, national_number, iban, "
    "address, birth_date, created_at, updated_at"
)
# Fields a person may change about themselves (PATCH /me), column names.
PROFILE_COLUMNS = ("first_name", "last_name", "language", "national_number", "iban",
                   "address", "birth_date")


# --- persons ------------------------------------------------------------------------------

async def person_by_id(person_id: uuid.UUID, *, for_update: bool = False) -> dict | None:
    lock = " FOR UPDATE" if for_update else ""
    rows = await fetch(f"SELECT {PERSON_COLUMNS} FROM person WHERE id = {{}}{lock}", person_id)
    return rows[0] if rows else None


async def person_by_contact(*, phone: str | None = None, email: str | None = None) -> dict | None:
    if phone is not None:
        rows = await fetch(f"SELECT {PERSON_COLUMNS} FROM person WHERE phone = {{}}", phone)
    else:
        rows = await fetch(f"SELECT {PERSON_COLUMNS} FROM person WHERE email = {{}}", email)
    return rows[0] if rows else None


async def staff_credentials(email: str) -> dict | None:
    """id, role and password hash of an adviser or admin with this e-mail, if any."""
    rows = await fetch(
        "SELECT id, role, password_hash FROM person "
        "WHERE email = {} AND role IN ('adviser', 'admin') AND password_hash IS NOT NULL",
        email,
    )
    return rows[0] if rows else None


async def insert_person(*, phone: str | None, email: str | None, language: str,
                        role: str = "worker", first_name: str | None = None,
                        last_name: str | None = None,
                        password_hash: str | None = None) -> dict | None:
    """The new person, or None when the phone/e-mail is already taken (a concurrent sign-in)."""
    rows = await fetch(
        "INSERT INTO person (id, phone, email, role, language, first_name, last_name, "
        "password_hash) VALUES ({}, {}, {}, {}, {}, {}, {}, {}) "
        f"ON CONFLICT DO NOTHING RETURNING {PERSON_COLUMNS}",
        uuid.uuid4(), phone, email, role, language, first_name, last_name, password_hash,
    )
    return rows[0] if rows else None


async def update_person(person_id: uuid.UUID, changes: dict) -> dict:
    columns = [c for c in changes if c in PROFILE_COLUMNS]
    if not columns:
        raise ValueError("no profile column to update")
    assignments = ", ".join(f"{c} = {{}}" for c in columns)
    rows = await fetch(
        f"UPDATE person SET {assignments}, updated_at = now() WHERE id = {{}} "
        f"RETURNING {PERSON_COLUMNS}",
        *[changes[c] for c in columns], person_id,
    )
    return rows[0]


async def set_staff(person_id: uuid.UUID, *, role: str, password_hash: str,
                    first_name: str, last_name: str) -> dict:
    rows = await fetch(
        "UPDATE person SET role = {}, password_hash = {}, first_name = {}, last_name = {}, "
        f"updated_at = now() WHERE id = {{}} RETURNING {PERSON_COLUMNS}",
        role, password_hash, first_name, last_name, person_id,
    )
    return rows[0]


# --- OTP challenges -----------------------------------------------------------------------

async def insert_challenge(*, destination: str, channel: str, code_hash: str, ttl_seconds: int,
                           ip: str | None) -> dict:
    rows = await fetch(
        "INSERT INTO otp_challenge (id, destination, channel, code_hash, expires_at, ip) "
        "VALUES ({}, {}, {}, {}, now() + make_interval(secs => {}), {}) "
        "RETURNING id, destination, channel, expires_at, created_at",
        uuid.uuid4(), destination, channel, code_hash, float(ttl_seconds), ip,
    )
    return rows[0]


async def latest_challenge(destination: str) -> dict | None:
    """The newest challenge for a destination, locked; older ones no longer count."""
    rows = await fetch(
        "SELECT id, destination, channel, code_hash, attempts, expires_at, consumed_at, "
        "expires_at <= now() AS expired FROM otp_challenge WHERE destination = {} "
        "ORDER BY created_at DESC, id LIMIT 1 FOR UPDATE",
        destination,
    )
    return rows[0] if rows else None


async def count_attempt(challenge_id: uuid.UUID) -> int:
    rows = await fetch(
        "UPDATE otp_challenge SET attempts = attempts + 1 WHERE id = {} RETURNING attempts",
        challenge_id,
    )
    return rows[0]["attempts"]


async def consume_challenge(challenge_id: uuid.UUID) -> None:
    await fetch(
        "UPDATE otp_challenge SET consumed_at = now(), attempts = attempts + 1 WHERE id = {}",
        challenge_id,
    )


async def challenges_in_last_hour(*, destination: str | None = None,
                                  ip: str | None = None) -> int:
    """Fallback counter for the OTP rate limits when Redis cannot be reached."""
    if destination is not None:
        rows = await fetch(
            "SELECT count(*) AS n FROM otp_challenge WHERE destination = {} "
            "AND created_at > now() - interval '1 hour'", destination)
    else:
        rows = await fetch(
            "SELECT count(*) AS n FROM otp_challenge WHERE ip = {} "
            "AND created_at > now() - interval '1 hour'", ip)
    return rows[0]["n"]


# --- refresh tokens -----------------------------------------------------------------------

async def insert_refresh_token(*, person_id: uuid.UUID, family_id: uuid.UUID, token_hash: str,
                               ttl_seconds: int) -> None:
    await fetch(
        "INSERT INTO refresh_token (id, person, family_id, token_hash, expires_at) "
        "VALUES ({}, {}, {}, {}, now() + make_interval(secs => {}))",
        uuid.uuid4(), person_id, family_id, token_hash, float(ttl_seconds),
    )


async def refresh_token_by_hash(token_hash: str) -> dict | None:
    rows = await fetch(
        "SELECT id, person, family_id, used_at, revoked_at, expires_at <= now() AS expired "
        "FROM refresh_token WHERE token_hash = {} FOR UPDATE",
        token_hash,
    )
    return rows[0] if rows else None


async def mark_refresh_used(token_id: uuid.UUID) -> None:
    await fetch("UPDATE refresh_token SET used_at = now() WHERE id = {}", token_id)


async def revoke_family(family_id: uuid.UUID) -> int:
    rows = await fetch(
        "UPDATE refresh_token SET revoked_at = now() WHERE family_id = {} AND revoked_at IS NULL "
        "RETURNING id",
        family_id,
    )
    return len(rows)


# --- membership ---------------------------------------------------------------------------

async def insert_share_purchase(*, person_id: uuid.UUID, shares: int, category: str,
                                amount_cents: int, purchased_on: dt.date) -> dict:
    rows = await fetch(
        "INSERT INTO share_purchase (id, person, shares, category, amount_cents, purchased_on) "
        "VALUES ({}, {}, {}, {}, {}, {}) "
        "RETURNING id, person, shares, category, amount_cents, purchased_on, created_at",
        uuid.uuid4(), person_id, shares, category, amount_cents, purchased_on,
    )
    return rows[0]


async def share_purchases(person_id: uuid.UUID) -> list[dict]:
    return await fetch(
        "SELECT id, shares, category, amount_cents, purchased_on, created_at FROM share_purchase "
        "WHERE person = {} ORDER BY created_at, id",
        person_id,
    )


async def shares_total(person_id: uuid.UUID) -> int:
    rows = await fetch(
        "SELECT coalesce(sum(shares), 0) AS n FROM share_purchase WHERE person = {}", person_id)
    return int(rows[0]["n"])


async def insert_agreement(*, person_id: uuid.UUID, version: str) -> dict | None:
    """The acceptance, or None when this person already accepted this version."""
    rows = await fetch(
        "INSERT INTO usage_agreement (id, person, version) VALUES ({}, {}, {}) "
        "ON CONFLICT (person, version) DO NOTHING RETURNING id, version, accepted_at",
        uuid.uuid4(), person_id, version,
    )
    return rows[0] if rows else None


async def latest_agreement(person_id: uuid.UUID) -> dict | None:
    rows = await fetch(
        "SELECT id, version, accepted_at FROM usage_agreement WHERE person = {} "
        "ORDER BY accepted_at DESC, id LIMIT 1",
        person_id,
    )
    return rows[0] if rows else None


async def performances_without_share(person_id: uuid.UUID) -> int:
    rows = await fetch(
        "SELECT count(*) AS n FROM performance WHERE person = {} AND NOT with_share", person_id)
    return int(rows[0]["n"])


async def performance_standing(person_id: uuid.UUID, reference: str) -> dict | None:
    """In one statement, with the person's row locked (two performances of one person queue
    here): the shares they hold, their performances without a share, and whether one is
    already recorded under ``reference``. None when there is no such person."""
    rows = await fetch(
        "SELECT (SELECT coalesce(sum(shares), 0) FROM share_purchase WHERE person = p.id) "
        "AS shares, (SELECT count(*) FROM performance WHERE person = p.id AND NOT with_share) "
        "AS without_share, EXISTS (SELECT 1 FROM performance WHERE reference = {}) AS recorded "
        "FROM person p WHERE p.id = {} FOR UPDATE", reference, person_id)
    return rows[0] if rows else None


async def performance_by_reference(reference: str) -> dict | None:
    rows = await fetch(
        "SELECT id, person, reference, with_share, created_at FROM performance "
        "WHERE reference = {}", reference)
    return rows[0] if rows else None


async def insert_performance(*, person_id: uuid.UUID, reference: str, with_share: bool) -> dict:
    rows = await fetch(
        "INSERT INTO performance (id, person, reference, with_share) VALUES ({}, {}, {}, {}) "
        "RETURNING id, person, reference, with_share, created_at",
        uuid.uuid4(), person_id, reference, with_share,
    )
    return rows[0]
