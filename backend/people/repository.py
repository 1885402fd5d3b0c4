"""Every query of the people context: persons, OTP challenges, refresh tokens, staff second
factor, membership, erasure requests.

Piccolo's query builder with typed rows (``rows.py``); raw SQL only where Piccolo cannot say
it, each with its reason. All functions join the caller's transaction; the service opens it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from piccolo.querystring import QueryString

from backend.people.rows import (
    AgreementRow,
    ChallengeRow,
    ErasureRequestRow,
    PerformanceRow,
    PersonRow,
    RefreshTokenRow,
    SharePurchaseRow,
    StaffChallengeRow,
    StaffCredentialsRow,
    StandingRow,
    TotpCredentialRow,
)
from backend.people.tables import (
    ErasureRequest,
    OtpChallenge,
    Performance,
    Person,
    RefreshToken,
    SharePurchase,
    StaffChallenge,
    TotpCredential,
    UsageAgreement,
)
from backend.platform.db import NOW, compiled, fetch, insert, new_row, row, rows

PERSON_COLUMNS = (Person.id, Person.phone, Person.email, Person.role, Person.first_name,
                  Person.last_name, Person.language, Person.national_number, Person.iban,
                  Person.bic, Person.address, Person.birth_date, Person.created_at,
                  Person.updated_at, Person.erased_at)
# Fields a person may change about themselves (PATCH /me), column names.
PROFILE_COLUMNS = ("first_name", "last_name", "language", "national_number", "iban", "bic",
                   "address", "birth_date")


def _in_seconds(seconds: float) -> QueryString:
    """A time ``seconds`` from now by the database's clock (expiries compare with it)."""
    return QueryString("now() + make_interval(secs => {})", float(seconds))


def _expired(table) -> QueryString:
    """``expired`` as a selected column, by the database's clock."""
    return QueryString(f'"{table._meta.tablename}"."expires_at" <= now()').as_alias("expired")


# --- persons ------------------------------------------------------------------------------

async def person_by_id(person_id: uuid.UUID, *, for_update: bool = False) -> PersonRow | None:
    query = Person.select(*PERSON_COLUMNS).where(Person.id == person_id)
    return await row(query.lock_rows() if for_update else query, PersonRow)


async def person_by_contact(*, phone: str | None = None, email: str | None = None
                            ) -> PersonRow | None:
    where = Person.phone == phone if phone is not None else Person.email == email
    return await row(Person.select(*PERSON_COLUMNS).where(where), PersonRow)


async def person_role(person_id: uuid.UUID) -> str | None:
    """The person's current role, None when there is no such person or their data was
    erased (checked per request)."""
    found = await Person.select(Person.role).where(
        (Person.id == person_id) & Person.erased_at.is_null()).first()
    return found["role"] if found else None


async def staff_credentials(email: str) -> tuple[StaffCredentialsRow, bool] | None:
    """The adviser or admin with this e-mail and a password, and whether their TOTP is
    confirmed; None when there is none."""
    person = await row(Person.select(
        Person.id, Person.role, Person.email, Person.language, Person.password_hash,
    ).where((Person.email == email) & Person.role.is_in(["adviser", "admin"])
            & Person.password_hash.is_not_null()), StaffCredentialsRow)
    if person is None:
        return None
    has_totp = await TotpCredential.exists().where(
        (TotpCredential.person == person.id) & TotpCredential.confirmed_at.is_not_null())
    return person, has_totp


async def insert_person(*, phone: str | None, email: str | None, language: str,
                        role: str = "worker", first_name: str | None = None,
                        last_name: str | None = None,
                        password_hash: str | None = None) -> PersonRow | None:
    """The new person, or None when the phone/e-mail is already taken (a concurrent sign-in)."""
    return await row(Person.insert(new_row(
        Person, id=uuid.uuid4(), phone=phone, email=email, role=role, language=language,
        first_name=first_name, last_name=last_name, password_hash=password_hash,
    )).on_conflict(action="DO NOTHING").returning(*PERSON_COLUMNS), PersonRow)


async def update_person(person_id: uuid.UUID, changes: dict) -> PersonRow:
    columns = [c for c in changes if c in PROFILE_COLUMNS]
    if not columns:
        raise ValueError("no profile column to update")
    values = {getattr(Person, c): changes[c] for c in columns}
    return await row(Person.update({**values, Person.updated_at: NOW})
                     .where(Person.id == person_id).returning(*PERSON_COLUMNS), PersonRow)


async def set_staff(person_id: uuid.UUID, *, role: str, password_hash: str,
                    first_name: str, last_name: str) -> PersonRow:
    return await row(Person.update({
        Person.role: role, Person.password_hash: password_hash, Person.first_name: first_name,
        Person.last_name: last_name, Person.updated_at: NOW,
    }).where(Person.id == person_id).returning(*PERSON_COLUMNS), PersonRow)


async def erase_person(person_id: uuid.UUID, *, keep: dict) -> PersonRow:
    """Anonymise a person: contact and payment data go; ``keep`` (column -> value) is what a
    retained social record still needs (names, national number, birth date) or None."""
    return await row(Person.update({
        Person.phone: None, Person.email: None, Person.iban: None, Person.bic: None,
        Person.address: None, Person.password_hash: None,
        Person.first_name: keep.get("first_name"), Person.last_name: keep.get("last_name"),
        Person.national_number: keep.get("national_number"),
        Person.birth_date: keep.get("birth_date"),
        Person.erased_at: QueryString("coalesce(erased_at, now())"), Person.updated_at: NOW,
    }).where(Person.id == person_id).returning(*PERSON_COLUMNS), PersonRow)


# --- OTP challenges -----------------------------------------------------------------------

async def insert_challenge(*, destination: str, channel: str, code_hash: str, ttl_seconds: int,
                           ip: str | None) -> ChallengeRow:
    return await row(OtpChallenge.insert(new_row(
        OtpChallenge, id=uuid.uuid4(), destination=destination, channel=channel,
        code_hash=code_hash, expires_at=_in_seconds(ttl_seconds), ip=ip,
    )).returning(OtpChallenge.id, OtpChallenge.destination, OtpChallenge.channel,
                 OtpChallenge.expires_at, OtpChallenge.created_at), ChallengeRow)


async def latest_challenge(destination: str) -> ChallengeRow | None:
    """The newest challenge for a destination, locked; older ones no longer count."""
    return await row(OtpChallenge.select(
        OtpChallenge.id, OtpChallenge.destination, OtpChallenge.channel,
        OtpChallenge.code_hash, OtpChallenge.attempts, OtpChallenge.expires_at,
        OtpChallenge.consumed_at, OtpChallenge.created_at, _expired(OtpChallenge),
    ).where(OtpChallenge.destination == destination)
        .order_by(OtpChallenge.created_at, ascending=False).order_by(OtpChallenge.id)
        .limit(1).lock_rows(), ChallengeRow)


async def count_attempt(challenge_id: uuid.UUID) -> int:
    found = await OtpChallenge.update({OtpChallenge.attempts: OtpChallenge.attempts + 1}) \
        .where(OtpChallenge.id == challenge_id).returning(OtpChallenge.attempts)
    return found[0]["attempts"]


async def consume_challenge(challenge_id: uuid.UUID) -> None:
    await OtpChallenge.update({OtpChallenge.consumed_at: NOW,
                               OtpChallenge.attempts: OtpChallenge.attempts + 1}) \
        .where(OtpChallenge.id == challenge_id)


async def challenges_in_last_hour(*, destination: str | None = None,
                                  ip: str | None = None) -> int:
    """Fallback counter for the OTP rate limits when Redis cannot be reached."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    who = OtpChallenge.destination == destination if destination is not None \
        else OtpChallenge.ip == ip
    return await OtpChallenge.count().where(who & (OtpChallenge.created_at > since))


# --- refresh tokens -----------------------------------------------------------------------

async def insert_refresh_token(*, person_id: uuid.UUID, family_id: uuid.UUID, token_hash: str,
                               role: str, ttl_seconds: int | None = None,
                               expires_at: dt.datetime | None = None) -> None:
    """Expiring ``ttl_seconds`` from now, or at ``expires_at`` (a staff session's fixed end)."""
    await RefreshToken.insert(new_row(
        RefreshToken, id=uuid.uuid4(), person=person_id, family_id=family_id,
        token_hash=token_hash, role=role,
        expires_at=expires_at if expires_at is not None else _in_seconds(ttl_seconds or 0)))


async def refresh_token_by_hash(token_hash: str) -> RefreshTokenRow | None:
    return await row(RefreshToken.select(
        RefreshToken.id, RefreshToken.person, RefreshToken.family_id, RefreshToken.role,
        RefreshToken.used_at, RefreshToken.revoked_at, RefreshToken.expires_at,
        _expired(RefreshToken),
    ).where(RefreshToken.token_hash == token_hash).lock_rows(), RefreshTokenRow)


async def family_revoked(family_id: uuid.UUID) -> bool:
    """Whether a session was revoked (the revocation list's fallback when Redis is down)."""
    return await RefreshToken.exists().where(
        (RefreshToken.family_id == family_id) & RefreshToken.revoked_at.is_not_null())


async def open_families(person_id: uuid.UUID) -> list[uuid.UUID]:
    found = await RefreshToken.select(RefreshToken.family_id).where(
        (RefreshToken.person == person_id) & RefreshToken.revoked_at.is_null()).distinct()
    return [r["family_id"] for r in found]


async def mark_refresh_used(token_id: uuid.UUID) -> None:
    await RefreshToken.update({RefreshToken.used_at: NOW}).where(RefreshToken.id == token_id)


async def revoke_family(family_id: uuid.UUID) -> int:
    found = await RefreshToken.update({RefreshToken.revoked_at: NOW}).where(
        (RefreshToken.family_id == family_id) & RefreshToken.revoked_at.is_null(),
    ).returning(RefreshToken.id)
    return len(found)


# --- staff second factor -----------------------------------------------------------------

async def insert_staff_challenge(*, person_id: uuid.UUID, token_hash: str, method: str,
                                 code_hash: str | None, ttl_seconds: int,
                                 ip: str | None) -> StaffChallengeRow:
    return await row(StaffChallenge.insert(new_row(
        StaffChallenge, id=uuid.uuid4(), person=person_id, token_hash=token_hash,
        method=method, code_hash=code_hash, ip=ip, expires_at=_in_seconds(ttl_seconds),
    )).returning(StaffChallenge.id, StaffChallenge.person, StaffChallenge.method,
                 StaffChallenge.expires_at), StaffChallengeRow)


async def staff_challenge_by_hash(token_hash: str) -> StaffChallengeRow | None:
    """The challenge with its person's e-mail and role, locked."""
    person = StaffChallenge.person
    return await row(StaffChallenge.select(
        StaffChallenge.id, StaffChallenge.person, StaffChallenge.method,
        StaffChallenge.code_hash, StaffChallenge.attempts, StaffChallenge.consumed_at,
        StaffChallenge.expires_at, _expired(StaffChallenge),
        person.email.as_alias("email"), person.role.as_alias("role"),
    ).where(StaffChallenge.token_hash == token_hash).lock_rows(of=(StaffChallenge,)),
        StaffChallengeRow)


async def count_staff_attempt(challenge_id: uuid.UUID) -> int:
    found = await StaffChallenge.update({StaffChallenge.attempts: StaffChallenge.attempts + 1}) \
        .where(StaffChallenge.id == challenge_id).returning(StaffChallenge.attempts)
    return found[0]["attempts"]


async def consume_staff_challenge(challenge_id: uuid.UUID) -> None:
    await StaffChallenge.update({StaffChallenge.consumed_at: NOW,
                                 StaffChallenge.attempts: StaffChallenge.attempts + 1}) \
        .where(StaffChallenge.id == challenge_id)


async def totp_credential(person_id: uuid.UUID, *, for_update: bool = False
                          ) -> TotpCredentialRow | None:
    query = TotpCredential.select().where(TotpCredential.person == person_id)
    return await row(query.lock_rows() if for_update else query, TotpCredentialRow)


async def start_totp(person_id: uuid.UUID, secret_encrypted: str) -> None:
    """A new pending secret; only while none is confirmed (the service checks under lock)."""
    await TotpCredential.insert(new_row(
        TotpCredential, person=person_id, secret_encrypted=secret_encrypted,
    )).on_conflict(target=TotpCredential.person, action="DO UPDATE", values=[
        (TotpCredential.secret_encrypted, secret_encrypted),
        (TotpCredential.confirmed_at, None), (TotpCredential.last_step, None),
        (TotpCredential.created_at, NOW)])


async def use_totp_step(person_id: uuid.UUID, step: int, *,
                        confirm_at: QueryString | None = None) -> TotpCredentialRow:
    """Record the newest accepted step; ``confirm_at`` (e.g. ``NOW``) confirms the enrolment."""
    values: dict = {TotpCredential.last_step: step}
    if confirm_at is not None:
        values[TotpCredential.confirmed_at] = confirm_at
    return await row(TotpCredential.update(values).where(TotpCredential.person == person_id)
                     .returning(*TotpCredential.all_columns()), TotpCredentialRow)


# --- membership ---------------------------------------------------------------------------

async def next_share_number() -> int:
    # Raw SQL: a sequence (share_payment_number); Piccolo's query builder has no nextval.
    found = await fetch("SELECT nextval('share_payment_number') AS n")
    return found[0]["n"]


async def insert_share_purchase(**values) -> SharePurchaseRow:
    return await row(SharePurchase.insert(new_row(SharePurchase, id=uuid.uuid4(), **values))
                     .returning(*SharePurchase.all_columns()), SharePurchaseRow)


async def share_purchases(person_id: uuid.UUID) -> list[SharePurchaseRow]:
    return await rows(SharePurchase.select().where(SharePurchase.person == person_id)
                      .order_by(SharePurchase.created_at).order_by(SharePurchase.id),
                      SharePurchaseRow)


async def open_share_request(person_id: uuid.UUID, *, for_update: bool = False
                             ) -> SharePurchaseRow | None:
    query = SharePurchase.select().where((SharePurchase.person == person_id)
                                         & (SharePurchase.status == "requested"))
    return await row(query.lock_rows() if for_update else query, SharePurchaseRow)


async def share_request_by_communication(digits: str, *, for_update: bool = False
                                         ) -> SharePurchaseRow | None:
    """The share request whose structured communication has these 12 digits."""
    formatted = f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++"
    query = SharePurchase.select().where(SharePurchase.structured_communication == formatted)
    return await row(query.lock_rows() if for_update else query, SharePurchaseRow)


async def update_share_purchase(purchase_id: uuid.UUID, **values) -> SharePurchaseRow:
    return await row(SharePurchase.update({getattr(SharePurchase, k): v
                                           for k, v in values.items()})
                     .where(SharePurchase.id == purchase_id)
                     .returning(*SharePurchase.all_columns()), SharePurchaseRow)


async def shares_paid(person_id: uuid.UUID) -> int:
    found = await SharePurchase.select(SharePurchase.shares.as_alias("n")).where(
        (SharePurchase.person == person_id) & (SharePurchase.status == "paid"))
    return sum(r["n"] for r in found)


async def insert_agreement(*, person_id: uuid.UUID, version: str, ip: str | None,
                           text_sha256: str, language: str) -> AgreementRow | None:
    """The acceptance, or None when this person already accepted this version."""
    return await row(UsageAgreement.insert(new_row(
        UsageAgreement, id=uuid.uuid4(), person=person_id, version=version, ip=ip,
        text_sha256=text_sha256, language=language,
    )).on_conflict(action="DO NOTHING").returning(*UsageAgreement.all_columns()), AgreementRow)


async def agreements(person_id: uuid.UUID) -> list[AgreementRow]:
    """Newest first."""
    return await rows(UsageAgreement.select().where(UsageAgreement.person == person_id)
                      .order_by(UsageAgreement.accepted_at, ascending=False)
                      .order_by(UsageAgreement.id), AgreementRow)


async def performances_without_share(person_id: uuid.UUID) -> int:
    return await Performance.count().where((Performance.person == person_id)
                                           & (Performance.with_share.eq(False)))


def standing_columns(reference) -> tuple[QueryString, ...]:
    """The membership standing as columns of a select on ``person`` (three scalar subqueries
    beside the row; the caller locks it): the shares they paid, their performances without a
    share, whether one is already recorded under ``reference``, and the transaction's time.
    A QuickJob creation reads them with the worker (``quickjobs.repository``)."""
    return (
        QueryString("(SELECT coalesce(sum(shares), 0) FROM share_purchase "
                    "WHERE person = \"person\".\"id\" AND status = 'paid')").as_alias("shares"),
        QueryString("(SELECT count(*) FROM performance "
                    "WHERE person = \"person\".\"id\" AND NOT with_share)").as_alias("without_share"),
        QueryString("EXISTS (SELECT 1 FROM performance WHERE reference = {})",
                    reference).as_alias("recorded"),
        QueryString("now()").as_alias("at"))


def standing_of(found: dict) -> StandingRow:
    """The standing from a row holding ``standing_columns``."""
    return StandingRow(int(found["shares"]), int(found["without_share"]), found["recorded"],
                       found["at"])


async def performance_standing(person_id: uuid.UUID, reference: str) -> StandingRow | None:
    """In one statement, with the person's row locked (two performances of one person queue
    here): ``standing_columns``. None when there is no such person."""
    query = compiled("performance_standing", lambda slot: Person.select(
        *standing_columns(slot("reference"))).where(Person.id == slot("person", Person.id))
        .lock_rows())
    found = await query.fetch({"reference": reference, "person": person_id})
    return standing_of(found[0]) if found else None


async def performance_by_reference(reference: str) -> PerformanceRow | None:
    return await row(Performance.select().where(Performance.reference == reference),
                     PerformanceRow)


async def insert_performance(*, person_id: uuid.UUID, reference: str, with_share: bool,
                             at: dt.datetime) -> PerformanceRow:
    """``at``: the transaction's now() (its ``created_at`` default). Compiled once and
    nothing read back, so inside ``together()`` it joins that block's statement."""
    values = {"id": uuid.uuid4(), "person": person_id, "reference": reference,
              "with_share": with_share}
    await insert(Performance, values)
    return PerformanceRow(**values, created_at=at)


# --- erasure requests ---------------------------------------------------------------------

async def insert_erasure_request(*, person_id: uuid.UUID, ip: str | None) -> ErasureRequestRow:
    return await row(ErasureRequest.insert(new_row(
        ErasureRequest, id=uuid.uuid4(), person=person_id, ip=ip, blockers=[], retained={},
    )).returning(*ErasureRequest.all_columns()), ErasureRequestRow)


async def erasure_request(request_id: uuid.UUID, *, for_update: bool = False
                          ) -> ErasureRequestRow | None:
    query = ErasureRequest.select().where(ErasureRequest.id == request_id)
    return await row(query.lock_rows() if for_update else query, ErasureRequestRow)


async def open_erasure_request(person_id: uuid.UUID) -> ErasureRequestRow | None:
    return await row(ErasureRequest.select().where(
        (ErasureRequest.person == person_id) & (ErasureRequest.status != "done")),
        ErasureRequestRow)


async def latest_erasure_request(person_id: uuid.UUID) -> ErasureRequestRow | None:
    return await row(ErasureRequest.select().where(ErasureRequest.person == person_id)
                     .order_by(ErasureRequest.requested_at, ascending=False).limit(1),
                     ErasureRequestRow)


async def erasure_requests(status: str | None, limit: int) -> list[ErasureRequestRow]:
    query = ErasureRequest.select().order_by(ErasureRequest.requested_at, ascending=False) \
        .limit(limit)
    if status is not None:
        query = query.where(ErasureRequest.status == status)
    return await rows(query, ErasureRequestRow)


async def waiting_erasure_requests(limit: int) -> list[uuid.UUID]:
    found = await ErasureRequest.select(ErasureRequest.id).where(
        ErasureRequest.status.is_in(["requested", "waiting"])).limit(limit)
    return [r["id"] for r in found]


async def update_erasure_request(request_id: uuid.UUID, **values) -> ErasureRequestRow:
    return await row(ErasureRequest.update({
        **{getattr(ErasureRequest, k): v for k, v in values.items()},
        ErasureRequest.updated_at: NOW,
    }).where(ErasureRequest.id == request_id).returning(*ErasureRequest.all_columns()),
        ErasureRequestRow)


async def erased_with_retention_over(on: dt.date, limit: int) -> list[uuid.UUID]:
    """Executed erasures whose retained personal data's last day has passed (the purge sets
    ``retain_until`` to null once done)."""
    found = await ErasureRequest.select(ErasureRequest.id).where(
        (ErasureRequest.status == "done") & (ErasureRequest.retain_until < on)).limit(limit)
    return [r["id"] for r in found]
