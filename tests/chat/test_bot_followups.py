"""Issue 13's follow-ups on the real services (POST /api/v1/bot/messages, PostgreSQL, the rq
worker where an e-mail must really leave): receipt photos by the REST channel, the client
reached by e-mail after the creation, the hand-off read by an adviser, identity just in time."""

from __future__ import annotations

import base64
import json
import uuid
from pathlib import Path

import pytest

from backend.platform.db import fetch
from tests.chat.test_bot_api import PROFILE, day, member, say
from tests.conftest import bearer, eventually, staff_sign_in
from tests.quickjobs.conftest import quickjob_body

RECEIPT = (Path(__file__).parent / "telegram" / "telegram_updates" / "receipt.jpg").read_bytes()
FACTS = {"nl": "Fotograaf voor Acme, 250 euro op {d}", "fr": "Photographe pour Acme, 250 euros "
         "le {d}", "en": "Photographer for Acme, 250 euros on {d}"}
YES = {"nl": "ja", "fr": "oui", "en": "yes"}
DONE = {"nl": "Klaar!", "fr": "C'est fait", "en": "Done!"}


async def talk(client, headers, lang: str, *texts: str, cid: str | None = None) -> tuple[str, str]:
    """Several messages in one conversation; the conversation id and the last reply."""
    reply = ""
    for text in texts:
        cid, reply, _ = await say(client, headers, text, cid, **{"Accept-Language": lang})
    return cid, reply


async def created(client, headers, lang: str, cid: str | None = None) -> tuple[str, str, dict]:
    """A QuickJob made by conversation (facts, yes): the conversation, the reply, the QuickJob."""
    cid, reply = await talk(client, headers, lang, FACTS[lang].format(d=day(10)), YES[lang],
                            cid=cid)
    assert DONE[lang] in reply, reply
    items = (await client.get("/api/v1/quickjobs", headers=headers)).json()["items"]
    job = (await client.get(f"/api/v1/quickjobs/{items[0]['id']}", headers=headers)).json()
    return cid, reply, job


def attachment(data: bytes = RECEIPT, content_type: str = "image/jpeg") -> dict:
    return {"contentType": content_type, "data": base64.b64encode(data).decode()}


# Receipt photos by the REST channel ---------------------------------------------------------

EXPENSE = {"nl": ("treinticket 18 euro", "Foto van het bonnetje toegevoegd"),
           "fr": ("billet de train 18 euros", "Photo du ticket ajoutée"),
           "en": ("train ticket 18 euros", "Receipt photo attached")}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
async def test_a_receipt_photo_in_the_json_body_is_stored_on_the_expense(client, lang):
    headers = await member(client)
    cid, _, job = await created(client, headers, lang)
    expense, attached = EXPENSE[lang]
    cid, reply = await talk(client, headers, lang, expense, YES[lang], cid=cid)
    r = await client.post("/api/v1/bot/messages", headers={**headers, "Accept-Language": lang},
                          json={"conversationId": cid, "attachment": attachment()})
    assert r.status_code == 200, r.text
    assert attached in "\n".join(x["text"] for x in r.json()["replies"])
    after = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=headers)).json()
    [line] = after["expenses"]
    assert (line["amountCents"], line["category"]) == (1800, "travel") and line["receiptUrl"]
    r = await client.get(line["receiptUrl"], headers=headers)
    assert r.status_code == 200 and r.content == RECEIPT
    said = await fetch("SELECT text FROM bot_message WHERE sender = 'user' ORDER BY seq")
    assert said[-1]["text"] == "[photo]"


async def test_a_photo_before_the_yes_by_multipart_rides_with_the_expense(client):
    headers = await member(client)
    cid, _, job = await created(client, headers, "en")
    cid, reply = await talk(client, headers, "en", "parking fee 7.50", cid=cid)
    assert "travel €7.50" in reply
    r = await client.post("/api/v1/bot/messages/attachments", headers=headers,
                          data={"conversationId": cid, "text": ""},
                          files={"file": ("receipt.jpg", RECEIPT, "image/jpeg")})
    assert r.status_code == 200, r.text
    assert "Photo received" in r.json()["replies"][0]["text"]
    _, reply = await talk(client, headers, "en", "yes", cid=cid)
    assert "Added" in reply and "Please send a photo" not in reply
    [line] = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=headers)).json()["expenses"]
    assert line["amountCents"] == 750 and line["receiptUrl"]
    assert (await client.get(line["receiptUrl"], headers=headers)).content == RECEIPT


@pytest.mark.parametrize("lang,message", [
    ("nl", "Een bonnetje moet een JPEG-, PNG-, HEIC- of PDF-bestand zijn."),
    ("fr", "Un justificatif doit être un fichier JPEG, PNG, HEIC ou PDF."),
    ("en", "A receipt must be a JPEG, PNG, HEIC or PDF file."),
])
async def test_a_file_of_the_wrong_type_is_refused_as_the_api_refuses_a_receipt(client, lang,
                                                                                message):
    headers = await member(client)
    before = await fetch("SELECT count(*) AS n FROM bot_message")
    r = await client.post("/api/v1/bot/messages", headers={**headers, "Accept-Language": lang},
                          json={"text": "", "attachment": attachment(b"GIF89a....", "image/gif")})
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == "attachment"
    assert r.json()["errors"][0]["message"] == message
    r = await client.post("/api/v1/bot/messages/attachments", headers=headers,
                          files={"file": ("x.gif", b"GIF89a....", "image/gif")})
    assert r.status_code == 422
    r = await client.post("/api/v1/bot/messages", headers=headers,
                          json={"text": "", "attachment": {"contentType": "image/jpeg",
                                                           "data": "not base64!"}})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "attachment.data"
    big = attachment(b"\xff\xd8\xff" + b"0" * 700_001)
    r = await client.post("/api/v1/bot/messages", headers=headers, json={"attachment": big})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "receipt_size"
    assert await fetch("SELECT count(*) AS n FROM bot_message") == before  # nothing changed
    r = await client.post("/api/v1/bot/messages", headers=headers, json={"text": " "})
    assert r.status_code == 422  # neither text nor a file


# The client reached -------------------------------------------------------------------------

def emails(settings, to: str) -> list[dict]:
    folder = settings.outbox_dir / "messages"
    found = [json.loads(p.read_text()) for p in folder.glob("*.json")] if folder.exists() else []
    return [m for m in found if m.get("to") == to]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
async def test_the_clients_e_mail_after_the_creation_really_sends_the_quote(client, settings,
                                                                           worker, lang):
    headers = await member(client)
    cid, reply, job = await created(client, headers, lang)
    assert job["quote"]["acceptUrl"] in reply  # no address yet: the link to forward
    assert await fetch("SELECT 1 FROM outbox_message WHERE payload->>'template' = "
                       "'quote_to_client'") == []
    _, reply = await talk(client, headers, lang, "boekhouding@acme.example", cid=cid)
    assert "boekhouding@acme.example" in reply
    sent = await eventually(lambda: emails(settings, "boekhouding@acme.example"), timeout=30)
    assert len(sent) == 1 and job["quote"]["number"] in json.dumps(sent[0])
    clients = await fetch("SELECT email FROM client")
    assert [c["email"] for c in clients] == ["boekhouding@acme.example"]
    events = [e["kind"] for e in (await client.get(f"/api/v1/quickjobs/{job['id']}",
                                                   headers=headers)).json()["timeline"]]
    assert "quote_emailed" in events


async def test_another_workers_client_is_never_changed_by_an_e_mail_typed_later(client):
    """Clients are each worker's own: the second worker typing the same company gets a client
    of their own, and the address they type later goes on that one only."""
    first = await member(client, phone="+32470123401")
    body = quickjob_body(client={"name": "Brouwerij De Klok", "vatNumber": "BE0403019261",
                                 "country": "BE"}, expenses=[])
    r = await client.post("/api/v1/quickjobs", json=body, headers=first)
    assert r.status_code == 201, r.text
    second = await member(client)
    cid, _ = await talk(client, second, "en", f"Poster design for Brouwerij De Klok, "
                        f"BE0403019261, 300 euros on {day(10)}")
    cid, reply = await talk(client, second, "en", "yes", cid=cid)
    assert "Done!" in reply, reply
    _, reply = await talk(client, second, "en", "boss@deklok.example", cid=cid)
    assert "e-mailed to boss@deklok.example" in reply
    emails = {r["created_by"]: r["email"]
              for r in await fetch("SELECT created_by, email FROM client")}
    me_first = (await client.get("/api/v1/me", headers=first)).json()["id"]
    me_second = (await client.get("/api/v1/me", headers=second)).json()["id"]
    assert {str(k): v for k, v in emails.items()} == {me_first: None,
                                                     me_second: "boss@deklok.example"}


# The hand-off, read by an adviser --------------------------------------------------------------

async def test_an_adviser_reads_the_minimised_conversation_of_a_hand_off(client):
    from backend.people import service as people

    headers = await member(client)
    cid, _ = await talk(client, headers, "fr", "photographe pour le client Acme, info@acme.be",
                        "mon IBAN est BE71 0961 2345 6769", "je veux parler à un conseiller")
    email = f"ada-{uuid.uuid4().hex[:6]}@smart.coop"
    await people.create_staff(email, "correct horse battery staple", "adviser", "Ada", "Visor")
    adviser = bearer(await staff_sign_in(client, email, "correct horse battery staple"))
    items = (await client.get("/api/v1/backoffice/review-items", headers=adviser)).json()["items"]
    [item] = [i for i in items if i["kind"] == "bot_handoff"]
    r = await client.get(f"/api/v1/backoffice/review-items/{item['id']}", headers=adviser)
    assert r.status_code == 200, r.text
    handoff = r.json()["handoff"]
    assert handoff["conversationId"] == cid and handoff["channel"] == "api"
    assert handoff["language"] == "fr"
    lines = handoff["transcript"]
    assert [line["from"] for line in lines][:2] == ["user", "bot"]
    said = [line["text"] for line in lines if line["from"] == "user"]
    assert said == ["photographe pour le client Acme, [e-mail]", "mon IBAN est [iban]",
                    "je veux parler à un conseiller"]
    assert "info@acme.be" not in r.text and "0961" not in r.text
    r = await client.get(f"/api/v1/backoffice/review-items/{item['id']}", headers=headers)
    assert r.status_code == 403  # the worker is no adviser
    r = await client.get(f"/api/v1/backoffice/review-items/{uuid.uuid4()}", headers=adviser)
    assert r.status_code == 404


# Identity just in time ------------------------------------------------------------------------

IDENTITY = {
    "nl": ("Lena Peeters", "92.04.14-123.58", "klopt niet", "92.04.14-123.59",
           "Kerkstraat 5, 9000 Gent", "be71 0961 2345 6769", "Je profiel is compleet"),
    "fr": ("je m'appelle Lena Peeters", "92.04.14-123.58", "n'est pas correct",
           "92.04.14-123.59", "Rue Haute 12, 1000 Bruxelles", "BE71 0961 2345 6769",
           "Votre profil est complet"),
    "en": ("Lena Peeters", "92041412358", "not right", "92041412359",
           "Rue Haute 12, 1000 Brussels", "BE71096123456769", "Your profile is complete"),
}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
async def test_identity_is_asked_just_in_time_and_saved_through_the_profile(client, lang):
    headers = await member(client, profile=None)  # a new worker: nothing in the profile
    name, wrong, refused, nn, address, iban, complete = IDENTITY[lang]
    audited = "SELECT action FROM audit_log WHERE action = 'person.updated'"
    before = len(await fetch(audited))  # the test's own set-up of the worker
    cid, reply = await talk(client, headers, lang, FACTS[lang].format(d=day(10)), YES[lang])
    assert DONE[lang] not in reply  # the quote needs the name first
    assert (await client.get("/api/v1/quickjobs", headers=headers)).json()["items"] == []
    cid, reply = await talk(client, headers, lang, name, cid=cid)
    assert DONE[lang] in reply and "Peeters" in reply
    assert len((await client.get("/api/v1/quickjobs", headers=headers)).json()["items"]) == 1
    for answer, check in ((wrong, refused), (nn, "**.**.**-***.59"),
                          (address, address.split(",")[0]), (iban, "BE71 **** **** 6769")):
        cid, reply = await talk(client, headers, lang, answer, cid=cid)
        assert check in reply, (answer, reply)
    assert complete in reply
    me = (await client.get("/api/v1/me", headers=headers)).json()
    assert (me["firstName"], me["lastName"]) == ("Lena", "Peeters")
    assert me["nationalNumber"] == "92041412359" and me["birthDate"] == "1992-04-14"
    assert me["iban"] == "BE71096123456769" and me["address"] == address
    said = json.dumps([r["text"] for r in await fetch("SELECT text FROM bot_message")])
    for secret in ("92041412359", "92.04.14-123.59", "0961 2345", "096123456769"):
        assert secret not in said  # neither what the worker typed nor a reply shows it in full
    updates = await fetch(audited)
    assert len(updates) - before == 4  # name, national number (+ birth date), address, IBAN


async def test_a_status_question_reminds_what_the_salary_still_needs(client):
    headers = await member(client, profile={k: v for k, v in PROFILE.items() if k != "iban"})
    cid, _, job = await created(client, headers, "nl")
    cid, reply = await talk(client, headers, "nl", "wanneer wordt mijn loon betaald?")  # new talk
    assert "de uitbetaling voorzien op" in reply, reply
    assert "je loon wacht nog op IBAN" in reply
    _, reply = await talk(client, headers, "nl", "BE71 0961 2345 6769", cid=cid)
    assert "BE71 **** **** 6769" in reply


# A VAT number another worker used -------------------------------------------------------------

async def test_a_vat_number_another_worker_used_never_replaces_the_client_name(client):
    other = await member(client, phone="+32470123402")
    body = quickjob_body(client={"name": "Brouwerij De Klok", "vatNumber": "BE0403019261",
                                 "country": "BE"}, expenses=[])
    assert (await client.post("/api/v1/quickjobs", json=body, headers=other)).status_code == 201
    headers = await member(client)
    cid, reply = await talk(client, headers, "en", f"Poster design for client Studio Noord, "
                            f"BE0403019261, 300 euros on {day(10)}")
    assert "Client: Studio Noord (company, BE0403019261)" in reply.replace("\xa0", " ")
    cid, reply = await talk(client, headers, "en", "yes", cid=cid)
    assert "Done!" in reply
    [item] = (await client.get("/api/v1/quickjobs", headers=headers)).json()["items"]
    assert item["clientName"] == "Studio Noord"


# The worker's QuickJobs in one query ----------------------------------------------------------

async def test_the_bots_list_of_quickjobs_is_one_query_whatever_their_number(client, app):
    import datetime as dt

    from backend.chat.port import ServicesPort
    from backend.http.context import Principal
    from backend.platform.statements import counting

    headers = await member(client)
    for n in range(4):
        r = await client.post("/api/v1/quickjobs", headers=headers,
                              json=quickjob_body(function=f"job {n}", expenses=[]))
        assert r.status_code == 201, r.text
    me = (await client.get("/api/v1/me", headers=headers)).json()
    port = ServicesPort(Principal(uuid.UUID(me["id"]), "worker"), app.state.quickjob_ports,
                        uuid.uuid4(), dt.date.today())
    with counting() as statements:
        jobs = await port.jobs("en")
    queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 1, statements
    assert [j["function"] for j in jobs] == ["job 3", "job 2", "job 1", "job 0"]  # newest first
    assert {j["client"] for j in jobs} == {"Brouwerij De Klok"} and all(j["dates"] for j in jobs)
