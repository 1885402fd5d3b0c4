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


async def approve(employment_id: uuid.UUID, by: uuid.UUID, through: dt.date) -> EmploymentRow:
    """A second adviser's approval of a start far back (the months until ``through`` may be
    paid at once)."""
    return await row(Employment.update({Employment.approval: "approved",
                                        Employment.approved_by: by,
                                        Employment.approved_at: dt.datetime.now(dt.UTC),
                                        Employment.pay_approved_through: through})
                     .where(Employment.id == employment_id)
                     .returning(*Employment.all_columns()), EmploymentRow)


async def approve_pay_through(employment_id: uuid.UUID, through: dt.date) -> None:
    """Months up to ``through`` may be paid in one run (never lowers an earlier approval)."""
    current = await Employment.select(Employment.pay_approved_through) \
        .where(Employment.id == employment_id).first()
    if current and current["pay_approved_through"] and current["pay_approved_through"] >= through:
        return
    await Employment.update({Employment.pay_approved_through: through}) \
        .where(Employment.id == employment_id)


async def payable(on: dt.date, after: uuid.UUID | None, limit: int) -> list[EmploymentRow]:
    """Employments that may have a month to pay by ``on`` (started, not ended long before; a
    start far back only once a second adviser approved it)."""
    query = Employment.select().where((Employment.start_date <= on)
                                      & (Employment.approval != "pending"))
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
