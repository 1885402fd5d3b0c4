"""Bad input changes nothing; the membership rule; who may see what; idempotency; review queue."""

import datetime as dt
import uuid

import pytest

from backend.people import service as people
from backend.platform.db import fetch, unit_of_work
from tests.quickjobs.conftest import quickjob_body, token_of


async def _count(table: str) -> int:
    return (await fetch(f"SELECT count(*) AS n FROM {table}"))[0]["n"]


@pytest.mark.parametrize("override, field", [
    ({"amountCents": -5}, "amountCents"),
    ({"amountCents": 0}, "amountCents"),
    ({"vatRate": "19"}, "vatRate"),
    ({"contractType": "astronaut"}, "contractType"),
    ({"performanceDates": []}, "performanceDates"),
    ({"performanceDates": ["2020-01-06"]}, "performanceDates[0]"),
    ({"withholdingRate": "1"}, "withholdingRate"),
    ({"function": ""}, "function"),
    ({"description": " "}, "description"),
    ({"expenses": [{"amountCents": 100, "category": "yacht"}]}, "expenses[0].category"),
    ({"client": {"name": "X", "vatNumber": "BE0123456788", "country": "BE"}}, "client.vatNumber"),
    ({"client": {"name": "X", "email": "not-an-email", "country": "BE"}}, "client.email"),
    ({"client": {"name": "X", "country": "Belgium"}}, "client.country"),
    ({"amountCents": "hundred"}, "amountCents"),
    ({"amountCents": 100.5}, "amountCents"),
])
async def test_invalid_input_is_refused_in_the_callers_language_and_changes_nothing(
        client, worker_headers, override, field):
    before = await _count("quickjob"), await _count("client"), await _count("journal_entry")
    texts = set()
    for lang in ("nl", "fr", "en"):
        r = await client.post("/api/v1/quickjobs", json=quickjob_body(**override),
                              headers={**worker_headers, "Accept-Language": lang})
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        problem = r.json()
        fields = [e["field"] for e in problem["errors"]]
        assert field in fields, problem
        texts.add(next(e["message"] for e in problem["errors"] if e["field"] == field))
    assert len(texts) == 3  # three languages, three texts
    assert (await _count("quickjob"), await _count("client"), await _count("journal_entry")) == before


async def test_a_passer_by_gets_three_performances_then_is_asked_for_a_share(client, passerby_headers):
    for _ in range(3):
        r = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=passerby_headers)
        assert r.status_code == 201, r.text
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(),
                          headers={**passerby_headers, "Accept-Language": "en"})
    assert r.status_code in (402, 409), r.text
    assert "membership" in r.json()["detail"] or "share" in r.json()["detail"]
    assert await _count("quickjob") == 3
    # A share asked for is not yet a share: paid, it is (backend.people.membership).
    r = await client.post("/api/v1/me/membership", json={"shares": 1}, headers=passerby_headers)
    assert r.status_code == 201 and r.json()["isMember"] is False
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=passerby_headers)
    assert r.status_code == 409
    request = (await client.get("/api/v1/me/membership", headers=passerby_headers)).json()[
        "paymentRequest"]
    async with unit_of_work():
        await people.pay_share_by_bank(
            "".join(c for c in request["structuredCommunication"] if c.isdigit()),
            request["amountCents"], None, None)
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=passerby_headers)
    assert r.status_code == 201


async def test_the_same_idempotency_key_makes_one_quickjob(client, worker_headers):
    headers = {**worker_headers, "Idempotency-Key": "create-42"}
    first = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    second = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers.get("idempotent-replayed") == "true"
    assert await _count("quickjob") == 1
    other = await client.post("/api/v1/quickjobs", json=quickjob_body(amountCents=123400),
                              headers=headers)
    assert other.status_code == 409


async def test_a_worker_typing_their_client_again_reuses_it_and_other_data_is_a_new_row(
        client, worker_headers):
    first = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                               headers=worker_headers)).json()
    same = quickjob_body()
    same["client"]["vatNumber"] = "be 0403.019.261"  # the same number, written otherwise
    again = (await client.post("/api/v1/quickjobs", json=same, headers=worker_headers)).json()
    assert again["clientId"] == first["clientId"] and await _count("client") == 1
    # Another name for the same VAT number: the typed data wins on the new documents, the old
    # client row (and what it printed) stays as it was.
    renamed = quickjob_body()
    renamed["client"]["name"] = "De Klok (typo)"
    third = (await client.post("/api/v1/quickjobs", json=renamed, headers=worker_headers)).json()
    assert third["clientId"] != first["clientId"] and third["clientName"] == "De Klok (typo)"
    assert await _count("client") == 2
    old = (await client.get(f"/api/v1/quickjobs/{first['id']}", headers=worker_headers)).json()
    assert old["clientName"] == "Brouwerij De Klok"


async def test_another_worker_can_neither_see_nor_touch_it(client, worker_headers,
                                                          other_worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    for method, path in [("get", ""), ("post", "/invoice"), ("post", "/cancel"),
                         ("get", "/documents/quote.pdf")]:
        r = await getattr(client, method)(f"/api/v1/quickjobs/{job['id']}{path}",
                                          headers=other_worker_headers)
        assert r.status_code == 404, (method, path, r.text)
    listing = (await client.get("/api/v1/quickjobs", headers=other_worker_headers)).json()
    assert listing["items"] == []
    unit = await client.get(f"/api/v1/units/{job['unitId']}", headers=other_worker_headers)
    assert unit.status_code == 404


async def test_exceptions_go_to_the_review_queue(client, worker_headers, adviser_headers):
    body = quickjob_body(amountCents=900000, function="roofer")
    job = (await client.post("/api/v1/quickjobs", json=body,
                             headers={**worker_headers, "Accept-Language": "en"})).json()
    assert job["status"] == "in_review"
    assert len(job["reviewReasons"]) == 2
    token = token_of(job["quote"]["acceptUrl"])
    assert (await client.post(f"/api/v1/public/quotes/{token}/accept")).status_code == 409
    queue = (await client.get("/api/v1/backoffice/review-items", headers=adviser_headers)).json()
    assert len(queue["items"]) == 1
    forbidden = await client.get("/api/v1/backoffice/review-items", headers=worker_headers)
    assert forbidden.status_code == 403
    item = queue["items"][0]["id"]
    approved = await client.post(f"/api/v1/backoffice/review-items/{item}/approve",
                                 json={"reason": "insured"}, headers=adviser_headers)
    assert approved.status_code == 200, approved.text
    assert (await client.post(f"/api/v1/public/quotes/{token}/accept")).status_code == 201


async def test_expense_with_receipt_changes_the_simulation(client, worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(expenses=[]),
                             headers=worker_headers)).json()
    jpeg = b"\xff\xd8\xff\xe0" + b"0" * 2000
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/expenses", headers=worker_headers,
                          data={"amount_cents": "2500", "category": "material",
                                "spent_on": dt.date.today().isoformat()},
                          files={"receipt": ("bon.jpg", jpeg, "image/jpeg")})
    assert r.status_code == 201, r.text
    receipt = await client.get(r.json()["receiptUrl"], headers=worker_headers)
    assert receipt.content == jpeg
    after = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert after["simulation"]["expensesCents"] == 2500
    assert after["simulation"]["grossCents"] < job["simulation"]["grossCents"]
    bad = await client.post(f"/api/v1/quickjobs/{job['id']}/expenses", headers=worker_headers,
                            data={"amount_cents": "100", "category": "material"},
                            files={"receipt": ("x.exe", b"MZ", "application/x-msdownload")})
    assert bad.status_code == 422


async def test_cancel_before_the_start_withdraws_contract_and_dimona(client, worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/cancel", headers=worker_headers)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "cancelled"
    assert r.json()["contract"]["status"] == "cancelled"
    unit = (await client.get(f"/api/v1/units/{job['unitId']}", headers=worker_headers)).json()
    assert unit["balanceCents"] == 0  # the labour cost entry was reversed, not deleted
    rows = await fetch("SELECT count(*) AS n FROM journal_entry WHERE reverses IS NOT NULL")
    assert rows[0]["n"] == 1


async def test_an_order_after_the_first_day_is_refused(client, worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    # The client answers late: pretend the first day has passed.
    await fetch("UPDATE quickjob SET performance_dates = ARRAY[current_date - 1] WHERE id = {}",
                uuid.UUID(job["id"]))
    r = await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept",
                          headers={"Accept-Language": "en"})
    assert r.status_code == 409
    assert "cannot be declared afterwards" in r.json()["detail"]
    assert await _count("client_order") == 0


async def test_non_utf8_form_field_is_a_422_not_a_500(client, worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    boundary = "qjboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\n".encode()
            + b"\xff\xfe\xfa" + f"\r\n--{boundary}--\r\n".encode())
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/expenses", content=body,
                          headers={**worker_headers,
                                   "content-type": f"multipart/form-data; boundary={boundary}"})
    assert 400 <= r.status_code < 500, r.text
