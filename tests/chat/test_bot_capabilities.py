"""Issue 13's capabilities on the real services (POST /api/v1/bot/messages, PostgreSQL): the
port methods the dialogue's stub tests cannot check. Each figure the bot says is compared with
what the API itself returns for the same thing."""

import datetime as dt

from bot import texts
from tests.chat.test_bot_api import day, member, say
from tests.quickjobs.conftest import token_of


async def _items(client, headers) -> list[dict]:
    return (await client.get("/api/v1/quickjobs", headers=headers)).json()["items"]


async def _detail(client, headers, job_id: str) -> dict:
    return (await client.get(f"/api/v1/quickjobs/{job_id}", headers=headers)).json()


async def _quickjob(client, headers, text: str) -> dict:
    """A QuickJob made by conversation: the summary, then yes."""
    cid, reply, _ = await say(client, headers, text)
    assert "Summary" in reply, reply
    _, done, _ = await say(client, headers, "yes", cid)
    assert "Done!" in done, done
    job = (await _items(client, headers))[0]  # newest first
    return {"reply": done, **await _detail(client, headers, job["id"])}


async def test_a_money_question_gives_the_simulation_figures_and_creates_nothing(client):
    headers = await member(client)
    _, reply, _ = await say(client, headers, "how much do I get net for 300 euros")
    r = await client.post("/api/v1/simulations", json={
        "performanceDates": [dt.date.today().isoformat()], "amountCents": 30000})
    assert r.status_code == 200, r.text
    net = texts.money(r.json()["netCents"], "en")
    assert f"Net salary: about {net}" in reply and "Nothing was created" in reply
    assert await _items(client, headers) == []


async def test_pay_under_the_legal_minimum_is_questioned_and_not_refused(client):
    headers = await member(client)
    cid, reply, _ = await say(client, headers, f"Photographer for Acme, 30 euros on {day(10)}")
    assert "is too little" in reply and "Summary" not in reply
    # the engine's reason: the employee's minimum is the joint committee's (PC 200) per hour
    assert "below the legal minimum of €" in reply and "joint committee 200" in reply, reply
    _, reply, _ = await say(client, headers, "yes", cid)
    assert "Summary" in reply
    cid, reply, _ = await say(client, headers, f"Photographer for Acme, 300 euros on {day(10)}")
    assert "is too little" not in reply and "Summary" in reply


async def test_without_an_e_mail_the_worker_gets_the_client_link(client):
    headers = await member(client)
    job = await _quickjob(client, headers, f"Photographer for Acme, 250 euros on {day(10)}")
    assert "The client has not received anything yet" in job["reply"]
    assert job["quote"]["acceptUrl"] in job["reply"]
    r = await client.get(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}")
    assert r.status_code == 200, r.text


async def test_with_an_e_mail_the_reply_says_where_the_quote_went(client):
    headers = await member(client)
    job = await _quickjob(client, headers,
                          f"Photographer for Acme, 250 euros on {day(10)}, billing@acme.be")
    assert "billing@acme.be" in job["reply"] and job["quote"]["acceptUrl"] not in job["reply"]


async def test_an_expense_by_conversation_is_added_to_the_quickjob(client):
    headers = await member(client)
    job = await _quickjob(client, headers, f"Photographer for Acme, 250 euros on {day(10)}")
    cid, reply, _ = await say(client, headers, "I also had a train ticket of 18 euros")
    assert "Add these expenses to \"Photographer\" (Acme): travel €18.00?" in reply, reply
    _, reply, _ = await say(client, headers, "yes", cid)
    assert "Added" in reply
    after = await _detail(client, headers, job["id"])
    assert [(e["amountCents"], e["category"]) for e in after["expenses"]] == [(1800, "travel")]
    assert after["simulation"]["expensesCents"] == 1800


async def test_the_invoice_waits_for_the_client_then_is_made_by_conversation(client):
    headers = await member(client)
    job = await _quickjob(client, headers,
                          f"Photographer for Acme, 250 euros on {day(10)}, billing@acme.be")
    _, reply, _ = await say(client, headers, "make the invoice")
    assert "only once the client has accepted the quote" in reply, reply
    assert (await _detail(client, headers, job["id"]))["invoice"] is None

    r = await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    assert r.status_code == 201, r.text
    _, reply, _ = await say(client, headers, "make the invoice")
    invoice = (await _detail(client, headers, job["id"]))["invoice"]
    assert invoice is not None, reply
    assert f"Invoice {invoice['number']}" in reply and invoice["structuredCommunication"] in reply
    assert texts.money(invoice["totalCents"], "en") in reply and "billing@acme.be" in reply
