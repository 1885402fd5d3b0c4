"""Erasure of a person's data on their request (GDPR art. 17), keeping what the law requires.

1. ``request``: the person asks (``POST /me/erasure``); the request is recorded and audited,
   advisers see it (``GET /backoffice/erasure-requests``), and a job executes it.
2. ``execute``: while work is under way (a QuickJob not finished, a salary not paid, an active
   employment) the request waits, with its reasons, and the daily work tries again. Then, in
   one transaction: sessions revoked; contact and payment data, sign-in codes, second factor,
   Telegram links, bot transcripts, stored request answers and unused clients deleted; an
   unpaid share request cancelled; the personal unit renamed; the person row anonymised
   except what a retained record needs (``retention_rules.json``: names for the accounting
   records, plus national number and birth date for the social ones), until the last day of
   each retention period.
3. ``purge``: the daily work clears what was kept once its period is over.

Retained records (invoices, contracts, payslips, ledgers, paid shares, their documents) are
not touched: the law keeps them (GDPR art. 17(3)(b)).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from backend.audit.service import record
from backend.http import idempotency
from backend.http.problems import FieldError, Problem
from backend.jobs import outbox
from backend.people import personal_data, repository, sessions, validation
from backend.people.profile import existing_person
from backend.people.rows import ErasureRequestRow
from backend.people.schemas import ErasureOut, ErasureRequestList
from backend.platform.db import unit_of_work

if TYPE_CHECKING:  # annotations only: the worker imports this without the web stack
    from backend.http.context import Principal

log = logging.getLogger("backend.people.erasure")
RULES_PATH = Path(__file__).with_name("retention_rules.json")
ERASED_UNIT_NAME = "Erased person"
BATCH = 200


@functools.cache
def retention_rules() -> dict:
    return json.loads(RULES_PATH.read_text())


def _rule(kind: str, on: dt.date) -> dict:
    rows = [r for r in retention_rules()[kind]
            if dt.date.fromisoformat(r["validFrom"]) <= on
            and (r["validUntil"] is None or on <= dt.date.fromisoformat(r["validUntil"]))]
    return max(rows, key=lambda r: r["validFrom"])


def retained_until(kind: str, latest: dt.date, on: dt.date) -> dt.date:
    """The last day a record of ``kind`` dated ``latest`` is kept: ``years`` counted from
    1 January of the year after it."""
    return dt.date(latest.year + _rule(kind, on)["years"], 12, 31)


def _retention(dates: personal_data.Dates, counts: dict[str, int],
               on: dt.date) -> dict[str, dict]:
    kept = retention_rules()["kept_on_the_person"]
    retained = {}
    for kind, latest in (("accounting", dates.accounting), ("social", dates.social)):
        if latest is None:
            continue
        rule = _rule(kind, on)
        retained[kind] = {"until": retained_until(kind, latest, on).isoformat(),
                          "years": rule["years"], "records": rule["records"],
                          "fields": kept[kind], "source": rule["source"]}
    retained["counts"] = counts
    return retained


def _fields_kept(retained: dict, on: dt.date) -> set[str]:
    """The person's fields a retention period still running needs on ``on``."""
    return {field for kind in ("accounting", "social") if kind in retained
            and dt.date.fromisoformat(retained[kind]["until"]) >= on
            for field in retained[kind]["fields"]}


def _next_purge(retained: dict, on: dt.date) -> dt.date | None:
    pending = [dt.date.fromisoformat(retained[k]["until"]) for k in ("accounting", "social")
               if k in retained and dt.date.fromisoformat(retained[k]["until"]) >= on]
    return min(pending) if pending else None


def _out(row: ErasureRequestRow) -> ErasureOut:
    return ErasureOut(id=row.id, person_id=row.person, status=row.status,
                      requested_at=row.requested_at, blockers=row.blockers,
                      retained=row.retained, retain_until=row.retain_until,
                      executed_at=row.executed_at)


# --- the person's side ------------------------------------------------------------------------

async def request(principal: Principal, ip: str | None) -> ErasureOut:
    """Record the request (once: asking again while one is open returns it) and queue its
    execution. Workers only: staff accounts are closed by an admin."""
    if principal.is_staff:
        raise Problem(403, "erasure_staff_account")
    async with unit_of_work():
        await existing_person(principal.id, for_update=True)
        row = await repository.open_erasure_request(principal.id)
        if row is None:
            row = await repository.insert_erasure_request(person_id=principal.id, ip=ip)
            await record(actor_id=principal.id, action="person.erasure_requested",
                         object_type="erasure_request", object_id=row.id,
                         after={"person": principal.id, "ip": ip})
            await outbox.add("people.erase", {"requestId": str(row.id)},
                             dedupe_key=f"erase:{row.id}")
    return _out(row)


async def status(principal: Principal) -> ErasureOut:
    async with unit_of_work():
        await existing_person(principal.id)
        row = await repository.latest_erasure_request(principal.id)
    if row is None:
        raise Problem(404, "not_found")
    return _out(row)


async def list_requests(principal: Principal, status_filter: str | None,
                        limit: int) -> ErasureRequestList:
    """Advisers and admins: the requests, newest first."""
    principal.require("adviser", "admin")
    if status_filter is not None and status_filter not in ("requested", "waiting", "done"):
        raise Problem(422, "validation_failed", errors=[
            FieldError("status", "erasure_status_invalid")])
    found = await repository.erasure_requests(status_filter, max(1, min(limit, 200)))
    return ErasureRequestList(items=[_out(r) for r in found], next_cursor=None)


# --- execution -----------------------------------------------------------------------------------

async def execute(request_id: uuid.UUID, settings=None, on: dt.date | None = None
                  ) -> ErasureRequestRow:
    """Erase now, or record why it must wait. Idempotent: a done request stays done."""
    on = on or validation.today()
    revoked: list[uuid.UUID] = []
    async with unit_of_work():
        row = await repository.erasure_request(request_id, for_update=True)
        if row is None:
            raise LookupError(f"erasure request {request_id} does not exist: nothing erased")
        if row.status == "done":
            return row
        person = await repository.person_by_id(row.person, for_update=True)
        blockers = await personal_data.open_work(person.id)
        if blockers:
            if row.status != "waiting" or row.blockers != blockers:
                row = await repository.update_erasure_request(request_id, status="waiting",
                                                              blockers=blockers)
                await record(actor_id=None, action="person.erasure_waiting",
                             object_type="erasure_request", object_id=request_id,
                             after={"blockers": blockers})
            return row
        dates, counts = await personal_data.record_dates(person.id)
        retained = _retention(dates, counts, on)
        kept = _fields_kept(retained, on)
        for family in await repository.open_families(person.id):
            await repository.revoke_family(family)
            revoked.append(family)
        deleted = await personal_data.forget_activity(
            person.id, [c for c in (person.phone, person.email) if c])
        deleted["stored_answers"] = await idempotency.forget_caller(person.id)
        deleted["personal_units_renamed"] = await personal_data.rename_personal_units(
            person.id, f"{ERASED_UNIT_NAME} {str(person.id)[:8]}")
        await repository.erase_person(person.id, keep={
            field: getattr(person, field) for field in kept})
        row = await repository.update_erasure_request(
            request_id, status="done", blockers=[], retained=retained,
            retain_until=_next_purge(retained, on), executed_at=dt.datetime.now(dt.UTC))
        await record(actor_id=None, action="person.erased", object_type="person",
                     object_id=person.id, after={
                         "request": request_id, "sessionsRevoked": len(revoked),
                         "deleted": deleted, "kept": sorted(kept),
                         "retained": {k: v["until"] for k, v in retained.items()
                                      if k in ("accounting", "social")}})
    await _publish_revocations(settings, revoked)
    return row


async def _publish_revocations(settings, families: list[uuid.UUID]) -> None:
    """Put the revoked sessions on the revocation list at once (the per-request role check
    already refuses an erased person; this spares even the role cache's seconds)."""
    if not families or settings is None:
        return
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(settings.redis_url)
    try:
        ttl = max(settings.access_token_ttl_seconds, settings.staff_access_token_ttl_seconds)
        for family in families:
            await client.set(sessions.REVOKED_PREFIX + str(family), 1,
                             ex=ttl + sessions.CLOCK_SKEW_SECONDS)
    except Exception:  # noqa: BLE001 - the database has the revocation; the role check refuses
        log.warning("could not publish the revocations of an erasure", exc_info=True)
    finally:
        await client.aclose()


async def purge(request_id: uuid.UUID, on: dt.date | None = None) -> ErasureRequestRow:
    """Clear what an erasure kept once its retention period is over."""
    on = on or validation.today()
    async with unit_of_work():
        row = await repository.erasure_request(request_id, for_update=True)
        if row is None or row.status != "done" or row.retain_until is None:
            return row
        person = await repository.person_by_id(row.person, for_update=True)
        kept = _fields_kept(row.retained, on)
        cleared = sorted(f for f in ("first_name", "last_name", "national_number", "birth_date")
                         if f not in kept and getattr(person, f) is not None)
        await repository.erase_person(person.id, keep={f: getattr(person, f) for f in kept})
        row = await repository.update_erasure_request(
            request_id, retain_until=_next_purge(row.retained, on))
        await record(actor_id=None, action="person.retention_ended", object_type="person",
                     object_id=person.id, after={"cleared": cleared, "kept": sorted(kept)})
    return row


async def daily(settings=None, on: dt.date | None = None) -> dict[str, int]:
    """The daily work's part: waiting requests tried again, ended retentions purged."""
    on = on or validation.today()
    done = {"executed": 0, "waiting": 0, "purged": 0}
    for request_id in await repository.waiting_erasure_requests(BATCH):
        row = await execute(request_id, settings, on)
        done["executed" if row.status == "done" else "waiting"] += 1
    for request_id in await repository.erased_with_retention_over(on, BATCH):
        await purge(request_id, on)
        done["purged"] += 1
    return done


async def execute_job(payload: dict, settings=None) -> None:
    """Job ``people.erase``."""
    await execute(uuid.UUID(payload["requestId"]), settings)
