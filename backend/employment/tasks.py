"""Jobs of open-ended employment, run by the rq worker. Each is idempotent."""

from __future__ import annotations

import datetime as dt
import uuid

from backend import composition
from backend.documents import pdf as render
from backend.documents.models import PayslipDocument
from backend.employment import repository as repo
from backend.employment.rows import EmploymentRow, MonthlySalaryRow
from backend.engine import last_day_of_month
from backend.platform.db import unit_of_work
from backend.platform.settings import Settings
from backend.quickjobs.documents import supplier, worker
from backend.quickjobs.reading import worker_of
from backend.quickjobs.rows import WorkerRow
from backend.units.rows import LegalEntityRow


def effective_rate(withholding_cents: int, taxable_cents: int) -> str:
    """Withholding as a percentage of taxable pay, two decimals (shown on the payslip)."""
    if taxable_cents <= 0:
        return "0"
    basis_points = (2 * withholding_cents * 10_000 + taxable_cents) // (2 * taxable_cents)
    return f"{basis_points // 100}.{basis_points % 100:02d}"


def payslip_document(salary: MonthlySalaryRow, employment: EmploymentRow, person: WorkerRow,
                     entity: LegalEntityRow | None
                     ) -> PayslipDocument:
    month = salary.month
    month_end = last_day_of_month(month.year, month.month)
    start = max(month, employment.start_date)
    end = min(month_end, employment.end_date or month_end)
    taxable = salary.gross_cents - salary.social_security_cents
    # both bonuses are already deducted from what the row withholds; the slip shows them
    bonus = salary.payslip.get("workBonusCents", 0)
    fiscal = salary.payslip.get("fiscalWorkBonusCents", 0)
    language = person.language or "nl"
    return PayslipDocument(
        number=f"M-{month:%Y%m}-{str(salary.id)[:8]}", issue_date=salary.pay_date,
        language=language, employer=supplier(entity, language), worker=worker(person),
        period_start=start, period_end=end,
        work_dates=tuple(start + dt.timedelta(days=i) for i in range((end - start).days + 1)),
        contract_type=employment.contract_type, gross_cents=salary.gross_cents,
        social_security_cents=salary.social_security_cents, taxable_cents=taxable,
        withholding_rate=effective_rate(salary.withholding_cents + fiscal, taxable),
        withholding_cents=salary.withholding_cents,
        special_social_security_cents=salary.special_social_security_cents,
        net_cents=salary.net_cents, pay_date=salary.pay_date, rule_set_id=salary.rule_set,
        contract_number=f"E-{str(employment.id)[:8]}",
        work_bonus_cents=bonus, fiscal_work_bonus_cents=fiscal)


async def render_monthly_payslip(payload: dict, settings: Settings | None = None) -> None:
    """Make the payslip of a paid month (idempotent: the PDF is stored once)."""
    storage = composition.adapters(settings).storage
    salary_id = uuid.UUID(payload["monthlySalaryId"])
    async with unit_of_work():
        salary = await repo.get_monthly_salary(salary_id)
        if salary is None:  # never success: the job fails, is retried, then kept as failed
            raise LookupError(f"monthly salary {salary_id} does not exist: no payslip was made")
        if salary.payslip_key:
            return
        employment = await repo.get(salary.employment)
        person = await worker_of(salary.person)
        pdf = render.render_payslip(payslip_document(salary, employment, person, None))
        key = storage.save(
            f"payslips/monthly-{salary_id}.pdf", pdf, "application/pdf")
        await repo.set_payslip(salary_id, key)
