"""The payroll run: every salary due is paid, then the SEPA file that transfers them is made.

QuickJob salaries (per contract, guarantee fund) and monthly salaries of open-ended contracts
(key formula) go through the same run and the same payment file. Every step is idempotent, so
the API and the worker's daily work can both call it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from backend.backoffice.banking import service as banking
from backend.backoffice.banking.rows import PaymentFileRow
from backend.backoffice.salaries import pay_due_salaries
from backend.employment import service as employment
from backend.platform.errors import Conflict


@dataclass
class PayrollRun:
    date: dt.date
    paid_salary_ids: list[uuid.UUID]
    paid_monthly_salary_ids: list[uuid.UUID]
    payment_files: list[PaymentFileRow]  # SEPA files of what was paid (several above FILE_LIMIT lines)
    payment_file_problem: str | None = None  # a problem code (e.g. debtor_iban_missing)


async def run(on: dt.date, ports, actor_id: uuid.UUID | None,
              execution_date: dt.date | None = None) -> PayrollRun:
    paid = await pay_due_salaries(on, ports, actor_id)
    monthly = await employment.pay_due_months(on, actor_id)
    files, problem = [], None
    try:
        files = await banking.make_payment_files(actor_id, ports.storage, execution_date)
    except Conflict as exc:
        # The salaries are paid (booked); the transfer waits until the account is configured.
        problem = exc.code
    return PayrollRun(on, paid, monthly, files, problem)
