"""Corrections are reversals with four eyes above the limit; overdue invoices are reminded."""

import datetime as dt
import uuid

import pytest

from backend.platform.db import fetch
from tests.conftest import bearer
from tests.quickjobs.conftest import (  # fixtures: tests/backoffice/conftest.py
    quickjob_body,
    token_of,
)


@pytest.fixture
async def second_adviser_headers(client):
    from backend.people import service as people

    email = f"adviser2-{uuid.uuid4().hex[:6]}@smart.coop"
    await people.create_staff(email, "another long password", "adviser", "Bea", "Second")
    r = await client.post("/api/v1/auth/password",
                          json={"email": email, "password": "another long password"})
    return bearer(r.json())


async def _invoiced_job(client, headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)).json()
    await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    invoice = (await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=headers)).json()
    return job, invoice


async def test_a_large_correction_needs_a_second_adviser(client, worker_headers, adviser_headers,
                                                         second_adviser_headers):
    job, invoice = await _invoiced_job(client, worker_headers)
    entry = (await fetch("SELECT id FROM journal_entry WHERE reference = {}",
                         f"invoice:{invoice['id']}"))[0]["id"]
    balance_before = (await client.get(f"/api/v1/units/{job['unitId']}",
                                       headers=worker_headers)).json()["balanceCents"]
    r = await client.post(f"/api/v1/backoffice/units/{job['unitId']}/corrections",
                          json={"entryId": str(entry), "reason": "wrong client"},
                          headers=adviser_headers)
    assert r.status_code == 201, r.text
    correction = r.json()
    assert correction["status"] == "pending"  # 1,210.00 is above the 1,000.00 limit
    own = await client.post(f"/api/v1/backoffice/corrections/{correction['id']}/approve",
                            headers={**adviser_headers, "Accept-Language": "en"})
    assert own.status_code == 403
    assert "second adviser" in own.json()["detail"]
    approved = await client.post(f"/api/v1/backoffice/corrections/{correction['id']}/approve",
                                 headers=second_adviser_headers)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "applied"
    # Nothing was deleted: the entry is still there, and its mirror cancels it.
    rows = await fetch("SELECT count(*) AS n FROM journal_entry WHERE id = {} OR reverses = {}",
                       entry, entry)
    assert rows[0]["n"] == 2
    balance_after = (await client.get(f"/api/v1/units/{job['unitId']}",
                                      headers=worker_headers)).json()["balanceCents"]
    sim = job["simulation"]
    assert balance_after == balance_before - (sim["turnoverCents"] - sim["contributionCents"])
    worker = await client.post(f"/api/v1/backoffice/units/{job['unitId']}/corrections",
                               json={"entryId": str(entry), "reason": "x"}, headers=worker_headers)
    assert worker.status_code == 403


async def test_overdue_invoices_are_reminded_then_escalated(client, worker_headers, adviser_headers):
    _, invoice = await _invoiced_job(client, worker_headers)
    due = dt.date.fromisoformat(invoice["dueDate"])

    async def run(days):
        r = await client.post("/api/v1/backoffice/reminder-runs",
                              json={"date": (due + dt.timedelta(days=days)).isoformat()},
                              headers=adviser_headers)
        assert r.status_code == 201, r.text
        return r.json()

    assert (await run(3))["remindersSent"] == 0
    assert (await run(7))["remindersSent"] == 1
    assert (await run(8))["remindersSent"] == 0  # stage 1 only once
    assert (await run(21))["remindersSent"] == 1
    last = await run(40)
    assert last == {"date": (due + dt.timedelta(days=40)).isoformat(), "remindersSent": 1,
                    "escalated": 1}
    queue = (await client.get("/api/v1/backoffice/review-items",
                              headers={**adviser_headers, "Accept-Language": "en"})).json()
    assert any("overdue" in reason for item in queue["items"] for reason in item["reasons"])


async def test_quarterly_summary_per_worker(client, worker_headers, adviser_headers, app):
    job, invoice = await _invoiced_job(client, worker_headers)
    pay_date = job["simulation"]["payDate"]
    await client.post("/api/v1/backoffice/salary-runs", json={"date": pay_date},
                      headers=adviser_headers)
    day = dt.date.fromisoformat(job["performanceDates"][0])
    quarter = (day.month - 1) // 3 + 1
    r = await client.get(f"/api/v1/backoffice/quarterly-summary?year={day.year}&quarter={quarter}",
                         headers=adviser_headers)
    assert r.status_code == 200, r.text
    (line,) = r.json()["items"]
    sim = job["simulation"]
    assert (line["days"], line["grossCents"], line["withholdingCents"], line["netCents"]) == (
        1, sim["grossCents"], sim["withholdingTaxCents"], sim["netCents"])
    assert line["employerCostCents"] == sim["employerCostCents"]
    csv_text = (await client.get(
        f"/api/v1/backoffice/quarterly-summary?year={day.year}&quarter={quarter}&format=csv",
        headers=adviser_headers)).text
    assert csv_text.splitlines()[0].startswith("person_id,name")
    assert str(sim["grossCents"]) in csv_text.splitlines()[1]
