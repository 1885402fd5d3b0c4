
"""Money in (CODA import, matching, the unmatched queue) and money out (SEPA payment files),
through the API on the real database and file storage."""

import datetime as dt
import importlib.util
import uuid
from pathlib import Path

from lxml import etree
from stdnum import iban

from backend.backoffice.banking import coda
from backend.engine import parse_ogm
from backend.platform.db import fetch
from tests.backoffice.conftest import load_fixture
from tests.conftest import complete_profile
from tests.quickjobs.conftest import quickjob_body, token_of

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"}
SMART_IBAN = "BE43068999999501"
WORKER_IBAN = "BE71096123456769"
# The ISO 20022 schema, as shipped by the sepaxml package (a test dependency, not vendored).
XSD = Path(importlib.util.find_spec("sepaxml").submodule_search_locations[0]) / "schemas" / "pain.001.001.09.xsd"


async def _invoiced(client, worker_headers, **overrides) -> tuple[dict, dict]:
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(**overrides),
                             headers=worker_headers)).json()
    r = await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    assert r.status_code == 201, r.text
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=worker_headers)
    assert r.status_code == 201, r.text
    return job, r.json()


async def _import(client, headers, text: str, *, multipart: bool = False):
    if multipart:
        return await client.post("/api/v1/backoffice/bank-statements", headers=headers,
                                 files={"file": ("statement.cod", text.encode(), "text/plain")})
    return await client.post("/api/v1/backoffice/bank-statements", content=text.encode(),
                             headers={**headers, "Content-Type": "text/plain"})


def _statement(number: int, movements: list[dict]) -> str:
    return coda.write(account=SMART_IBAN, number=number, old_balance_cents=0,
                      day=dt.date.today(), movements=movements)


async def _invoice(client, headers, job_id) -> dict:
    job = (await client.get(f"/api/v1/quickjobs/{job_id}", headers=headers)).json()
    return job


async def test_matched_payment_pays_the_invoice_and_a_second_import_does_nothing(
        client, worker_headers, adviser_headers):
    job, invoice = await _invoiced(client, worker_headers)
    text = _statement(1, [{"amount_cents": invoice["totalCents"],
                           "ogm": parse_ogm(invoice["structuredCommunication"]),
                           "name": "Brouwerij De Klok", "counterparty": WORKER_IBAN}])
    r = await _import(client, adviser_headers, text, multipart=True)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["imported"], body["matched"], body["unmatched"], body["partial"]) == (1, 1, 0, 0)
    [result] = body["movementResults"]
    assert result["status"] == "matched" and result["matchedBy"] == "communication"
    assert result["invoiceId"] == invoice["id"] and result["fullyPaid"] is True
    assert (await _invoice(client, worker_headers, job["id"]))["status"] == "paid"

    again = await _import(client, adviser_headers, text)
    assert again.status_code == 201, again.text
    assert (again.json()["imported"], again.json()["duplicates"]) == (0, 1)
    assert again.json()["movementResults"] == []
    rows = await fetch("SELECT count(*) AS n FROM bank_movement")
    assert rows[0]["n"] == 1
    payments = await fetch("SELECT count(*) AS n FROM journal_entry WHERE kind = 'client_payment'")
    assert payments[0]["n"] == 1  # booked once


async def test_fixture_partial_unknown_and_assignment(client, worker_headers, adviser_headers):
    job, invoice = await _invoiced(client, worker_headers)  # invoice 000001 of the year
    r = await _import(client, adviser_headers, load_fixture("partial_and_unknown.cod"))
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["matched"], body["partial"], body["unmatched"], body["ignored"]) == (1, 1, 2, 1)
    partial, unknown_text, unknown_ogm, fees = body["movementResults"]
    assert partial["status"] == "matched" and partial["appliedCents"] == 30000
    assert partial["fullyPaid"] is False
    assert unknown_text["status"] == "unmatched" and unknown_text["reason"] == "no_match"
    assert unknown_ogm["reason"] == "communication_unknown"
    assert fees["status"] == "ignored"
    job_now = await _invoice(client, worker_headers, job["id"])
    assert job_now["status"] == "invoiced"  # partly paid stays issued

    queue = (await client.get("/api/v1/backoffice/unmatched-payments",
                              headers=adviser_headers)).json()["items"]
    assert sorted(i["amountCents"] for i in queue) == [1999, 4200]
    item = next(i for i in queue if i["amountCents"] == 4200)
    assert item["counterpartyName"] == "Onbekende Klant BV"
    assert item["communication"] == "factuur maart Jansens"

    r = await client.post(f"/api/v1/backoffice/unmatched-payments/{item['id']}/assign",
                          json={"invoiceId": invoice["id"]}, headers=adviser_headers)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "assigned" and r.json()["appliedCents"] == 4200
    again = await client.post(f"/api/v1/backoffice/unmatched-payments/{item['id']}/assign",
                              json={"invoiceId": invoice["id"]}, headers=adviser_headers)
    assert again.status_code == 409
    queue = (await client.get("/api/v1/backoffice/unmatched-payments",
                              headers=adviser_headers)).json()["items"]
    assert [i["amountCents"] for i in queue] == [1999]
    paid = await fetch("SELECT paid_cents, status FROM invoice WHERE number = {}",
                       invoice["number"])
    assert paid[0]["paid_cents"] == 34200 and paid[0]["status"] == "issued"

    # The same fixture again: nothing twice.
    r = await _import(client, adviser_headers, load_fixture("partial_and_unknown.cod"))
    assert (r.json()["imported"], r.json()["duplicates"]) == (0, 1)
    paid = await fetch("SELECT paid_cents FROM invoice WHERE number = {}", invoice["number"])
    assert paid[0]["paid_cents"] == 34200


async def test_amount_and_name_match_and_overpayment(client, worker_headers, adviser_headers):
    job, invoice = await _invoiced(client, worker_headers)
    other_job, other = await _invoiced(client, worker_headers, amountCents=50000)
    text = _statement(2, [
        # no communication: exact outstanding amount and the client's name
        {"amount_cents": invoice["totalCents"], "communication": "betaling offerte",
         "name": "BROUWERIJ  de klok", "counterparty": WORKER_IBAN},
        # structured communication, paid too much: booked, the excess flagged
        {"amount_cents": other["totalCents"] + 1000,
         "ogm": parse_ogm(other["structuredCommunication"]), "name": "Brouwerij De Klok"},
        # the same invoice paid a second time: nothing open any more, queued
        {"amount_cents": 500, "ogm": parse_ogm(other["structuredCommunication"])},
    ])
    body = (await _import(client, adviser_headers, text)).json()
    by_name, over, twice = body["movementResults"]
    assert by_name["matchedBy"] == "amount_and_name" and by_name["invoiceId"] == invoice["id"]
    assert over["overpaidCents"] == 1000 and over["fullyPaid"] is True
    assert body["overpaid"] == 1
    assert twice["status"] == "unmatched" and twice["reason"] == "invoice_not_open"
    flagged = await fetch("SELECT overpaid_cents FROM bank_movement WHERE overpaid_cents > 0")
    assert [r["overpaid_cents"] for r in flagged] == [1000]
    for job_id in (job["id"], other_job["id"]):
        assert (await _invoice(client, worker_headers, job_id))["status"] == "paid"


async def test_invalid_coda_is_a_problem(client, adviser_headers):
    r = await _import(client, adviser_headers, "not a coda file")
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "CODA" in r.json()["detail"]


async def test_workers_may_not_touch_the_bank(client, worker_headers):
    text = _statement(3, [{"amount_cents": 100}])
    assert (await _import(client, worker_headers, text)).status_code == 403
    for method, path in [("GET", "/api/v1/backoffice/unmatched-payments"),
                         ("POST", "/api/v1/backoffice/payment-files")]:
        assert (await client.request(method, path, headers=worker_headers)).status_code == 403


# Money out ------------------------------------------------------------------------------------

async def _paid_salary(client, worker_headers, adviser_headers, **overrides) -> dict:
    job, _ = await _invoiced(client, worker_headers, **overrides)
    run = await client.post("/api/v1/backoffice/salary-runs",
                            json={"date": job["simulation"]["payDate"]}, headers=adviser_headers)
    assert run.status_code == 201, run.text
    assert run.json()["paymentFileProblem"] in (None, "debtor_iban_missing")
    job = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    [row] = await fetch("SELECT id FROM salary_payment WHERE quickjob = {}", uuid.UUID(job["id"]))
    job["salary"]["id"] = str(row["id"])
    return job


async def set_smart_iban(value: str) -> None:
    from backend.units import service as units

    await units.legal_entity("smart")
    await fetch("UPDATE legal_entity SET iban = {}, bic = {} WHERE id = 'smart'", value, "GEBABEBB")


async def test_payment_file_needs_the_debtor_iban(client, worker_headers, adviser_headers):
    await set_smart_iban("")
    r = await client.post("/api/v1/backoffice/payment-files", headers=adviser_headers)
    assert r.status_code == 409
    assert r.json()["type"].endswith("/debtor_iban_missing")


async def test_sepa_payment_file(client, worker_headers, other_worker_headers, adviser_headers):
    # Without the cooperative's account the runs pay (book) the salaries and say why no file
    # was made; the transfer waits for the file below.
    await set_smart_iban("")
    r = await client.patch("/api/v1/me", json={"iban": WORKER_IBAN}, headers=worker_headers)
    assert r.status_code == 200, r.text
    first = await _paid_salary(client, worker_headers, adviser_headers)
    second = await _paid_salary(client, worker_headers, adviser_headers, amountCents=50000)
    # A salary without an IBAN is held by the run (tests/quickjobs/test_identity_flow.py); one
    # paid while the worker had an IBAN that is gone when the file is made is skipped and
    # listed, not paid into the void.
    await complete_profile(client, other_worker_headers, firstName="Bram", lastName="Janssens",
                           iban="BE62510007547061")
    nameless = await _paid_salary(client, other_worker_headers, adviser_headers)
    await client.patch("/api/v1/me", json={"iban": None}, headers=other_worker_headers)
    assert await fetch("SELECT 1 FROM payment_file") == []
    await set_smart_iban(SMART_IBAN)

    r = await client.post("/api/v1/backoffice/payment-files", headers=adviser_headers,
                          json={"executionDate": dt.date.today().isoformat()})
    assert r.status_code == 201, r.text
    made = r.json()
    amounts = [j["salary"]["netCents"] + j["salary"]["expensesCents"] for j in (first, second)]
    assert made["transactionCount"] == 2
    assert made["controlSumCents"] == sum(amounts)
    assert [s["salaryId"] for s in made["skipped"]] == [nameless["salary"]["id"]]
    assert made["skipped"][0]["reason"] == "iban_missing"

    xml = await client.get(made["xmlUrl"], headers=adviser_headers)
    assert xml.status_code == 200 and xml.headers["content-type"].startswith("application/xml")
    doc = etree.fromstring(xml.content)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    schema.assertValid(doc)  # the ISO 20022 pain.001.001.09 schema
    header = doc.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert header.findtext("p:MsgId", namespaces=NS) == made["messageId"]
    assert header.findtext("p:NbOfTxs", namespaces=NS) == "2"
    txs = doc.findall("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", NS)
    instructed = [t.findtext("p:Amt/p:InstdAmt", namespaces=NS) for t in txs]
    assert sorted(instructed) == sorted(f"{a // 100}.{a % 100:02d}" for a in amounts)
    total_cents = sum(int(a.replace(".", "")) for a in instructed)
    assert header.findtext("p:CtrlSum", namespaces=NS) == f"{total_cents // 100}.{total_cents % 100:02d}"
    assert total_cents == made["controlSumCents"]
    block = doc.find("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    assert block.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == SMART_IBAN
    assert block.findtext("p:PmtTpInf/p:SvcLvl/p:Cd", namespaces=NS) == "SEPA"
    for tx in txs:
        assert iban.is_valid(tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS))
        assert tx.find("p:Amt/p:InstdAmt", NS).get("Ccy") == "EUR"
        assert tx.findtext("p:Cdtr/p:Nm", namespaces=NS) == "Lena Peeters"
    ids = [t.findtext("p:PmtId/p:EndToEndId", namespaces=NS) for t in txs]
    assert len(set(ids)) == 2

    # Again: the two salaries are in a file already; only the skipped one is left.
    again = await client.post("/api/v1/backoffice/payment-files", headers=adviser_headers)
    assert again.status_code == 200, again.text
    assert again.json()["id"] is None and again.json()["transactionCount"] == 0
    assert [s["salaryId"] for s in again.json()["skipped"]] == [nameless["salary"]["id"]]

    # Once the worker gives an IBAN, the next file carries that salary, and only that one.
    await client.patch("/api/v1/me", json={"iban": "BE62510007547061"},
                       headers=other_worker_headers)
    later = (await client.post("/api/v1/backoffice/payment-files",
                               headers=adviser_headers)).json()
    assert later["transactionCount"] == 1 and later["skipped"] == []
    rows = await fetch("SELECT salary, count(*) AS n FROM payment_file_item GROUP BY salary")
    assert len(rows) == 3 and all(r["n"] == 1 for r in rows)


def test_the_schema_fixture_is_the_iso_one():
    assert "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09" in Path(XSD).read_text()[:600]


async def test_a_salary_run_makes_the_payment_file_itself(client, worker_headers, adviser_headers):
    await set_smart_iban(SMART_IBAN)
    await client.patch("/api/v1/me", json={"iban": WORKER_IBAN}, headers=worker_headers)
    job, _ = await _invoiced(client, worker_headers)
    run = await client.post("/api/v1/backoffice/salary-runs",
                            json={"date": job["simulation"]["payDate"]}, headers=adviser_headers)
    assert run.status_code == 201, run.text
    body = run.json()
    assert len(body["paidSalaryIds"]) == 1 and body["paymentFileProblem"] is None
    [made] = body["paymentFiles"]
    salary = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()["salary"]
    assert made["transactionCount"] == 1
    assert made["controlSumCents"] == salary["netCents"] + salary["expensesCents"]
    xml = await client.get(made["xmlUrl"], headers=adviser_headers)
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(etree.fromstring(xml.content))
    # The same run again: nothing paid twice, nothing transferred twice.
    again = await client.post("/api/v1/backoffice/salary-runs",
                              json={"date": job["simulation"]["payDate"]}, headers=adviser_headers)
    assert again.json()["paidSalaryIds"] == [] and again.json()["paymentFiles"] == []
    assert len(await fetch("SELECT 1 FROM payment_file_item")) == 1


async def test_a_large_run_makes_as_many_files_as_it_needs(client, worker_headers, adviser_headers,
                                                          monkeypatch):
    monkeypatch.setattr("backend.backoffice.banking.repository.FILE_LIMIT", 1)
    await set_smart_iban(SMART_IBAN)
    await client.patch("/api/v1/me", json={"iban": WORKER_IBAN}, headers=worker_headers)
    first, _ = await _invoiced(client, worker_headers)
    await _invoiced(client, worker_headers, amountCents=50000)
    run = await client.post("/api/v1/backoffice/salary-runs",
                            json={"date": first["simulation"]["payDate"]}, headers=adviser_headers)
    files = run.json()["paymentFiles"]
    assert len(run.json()["paidSalaryIds"]) == 2
    assert [f["transactionCount"] for f in files] == [1, 1]
    assert len({f["messageId"] for f in files}) == 2
    items = await fetch("SELECT payment_file FROM payment_file_item")
    assert len(items) == 2 and len({i["payment_file"] for i in items}) == 2
