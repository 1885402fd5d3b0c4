"""Open-ended employment: advisers hire, end and follow; workers read their monthly pay."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter, QueryParameter

from backend.employment import service
from backend.employment.rows import EmploymentRow, MonthlySalaryRow
from backend.employment.schemas import (
    EmploymentEndIn,
    EmploymentIn,
    EmploymentList,
    EmploymentOut,
    MonthlySalaryList,
    MonthlySalaryOut,
)
from backend.http.context import Principal
from backend.http.problems import NotFound


def employment_out(row: EmploymentRow) -> EmploymentOut:
    return EmploymentOut(
        id=row.id, person_id=row.person, unit_id=row.unit,
        contract_type=row.contract_type, monthly_gross_cents=row.monthly_gross_cents,
        family_status=row.family_status, dependent_children=row.dependent_children,
        start_date=row.start_date, status=row.status, end_date=row.end_date,
        projected_annual_turnover_cents=row.projected_income_cents,
        single_parent=row.single_parent, approval=row.approval, approved_by=row.approved_by,
        approved_at=row.approved_at)


def monthly_salary_out(row: MonthlySalaryRow) -> MonthlySalaryOut:
    return MonthlySalaryOut(
        id=row.id, employment_id=row.employment, month=row.month,
        pay_date=row.pay_date, days_employed=row.days_employed,
        days_in_month=row.days_in_month, gross_cents=row.gross_cents,
        social_security_cents=row.social_security_cents,
        withholding_cents=row.withholding_cents,
        special_social_security_cents=row.special_social_security_cents,
        net_cents=row.net_cents, employer_cost_cents=row.employer_cost_cents,
        rule_set=row.rule_set, rule_set_fallback=row.rule_set_fallback,
        payslip_url=(f"/api/v1/monthly-salaries/{row.id}/payslip.pdf"
                     if row.payslip_key else None))


class EmploymentController(Controller):
    path = "/backoffice/employments"
    tags = ["backoffice"]

    @post("/", operation_id="hireOpenEnded", status_code=201,
          summary="Hire a member on an open-ended contract, paid monthly (adviser)",
          description="Give the monthly gross, or the projected yearly turnover (excl. VAT) it "
                      "is derived from: turnover less the contribution, over 12 months, is the "
                      "monthly employer cost (002:379). A start more than "
                      "EMPLOYMENT_BACKDATE_DAYS back is recorded with approval pending: nothing "
                      "is paid until a second adviser approves it.")
    async def hire(self, data: EmploymentIn, principal: Principal,
                   request: Request) -> EmploymentOut:
        backdate = request.app.state.settings.employment_backdate_days
        return employment_out(await service.hire(principal, data, backdate_days=backdate))

    @post("/{employment_id:uuid}/approve", operation_id="approveEmployment",
          description=("Approves an open-ended contract whose start is further back than one "
                       "adviser may decide alone; until then nothing of it is paid. Only "
                       "another adviser than the one who hired (403); a contract not waiting "
                       "for approval is a 409."), status_code=200,
          summary="A second adviser approves a contract starting further back than allowed "
                  "alone; its months are then paid by the next run (adviser, never the one who "
                  "hired)")
    async def approve(self, employment_id: uuid.UUID, principal: Principal) -> EmploymentOut:
        return employment_out(await service.approve(principal, employment_id))

    @get("/", operation_id="listEmployments",
          description=("The open-ended contracts, optionally of one person (personId), newest "
                       "first. Advisers only."), summary="Open-ended contracts (adviser)")
    async def list(self, principal: Principal,
                   person_id: Annotated[uuid.UUID | None, QueryParameter(name="personId")] = None,
                   limit: Annotated[int, Parameter(ge=1, le=200)] = 50) -> EmploymentList:
        rows = await service.list_employments(principal, person_id, limit)
        return EmploymentList(items=[employment_out(r) for r in rows])

    @post("/{employment_id:uuid}/end", operation_id="endEmployment",
          description=("Ends an open-ended contract on endDate (not before its start); the last "
                       "month is paid pro rata by the salary run. An ended contract cannot be "
                       "ended again (409)."), status_code=200,
          summary="End an open-ended contract; its last month is paid pro rata (adviser)")
    async def end(self, employment_id: uuid.UUID, data: EmploymentEndIn,
                  principal: Principal) -> EmploymentOut:
        return employment_out(await service.end(principal, employment_id, data.end_date))

    @get("/{employment_id:uuid}/monthly-salaries", operation_id="listEmploymentMonths",
          description=("The monthly salaries computed for one open-ended contract, newest month "
                       "first, with their payslip links. Advisers only; 404 for an unknown "
                       "contract."),
         summary="The months paid under an open-ended contract (adviser)")
    async def months(self, employment_id: uuid.UUID, principal: Principal,
                     limit: Annotated[int, Parameter(ge=1, le=120)] = 24) -> MonthlySalaryList:
        principal.require("adviser", "admin")
        rows = await service.monthly_salaries(principal, employment_id, limit)
        return MonthlySalaryList(items=[monthly_salary_out(r) for r in rows])


class MonthlySalaryController(Controller):
    path = "/monthly-salaries"
    tags = ["employment"]

    @get("/", operation_id="listMyMonthlySalaries",
          description=("The signed-in worker's monthly salaries under an open-ended contract, "
                       "newest month first, with their payslip links."),
         summary="My monthly salaries under an open-ended contract")
    async def mine(self, principal: Principal,
                   limit: Annotated[int, Parameter(ge=1, le=120)] = 24) -> MonthlySalaryList:
        rows = await service.monthly_salaries(principal, None, limit)
        return MonthlySalaryList(items=[monthly_salary_out(r) for r in rows])

    @get("/{salary_id:uuid}/payslip.pdf", operation_id="getMonthlyPayslip",
          description=("The payslip PDF of one paid month of the signed-in worker. 404 for "
                       "someone else's salary or a month without a payslip yet."),
         media_type="application/pdf", summary="The payslip of a paid month")
    async def payslip(self, salary_id: uuid.UUID, principal: Principal,
                      request: Request) -> Response[bytes]:
        key = await service.payslip_key(principal, salary_id)
        if key is None:
            raise NotFound()  # not rendered yet: the worker makes it right after the run
        data = request.app.state.quickjob_ports.storage.open(key)
        return Response(data, media_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="payslip-{salary_id}.pdf"'})


CONTROLLERS = [EmploymentController, MonthlySalaryController]
