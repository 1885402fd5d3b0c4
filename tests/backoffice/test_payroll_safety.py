"""Money safety of the payroll run, through the API on the real stack:

- no pay computed on a fallback rule set: a QuickJob salary and a month of an open-ended
  contract whose date has no rule set in force are held, listed with the reason, and paid by
  the first run after the rule set is approved, computed with it (to the cent of the engine);
- a salary run is never dated after today (+ SALARY_RUN_HORIZON_DAYS), nor in year 1 or 9999;
- more months of one contract than PAYROLL_MAX_MONTHS_PER_RUN, or a contract starting further
  back than EMPLOYMENT_BACKDATE_DAYS, wait for a second adviser (never the first one).
Dates: relative to the shipped rule sets, to today, or to a frozen clock in 2025.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid

import pytest

from backend.engine import FamilySituation, SimulationInput, month_pay, simulate
from backend.platform.db import fetch
from tests.employment.conftest import hire, second_adviser
from tests.quickjobs.conftest import quickjob_body, token_of
from tests.rulesets.rule_files import (
    book_with,
    first_weekday_on_or_after,
    latest_set,
    make_admin,
    next_year,
    next_year_document,
    upload_and_approve,
)

RUNS = "/api/v1/backoffice/salary-runs"
HELD = "/api/v1/backoffice/held-pay"


async def _run(client, headers, on: dt.date | str) -> dict:
    r = await client.post(RUNS, json={"date": str(on)}, headers={**headers, "Accept-Language": "en"})
    assert r.status_code == 201, r.text
    return r.json()


async def _me(client, headers) -> dict:
    return (await client.get("/api/v1/me", headers=headers)).json()


async def _approve_next_year(client) -> dict:
    doc = next_year_document()
    await upload_and_approve(client, await make_admin(client), await make_admin(client), doc)
    return doc


@pytest.fixture
def frozen(monkeypatch):
    """The payroll's and hiring's clock, set by the test."""
    from backend.backoffice import payroll
    from backend.employment import service

    def freeze(day: dt.date) -> None:
        monkeypatch.setattr(payroll, "today", lambda: day)
        monkeypatch.setattr(service, "today", lambda: day)
    return freeze


async def test_a_quickjob_salary_on_a_fallback_set_is_held_then_paid_with_the_right_set(
        client, worker_headers, adviser_headers):
    day = first_weekday_on_or_after(latest_set().valid_to + dt.timedelta(days=4))
    if day > dt.date.today() + dt.timedelta(days=366):
        pytest.skip("the latest rule set covers more than the next year")
    r = await client.post("/api/v1/quickjobs", headers=worker_headers,
                          json=quickjob_body(performanceDates=[day.isoformat()]))
    job = r.json()
    assert job["status"] == "in_review" and job["simulation"]["ruleSetFallback"]
    # The adviser lets the quote go (figures marked provisional); the client accepts.
    review = (await client.get("/api/v1/backoffice/review-items", headers=adviser_headers)).json()
    [item] = review["items"]
    r = await client.post(f"/api/v1/backoffice/review-items/{item['id']}/approve", json={},
                          headers=adviser_headers)
    assert r.status_code == 200, r.text
    r = await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    assert r.status_code == 201, r.text
    pay_date = job["simulation"]["payDate"]

    run = await _run(client, adviser_headers, pay_date)
    assert run["paidSalaryIds"] == []
    [held] = run["held"]
    assert (held["kind"], held["reason"], held["status"]) == ("quickjob_salary",
                                                              "rule_set_fallback", "held")
    assert held["quickjobId"] == job["id"] and not held["needsApproval"]
    assert held["message"].startswith("No calculation rules in force for")
    again = await _run(client, adviser_headers, pay_date)
    assert [h["id"] for h in again["held"]] == [held["id"]]  # one hold, held again
    listed = (await client.get(HELD, headers={**adviser_headers, "Accept-Language": "fr"})).json()
    [row] = listed["items"]
    assert row["id"] == held["id"] and row["message"].startswith("Aucune règle de calcul")
    # Released by the rule set, not by a person.
    no = await client.post(f"{HELD}/{held['id']}/approve", headers=await second_adviser(client))
    assert no.status_code == 409
    read = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert read["salary"]["status"] == "scheduled"
    kinds = [e["kind"] for e in read["timeline"]]
    assert kinds.count("salary_awaits_rules") == 1 and "salary_held" not in kinds

    doc = await _approve_next_year(client)
    paid = await _run(client, adviser_headers, pay_date)
    assert len(paid["paidSalaryIds"]) == 1 and paid["held"] == []
    read = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    sim = read["simulation"]
    assert sim["ruleSetFallback"] is False and sim["ruleSet"].startswith(doc["id"])
    exact = simulate(SimulationInput((day,), 100_000, withholding_rate="11.11",
                                     expenses=tuple(_expenses())), rules=book_with(doc))
    assert read["salary"]["status"] == "paid"
    assert read["salary"]["netCents"] == exact.net_cents == sim["netCents"]
    assert read["salary"]["grossCents"] == exact.gross_cents
    assert exact.social_security_cents != job["simulation"]["socialSecurityCents"]
    assert "salary_recomputed" in [e["kind"] for e in read["timeline"]]
    # Booked: the provisional labour cost reversed, the right one posted; every entry balanced.
    labour = await fetch("SELECT e.id, e.kind, e.reverses FROM journal_entry e "
                         "WHERE e.reference = {} ORDER BY e.seq",
                         f"contract:{(await fetch('SELECT id FROM contract'))[0]['id']}")
    assert [e["kind"] for e in labour] == ["labour_cost", "reversal", "labour_cost"]
    assert labour[1]["reverses"] == labour[0]["id"]
    sums = await fetch("SELECT e.id, sum(l.amount_cents) AS total FROM journal_entry e "
                       "JOIN journal_line l ON l.entry = e.id GROUP BY e.id")
    assert all(s["total"] == 0 for s in sums)
    assert (await client.get(HELD, headers=adviser_headers)).json()["items"] == []
    released = (await client.get(HELD, params={"status": "released"},
                                 headers=adviser_headers)).json()["items"]
    assert [h["id"] for h in released] == [held["id"]]
    actions = [a["action"] for a in await fetch("SELECT action FROM audit_log ORDER BY id")]
    assert {"pay.held", "salary.recomputed", "salary.paid", "pay.released"} <= set(actions)


def _expenses():
    from backend.engine import ExpenseInput

    return [ExpenseInput(e["amountCents"], e["category"]) for e in quickjob_body()["expenses"]]


async def test_a_month_without_rules_is_held_then_paid_with_them(
        client, worker_headers, adviser_headers):
    year = next_year()
    start = dt.date(year - 1, 12, 1)
    me = await _me(client, worker_headers)
    hired = await hire(client, adviser_headers, me["id"], startDate=start.isoformat(),
                       monthlyGrossCents=300_000)
    run_day = dt.date(year, 1, 31)
    run = await _run(client, adviser_headers, run_day)
    assert len(run["paidMonthlySalaryIds"]) == 1  # December, under the rules in force
    [held] = run["held"]
    assert (held["kind"], held["reason"], held["month"]) == ("monthly_salary",
                                                             "rule_set_fallback", f"{year}-01-01")
    assert held["employmentId"] == hired["id"]
    assert await fetch("SELECT 1 FROM monthly_salary WHERE month = {}", dt.date(year, 1, 1)) == []

    doc = await _approve_next_year(client)
    run = await _run(client, adviser_headers, run_day)
    assert len(run["paidMonthlySalaryIds"]) == 1 and run["held"] == []
    [january] = await fetch("SELECT * FROM monthly_salary WHERE month = {}", dt.date(year, 1, 1))
    expected = month_pay(300_000, dt.date(year, 1, 1), start, None, FamilySituation("single"),
                         rules=book_with(doc))
    assert january["rule_set"] == expected.payslip.rule_set and not january["rule_set_fallback"]
    assert january["net_cents"] == expected.payslip.net_cents
    assert january["withholding_cents"] == expected.payslip.withholding_tax_cents
    assert january["employer_cost_cents"] == expected.employer_cost_cents
    [hold] = await fetch("SELECT status FROM payroll_hold")
    assert hold["status"] == "released"


async def test_a_salary_run_is_never_dated_after_the_horizon_nor_absurdly(
        client, app, adviser_headers, monkeypatch):
    monkeypatch.setattr(app.state, "settings",
                        dataclasses.replace(app.state.settings, salary_run_horizon_days=0))
    today = dt.date.today()
    tomorrow = today + dt.timedelta(days=1)
    for lang, text in (("en", f"cannot be dated after {today.isoformat()}"),
                       ("nl", "kan niet later gedateerd zijn"), ("fr", "ne peut pas être daté")):
        r = await client.post(RUNS, json={"date": tomorrow.isoformat()},
                              headers={**adviser_headers, "Accept-Language": lang})
        assert r.status_code == 422 and r.headers["content-type"].startswith(
            "application/problem+json")
        [error] = r.json()["errors"]
        assert error["field"] == "date" and text in error["message"]
    for absurd in ("9999-12-31", "0001-01-01"):
        r = await client.post(RUNS, json={"date": absurd},
                              headers={**adviser_headers, "Accept-Language": "en"})
        assert r.status_code == 422, r.text
        assert "is not possible" in r.json()["errors"][0]["message"]
    assert (await client.post(RUNS, json={"date": today.isoformat()},
                              headers=adviser_headers)).status_code == 201
    assert (await client.post(RUNS, json={}, headers=adviser_headers)).status_code == 201


async def test_more_months_than_a_run_pays_alone_wait_for_a_second_adviser(
        client, worker_headers, adviser_headers, frozen):
    me = await _me(client, worker_headers)
    frozen(dt.date(2025, 6, 30))
    hired = await hire(client, adviser_headers, me["id"], startDate="2025-06-10",
                       monthlyGrossCents=280_000)
    assert hired["approval"] == "not_needed"  # 20 days back: one adviser is enough
    assert len((await _run(client, adviser_headers, "2025-06-30"))["paidMonthlySalaryIds"]) == 1
    frozen(dt.date(2025, 10, 31))  # no run for four months
    run = await _run(client, adviser_headers, "2025-10-31")
    assert run["paidMonthlySalaryIds"] == []
    [held] = run["held"]
    assert (held["reason"], held["needsApproval"]) == ("months_above_limit", True)
    assert held["message"] == ("4 months of this contract in one salary run (2025-07 to 2025-10), "
                               "more than 2: a second adviser approves it, then the next run "
                               "pays them.")
    own = await client.post(f"{HELD}/{held['id']}/approve", headers=adviser_headers)
    assert own.status_code == 403  # who hired and ran the payroll
    r = await client.post(f"{HELD}/{held['id']}/approve", headers=await second_adviser(client))
    assert r.status_code == 200 and r.json()["status"] == "approved"
    run = await _run(client, adviser_headers, "2025-10-31")
    assert len(run["paidMonthlySalaryIds"]) == 4 and run["held"] == []
    months = sorted(r["month"] for r in await fetch("SELECT month FROM monthly_salary"))
    assert [m.isoformat() for m in months] == [f"2025-{m:02d}-01" for m in range(6, 11)]
    assert (await _run(client, adviser_headers, "2025-10-31"))["paidMonthlySalaryIds"] == []
    [hold] = await fetch("SELECT status, approved_by FROM payroll_hold")
    assert hold["status"] == "released" and hold["approved_by"] is not None


async def test_a_contract_starting_far_back_pays_nothing_before_a_second_adviser(
        client, worker_headers, adviser_headers, frozen):
    frozen(dt.date(2025, 10, 31))
    me = await _me(client, worker_headers)
    r = await client.post("/api/v1/backoffice/employments", headers=adviser_headers, json={
        "personId": me["id"], "startDate": "2025-01-01", "monthlyGrossCents": 250_000})
    assert r.status_code == 201 and r.json()["approval"] == "pending"
    hired = r.json()
    assert (await _run(client, adviser_headers, "2025-10-31"))["paidMonthlySalaryIds"] == []
    own = await client.post(f"/api/v1/backoffice/employments/{hired['id']}/approve",
                            headers={**adviser_headers, "Accept-Language": "en"})
    assert own.status_code == 403 and "not the one who made it" in own.json()["detail"]
    r = await client.post(f"/api/v1/backoffice/employments/{hired['id']}/approve",
                          headers=await second_adviser(client))
    assert r.status_code == 200 and r.json()["approval"] == "approved"
    run = await _run(client, adviser_headers, "2025-10-31")
    assert len(run["paidMonthlySalaryIds"]) == 10 and run["held"] == []  # January to October


async def test_the_single_parent_reduction_comes_from_the_contract(
        client, worker_headers, adviser_headers):
    me = await _me(client, worker_headers)
    for lang in ("nl", "fr", "en"):
        r = await client.post("/api/v1/backoffice/employments", headers={
            **adviser_headers, "Accept-Language": lang}, json={
            "personId": me["id"], "startDate": "2025-03-01", "monthlyGrossCents": 300_000,
            "familyStatus": "married_one_income", "dependentChildren": 2, "singleParent": True})
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "singleParent"
    hired = await hire(client, adviser_headers, me["id"], startDate="2025-03-01",
                       monthlyGrossCents=300_000, familyStatus="single", dependentChildren=2,
                       singleParent=True)
    assert hired["singleParent"] is True
    await _run(client, adviser_headers, "2025-03-31")
    [march] = await fetch("SELECT * FROM monthly_salary WHERE employment = {}",
                          uuid.UUID(hired["id"]))
    parent = month_pay(300_000, dt.date(2025, 3, 1), dt.date(2025, 3, 1), None,
                       FamilySituation("single", 2, True)).payslip
    without = month_pay(300_000, dt.date(2025, 3, 1), dt.date(2025, 3, 1), None,
                        FamilySituation("single", 2)).payslip
    assert march["withholding_cents"] == parent.withholding_tax_cents
    assert march["net_cents"] == parent.net_cents > without.net_cents
    payslip = json.loads(march["payslip"])
    assert payslip["singleParentReductionCents"] == parent.single_parent_reduction_cents > 0
