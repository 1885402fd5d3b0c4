"""The monthly run of open-ended contracts: every month whose pay date has come is paid once,
with the key formula of the rule set in force for that month (002:379).

A month is paid once: ``monthly_salary`` is unique per (employment, month) and is inserted
with ON CONFLICT DO NOTHING, so a second run, or two runs at once, pay nothing twice. The
month is booked on the unit (labour cost against the net, withholding, social security and
the employer's part) and its payslip is rendered by the worker after the commit.

Not paid, but held with the reason for advisers (``backend.backoffice.holds``):
- a month with no rule set in force (it would be computed with last year's rules); the next
  run after the rule set is approved computes it with that set and pays it;
- more unapproved months of one contract than ``max_months`` at once (a second adviser
  approves, then the next run pays them);
and nothing at all of a contract whose start far back still waits for a second adviser.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from backend.audit.service import record
from backend.backoffice import holds
from backend.backoffice import repository as review_queue
from backend.backoffice.rows import HoldRow
from backend.employment import repository as repo
from backend.employment.rows import EmploymentRow
from backend.employment.service import COUNTRY, LEGAL_ENTITY, month_start, situation_of
from backend.engine import MonthPay, RuleBook, last_day_of_month, month_pay
from backend.jobs import outbox
from backend.platform.db import unit_of_work
from backend.platform.formatting import money_texts
from backend.units import ledger
from backend.units import repository as units_repo


@dataclass
class MonthlyRun:
    paid: list[uuid.UUID] = field(default_factory=list)
    held: list[HoldRow] = field(default_factory=list)


def _next_month(month: dt.date) -> dt.date:
    return last_day_of_month(month.year, month.month) + dt.timedelta(days=1)


async def pay_due_months(on: dt.date, actor: uuid.UUID | None = None, batch_size: int = 200, *,
                         book: RuleBook | None = None, max_months: int = 2) -> MonthlyRun:
    """Pay every month whose pay date is on or before ``on``, for every employment. Idempotent."""
    if book is None:
        from backend.rulesets import book as rule_books

        book = await rule_books.current()
    run = MonthlyRun()
    after: uuid.UUID | None = None
    while True:
        async with unit_of_work():
            batch = await repo.payable(on, after, batch_size)
        for employment in batch:
            await _pay_employment(employment.id, on, actor, book, max_months, run)
        if len(batch) < batch_size:
            return run
        after = batch[-1].id


async def _pay_employment(employment_id: uuid.UUID, on: dt.date, actor: uuid.UUID | None,
                          book: RuleBook, max_months: int, run: MonthlyRun) -> None:
    async with unit_of_work():
        employment = await repo.get(employment_id, for_update=True)
        if employment.approval == "pending":
            return  # a start far back: nothing is paid before a second adviser approves it
        done = await repo.paid_months(employment_id)
        due: list[MonthPay] = []
        month = month_start(employment.start_date)
        last = month_start(min(on, employment.end_date or on))
        while month <= last:
            if month not in done:
                pay = month_pay(employment.monthly_gross_cents, month, employment.start_date,
                                employment.end_date, situation_of(employment),
                                contract_type=employment.contract_type, rules=book)
                if pay is not None and pay.pay_date <= on:
                    due.append(pay)
            month = _next_month(month)
        # What this contract has held (one read, usually nothing): released below once paid.
        open_holds = await holds.open_for_employment(employment.id) if due else []
        held_months = {h.month for h in open_holds if h.reason == "rule_set_fallback"}
        approved = employment.pay_approved_through
        unapproved = [p.month for p in due if approved is None or p.month > approved]
        if len(unapproved) > max_months:
            # More months at once than a run may pay alone: a second adviser looks first.
            run.held.append(await holds.hold_catch_up(employment, unapproved, max_months, actor))
            due = [p for p in due if p.month not in unapproved]
        for pay in due:
            if not book.in_force(COUNTRY, LEGAL_ENTITY, pay.month):
                rs = book.latest(COUNTRY, LEGAL_ENTITY)
                run.held.append(await holds.hold_month(
                    employment, pay.month, holds.fallback_params(pay.month, rs.id, rs.valid_to),
                    actor))
                continue
            salary_id = await _pay_month(employment, pay, actor)
            if salary_id is not None:
                run.paid.append(salary_id)
                if pay.month in held_months:
                    await holds.release_month(employment.id, pay.month, actor)
        if due and any(h.reason == "months_above_limit" and h.status == "approved"
                       for h in open_holds):
            await holds.release_catch_ups(employment.id, actor)


async def _pay_month(employment: EmploymentRow, pay: MonthPay, actor: uuid.UUID | None
                     ) -> uuid.UUID | None:
    month = pay.month
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
                                          "employerCostCents": cost,
                                          "ruleSet": slip.rule_set})
    return row.id


def _payslip_snapshot(slip) -> dict:
    return {"ruleSet": slip.rule_set, "workBonusCents": slip.work_bonus_cents,
            "socialSecurityBeforeBonusCents": slip.social_security_cents,
            "taxableCents": slip.taxable_cents, "withholdingBaseCents": slip.withholding_base_cents,
            "childReductionCents": slip.child_reduction_cents,
            "singleParentReductionCents": slip.single_parent_reduction_cents,
            "fiscalWorkBonusCents": slip.fiscal_work_bonus_cents,
            "lines": [line.to_api() for line in slip.lines]}
