"""The payroll run: every salary due is paid, then the SEPA file that transfers them is made.

QuickJob salaries (per contract, guarantee fund) and monthly salaries of open-ended contracts
(key formula) go through the same run and the same payment file. Every step is idempotent, so
the API and the worker's daily work can both call it.

Money safety (issue 12): the run computes with the rule book of this process (shipped +
approved rule sets, reloaded when an approval changed it); it pays nothing computed on a
fallback rule set and holds it instead (``held``, with the reason, until the rule set exists);
it is never dated after today plus ``SALARY_RUN_HORIZON_DAYS``; a run paying more months of
one open-ended contract than ``PAYROLL_MAX_MONTHS_PER_RUN`` holds them for a second adviser.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from backend.backoffice.banking import service as banking
from backend.backoffice.banking.rows import PaymentFileRow
from backend.backoffice.rows import HoldRow
from backend.backoffice.salaries import pay_due_salaries
from backend.employment.monthly_run import pay_due_months
from backend.platform import i18n
from backend.platform.dates import check_dates
from backend.platform.errors import Conflict, invalid
from backend.platform.settings import Settings
from backend.rulesets import book as rule_books

i18n.register({
    "salary_run_after_horizon": {
        "nl": "Een loonrun kan niet later gedateerd zijn dan {latest}: lonen worden pas betaald "
              "als hun dag gekomen is.",
        "fr": "Un calcul des salaires ne peut pas être daté après le {latest} : les salaires ne "
              "sont payés que lorsque leur jour est venu.",
        "en": "A salary run cannot be dated after {latest}: salaries are paid only once their "
              "day has come.",
    },
})


@dataclass
class PayrollRun:
    date: dt.date
    paid_salary_ids: list[uuid.UUID]
    paid_monthly_salary_ids: list[uuid.UUID]
    payment_files: list[PaymentFileRow]  # SEPA files of what was paid (several above FILE_LIMIT lines)
    payment_file_problem: str | None = None  # a problem code (e.g. debtor_iban_missing)
    held: list[HoldRow] = field(default_factory=list)  # not paid by this run, and why


def today() -> dt.date:
    """The payroll's clock (one place to read it)."""
    return dt.date.today()


def check_run_date(on: dt.date, today: dt.date, horizon_days: int) -> None:
    """A run pays what is due by its date: never a date after today (+ the horizon)."""
    check_dates([("date", on)])
    latest = today + dt.timedelta(days=horizon_days)
    if on > latest:
        raise invalid("date", "salary_run_after_horizon", latest=latest.isoformat())


async def run(on: dt.date, ports, actor_id: uuid.UUID | None,
              execution_date: dt.date | None = None, *,
              settings: Settings | None = None) -> PayrollRun:
    limits = settings or Settings()
    check_run_date(on, today(), limits.salary_run_horizon_days)
    book = await rule_books.current()
    held: list[HoldRow] = []
    paid = await pay_due_salaries(on, ports, actor_id, book=book, held=held)
    monthly = await pay_due_months(on, actor_id, book=book,
                                   max_months=limits.payroll_max_months_per_run)
    held += monthly.held
    files, problem = [], None
    try:
        files = await banking.make_payment_files(actor_id, ports.storage, execution_date)
    except Conflict as exc:
        # The salaries are paid (booked); the transfer waits until the account is configured.
        problem = exc.code
    return PayrollRun(on, paid, monthly.paid, files, problem, held)
