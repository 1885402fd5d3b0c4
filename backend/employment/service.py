"""Open-ended employment: hire, end, and pay every month that is due (002:379).

A month is paid once: ``monthly_salary`` is unique per (employment, month) and is inserted
with ON CONFLICT DO NOTHING, so a second run, or two runs at once, pay nothing twice. The
month is booked on the unit (labour cost against the net, withholding, social security and
the employer's part) and its payslip is rendered by the worker after the commit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from backend.audit.service import record
from backend.backoffice import repository as review_queue
from backend.employment import messages  # noqa: F401  (registers the texts)
from backend.employment import repository as repo
from backend.employment.rows import EmploymentRow, MonthlySalaryRow
from backend.employment.schemas import EmploymentIn
from backend.engine import (
    FamilySituation,
    last_day_of_month,
    month_pay,
    monthly_gross_from_projection,
)
from backend.jobs import outbox
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, NotFound, invalid
from backend.platform.formatting import money_texts
from backend.units import ledger
from backend.units import repository as units_repo
from backend.units import service as units

if TYPE_CHECKING:  # annotations only: the worker runs this module without the web stack
    from backend.http.context import Principal

CONTRACT_TYPE = "open_ended"


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(month: dt.date) -> dt.date:
    return last_day_of_month(month.year, month.month) + dt.timedelta(days=1)


async def hire(actor: Principal, data: EmploymentIn) -> EmploymentRow:
    actor.require("adviser", "admin")
    if (data.monthly_gross_cents is None) == (data.projected_annual_turnover_cents is None):
        raise invalid("monthlyGrossCents", "employment_gross_or_projection")
    gross = data.monthly_gross_cents
    if gross is None:
        gross, _ = monthly_gross_from_projection(data.projected_annual_turnover_cents,
                                                 data.start_date, contract_type=CONTRACT_TYPE)
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
            dependent_children=data.dependent_children, start_date=data.start_date,
            projected_income_cents=data.projected_annual_turnover_cents, created_by=actor.id)
        await record(actor_id=actor.id, action="employment.hired", object_type="employment",
                     object_id=row.id, after=_snapshot(row))
    return row


async def end(actor: Principal, employment_id: uuid.UUID, end_date: dt.date) -> EmploymentRow:
    actor.require("adviser", "admin")
    async with unit_of_work():
        row = await repo.get(employment_id, for_update=True)
        if row is None:
            raise NotFound()
        if row.status == "ended":
            raise Conflict("employment_already_ended")
        if end_date < row.start_date:
            raise invalid("endDate", "employment_end_before_start")
        last = await repo.last_paid_month(employment_id)
        if last is not None and _month_start(end_date) < last:
            # A paid month is never taken back here: the adviser corrects it by a reversal.
            raise invalid("endDate", "employment_end_before_paid", month=last.strftime("%Y-%m"))
        ended = await repo.end(employment_id, end_date)
        await record(actor_id=actor.id, action="employment.ended", object_type="employment",
                     object_id=employment_id, before=_snapshot(row), after=_snapshot(ended))
    return ended


def _snapshot(row: EmploymentRow) -> dict:
    return {"status": row.status, "monthlyGrossCents": row.monthly_gross_cents,
            "startDate": row.start_date, "endDate": row.end_date, "unit": row.unit,
            "familyStatus": row.family_status, "dependentChildren": row.dependent_children}


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


# The monthly run -----------------------------------------------------------------------------

async def pay_due_months(on: dt.date, actor: uuid.UUID | None = None,
                         batch_size: int = 200) -> list[uuid.UUID]:
    """Pay every month whose pay date is on or before ``on``, for every employment. Idempotent."""
    paid: list[uuid.UUID] = []
    after: uuid.UUID | None = None
    while True:
        async with unit_of_work():
            batch = await repo.payable(on, after, batch_size)
        for employment in batch:
            paid += await _pay_employment(employment.id, on, actor)
        if len(batch) < batch_size:
            return paid
        after = batch[-1].id


async def _pay_employment(employment_id: uuid.UUID, on: dt.date, actor: uuid.UUID | None
                          ) -> list[uuid.UUID]:
    paid = []
    async with unit_of_work():
        employment = await repo.get(employment_id, for_update=True)
        done = await repo.paid_months(employment_id)
        month = _month_start(employment.start_date)
        last = _month_start(min(on, employment.end_date or on))
        while month <= last:
            if month not in done:
                salary_id = await _pay_month(employment, month, on, actor)
                if salary_id is not None:
                    paid.append(salary_id)
            month = _next_month(month)
    return paid


async def _pay_month(employment: EmploymentRow, month: dt.date, on: dt.date,
                     actor: uuid.UUID | None) -> uuid.UUID | None:
    pay = month_pay(employment.monthly_gross_cents, month, employment.start_date,
                    employment.end_date,
                    FamilySituation(employment.family_status, employment.dependent_children),
                    contract_type=employment.contract_type)
    if pay is None or pay.pay_date > on:
        return None
    slip = pay.payslip
    social_security = slip.personal_social_security_cents
    row = await repo.insert_monthly_salary(
        id=uuid.uuid4(), employment=employment.id, person=employment.person,
        unit=employment.unit, month=month, pay_date=pay.pay_date,
        days_employed=pay.days_employed, days_in_month=pay.days_in_month,
        gross_cents=slip.gross_cents, social_security_cents=social_security,
        withholding_cents=slip.withholding_tax_cents,
        special_social_security_cents=slip.special_social_security_cents,
        net_cents=slip.net_cents, employer_cost_cents=pay.employer_cost_cents,
        rule_set=slip.rule_set, rule_set_fallback=slip.rule_set_fallback,
        payslip=_payslip_snapshot(slip))
    if row is None:
        return None
    cost = pay.employer_cost_cents
    await ledger.post_entry(
        employment.unit, "monthly_salary", f"Salary {month:%Y-%m} (open-ended contract)",
        [(account, amount) for account, amount in [
            ("labour_cost", cost), ("bank", -slip.net_cents),
            ("withholding_payable", -slip.withholding_tax_cents),
            ("social_security_payable", -(social_security + slip.special_social_security_cents)),
            ("cooperative_payable", -(cost - slip.gross_cents))] if amount],
        effective_date=pay.pay_date, reference=f"monthly:{row.id}", actor_id=actor)
    balance = await units_repo.balance(employment.unit)
    if balance < 0:
        # The contract is paid regardless (it is a salary); an adviser looks at the unit.
        await review_queue.insert_review_item(
            person=employment.person, kind="monthly_salary_uncovered",
            reasons=["review.monthly_salary_uncovered"],
            context={"reasons": [{"code": "review.monthly_salary_uncovered", "params": {
                "month": f"{month:%Y-%m}", "cost": money_texts(cost), "balance": money_texts(balance)}}],
                "employmentId": str(employment.id), "monthlySalaryId": str(row.id)})
    await outbox.add("monthly_payslip.render", {"monthlySalaryId": str(row.id)},
                     dedupe_key=f"monthly-payslip:{row.id}")
    await record(actor_id=actor, action="monthly_salary.paid", object_type="monthly_salary",
                 object_id=row.id, after={"employment": employment.id, "month": month,
                                             "grossCents": slip.gross_cents,
                                             "netCents": slip.net_cents,
                                             "employerCostCents": cost})
    return row.id


def _payslip_snapshot(slip) -> dict:
    return {"ruleSet": slip.rule_set, "workBonusCents": slip.work_bonus_cents,
            "socialSecurityBeforeBonusCents": slip.social_security_cents,
            "taxableCents": slip.taxable_cents, "withholdingBaseCents": slip.withholding_base_cents,
            "childReductionCents": slip.child_reduction_cents,
            "fiscalWorkBonusCents": slip.fiscal_work_bonus_cents,
            "lines": [line.to_api() for line in slip.lines]}
