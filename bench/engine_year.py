"""Replay Smart Belgium's 2017 year through the calculation engine, on one core.

Volumes from the 2017 annual report (seed 002:347-412): 677,840 declared work days for
22,928 workers, EUR 150M invoiced. Every work day is simulated as a one-day contract
(``backend.engine.simulate``) with a deterministic pseudo-random amount; the amounts sum to
exactly 15,000,000,000 cents (EUR 150M, VAT excluded).

Contract mix (days): the 2017 contract-type table (002:347-355) split with the structure
table (002:361-366): employee 272,702 (= 330,952 minus interim and training days),
interim 37,972, training 20,278 (VAT-exempt, training entity), student 99,018,
artist 228,483, artist_1bis 19,387.

Dates: the rule sets start in 2024, so the 2017 volumes are replayed on the 2025 working-day
calendar with the 2025 rules (not a historical recomputation of 2017 payroll).

Usage::

    .venv/bin/python bench/engine_year.py            # full year
    .venv/bin/python bench/engine_year.py --days 100000

Pure integer input generation (random.Random with a fixed seed, integer weights, exact
largest-remainder scaling), so runs are reproducible to the cent.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.engine import ExpenseInput, RuleBook, SimulationInput, simulate  # noqa: E402

TOTAL_CENTS = 15_000_000_000
DAYS_2017 = 677_840
WORKERS_2017 = 22_928
MIX = [  # (contract type, days in 2017)
    ("employee", 272_702),
    ("interim", 37_972),
    ("training", 20_278),
    ("student", 99_018),
    ("artist", 228_483),
    ("artist_1bis", 19_387),
]
CATEGORIES = ("travel", "meals", "material", "accommodation", "other")


def working_days_2025(book: RuleBook) -> list[date]:
    rs, _ = book.for_date("BE", "smart", date(2025, 6, 1))
    holidays = rs.holidays(2025)
    d, out = date(2025, 1, 1), []
    while d.year == 2025:
        if d.weekday() < 5 and d not in holidays:
            out.append(d)
        d += timedelta(days=1)
    return out


def scaled_amounts(rng: random.Random, n: int, total: int) -> list[int]:
    """n positive integer amounts with a skewed distribution, summing exactly to total."""
    # integer weights: product of two uniforms gives a long right tail (many small, few big jobs)
    bits = rng.getrandbits
    weights = [(20 + bits(7)) * (5 + bits(6)) for _ in range(n)]
    wsum = sum(weights)
    amounts = [total * w // wsum for w in weights]
    short = total - sum(amounts)  # < n: hand out one cent each, deterministically
    for i in range(short):
        amounts[i] += 1
    return amounts


def build_inputs(n: int, seed: int, book: RuleBook) -> list[SimulationInput]:
    rng = random.Random(seed)
    days = working_days_2025(book)
    total = TOTAL_CENTS if n == DAYS_2017 else TOTAL_CENTS * n // DAYS_2017
    amounts = scaled_amounts(rng, n, total)
    types: list[str] = []
    for ct, k in MIX:
        types.extend([ct] * k)
    if n != DAYS_2017:
        types = [types[(i * DAYS_2017) // n] for i in range(n)]
    rng.shuffle(types)
    wh_choices = ["11.11"] * 6 + ["15", "20", "25", "30"]
    inputs = []
    for i in range(n):
        ct = types[i]
        amount = amounts[i]
        kw: dict = {}
        if ct == "training":
            kw["vat_rate"] = "0"
            kw["vat_exemption"] = "training"
        elif ct.startswith("artist") and rng.randrange(10) < 3:
            kw["vat_rate"] = "6"
        if ct != "student":
            kw["withholding_rate"] = rng.choice(wh_choices)
        if rng.randrange(100) < 15 and amount >= 500:
            pct = rng.randint(5, 20)
            kw["expenses"] = (ExpenseInput(amount * pct // 100, rng.choice(CATEGORIES)),)
        inputs.append(
            SimulationInput(
                performance_dates=(days[rng.randrange(len(days))],),
                amount_cents=amount,
                contract_type=ct,
                **kw,
            )
        )
    return inputs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=DAYS_2017, help="number of work days to simulate")
    ap.add_argument("--seed", type=int, default=2017)
    args = ap.parse_args()

    t0 = time.perf_counter()
    book = RuleBook.default()
    inputs = build_inputs(args.days, args.seed, book)
    t1 = time.perf_counter()

    turnover = contribution = expenses = employer = remainder = gross = net = 0
    rule_sets: set[str] = set()
    gc.disable()
    t2 = time.perf_counter()
    for inp in inputs:  # stream: aggregate like a batch job would, keep no result
        r = simulate(inp, book)
        turnover += r.turnover_cents
        contribution += r.contribution_cents
        expenses += r.expenses_cents
        employer += r.employer_cost_cents
        remainder += r.unit_remainder_cents
        gross += r.gross_cents
        net += r.net_cents
        rule_sets.add(r.rule_set)
        if (
            r.turnover_cents
            != r.contribution_cents
            + r.expenses_cents
            + r.employer_cost_cents
            + r.unit_remainder_cents
        ):
            raise AssertionError(f"invariant broken for {inp}")
    t3 = time.perf_counter()
    gc.enable()
    assert turnover == contribution + expenses + employer + remainder, "invariant broken"
    sims = len(inputs)
    sim_s = t3 - t2
    eur = lambda c: f"EUR {c / 100:,.2f}"  # noqa: E731 - display only

    print(f"python {sys.version.split()[0]}, one core, rule sets: {sorted(rule_sets)}")
    print(
        f"work days simulated      : {sims:,} (2017: {DAYS_2017:,} days, {WORKERS_2017:,} workers)"
    )
    print(f"input generation         : {t1 - t0:.2f} s")
    print(
        f"simulate() total         : {sim_s:.2f} s (incl. aggregation and per-result invariant check)"
    )
    print(f"simulations per second   : {sims / sim_s:,.0f}")
    print(f"mean time per simulation : {sim_s / sims * 1e6:.2f} us")
    print(f"end to end               : {t3 - t0:.2f} s")
    print(f"turnover (excl. VAT)     : {eur(turnover)}")
    print(
        f"contribution             : {eur(contribution)} ({contribution * 100 / turnover:.3f} % of turnover)"
    )
    print(f"expenses                 : {eur(expenses)}")
    print(f"employer cost            : {eur(employer)}")
    print(
        f"gross wages              : {eur(gross)} ({gross * 100 / turnover:.1f} % of turnover;"
        f" 2017 actual 50.2 %, 002:407)"
    )
    print(
        f"employer charges         : {(employer - gross) * 100 / gross:.2f} % of gross (2017 actual 51.25 %, 002:407-408)"
    )
    print(f"net wages                : {eur(net)}")
    print(f"left in units            : {eur(remainder)}")
    print("invariant turnover == contribution + expenses + employer cost + remainder: OK")


if __name__ == "__main__":
    main()
