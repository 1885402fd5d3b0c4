"""Every query of held pay (``payroll_hold``), through Piccolo's query builder with typed rows."""

from __future__ import annotations

import datetime as dt
import uuid

from backend.backoffice.rows import HoldRow
from backend.backoffice.tables import PayrollHold as H
from backend.platform.db import new_row, row, rows


async def by_key(key: str) -> HoldRow | None:
    return await row(H.select().where(H.key == key), HoldRow)


async def insert(**values) -> HoldRow:
    return await row(H.insert(new_row(H, **values)).returning(*H.all_columns()), HoldRow)


async def held_again(hold_id: uuid.UUID, params: dict) -> HoldRow:
    return await row(H.update({H.params: params, H.last_held_at: dt.datetime.now(dt.UTC)})
                     .where(H.id == hold_id).returning(*H.all_columns()), HoldRow)


async def get(hold_id: uuid.UUID, *, for_update: bool = False) -> HoldRow | None:
    query = H.select().where(H.id == hold_id)
    if for_update:
        query = query.lock_rows()
    return await row(query, HoldRow)


async def approve(hold_id: uuid.UUID, by: uuid.UUID) -> HoldRow:
    return await row(H.update({H.status: "approved", H.approved_by: by,
                               H.approved_at: dt.datetime.now(dt.UTC)})
                     .where(H.id == hold_id).returning(*H.all_columns()), HoldRow)


async def release(where) -> list[HoldRow]:
    return await rows(H.update({H.status: "released", H.released_at: dt.datetime.now(dt.UTC)})
                      .where(where & H.status.is_in(["held", "approved"]))
                      .returning(*H.all_columns()), HoldRow)


async def release_salary(salary_id: uuid.UUID) -> list[HoldRow]:
    return await release(H.salary == salary_id)


async def release_month(employment_id: uuid.UUID, month: dt.date) -> list[HoldRow]:
    """The month was paid: its hold for want of a rule set is over."""
    return await release((H.employment == employment_id) & (H.month == month)
                         & (H.reason == "rule_set_fallback"))


async def release_catch_ups(employment_id: uuid.UUID) -> list[HoldRow]:
    """The approved months were paid: the approved catch-up holds are over."""
    return await release((H.employment == employment_id) & (H.reason == "months_above_limit")
                         & (H.status == "approved"))


async def open_for_employment(employment_id: uuid.UUID) -> list[HoldRow]:
    return await rows(H.select().where((H.employment == employment_id)
                                       & H.status.is_in(["held", "approved"])), HoldRow)


async def open_catch_up(employment_id: uuid.UUID) -> HoldRow | None:
    return await row(H.select().where((H.employment == employment_id)
                                      & (H.reason == "months_above_limit")
                                      & (H.status == "held")), HoldRow)


async def listing(status: str | None, before: dt.datetime | None, limit: int) -> list[HoldRow]:
    query = H.select()
    if status is not None:
        query = query.where(H.status == status)
    if before is not None:
        query = query.where(H.held_at < before)
    return await rows(query.order_by(H.held_at, ascending=False).order_by(H.id).limit(limit),
                      HoldRow)
