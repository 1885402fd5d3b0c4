"""Open-ended employment: hire (a second adviser approves a start far back), end, approve, and
read the months paid (002:379). Paying the months is ``backend.employment.monthly_run``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from backend.audit.service import record
from backend.employment import messages  # noqa: F401  (registers the texts)
from backend.employment import repository as repo
from backend.employment.rows import EmploymentRow, MonthlySalaryRow
from backend.employment.schemas import EmploymentIn
from backend.engine import FamilySituation, monthly_gross_from_projection, monthly_payslip
from backend.platform.dates import check_dates
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, Forbidden, NotFound, invalid
from backend.rulesets import book as rule_books
from backend.units import repository as units_repo
from backend.units import service as units

if TYPE_CHECKING:  # annotations only: the worker runs this module without the web stack
    from backend.http.context import Principal

CONTRACT_TYPE = "open_ended"
COUNTRY, LEGAL_ENTITY = "BE", "smart"


def today() -> dt.date:
    """The clock of hiring and of the payroll's limits (one place to read it)."""
    return dt.date.today()


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def situation_of(row: EmploymentRow) -> FamilySituation:
    return FamilySituation(row.family_status, row.dependent_children, row.single_parent)


async def hire(actor: Principal, data: EmploymentIn, *, backdate_days: int = 31) -> EmploymentRow:
    """Hire on an open-ended contract. A start more than ``backdate_days`` back is recorded but
    pays nothing until a second adviser approves it (``approve``)."""
    actor.require("adviser", "admin")
    check_dates([("startDate", data.start_date)])
    if (data.monthly_gross_cents is None) == (data.projected_annual_turnover_cents is None):
        raise invalid("monthlyGrossCents", "employment_gross_or_projection")
    book = await rule_books.current()
    gross = data.monthly_gross_cents
    if gross is None:
        gross, _ = monthly_gross_from_projection(data.projected_annual_turnover_cents,
                                                 data.start_date, contract_type=CONTRACT_TYPE,
                                                 rules=book)
    situation = FamilySituation(data.family_status, data.dependent_children, data.single_parent)
    # The family situation as the key formula reads it (EngineInputError -> 422 naming the
    # field: a single parent is single and has a dependent child).
    monthly_payslip(gross, situation, data.start_date, contract_type=CONTRACT_TYPE, rules=book)
    backdated = data.start_date < today() - dt.timedelta(days=backdate_days)
    async with unit_of_work():
        if not await repo.person_exists(data.person_id):
            raise invalid("personId", "employment_person_unknown")
        if await repo.active_for(data.person_id) is not None:
            raise Conflict("employment_already_active")
        if data.unit_id is None:
            unit_id = (await units.personal_unit_for(data.person_id, actor.id)).id
        else:
            if not await units_repo.is_holder(data.unit_id, data.person_id):
                raise invalid("unitId", "employment_unit_not_held")
            unit_id = data.unit_id
        row = await repo.insert_employment(
            id=uuid.uuid4(), person=data.person_id, unit=unit_id, contract_type=CONTRACT_TYPE,
            monthly_gross_cents=gross, family_status=data.family_status,
            dependent_children=data.dependent_children, single_parent=data.single_parent,
            start_date=data.start_date, approval="pending" if backdated else "not_needed",
            projected_income_cents=data.projected_annual_turnover_cents, created_by=actor.id)
        await record(actor_id=actor.id, action="employment.hired", object_type="employment",
                     object_id=row.id, after=_snapshot(row))
    return row


async def approve(actor: Principal, employment_id: uuid.UUID) -> EmploymentRow:
    """A second adviser (not the one who hired) approves a start far back: the months since
    the start may then be paid, at once, by the next run."""
    actor.require("adviser", "admin")
    async with unit_of_work():
        row = await repo.get(employment_id, for_update=True)
        if row is None:
            raise NotFound()
        if row.approval != "pending":
            raise Conflict("employment_not_pending", approval=row.approval)
        if row.created_by == actor.id:
            raise Forbidden("own_employment")
        approved = await repo.approve(employment_id, actor.id, month_start(today()))
        await record(actor_id=actor.id, action="employment.approved", object_type="employment",
                     object_id=employment_id, before=_snapshot(row), after=_snapshot(approved))
    return approved


async def end(actor: Principal, employment_id: uuid.UUID, end_date: dt.date) -> EmploymentRow:
    actor.require("adviser", "admin")
    check_dates([("endDate", end_date)])
    async with unit_of_work():
        row = await repo.get(employment_id, for_update=True)
        if row is None:
            raise NotFound()
        if row.status == "ended":
            raise Conflict("employment_already_ended")
        if end_date < row.start_date:
            raise invalid("endDate", "employment_end_before_start")
        last = await repo.last_paid_month(employment_id)
        if last is not None and month_start(end_date) < last:
            # A paid month is never taken back here: the adviser corrects it by a reversal.
            raise invalid("endDate", "employment_end_before_paid", month=last.strftime("%Y-%m"))
        ended = await repo.end(employment_id, end_date)
        await record(actor_id=actor.id, action="employment.ended", object_type="employment",
                     object_id=employment_id, before=_snapshot(row), after=_snapshot(ended))
    return ended


def _snapshot(row: EmploymentRow) -> dict:
    return {"status": row.status, "monthlyGrossCents": row.monthly_gross_cents,
            "startDate": row.start_date, "endDate": row.end_date, "unit": row.unit,
            "familyStatus": row.family_status, "dependentChildren": row.dependent_children,
            "singleParent": row.single_parent, "approval": row.approval,
            "approvedBy": row.approved_by, "payApprovedThrough": row.pay_approved_through}


async def list_employments(actor: Principal, person_id: uuid.UUID | None,
                           limit: int) -> list[EmploymentRow]:
    actor.require("adviser", "admin")
    async with unit_of_work():
        return await repo.list_employments(person_id, limit)


async def monthly_salaries(actor: Principal, employment_id: uuid.UUID | None,
                           limit: int) -> list[MonthlySalaryRow]:
    """Staff see any employment's months; a worker only their own."""
    async with unit_of_work():
        if employment_id is not None:
            row = await repo.get(employment_id)
            if row is None or (not actor.is_staff and row.person != actor.id):
                raise NotFound()
        person = None if actor.is_staff else actor.id
        return await repo.monthly_salaries(employment_id, person, limit)


async def payslip_key(actor: Principal, salary_id: uuid.UUID) -> str | None:
    async with unit_of_work():
        row = await repo.get_monthly_salary(salary_id)
    if row is None or (not actor.is_staff and row.person != actor.id):
        raise NotFound()
    return row.payslip_key
