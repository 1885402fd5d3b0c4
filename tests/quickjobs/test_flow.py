"""The whole QuickJob path as the app walks it, on the real database and file storage."""

import asyncio
import datetime as dt

from backend.engine import is_valid_ogm
from tests.conftest import eventually
from tests.official_validation import assert_valid_ubl
from tests.quickjobs.conftest import quickjob_body, token_of


async def test_quote_to_paid_salary(client, worker_headers, adviser_headers, worker):
    body = quickjob_body()
    simulation = (await client.post("/api/v1/simulations", json={
        k: body[k] for k in ("performanceDates", "amountCents", "vatRate", "contractType",
                             "withholdingRate", "expenses")})).json()

    r = await client.post("/api/v1/quickjobs", json=body, headers=worker_headers)
    assert r.status_code == 201, r.text
    job = r.json()
    assert job["status"] == "quote_sent"
    assert job["simulation"] == simulation  # one engine: same inputs, same cents
    assert job["quote"]["number"].startswith(f"Q{dt.date.today().year}-")
    assert job["contract"]["status"] == "planned"
    sim = job["simulation"]
    assert sim["turnoverCents"] == (sim["contributionCents"] + sim["expensesCents"]
                                    + sim["employerCostCents"] + sim["unitRemainderCents"])

    quote_pdf = await client.get(job["quote"]["pdfUrl"], headers=worker_headers)
    assert quote_pdf.status_code == 200 and quote_pdf.content.startswith(b"%PDF")
    # The contract PDF exists once the contract is declared (its gross is final then).
    planned = await client.get(job["contract"]["pdfUrl"], headers=worker_headers)
    assert planned.status_code == 404

    token = token_of(job["quote"]["acceptUrl"])
    public = await client.get(f"/api/v1/public/quotes/{token}")
    assert public.status_code == 200
    assert public.json()["totalInclVatCents"] == sim["totalInclVatCents"]
    accepted = await client.post(f"/api/v1/public/quotes/{token}/accept")
    assert accepted.status_code == 201, accepted.text
    again = await client.post(f"/api/v1/public/quotes/{token}/accept")
    assert again.json()["id"] == accepted.json()["id"]  # a double click makes one order

    job = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert job["status"] == "accepted"
    assert job["contract"]["status"] == "declared"
    assert [d["workDate"] for d in job["contract"]["dimona"]] == body["performanceDates"]
    assert job["salary"]["status"] == "scheduled"
    assert job["salary"]["payDate"] == sim["payDate"]
    assert job["salary"]["netCents"] == sim["netCents"]
    contract_pdf = await client.get(job["contract"]["pdfUrl"], headers=worker_headers)
    assert contract_pdf.status_code == 200 and contract_pdf.content.startswith(b"%PDF")

    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=worker_headers)
    assert r.status_code == 201, r.text
    invoice = r.json()
    assert invoice["number"] == f"{dt.date.today().year}/000001"
    assert is_valid_ogm(invoice["structuredCommunication"])
    assert invoice["totalCents"] == sim["totalInclVatCents"]
    pdf = await client.get(invoice["pdfUrl"], headers=worker_headers)
    assert pdf.content.startswith(b"%PDF")
    ubl = await client.get(invoice["ublUrl"], headers=worker_headers)
    assert ubl.status_code == 200
    assert_valid_ubl(ubl.content)  # OASIS XSD, CEN EN 16931 and Peppol BIS 3.0 rules

    paid = await client.post(f"/api/v1/backoffice/invoices/{invoice['id']}/payments",
                             json={"amountCents": invoice["totalCents"],
                                   "date": dt.date.today().isoformat()},
                             headers=adviser_headers)
    assert paid.status_code == 201, paid.text
    assert paid.json()["fullyPaid"] is True

    run = await client.post("/api/v1/backoffice/salary-runs", json={"date": sim["payDate"]},
                            headers=adviser_headers)
    assert run.status_code == 201, run.text
    assert len(run.json()["paidSalaryIds"]) == 1
    rerun = await client.post("/api/v1/backoffice/salary-runs", json={"date": sim["payDate"]},
                              headers=adviser_headers)
    assert rerun.json()["paidSalaryIds"] == []  # paid once

    async def with_payslip():  # the worker makes the payslip after the run
        detail = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
        return detail if detail["salary"]["payslipUrl"] else None

    job = await eventually(with_payslip, timeout=20)
    assert job["status"] == "salary_paid"
    assert job["salary"]["guaranteeAdvance"] is False
    payslip = await client.get(job["salary"]["payslipUrl"], headers=worker_headers)
    assert payslip.content.startswith(b"%PDF")
    kinds = [e["kind"] for e in job["timeline"]]
    assert kinds == ["created", "quote_sent", "quote_accepted", "contract_declared",
                     "salary_scheduled", "invoice_issued", "paid", "salary_paid"]

    unit = (await client.get(f"/api/v1/units/{job['unitId']}", headers=worker_headers)).json()
    # Everything booked: what is left in the unit is exactly the engine's remainder.
    assert unit["balanceCents"] == sim["unitRemainderCents"]


async def test_guarantee_fund_pays_when_the_client_has_not(client, worker_headers, adviser_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    invoice = (await client.post(f"/api/v1/quickjobs/{job['id']}/invoice",
                                 headers=worker_headers)).json()
    pay_date = job["simulation"]["payDate"]
    run = await client.post("/api/v1/backoffice/salary-runs", json={"date": pay_date},
                            headers=adviser_headers)
    assert len(run.json()["paidSalaryIds"]) == 1
    job = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert job["salary"]["guaranteeAdvance"] is True
    assert "guarantee_advance" in [e["kind"] for e in job["timeline"]]

    # The client pays later: the advance is settled and the unit ends where it should.
    await client.post(f"/api/v1/backoffice/invoices/{invoice['id']}/payments",
                      json={"amountCents": invoice["totalCents"], "date": pay_date},
                      headers=adviser_headers)
    unit = (await client.get(f"/api/v1/units/{job['unitId']}", headers=worker_headers)).json()
    assert unit["balanceCents"] == job["simulation"]["unitRemainderCents"]
    ledger = (await client.get(f"/api/v1/units/{job['unitId']}/ledger?limit=100",
                               headers=worker_headers)).json()
    kinds = {e["kind"] for e in ledger["items"]}
    assert {"guarantee_advance", "guarantee_settled"} <= kinds


async def test_client_declines(client, worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    token = token_of(job["quote"]["acceptUrl"])
    r = await client.post(f"/api/v1/public/quotes/{token}/decline", json={"reason": "too late"})
    assert r.status_code == 200
    job = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert job["status"] == "declined"
    assert job["contract"]["status"] == "cancelled"
    assert (await client.post(f"/api/v1/public/quotes/{token}/accept")).status_code == 409
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=worker_headers)
    assert r.status_code == 409


async def test_credit_note_cancels_an_invoice_and_reverses_its_entries(client, worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    first = (await client.post(f"/api/v1/quickjobs/{job['id']}/invoice",
                               headers=worker_headers)).json()
    credit = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice/cancel",
                               headers=worker_headers)
    assert credit.status_code == 201, credit.text
    assert credit.json()["kind"] == "credit_note"
    assert credit.json()["totalCents"] == -first["totalCents"]
    assert credit.json()["creditsInvoiceId"] == first["id"]
    second = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=worker_headers)
    assert second.status_code == 201
    assert second.json()["number"].endswith("000002")  # the credited number is never reused


async def test_worker_attests_a_signed_order(client, worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/order", headers=worker_headers,
                          files={"signed_order": ("order.pdf", b"%PDF-1.4 signed", "application/pdf")})
    assert r.status_code == 201, r.text
    assert r.json()["source"] == "worker_attested"


async def test_cash_collection_instead_of_an_invoice(client, worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(paidInCash=True),
                             headers=worker_headers)).json()
    await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    total = job["simulation"]["totalInclVatCents"]
    wrong = await client.post(f"/api/v1/quickjobs/{job['id']}/cash-collection",
                              json={"amountCents": total - 1, "date": dt.date.today().isoformat()},
                              headers=worker_headers)
    assert wrong.status_code == 422
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/cash-collection",
                          json={"amountCents": total, "date": dt.date.today().isoformat()},
                          headers=worker_headers)
    assert r.status_code == 201, r.text
    job = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert job["status"] == "paid"


async def test_fifty_concurrent_invoices_get_fifty_consecutive_numbers(client, worker_headers):
    ids = []
    for i in range(50):
        body = quickjob_body(client={"name": f"Client {i}", "email": f"c{i}@example.be",
                                     "country": "BE"}, expenses=[])
        job = (await client.post("/api/v1/quickjobs", json=body, headers=worker_headers)).json()
        await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
        ids.append(job["id"])
    responses = await asyncio.gather(*[
        client.post(f"/api/v1/quickjobs/{qid}/invoice", headers=worker_headers) for qid in ids])
    assert all(r.status_code == 201 for r in responses), [r.text for r in responses if r.status_code != 201]
    numbers = sorted(int(r.json()["number"].split("/")[1]) for r in responses)
    assert numbers == list(range(1, 51))
