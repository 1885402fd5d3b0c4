"""The annotated corpus (tests/bot/corpus/*.jsonl): loading, and scoring the understanding on it.

A message counts as understood when every fact it states is extracted exactly and nothing else
is: for a QuickJob message all of work, client, kind, e-mail, VAT number, dates, fee, VAT mode,
rate and exemption, expenses and contract type; for the other kinds what they ask for (a money
question with its amount, a status question, an invoice, an expense, a non-answer).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from bot import understanding as u
from bot.normalise import fold

CORPUS = Path(__file__).resolve().parent / "corpus"
LANGS = ("nl", "fr", "en")
JOB_FACTS = u.Facts.NAMES
MONEY_FACTS = ("amount_cents", "dates", "contract_type", "vat_mode", "expenses")


def load(lang: str) -> tuple[dict, list[dict]]:
    lines = (CORPUS / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    meta = json.loads(lines[0])["meta"]
    return meta, [json.loads(line) for line in lines[1:] if line.strip()]


def today_of(meta: dict) -> dt.date:
    return dt.date.fromisoformat(meta["today"])


def _norm_function(value: str | None) -> str | None:
    if value is None:
        return None
    v = fold(value).replace("-", " ").replace("'", " ")
    v = re.sub(r"^(?:een|un|une|a|an|de|het|le|la|les|the|l)\s+", "", v.strip())
    return re.sub(r"\s+", " ", v).strip(" .,!")


def _norm_expenses(items: list[dict]) -> list[tuple]:
    return sorted((e["category"], e["amount_cents"]) for e in items)


def _compare(expected: dict, got: dict, names) -> list[str]:
    wrong = []
    for name in names:
        want, have = expected.get(name), got.get(name)
        if name == "function":
            want, have = _norm_function(want), _norm_function(have)
        elif name == "expenses":
            want, have = _norm_expenses(want or []), _norm_expenses(have or [])
        elif name == "client_name" and want is not None and have is not None:
            want, have = want.strip(), have.strip()
        if want != have:
            wrong.append(f"{name}: want {want!r}, got {have!r}")
    return wrong


def score(record: dict, today: dt.date) -> list[str]:
    """The differences between what the message states and what was understood (empty: exact)."""
    text, lang, kind, facts = record["text"], record["lang"], record["kind"], record["facts"]
    if kind == "non_answer":
        got = u.extract(text, today, lang, expecting=record["expecting"]).as_fields()
        problems = [] if u.is_non_answer(text) else ["not seen as a non-answer"]
        if record["expecting"] in got:
            problems.append(f"took {got[record['expecting']]!r} as {record['expecting']}")
        return problems
    asked = u.intent(text, lang)
    got = u.extract(text, today, lang).as_fields()
    if kind == "job":
        problems = [f"intent {asked}"] if asked else []
        return problems + _compare(facts, got, JOB_FACTS)
    if kind == "money_question":
        problems = [] if asked == "money_question" else [f"intent {asked}"]
        return problems + _compare(facts, got, MONEY_FACTS)
    if kind == "status":
        return [] if asked == record["intent"] else [f"intent {asked}, want {record['intent']}"]
    if kind == "invoice":
        problems = [] if asked == "invoice" else [f"intent {asked}"]
        if "client_name" in facts:
            problems += _compare(facts, got, ("client_name",))
        return problems
    if kind == "expense":
        problems = [] if asked is None else [f"intent {asked}"]
        if not got.get("expenses") or got.get("amount_cents"):
            problems.append("not an expense alone")
        names = ("expenses", "client_name") if "client_name" in facts else ("expenses",)
        return problems + _compare(facts, got, names)
    raise ValueError(kind)


def evaluate(langs=LANGS) -> dict:
    """Per language and split: messages, exact ones, and the misses with their differences."""
    out: dict = {}
    for lang in langs:
        meta, records = load(lang)
        today = today_of(meta)
        per = out.setdefault(lang, {})
        for record in records:
            part = per.setdefault(record["split"], {"messages": 0, "exact": 0, "misses": [],
                                                    "by_kind": {}})
            problems = score(record, today)
            part["messages"] += 1
            kind = part["by_kind"].setdefault(record["kind"], [0, 0])
            kind[0] += 1
            if problems:
                part["misses"].append({"id": record["id"], "text": record["text"],
                                       "problems": problems})
            else:
                part["exact"] += 1
                kind[1] += 1
    return out
