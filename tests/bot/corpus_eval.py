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


def _read(path: Path) -> tuple[dict, list[dict]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0])["meta"], [json.loads(line) for line in lines[1:] if line.strip()]


def load(lang: str, waves: bool = True) -> tuple[dict, list[dict]]:
    """The language's corpus: the first wave (split by the hash rule before any tuning) and,
    unless ``waves`` is False, the later tuning-only files (``<lang>.wave2.jsonl``: written for
    kinds of message the held-out part missed, every one ``tune``)."""
    meta, records = _read(CORPUS / f"{lang}.jsonl")
    if waves:
        for path in sorted(CORPUS.glob(f"{lang}.wave*.jsonl")):
            records += [{**r, "wave": path.stem.split(".")[1]} for r in _read(path)[1]]
    return meta, records


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
    control = [i for i in u.intents(text) if i in ("cancel", "restart", "help", "handoff")]
    if control:
        return [f"taken as {control[0]}"]
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


# Conversations to a confirmed QuickJob ----------------------------------------------------------

DEFAULTS = {
    "nl": {"function": "fotograaf", "client_name": "Brouwerij De Klok", "amount_cents": 25000},
    "fr": {"function": "photographe", "client_name": "Café Central", "amount_cents": 25000},
    "en": {"function": "photographer", "client_name": "Acme Ltd", "amount_cents": 25000},
}
YES = {"nl": "ja", "fr": "oui", "en": "yes"}
_SAY = {
    "function": {"nl": "het werk is {}", "fr": "le travail est {}", "en": "the work is {}"},
    "client_name": {"nl": "de klant is {}", "fr": "le client est {}", "en": "the client is {}"},
    "amount_cents": {"nl": "het bedrag is {} euro", "fr": "le montant est {} euros",
                     "en": "the amount is {} euros"},
}
_JOIN = {"nl": " en ", "fr": " et ", "en": " and "}
_VAT_MODE = {"included": {"nl": "incl. btw", "fr": "TVAC", "en": "incl. VAT"},
             "excluded": {"nl": "excl. btw", "fr": "HTVA", "en": "excl. VAT"}}
_EXEMPTION = {"export": {"nl": "uitvoer", "fr": "exportation", "en": "export"},
              "intra_eu_reverse_charge": {"nl": "btw verlegd", "fr": "autoliquidation",
                                          "en": "reverse charge"},
              "training": {"nl": "vrijgesteld, opleiding", "fr": "exonéré, formation",
                           "en": "exempt, training"}}
_CATEGORY = {"travel": {"nl": "trein", "fr": "train", "en": "train"},
             "meals": {"nl": "lunch", "fr": "repas", "en": "lunch"},
             "material": {"nl": "materiaal", "fr": "matériel", "en": "materials"},
             "accommodation": {"nl": "hotel", "fr": "hôtel", "en": "hotel"},
             "other": {"nl": "onkosten", "fr": "frais", "en": "expenses"}}
_CONTRACT = {"student": {"nl": "als student", "fr": "en tant qu'étudiant", "en": "as a student"},
             "artist": {"nl": "artiestencontract", "fr": "contrat d'artiste", "en": "artist contract"},
             "artist_1bis": {"nl": "contract 1bis", "fr": "contrat 1bis", "en": "1bis contract"},
             "manual_worker": {"nl": "arbeider", "fr": "ouvrier", "en": "manual worker"}}
COMPARED = ("function", "client_name", "amount_cents", "dates", "vat_mode", "vat_exemption",
            "expenses", "contract_type", "email", "vat_number")


def _euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}" if cents % 100 else str(cents // 100)


def _dates_text(dates: list[str], lang: str) -> str:
    days = [dt.date.fromisoformat(d).strftime("%d/%m") for d in dates]
    return {"nl": "op ", "fr": "le ", "en": "on "}[lang] + _JOIN[lang].join(days)


def _answer(name: str, truth: dict, lang: str) -> str:
    value = truth.get(name)
    if name == "dates":
        return _dates_text(value, lang)
    if name == "amount_cents":
        return _SAY[name][lang].format(_euros(value))
    if name in ("function", "client_name"):
        return _SAY[name][lang].format(value)
    if name == "vat_mode":
        if value == "exempt":
            return _EXEMPTION.get(truth.get("vat_exemption"), _EXEMPTION["export"])[lang]
        return _VAT_MODE[value or "excluded"][lang]
    if name == "vat_exemption":
        return _EXEMPTION[value][lang] if value else {"nl": "21 % btw", "fr": "TVA 21 %",
                                                       "en": "21 % VAT"}[lang]
    if name == "expenses":
        return ", ".join(f"{_CATEGORY[e['category']][lang]} {_euros(e['amount_cents'])} euro"
                         for e in value or [])
    if name == "contract_type":
        return _CONTRACT.get(value, {}).get(lang, "")
    return value or ""


def _same(name: str, want, have) -> bool:
    if name == "function":
        return _norm_function(want) == _norm_function(have)
    if name == "expenses":
        return _norm_expenses(want or []) == _norm_expenses(have or [])
    if name == "vat_mode":
        return (want or "excluded") == (have or "excluded")
    if name == "contract_type":
        return (want or "employee") == (have or "employee")
    return want == have


async def converse(record: dict, today: dt.date, bot_factory, limit: int = 12) -> dict:
    """A simulated worker: sends the corpus message, answers each question from what the message
    meant (defaults for what it did not say), corrects a wrong summary in plain words, says yes
    to a right one. Returns the messages it took and whether the QuickJob is the one meant."""
    lang = record["lang"]
    truth = {**DEFAULTS[lang], **record["facts"]}
    truth.setdefault("dates", [(today + dt.timedelta(days=1)).isoformat()])
    if truth.get("vat_mode") == "exempt" and not truth.get("vat_exemption"):
        truth.update(vat_exemption="export", vat_rate="0")  # the reason the bot asks for
    bot = bot_factory(lang)
    log = []
    text = record["text"]
    for sent in range(1, limit + 1):
        log.append((text, await bot.say(text)))
        state = bot.state
        if bot.services.created:
            created = bot.services.created[0]
            exact = all(_same(n, truth.get(n), created.get(n)) for n in COMPARED)
            return {"messages": sent, "confirmed": True, "exact": exact, "log": log}
        if state["stage"] == "confirm":
            wrong = [n for n in COMPARED if not _same(n, truth.get(n), state["fields"].get(n))]
            text = _answer(wrong[0], truth, lang) if wrong else YES[lang]
            if wrong and not text:
                break
        elif state["expecting"] == "minimum":
            text = YES[lang]
        elif state["expecting"]:
            text = _answer(state["expecting"], truth, lang)
        else:
            text = YES[lang]
    return {"messages": limit, "confirmed": False, "exact": False, "log": log}


def all_facts_given(record: dict, today: dt.date) -> bool:
    facts = record["facts"]
    return all(facts.get(n) for n in ("function", "client_name", "amount_cents", "dates"))


def declarable(record: dict, today: dt.date) -> bool:
    """A QuickJob can be confirmed: no past day (those are explained and handed off)."""
    return all(dt.date.fromisoformat(d) >= today for d in record["facts"].get("dates", []))


async def conversations(bot_factory, langs=LANGS) -> dict:
    """Per language and split: the messages to a confirmed QuickJob of every declarable QuickJob
    message, apart for those that state every required fact and the others."""
    out: dict = {}
    for lang in langs:
        meta, records = load(lang)
        today = today_of(meta)
        for record in records:
            if record["kind"] != "job":
                continue
            part = out.setdefault(lang, {}).setdefault(record["split"], {
                "all_facts": [], "otherwise": [], "past_dates": 0, "confirmed": 0,
                "confirmed_exact": 0, "conversations": 0, "misses": []})
            if not declarable(record, today):
                part["past_dates"] += 1
                continue
            result = await converse(record, today, bot_factory)
            part["conversations"] += 1
            part["confirmed"] += result["confirmed"]
            part["confirmed_exact"] += result["exact"]
            part["all_facts" if all_facts_given(record, today) else "otherwise"].append(
                result["messages"])
            if not result["exact"]:
                part["misses"].append({"id": record["id"], "text": record["text"],
                                       "messages": result["messages"]})
    return out
