"""Whole conversations in nl, fr and en (tests/bot/transcripts/*.py), replayed turn by turn.

Stub transcripts run the dialogue engine on the stub port; ``real`` ones go through
``POST /api/v1/bot/messages`` on the real services and PostgreSQL, with the live data they ask
about made through the API first, and the QuickJob they create checked in the database.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from bot import texts
from tests.bot.conftest import TODAY, Bot, StubServices, plain
from tests.bot.transcripts import R, T, U, capabilities, en, fr, nl
from tests.conftest import bearer, become_member, complete_profile, sign_in, staff_sign_in

LANGS = {"nl": nl, "fr": fr, "en": en}
SUMMARY = {"nl": "Samenvatting van je QuickJob", "fr": "Résumé de votre QuickJob",
           "en": "Summary of your QuickJob"}
MIN_PER_LANGUAGE, MIN_REAL_PER_LANGUAGE = 30, 5


def _cases(kind: str) -> list:
    cases = []
    for lang, module in LANGS.items():
        every = module.STUB + capabilities.STUB[lang] + module.REAL
        for number, case in enumerate(every, 1):
            if (kind == "real") == isinstance(case, R):
                cases.append(pytest.param(lang, case, id=f"{lang}-{number:02d}-{case.slug}"))
    return cases


def test_every_language_has_enough_transcripts():
    for lang, module in LANGS.items():
        slugs = [c.slug for c in module.STUB + capabilities.STUB[lang] + module.REAL]
        assert len(slugs) == len(set(slugs)), lang
        assert len(slugs) >= MIN_PER_LANGUAGE, (lang, len(slugs))
        assert len(module.REAL) >= MIN_REAL_PER_LANGUAGE, (lang, len(module.REAL))
        assert all(len(c.turns) >= 1 for c in module.STUB + module.REAL)
    kinds = {c.slug.split(":")[0] for c in capabilities.STUB["nl"]}
    for lang in LANGS:  # every capability of issue 13 in every language
        assert {c.slug.split(":")[0] for c in capabilities.STUB[lang]} == kinds


def _check_reply(turn: U, reply: str, state: dict, where: str) -> None:
    reply = plain(reply)
    turn = U(turn.text, tuple(map(plain, turn.says)), tuple(map(plain, turn.lacks)), turn.stage,
             turn.fields, turn.lang)
    for fragment in turn.says:
        assert fragment in reply, f"{where}: {fragment!r} not in reply:\n{reply}"
    for fragment in turn.lacks:
        assert fragment not in reply, f"{where}: {fragment!r} unexpectedly in reply:\n{reply}"
    if turn.stage is not None:
        assert state["stage"] == turn.stage, f"{where}: stage {state['stage']!r}\n{reply}"
    if turn.fields is not None:
        if turn.fields == {}:
            assert state["fields"] == {}, f"{where}: fields {state['fields']}"
        for name, value in turn.fields.items():
            assert state["fields"].get(name) == value, f"{where}: {name} = {state['fields'].get(name)!r}"
    if turn.lang is not None:
        assert state["lang"] == turn.lang, f"{where}: language {state['lang']!r}"


# Stub port ------------------------------------------------------------------------------------

class Services(StubServices):
    """The conftest stub, plus the engine's rule for 0 % VAT: allowed with an exemption reason."""

    async def preview(self, fields: dict, lang: str) -> dict:
        if fields["vat_rate"] == "0" and fields.get("vat_exemption"):
            self.previews += 1
            return {"vat_cents": 0, "total_cents": fields["amount_cents"],
                    "contribution_cents": fields["amount_cents"] * 65 // 1000,
                    "net_cents": fields["amount_cents"] // 2,
                    "pay_date": TODAY + dt.timedelta(days=14)}
        return await super().preview(fields, lang)

    async def create(self, fields: dict, lang: str) -> dict:
        await self.preview(fields, lang)  # the real create validates again
        return await super().create(fields, lang)



@pytest.mark.parametrize("lang,case", _cases("stub"))
async def test_stub_transcript(lang: str, case: T):
    bot = Bot(default_language=case.default)
    bot.services = Services()
    bot.services.jobs_list = [dict(j) for j in case.jobs]
    for name in case.missing:
        bot.services.profile[name] = None
    photos = 0
    for i, turn in enumerate(case.turns, 1):
        text, attachment = turn.text, None
        if text.startswith("[photo-unavailable]"):
            text, attachment = text[len("[photo-unavailable]"):].strip(), {"unavailable": True}
        elif text.startswith("[photo]"):
            photos += 1
            text, attachment = text[len("[photo]"):].strip(), {"ref": f"photo-{photos}",
                                                               "contentType": "image/jpeg"}
        reply = await bot.say(text, attachment)
        assert reply, f"turn {i}: no reply"
        _check_reply(turn, reply, bot.state, f"turn {i} ({turn.text!r})")
    created = bot.services.created
    if isinstance(case.created, dict):
        assert len(created) == 1, created
        for name, value in case.created.items():
            assert created[0].get(name) == value, (name, created[0])
    else:
        assert len(created) == case.created, created
    assert len(bot.services.handoffs) == case.handoffs
    services = bot.services
    for name, want in case.expect.items():
        have = {"invoices": len(services.invoices), "expenses": len(services.expenses),
                "receipts": len(services.receipts), "simulations": len(services.simulations),
                "attached": sum(1 for e in services.expenses if e[2]),
                "emailed": services.emailed, "saved": services.saved}[name]
        assert have == want, (name, have)
    for transcript in bot.services.handoffs:
        assert transcript[0]["from"] == "user"
        assert all("@" not in line["text"] for line in transcript)  # e-mails minimised
    assert bot.state["lang"] == (case.lang or lang)
    if case.max_messages is not None:
        assert bot.messages <= case.max_messages


# Real services --------------------------------------------------------------------------------

async def _member(client, lang: str) -> dict:
    headers = bearer(await sign_in(client, phone="+32470123411"))
    await complete_profile(client, headers, language=lang)  # quote, contract, salary
    await become_member(client, headers)
    return headers


async def _adviser(client) -> dict:
    from backend.people import service as people

    email = f"adviser-{uuid.uuid4().hex[:6]}@smart.coop"
    await people.create_staff(email, "correct horse battery staple", "adviser", "Ada", "Visor")
    return bearer(await staff_sign_in(client, email, "correct horse battery staple"))


async def _setup(kind: str, client, headers: dict, settings, lang: str) -> dict:
    """Live data through the API (and the worker's payslip job, run in-process)."""
    from backend.platform.db import fetch
    from backend.quickjobs.tasks import render_payslip
    from tests.quickjobs.conftest import quickjob_body, token_of

    if kind == "none":
        return {}
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=headers)
    assert r.status_code == 201, r.text
    job = r.json()
    if kind in ("invoiced", "paid"):
        r = await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
        assert r.status_code == 201, r.text
        r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=headers)
        assert r.status_code == 201, r.text
    if kind == "paid":
        adviser = await _adviser(client)
        invoice = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=headers)).json()["invoice"]
        r = await client.post(f"/api/v1/backoffice/invoices/{invoice['id']}/payments",
                              json={"amountCents": invoice["totalCents"],
                                    "date": dt.date.today().isoformat()}, headers=adviser)
        assert r.status_code == 201, r.text
        r = await client.post("/api/v1/backoffice/salary-runs",
                              json={"date": job["simulation"]["payDate"]}, headers=adviser)
        assert r.status_code == 201 and len(r.json()["paidSalaryIds"]) == 1, r.text
        salary = await fetch("SELECT id FROM salary_payment WHERE quickjob = {}", uuid.UUID(job["id"]))
        await render_payslip({"salaryId": str(salary[0]["id"])}, settings)
    detail = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=headers)).json()
    unit = (await client.get(f"/api/v1/units/{detail['unitId']}", headers=headers)).json()
    ctx = {"balance": texts.money(unit["balanceCents"], lang), "unit": unit["name"],
           "pay_date": texts.date(detail["payDate"], lang),
           "net": texts.money(detail["simulation"]["netCents"], lang)}
    if detail["salary"]:
        ctx["pay_date"] = texts.date(detail["salary"]["payDate"], lang)
        ctx["net"] = texts.money(detail["salary"]["netCents"], lang)
        ctx["payslip_url"] = detail["salary"]["payslipUrl"] or "-"
    if detail["invoice"]:
        invoice = detail["invoice"]
        ctx["total"] = texts.money(invoice["totalCents"], lang)
        ctx["open"] = texts.money(invoice["totalCents"], lang)
        ctx["due"] = texts.date(invoice["dueDate"], lang)
    if detail["contract"]:
        ctx["contract_url"] = detail["contract"]["pdfUrl"]
    assert kind != "paid" or (detail["salary"]["status"] == "paid" and detail["salary"]["payslipUrl"]
                              and detail["invoice"]["status"] == "paid")
    return ctx


def _days(lang: str) -> dict:
    today = dt.date.today()
    ctx = {}
    for n in (1, 5, 7, 10):
        day = today + dt.timedelta(days=n)
        ctx[f"d{n}"] = day.strftime("%d/%m/%Y")
        ctx[f"iso{n}"] = day.isoformat()
        ctx[f"day{n}"] = texts.date(day, lang, weekday=True)  # as the summary's days line
    return ctx


@pytest.mark.parametrize("lang,case", _cases("real"))
async def test_real_transcript(lang: str, case: R, client, settings):
    from backend.platform.db import fetch

    headers = await _member(client, case.lang or lang)
    ctx = {**_days(lang), **await _setup(case.setup, client, headers, settings, lang)}
    before = {j["id"] for j in (await client.get("/api/v1/quickjobs", headers=headers)).json()["items"]}
    conversation_id = None
    summaries: list[str] = []
    for i, turn in enumerate(case.turns, 1):
        body = {"text": turn.text.format(**ctx)}
        if conversation_id:
            body["conversationId"] = conversation_id
        r = await client.post("/api/v1/bot/messages", json=body,
                              headers={**headers, "Accept-Language": lang})
        assert r.status_code == 200, r.text
        data = r.json()
        assert conversation_id in (None, data["conversationId"])
        conversation_id = data["conversationId"]
        reply = "\n".join(x["text"] for x in data["replies"])
        if SUMMARY[lang] in reply:
            summaries.append(reply)
        rows = await fetch("SELECT state FROM bot_conversation WHERE id = {}", uuid.UUID(conversation_id))
        state = rows[0]["state"]
        state = json.loads(state) if isinstance(state, str) else state
        formatted = U(turn.text, tuple(f.format(**ctx) for f in turn.says),
                      tuple(f.format(**ctx) for f in turn.lacks), turn.stage, turn.fields, turn.lang)
        _check_reply(formatted, reply, state, f"turn {i} ({body['text']!r})")
    if case.max_messages is not None:
        assert len(case.turns) <= case.max_messages

    items = (await client.get("/api/v1/quickjobs", headers=headers)).json()["items"]
    if case.jobs is not None:
        assert len(items) == case.jobs, items
    new = [j for j in items if j["id"] not in before]
    if case.db is not None:
        assert len(new) == 1, new
        job = (await client.get(f"/api/v1/quickjobs/{new[0]['id']}", headers=headers)).json()
        for name, value in case.db.items():
            if isinstance(value, list):
                value = [v.format(**ctx) for v in value]
            assert job[name] == value, (name, job[name])
        # The last summary showed exactly the figures the QuickJob was created with.
        sim, last = job["simulation"], summaries[-1]
        for cents in (sim["vatCents"], sim["totalInclVatCents"], sim["contributionCents"],
                      sim["netCents"]):
            assert texts.money(cents, lang) in last, (cents, last)
        assert texts.date(sim["payDate"], lang) in last
        assert job["quote"]["number"] in "".join(
            x["text"] for x in (await fetch(
                "SELECT text FROM bot_message WHERE conversation = {} AND sender = 'bot'",
                uuid.UUID(conversation_id))))
        rows = await fetch("SELECT quickjob FROM bot_conversation WHERE id = {}",
                           uuid.UUID(conversation_id))
        assert str(rows[0]["quickjob"]) == job["id"]
    else:
        assert new == [], new
    reviews = await fetch("SELECT kind, reasons, context FROM review_item WHERE kind = 'bot_handoff'")
    assert len(reviews) == (1 if case.review else 0), reviews
    if case.review:
        context = reviews[0]["context"]
        context = json.loads(context) if isinstance(context, str) else context
        assert context["conversationId"] == conversation_id and context["language"] == lang
        said = [line["text"] for line in context["transcript"] if line["from"] == "user"]
        assert len(said) == len(case.turns)
        assert "@" not in json.dumps(context["transcript"])  # the e-mail was minimised
