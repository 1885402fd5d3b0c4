"""Next year's rules as data: an admin uploads a rule-set file, the engine's loader checks it
(``validate_rule_set_upload``: schema, ranges, sources, contiguous validity with the rule sets
in force), a second admin approves it (or an admin rejects it with a reason), and from then on
every process computes with it for the dates it covers. Every step is audited; uploads are
never deleted (the database refuses it)."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import uuid
from typing import TYPE_CHECKING

from backend.audit.service import record
from backend.engine import RuleSetProblem, validate_rule_set_upload
from backend.jobs import outbox
from backend.platform.db import fetch, unit_of_work
from backend.platform.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, invalid
from backend.platform.settings import Settings
from backend.rulesets import book as rule_books
from backend.rulesets import repository as repo
from backend.rulesets.messages import Texts
from backend.rulesets.rows import RuleSetUploadRow

if TYPE_CHECKING:  # annotations only: the worker runs this module without the web stack
    from backend.http.context import Principal


def _field(where: str) -> str:
    """``<upload> (be-smart-2027).parameters.x`` -> ``parameters.x``; the file itself -> ``file``."""
    if where.startswith("<upload>"):
        rest = where.removeprefix("<upload>").lstrip()
        if rest.startswith("("):
            rest = rest.split(")", 1)[1] if ")" in rest else ""
        return rest.lstrip(".") or "file"
    return where


def _problem_errors(problems: tuple[RuleSetProblem, ...]) -> list[FieldError]:
    return [FieldError(_field(p.where), "rule_set_problem", {"text": Texts(dict(p.messages))})
            for p in problems]


def _stored(problem: RuleSetProblem) -> dict:
    return {"where": problem.where, "code": problem.code, "params": problem.params,
            "messages": problem.messages}


async def upload(actor: Principal, raw: bytes, *, replace: bool = False,
                 file_name: str | None = None) -> RuleSetUploadRow:
    """Check and store an uploaded rule-set file, pending a second admin's approval."""
    actor.require("admin")
    if not raw or not raw.strip():
        raise invalid("file", "rule_set_file_missing")
    result = validate_rule_set_upload(raw, await rule_books.current(), replace=replace)
    if not result.ok:
        raise Invalid(errors=_problem_errors(result.problems))
    doc = json.loads(raw)
    segments = [rs for rs in result.book.rule_sets() if rs.file_id == result.file_id]
    async with unit_of_work():
        if await repo.pending_for(result.file_id):
            raise Conflict("rule_set_pending", id=result.file_id)
        row = await repo.insert_upload(
            id=uuid.uuid4(), file_id=result.file_id, country=doc["country"],
            legal_entity=doc["legal_entity"], valid_from=segments[0].valid_from,
            valid_to=segments[-1].valid_to, segment_ids=list(result.segment_ids),
            replace_existing=replace, document=json.dumps(doc),
            sha256=hashlib.sha256(raw).hexdigest(), file_name=(file_name or None),
            warnings=json.dumps([_stored(w) for w in result.warnings]), uploaded_by=actor.id)
        await record(actor_id=actor.id, action="rule_set.uploaded", object_type="rule_set_upload",
                     object_id=row.id, after={"fileId": row.file_id, "validFrom": row.valid_from,
                                              "validTo": row.valid_to, "sha256": row.sha256,
                                              "replace": replace, "segments": row.segment_ids,
                                              "warnings": len(result.warnings)})
    return row


async def approve(actor: Principal, upload_id: uuid.UUID) -> RuleSetUploadRow:
    """A second admin's approval: the file is checked again against the rule sets approved by
    now, then applies in every process (version marker) from its ``valid_from``."""
    actor.require("admin")
    async with unit_of_work():
        # Approvals one at a time: two files for the same year approved at once would both
        # fit the book without the other. Raw SQL: Piccolo has no advisory locks.
        await fetch("SELECT pg_advisory_xact_lock(hashtext('rule_set_approval'))")
        upload = await repo.get(upload_id, for_update=True)
        if upload is None:
            raise NotFound()
        if upload.status != "pending":
            raise Conflict("rule_set_decided", status=upload.status)
        if upload.uploaded_by == actor.id:
            raise Forbidden("own_rule_set")
        book, _, _ = rule_books.build_book(await repo.approved())
        check = validate_rule_set_upload(upload.document, book, replace=upload.replace_existing)
        if not check.ok:  # it no longer fits (another file was approved meanwhile): stays pending
            raise Invalid(errors=_problem_errors(check.problems))
        decided = await repo.decide(upload_id, "approved", actor.id, None)
        superseded = (await repo.supersede(upload.file_id, upload_id)
                      if upload.replace_existing else [])
        version = f"{upload_id}:approved"
        await record(actor_id=actor.id, action="rule_set.approved", object_type="rule_set_upload",
                     object_id=upload_id, before={"status": "pending"},
                     after={"status": "approved", "fileId": upload.file_id,
                            "validFrom": upload.valid_from, "superseded": superseded})
        # Every process learns it from the version marker; the job sets it again should Redis
        # be unreachable right now.
        await outbox.add("rule_sets.publish", {"version": version},
                         dedupe_key=f"rule-sets:{upload_id}")
    source = rule_books.source()
    await asyncio.to_thread(source.publish, version)
    await source.reload()
    return decided


async def reject(actor: Principal, upload_id: uuid.UUID, reason: str | None) -> RuleSetUploadRow:
    actor.require("admin")
    if not reason or not reason.strip():
        raise invalid("reason", "reason_required")
    async with unit_of_work():
        upload = await repo.get(upload_id, for_update=True)
        if upload is None:
            raise NotFound()
        if upload.status != "pending":
            raise Conflict("rule_set_decided", status=upload.status)
        decided = await repo.decide(upload_id, "rejected", actor.id, reason.strip())
        await record(actor_id=actor.id, action="rule_set.rejected", object_type="rule_set_upload",
                     object_id=upload_id, before={"status": "pending"},
                     after={"status": "rejected", "reason": reason.strip()})
    return decided


async def history(actor: Principal, status: str | None, before: dt.datetime | None,
                  limit: int) -> list[RuleSetUploadRow]:
    actor.require("adviser", "admin")
    async with unit_of_work():
        return await repo.history(status, before, limit)


async def get(actor: Principal, upload_id: uuid.UUID) -> RuleSetUploadRow:
    actor.require("adviser", "admin")
    async with unit_of_work():
        found = await repo.get(upload_id)
    if found is None:
        raise NotFound()
    return found


async def publish_job(payload: dict, settings: Settings) -> None:
    """Job ``rule_sets.publish``: write the version marker (idempotent: the same value)."""
    from backend import composition

    composition.adapters(settings)  # the process's source, configured from its settings
    if not rule_books.source().publish(payload["version"]):
        raise ConnectionError("Redis unreachable: the rule-set version is published on retry")
