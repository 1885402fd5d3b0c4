"""The chat-bot: how well it understands real first messages, messages to a confirmed QuickJob,
and the server time of each reply on the real app.

Issue 13's goals, on the held-out part of the annotated corpus (tests/bot/corpus, its split
fixed before tuning; the tuning part is reported beside it):

- at least 90 % of first messages have every stated fact extracted exactly;
- a confirmed QuickJob in at most 3 user messages (median) when the first message gives every
  required fact, at most 6 otherwise: a simulated worker sends the corpus message, answers each
  question from what the message meant, corrects a wrong summary in plain words and says yes to
  a right one (dialogue engine on the tests' stub port; messages about a past day are counted
  apart: they are explained and handed to an adviser).

Issue 6's goals, on the real app:

- the number of user messages to complete a QuickJob: **3** when all facts come in one message
  (the script counts a greeting, the facts, which the bot answers with the summary, and "yes";
  without the greeting it is 2) and **at most 10** when the bot asks for them one by one;
- the bot's server-side reply time: **p95 under 50 ms**.

How: the same harness as ``bench/quickjob_flow.py`` (whose helpers it imports): an embedded
PostgreSQL and Redis in a temp folder (or the servers of ``DATABASE_URL`` / ``REDIS_URL``, in a
fresh database ``<name>_botbench``), the migrations, the real app (``create_app``, development
mode, rate limits lifted) with its pool open, driven in-process through ``httpx.ASGITransport``.
Every conversation is a new person (OTP sign-in and, but for the ``new_worker`` script, a name
in the profile as after the app's sign-up; not timed) talking to ``POST /api/v1/bot/messages``. After each message the bench asks ``GET /api/v1/quickjobs``
(not timed) whether the QuickJob exists yet: the message count is the number of user messages
up to and including the one after which it exists.

*Server time* is the time inside the ASGI app (all middleware, the dialogue, the services, the
database) per bot message. Conversations cycle through the three languages and five scripts:
all facts in one message, one by one, one correction before the yes, status questions after a
creation, and a new worker whose name the quote still needs (asked after the yes). Each message is also labelled by what the bot did (``ask``, ``summary``,
``create``, ``status``, ``other``) so the cost of the creating "yes" is visible apart.

Usage::

    .venv/bin/python bench/bot.py                  # 60 conversations + 6 warm-up
    .venv/bin/python bench/bot.py -n 30 --warmup 3
    make bench-bot

Writes ``bench/results/bot.json`` (``--output`` to change). Exit code 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402
from quickjob_flow import (  # noqa: E402
    ServerTimer,
    bench_settings,
    close_app,
    environment,
    next_monday,
    stats,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "bench" / "results" / "bot.json"
API = "/api/v1"
GOAL_ALL_IN_ONE = 3
GOAL_ONE_BY_ONE = 10
GOAL_P95_MS = 50.0
GOAL_EXACT_PERCENT = 90.0
GOAL_MEDIAN_ALL_FACTS = 3
GOAL_MEDIAN_OTHERWISE = 6
LANGS = ("nl", "fr", "en")


def scripts(day: dt.date) -> dict[str, dict[str, list[str]]]:
    """What a person types, per script and language. ``day`` is a working day next week."""
    d = day.strftime("%d/%m/%Y")
    return {
        "all_in_one": {
            "nl": ["Hallo", f"Grafisch ontwerp voor klant Brouwerij De Klok, 1.250,50 € op {d}, "
                            "info@deklok.be", "ja"],
            "fr": ["Bonjour", f"Photographe pour le client Café Central, 250 euros le {d}", "oui"],
            "en": ["Hello", f"Web design for client Acme Ltd, €800 on {d}, 6% VAT", "yes"],
        },
        "one_by_one": {
            "nl": ["ik wil een offerte maken", "fotograaf", "Brouwerij De Klok", "250", d, "ja"],
            "fr": ["je voudrais faire un devis", "photographe", "Café Central", "250 euros", d,
                   "oui"],
            "en": ["I want to make a new quote", "photographer", "Acme Ltd", "€1,250.50", d,
                   "yes"],
        },
        "new_worker": {  # nobody's name in the profile yet: the quote asks it after the yes
            "nl": ["Hallo", f"Fotograaf voor klant Acme, 250 euro op {d}", "ja", "Lena Peeters"],
            "fr": ["Bonjour", f"Photographe pour le client Acme, 250 euros le {d}", "oui",
                   "Lena Peeters"],
            "en": ["Hello", f"Photographer for client Acme, 250 euro on {d}", "yes",
                   "Lena Peeters"],
        },
        "correction": {
            "nl": [f"Fotograaf voor klant Acme, 250 euro op {d}", "nee, 300 euro", "ja"],
            "fr": [f"Photographe pour le client Acme, 250 euros le {d}", "non, 300 euros", "oui"],
            "en": [f"Photographer for client Acme, 250 euro on {d}", "no, 300 euro", "yes"],
        },
        "status": {
            "nl": [f"Fotograaf voor klant Acme, 250 euro op {d}", "ja",
                   "wanneer wordt mijn loon betaald?", "heeft mijn klant betaald?",
                   "hoeveel staat er nog op mijn eenheid?", "waarvoor dient de 6,5 %?"],
            "fr": [f"Photographe pour le client Acme, 250 euros le {d}", "oui",
                   "quand mon salaire est-il payé ?", "mon client a-t-il payé ?",
                   "combien reste-t-il dans mon unité ?", "à quoi sert la contribution de 6,5 % ?"],
            "en": [f"Photographer for client Acme, 250 euro on {d}", "yes",
                   "when is my salary paid?", "has my client paid?",
                   "how much is left in my unit?", "what does the 6.5 % pay for?"],
        },
    }


MARKERS = {  # what the bot did, read from its reply
    "create": ("Klaar!", "C'est fait", "Done!"),
    "summary": ("Samenvatting van je QuickJob", "Résumé de votre QuickJob",
                "Summary of your QuickJob"),
    "ask": ("Welk werk", "Voor welke klant", "Welk bedrag", "Op welke dag", "Quel travail",
            "Pour quel client", "Quel montant", "Quel(s) jour", "What work", "Who is the client",
            "What amount", "On which day"),
    "status": ("loon", "eenheid", "bijdrage", "salaire", "unité", "contribution", "salary",
               "unit", "klant", "client"),
}


def label(reply: str) -> str:
    for kind in ("create", "summary", "ask", "status"):
        if any(m in reply for m in MARKERS[kind]):
            return kind
    return "other"


class Driver:
    def __init__(self, client: httpx.AsyncClient, timer: ServerTimer) -> None:
        self.client = client
        self.timer = timer
        self.baseline: list[float] = []  # server time of GET /quickjobs, for comparison

    async def sign_in(self, phone: str, named: bool = True) -> dict:
        """A new person (not timed); ``named``: their profile has a name, as after the app's
        sign-up (the quote carries it), else the bot asks it before the creation."""
        r = await self.client.post(API + "/auth/otp", json={"phone": phone})
        r.raise_for_status()
        r = await self.client.post(API + "/auth/token",
                                   json={"phone": phone, "code": r.json()["devCode"]})
        r.raise_for_status()
        auth = {"Authorization": f"Bearer {r.json()['accessToken']}"}
        if named:
            r = await self.client.patch(API + "/me", json={"firstName": "Lena",
                                                           "lastName": "Peeters"}, headers=auth)
            r.raise_for_status()
        return auth

    async def jobs(self, auth: dict) -> int:
        r = await self.client.get(API + "/quickjobs", headers=auth)
        r.raise_for_status()
        self.baseline.append(round(self.timer.last_ms, 3))
        return len(r.json()["items"])

    async def conversation(self, i: int, run: str, script: str, lang: str,
                           messages: list[str]) -> dict:
        auth = await self.sign_in(f"+32471{i:06d}", named=script != "new_worker")
        cid = None
        samples = []
        created_after = None
        for n, text in enumerate(messages, 1):
            body = {"text": text, **({"conversationId": cid} if cid else {})}
            request_id = f"{run}-{i}-{n}"
            started = time.perf_counter()
            r = await self.client.post(API + "/bot/messages", json=body, headers={
                **auth, "Accept-Language": "nl", "X-Request-ID": request_id})
            client_ms = (time.perf_counter() - started) * 1000
            if r.status_code != 200:
                raise RuntimeError(f"{script}/{lang} message {n}: {r.status_code} {r.text}")
            data = r.json()
            cid = data["conversationId"]
            reply = "\n".join(x["text"] for x in data["replies"])
            samples.append({"n": n, "kind": label(reply), "server_ms": round(self.timer.last_ms, 3),
                            "client_ms": round(client_ms, 3), "request_id": request_id})
            if created_after is None and await self.jobs(auth):
                created_after = n
        if created_after is None:
            raise RuntimeError(f"{script}/{lang}: no QuickJob after {len(messages)} messages")
        if await self.jobs(auth) != 1:
            raise RuntimeError(f"{script}/{lang}: more than one QuickJob")
        return {"conversation": i, "script": script, "language": lang,
                "messages_to_quickjob": created_after, "messages": samples}


async def drive(settings, conversations: int, warmup: int, log_file: Path) -> dict:
    from backend.app import create_app
    from backend.platform.db import start_pool
    from backend.platform.logging_setup import JsonFormatter

    app = create_app(settings)
    handler = logging.FileHandler(log_file)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().handlers[:] = [handler]
    await start_pool(settings.database_url)
    timer = ServerTimer(app)
    transport = httpx.ASGITransport(app=timer, client=("192.0.2.11", 40001))
    day = next_monday(dt.date.today())
    texts = scripts(day)
    order = [(s, lang) for s in texts for lang in LANGS]
    results = []
    run = uuid.uuid4().hex[:6]
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            driver = Driver(client, timer)
            started = time.perf_counter()
            for i in range(warmup + conversations):
                script, lang = order[i % len(order)]
                conv = await driver.conversation(i, run, script, lang, texts[script][lang])
                conv["warmup"] = i < warmup
                results.append(conv)
            seconds = time.perf_counter() - started
            baseline = driver.baseline[len(driver.baseline) * warmup // (warmup + conversations):]
    finally:
        await close_app(app)
    return {"conversations": results, "seconds": seconds, "performance_date": day.isoformat(),
            "baseline": baseline, "engine": await engine_only(texts)}


async def engine_only(texts: dict, rounds: int = 20) -> dict:
    """The dialogue engine alone (bot/, no HTTP, no database: the tests' stub port), per message."""
    from tests.bot.conftest import Bot

    times = []
    for _ in range(rounds):
        for script in texts.values():
            for messages in script.values():
                bot = Bot()
                for text in messages:
                    started = time.perf_counter()
                    await bot.say(text)
                    times.append((time.perf_counter() - started) * 1000)
    return stats(times)


async def corpus_report() -> dict:
    """The annotated corpus: exact understanding and messages to a QuickJob, per language and
    split (no database: the dialogue engine and the tests' stub port)."""
    from tests.bot import corpus_eval
    from tests.bot.conftest import Bot

    understood = corpus_eval.evaluate()
    talks = await corpus_eval.conversations(lambda lang: Bot(default_language=lang))
    report: dict = {"languages": {}, "splits": {}, "sizes": {}}
    for lang in corpus_eval.LANGS:
        first = len(corpus_eval.load(lang, waves=False)[1])
        report["sizes"][lang] = {"first_wave": first,
                                 "later_tuning": len(corpus_eval.load(lang)[1]) - first}
    for split in ("tune", "held_out"):
        exact = messages = 0
        all_facts: list[int] = []
        otherwise: list[int] = []
        for lang in corpus_eval.LANGS:
            u_part = understood[lang][split]
            c_part = talks[lang][split]
            exact += u_part["exact"]
            messages += u_part["messages"]
            all_facts += c_part["all_facts"]
            otherwise += c_part["otherwise"]
            report["languages"].setdefault(lang, {})[split] = {
                "messages": u_part["messages"], "exact": u_part["exact"],
                "exact_percent": round(100 * u_part["exact"] / u_part["messages"], 1),
                "by_kind": {k: {"messages": v[0], "exact": v[1]} for k, v in u_part["by_kind"].items()},
                # the held-out misses by id and the facts missed only: their messages are not
                # read while tuning (tests/bot/corpus/README.md)
                "misses": u_part["misses"] if split == "tune" else _blind(u_part["misses"]),
                "to_quickjob": {
                    "all_facts_median": _median(c_part["all_facts"]),
                    "all_facts_count": len(c_part["all_facts"]),
                    "otherwise_median": _median(c_part["otherwise"]),
                    "otherwise_count": len(c_part["otherwise"]),
                    "confirmed": c_part["confirmed"], "confirmed_exact": c_part["confirmed_exact"],
                    "conversations": c_part["conversations"], "past_dates": c_part["past_dates"],
                    "misses": c_part["misses"] if split == "tune"
                    else [{"id": m["id"], "messages": m["messages"]} for m in c_part["misses"]]}}
        report["splits"][split] = {
            "messages": messages, "exact": exact, "exact_percent": round(100 * exact / messages, 1),
            "all_facts_median": _median(all_facts), "otherwise_median": _median(otherwise)}
    return report


def _blind(misses: list[dict]) -> list[dict]:
    return [{"id": m["id"], "facts": sorted({p.split(":")[0] for p in m["problems"]})}
            for m in misses]


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def summarise(raw: dict, conversations: int, warmup: int) -> dict:
    measured = [c for c in raw["conversations"] if not c["warmup"]]
    counts: dict = {}
    for script in ("all_in_one", "one_by_one", "correction", "new_worker"):
        counts[script] = {lang: sorted({c["messages_to_quickjob"] for c in raw["conversations"]
                                        if c["script"] == script and c["language"] == lang})
                          for lang in LANGS}
    worst = {s: max(max(v) for v in counts[s].values()) for s in counts}
    messages = [m for c in measured for m in c["messages"]]
    server = [m["server_ms"] for m in messages]
    by_kind = {kind: stats([m["server_ms"] for m in messages if m["kind"] == kind])
               for kind in sorted({m["kind"] for m in messages})}
    by_language = {lang: stats([m["server_ms"] for c in measured if c["language"] == lang
                                for m in c["messages"]]) for lang in LANGS}
    slowest = max(messages, key=lambda m: m["server_ms"])
    p95 = stats(server)["p95_ms"]
    return {
        "benchmark": "bot",
        "goal": ("Issue 6: 3 user messages to a QuickJob with all facts in one message, at most "
                 "10 one by one; the bot's server-side reply time p95 under 50 ms"),
        "environment": environment(),
        "conversations": conversations,
        "warmup_excluded": warmup,
        "performance_date": raw["performance_date"],
        "wall_seconds": round(raw["seconds"], 2),
        "messages_to_quickjob": counts,
        "reply_server_ms": {"all": stats(server),
                            "client_side": stats([m["client_ms"] for m in messages]),
                            "without_create": stats([m["server_ms"] for m in messages
                                                     if m["kind"] != "create"]),
                            "by_kind": by_kind, "by_language": by_language,
                            "baseline_get_quickjobs": stats(raw["baseline"]),
                            "dialogue_engine_only": raw["engine"],
                            "slowest": slowest},
        "corpus": raw["corpus"],
        "goals": {
            **corpus_goals(raw["corpus"]),
            "all_in_one_at_most_3_messages": {"value": worst["all_in_one"],
                                              "limit": GOAL_ALL_IN_ONE,
                                              "met": worst["all_in_one"] <= GOAL_ALL_IN_ONE},
            "one_by_one_at_most_10_messages": {"value": worst["one_by_one"],
                                               "limit": GOAL_ONE_BY_ONE,
                                               "met": worst["one_by_one"] <= GOAL_ONE_BY_ONE},
            "reply_server_p95_under_50_ms": {"value_ms": p95, "limit_ms": GOAL_P95_MS,
                                             "met": p95 < GOAL_P95_MS},
        },
        "samples": raw["conversations"],
    }


def corpus_goals(corpus: dict) -> dict:
    held = corpus["splits"]["held_out"]
    return {
        "held_out_first_messages_exact_at_least_90_percent": {
            "value": held["exact_percent"], "limit": GOAL_EXACT_PERCENT,
            "met": held["exact_percent"] >= GOAL_EXACT_PERCENT},
        "held_out_median_messages_all_facts_at_most_3": {
            "value": held["all_facts_median"], "limit": GOAL_MEDIAN_ALL_FACTS,
            "met": held["all_facts_median"] is not None
            and held["all_facts_median"] <= GOAL_MEDIAN_ALL_FACTS},
        "held_out_median_messages_otherwise_at_most_6": {
            "value": held["otherwise_median"], "limit": GOAL_MEDIAN_OTHERWISE,
            "met": held["otherwise_median"] is not None
            and held["otherwise_median"] <= GOAL_MEDIAN_OTHERWISE},
    }


def print_corpus(corpus: dict) -> None:
    sizes = ", ".join(f"{lang} {n['first_wave']} + {n['later_tuning']}"
                      for lang, n in corpus["sizes"].items())
    print(f"Corpus (tests/bot/corpus; first wave + later tuning messages: {sizes}): "
          "tuned part | held-out part")
    head = (f"{'':<10}{'messages':>9}{'exact %':>9}{'med.all':>8}{'med.oth':>8}{'confirmed':>10}"
            f" | {'messages':>9}{'exact %':>9}{'med.all':>8}{'med.oth':>8}{'confirmed':>10}")
    print(head)
    print("-" * len(head))

    def cells(part: dict) -> str:
        q = part["to_quickjob"]
        return (f"{part['messages']:>9}{part['exact_percent']:>9.1f}{_fmt(q['all_facts_median']):>8}"
                f"{_fmt(q['otherwise_median']):>8}{q['confirmed_exact']:>5}/{q['conversations']:<4}")

    for lang, per in corpus["languages"].items():
        print(f"{lang:<10}{cells(per['tune'])} | {cells(per['held_out'])}")
    t, h = corpus["splits"]["tune"], corpus["splits"]["held_out"]
    print(f"{'all':<10}{t['messages']:>9}{t['exact_percent']:>9.1f}{_fmt(t['all_facts_median']):>8}"
          f"{_fmt(t['otherwise_median']):>8}{'':>10} | {h['messages']:>9}{h['exact_percent']:>9.1f}"
          f"{_fmt(h['all_facts_median']):>8}{_fmt(h['otherwise_median']):>8}")
    print("(med.all / med.oth: median user messages to a confirmed QuickJob when the first message "
          "gives every required fact / otherwise; confirmed: exactly the QuickJob meant)")


def _fmt(value) -> str:
    return "-" if value is None else f"{value:g}"


def print_report(result: dict) -> None:
    def row(name: str, s: dict) -> str:
        return (f"{name:<24}{s['count']:>6}{s['p50_ms']:>10.2f}{s['p95_ms']:>10.2f}"
                f"{s['p99_ms']:>10.2f}{s['max_ms']:>10.2f}")

    print_corpus(result["corpus"])
    print(f"Bot: {result['conversations']} conversations ({result['warmup_excluded']} warm-up "
          f"excluded), performance date {result['performance_date']}")
    print("user messages until the QuickJob exists (per language nl / fr / en):")
    for script, per in result["messages_to_quickjob"].items():
        print(f"  {script:<12} " + " / ".join(",".join(map(str, per[lang])) for lang in LANGS))
    head = f"{'server time (ms)':<24}{'count':>6}{'p50':>10}{'p95':>10}{'p99':>10}{'max':>10}"
    print(head)
    print("-" * len(head))
    times = result["reply_server_ms"]
    print(row("every bot message", times["all"]))
    print(row("  all but the creating yes", times["without_create"]))
    for kind, s in times["by_kind"].items():
        print(row(f"  {kind}", s))
    for lang, s in times["by_language"].items():
        print(row(f"  language {lang}", s))
    print(row("client side", times["client_side"]))
    print(row("GET /quickjobs (baseline)", times["baseline_get_quickjobs"]))
    print(row("dialogue engine alone", times["dialogue_engine_only"]))
    slow = times["slowest"]
    print(f"slowest message: {slow['server_ms']:.2f} ms ({slow['kind']}), request id {slow['request_id']}")
    for name, goal in result["goals"].items():
        value = goal.get("value_ms", goal.get("value"))
        limit = goal.get("limit_ms", goal.get("limit"))
        print(f"goal {name}: {value} (limit {limit}) -> {'MET' if goal['met'] else 'NOT MET'}")


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


async def _fresh_database(base_url: str) -> str:
    import asyncpg

    name = (urlsplit(base_url).path.lstrip("/") or "postgres") + "_botbench"
    conn = await asyncpg.connect(base_url)
    try:
        await conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = $1", name)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return _with_database(base_url, name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--conversations", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=6)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--corpus-only", action="store_true",
                        help="only the annotated corpus (no database, no server timing)")
    args = parser.parse_args(argv)
    if args.corpus_only:
        corpus = asyncio.run(corpus_report())
        print_corpus(corpus)
        goals = corpus_goals(corpus)
        for name, goal in goals.items():
            print(f"goal {name}: {goal['value']} (limit {goal['limit']}) -> "
                  f"{'MET' if goal['met'] else 'NOT MET'}")
        return 0 if all(g["met"] for g in goals.values()) else 1
    if args.conversations < 15 or args.warmup < 0:
        parser.error("--conversations must be >= 15 (every script in every language) and "
                     "--warmup >= 0")

    from backend.platform.embedded import start_postgres, start_redis
    from backend.platform.migrate import migrate

    tmp = Path(tempfile.mkdtemp(prefix="bot-bench-"))
    started = []
    try:
        if os.environ.get("DATABASE_URL"):
            database_url = asyncio.run(_fresh_database(os.environ["DATABASE_URL"]))
        else:
            pg = start_postgres(tmp / "pg", database="bot_bench", port=55652)
            started.append(pg)
            database_url = pg.url
        if os.environ.get("REDIS_URL"):
            redis_url = os.environ["REDIS_URL"]
        else:
            rd = start_redis(tmp / "redis", port=63962, persist=False)
            started.append(rd)
            redis_url = rd.url
        asyncio.run(migrate(database_url))
        settings = bench_settings(database_url, redis_url, tmp / "data")
        raw = asyncio.run(drive(settings, args.conversations, args.warmup, tmp / "access.log"))
        raw["corpus"] = asyncio.run(corpus_report())
    finally:
        for proc in reversed(started):
            proc.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    result = summarise(raw, args.conversations, args.warmup)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1) + "\n")
    print_report(result)
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"results written to {shown}")
    return 0 if all(g["met"] for g in result["goals"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
