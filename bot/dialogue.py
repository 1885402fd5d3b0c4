"""The dialogue engine: deterministic, rule-based, in the style of a Zulip bot.

``await handle_message(message, bot_handler)`` takes ``message = {"content": "..."}`` and a handler
(the port) offering:

- ``storage``: ``contains(key)``, ``get(key)``, ``put(key, value)``; the state is a plain dict
  (JSON-serialisable) under ``"state"``;
- ``send_reply(message, text, quick_replies)``;
- ``today()`` (dates are read relative to it) and ``default_language``;
- ``services``: async ``preview(fields, lang)`` (the summary figures, validated by the API's own
  validators), ``create(fields, lang)``, ``status(kind, lang)`` and ``handoff(transcript, lang,
  reason)``. ``preview``/``create`` raise ``FieldProblem`` for a field the user must give again.

Nothing is ever created without the full summary and an explicit yes; a repeated yes answers
with the QuickJob already created.
"""

from __future__ import annotations

import datetime as dt
import re

from bot import texts
from bot import understanding as u

REQUIRED = ("function", "client_name", "amount_cents", "dates")
FIELDS = (*REQUIRED, "email", "vat_number", "vat_rate", "vat_exemption", "contract_type")
DEFAULTS = {"vat_rate": "21", "contract_type": "employee"}
MAX_TRANSCRIPT = 40
COLLECT, CONFIRM, DONE, IDLE = "collect", "confirm", "done", "idle"
NEW_JOB_RE = re.compile(r"\b(quickjob|offerte|devis|quote|nieuwe job|new job|nouveau job|opdracht|"
                        r"mission|klus)\b")
GREETING_RE = re.compile(r"^(hallo|hello|hi|hey|dag|goeiedag|goedemorgen|bonjour|salut|bonsoir|"
                         r"good morning)\b")


class FieldProblem(Exception):
    """A service refused a value: ``field`` is a dialogue field (None: not one the user can fix
    by answering), ``message`` the localised reason."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def new_state(lang: str | None = None) -> dict:
    return {"lang": lang, "stage": IDLE, "fields": {}, "expecting": None, "failures": {},
            "created": None, "turns": 0, "transcript": []}


_REDACTIONS = [
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "[e-mail]"),
    (re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b"), "[iban]"),
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
    def __init__(self, message: dict, handler, state: dict) -> None:
        self.message, self.handler, self.state = message, handler, state
        self.lang = state["lang"]

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
    state = state or new_state()
    text = (message.get("content") or "").strip()
    today = bot_handler.today()
    if state["lang"] is None:
        state["lang"] = u.language_request(text) or u.detect_language(
            text, getattr(bot_handler, "default_language", "nl"))
    state["turns"] += 1
    turn = _Turn(message, bot_handler, state)
    turn.log("user", text)
    await _respond(turn, text, today)
    storage.put("state", state)
    return state


async def _respond(turn: _Turn, text: str, today: dt.date) -> None:
    state = turn.state
    switch = u.language_request(text)
    if switch:
        state["lang"] = turn.lang = switch
        turn.say("language_switched")
        rest = re.sub(r"(?i)\b(in het |en |in )?(nederlands|francais|français|english|engels|frans|"
                      r"anglais|neerlandais|néerlandais|dutch|french)\b", "", text).strip(" ,.!")
        if not u.extract(rest, today).as_fields():
            await _prompt(turn, today)
            return
        text = rest
    found = u.intents(text)
    if "cancel" in found:
        _reset(state)
        turn.say("cancelled", texts.quick_replies("start", turn.lang))
        return
    if "restart" in found:
        _reset(state)
        state["stage"] = COLLECT
        turn.say("restarted")
        await _advance(turn, today)
        return
    if "help" in found:
        turn.say("help")
        if state["stage"] in (COLLECT, CONFIRM):
            await _prompt(turn, today)
        return
    if "handoff" in found:
        ref = await turn.handler.services.handoff(list(state["transcript"]), turn.lang, "bot.handoff")
        turn.say("handoff", ref=ref)
        return

    facts = u.extract(text, today, state["expecting"] if state["stage"] == COLLECT else None)
    values = facts.as_fields()
    status = [i for i in found if i in u._STATUS_INTENTS]
    if status and (not values or u.is_question(text) and set(values) <= {"client_name"}):
        await _status(turn, status[0])
        if state["stage"] in (COLLECT, CONFIRM):
            await _prompt(turn, today)
        return

    if values or facts.vat_number_invalid:
        if state["stage"] == DONE:  # a new QuickJob after the last one
            _reset(state)
        state["stage"] = COLLECT
        state["fields"].update(values)
        if values.get("vat_rate", "0") != "0":
            state["fields"].pop("vat_exemption", None)
        for name in values:
            state["failures"].pop(name, None)
        if facts.vat_number_invalid:
            state["fields"].pop("vat_number", None)
            _ask(turn, "vat_number", failed=True)
            return
        await _advance(turn, today)
        return

    answer = u.yes_no(text)
    if state["stage"] == CONFIRM:
        if answer is True:
            await _create(turn, today)
        elif answer is False:
            state["stage"] = COLLECT
            state["expecting"] = None
            turn.say("what_to_change")
        else:
            turn.say("not_understood")
            turn.say("confirm_again", texts.quick_replies("confirm", turn.lang))
        return
    if state["stage"] == DONE:
        if answer is True:
            turn.say("already_created", quote=state["created"]["quote"])
        else:
            turn.say("welcome", texts.quick_replies("start", turn.lang))
        return
    if state["stage"] == COLLECT and state["expecting"]:
        if state["expecting"] == "vat_number" and answer is False or re.search(
                r"(?i)\b(geen|pas de|no|sans)\b", text) and state["expecting"] == "vat_number":
            state["expecting"] = None
            await _advance(turn, today)
            return
        failures = state["failures"]
        failures[state["expecting"]] = failures.get(state["expecting"], 0) + 1
        turn.say("not_understood")
        _ask(turn, state["expecting"], failed=True)
        return
    if NEW_JOB_RE.search(u.fold(text)) or answer is True or state["stage"] == COLLECT:
        state["stage"] = COLLECT
        await _advance(turn, today)
        return
    turn.say("welcome", texts.quick_replies("start", turn.lang))


def _reset(state: dict) -> None:
    lang, transcript, turns = state["lang"], state["transcript"], state["turns"]
    state.clear()
    state.update(new_state(lang))
    state["transcript"], state["turns"] = transcript, turns


def _missing(state: dict) -> str | None:
    for name in REQUIRED:
        if not state["fields"].get(name):
            return name
    return None


def _ask(turn: _Turn, name: str, failed: bool = False) -> None:
    state = turn.state
    state["expecting"] = name
    quick = texts.quick_replies(name, turn.lang)
    turn.say(f"ask.{name}", quick)
    if failed and state["failures"].get(name, 0) >= 2:
        turn.say("skip_hint")


async def _prompt(turn: _Turn, today: dt.date) -> None:
    """Repeat where we are: the question pending, or the summary."""
    state = turn.state
    if state["stage"] == CONFIRM:
        await _summary(turn)
    elif state["stage"] == COLLECT:
        await _advance(turn, today)
    else:
        turn.say("welcome", texts.quick_replies("start", turn.lang))


async def _advance(turn: _Turn, today: dt.date) -> None:
    missing = _missing(turn.state)
    if missing:
        _ask(turn, missing)
        return
    await _summary(turn)


def job_fields(state: dict) -> dict:
    return {**DEFAULTS, **state["fields"]}


async def _summary(turn: _Turn) -> None:
    state = turn.state
    fields = job_fields(state)
    try:
        figures = await turn.handler.services.preview(fields, turn.lang)
    except FieldProblem as problem:
        _refused(turn, problem)
        return
    state["stage"] = CONFIRM
    state["expecting"] = None
    lang = turn.lang
    client = fields["client_name"]
    extra = [fields[k] for k in ("email", "vat_number") if fields.get(k)]
    if extra:
        client += f" ({', '.join(extra)})"
    turn.say(
        "summary", texts.quick_replies("confirm", lang),
        function=fields["function"], client=client, dates=texts.dates(fields["dates"], lang),
        amount=texts.money(fields["amount_cents"], lang), vat_rate=fields["vat_rate"],
        exemption=texts.exemption(fields.get("vat_exemption"), lang),
        vat=texts.money(figures["vat_cents"], lang), total=texts.money(figures["total_cents"], lang),
        contract=texts.CONTRACT_NAMES.get(fields["contract_type"], {}).get(lang, fields["contract_type"]),
        contribution=texts.money(figures["contribution_cents"], lang),
        net=texts.money(figures["net_cents"], lang), pay_date=texts.date(figures["pay_date"], lang),
    )


def _refused(turn: _Turn, problem: FieldProblem) -> None:
    state = turn.state
    state["stage"] = COLLECT
    if problem.field in FIELDS:
        state["fields"].pop(problem.field, None)
        if problem.field == "vat_rate":
            state["fields"].pop("vat_exemption", None)
        turn.say("error_field", message=problem.message)
        _ask(turn, problem.field, failed=True)
    else:
        state["expecting"] = None
        turn.say("error_general", message=problem.message)


async def _create(turn: _Turn, today: dt.date) -> None:
    state = turn.state
    if state["created"]:
        turn.say("already_created", quote=state["created"]["quote"])
        return
    try:
        created = await turn.handler.services.create(job_fields(state), turn.lang)
    except FieldProblem as problem:
        _refused(turn, problem)
        return
    state["created"] = {"id": str(created["id"]), "quote": created["quote"]}
    state["stage"] = DONE
    state["expecting"] = None
    turn.say("created", texts.quick_replies("start", turn.lang), quote=created["quote"],
             status=created["status"])


async def _status(turn: _Turn, kind: str) -> None:
    """A status answer from live data: the port gives ``[{"key", **params}]``; amounts end in
    ``_cents`` and dates are ``date`` objects or ISO strings, formatted here."""
    if kind == "contribution":
        turn.say("status.contribution")
        return
    for item in await turn.handler.services.status(kind, turn.lang):
        params = {}
        for name, value in item.items():
            if name == "key":
                continue
            if name.endswith("_cents"):
                params[name[:-6]] = texts.money(value, turn.lang)
            elif isinstance(value, dt.date):
                params[name] = texts.date(value, turn.lang)
            else:
                params[name] = value
        turn.say(item["key"], **params)
