"""How long does a payroll run over N due contracts take? (issue 5: N = 10,000)

One real QuickJob is made through the services (quote accepted, contract declared, salary
scheduled); it is cloned N-1 times in SQL with the salary due today, unpaid by the client, so
every salary takes the heavier path (guarantee-fund advance + salary entry + payslip job).
M open-ended contracts (one hired through the service, cloned) each have last month due.
Then the payroll run's three steps run once, as the worker's daily work or
POST /backoffice/salary-runs would: QuickJob salaries, monthly salaries (key formula), the SEPA
file of everything paid. Embedded PostgreSQL, one process.

    .venv/bin/python bench/payroll_run.py [--contracts 10000] [--monthly 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.platform.db import close_pool, fetch, start_pool  # noqa: E402
from backend.platform.embedded import start_postgres  # noqa: E402
from backend.platform.settings import Settings  # noqa: E402

CLONE_SQL = """
WITH src_q AS (SELECT * FROM quickjob WHERE id = {}),
     src_c AS (SELECT * FROM contract WHERE quickjob = {}),
     src_s AS (SELECT * FROM salary_payment WHERE quickjob = {}),
     ids AS (SELECT gen_random_uuid() AS qid, gen_random_uuid() AS cid, gen_random_uuid() AS sid
             FROM generate_series(1, {})),
     q AS (INSERT INTO quickjob (id, person, unit, client, function, description,
             performance_dates, amount_cents, vat_included, vat_rate, vat_exemption,
             contract_type, withholding_rate, paid_in_cash, status, simulation, rule_set,
             pay_date, review_reasons, language)
           SELECT ids.qid, person, unit, client, function, description, performance_dates,
             amount_cents, vat_included, vat_rate, vat_exemption, contract_type,
             withholding_rate, paid_in_cash, status, simulation, rule_set, pay_date,
             review_reasons, language FROM ids, src_q RETURNING id),
     c AS (INSERT INTO contract (id, quickjob, person, contract_type, function, work_dates,
             gross_cents, withholding_rate, status, pdf_key)
           SELECT ids.cid, ids.qid, person, contract_type, function, work_dates, gross_cents,
             withholding_rate, status, pdf_key FROM ids, src_c RETURNING id)
INSERT INTO salary_payment (id, contract, quickjob, person, pay_date, gross_cents,
    social_security_cents, withholding_cents, net_cents, expenses_cents)
SELECT ids.sid, ids.cid, ids.qid, person, current_date, gross_cents, social_security_cents,
    withholding_cents, net_cents, expenses_cents FROM ids, src_s
"""


CLONE_EMPLOYMENT_SQL = """
INSERT INTO employment (id, person, unit, contract_type, monthly_gross_cents, family_status,
    dependent_children, start_date, status)
SELECT gen_random_uuid(), person, unit, contract_type, monthly_gross_cents + g % 50000,
    family_status, g % 4, start_date, status
FROM employment, generate_series(1, {}) g
"""


async def main(contracts: int, monthly: int) -> dict:
    import backend.platform.catalogues  # noqa: F401
    from backend import composition
    from backend.backoffice.banking import service as banking
    from backend.backoffice.salaries import pay_due_salaries
    from backend.employment import service as employment
    from backend.employment.monthly_run import pay_due_months
    from backend.employment.schemas import EmploymentIn
    from backend.http.context import Principal
    from backend.people import service as people
    from backend.platform.migrate import migrate
    from backend.quickjobs import client_answer, creation
    from backend.quickjobs.schemas import ClientIn, QuickJobCreate
    from backend.units import service as units

    tmp = Path(tempfile.mkdtemp(prefix="bench-payroll-"))
    pg = start_postgres(tmp / "pg", database="bench", port=55600)
    try:
        await migrate(pg.url)
        settings = Settings(app_env="development", database_url=pg.url,
                            redis_url="redis://127.0.0.1:1/0", data_dir=tmp,
                            storage_dir=tmp / "files", outbox_dir=tmp / "outbox")
        await start_pool(pg.url, min_size=2, max_size=4)
        ports = composition.adapters(settings).quickjobs
        # What a contract and a salary need: identity and the usage agreement (issue 14).
        person = (await fetch(
            "INSERT INTO person (id, phone, first_name, last_name, iban, national_number, "
            "birth_date, address) VALUES (gen_random_uuid(), '+32470111222', 'Bench', 'Worker', "
            "'BE71096123456769', '85073003328', '1985-07-30', 'Markt 1, 9000 Gent') "
            "RETURNING id"))[0]
        worker = Principal(person["id"], "worker")
        await people.accept_usage_agreement(worker.id, people.current_agreement_version(),
                                            language="en", ip=None)
        day = dt.date.today() + dt.timedelta(days=1)
        created = await creation.create(worker, QuickJobCreate(
            client=ClientIn(name="Bench client", email="bench@example.be", country="BE"),
            function="sound technician", description="One evening",
            performance_dates=[day], amount_cents=30000), ports, "en")
        qid = created.job.id
        await client_answer.accept_quote(ports.quote_token(created.quote.id), None, ports)
        await fetch("UPDATE salary_payment SET pay_date = current_date")
        started = time.perf_counter()
        await fetch(CLONE_SQL, qid, qid, qid, contracts - 1)
        cloned = time.perf_counter() - started
        due = (await fetch("SELECT count(*) AS n FROM salary_payment WHERE status = 'scheduled'"))[0]["n"]
        if monthly:
            last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            staff = Principal(worker.id, "adviser")
            # Started last month: no second adviser's approval needed for the bench.
            await employment.hire(staff, EmploymentIn(person_id=worker.id, start_date=last_month,
                                                      monthly_gross_cents=280_000),
                                  backdate_days=62)
            await fetch(CLONE_EMPLOYMENT_SQL, monthly - 1)
        await units.legal_entity("smart")  # seeds the reference row
        await fetch("UPDATE legal_entity SET iban = 'BE43068999999501', bic = 'GEBABEBB' "
                    "WHERE id = 'smart'")

        today = dt.date.today()
        started = time.perf_counter()
        paid = await pay_due_salaries(today, ports)
        quickjob_seconds = time.perf_counter() - started
        step = time.perf_counter()
        paid_monthly = (await pay_due_months(today)).paid
        monthly_seconds = time.perf_counter() - step
        step = time.perf_counter()
        files = await banking.make_payment_files(None, ports.storage)
        file_seconds = time.perf_counter() - step
        seconds = time.perf_counter() - started
        again = await pay_due_salaries(today, ports)
        again_monthly = (await pay_due_months(today)).paid
        entries = (await fetch("SELECT count(*) AS n FROM journal_entry"))[0]["n"]
        result = {
            "contracts_due": due, "salaries_paid": len(paid),
            "open_ended_contracts": monthly, "monthly_salaries_paid": len(paid_monthly),
            "paid_on_second_run": len(again) + len(again_monthly),
            "run_seconds": round(seconds, 2),
            "quickjob_salaries_seconds": round(quickjob_seconds, 2),
            "ms_per_quickjob_salary": round(quickjob_seconds * 1000 / max(len(paid), 1), 2),
            "monthly_salaries_seconds": round(monthly_seconds, 2),
            "ms_per_monthly_salary": round(monthly_seconds * 1000 / max(len(paid_monthly), 1), 2),
            "payment_file_seconds": round(file_seconds, 2),
            "payment_files": len(files),
            "payment_file_transactions": sum(f.transaction_count for f in files),
            "journal_entries": entries, "clone_seconds": round(cloned, 2),
        }
        await close_pool()
        return result
    finally:
        pg.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--contracts", type=int, default=10_000)
    parser.add_argument("--monthly", type=int, default=1_000)
    args = parser.parse_args()
    figures = asyncio.run(main(args.contracts, args.monthly))
    print(json.dumps(figures, indent=2))
    out = Path(__file__).parent / "results" / "payroll_run.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
