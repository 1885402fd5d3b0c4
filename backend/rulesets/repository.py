"""Every query of rule-set uploads, through Piccolo's query builder with typed rows."""

from __future__ import annotations

import datetime as dt
import uuid

from backend.platform.db import new_row, row, rows
from backend.rulesets.rows import RuleSetUploadRow
from backend.rulesets.tables import RuleSetUpload

T = RuleSetUpload


async def insert_upload(**values) -> RuleSetUploadRow:
    return await row(T.insert(new_row(T, **values)).returning(*T.all_columns()), RuleSetUploadRow)


async def get(upload_id: uuid.UUID, *, for_update: bool = False) -> RuleSetUploadRow | None:
    query = T.select().where(T.id == upload_id)
    if for_update:
        query = query.lock_rows()
    return await row(query, RuleSetUploadRow)


async def pending_for(file_id: str) -> bool:
    return await T.exists().where((T.file_id == file_id) & (T.status == "pending"))


async def history(status: str | None, before: dt.datetime | None, limit: int
                  ) -> list[RuleSetUploadRow]:
    """Newest first (every upload ever made: the history is kept)."""
    query = T.select()
    if status is not None:
        query = query.where(T.status == status)
    if before is not None:
        query = query.where(T.uploaded_at < before)
    return await rows(query.order_by(T.uploaded_at, ascending=False).order_by(T.id).limit(limit),
                      RuleSetUploadRow)


async def approved() -> list[RuleSetUploadRow]:
    """The uploads the rule book is built from, in the order they were approved."""
    return await rows(T.select().where(T.status == "approved")
                      .order_by(T.decided_at).order_by(T.id), RuleSetUploadRow)


async def decide(upload_id: uuid.UUID, status: str, by: uuid.UUID,
                 reason: str | None) -> RuleSetUploadRow:
    return await row(T.update({T.status: status, T.decided_by: by,
                               T.decided_at: dt.datetime.now(dt.UTC), T.decision_reason: reason})
                     .where(T.id == upload_id).returning(*T.all_columns()), RuleSetUploadRow)


async def supersede(file_id: str, except_id: uuid.UUID) -> list[uuid.UUID]:
    """Earlier approved uploads of ``file_id`` give way to the one just approved."""
    found = await T.update({T.status: "superseded"}).where(
        (T.file_id == file_id) & (T.status == "approved") & (T.id != except_id)
    ).returning(T.id)
    return [r["id"] for r in found]
