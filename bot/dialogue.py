"""The dialogue engine: deterministic, rule-based, in the style of a Zulip bot.

``await handle_message(message, bot_handler)`` takes ``message = {"content": "...",
"attachment": {"ref": ..., "contentType": ...} (optional, a receipt photo)}`` and a handler (the
port) offering:

- ``storage``: ``contains(key)``, ``get(key)``, ``put(key, value)``; the state is a plain dict
  (JSON-serialisable) under ``"state"``;
- ``send_reply(message, text, quick_replies)``; ``today()``; ``default_language``;
- ``services`` (async, every figure comes from them, the engine invents none):
  ``preview(fields, lang)`` the summary figures after the API's validation; ``create(fields,
  lang)`` -> ``{id, quote, status, accept_url, sent_to}``; ``simulate(fields, lang)`` the same
  figures, creating nothing; ``minimum_check(fields, lang)`` -> ``{below, message}`` (the
  engine's verdict on the pay for the days); ``jobs(lang)`` the worker's recent QuickJobs
  ``[{id, function, client, status, dates}]``; ``issue_invoice(job_id, lang)`` -> ``{number,
  structured_communication, total_cents, due_date, sent_to}``; ``add_expense(job_id, expense,
  attachment, lang)`` -> ``{id}``; ``attach_receipt(expense_id, attachment, lang)`` ->
  ``{stored}``; ``status(kind, lang)``; ``handoff(transcript, lang, reason)``. They raise
  ``FieldProblem`` for a value the user must give again.

Nothing is created without the full summary and an explicit yes. Facts given at any point
replace the ones they correct and the summary is shown again.
"""

from __future__ import annotations

import datetime as dt
import re

from bot import followup, identity, texts
from bot import understanding as u
from bot.dates import BARE_DAY_RE
from bot.normalise import fold
from bot.problems import FieldProblem

REQUIRED = ("function", "client_name", "amount_cents", "dates")
FIELDS = u.Facts.NAMES
DEFAULTS = {"vat_rate": "21", "contract_type": "employee"}
MAX_TRANSCRIPT = 40
COLLECT, CONFIRM, DONE, IDLE = "collect", "confirm", "done", "idle"
# Status answers after which the identity the contract or the salary still needs is recalled.
REMINDING = ("salary", "contract", "payslip", "client_paid")
NEW_JOB_RE = re.compile(r"\b(quickjob|offerte|devis|quote|nieuwe job|new job|nouveau job|opdracht|"
                        r"mission|klus)\b")
__all__ = ["FieldProblem", "handle_message", "job_fields", "new_state", "redact"]


def new_state(lang: str | None = None) -> dict:
    return {"lang": lang, "stage": IDLE, "fields": {}, "expecting": None, "failures": {},
            "created": None, "turns": 0, "transcript": [], "pending": None, "offer": None,
            "minimum_ok": None, "last_expense": None, "attachment": None,
            "identity": None}


_REDACTIONS = [
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "[e-mail]"),
    # an IBAN as typed in a hurry too ('be71 0961 2345 6769')
    (re.compile(r"(?i)\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b"), "[iban]"),
    (re.compile(r"\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}\b"), "[national number]"),
    (re.compile(r"\b[A-Za-z]{2}[\s.-]?(?:\d[\s.]?){8,11}\d\b"), "[vat number]"),
    # a phone starts with + or 0 ('+32 470 12 34 56', '0470/12.34.56'); dates ('12/03/2026') and
    # document numbers ('Q2026-000001') are not phones and stay readable.
    (re.compile(r"(?<![\w/.-])(?:\+\d{2}[\s/.-]?|0)\d(?:[\s/.-]?\d){7,11}(?![\d/])"), "[phone]"),
]


def redact(text: str) -> str:
    """Personal data minimised for transcripts: identifiers and contact data masked."""
    for pattern, mask in _REDACTIONS:
        text = pattern.sub(mask, text)
    return text[:1000]


class _Turn:
    def __init__(self, message: dict, handler, state: dict, today: dt.date) -> None:
        self.message, self.handler, self.state, self.today = message, handler, state, today
        self.lang = state["lang"]
        self.services = handler.services

    def reply(self, text: str, quick: list[str] | None = None) -> None:
        self.handler.send_reply(self.message, text, quick or [])
        self.log("bot", text)

    def say(self, key: str, quick: list[str] | None = None, **params) -> None:
        self.reply(texts.say(key, self.lang, **params), quick)

    def log(self, who: str, text: str) -> None:
        transcript = self.state["transcript"]
        transcript.append({"from": who, "text": redact(text)})
        del transcript[:-MAX_TRANSCRIPT]


async def handle_message(message: dict, bot_handler) -> dict:
    """Answer one user message; returns the new state (also stored through the handler)."""
    storage = bot_handler.storage
    state = storage.get("state") if storage.contains("state") else None
    state = {**new_state(), **(state or {})}
    text = (message.get("content") or "").strip()
    today = bot_handler.today()
    if state["lang"] is None:
        state["lang"] = u.language_request(text) or u.detect_language(
            text, getattr(bot_handler, "default_language", "nl"))
    state["turns"] += 1
    turn = _Turn(message, bot_handler, state, today)
    turn.log("user", text or "[photo]")
    await _respond(turn, text)
    storage.put("state", state)
    return state


async def _respond(turn: _Turn, text: str) -> None:
    state = turn.state
    switch = u.language_request(text)
    if switch:
        state["lang"] = turn.lang = switch
        turn.say("language_switched")
        rest = re.sub(r"(?i)\b(in het |en |in )?(nederlands|francais|français|english|engels|frans|"
                      r"anglais|neerlandais|néerlandais|dutch|french)\b", "", text).strip(" ,.!")
        if not u.extract(rest, turn.today, turn.lang).as_fields():
            await _prompt(turn)
            return
        text = rest
    attachment = turn.message.get("attachment")
    if attachment:
        # A photo's caption that says something ('parking 7,50') is answered first, so the
        # photo finds the expense it belongs to.
        said = bool(text) and bool(u.intents(text) or u.intent(text, turn.lang)
                                   or u.extract(text, turn.today, turn.lang).as_fields())
        if said:
            await _respond_text(turn, text)
        await followup.photo(turn, attachment)
        return
    await _respond_text(turn, text)


async def _respond_text(turn: _Turn, text: str) -> None:
    state = turn.state
    found = u.intents(text)
    if "cancel" in found:
        _reset(state)
        turn.say("cancelled", texts.quick_replies("start", turn.lang))
        return
    if "restart" in found:
        _reset(state)
        state["stage"] = COLLECT
        turn.say("restarted")
        await _advance(turn)
        return
    if "help" in found:
        turn.say("help")
        if state["stage"] in (COLLECT, CONFIRM):
            await _prompt(turn)
        return
    if "handoff" in found:
        ref = await turn.services.handoff(list(state["transcript"]), turn.lang, "bot.handoff")
        turn.say("handoff", ref=ref)
        return
    if await _identity_answer(turn, text):
        return
    if state["expecting"] and u.is_non_answer(text):
        await _non_answer(turn)
        return

    asked = u.intent(text, turn.lang)
    if asked == "money_question":
        await _simulate(turn, text)
        return
    if asked == "invoice":
        await followup.invoice(turn, text)
        return
    if asked in u._STATUS_INTENTS:
        await _status(turn, asked)
        if state["stage"] in (COLLECT, CONFIRM):
            await _prompt(turn)
        return

    pending = state["pending"]
    expecting = state["expecting"] if state["stage"] == COLLECT else None
    facts = u.extract(text, turn.today, turn.lang, expecting)
    values = facts.as_fields()
    answer = u.yes_no(text)

    if pending and await followup.pending(turn, pending, text, values, answer):
        return
    if state["stage"] == DONE and await followup.reach(turn, text, values):
        return
    job_values = {k: v for k, v in values.items() if k not in ("expenses", "client_name", "client_kind")}
    if facts.expenses and not job_values and state["stage"] in (IDLE, DONE):
        await followup.expense(turn, facts)
        return
    if values or facts.vat_number_invalid:
        await _take_facts(turn, facts, text)
        return

    if state["stage"] == CONFIRM:
        if answer is True:
            await _create(turn)
        elif answer is False:
            state["stage"] = COLLECT
            state["expecting"] = None
            turn.say("what_to_change")
        else:
            turn.say("not_understood")
            turn.say("confirm_again", texts.quick_replies("confirm", turn.lang))
        return
    if state["expecting"] == "minimum":
        if answer is True:
            state["minimum_ok"] = _minimum_key(state)
            state["expecting"] = None
            await _advance(turn)
        else:
            turn.say("minimum.ask")
        return
    if state["stage"] == DONE:
        if answer is True:
            turn.say("already_created", quote=state["created"]["quote"])
        else:
            turn.say("welcome", texts.quick_replies("start", turn.lang))
        return
    if state["stage"] == COLLECT and state["expecting"]:
        if state["expecting"] == "vat_number" and (answer is False or re.search(
                r"(?i)\b(geen|pas de|no|sans)\b", text)):
            state["expecting"] = None
            await _advance(turn)
            return
        failures = state["failures"]
        failures[state["expecting"]] = failures.get(state["expecting"], 0) + 1
        turn.say("not_understood")
        _ask(turn, state["expecting"], failed=True)
        return
    if state["offer"] and answer is True:
        state["fields"] = dict(state["offer"])
        state["offer"] = None
        state["stage"] = COLLECT
        await _advance(turn)
        return
    if NEW_JOB_RE.search(fold(text)) or answer is True or state["stage"] == COLLECT:
        state["stage"] = COLLECT
        await _advance(turn)
        return
    turn.say("welcome", texts.quick_replies("start", turn.lang))


def _reset(state: dict) -> None:
    keep = {k: state[k] for k in ("lang", "transcript", "turns")}
    state.clear()
    state.update(new_state())
    state.update(keep)


# Facts and corrections --------------------------------------------------------------------------

def _merge(state: dict, facts: u.Facts, text: str, today: dt.date) -> None:
    """New facts replace the ones they correct; expenses add up (one per category replaced)."""
    fields = state["fields"]
    values = facts.as_fields()
    if "dates" in values and fields.get("dates") and len(facts.dates) == 1 and len(fields["dates"]) == 1:
        # 'de 13de', 'le 13', 'the 13th': the day changes, the month said before stays
        m = BARE_DAY_RE.search(fold(text))
        if m and not re.search(r"\d{1,2}\s*[/.-]\s*\d|[a-z]{3,}\s+\d{4}", fold(text)):
            old = dt.date.fromisoformat(fields["dates"][0])
            try:
                values["dates"] = [old.replace(day=int(m.group(1))).isoformat()]
            except ValueError:
                pass
    if "client_name" in values and values["client_name"] != fields.get("client_name"):
        for name in ("client_kind", "email", "vat_number"):
            if name not in values:
                fields.pop(name, None)
    if "vat_mode" in values:
        if values["vat_mode"] != "exempt":
            fields.pop("vat_exemption", None)
            if fields.get("vat_rate") == "0" and "vat_rate" not in values:
                fields.pop("vat_rate", None)
    if values.get("vat_rate") not in (None, "0"):
        fields.pop("vat_exemption", None)
        if fields.get("vat_mode") == "exempt":
            fields.pop("vat_mode", None)
    if "vat_exemption" in values:
        values.setdefault("vat_rate", "0")
    expenses = values.pop("expenses", None)
    fields.update(values)
    if expenses:
        kept = [e for e in fields.get("expenses", [])
                if e["category"] not in {x["category"] for x in expenses}]
        fields["expenses"] = kept + expenses
    for name in values:
        state["failures"].pop(name, None)


async def _take_facts(turn: _Turn, facts: u.Facts, text: str) -> None:
    state = turn.state
    if state["stage"] == DONE:  # a new QuickJob after the last one
        created = state["created"]
        _reset(state)
        state["last_created"] = created
    if state["stage"] == IDLE and state.get("offer"):
        state["fields"] = dict(state["offer"])
    state["offer"] = None
    before = (state["stage"], repr(state["fields"]))
    state["stage"] = COLLECT
    _merge(state, facts, text, turn.today)
    if before == (CONFIRM, repr(state["fields"])) and not facts.vat_number_invalid:
        turn.say("no_change")  # said again what the summary already shows: say how to change it
    if facts.vat_number_invalid:
        state["fields"].pop("vat_number", None)
        _ask(turn, "vat_number", failed=True)
        return
    await _advance(turn)


def _missing(state: dict, today: dt.date) -> str | None:
    fields = state["fields"]
    for name in REQUIRED:
        if not fields.get(name):
            return name
    if any(dt.date.fromisoformat(d) < today for d in fields["dates"]):
        return "past_dates"
    if fields.get("vat_mode") == "exempt" and not fields.get("vat_exemption"):
        return "vat_exemption"
    return None


def _ask(turn: _Turn, name: str, failed: bool = False) -> None:
    state = turn.state
    state["expecting"] = name
    turn.say(f"ask.{name}", texts.quick_replies(name, turn.lang))
    if failed and state["failures"].get(name, 0) >= 2:
        turn.say("skip_hint")


async def _prompt(turn: _Turn) -> None:
    """Repeat where we are: the question pending, or the summary."""
    state = turn.state
    if state["stage"] == CONFIRM:
        await _summary(turn)
    elif state["stage"] == COLLECT:
        await _advance(turn)
    else:
        turn.say("welcome", texts.quick_replies("start", turn.lang))


async def _non_answer(turn: _Turn) -> None:
    """'geen idee', 'pas encore', 'no client yet': nothing is taken; say why it is needed."""
    name = turn.state["expecting"]
    turn.say(f"non_answer.{name}" if f"non_answer.{name}" in texts.TEXTS else "non_answer.other")
    _ask(turn, name)


async def _advance(turn: _Turn) -> None:
    state = turn.state
    missing = _missing(state, turn.today)
    if missing == "past_dates":
        past = [d for d in state["fields"]["dates"] if dt.date.fromisoformat(d) < turn.today]
        turn.say("past_dates", texts.quick_replies("past_dates", turn.lang),
                 dates=texts.dates(past, turn.lang))
        state["expecting"] = "dates"
        return
    if missing:
        _ask(turn, missing)
        return
    if state["minimum_ok"] != _minimum_key(state):
        verdict = await turn.services.minimum_check(job_fields(state), turn.lang)
        if verdict.get("below"):
            state["expecting"] = "minimum"
            turn.say("minimum.below", texts.quick_replies("confirm", turn.lang),
                     amount=texts.money(state["fields"]["amount_cents"], turn.lang),
                     days=len(state["fields"]["dates"]), reason=verdict.get("message", ""))
            return
        state["minimum_ok"] = _minimum_key(state)
    await _summary(turn)


def _minimum_key(state: dict) -> str:
    f = state["fields"]
    return f"{f.get('amount_cents')}|{','.join(f.get('dates', []))}|{f.get('contract_type')}|{f.get('vat_mode')}"


def job_fields(state: dict) -> dict:
    fields = {**DEFAULTS, **state["fields"]}
    fields["vat_included"] = fields.get("vat_mode") == "included"
    fields.setdefault("expenses", [])
    return fields


async def _summary(turn: _Turn) -> None:
    state = turn.state
    fields = job_fields(state)
    try:
        figures = await turn.services.preview(fields, turn.lang)
    except FieldProblem as problem:
        _refused(turn, problem)
        return
    state["stage"] = CONFIRM
    state["expecting"] = None
    turn.reply(texts.summary(fields, figures, turn.lang), texts.quick_replies("confirm", turn.lang))


def _refused(turn: _Turn, problem: FieldProblem) -> None:
    state = turn.state
    state["stage"] = COLLECT
    if problem.field in FIELDS or problem.field == "vat_exemption":
        state["fields"].pop(problem.field, None)
        if problem.field == "vat_rate":
            state["fields"].pop("vat_exemption", None)
        turn.say("error_field", message=problem.message)
        _ask(turn, problem.field if problem.field != "vat_rate" else "vat_exemption", failed=True)
    else:
        state["expecting"] = None
        turn.say("error_general", message=problem.message)


async def _create(turn: _Turn) -> None:
    state = turn.state
    if state["created"]:
        turn.say("already_created", quote=state["created"]["quote"])
        return
    if not await identity.before_create(turn):
        return  # the quote needs the worker's name first: asked, created once it is given
    try:
        created = await turn.services.create(job_fields(state), turn.lang)
    except FieldProblem as problem:
        _refused(turn, problem)
        return
    state["created"] = {"id": str(created["id"]), "quote": created["quote"],
                        "status": created["status"], "sent_to": created.get("sent_to"),
                        "accept_url": created.get("accept_url")}
    state["stage"] = DONE
    state["expecting"] = None
    lang = turn.lang
    done = texts.say("created", lang, quote=created["quote"],
                     status=texts.status_word(created["status"], lang))
    turn.reply(f"{done}\n{followup.reach_text(created, lang)}", texts.quick_replies("start", lang))
    await identity.after_create(turn)


async def _identity_answer(turn: _Turn, text: str) -> bool:
    """The open identity question (after the creation, or before it for the quote's name) takes
    the message when it answers it; a new QuickJob being collected is never interrupted."""
    state = turn.state
    ident = state.get("identity")
    if not ident or not ident.get("ask") or state["pending"]:
        return False
    before_creation = ident.get("then") == "create"
    if before_creation != (state["stage"] == CONFIRM) or state["stage"] == COLLECT:
        return False
    if before_creation and u.yes_no(text) is True:
        return False  # the yes again: the creation asks for what the quote still needs
    non_answer = u.is_non_answer(text) or u.yes_no(text) is False or identity.is_later(text)
    has_facts = bool(u.extract(text, turn.today, turn.lang).as_fields())
    outcome = await identity.answer(turn, text, non_answer, has_facts)
    if outcome == "create":
        await _create(turn)
    return outcome is not None


# Money question, invoice, expenses, photos ----------------------------------------------------

async def _simulate(turn: _Turn, text: str) -> None:
    """What is left of an amount: the engine's simulation through the port; nothing is created."""
    facts = u.extract(text, turn.today, turn.lang, "amount_cents")
    if facts.amount_cents is None:
        turn.say("ask.amount_cents")
        return
    offer = {k: v for k, v in facts.as_fields().items()
             if k in ("amount_cents", "dates", "contract_type", "vat_mode", "vat_rate", "expenses")}
    fields = {**DEFAULTS, **offer, "vat_included": offer.get("vat_mode") == "included"}
    fields.setdefault("expenses", [])
    try:
        figures = await turn.services.simulate(fields, turn.lang)
    except FieldProblem as problem:
        turn.say("error_general", message=problem.message)
        return
    turn.reply(texts.simulation(fields, figures, turn.lang), texts.quick_replies("offer", turn.lang))
    if turn.state["stage"] in (IDLE, DONE):
        turn.state["offer"] = offer


async def _status(turn: _Turn, kind: str) -> None:
    """A status answer from live data: the port gives ``[{"key", **params}]``; amounts end in
    ``_cents``, dates are ``date`` objects or ISO strings and statuses codes, all put in words."""
    if kind == "contribution":
        turn.say("status.contribution")
        return
    if kind == "quickjob_status":
        jobs = await turn.services.jobs(turn.lang)
        if not jobs:
            turn.say("status.no_quickjobs")
        else:
            turn.say("status.quickjobs", jobs=texts.job_list(jobs[:3], turn.lang))
            await _identity_reminder(turn)
        return
    items = await turn.services.status(kind, turn.lang)
    for item in items:
        params = {}
        for name, value in item.items():
            if name == "key":
                continue
            if name.endswith("_cents"):
                params[name[:-6]] = texts.money(value, turn.lang)
            elif isinstance(value, dt.date) or name in ("due", "pay_date") and isinstance(value, str):
                params[name] = texts.date(value, turn.lang)
            elif name == "status":
                params[name] = texts.status_word(value, turn.lang)
            else:
                params[name] = value
        turn.say(item["key"], **params)
    if kind in REMINDING and not any(item["key"] in ("status.no_quickjobs", "status.no_unit")
                                     for item in items):
        await _identity_reminder(turn)


async def _identity_reminder(turn: _Turn) -> None:
    """What the contract or the salary still waits for, after a status answer about them (never
    in the middle of a QuickJob being collected)."""
    if turn.state["stage"] in (IDLE, DONE) and not turn.state["pending"]:
        await identity.remind(turn)
