"""Open-ended contracts through the API: hired by an adviser, paid every month by the payroll
run with the key formula, booked on the unit, transferred by SEPA, payslips by the worker."""

from __future__ import annotations

import datetime as dt
import uuid

from lxml import etree

from backend.engine import FamilySituation, month_pay
from backend.platform.db import fetch
from tests.backoffice.banking.test_banking import NS, SMART_IBAN, WORKER_IBAN, XSD, set_smart_iban
from tests.conftest import eventually
from tests.employment.conftest import hire

RUNS = "/api/v1/backoffice/salary-runs"
HIRE = "/api/v1/backoffice/employments"


async def _me(client, headers) -> dict:
    return (await client.get("/api/v1/me", headers=headers)).json()


async def _hire(client, adviser_headers, person_id: str, **body) -> dict:
    return await hire(client, adviser_headers, person_id, **body)  # approved if backdated


async def _run(client, adviser_headers, on: str) -> dict:
    r = await client.post(RUNS, json={"date": on}, headers=adviser_headers)
    assert r.status_code == 201, r.text
    return r.json()


async def test_hire_from_a_projected_turnover(client, worker_headers, adviser_headers):
    me = await _me(client, worker_headers)
    hired = await _hire(client, adviser_headers, me["id"], startDate="2025-03-01",
                        projectedAnnualTurnoverCents=6_000_000, familyStatus="married_one_income",
                        dependentChildren=2)
    # 60,000.00 − 6.5 % = 56,100.00 a year; 4,675.00 a month of employer cost; / 1.55
    assert hired["monthlyGrossCents"] == 301_613
    assert hired["status"] == "active" and hired["contractType"] == "open_ended"
    units = (await client.get("/api/v1/units", headers=worker_headers)).json()["items"]
    assert hired["unitId"] in [u["id"] for u in units]  # the member's own unit by default
    audit = await fetch("SELECT action FROM audit_log WHERE object_id = {}", hired["id"])
    # Started far back: a second adviser approved it (issue 12).
    assert [a["action"] for a in audit] == ["employment.hired", "employment.approved"]


async def test_hiring_refuses_bad_input_in_the_callers_language(client, worker_headers,
                                                                adviser_headers):
    me = await _me(client, worker_headers)
    fr = {**adviser_headers, "Accept-Language": "fr"}
    both = await client.post(HIRE, headers=fr, json={
        "personId": me["id"], "startDate": "2025-03-01", "monthlyGrossCents": 300_000,
        "projectedAnnualTurnoverCents": 6_000_000})
    assert both.status_code == 422
    assert "brut mensuel" in both.json()["errors"][0]["message"]
    unknown = await client.post(HIRE, headers=adviser_headers, json={
        "personId": str(uuid.uuid4()), "startDate": "2025-03-01", "monthlyGrossCents": 300_000})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "personId"
    negative = await client.post(HIRE, headers=adviser_headers, json={
        "personId": me["id"], "startDate": "2025-03-01", "monthlyGrossCents": -5})
    assert negative.status_code == 422
    by_worker = await client.post(HIRE, headers=worker_headers, json={
        "personId": me["id"], "startDate": "2025-03-01", "monthlyGrossCents": 300_000})
    assert by_worker.status_code == 403
    assert await fetch("SELECT 1 FROM employment") == []
    await _hire(client, adviser_headers, me["id"], startDate="2025-03-01", monthlyGrossCents=300_000)
    twice = await client.post(HIRE, headers=adviser_headers, json={
        "personId": me["id"], "startDate": "2025-04-01", "monthlyGrossCents": 300_000})
    assert twice.status_code == 409
    assert len(await fetch("SELECT 1 FROM employment")) == 1


async def test_the_payroll_run_pays_each_month_once_with_the_key_formula(
        client, worker_headers, adviser_headers):
    me = await _me(client, worker_headers)
    hired = await _hire(client, adviser_headers, me["id"], startDate="2025-01-15",
                        monthlyGrossCents=300_000)
    # Before March's pay date (the month's last working day, 31 March 2025): Jan and Feb.
    first = await _run(client, adviser_headers, "2025-03-28")
    assert len(first["paidMonthlySalaryIds"]) == 2 and first["paidSalaryIds"] == []
    second = await _run(client, adviser_headers, "2025-03-31")
    assert len(second["paidMonthlySalaryIds"]) == 1
    again = await _run(client, adviser_headers, "2025-03-31")
    assert again["paidMonthlySalaryIds"] == []

    r = await client.get(f"{HIRE}/{hired['id']}/monthly-salaries", headers=adviser_headers)
    months = sorted(r.json()["items"], key=lambda m: m["month"])
    assert [m["month"] for m in months] == ["2025-01-01", "2025-02-01", "2025-03-01"]
    for m in months:
        expected = month_pay(300_000, dt.date.fromisoformat(m["month"]), dt.date(2025, 1, 15),
                             None, FamilySituation("single"))
        assert m["grossCents"] == expected.payslip.gross_cents
        assert m["netCents"] == expected.payslip.net_cents
        assert m["withholdingCents"] == expected.payslip.withholding_tax_cents
        assert m["employerCostCents"] == expected.employer_cost_cents
        assert m["payDate"] == expected.pay_date.isoformat()
        assert m["grossCents"] - m["socialSecurityCents"] - m["withholdingCents"] \
            - m["specialSocialSecurityCents"] == m["netCents"]
    # January is pro rata: 13 of its 23 weekdays from the 15th.
    assert (months[0]["daysEmployed"], months[0]["daysInMonth"]) == (13, 23)
    assert months[0]["grossCents"] == (2 * 300_000 * 13 + 23) // (2 * 23)
    assert months[1]["grossCents"] == months[2]["grossCents"] == 300_000
    assert months[2]["netCents"] == 220_502  # the 2025-03-single-3000 case of tests/engine

    # Booked on the unit: one balanced entry per month; the unit pays the employer cost.
    entries = await fetch("SELECT e.id, sum(l.amount_cents) AS total FROM journal_entry e "
                          "JOIN journal_line l ON l.entry = e.id WHERE e.kind = 'monthly_salary' "
                          "GROUP BY e.id")
    assert len(entries) == 3 and all(e["total"] == 0 for e in entries)
    unit = (await client.get(f"/api/v1/units/{hired['unitId']}", headers=worker_headers)).json()
    assert unit["balanceCents"] == -sum(m["employerCostCents"] for m in months)
    # Nothing in the unit covers it: an adviser is asked to look, once per month.
    reviews = await fetch("SELECT kind FROM review_item WHERE kind = 'monthly_salary_uncovered'")
    assert len(reviews) == 3
    queue = (await client.get("/api/v1/backoffice/review-items",
                              headers={**adviser_headers, "Accept-Language": "en"})).json()
    assert any("is not covered" in reason for item in queue["items"] for reason in item["reasons"])


async def test_a_covered_month_raises_no_review_and_lands_in_the_quarterly_summary(
        client, worker_headers, adviser_headers):
    from backend.units import ledger

    me = await _me(client, worker_headers)
    hired = await _hire(client, adviser_headers, me["id"], startDate="2025-04-01",
                        monthlyGrossCents=250_000)
    await ledger.post_entry(uuid.UUID(hired["unitId"]), "test_income", "Turnover of the year",
                            [("bank", 2_000_000), ("turnover", -2_000_000)],
                            effective_date=dt.date(2025, 4, 1))
    run = await _run(client, adviser_headers, "2025-06-30")
    assert len(run["paidMonthlySalaryIds"]) == 3
    assert await fetch("SELECT 1 FROM review_item") == []
    r = await client.get("/api/v1/backoffice/quarterly-summary?year=2025&quarter=2",
                         headers=adviser_headers)
    [line] = r.json()["items"]
    months = (await client.get("/api/v1/monthly-salaries", headers=worker_headers)).json()["items"]
    assert line["contracts"] == 3
    assert line["grossCents"] == 750_000 == sum(m["grossCents"] for m in months)
    assert line["withholdingCents"] == sum(m["withholdingCents"] for m in months)
    assert line["specialSocialSecurityCents"] == sum(m["specialSocialSecurityCents"] for m in months)
    assert line["days"] == sum(m["daysEmployed"] for m in months)


async def test_ending_a_contract_pays_the_last_month_pro_rata(client, worker_headers,
                                                              adviser_headers):
    me = await _me(client, worker_headers)
    hired = await _hire(client, adviser_headers, me["id"], startDate="2025-01-01",
                        monthlyGrossCents=300_000)
    await _run(client, adviser_headers, "2025-02-28")  # January and February paid
    refused = await client.post(f"{HIRE}/{hired['id']}/end", json={"endDate": "2025-01-20"},
                                headers=adviser_headers)
    assert refused.status_code == 422  # a paid month is corrected by reversal, not by this
    ended = await client.post(f"{HIRE}/{hired['id']}/end", json={"endDate": "2025-03-14"},
                              headers=adviser_headers)
    assert ended.status_code == 200 and ended.json()["status"] == "ended"
    run = await _run(client, adviser_headers, "2025-06-30")
    assert len(run["paidMonthlySalaryIds"]) == 1  # March only, never April or later
    [march] = await fetch("SELECT * FROM monthly_salary WHERE month = '2025-03-01'")
    assert (march["days_employed"], march["days_in_month"]) == (10, 21)
    assert march["gross_cents"] == (2 * 300_000 * 10 + 21) // (2 * 21)
    again = await client.post(f"{HIRE}/{hired['id']}/end", json={"endDate": "2025-03-20"},
                              headers=adviser_headers)
    assert again.status_code == 409


async def test_monthly_salaries_go_in_the_runs_sepa_file_and_payslips_follow(
        client, worker_headers, other_worker_headers, adviser_headers, worker):
    await set_smart_iban(SMART_IBAN)
    await client.patch("/api/v1/me", json={"iban": WORKER_IBAN}, headers=worker_headers)
    me = await _me(client, worker_headers)
    await _hire(client, adviser_headers, me["id"], startDate="2025-02-01", monthlyGrossCents=280_000)
    run = await _run(client, adviser_headers, "2025-03-31")
    [made] = run["paymentFiles"]
    months = (await client.get("/api/v1/monthly-salaries", headers=worker_headers)).json()["items"]
    assert made["transactionCount"] == 2
    assert made["controlSumCents"] == sum(m["netCents"] for m in months)
    xml = await client.get(made["xmlUrl"], headers=adviser_headers)
    doc = etree.fromstring(xml.content)
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(doc)
    remittances = [t.findtext("p:RmtInf/p:Ustrd", namespaces=NS)
                   for t in doc.findall("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", NS)]
    assert sorted(remittances) == ["Salary 2025-02", "Salary 2025-03"]
    assert (await _run(client, adviser_headers, "2025-03-31"))["paymentFiles"] == []

    # The payslips are made by the real rq worker after the run's commit.
    async def rendered():
        rows = (await client.get("/api/v1/monthly-salaries", headers=worker_headers)).json()["items"]
        return all(r["payslipUrl"] for r in rows) and rows
    rows = await eventually(rendered, timeout=30)
    pdf = await client.get(rows[0]["payslipUrl"], headers=worker_headers)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (await client.get(rows[0]["payslipUrl"], headers=other_worker_headers)).status_code == 404
    assert (await client.get("/api/v1/monthly-salaries",
                             headers=other_worker_headers)).json()["items"] == []
