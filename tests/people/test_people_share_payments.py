"""A share paid by bank transfer: the CODA statement an adviser imports pays it by its
structured communication (next to invoice matching); a wrong amount waits for an adviser."""

import datetime as dt

from backend.backoffice.banking import coda
from backend.engine import parse_ogm
from backend.platform.db import fetch
from tests.conftest import bearer, sign_in

SMART_IBAN = "BE43068999999501"


def _statement(number: int, movements: list[dict]) -> str:
    return coda.write(account=SMART_IBAN, number=number, old_balance_cents=0,
                      day=dt.date.today(), movements=movements)


async def _import(client, headers, text: str):
    return await client.post("/api/v1/backoffice/bank-statements", content=text.encode(),
                             headers={**headers, "Content-Type": "text/plain"})


async def test_the_bank_statement_pays_the_share_and_makes_a_member(client, adviser_headers):
    headers = bearer(await sign_in(client, email="coop@example.be"))
    request = (await client.post("/api/v1/me/membership", json={"shares": 1},
                                 headers=headers)).json()["paymentRequest"]
    digits = parse_ogm(request["structuredCommunication"])
    r = await _import(client, adviser_headers, _statement(1, [
        {"amount_cents": 3000, "ogm": digits, "name": "An Lid", "counterparty":
         "BE71096123456769"}]))
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["matched"], body["unmatched"], body["shares"]) == (1, 0, 1)
    [result] = body["movementResults"]
    assert result["status"] == "matched" and result["matchedBy"] == "share"
    assert result["sharePurchaseId"] == (await client.get(
        "/api/v1/me/membership", headers=headers)).json()["purchases"][0]["id"]
    membership = (await client.get("/api/v1/me/membership", headers=headers)).json()
    assert membership["isMember"] is True and membership["purchases"][0]["paidVia"] == "bank"
    [share] = await fetch("SELECT bank_movement, paid_at FROM share_purchase")
    [movement] = await fetch("SELECT id, status, match_method FROM bank_movement")
    assert share["bank_movement"] == movement["id"] and movement["match_method"] == "share"
    assert await fetch("SELECT id FROM journal_entry WHERE kind = 'client_payment'") == []


async def test_a_share_paid_with_another_amount_waits_for_an_adviser(client, adviser_headers):
    headers = bearer(await sign_in(client, email="coop2@example.be"))
    request = (await client.post("/api/v1/me/membership", json={"shares": 1},
                                 headers=headers)).json()["paymentRequest"]
    r = await _import(client, adviser_headers, _statement(1, [
        {"amount_cents": 2500, "ogm": parse_ogm(request["structuredCommunication"]),
         "name": "An Lid", "counterparty": "BE71096123456769"}]))
    assert r.status_code == 201
    [result] = r.json()["movementResults"]
    assert result["status"] == "unmatched" and result["reason"] == "share_amount_mismatch"
    queue = (await client.get("/api/v1/backoffice/unmatched-payments",
                              headers=adviser_headers)).json()
    assert [i["reason"] for i in queue["items"]] == ["share_amount_mismatch"]
    assert (await client.get("/api/v1/me/membership", headers=headers)).json()["isMember"] is False
