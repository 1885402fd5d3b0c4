"""The passer-by's identity in the QuickJob flow (issue 14, item 6), on the real stack: the quote
refused without a name, documents that never print a phone number as a name, a timeline that
says what really happened (the Dimona waiting, the salary held), the salary paid by the next
run once the IBAN is there, and the member's share withheld from the first salary with their
consent (item 7)."""

import io
import uuid

from pypdf import PdfReader

from backend.platform.db import fetch
from backend.quickjobs.tasks import poll_dimonas
from tests.conftest import FULL_PROFILE, bearer, complete_profile, sign_in
from tests.quickjobs.conftest import quickjob_body, token_of

QUICKJOBS = "/api/v1/quickjobs"
PHONE = "+32470555444"


async def _count(table: str) -> int:
    return (await fetch(f"SELECT count(*) AS n FROM {table}"))[0]["n"]


async def _accepted(client, headers, **body) -> dict:
    r = await client.post(QUICKJOBS, json=quickjob_body(**body), headers=headers)
    assert r.status_code == 201, r.text
    job = r.json()
    r = await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    assert r.status_code == 201, r.text
    return (await client.get(f"{QUICKJOBS}/{job['id']}", headers=headers)).json()


def _kinds(job: dict) -> list[str]:
    return [e["kind"] for e in job["timeline"]]


async def _notifications(template: str) -> list[dict]:
    found = await fetch("SELECT payload FROM outbox_message WHERE job = 'notify' "
                        "ORDER BY created_at")
    import json

    payloads = [json.loads(r["payload"]) if isinstance(r["payload"], str) else r["payload"]
                for r in found]
    return [p for p in payloads if p["template"] == template]


async def test_a_quote_without_the_workers_name_is_refused_naming_the_fields(client):
    headers = bearer(await sign_in(client, phone=PHONE))
    messages = set()
    for lang in ("nl", "fr", "en"):
        r = await client.post(QUICKJOBS, json=quickjob_body(),
                              headers={**headers, "Accept-Language": lang})
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        problem = r.json()
        assert problem["type"].endswith("/identity_required")
        assert [e["field"] for e in problem["errors"]] == ["firstName", "lastName"]
        messages.add(problem["detail"])
    assert len(messages) == 3
    assert (await _count("quickjob"), await _count("client"), await _count("performance")) == (
        0, 0, 0)  # nothing changed
    me = (await client.get("/api/v1/me", headers=headers)).json()
    assert me["requirements"]["quote"] == ["firstName", "lastName"]


async def test_documents_never_print_a_phone_number_as_the_workers_name(client, passerby_headers,
                                                                        settings):
    r = await client.post(QUICKJOBS, json=quickjob_body(), headers=passerby_headers)
    assert r.status_code == 201, r.text
    job = r.json()
    [email] = await _notifications("quote_to_client")
    assert email["params"]["worker"] == "Pia Voorbij"
    assert PHONE not in str(email) and "0470" not in str(email["params"])
    pdf = await client.get(f"{QUICKJOBS}/{job['id']}/documents/quote.pdf",
                           headers=passerby_headers)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Pia Voorbij" in text and "470" not in text.replace(" ", "")
    # A worker whose name was never stored (data from before the check): still no phone.
    await fetch("UPDATE person SET first_name = NULL, last_name = NULL WHERE phone = {}", PHONE)
    second = (await client.post(QUICKJOBS, json=quickjob_body(), headers=passerby_headers))
    assert second.status_code == 422
    # Made again, from the nameless row (documents are immutable: the old file goes first).
    key = (await fetch("SELECT pdf_key FROM quote"))[0]["pdf_key"]
    for path in settings.storage_dir.rglob(key.rsplit("/", 1)[-1] + "*"):
        path.unlink()
    await fetch("UPDATE quote SET pdf_key = NULL")
    pdf = await client.get(f"{QUICKJOBS}/{job['id']}/documents/quote.pdf",
                           headers=passerby_headers)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "470" not in text.replace(" ", "") and "—" in text


async def test_the_timeline_says_the_dimona_waits_and_the_salary_is_held(
        client, passerby_headers, adviser_headers, settings):
    created = (await client.post(QUICKJOBS, json=quickjob_body(),
                                 headers=passerby_headers)).json()
    assert created["requirements"] == {
        "contract": ["nationalNumber", "birthDate", "address", "usageAgreement"],
        "salary": ["nationalNumber", "birthDate", "address", "iban", "usageAgreement"]}
    r = await client.post(f"/api/v1/public/quotes/{token_of(created['quote']['acceptUrl'])}/accept")
    assert r.status_code == 201  # the client's order is taken: the work is binding
    job = (await client.get(f"{QUICKJOBS}/{created['id']}",
                            headers={**passerby_headers, "Accept-Language": "en"})).json()
    kinds = _kinds(job)
    assert "contract_declared" not in kinds and "salary_scheduled" not in kinds
    assert kinds[-3:] == ["quote_accepted", "dimona_waiting", "salary_held"]
    waiting = job["timeline"][-2]
    assert waiting["data"]["missing"] == ["nationalNumber", "birthDate", "address",
                                          "usageAgreement"]
    assert "waits" in waiting["label"]
    assert job["salary"]["status"] == "held"
    [notice] = await _notifications("identity_needed")
    assert notice["to"] == PHONE and "IBAN" in notice["params"]["missing"]
    await poll_dimonas(settings=settings)
    dimona = (await fetch("SELECT status, reference, message FROM dimona"))[0]
    assert dimona["status"] == "waiting" and dimona["reference"] is None
    assert "nationalNumber" in dimona["message"]

    # The worker adds their details (no IBAN yet) and accepts the usage agreement: the
    # follow-up declares the Dimona, and the timeline says so.
    await complete_profile(client, passerby_headers, iban=None)
    await poll_dimonas(settings=settings)
    dimona = (await fetch("SELECT status, reference FROM dimona"))[0]
    assert dimona["status"] == "pending" and dimona["reference"]
    job = (await client.get(f"{QUICKJOBS}/{created['id']}", headers=passerby_headers)).json()
    assert _kinds(job)[-1] == "dimona_declared"
    assert job["requirements"] == {"salary": ["iban"]}

    # Pay day without an IBAN: held, not paid; a second run changes nothing.
    for _ in range(2):
        run = await client.post("/api/v1/backoffice/salary-runs",
                                json={"date": created["simulation"]["payDate"]},
                                headers=adviser_headers)
        assert run.status_code == 201 and run.json()["paidSalaryIds"] == []
    job = (await client.get(f"{QUICKJOBS}/{created['id']}", headers=passerby_headers)).json()
    assert job["salary"]["status"] == "held" and _kinds(job).count("salary_held") == 1
    # The IBAN arrives: the next run pays it.
    await client.patch("/api/v1/me", json={"iban": FULL_PROFILE["iban"]},
                       headers=passerby_headers)
    run = await client.post("/api/v1/backoffice/salary-runs",
                            json={"date": created["simulation"]["payDate"]},
                            headers=adviser_headers)
    assert len(run.json()["paidSalaryIds"]) == 1
    job = (await client.get(f"{QUICKJOBS}/{created['id']}", headers=passerby_headers)).json()
    assert job["salary"]["status"] == "paid" and _kinds(job)[-1] == "salary_paid"
    assert job["requirements"] == {}
    audit = await fetch("SELECT before, after FROM audit_log WHERE action = 'salary.paid'")
    assert '"held"' in str(audit[0]["before"])


async def test_a_salary_whose_iban_went_missing_is_held_with_a_notice(
        client, worker_headers, adviser_headers):
    job = await _accepted(client, worker_headers)
    assert _kinds(job)[-2:] == ["contract_declared", "salary_scheduled"]
    assert job["salary"]["status"] == "scheduled"
    await client.patch("/api/v1/me", json={"iban": None}, headers=worker_headers)
    pay_day = {"date": job["simulation"]["payDate"]}
    run = await client.post("/api/v1/backoffice/salary-runs", json=pay_day,
                            headers=adviser_headers)
    assert run.json()["paidSalaryIds"] == []
    held = (await client.get(f"{QUICKJOBS}/{job['id']}",
                             headers={**worker_headers, "Accept-Language": "en"})).json()
    assert held["salary"]["status"] == "held" and _kinds(held)[-1] == "salary_held"
    assert held["timeline"][-1]["label"] == "Salary held: details missing (e.g. IBAN)"
    assert held["timeline"][-1]["data"]["missing"] == ["iban"]
    [notice] = await _notifications("salary_held")
    assert notice["params"]["missing"]  # in the worker's words
    await client.patch("/api/v1/me", json={"iban": FULL_PROFILE["iban"]}, headers=worker_headers)
    run = await client.post("/api/v1/backoffice/salary-runs", json=pay_day,
                            headers=adviser_headers)
    assert len(run.json()["paidSalaryIds"]) == 1


async def test_the_share_is_withheld_from_the_first_salary_with_consent(
        client, adviser_headers):
    from backend.units.service import legal_entity

    await legal_entity("smart")  # the cooperative's account, as an admin configures it
    await fetch("UPDATE legal_entity SET iban = 'BE43068999999501', bic = 'GEBABEBB' "
                "WHERE id = 'smart'")
    headers = bearer(await sign_in(client, phone="+32470123499"))
    await complete_profile(client, headers)
    r = await client.post("/api/v1/me/membership", json={"shares": 1, "withholdFromSalary": True},
                          headers=headers)
    assert r.status_code == 201 and r.json()["isMember"] is False
    job = await _accepted(client, headers)
    run = await client.post("/api/v1/backoffice/salary-runs",
                            json={"date": job["simulation"]["payDate"]}, headers=adviser_headers)
    assert run.status_code == 201 and len(run.json()["paidSalaryIds"]) == 1
    [made] = run.json()["paymentFiles"]
    salary = (await client.get(f"{QUICKJOBS}/{job['id']}", headers=headers)).json()["salary"]
    # The transfer is the pay minus the share; the share is paid, by the salary.
    assert made["controlSumCents"] == salary["netCents"] + salary["expensesCents"] - 3000
    membership = (await client.get("/api/v1/me/membership", headers=headers)).json()
    assert membership["isMember"] is True and membership["purchases"][0]["paidVia"] == "salary"
    timeline = (await client.get(f"{QUICKJOBS}/{job['id']}", headers=headers)).json()["timeline"]
    assert {"kind": "share_withheld", "amountCents": 3000} in [
        {"kind": e["kind"], **e["data"]} for e in timeline if e["kind"] == "share_withheld"]
    [row] = await fetch("SELECT salary FROM share_purchase")
    assert row["salary"] == uuid.UUID(run.json()["paidSalaryIds"][0])
