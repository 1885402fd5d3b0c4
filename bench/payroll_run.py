"""How long does a salary run over N due contracts take? (issue 5: N = 10,000)

One real QuickJob is made through the services (quote accepted, contract declared, salary
scheduled); it is cloned N-1 times in SQL with the salary due today, unpaid by the client, so
every salary takes the heavier path (guarantee-fund advance + salary entry + payslip PDF).
Then ``pay_due_salaries`` runs once, as the worker's daily job or POST /backoffice/salary-runs
would. Embedded PostgreSQL, one process.

    .venv/bin/python bench/payroll_run.py [--contracts 10000]
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

from backend.db import close_pool, fetch, start_pool  # noqa: E402
from backend.embedded import start_postgres  # noqa: E402
from backend.settings import Settings  # noqa: E402

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


async def main(contracts: int) -> dict:
    import backend.catalogues  # noqa: F401
    from backend.app import quickjob_ports
    from backend.http.context import Principal
    from backend.migrate import migrate
    from backend.people import service as people
    from backend.quickjobs import service as quickjobs
    from backend.quickjobs.schemas import ClientIn, QuickJobCreate

    tmp = Path(tempfile.mkdtemp(prefix="bench-payroll-"))
    pg = start_postgres(tmp / "pg", database="bench", port=55600)
    try:
        await migrate(pg.url)
        settings = Settings(app_env="development", database_url=pg.url,
                            redis_url="redis://127.0.0.1:1/0", data_dir=tmp,
                            storage_dir=tmp / "files", outbox_dir=tmp / "outbox")
        await start_pool(pg.url, min_size=2, max_size=4)
        ports = quickjob_ports(settings)
        person = (await fetch("INSERT INTO person (id, phone, first_name, last_name) VALUES "
                              "(gen_random_uuid(), '+32470111222', 'Bench', 'Worker') RETURNING id"))[0]
        worker = Principal(person["id"], "worker")
        await people.buy_shares(worker.id, shares=1, category="A")
        day = dt.date.today() + dt.timedelta(days=1)
        qid = await quickjobs.create(worker, QuickJobCreate(
            client=ClientIn(name="Bench client", email="bench@example.be", country="BE"),
            function="sound technician", description="One evening",
            performance_dates=[day], amount_cents=30000), ports, "en")
        quote = (await fetch("SELECT id FROM quote WHERE quickjob = {}", qid))[0]
        await quickjobs.accept_quote(ports.quote_token(quote["id"]), None, ports)
        await fetch("UPDATE salary_payment SET pay_date = current_date")
        started = time.perf_counter()
        await fetch(CLONE_SQL, qid, qid, qid, contracts - 1)
        cloned = time.perf_counter() - started
        due = (await fetch("SELECT count(*) AS n FROM salary_payment WHERE status = 'scheduled'"))[0]["n"]

        started = time.perf_counter()
        paid = await quickjobs.pay_due_salaries(dt.date.today(), ports)
        seconds = time.perf_counter() - started
        again = await quickjobs.pay_due_salaries(dt.date.today(), ports)
        entries = (await fetch("SELECT count(*) AS n FROM journal_entry"))[0]["n"]
        result = {
            "contracts_due": due, "salaries_paid": len(paid), "paid_on_second_run": len(again),
            "run_seconds": round(seconds, 2),
            "salaries_per_second": round(len(paid) / seconds, 1),
            "ms_per_salary": round(seconds * 1000 / max(len(paid), 1), 2),
            "journal_entries": entries, "clone_seconds": round(cloned, 2),
        }
        await close_pool()
        return result
    finally:
        pg.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--contracts", type=int, default=10_000)
    args = parser.parse_args()
    figures = asyncio.run(main(args.contracts))
    print(json.dumps(figures, indent=2))
    out = Path(__file__).parent / "results" / "payroll_run.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
