"""Every query of open-ended employment."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from backend.platform.db import fetch, insert


async def person_exists(person_id: uuid.UUID) -> bool:
    return bool(await fetch("SELECT 1 FROM person WHERE id = {}", person_id))


async def active_for(person_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM employment WHERE person = {} AND status = 'active' "
                       "FOR UPDATE", person_id)
    return rows[0] if rows else None


async def insert_employment(**values) -> dict:
    return await insert("employment", values)


async def get(employment_id: uuid.UUID, *, for_update: bool = False) -> dict | None:
    rows = await fetch("SELECT * FROM employment WHERE id = {}" + (" FOR UPDATE" if for_update else ""),
                       employment_id)
    return rows[0] if rows else None


async def end(employment_id: uuid.UUID, end_date: dt.date) -> dict:
    return (await fetch("UPDATE employment SET end_date = {}, status = 'ended' WHERE id = {} "
                        "RETURNING *", end_date, employment_id))[0]


async def list_employments(person_id: uuid.UUID | None, limit: int) -> list[dict]:
    if person_id is None:
        return await fetch("SELECT * FROM employment ORDER BY created_at DESC, id LIMIT {}", limit)
    return await fetch("SELECT * FROM employment WHERE person = {} ORDER BY start_date DESC, id "
                       "LIMIT {}", person_id, limit)


async def payable(on: dt.date, after: uuid.UUID | None, limit: int) -> list[dict]:
    """Employments that may have a month to pay by ``on`` (started, not ended long before)."""
    return await fetch(
        "SELECT * FROM employment WHERE start_date <= {} AND ({}::uuid IS NULL OR id > {}) "
        "ORDER BY id LIMIT {}", on, after, after, limit)


async def paid_months(employment_id: uuid.UUID) -> set[dt.date]:
    rows = await fetch("SELECT month FROM monthly_salary WHERE employment = {}", employment_id)
    return {r["month"] for r in rows}


async def last_paid_month(employment_id: uuid.UUID) -> dt.date | None:
    rows = await fetch("SELECT max(month) AS month FROM monthly_salary WHERE employment = {}",
                       employment_id)
    return rows[0]["month"]


async def insert_monthly_salary(**values) -> dict | None:
    """The month's salary, or None when that month is already paid (another run got there)."""
    values["payslip"] = json.dumps(values["payslip"], default=str)
    return await insert("monthly_salary", values,
                        on_conflict="ON CONFLICT (employment, month) DO NOTHING")


async def get_monthly_salary(salary_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM monthly_salary WHERE id = {}", salary_id)
    return rows[0] if rows else None


async def monthly_salaries(employment_id: uuid.UUID | None, person_id: uuid.UUID | None,
                           limit: int) -> list[dict]:
    return await fetch(
        "SELECT * FROM monthly_salary WHERE ({}::uuid IS NULL OR employment = {}) "
        "AND ({}::uuid IS NULL OR person = {}) ORDER BY month DESC, id LIMIT {}",
        employment_id, employment_id, person_id, person_id, limit)


async def set_payslip(salary_id: uuid.UUID, key: str) -> None:
    await fetch("UPDATE monthly_salary SET payslip_key = {} WHERE id = {}", key, salary_id)
