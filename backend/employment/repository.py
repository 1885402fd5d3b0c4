"""Every query of open-ended employment, through Piccolo's query builder with typed rows."""

from __future__ import annotations

import datetime as dt
import uuid

from piccolo.query.functions.aggregate import Max

from backend.employment.rows import EmploymentRow, MonthlySalaryRow
from backend.employment.tables import Employment, MonthlySalary
from backend.people.tables import Person
from backend.platform.db import new_row, row, rows


async def person_exists(person_id: uuid.UUID) -> bool:
    return await Person.exists().where(Person.id == person_id)


async def active_for(person_id: uuid.UUID) -> EmploymentRow | None:
    """The person's active employment, row locked (two hires at once: one wins)."""
    return await row(Employment.select().where((Employment.person == person_id)
                                               & (Employment.status == "active")).lock_rows(),
                     EmploymentRow)


async def insert_employment(**values) -> EmploymentRow:
    return await row(Employment.insert(new_row(Employment, **values))
                     .returning(*Employment.all_columns()), EmploymentRow)


async def get(employment_id: uuid.UUID, *, for_update: bool = False) -> EmploymentRow | None:
    query = Employment.select().where(Employment.id == employment_id)
    if for_update:
        query = query.lock_rows()
    return await row(query, EmploymentRow)


async def end(employment_id: uuid.UUID, end_date: dt.date) -> EmploymentRow:
    return await row(Employment.update({Employment.end_date: end_date,
                                        Employment.status: "ended"})
                     .where(Employment.id == employment_id)
                     .returning(*Employment.all_columns()), EmploymentRow)


async def list_employments(person_id: uuid.UUID | None, limit: int) -> list[EmploymentRow]:
    if person_id is None:
        query = Employment.select().order_by(Employment.created_at, ascending=False) \
            .order_by(Employment.id)
    else:
        query = Employment.select().where(Employment.person == person_id) \
            .order_by(Employment.start_date, ascending=False).order_by(Employment.id)
    return await rows(query.limit(limit), EmploymentRow)


async def payable(on: dt.date, after: uuid.UUID | None, limit: int) -> list[EmploymentRow]:
    """Employments that may have a month to pay by ``on`` (started, not ended long before)."""
    query = Employment.select().where(Employment.start_date <= on)
    if after is not None:
        query = query.where(Employment.id > after)
    return await rows(query.order_by(Employment.id).limit(limit), EmploymentRow)


async def paid_months(employment_id: uuid.UUID) -> set[dt.date]:
    found = await MonthlySalary.select(MonthlySalary.month) \
        .where(MonthlySalary.employment == employment_id)
    return {r["month"] for r in found}


async def last_paid_month(employment_id: uuid.UUID) -> dt.date | None:
    found = await MonthlySalary.select(Max(MonthlySalary.month).as_alias("month")) \
        .where(MonthlySalary.employment == employment_id)
    return found[0]["month"] if found else None


async def insert_monthly_salary(**values) -> MonthlySalaryRow | None:
    """The month's salary, or None when that month is already paid (another run got there)."""
    return await row(MonthlySalary.insert(new_row(MonthlySalary, **values))
                     .on_conflict(target=(MonthlySalary.employment, MonthlySalary.month),
                                  action="DO NOTHING")
                     .returning(*MonthlySalary.all_columns()), MonthlySalaryRow)


async def get_monthly_salary(salary_id: uuid.UUID) -> MonthlySalaryRow | None:
    return await row(MonthlySalary.select().where(MonthlySalary.id == salary_id), MonthlySalaryRow)


async def monthly_salaries(employment_id: uuid.UUID | None, person_id: uuid.UUID | None,
                           limit: int) -> list[MonthlySalaryRow]:
    query = MonthlySalary.select()
    if employment_id is not None:
        query = query.where(MonthlySalary.employment == employment_id)
    if person_id is not None:
        query = query.where(MonthlySalary.person == person_id)
    return await rows(query.order_by(MonthlySalary.month, ascending=False)
                      .order_by(MonthlySalary.id).limit(limit), MonthlySalaryRow)


async def set_payslip(salary_id: uuid.UUID, key: str) -> None:
    await MonthlySalary.update({MonthlySalary.payslip_key: key}) \
        .where(MonthlySalary.id == salary_id)
