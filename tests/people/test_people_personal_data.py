"""Personal data (issue 14, item 10): the export (JSON plus documents) and the erasure (request,
then executed by the worker: what the law keeps is kept until its period ends, the rest is
anonymised, sessions revoked, all audited, advisers see the request)."""

import datetime as dt
import io
import json
import uuid
import zipfile

from backend.people import erasure
from backend.platform.db import fetch
from tests.conftest import bearer, eventually, sign_in, spawn_worker, stop_worker
from tests.quickjobs.conftest import quickjob_body, token_of

ME = "/api/v1/me"
PHONE = "+32470123456"  # worker_headers' phone


async def _person(client, headers) -> uuid.UUID:
    return uuid.UUID((await client.get(ME, headers=headers)).json()["id"])


async def _invoiced(client, headers) -> dict:
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)).json()
    r = await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    assert r.status_code == 201, r.text
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=headers)
    assert r.status_code == 201, r.text
    return job


async def test_the_export_holds_every_row_and_document_of_the_person(
        client, worker_headers, other_worker_headers):
    job = await _invoiced(client, worker_headers)
    for name in ("quote.pdf", "contract.pdf"):  # made on first need: now they are documents
        r = await client.get(f"/api/v1/quickjobs/{job['id']}/documents/{name}",
                             headers=worker_headers)
        assert r.status_code == 200, (name, r.text)
    await client.post("/api/v1/bot/messages", json={"text": "hallo"}, headers=worker_headers)
    await client.post("/api/v1/quickjobs", json=quickjob_body(client={
        "name": "Iemand anders", "country": "BE"}), headers=other_worker_headers)

    r = await client.get(f"{ME}/export", headers=worker_headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    assert r.headers["content-disposition"].startswith("attachment; filename=\"quickjob-data-")
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    data = json.loads(archive.read("data.json"))
    assert data["format"] == "quickjob-personal-data/1"
    assert data["person"]["phone"] == PHONE
    assert data["person"]["national_number"] == "85073003328"
    tables = data["tables"]
    assert [q["id"] for q in tables["quickjob"]] == [job["id"]]
    assert len(tables["invoice"]) == 1 and len(tables["contract"]) == 1
    assert [c["name"] for c in tables["client"]] == ["Brouwerij De Klok"]  # not B's
    assert tables["share_purchase"][0]["status"] == "paid"
    assert tables["usage_agreement"][0]["text_sha256"]
    assert tables["bot_message"] and tables["audit_log"]
    assert all("token_hash" not in s for s in tables["sessions"])
    assert all("accept_token_hash" not in q for q in tables["quote"])
    names = archive.namelist()
    for document in ("quotes/", "invoices/", "contracts/"):
        assert any(n.startswith(f"documents/{document}") for n in names), (document, names)
    invoice_pdf = next(n for n in names if n.startswith("documents/invoices/") and
                       n.endswith(".pdf"))
    assert archive.read(invoice_pdf).startswith(b"%PDF")
    assert data["documentsMissing"] == []
    # Worker B's export has none of A's data.
    other = zipfile.ZipFile(io.BytesIO((await client.get(
        f"{ME}/export", headers=other_worker_headers)).content))
    text = other.read("data.json").decode()
    assert "Brouwerij De Klok" not in text and job["id"] not in text
    assert (await client.get(f"{ME}/export")).status_code == 401


async def test_erasure_waits_for_open_work_then_keeps_what_the_law_keeps(
        client, worker_headers, adviser_headers, settings):
    person = await _person(client, worker_headers)
    job = await _invoiced(client, worker_headers)  # a salary not paid yet: work under way
    r = await client.post(f"{ME}/erasure", headers=worker_headers)
    assert r.status_code == 202, r.text
    request = r.json()
    assert request["status"] == "requested" and request["personId"] == str(person)
    again = await client.post(f"{ME}/erasure", headers=worker_headers)
    assert again.json()["id"] == request["id"]  # one request at a time
    listed = (await client.get("/api/v1/backoffice/erasure-requests",
                               headers=adviser_headers)).json()
    assert [i["id"] for i in listed["items"]] == [request["id"]]
    assert (await client.get("/api/v1/backoffice/erasure-requests",
                              headers=worker_headers)).status_code == 403

    waiting = await erasure.execute(uuid.UUID(request["id"]), settings)
    assert waiting.status == "waiting"
    assert waiting.blockers == ["quickjob_in_progress", "salary_not_paid"]
    me = (await client.get(f"{ME}/erasure", headers=worker_headers)).json()
    assert me["status"] == "waiting" and me["blockers"] == waiting.blockers
    assert (await client.get(ME, headers=worker_headers)).status_code == 200  # nothing erased

    # The work ends (the salary is paid); the daily work executes the request.
    run = await client.post("/api/v1/backoffice/salary-runs",
                            json={"date": job["simulation"]["payDate"]}, headers=adviser_headers)
    assert len(run.json()["paidSalaryIds"]) == 1
    today = dt.date.today()
    assert await erasure.daily(settings, today) == {"executed": 1, "waiting": 0, "purged": 0}

    row = (await fetch("SELECT * FROM person WHERE id = {}", person))[0]
    assert row["phone"] is None and row["email"] is None and row["iban"] is None
    assert row["address"] is None and row["erased_at"] is not None
    # Kept for the social records (contract, payslip) and the accounting ones (the invoice).
    assert (row["first_name"], row["last_name"]) == ("Lena", "Peeters")
    assert row["national_number"] == "85073003328"
    done = (await fetch("SELECT status, retained, retain_until FROM erasure_request"))[0]
    retained = json.loads(done["retained"]) if isinstance(done["retained"], str) \
        else done["retained"]
    year = today.year
    assert retained["social"]["until"] == f"{year + 5}-12-31"
    assert retained["accounting"]["until"] == f"{year + 10}-12-31"
    assert retained["accounting"]["years"] == 10 and "WIB 92 art. 315" in \
        retained["accounting"]["source"]
    assert "KB 8 augustus 1980" in retained["social"]["source"]
    assert done["retain_until"] == dt.date(year + 5, 12, 31)
    # Retained records untouched; what no law keeps is gone.
    assert len(await fetch("SELECT id FROM invoice")) == 1
    assert len(await fetch("SELECT id FROM salary_payment WHERE status = 'paid'")) == 1
    assert await fetch("SELECT id FROM bot_conversation") == []
    assert await fetch("SELECT id FROM otp_challenge WHERE destination = {}", PHONE) == []
    assert await fetch("SELECT 1 FROM refresh_token WHERE person = {} AND revoked_at IS NULL",
                       person) == []
    unit = (await fetch("SELECT name FROM unit WHERE personal"))[0]["name"]
    assert "Lena" not in unit and "Peeters" not in unit
    # Signed out everywhere: the access token and the refresh token no longer work.
    assert (await client.get(ME, headers=worker_headers)).status_code == 401
    actions = [a["action"] for a in await fetch(
        "SELECT action FROM audit_log WHERE action LIKE 'person.erasure%' "
        "OR action = 'person.erased' ORDER BY id")]
    assert actions == ["person.erasure_requested", "person.erasure_waiting", "person.erased"]
    # Signing in again with the same phone makes a new, empty person.
    fresh = bearer(await sign_in(client, phone=PHONE))
    assert await _person(client, fresh) != person

    # Social records' five years over: the national number and birth date go; the names
    # stay for the accounting records' ten years, then go too.
    assert (await erasure.daily(settings, dt.date(year + 6, 1, 1)))["purged"] == 1
    row = (await fetch("SELECT * FROM person WHERE id = {}", person))[0]
    assert row["national_number"] is None and row["birth_date"] is None
    assert row["first_name"] == "Lena"
    assert (await erasure.daily(settings, dt.date(year + 11, 1, 1)))["purged"] == 1
    row = (await fetch("SELECT * FROM person WHERE id = {}", person))[0]
    assert row["first_name"] is None and row["last_name"] is None
    assert (await erasure.daily(settings, dt.date(year + 12, 1, 1)))["purged"] == 0


async def test_the_worker_executes_an_erasure_and_revokes_the_session(client, settings):
    """On the real stack: the request is queued with its transaction and the rq worker runs
    it; the refresh token stops working."""
    tokens = await sign_in(client, email="leaving@example.be")
    headers = bearer(tokens)
    await client.patch(ME, json={"firstName": "Tijdelijk", "lastName": "Gebruiker"},
                       headers=headers)
    proc = spawn_worker(settings)
    try:
        r = await client.post(f"{ME}/erasure", headers=headers)
        assert r.status_code == 202

        async def done():
            rows = await fetch("SELECT status FROM erasure_request")
            return rows and rows[0]["status"] == "done"

        await eventually(done, timeout=60)
    finally:
        stop_worker(proc)
    row = (await fetch("SELECT first_name, email, erased_at FROM person "
                       "WHERE id = (SELECT person FROM erasure_request)"))[0]
    # No retained record: nothing is kept, not even the name.
    assert row == {"first_name": None, "email": None, "erased_at": row["erased_at"]}
    assert row["erased_at"] is not None
    assert (await client.get(ME, headers=headers)).status_code == 401
    r = await client.post("/api/v1/auth/refresh", json={"refreshToken": tokens["refreshToken"]})
    assert r.status_code == 401


async def test_staff_accounts_are_not_erased_here(client, adviser_headers):
    r = await client.post(f"{ME}/erasure", headers={**adviser_headers, "Accept-Language": "en"})
    assert r.status_code == 403 and "admin" in r.json()["detail"]
    assert await fetch("SELECT id FROM erasure_request") == []
    assert (await client.get(f"{ME}/erasure", headers=adviser_headers)).status_code == 404


async def test_the_retention_periods_are_dated_data_with_two_sources():
    rules = erasure.retention_rules()
    for kind in ("accounting", "social"):
        for row in rules[kind]:
            assert row["validFrom"] and row["years"] and row["records"]
            assert "Cross-check" in row["source"]
    on = dt.date(2026, 6, 1)
    assert erasure.retained_until("accounting", dt.date(2026, 3, 2), on) == dt.date(2036, 12, 31)
    assert erasure.retained_until("social", dt.date(2026, 3, 2), on) == dt.date(2031, 12, 31)
    assert erasure.retained_until("accounting", dt.date(2022, 3, 2),
                                  dt.date(2022, 6, 1)) == dt.date(2029, 12, 31)
