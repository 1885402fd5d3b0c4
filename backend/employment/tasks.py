"""Jobs of open-ended employment, run by the rq worker. Each is idempotent."""

from __future__ import annotations

import datetime as dt
import uuid

from backend.db import unit_of_work
from backend.documents import pdf as render
from backend.documents.adapters import LocalFileStorage
from backend.documents.models import PayslipDocument
from backend.employment import repository as repo
from backend.engine import last_day_of_month
from backend.people import service as people
from backend.quickjobs.documents import supplier, worker
from backend.settings import Settings


def effective_rate(withholding_cents: int, taxable_cents: int) -> str:
    """Withholding as a percentage of taxable pay, two decimals (shown on the payslip)."""
    if taxable_cents <= 0:
        return "0"
    basis_points = (2 * withholding_cents * 10_000 + taxable_cents) // (2 * taxable_cents)
    return f"{basis_points // 100}.{basis_points % 100:02d}"


def payslip_document(salary: dict, employment: dict, person: dict, entity: dict | None
                     ) -> PayslipDocument:
    month = salary["month"]
    month_end = last_day_of_month(month.year, month.month)
    start = max(month, employment["start_date"])
    end = min(month_end, employment["end_date"] or month_end)
    taxable = salary["gross_cents"] - salary["social_security_cents"]
    return PayslipDocument(
        number=f"M-{month:%Y%m}-{str(salary['id'])[:8]}", issue_date=salary["pay_date"],
        language=person.get("language") or "nl",
        employer=supplier(entity, person.get("language") or "nl"), worker=worker(person),
        period_start=start, period_end=end,
        work_dates=tuple(start + dt.timedelta(days=i) for i in range((end - start).days + 1)),
        contract_type=employment["contract_type"], gross_cents=salary["gross_cents"],
        social_security_cents=salary["social_security_cents"], taxable_cents=taxable,
        withholding_rate=effective_rate(salary["withholding_cents"], taxable),
        withholding_cents=salary["withholding_cents"],
        special_social_security_cents=salary["special_social_security_cents"],
        net_cents=salary["net_cents"], pay_date=salary["pay_date"], rule_set_id=salary["rule_set"],
        contract_number=f"E-{str(employment['id'])[:8]}")


async def render_monthly_payslip(payload: dict, settings: Settings | None = None) -> None:
    """Make the payslip of a paid month (idempotent: the PDF is stored once)."""
    settings = settings or Settings.from_env()
    salary_id = uuid.UUID(payload["monthlySalaryId"])
    async with unit_of_work():
        salary = await repo.get_monthly_salary(salary_id)
        if salary is None or salary["payslip_key"]:
            return
        employment = await repo.get(salary["employment"])
        person = await people.get_person(salary["person"])
        pdf = render.render_payslip(payslip_document(salary, employment, person, None))
        key = LocalFileStorage(settings.storage_dir).save(
            f"payslips/monthly-{salary_id}.pdf", pdf, "application/pdf")
        await repo.set_payslip(salary_id, key)
